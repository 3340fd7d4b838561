//! Near-duplicate stories: `nw_dedup_options`, `nw_dedup` (the options, checked, which
//! sign articles and make indexes), `nw_signature` and `nw_dedup_index`, the streaming
//! index fed in input order.

use std::ptr;

use nw::dedup::{Dedup, DedupBuilder, Duplicate, Index, Signature};

use crate::boundary::{Fail, clear_out, free_box, handle, out_ptr, put_handle, run, str_arg};
use crate::{nw_error, nw_status};

/// Options for `nw_dedup_new`, all defaulted by `nw_dedup_options_new` (threshold 0.8,
/// 5-word shingles, 128 hashes, the fixed seed, a window of 100,000 articles, no window of
/// days). Values are checked by `nw_dedup_new`, which names the one out of range.
///
/// Thread safety: not to be used from two threads at once without locking. Lifetime: owned
/// by the caller, freed with `nw_dedup_options_free`; an `nw_dedup` keeps no reference to it.
pub struct nw_dedup_options {
    builder: DedupBuilder,
}

/// Near-duplicate detection with checked options: signs articles (`nw_dedup_sign`) and
/// makes indexes (`nw_dedup_index_new`).
///
/// Thread safety: read-only once made; `nw_dedup_sign` may be called from any number of
/// threads at once. Lifetime: owned by the caller, freed with `nw_dedup_free`; signatures
/// and indexes made from it do not depend on it.
pub struct nw_dedup {
    dedup: Dedup,
}

/// An article's signature: MinHash values, band keys, a sample of the body's shingles and
/// an exact-body fingerprint.
///
/// Thread safety: read-only once made. Lifetime: owned by the caller, freed with
/// `nw_signature_free`; `nw_dedup_index_push` copies what it keeps.
pub struct nw_signature {
    signature: Signature,
}

/// The streaming index: fed articles in input order, it answers each with the earlier
/// ones (in its window) that it nearly duplicates.
///
/// Thread safety: not to be used from two threads at once without locking. Lifetime: owned
/// by the caller, freed with `nw_dedup_index_free`.
pub struct nw_dedup_index {
    index: Index,
    /// What the last push found, most similar first.
    found: Vec<Duplicate>,
}

/// An earlier article that an article nearly duplicates.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct nw_duplicate {
    /// Its position: how many articles were pushed before it (from 0).
    pub position: u64,
    /// The Jaccard similarity of the two bodies' shingles (at or above the threshold).
    pub similarity: f64,
    /// Whether the two bodies have the same normalised words.
    pub exact: bool,
}

/// New options with the defaults. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_new(
    out: *mut *mut nw_dedup_options,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_new", err, || {
        let out = clear_out(out)?;
        put_handle(
            out,
            nw_dedup_options {
                builder: Dedup::builder(),
            },
        );
        Ok(())
    })
}

/// Free options. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_free(options: *mut nw_dedup_options) {
    // SAFETY: the caller passes NULL or options it owns, once.
    run("nw_dedup_options_free", ptr::null_mut(), || unsafe {
        free_box(options)
    });
}

fn options_mut<'a>(options: *mut nw_dedup_options) -> Result<&'a mut DedupBuilder, Fail> {
    // SAFETY: the caller passes NULL or live options not in use elsewhere.
    let options = unsafe { options.as_mut() }.ok_or_else(|| Fail::null("options"))?;
    Ok(&mut options.builder)
}

/// Set the Jaccard similarity at or above which two articles are near-duplicates (above 0,
/// at most 1; default 0.8).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_threshold(
    options: *mut nw_dedup_options,
    threshold: f64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_threshold", err, || {
        options_mut(options)?.threshold(threshold);
        Ok(())
    })
}

/// Set the words per shingle (1 to 64; default 5).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_shingle_len(
    options: *mut nw_dedup_options,
    words: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_shingle_len", err, || {
        options_mut(options)?.shingle_len(words);
        Ok(())
    })
}

/// Set the MinHash values per signature (1 to 1024; default 128).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_num_hashes(
    options: *mut nw_dedup_options,
    hashes: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_num_hashes", err, || {
        options_mut(options)?.num_hashes(hashes);
        Ok(())
    })
}

/// Set the seed of every hash. Signatures made with different seeds cannot be compared.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_seed(
    options: *mut nw_dedup_options,
    seed: u64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_seed", err, || {
        options_mut(options)?.seed(seed);
        Ok(())
    })
}

/// Set the window: each article is compared with the `articles` pushed just before it at
/// most (1 to 4294967295; default 100,000). It bounds the index's memory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_window(
    options: *mut nw_dedup_options,
    articles: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_window", err, || {
        options_mut(options)?.window(articles);
        Ok(())
    })
}

/// Set a window of days on the dateline date: an article is not compared with articles
/// dated more than `days` days before the newest date seen. A negative value: no window of
/// days (the default).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_options_set_window_days(
    options: *mut nw_dedup_options,
    days: i64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_options_set_window_days", err, || {
        let days = match days {
            d if d < 0 => None,
            d => Some(u32::try_from(d).map_err(|_| {
                Fail::new(
                    nw_status::NW_ERR_OPTION,
                    format!("a window of {d} days (expected at most 4294967295)"),
                )
            })?),
        };
        options_mut(options)?.window_days(days);
        Ok(())
    })
}

/// Check the options (NULL: the defaults) and make near-duplicate detection with them. An
/// option out of range gives `NW_ERR_OPTION` naming it. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_new(
    options: *const nw_dedup_options,
    out: *mut *mut nw_dedup,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_new", err, || {
        let out = clear_out(out)?;
        // SAFETY: the caller passes NULL or live options.
        let dedup = match unsafe { options.as_ref() } {
            Some(o) => o.builder.build()?,
            None => Dedup::new(),
        };
        put_handle(out, nw_dedup { dedup });
        Ok(())
    })
}

/// Free near-duplicate detection. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_free(dedup: *mut nw_dedup) {
    // SAFETY: the caller passes NULL or a handle it owns, once.
    run("nw_dedup_free", ptr::null_mut(), || unsafe {
        free_box(dedup)
    });
}

/// Parse one article (`len` bytes of UTF-8 at `text`) and sign its body. A body without a
/// word (empty, white space, punctuation only) has no signature: the call succeeds and
/// sets `*out` to NULL, and such an article never matches. Invalid UTF-8 gives
/// `NW_ERR_UTF8`. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_sign(
    dedup: *const nw_dedup,
    text: *const u8,
    len: usize,
    out: *mut *mut nw_signature,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_sign", err, || {
        let out = clear_out(out)?;
        let d = unsafe { handle(dedup, "dedup") }?;
        // SAFETY: forwarded from the caller.
        let text = unsafe { str_arg(text, len, "text") }?;
        if let Some(signature) = d.dedup.sign_text(text) {
            put_handle(out, nw_signature { signature });
        }
        Ok(())
    })
}

/// Free a signature. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_signature_free(signature: *mut nw_signature) {
    // SAFETY: the caller passes NULL or a handle it owns, once.
    run("nw_signature_free", ptr::null_mut(), || unsafe {
        free_box(signature)
    });
}

/// The Jaccard similarity of two signatures' shingle sets into `*out` (what the index
/// verifies each candidate with); 0 for signatures made with other options.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_signature_jaccard(
    a: *const nw_signature,
    b: *const nw_signature,
    out: *mut f64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_signature_jaccard", err, || {
        let a = unsafe { handle(a, "a") }?;
        let b = unsafe { handle(b, "b") }?;
        let out = out_ptr(out, "out")?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(a.signature.jaccard(&b.signature)) };
        Ok(())
    })
}

/// The signature's 128-bit exact-body fingerprint, as two halves: equal for two bodies with
/// the same normalised words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_signature_fingerprint(
    signature: *const nw_signature,
    high: *mut u64,
    low: *mut u64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_signature_fingerprint", err, || {
        let s = unsafe { handle(signature, "signature") }?;
        let high = out_ptr(high, "high")?;
        let low = out_ptr(low, "low")?;
        let f = s.signature.fingerprint();
        // SAFETY: checked for NULL; the caller guarantees they are writable.
        unsafe {
            high.write((f >> 64) as u64);
            low.write(f as u64);
        }
        Ok(())
    })
}

/// A new, empty index with `dedup`'s options. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_index_new(
    dedup: *const nw_dedup,
    out: *mut *mut nw_dedup_index,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_index_new", err, || {
        let out = clear_out(out)?;
        let d = unsafe { handle(dedup, "dedup") }?;
        put_handle(
            out,
            nw_dedup_index {
                index: d.dedup.index(),
                found: Vec::new(),
            },
        );
        Ok(())
    })
}

/// Free an index. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_index_free(index: *mut nw_dedup_index) {
    // SAFETY: the caller passes NULL or a handle it owns, once.
    run("nw_dedup_index_free", ptr::null_mut(), || unsafe {
        free_box(index)
    });
}

/// Push the next article's signature (NULL for an article without one, which keeps its
/// position and matches nothing); `*count` gets how many earlier articles in the window it
/// nearly duplicates, each read with `nw_dedup_index_duplicate` until the next push. The
/// index copies what it keeps of the signature. A signature made with other options than
/// the index's gives `NW_ERR_OPTION` (and is not pushed).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_index_push(
    index: *mut nw_dedup_index,
    signature: *const nw_signature,
    count: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_index_push", err, || {
        // SAFETY: the caller passes NULL or a live index not in use elsewhere.
        let ix = unsafe { index.as_mut() }.ok_or_else(|| Fail::null("index"))?;
        let count = out_ptr(count, "count")?;
        // SAFETY: the caller passes NULL or a live signature.
        let signature = unsafe { signature.as_ref() }.map(|s| s.signature.clone());
        ix.found.clear();
        let found = ix.index.try_push(signature)?;
        ix.found.extend(found);
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { count.write(ix.found.len()) };
        Ok(())
    })
}

/// The `i`th (from 0) earlier article the last pushed one nearly duplicates, most similar
/// first, into `*out`; `NW_ERR_RANGE` past the count.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_index_duplicate(
    index: *const nw_dedup_index,
    i: usize,
    out: *mut nw_duplicate,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_index_duplicate", err, || {
        let ix = unsafe { handle(index, "index") }?;
        let out = out_ptr(out, "out")?;
        let d = Fail::nth(&ix.found, i, "duplicate")?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe {
            out.write(nw_duplicate {
                position: d.position(),
                similarity: d.similarity(),
                exact: d.is_exact(),
            })
        };
        Ok(())
    })
}

/// How many articles were pushed so far: the position the next one gets.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_dedup_index_position(
    index: *const nw_dedup_index,
    out: *mut u64,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_dedup_index_position", err, || {
        let ix = unsafe { handle(index, "index") }?;
        let out = out_ptr(out, "out")?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(ix.index.position()) };
        Ok(())
    })
}
