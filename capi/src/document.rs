//! `nw_document`: an annotated article, read field by field or as JSON.

use std::ptr;

use nw::gazetteer::EntityRef;
use nw::json::{Offsets, document_to_string};
use nw::{Article, Document, Matcher, Via};

use crate::boundary::{
    Fail, clear_out, free_box, handle, opt_str_arg, out_ptr, put_count, put_handle, run,
};
use crate::{nw_article, nw_error, nw_span, nw_status, nw_string};

/// An annotated article: the parsed article plus every gazetteer mention and a summary
/// per entity.
///
/// Thread safety: not to be used from two threads at once without locking (distinct
/// documents may be used on distinct threads freely, and may be freed on another thread
/// than the one that made them). Lifetime: owns a copy of its text and keeps its
/// gazetteer's entities alive, so it may outlive the matcher and the gazetteer that made
/// it; freed with `nw_document_free`. Every pointer read from it (the article, entity ids,
/// kinds and names) is valid until then.
pub struct nw_document {
    text: String,
    doc: Document,
    /// Points into `text` and `doc` above; made once the document is boxed.
    view: nw_article,
}

// SAFETY: `view` points only into this same allocation, which moves between threads whole.
unsafe impl Send for nw_document {}

impl nw_document {
    /// Copy `text`, parse and annotate it.
    pub(crate) fn annotate(matcher: &Matcher, text: &str) -> Box<nw_document> {
        let text = text.to_owned();
        let doc = matcher.annotate(&text);
        let mut boxed = Box::new(nw_document {
            text,
            doc,
            view: nw_article::owned(String::new(), Article::default()),
        });
        // The box never moves its contents again, so the view stays valid until it is freed.
        boxed.view = nw_article::view(&boxed.text, boxed.doc.article());
        boxed
    }
}

/// One candidate entity of a mention (or a gazetteer entry). `id`, `kind` and `name` are
/// UTF-8 views (not NUL-terminated) borrowed from the document (or gazetteer) they were
/// read from, valid until it is freed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nw_entity {
    /// The entity's index in its gazetteer (`nw_gazetteer_entity`).
    pub index: usize,
    /// The entity's id string.
    pub id: *const u8,
    /// Length of `id` in bytes.
    pub id_len: usize,
    /// The kind (`PERSON`, `ORG`, `LOC`, ...).
    pub kind: *const u8,
    /// Length of `kind` in bytes.
    pub kind_len: usize,
    /// The canonical name.
    pub name: *const u8,
    /// Length of `name` in bytes.
    pub name_len: usize,
}

impl From<EntityRef<'_>> for nw_entity {
    /// The views borrow from the gazetteer, which every document keeps alive (through an
    /// `Arc`) and which never moves its strings: they stay valid as long as the handle they
    /// were read from.
    fn from(e: EntityRef<'_>) -> nw_entity {
        nw_entity {
            index: e.index().index(),
            id: e.id().as_ptr(),
            id_len: e.id().len(),
            kind: e.kind().as_ptr(),
            kind_len: e.kind().len(),
            name: e.name().as_ptr(),
            name_len: e.name().len(),
        }
    }
}

/// How a mention was found.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum nw_via {
    /// A gazetteer name or alias.
    NW_VIA_GAZETTEER = 0,
    /// An acronym the article defines for a gazetteer entity.
    NW_VIA_ACRONYM = 1,
    /// A later short mention (a surname, a short form) of an entity named in full before.
    NW_VIA_COREF = 2,
}

impl nw_via {
    fn from_core(via: Via) -> Result<nw_via, Fail> {
        Ok(match via {
            Via::Gazetteer => nw_via::NW_VIA_GAZETTEER,
            Via::Acronym => nw_via::NW_VIA_ACRONYM,
            Via::Coref => nw_via::NW_VIA_COREF,
            // Non-exhaustive in the core: see `nw_trailer_kind`'s conversion.
            other => return Err(Fail::unnamed(other)),
        })
    }
}

/// One mention: where it is, how it was found, the sentence it is in and how many
/// candidate entities it has (read them with `nw_document_mention_entity`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nw_mention {
    /// Where it is in the document's text.
    pub span: nw_span,
    /// How it was found.
    pub via: nw_via,
    /// Whether it lies in a sentence of the body (not in the dateline, headline, ...).
    pub has_sentence: bool,
    /// The index of that sentence, when `has_sentence`; 0 otherwise.
    pub sentence: usize,
    /// The number of candidate entities (more than one for an ambiguous alias).
    pub entity_count: usize,
}

/// One entity's mentions in a document, summed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nw_entity_summary {
    /// The entity (views borrowed from the document).
    pub entity: nw_entity,
    /// How many mentions name it.
    pub count: usize,
    /// Its first mention.
    pub first: nw_span,
    /// Whether it is mentioned in the dateline.
    pub in_dateline: bool,
    /// Whether it is mentioned in the headline.
    pub in_headline: bool,
    /// Whether it is mentioned in the lead (the first paragraph of the body).
    pub in_lead: bool,
}

fn document<'a>(doc: *const nw_document) -> Result<&'a nw_document, Fail> {
    // SAFETY: the caller passes NULL or a live document.
    unsafe { handle(doc, "document") }
}

/// Free a document. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_free(document: *mut nw_document) {
    // SAFETY: the caller passes NULL or a document it owns, once.
    run("nw_document_free", ptr::null_mut(), || unsafe {
        free_box(document)
    });
}

/// The document's parsed article, borrowed: read it with the `nw_article_` functions
/// (`nw_article_text` gives the document's text). Valid until `nw_document_free`; never
/// free it itself.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_article(
    document_: *const nw_document,
    out: *mut *const nw_article,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_article", err, || {
        let out = out_ptr(out, "out")?;
        let d = document(document_)?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(&d.view) };
        Ok(())
    })
}

/// The number of mentions.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_mention_count(
    document_: *const nw_document,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_mention_count", err, || unsafe {
        put_count(document(document_)?.doc.mentions().len(), out)
    })
}

/// The mention at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), in text order.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_mention(
    document_: *const nw_document,
    index: usize,
    out: *mut nw_mention,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_mention", err, || {
        let d = document(document_)?;
        let out = out_ptr(out, "out")?;
        let m = Fail::nth(d.doc.mentions(), index, "mention")?;
        let value = nw_mention {
            span: m.span().into(),
            via: nw_via::from_core(m.via())?,
            has_sentence: m.sentence().is_some(),
            sentence: m.sentence().unwrap_or(0),
            entity_count: m.entities().len(),
        };
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(value) };
        Ok(())
    })
}

/// Candidate `entity` (0 to the mention's `entity_count` - 1) of mention `index`;
/// `NW_ERR_RANGE` when either is out of range. The views in `*out` are borrowed from the
/// document.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_mention_entity(
    document_: *const nw_document,
    index: usize,
    entity: usize,
    out: *mut nw_entity,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_mention_entity", err, || {
        let d = document(document_)?;
        let out = out_ptr(out, "out")?;
        let m = Fail::nth(d.doc.mentions(), index, "mention")?;
        let id = *Fail::nth(m.entities(), entity, "mention entity")?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(nw_entity::from(d.doc.entity(id))) };
        Ok(())
    })
}

/// The number of distinct entities mentioned (summary entries).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_entity_count(
    document_: *const nw_document,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_entity_count", err, || unsafe {
        put_count(document(document_)?.doc.entities().len(), out)
    })
}

/// The summary entry at `index` (0 to count - 1; `NW_ERR_RANGE` otherwise), in order of
/// first mention. The entity views in `*out` are borrowed from the document.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_entity(
    document_: *const nw_document,
    index: usize,
    out: *mut nw_entity_summary,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_entity", err, || {
        let d = document(document_)?;
        let out = out_ptr(out, "out")?;
        let s = Fail::nth(d.doc.entities(), index, "entity")?;
        let value = nw_entity_summary {
            entity: nw_entity::from(d.doc.entity(s.entity())),
            count: s.count(),
            first: s.first().into(),
            in_dateline: s.in_dateline(),
            in_headline: s.in_headline(),
            in_lead: s.in_lead(),
        };
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(value) };
        Ok(())
    })
}

/// The document as one JSON record with byte offsets: the article's fields plus
/// `mentions` and `entities`. `id` is `id_len` bytes of UTF-8, or NULL for no id. `*out`
/// gets a new string to free with `nw_string_free`; on failure it is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_document_to_json(
    document_: *const nw_document,
    id: *const u8,
    id_len: usize,
    out: *mut *mut nw_string,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_document_to_json", err, || {
        let out = clear_out(out)?;
        let d = document(document_)?;
        let id = unsafe { opt_str_arg(id, id_len, "id") }?;
        let json = document_to_string(id, &d.text, &d.doc, Offsets::Bytes);
        put_handle(out, nw_string::new(json));
        Ok(())
    })
}
