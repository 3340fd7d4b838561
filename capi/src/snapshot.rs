//! Matcher snapshots: `nw_matcher_save`, `nw_matcher_load`, `nw_matcher_to_bytes`,
//! `nw_matcher_from_bytes`, and `nw_bytes`, the owned buffer `to_bytes` hands out.
//!
//! The format and its checks are the core's (`docs/snapshot-format.md`); a snapshot that
//! is empty, foreign, of another format version, truncated or corrupt is `NW_ERR_SNAPSHOT`
//! with the core's message.

use std::ptr;

use nw::Matcher;

use crate::boundary::{bytes_arg, clear_out, free_box, handle, out_ptr, path_arg, put_handle, run};
use crate::{nw_error, nw_matcher, nw_status};

/// Bytes made by newswire (a matcher snapshot), not NUL-terminated.
///
/// Thread safety: read-only once made; may be read from any number of threads at once.
/// Lifetime: owned by the caller, freed with `nw_bytes_free`; depends on no other handle
/// (the matcher it came from may be freed first).
pub struct nw_bytes {
    bytes: Vec<u8>,
}

/// The contents of a buffer: `*ptr` gets its first byte (owned by the buffer, valid until
/// `nw_bytes_free`), `*len` its length in bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_bytes_data(
    bytes: *const nw_bytes,
    ptr: *mut *const u8,
    len: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_bytes_data", err, || {
        let b = unsafe { handle(bytes, "bytes") }?;
        let ptr = out_ptr(ptr, "ptr")?;
        let len = out_ptr(len, "len")?;
        // SAFETY: both checked for NULL; the caller guarantees they are writable.
        unsafe {
            ptr.write(b.bytes.as_ptr());
            len.write(b.bytes.len());
        }
        Ok(())
    })
}

/// Free a buffer. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_bytes_free(bytes: *mut nw_bytes) {
    // SAFETY: the caller passes NULL or a buffer it owns, once.
    run("nw_bytes_free", ptr::null_mut(), || unsafe {
        free_box(bytes)
    });
}

/// Save the matcher's snapshot (its compiled tables, its whole gazetteer and its options)
/// to the file at `path` (`path_len` bytes, no NUL needed), replacing it: the snapshot is
/// written beside it and renamed into place, so a reader never sees half of one (and a
/// matcher that has the old file loaded keeps reading the old file). A path that is no
/// regular file (a pipe, a device) is not replaced but written into; a symbolic link is
/// followed, the file it names replaced and the link kept. The same gazetteer
/// and options always give the same bytes. A file that cannot be written gives `NW_ERR_IO`
/// naming the path.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_save(
    matcher: *const nw_matcher,
    path: *const u8,
    path_len: usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_save", err, || {
        let m = unsafe { handle(matcher, "matcher") }?;
        // SAFETY: forwarded from the caller.
        let path = unsafe { path_arg(path, path_len) }?;
        m.matcher.save(path)?;
        Ok(())
    })
}

/// Load a matcher from the snapshot file at `path` (`path_len` bytes, no NUL needed)
/// without building it: the file is mapped into memory and checked (length, checksum,
/// tables) before it is used, and processes that load one file share one copy of it.
///
/// The file must not change while the matcher, or any gazetteer or document made from it,
/// lives: replace a snapshot by renaming a new file over it (as `nw_matcher_save` does),
/// never by rewriting it in place. A file that is not a snapshot (empty, a JSON Lines
/// gazetteer), of another format version, truncated or corrupt gives `NW_ERR_SNAPSHOT`
/// naming the path and what is wrong; a missing file `NW_ERR_IO`. On failure `*out` is set
/// to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_load(
    path: *const u8,
    path_len: usize,
    out: *mut *mut nw_matcher,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_load", err, || {
        let out = clear_out(out)?;
        // SAFETY: forwarded from the caller.
        let path = unsafe { path_arg(path, path_len) }?;
        put_handle(
            out,
            nw_matcher {
                matcher: Matcher::load(path)?,
            },
        );
        Ok(())
    })
}

/// The matcher's snapshot in memory, the bytes `nw_matcher_save` would write. `*out` gets
/// a new buffer to read with `nw_bytes_data` and free with `nw_bytes_free`; on failure it
/// is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_to_bytes(
    matcher: *const nw_matcher,
    out: *mut *mut nw_bytes,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_to_bytes", err, || {
        let out = clear_out(out)?;
        let m = unsafe { handle(matcher, "matcher") }?;
        put_handle(
            out,
            nw_bytes {
                bytes: m.matcher.to_bytes(),
            },
        );
        Ok(())
    })
}

/// A matcher from `len` bytes of snapshot at `ptr` (from `nw_matcher_to_bytes`, or a
/// snapshot file read into memory), checked as `nw_matcher_load` checks a file. The bytes
/// are copied: the caller keeps its buffer and may free or reuse it as soon as this
/// returns. Bad bytes give `NW_ERR_SNAPSHOT` saying what is wrong; `ptr` may be NULL only
/// when `len` is 0 (which is `NW_ERR_SNAPSHOT`: no snapshot is empty). On failure `*out`
/// is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_matcher_from_bytes(
    ptr: *const u8,
    len: usize,
    out: *mut *mut nw_matcher,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_matcher_from_bytes", err, || {
        let out = clear_out(out)?;
        // SAFETY: forwarded from the caller.
        let bytes = unsafe { bytes_arg(ptr, len, "ptr") }?;
        // The core keeps what it is given for the matcher's life, so it gets an owned copy.
        // The system allocator starts it on an eight-byte boundary, so the core reads it in
        // place (it would copy bytes that were not aligned, never misread them).
        let matcher = Matcher::from_bytes(bytes.to_vec())?;
        put_handle(out, nw_matcher { matcher });
        Ok(())
    })
}
