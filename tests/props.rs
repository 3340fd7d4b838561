//! Invariants across the crate, over wire-like text built from gazetteer names in many
//! spellings, article furniture and arbitrary characters:
//!
//! - every span (article, match, mention) lies inside the text on char boundaries;
//! - sentences are ordered, non-empty, non-overlapping and inside the body;
//! - leftmost-longest matches and mentions never overlap; `all` mode holds every
//!   leftmost-longest match with the same entities;
//! - the same documents from 1 and from N worker threads, in input order, through
//!   [`Batch::annotate`] and [`Batch::stream`];
//! - JSON records in code-point offsets slice (as Python `str` does) to the same text as the
//!   byte-offset records, and the byte-to-char map is monotonic.
//!
//! `PROPTEST_CASES=10000` for a longer hunt.

use std::sync::{Arc, LazyLock};

use newswire::batch::Batch;
use newswire::offsets::CharIndex;
use newswire::{
    AliasFilter, Article, CaseMode, Document, Entity, Gazetteer, Match, Matcher, Overlaps, Span,
    json,
};
use proptest::prelude::*;
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

/// The gazetteer every case matches against: names that overlap, share words, carry
/// diacritics, hyphens, dots and capitals in the middle, and repeat across entities.
fn gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new();
    let entities = [
        Entity::new("pk", "LOC", "Pakistan").with_alias("Islamic Republic of Pakistan"),
        Entity::new("oic", "ORG", "Organisation of Islamic Cooperation")
            .with_alias("OIC")
            .with_alias("Organization of Islamic Cooperation"),
        Entity::new("haque", "PERSON", "Syed Aminul Haque").with_alias("Amin Ul Haque"),
        Entity::new("ny", "LOC", "New York"),
        Entity::new("nyt", "ORG", "New York Times"),
        Entity::new("sp", "LOC", "São Paulo"),
        Entity::new("aq", "ORG", "Al-Qaeda"),
        Entity::new("us", "LOC", "United States")
            .with_alias("U.S.")
            .with_alias("US"),
        Entity::new("ge", "LOC", "Georgia"),
        Entity::new("ge-p", "PERSON", "Georgia"),
        Entity::new("who", "ORG", "World Health Organization").with_alias("WHO"),
        Entity::new("zh", "LOC", "Zürich"),
        Entity::new("isb", "LOC", "Islamabad"),
        Entity::new("bc", "MISC", "Blockchain"),
        Entity::new("smith", "PERSON", "Ann Smith"),
        Entity::new("bj", "LOC", "北京"),
        Entity::new("isl", "LOC", "اسلام آباد"),
    ];
    for e in entities {
        g.add(e).unwrap();
    }
    g
}

fn matchers() -> &'static [(Matcher, Matcher)] {
    static M: LazyLock<Vec<(Matcher, Matcher)>> = LazyLock::new(|| {
        let g = Arc::new(gazetteer());
        let mut out = Vec::new();
        for case in [CaseMode::Smart, CaseMode::Exact, CaseMode::Insensitive] {
            for (variants, fold) in [(true, true), (false, false)] {
                let mut b = Matcher::builder();
                b.case(case)
                    .variants(variants)
                    .fold_diacritics(fold)
                    .filter(AliasFilter::none());
                let longest = b.overlaps(Overlaps::Longest).build(g.clone()).unwrap();
                let all = b.overlaps(Overlaps::All).build(g.clone()).unwrap();
                out.push((longest, all));
            }
        }
        out
    });
    &M
}

fn piece() -> impl Strategy<Value = String> {
    const NAMES: &[&str] = &[
        "Pakistan",
        "PAKISTAN",
        "pakistan",
        "Pakistani",
        "Pakistan-based",
        "Organisation of Islamic Cooperation (OIC)",
        "Organization of  Islamic\nCooperation",
        "OIC’s",
        "oic",
        "Syed Aminul Haque",
        "Syed Amin Ul Haque",
        "Haque",
        "New York Times",
        "New York Timesheet",
        "NEW YORK",
        "São Paulo",
        "Sa\u{0303}o Paulo",
        "Sao\u{00a0}Paulo",
        "SÃO PAULO",
        "Al-Qaeda",
        "Al Qaeda",
        "Al–Qaeda",
        "al-Qaeda",
        "U.S.",
        "US",
        "us",
        "Georgia",
        "World Health Organization (WHO)",
        "WHO",
        "Zu\u{0308}rich",
        "ZÜRICH",
        "Block Chain",
        "blockchain",
        "Ann Smith",
        "Smith",
        "北京市",
        "اسلام آباد",
        "ISLAMABAD, Dec 12 (APP):",
        "WASHINGTON, May 12 (Reuters) - ",
        "GAZA, Dec. 1 (Xinhua) -- ",
        "AUSTIN, Texas (AP) — ",
        "Headline here\n\n",
        "By Jane Doe\n\n",
        " said.",
        " said.The",
        " Mr. Dr. Gen. J. K. Rowling 3.14",
        "\"We will go,\" said a news release.",
        "“Quoted”",
        " on Monday",
        " last three years",
        "\n\n",
        "\n  ",
        "\nReuter\n",
        "\n(Reporting by A. Writer; Editing by B. Editor)",
        "\nEnditem",
        " ",
        ", ",
        ". ",
        "\u{0}",
        "\u{301}",
        "🎉",
        "\r\n",
    ];
    prop_oneof![
        6 => proptest::sample::select(NAMES).prop_map(str::to_string),
        1 => "[a-zA-Z .,'’-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|p| p.concat())
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{} {:?} off the text or its char boundaries (len {})",
        what,
        span,
        text.len()
    );
    Ok(())
}

fn check_article(text: &str, a: &Article) -> Result<(), TestCaseError> {
    check_span(text, a.body(), "body")?;
    for s in a.sentences() {
        check_span(text, *s, "sentence")?;
        prop_assert!(!s.is_empty(), "empty sentence");
        prop_assert!(a.body().contains(*s), "sentence {:?} outside the body", s);
    }
    for w in a.sentences().windows(2) {
        prop_assert!(w[0].end <= w[1].start, "sentences {:?} out of order", w);
    }
    let mut spans: Vec<Span> = Vec::new();
    if let Some(d) = a.dateline() {
        spans.push(d.span());
        spans.extend(d.locations());
        spans.extend(d.date_span());
        spans.extend(d.agency());
        spans.extend(d.separator());
    }
    spans.extend(a.headline());
    spans.extend(a.byline());
    spans.extend(a.paragraphs());
    spans.extend(a.trailers().iter().map(|t| t.span));
    spans.extend(a.acronyms().iter().flat_map(|x| [x.short, x.long]));
    spans.extend(
        a.quotes()
            .iter()
            .flat_map(|q| [Some(q.span), Some(q.content), q.speaker])
            .flatten(),
    );
    spans.extend(a.dates().iter().map(|d| d.span));
    for s in spans {
        check_span(text, s, "article span")?;
    }
    Ok(())
}

fn check_matches(text: &str, found: &[Match], longest: bool) -> Result<(), TestCaseError> {
    for m in found {
        check_span(text, m.span(), "match")?;
        prop_assert!(!m.span().is_empty(), "empty match");
    }
    for w in found.windows(2) {
        if longest {
            prop_assert!(
                w[0].end() <= w[1].start(),
                "longest matches overlap: {:?}",
                w
            );
        } else {
            prop_assert!(
                w[0].start() <= w[1].start(),
                "all-mode matches out of order"
            );
        }
    }
    Ok(())
}

fn check_document(text: &str, doc: &Document, longest: bool) -> Result<(), TestCaseError> {
    check_article(text, doc.article())?;
    for m in doc.mentions() {
        check_span(text, m.span(), "mention")?;
        prop_assert_eq!(m.sentence(), doc.article().sentence_at(m.span().start));
    }
    for w in doc.mentions().windows(2) {
        let (a, b) = (w[0].span(), w[1].span());
        prop_assert!(a.start <= b.start, "mentions out of order");
        if longest {
            prop_assert!(a.end <= b.start, "mentions overlap: {:?} {:?}", a, b);
        }
    }
    Ok(())
}

/// A `{start, end}` pair of the byte record and the char record's pair at the same place.
type Pair = ((u64, u64), (u64, u64));

/// Every `{start, end}` pair of the byte record, in order, with the char record's pair.
fn pairs(b: &Value, c: &Value, out: &mut Vec<Pair>) {
    match (b, c) {
        (Value::Object(bo), Value::Object(co)) => {
            if let (Some(bs), Some(be), Some(cs), Some(ce)) = (
                bo.get("start"),
                bo.get("end"),
                co.get("start"),
                co.get("end"),
            ) {
                out.push((
                    (bs.as_u64().unwrap(), be.as_u64().unwrap()),
                    (cs.as_u64().unwrap(), ce.as_u64().unwrap()),
                ));
            }
            for (k, bv) in bo {
                pairs(bv, &co[k], out);
            }
        }
        (Value::Array(ba), Value::Array(ca)) => {
            assert_eq!(ba.len(), ca.len());
            for (bv, cv) in ba.iter().zip(ca) {
                pairs(bv, cv, out);
            }
        }
        _ => {}
    }
}

/// Char-offset records slice the text as a list of code points (Python's `str`) to what
/// the byte-offset records slice it to as UTF-8.
fn check_units(text: &str, bytes: &str, chars: &str) -> Result<(), TestCaseError> {
    let b: Value = serde_json::from_str(bytes).unwrap();
    let c: Value = serde_json::from_str(chars).unwrap();
    let mut found = Vec::new();
    pairs(&b, &c, &mut found);
    prop_assert!(!found.is_empty(), "the body at least is a pair");
    let code_points: Vec<char> = text.chars().collect();
    for ((bs, be), (cs, ce)) in found {
        let by_bytes = text.get(bs as usize..be as usize);
        prop_assert!(by_bytes.is_some(), "byte pair {}..{} off the text", bs, be);
        prop_assert!(
            cs <= ce && ce as usize <= code_points.len(),
            "char pair {}..{}",
            cs,
            ce
        );
        let by_chars: String = code_points[cs as usize..ce as usize].iter().collect();
        prop_assert_eq!(by_bytes.unwrap(), by_chars.as_str());
    }
    // The record's `text` of each mention is that same slice.
    if let Some(ms) = c.get("mentions").and_then(Value::as_array) {
        for m in ms {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            let slice: String = code_points[s as usize..e as usize].iter().collect();
            prop_assert_eq!(m["text"].as_str().unwrap(), slice.as_str());
        }
    }
    Ok(())
}

fn batches() -> &'static [Batch; 2] {
    static B: LazyLock<[Batch; 2]> = LazyLock::new(|| {
        [
            Batch::builder().threads(1).chunk_size(3).build().unwrap(),
            Batch::builder().threads(4).chunk_size(2).build().unwrap(),
        ]
    });
    &B
}

fn records(texts: &[String], docs: Vec<newswire::Result<Document>>) -> Vec<String> {
    texts
        .iter()
        .zip(docs)
        .map(|(t, d)| json::document_to_string(None, t, &d.unwrap(), json::Offsets::Bytes))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn spans_sound_and_longest_within_all(text in text()) {
        for (longest, all) in matchers() {
            let l = longest.find(&text);
            let a = all.find(&text);
            check_matches(&text, &l, true)?;
            check_matches(&text, &a, false)?;
            for m in &l {
                prop_assert!(
                    a.iter().any(|x| x.span() == m.span() && x.entities() == m.entities()),
                    "longest match {:?} missing from all mode ({:?} {:?})",
                    m, longest.case(), longest.variants()
                );
            }
        }
    }

    #[test]
    fn documents_sound_in_both_units(text in text()) {
        for (longest, all) in &matchers()[..2] {
            for (m, is_longest) in [(longest, true), (all, false)] {
                let doc = m.annotate(&text);
                check_document(&text, &doc, is_longest)?;
                let bytes = json::document_to_string(Some("x"), &text, &doc, json::Offsets::Bytes);
                let chars = json::document_to_string(Some("x"), &text, &doc, json::Offsets::Chars);
                check_units(&text, &bytes, &chars)?;
                // A document without the matcher's work: the article record alone.
                let a = json::article_to_string(None, &text, doc.article(), json::Offsets::Bytes);
                let c = json::article_to_string(None, &text, doc.article(), json::Offsets::Chars);
                check_units(&text, &a, &c)?;
            }
        }
    }

    #[test]
    fn one_thread_and_many_agree(texts in prop::collection::vec(text(), 0..12)) {
        let matcher = &matchers()[0].0;
        let [one, many] = batches();
        let a = records(&texts, one.annotate(matcher, &texts));
        let b = records(&texts, many.annotate(matcher, &texts));
        prop_assert_eq!(&a, &b);
        let streamed: Vec<String> = many
            .stream(matcher, texts.iter())
            .map(|(t, d)| json::document_to_string(None, t, &d.unwrap(), json::Offsets::Bytes))
            .collect();
        prop_assert_eq!(&a, &streamed);
        // And the same as annotating one at a time, with no batch at all.
        let plain: Vec<String> = texts
            .iter()
            .map(|t| json::document_to_string(None, t, &matcher.annotate(t), json::Offsets::Bytes))
            .collect();
        prop_assert_eq!(&a, &plain);
    }

    #[test]
    fn char_offsets_monotonic(text in text()) {
        let index = CharIndex::new(&text);
        let mut last = 0;
        for (n, (b, _)) in text.char_indices().enumerate() {
            let c = index.char_offset(b);
            prop_assert_eq!(c, n);
            prop_assert!(c >= last);
            last = c;
        }
        prop_assert_eq!(index.char_len(), text.chars().count());
        prop_assert_eq!(index.char_offset(text.len() + 10), text.chars().count());
    }
}
