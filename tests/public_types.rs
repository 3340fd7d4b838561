//! Every public type can cross threads and panic boundaries: `Send + Sync + UnwindSafe +
//! RefUnwindSafe`, or a comment says why not. A type that loses one of these (a `Cell`,
//! an `Rc`, a raw pointer added to it) fails to compile here, not in a user's program.

use std::panic::{RefUnwindSafe, UnwindSafe};

fn all_four<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}
fn shareable<T: Send + Sync>() {}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    use newswire::article::{
        Acronym, DateExpr, Dateline, PartialDate, Quote, Trailer, TrailerKind, Weekday,
    };
    use newswire::gazetteer::{
        AliasRef, Aliases, DropReason, Dropped, Entities, EntityRef, Format,
    };
    use newswire::records::{
        AcronymRecord, ArticleRecord, DateRecord, DatelineRecord, DocumentRecord, MentionRecord,
        QuoteRecord, Rendered, Shape, SummaryRecord, TrailerRecord,
    };
    use newswire::*;

    // Parsing.
    all_four::<Article>();
    all_four::<Parser>();
    all_four::<ParserBuilder>();
    all_four::<Date>();
    all_four::<Weekday>();
    all_four::<Dateline>();
    all_four::<PartialDate>();
    all_four::<Trailer>();
    all_four::<TrailerKind>();
    all_four::<Acronym>();
    all_four::<Quote>();
    all_four::<DateExpr>();
    all_four::<Span>();
    // The gazetteer.
    all_four::<Gazetteer>();
    all_four::<Entity>();
    all_four::<Alias>();
    all_four::<EntityId>();
    all_four::<AliasFilter>();
    all_four::<DropReason>();
    all_four::<Format>();
    all_four::<EntityRef<'static>>();
    all_four::<AliasRef<'static>>();
    all_four::<Aliases<'static>>();
    all_four::<Entities<'static>>();
    all_four::<Dropped<'static>>();
    // Matching.
    all_four::<Matcher>();
    all_four::<MatcherBuilder>();
    all_four::<Match>();
    all_four::<Matches<'static, 'static>>();
    all_four::<CaseMode>();
    all_four::<Overlaps>();
    // Annotation.
    all_four::<Document>();
    all_four::<Mention>();
    all_four::<EntitySummary>();
    all_four::<Via>();
    // Batches.
    all_four::<batch::BatchBuilder>();
    // A `Batch` owns a rayon thread pool, whose registry keeps the pool's panic and
    // start/exit handlers as `dyn Fn`, which promise nothing about unwinding; a panic inside
    // a batch never escapes it (each article's step runs behind its own boundary).
    shareable::<batch::Batch>();
    // The streams hold their step as a `dyn Fn` (and results that may be an `Error`), which
    // promise nothing about unwinding; they cross threads when their input, keys and
    // results do. A panic inside a step never escapes it.
    shareable::<batch::Stream<'static, std::vec::IntoIter<String>>>();
    shareable::<batch::MapStream<std::vec::IntoIter<(u32, String)>, u32, String, String>>();
    // Records and offsets.
    all_four::<json::Offsets>();
    all_four::<offsets::CharIndex<'static>>();
    all_four::<offsets::Converter<'static>>();
    all_four::<offsets::RecordSpan>();
    all_four::<ArticleRecord>();
    all_four::<DatelineRecord>();
    all_four::<TrailerRecord>();
    all_four::<AcronymRecord>();
    all_four::<QuoteRecord>();
    all_four::<DateRecord>();
    all_four::<DocumentRecord>();
    all_four::<MentionRecord>();
    all_four::<SummaryRecord>();
    all_four::<Shape>();
    all_four::<Rendered<'static, ArticleRecord>>();
    // Errors.
    all_four::<ErrorKind>();
    all_four::<Location>();
    // An `Error` keeps the error that caused it (an I/O error, say) as a
    // `Box<dyn std::error::Error + Send + Sync>`, which promises nothing about unwinding;
    // it crosses threads like any error type.
    shareable::<Error>();
}

#[test]
fn names_parse_back() {
    use newswire::Via;
    use newswire::article::TrailerKind;
    for v in [Via::Gazetteer, Via::Acronym, Via::Coref] {
        assert_eq!(v.as_str().parse::<Via>().unwrap(), v);
    }
    for k in [
        TrailerKind::SignOff,
        TrailerKind::Credit,
        TrailerKind::Promotion,
        TrailerKind::Copyright,
    ] {
        assert_eq!(k.as_str().parse::<TrailerKind>().unwrap(), k);
    }
    assert!("guess".parse::<Via>().is_err() && "footer".parse::<TrailerKind>().is_err());
}
