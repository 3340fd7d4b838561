//! `nw_article`: a parsed article, read field by field or as JSON.

use std::ptr;

use nw::article::{Dateline, TrailerKind};
use nw::json::{Offsets, article_to_string};
use nw::{Article, Date, Parser};

use crate::boundary::{
    Fail, clear_out, free_box, handle, opt_str_arg, out_ptr, put_count, put_handle, put_index,
    put_opt_span, run, str_arg,
};
use crate::{nw_error, nw_span, nw_status, nw_string};

/// A parsed article: dateline, headline, byline, body, paragraphs, sentences, trailers,
/// acronym definitions, quotes and date expressions, as byte spans into its text.
///
/// Thread safety: not to be used from two threads at once without locking (distinct
/// articles may be used on distinct threads freely). Lifetime: an article made by
/// `nw_article_parse` owns a copy of its text and depends on nothing else; free it with
/// `nw_article_free`. The article of a document (`nw_document_article`) is borrowed from
/// the document: it is valid until `nw_document_free` and must not be freed itself.
pub struct nw_article {
    repr: Repr,
}

enum Repr {
    Owned {
        text: String,
        article: Box<Article>,
    },
    /// Borrowed from the `nw_document` that holds this value, which owns both targets and
    /// is never moved after the view is made.
    View {
        text: *const str,
        article: *const Article,
    },
}

// SAFETY: a view points only into the document that contains it and is sent with it;
// `Owned` is plain data.
unsafe impl Send for nw_article {}

impl nw_article {
    pub(crate) fn owned(text: String, article: Article) -> nw_article {
        nw_article {
            repr: Repr::Owned {
                text,
                article: Box::new(article),
            },
        }
    }

    /// A view of data that must outlive it and stay in place.
    pub(crate) fn view(text: &str, article: &Article) -> nw_article {
        nw_article {
            repr: Repr::View { text, article },
        }
    }

    pub(crate) fn parts(&self) -> (&str, &Article) {
        match &self.repr {
            Repr::Owned { text, article } => (text, article),
            // SAFETY: see `Repr::View`: the targets live as long as `self`.
            Repr::View { text, article } => unsafe { (&**text, &**article) },
        }
    }
}

/// A calendar date. `month` and `day` are 0 when not known; `year` is meaningful only when
/// `has_year` is true.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct nw_date {
    /// The year, when `has_year`.
    pub year: i32,
    /// Month, 1 to 12; 0 when not known.
    pub month: u8,
    /// Day of the month, 1 to 31; 0 when not known.
    pub day: u8,
    /// Whether the year was written or inferred from a reference date.
    pub has_year: bool,
}

/// What a trailer is.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum nw_trailer_kind {
    /// An agency sign-off or end mark: `Reuter`, `REUTER`, `Enditem`, `-30-`, `MORE`.
    NW_TRAILER_SIGN_OFF = 0,
    /// A reporting credit: `(Reporting by ...; Editing by ...)`.
    NW_TRAILER_CREDIT = 1,
    /// A promotion line.
    NW_TRAILER_PROMOTION = 2,
    /// A copyright line.
    NW_TRAILER_COPYRIGHT = 3,
}

impl nw_trailer_kind {
    fn from_core(kind: TrailerKind) -> Result<nw_trailer_kind, Fail> {
        Ok(match kind {
            TrailerKind::SignOff => nw_trailer_kind::NW_TRAILER_SIGN_OFF,
            TrailerKind::Credit => nw_trailer_kind::NW_TRAILER_CREDIT,
            TrailerKind::Promotion => nw_trailer_kind::NW_TRAILER_PROMOTION,
            TrailerKind::Copyright => nw_trailer_kind::NW_TRAILER_COPYRIGHT,
            // The core's enum is non-exhaustive: a kind it gains before this layer names it
            // is a bug here, reported as one rather than as a wrong kind.
            other => return Err(Fail::unnamed(other)),
        })
    }
}

fn parse_into(
    text: *const u8,
    len: usize,
    parser: impl FnOnce() -> Result<Option<Parser>, Fail>,
    out: *mut *mut nw_article,
) -> Result<(), Fail> {
    let out = clear_out(out)?;
    // SAFETY: forwarded from the caller.
    let text = unsafe { str_arg(text, len, "text") }?.to_owned();
    let article = match parser()? {
        Some(parser) => parser.parse(&text),
        None => Article::parse(&text),
    };
    put_handle(out, nw_article::owned(text, article));
    Ok(())
}

/// Parse one article (`len` bytes of UTF-8 at `text`; NULL allowed when `len` is 0). The
/// article copies the text. Any valid text parses (the empty text gives an empty article);
/// invalid UTF-8 gives `NW_ERR_UTF8` with the byte offset. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_parse(
    text: *const u8,
    len: usize,
    out: *mut *mut nw_article,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_parse", err, || {
        parse_into(text, len, || Ok(None), out)
    })
}

/// Parse one article as `nw_article_parse` does, with a reference date (the day the copy
/// was filed, or near it) that gives datelines and dates without a year their year.
/// An impossible date gives `NW_ERR_OPTION`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_parse_with_date(
    text: *const u8,
    len: usize,
    year: i32,
    month: u32,
    day: u32,
    out: *mut *mut nw_article,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_parse_with_date", err, || {
        let parser = || {
            let bad = || {
                Fail::new(
                    nw_status::NW_ERR_OPTION,
                    format!("no such date: {year}-{month}-{day}"),
                )
            };
            let month = u8::try_from(month).map_err(|_| bad())?;
            let day = u8::try_from(day).map_err(|_| bad())?;
            let date = Date::new(year, month, day)?;
            Ok(Some(Parser::builder().reference_date(date).build()))
        };
        parse_into(text, len, parser, out)
    })
}

/// Free an article made by `nw_article_parse`. NULL is allowed and does nothing, and so
/// does the article borrowed from a document.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_free(article: *mut nw_article) {
    run("nw_article_free", ptr::null_mut(), || {
        // SAFETY: the caller passes NULL or an article it got from this library.
        if let Some(a) = unsafe { article.as_ref() }
            && matches!(a.repr, Repr::View { .. })
        {
            return Ok(());
        }
        // SAFETY: an owned article came from `Box::into_raw`; the caller frees it once.
        unsafe { free_box(article) }
    });
}

fn article<'a>(article: *const nw_article) -> Result<(&'a str, &'a Article), Fail> {
    // SAFETY: the caller passes NULL or a live article.
    unsafe { handle(article, "article") }.map(nw_article::parts)
}

/// The article's text: `*ptr` gets its first byte (owned by the article, not
/// NUL-terminated), `*len` its length in bytes. Every span of the article indexes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_text(
    article_: *const nw_article,
    ptr: *mut *const u8,
    len: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_text", err, || {
        let (text, _) = article(article_)?;
        let ptr = out_ptr(ptr, "ptr")?;
        let len = out_ptr(len, "len")?;
        // SAFETY: both checked for NULL; the caller guarantees they are writable.
        unsafe {
            ptr.write(text.as_ptr());
            len.write(text.len());
        }
        Ok(())
    })
}

/// The headline (a first short line followed by a blank line). `*found` says whether there
/// is one; when not, `*out` is `{0, 0}`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_headline(
    article_: *const nw_article,
    out: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_headline", err, || unsafe {
        put_opt_span(article(article_)?.1.headline(), out, found)
    })
}

/// The byline (`By ...`). `*found` says whether there is one; when not, `*out` is `{0, 0}`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_byline(
    article_: *const nw_article,
    out: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_byline", err, || unsafe {
        put_opt_span(article(article_)?.1.byline(), out, found)
    })
}

/// The body: everything after dateline, headline and byline, up to the first trailer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_body(
    article_: *const nw_article,
    out: *mut nw_span,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_body", err, || {
        let body = article(article_)?.1.body();
        let out = out_ptr(out, "out")?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(body.into()) };
        Ok(())
    })
}

/// The number of paragraphs of the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_paragraph_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_paragraph_count", err, || {
        let a = article(article_)?.1;
        unsafe { put_count(a.paragraphs().len(), out) }
    })
}

/// The paragraph at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), in text order.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_paragraph(
    article_: *const nw_article,
    index: usize,
    out: *mut nw_span,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_paragraph", err, || {
        let a = article(article_)?.1;
        unsafe { put_index(a.paragraphs(), index, "paragraph", out, nw_span::from) }
    })
}

/// The number of sentences of the body (dateline, headline, byline and trailers are in none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_sentence_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_sentence_count", err, || {
        let a = article(article_)?.1;
        unsafe { put_count(a.sentences().len(), out) }
    })
}

/// The sentence at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), in text order.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_sentence(
    article_: *const nw_article,
    index: usize,
    out: *mut nw_span,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_sentence", err, || {
        let a = article(article_)?.1;
        unsafe { put_index(a.sentences(), index, "sentence", out, nw_span::from) }
    })
}

/// The number of places in the dateline (`PORTLAND, Ore.` has 2); 0 without a dateline.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline_location_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline_location_count", err, || {
        let a = article(article_)?.1;
        unsafe { put_count(a.dateline().map_or(&[][..], Dateline::locations).len(), out) }
    })
}

/// The dateline place at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), as written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline_location(
    article_: *const nw_article,
    index: usize,
    out: *mut nw_span,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline_location", err, || {
        let a = article(article_)?.1;
        unsafe {
            put_index(
                a.dateline().map_or(&[][..], Dateline::locations),
                index,
                "dateline location",
                out,
                nw_span::from,
            )
        }
    })
}

/// The index of the sentence containing byte `offset`. `*found` says whether one does;
/// when not, `*index` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_sentence_at(
    article_: *const nw_article,
    offset: usize,
    index: *mut usize,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_sentence_at", err, || {
        let a = article(article_)?.1;
        let index = out_ptr(index, "index")?;
        let found = out_ptr(found, "found")?;
        let hit = a.sentence_at(offset);
        // SAFETY: both checked for NULL; the caller guarantees they are writable.
        unsafe {
            index.write(hit.unwrap_or(0));
            found.write(hit.is_some());
        }
        Ok(())
    })
}

/// The number of trailers (sign-offs, credits, promotion and copyright lines).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_trailer_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_trailer_count", err, || unsafe {
        put_count(article(article_)?.1.trailers().len(), out)
    })
}

/// The trailer at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise): its span and kind.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_trailer(
    article_: *const nw_article,
    index: usize,
    span: *mut nw_span,
    kind: *mut nw_trailer_kind,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_trailer", err, || {
        let a = article(article_)?.1;
        let kind = out_ptr(kind, "kind")?;
        unsafe { put_index(a.trailers(), index, "trailer", span, |t| t.span.into()) }?;
        let t = a.trailers()[index];
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { kind.write(nw_trailer_kind::from_core(t.kind)?) };
        Ok(())
    })
}

/// The whole dateline, separator included. `*found` says whether the copy opens with one;
/// when not, `*out` is `{0, 0}` and the other dateline readers report nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline(
    article_: *const nw_article,
    out: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline", err, || unsafe {
        put_opt_span(
            article(article_)?.1.dateline().map(Dateline::span),
            out,
            found,
        )
    })
}

/// The dateline's date and where it is written. `*found` says whether the dateline has a
/// date; when not, `*date` is all zero and `*span` is `{0, 0}`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline_date(
    article_: *const nw_article,
    date: *mut nw_date,
    span: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline_date", err, || {
        let dateline = article(article_)?.1.dateline();
        let date = out_ptr(date, "date")?;
        let value = dateline.and_then(Dateline::date);
        let value_span = dateline.and_then(Dateline::date_span);
        unsafe { put_opt_span(value_span, span, found) }?;
        let d = value.map_or_else(nw_date::default, |d| nw_date {
            year: d.year.unwrap_or(0),
            month: d.month,
            day: d.day,
            has_year: d.year.is_some(),
        });
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe {
            date.write(d);
            // The date decides presence even if a parser ever gave one without the other.
            found.write(value.is_some());
        }
        Ok(())
    })
}

/// The agency inside the dateline's parentheses, without them (`Reuters`, `APP`). `*found`
/// says whether there is one; when not, `*out` is `{0, 0}`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline_agency(
    article_: *const nw_article,
    out: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline_agency", err, || unsafe {
        put_opt_span(
            article(article_)?.1.dateline().and_then(Dateline::agency),
            out,
            found,
        )
    })
}

/// The dateline's separator (`-`, `--`, `—`, `:`). `*found` says whether there is one;
/// when not, `*out` is `{0, 0}`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_dateline_separator(
    article_: *const nw_article,
    out: *mut nw_span,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_dateline_separator", err, || unsafe {
        put_opt_span(
            article(article_)?
                .1
                .dateline()
                .and_then(Dateline::separator),
            out,
            found,
        )
    })
}

/// The number of inline acronym definitions (`Organization of Islamic Cooperation (OIC)`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_acronym_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_acronym_count", err, || unsafe {
        put_count(article(article_)?.1.acronyms().len(), out)
    })
}

/// The acronym definition at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise): the short
/// form without parentheses and the long form.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_acronym(
    article_: *const nw_article,
    index: usize,
    short_form: *mut nw_span,
    long_form: *mut nw_span,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_acronym", err, || {
        let a = article(article_)?.1;
        let long_form = out_ptr(long_form, "long_form")?;
        unsafe {
            put_index(a.acronyms(), index, "acronym", short_form, |x| {
                x.short.into()
            })
        }?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { long_form.write(a.acronyms()[index].long.into()) };
        Ok(())
    })
}

/// The number of quotations.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_quote_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_quote_count", err, || unsafe {
        put_count(article(article_)?.1.quotes().len(), out)
    })
}

/// The quotation at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), quote marks
/// included, and its speaker when a cue names one (`*has_speaker`; `{0, 0}` otherwise).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_quote(
    article_: *const nw_article,
    index: usize,
    span: *mut nw_span,
    speaker: *mut nw_span,
    has_speaker: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_quote", err, || {
        let a = article(article_)?.1;
        out_ptr(speaker, "speaker")?;
        out_ptr(has_speaker, "has_speaker")?;
        unsafe { put_index(a.quotes(), index, "quote", span, |q| q.span.into()) }?;
        unsafe { put_opt_span(a.quotes()[index].speaker, speaker, has_speaker) }
    })
}

/// The number of date expressions (`Dec 12`, `on Monday`, `last three years`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_date_count(
    article_: *const nw_article,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_date_count", err, || unsafe {
        put_count(article(article_)?.1.dates().len(), out)
    })
}

/// The date expression at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise) and what it
/// resolves to (fields 0 or `has_year` false where not known).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_date(
    article_: *const nw_article,
    index: usize,
    span: *mut nw_span,
    date: *mut nw_date,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_date", err, || {
        let a = article(article_)?.1;
        let date = out_ptr(date, "date")?;
        unsafe { put_index(a.dates(), index, "date", span, |d| d.span.into()) }?;
        let d = a.dates()[index];
        let value = nw_date {
            year: d.year.unwrap_or(0),
            month: d.month.unwrap_or(0),
            day: d.day.unwrap_or(0),
            has_year: d.year.is_some(),
        };
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { date.write(value) };
        Ok(())
    })
}

/// The article as one JSON record with byte offsets (`id` when given, `dateline`,
/// `headline`, `byline`, `paragraphs`, `sentences`, `trailers`, `acronyms`, `quotes`,
/// `dates`). `id` is `id_len` bytes of UTF-8, or NULL for no id. `*out` gets a new string
/// to free with `nw_string_free`; on failure it is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_article_to_json(
    article_: *const nw_article,
    id: *const u8,
    id_len: usize,
    out: *mut *mut nw_string,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_article_to_json", err, || {
        let out = clear_out(out)?;
        let (text, a) = article(article_)?;
        let id = unsafe { opt_str_arg(id, id_len, "id") }?;
        let json = article_to_string(id, text, a, Offsets::Bytes);
        put_handle(out, nw_string::new(json));
        Ok(())
    })
}
