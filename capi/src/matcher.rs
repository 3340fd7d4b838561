//! `nw_matcher_options`, `nw_matcher`, and annotating one or many texts.

use std::ptr;
use std::sync::Arc;

use nw::batch::Batch;
use nw::{CaseMode, Matcher, MatcherBuilder, Overlaps};

use crate::boundary::{Fail, clear_out, free_box, handle, out_ptr, put_handle, run, str_arg};
use crate::{nw_document, nw_error, nw_gazetteer, nw_status, nw_str};

/// Case modes for `nw_matcher_options_set_case`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum nw_case_mode {
    /// Case-insensitive, except that acronym aliases (`US`, `OIC`) need their capitals and
    /// a capital in an alias needs a capital at the start of the text word. The default.
    NW_CASE_SMART = 0,
    /// Exactly as written (after the other normalisations).
    NW_CASE_EXACT = 1,
    /// Any case.
    NW_CASE_INSENSITIVE = 2,
}

/// Overlap modes for `nw_matcher_options_set_overlaps`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum nw_overlaps {
    /// Leftmost-longest among the candidates that pass every check. The default.
    NW_OVERLAPS_LONGEST = 0,
    /// Every candidate.
    NW_OVERLAPS_ALL = 1,
}

/// Options for `nw_matcher_new`, all defaulted by `nw_matcher_options_new`.
///
/// Thread safety: not to be used from two threads at once without locking. Lifetime: owned
/// by the caller, freed with `nw_matcher_options_free`; a matcher keeps no reference to it.
pub struct nw_matcher_options {
    builder: MatcherBuilder,
}

/// New options with the defaults: smart case, longest overlaps, spacing variants on,
/// diacritic folding on, the gazetteer's own alias filter. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_new(
    out: *mut *mut nw_matcher_options,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_new", err, || {
        let out = clear_out(out)?;
        put_handle(
            out,
            nw_matcher_options {
                builder: Matcher::builder(),
            },
        );
        Ok(())
    })
}

/// Free options. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_free(options: *mut nw_matcher_options) {
    // SAFETY: the caller passes NULL or options it owns, once.
    run("nw_matcher_options_free", ptr::null_mut(), || unsafe {
        free_box(options)
    });
}

fn options_mut<'a>(options: *mut nw_matcher_options) -> Result<&'a mut nw_matcher_options, Fail> {
    // SAFETY: the caller passes NULL or live options not in use elsewhere.
    unsafe { options.as_mut() }.ok_or_else(|| Fail::null("options"))
}

/// Set the case mode: one of `nw_case_mode` (`NW_ERR_OPTION` for any other value).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_case(
    options: *mut nw_matcher_options,
    mode: u32,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_case", err, || {
        let o = options_mut(options)?;
        let case = match mode {
            0 => CaseMode::Smart,
            1 => CaseMode::Exact,
            2 => CaseMode::Insensitive,
            _ => {
                return Err(Fail::new(
                    nw_status::NW_ERR_OPTION,
                    format!("unknown case mode {mode}"),
                ));
            }
        };
        o.builder.case(case);
        Ok(())
    })
}

/// Set the overlap mode: one of `nw_overlaps` (`NW_ERR_OPTION` for any other value).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_overlaps(
    options: *mut nw_matcher_options,
    mode: u32,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_overlaps", err, || {
        let o = options_mut(options)?;
        let overlaps = match mode {
            0 => Overlaps::Longest,
            1 => Overlaps::All,
            _ => {
                return Err(Fail::new(
                    nw_status::NW_ERR_OPTION,
                    format!("unknown overlap mode {mode}"),
                ));
            }
        };
        o.builder.overlaps(overlaps);
        Ok(())
    })
}

/// Spacing and hyphen variants (`Al-Qaeda` ~ `Al Qaeda`, `Aminul` ~ `Amin Ul`); default on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_variants(
    options: *mut nw_matcher_options,
    on: bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_variants", err, || {
        options_mut(options)?.builder.variants(on);
        Ok(())
    })
}

/// Diacritic folding (`São Paulo` ~ `Sao Paulo`); default on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_fold_diacritics(
    options: *mut nw_matcher_options,
    on: bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_fold_diacritics", err, || {
        options_mut(options)?.builder.fold_diacritics(on);
        Ok(())
    })
}

/// Drop (on) or keep (off) aliases on the built-in stop list (month and weekday names,
/// common English words), keeping the rest of the gazetteer's alias filter. Default: as the
/// gazetteer says (on for loaded gazetteers).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_stop_list(
    options: *mut nw_matcher_options,
    on: bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_stop_list", err, || {
        options_mut(options)?.builder.stop_list(on);
        Ok(())
    })
}

/// Drop aliases shorter than `chars` characters (0 keeps all), keeping the rest of the
/// gazetteer's alias filter. Default: as the gazetteer says (2 for loaded gazetteers).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_min_alias_len(
    options: *mut nw_matcher_options,
    chars: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_min_alias_len", err, || {
        options_mut(options)?.builder.min_alias_len(chars);
        Ok(())
    })
}

/// A compiled matcher over a gazetteer, built by `nw_matcher_new` or read from a snapshot
/// (`nw_matcher_load`, `nw_matcher_from_bytes`).
///
/// Thread safety: read-only once made; share one matcher between any number of threads
/// and call `nw_matcher_annotate` from all of them at once. Lifetime: owned by the caller,
/// freed with `nw_matcher_free`; it keeps its gazetteer alive (the gazetteer handle may be
/// freed first), and documents it made stay valid after it is freed. A matcher from
/// `nw_matcher_load` reads its tables and entities from the mapped snapshot file: that file
/// must not change (be rewritten or truncated) while the matcher, or any gazetteer or
/// document made from it, lives.
pub struct nw_matcher {
    pub(crate) matcher: Matcher,
}

/// Build a matcher over `gazetteer` with `options` (NULL for the defaults). On failure
/// `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_new(
    gazetteer: *const nw_gazetteer,
    options: *const nw_matcher_options,
    out: *mut *mut nw_matcher,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_new", err, || {
        let out = clear_out(out)?;
        let g = unsafe { handle(gazetteer, "gazetteer") }?;
        // SAFETY: the caller passes NULL or live options.
        let builder = match unsafe { options.as_ref() } {
            Some(o) => &o.builder,
            None => &MatcherBuilder::default(),
        };
        let matcher = builder.build(g.gazetteer.clone())?;
        put_handle(out, nw_matcher { matcher });
        Ok(())
    })
}

/// Free a matcher. NULL is allowed and does nothing. Documents it made stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_free(matcher: *mut nw_matcher) {
    // SAFETY: the caller passes NULL or a matcher it owns, once.
    run("nw_matcher_free", ptr::null_mut(), || unsafe {
        free_box(matcher)
    });
}

/// The matcher's gazetteer, as a new handle sharing it (no copy): for a matcher loaded
/// from a snapshot, the way to its entities. `*out` gets a gazetteer to free with
/// `nw_gazetteer_free`, independently of the matcher; on failure it is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_gazetteer(
    matcher: *const nw_matcher,
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_gazetteer", err, || {
        let out = clear_out(out)?;
        let m = unsafe { handle(matcher, "matcher") }?;
        put_handle(out, nw_gazetteer::new(Arc::clone(m.matcher.gazetteer())));
        Ok(())
    })
}

/// Parse and annotate one text (`len` bytes of UTF-8 at `text`; NULL allowed when `len` is
/// 0). The document copies the text: the caller's buffer may be reused once this returns.
/// Invalid UTF-8 gives `NW_ERR_UTF8` with the byte offset. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_annotate(
    matcher: *const nw_matcher,
    text: *const u8,
    len: usize,
    out: *mut *mut nw_document,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_annotate", err, || {
        let out = clear_out(out)?;
        let m = unsafe { handle(matcher, "matcher") }?;
        let text = unsafe { str_arg(text, len, "text") }?;
        let doc = nw_document::annotate(&m.matcher, text);
        // SAFETY: checked for NULL by `clear_out`.
        unsafe { out.write(Box::into_raw(doc)) };
        Ok(())
    })
}

/// Annotate `n` texts on `threads` threads (0: one per core), in parallel, as if by
/// `nw_matcher_annotate` on each. `out` must have room for `n` document pointers. The
/// threads are started for the call and joined before it returns.
///
/// Every text is tried: `out[i]` gets the document of `texts[i]`, or NULL when that text
/// is bad (invalid UTF-8, NULL `ptr` with a non-zero `len`) or hit an internal error
/// (`NW_ERR_PANIC`, which costs that text alone). The status is `NW_OK` when all succeed,
/// otherwise the status of the first failed text, and the error message names its index
/// (`text 3: invalid UTF-8 at byte offset 17 (line 1)`). Whatever the status,
/// every non-NULL `out[i]` is the caller's to free with `nw_document_free`. When `texts`
/// or `out` is NULL (and `n` > 0) or `matcher` is NULL, nothing is written to `out`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_annotate_many(
    matcher: *const nw_matcher,
    texts: *const nw_str,
    n: usize,
    threads: usize,
    out: *mut *mut nw_document,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_annotate_many", err, || {
        let m = unsafe { handle(matcher, "matcher") }?;
        if n == 0 {
            return Ok(());
        }
        let out = out_ptr(out, "out")?;
        if texts.is_null() {
            return Err(Fail::null("texts"));
        }
        // SAFETY: the caller guarantees `n` readable inputs and `n` writable outputs.
        let inputs = unsafe { std::slice::from_raw_parts(texts, n) };
        for i in 0..n {
            // SAFETY: as above; cleared first so that every slot is defined on any return.
            unsafe { out.add(i).write(ptr::null_mut()) };
        }
        // Validated here, on the calling thread, so that a bad text keeps its place (as
        // `None`) and names its index; the workers see only valid UTF-8.
        // (index, failure) of the first bad text in input order.
        let mut first_fail: Option<(usize, Fail)> = None;
        let valid: Vec<Option<&str>> = (inputs.iter().enumerate())
            .map(|(i, t)| {
                // SAFETY: the caller guarantees `t.len` readable bytes at `t.ptr`.
                unsafe { str_arg(t.ptr, t.len, format_args!("text {i}")) }
                    .map_err(|fail| first_fail.get_or_insert((i, fail)))
                    .ok()
            })
            .collect();
        // The core's one batch engine: the texts on scoped threads joined before `map`
        // returns (a join is what ThreadSanitizer sees as the hand-over of the documents),
        // each inside its own panic boundary, so a panic costs only its own text.
        let docs = Batch::new(threads)?.map(&valid, |text| {
            text.map(|text| nw_document::annotate(&m.matcher, text))
        });
        for (i, doc) in docs.into_iter().enumerate() {
            match doc {
                // SAFETY: `i < n`, writable as above.
                Ok(Some(doc)) => unsafe { out.add(i).write(Box::into_raw(doc)) },
                Ok(None) => {}
                // A panic (a bug): the engine's message, named by the text's index.
                Err(e) if first_fail.as_ref().is_none_or(|(j, _)| *j > i) => {
                    let Fail { code, message } = Fail::from(e);
                    first_fail = Some((i, Fail::new(code, format!("text {i}: {message}"))));
                }
                Err(_) => {}
            }
        }
        first_fail.map_or(Ok(()), |(_, fail)| Err(fail))
    })
}
