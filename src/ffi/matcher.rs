//! `nw_matcher_options`, `nw_matcher`, and annotating one or many texts.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::gazetteer::clear_out;
use super::{
    Fail, free_box, handle, nw_document, nw_error, nw_gazetteer, nw_status, nw_str, out_ptr, run,
    str_arg,
};
use crate::{CaseMode, Matcher, MatcherBuilder, Overlaps};

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
    stop_list: Option<bool>,
    min_alias_len: Option<usize>,
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
        let options = nw_matcher_options {
            builder: Matcher::builder(),
            stop_list: None,
            min_alias_len: None,
        };
        // SAFETY: checked for NULL by `clear_out`.
        unsafe { out.write(Box::into_raw(Box::new(options))) };
        Ok(())
    })
}

/// Free options. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_free(options: *mut nw_matcher_options) {
    // SAFETY: the caller passes NULL or options it owns, once.
    unsafe { free_box(options) }
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
/// common English words). Default: as the gazetteer says (on for loaded gazetteers).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_stop_list(
    options: *mut nw_matcher_options,
    on: bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_stop_list", err, || {
        options_mut(options)?.stop_list = Some(on);
        Ok(())
    })
}

/// Drop aliases shorter than `chars` characters (0 keeps all). Default: as the gazetteer
/// says (2 for loaded gazetteers).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_options_set_min_alias_len(
    options: *mut nw_matcher_options,
    chars: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_options_set_min_alias_len", err, || {
        options_mut(options)?.min_alias_len = Some(chars);
        Ok(())
    })
}

/// A compiled matcher over a gazetteer.
///
/// Thread safety: read-only once built; share one matcher between any number of threads
/// and call `nw_matcher_annotate` from all of them at once. Lifetime: owned by the caller,
/// freed with `nw_matcher_free`; it keeps its gazetteer alive (the gazetteer handle may be
/// freed first), and documents it made stay valid after it is freed.
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
        let options = unsafe { options.as_ref() };
        let mut builder = options.map(|o| o.builder.clone()).unwrap_or_default();
        if let Some(o) = options
            && (o.stop_list.is_some() || o.min_alias_len.is_some())
        {
            let mut filter = g.gazetteer.filter().clone();
            if let Some(on) = o.stop_list {
                filter = filter.stop_list(on);
            }
            if let Some(chars) = o.min_alias_len {
                filter = filter.min_len(chars);
            }
            builder.filter(filter);
        }
        let matcher = builder.build(g.gazetteer.clone())?;
        // SAFETY: checked for NULL by `clear_out`.
        unsafe { out.write(Box::into_raw(Box::new(nw_matcher { matcher }))) };
        Ok(())
    })
}

/// Free a matcher. NULL is allowed and does nothing. Documents it made stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_free(matcher: *mut nw_matcher) {
    // SAFETY: the caller passes NULL or a matcher it owns, once.
    unsafe { free_box(matcher) }
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
/// `nw_matcher_annotate` on each. `out` must have room for `n` document pointers.
///
/// Every text is tried: `out[i]` gets the document of `texts[i]`, or NULL when that text
/// is bad (invalid UTF-8, NULL `ptr` with a non-zero `len`). The status is `NW_OK` when
/// all succeed, otherwise the status of the first bad text, and the error message names
/// its index (`text 3: invalid UTF-8 at byte offset 17 (line 1)`). Whatever the status,
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
            unsafe { out.add(i).write(std::ptr::null_mut()) };
        }
        // (index, failure) of the first bad text in input order.
        let mut first_fail: Option<(usize, Fail)> = None;
        let valid: Vec<Option<&str>> = inputs
            .iter()
            .enumerate()
            .map(|(i, t)| match unsafe { str_arg(t.ptr, t.len, "text") } {
                Ok(text) => Some(text),
                Err(mut fail) => {
                    // Named with its index only here, off the path of the valid texts.
                    fail.message = fail.message.replacen("text", &format!("text {i}"), 1);
                    first_fail.get_or_insert((i, fail));
                    None
                }
            })
            .collect();
        for (i, doc) in annotate_all(&m.matcher, &valid, threads)
            .into_iter()
            .enumerate()
        {
            match doc {
                Some(Ok(doc)) => {
                    // SAFETY: `i < n`, writable as above.
                    unsafe { out.add(i).write(Box::into_raw(doc)) };
                }
                Some(Err(fail)) if first_fail.as_ref().is_none_or(|(j, _)| *j > i) => {
                    first_fail = Some((i, fail));
                }
                _ => {}
            }
        }
        first_fail.map_or(Ok(()), |(_, fail)| Err(fail))
    })
}

/// Annotate every valid text (`None`: skipped), in input order, each inside its own panic
/// boundary so that one failure loses nothing else.
fn annotate_all(
    matcher: &Matcher,
    texts: &[Option<&str>],
    threads: usize,
) -> Vec<Option<Result<Box<nw_document>, Fail>>> {
    let one = |i: usize| -> Option<Result<Box<nw_document>, Fail>> {
        let text = texts[i]?;
        Some(
            catch_unwind(AssertUnwindSafe(|| nw_document::annotate(matcher, text))).map_err(|p| {
                let mut fail = Fail::panic(p);
                fail.message = format!("text {i}: {}", fail.message);
                fail
            }),
        )
    };
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        t => t,
    }
    .min(texts.len());
    if threads <= 1 {
        return (0..texts.len()).map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Box<nw_document>, Fail>>> =
        (0..texts.len()).map(|_| None).collect();
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= texts.len() {
                break done;
            }
            done.push((i, one(i)));
        }
    };
    std::thread::scope(|scope| {
        // The calling thread is one of the workers.
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut finished = vec![Ok(work())];
        // Joined explicitly (not left to the scope) so that thread sanitizers see each
        // document handed over through pthread_join.
        finished.extend(helpers.into_iter().map(|h| h.join()));
        // A worker cannot fail in practice (each text has its own boundary); the slots of a
        // lost one would stay empty and be reported below.
        for (i, r) in finished.into_iter().flatten().flatten() {
            results[i] = r;
        }
    });
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| match (r, texts[i]) {
            (None, Some(_)) => Some(Err(Fail::new(
                nw_status::NW_ERR_PANIC,
                format!("text {i}: internal error (worker thread failed)"),
            ))),
            (r, _) => r,
        })
        .collect()
}
