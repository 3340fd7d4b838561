//! The C API of newswire: every `nw_` symbol of `include/newswire.h`, built as
//! `libnewswire.a` and `libnewswire.so`.
//!
//! This crate is the only part of newswire that knows about C, and it sees the core (`nw`
//! here) only through its public Rust API. Each exported function runs its body inside
//! [`boundary::run`], the one panic boundary, which also names the function in its error
//! messages; the body checks its pointers, validates UTF-8, calls the core and reports
//! failure as an [`nw_status`] plus an optional [`nw_error`]. The header is generated from
//! these sources by cbindgen (see `cbindgen.toml`; `tests/capi.rs` checks it is fresh), so
//! the doc comments here are the C documentation.

// The C names (`nw_matcher`, `NW_OK`) are the interface; Rust spelling rules do not apply.
#![allow(non_camel_case_types)]
// The safety contract (valid pointers, lengths, lifetimes) is stated once in the header
// preamble and on each type, not repeated on each of the ~70 functions.
#![allow(clippy::missing_safety_doc)]

mod article;
mod boundary;
mod dedup;
mod document;
mod gazetteer;
mod matcher;
mod snapshot;

pub use article::*;
pub use dedup::*;
pub use document::*;
pub use gazetteer::*;
pub use matcher::*;
pub use snapshot::*;

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use nw::Span;

use boundary::{free_box, handle, out_ptr, run};

/// The outcome of a call. `NW_OK` is 0; every other value is a failure, and when the
/// caller passed an `err` out-parameter, `*err` then holds an `nw_error` with the same code
/// and a message.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum nw_status {
    /// Success.
    NW_OK = 0,
    /// A required pointer argument (a handle, an input with a non-zero length, an
    /// out-parameter) was NULL.
    NW_ERR_NULL = 1,
    /// An input was not valid UTF-8; the message gives the byte offset of the first bad byte.
    NW_ERR_UTF8 = 2,
    /// A gazetteer line or record is bad (syntax, missing field, empty alias, duplicate
    /// id); the message gives `file:line` and the reason.
    NW_ERR_GAZETTEER = 3,
    /// Reading a file failed.
    NW_ERR_IO = 4,
    /// An index was out of range.
    NW_ERR_RANGE = 5,
    /// An option value was not one of the allowed ones (or a file extension names no format).
    NW_ERR_OPTION = 6,
    /// The matcher could not be built (its automaton would exceed the size limits).
    NW_ERR_BUILD = 7,
    /// A bug inside newswire: a Rust panic was caught at the boundary. The handles passed
    /// in are still valid and must still be freed.
    NW_ERR_PANIC = 8,
    /// A file or buffer given as a matcher snapshot is not one, is of a newer format
    /// version, or is truncated or corrupt; the message says which.
    NW_ERR_SNAPSHOT = 9,
}

/// The name of a status code (`"NW_OK"`, `"NW_ERR_UTF8"`, ...), a static NUL-terminated
/// string; `"NW_UNKNOWN"` for a value that is no status.
#[unsafe(no_mangle)]
pub extern "C" fn nw_status_name(status: u32) -> *const c_char {
    let mut name = c"NW_UNKNOWN";
    run("nw_status_name", ptr::null_mut(), || {
        name = match status {
            0 => c"NW_OK",
            1 => c"NW_ERR_NULL",
            2 => c"NW_ERR_UTF8",
            3 => c"NW_ERR_GAZETTEER",
            4 => c"NW_ERR_IO",
            5 => c"NW_ERR_RANGE",
            6 => c"NW_ERR_OPTION",
            7 => c"NW_ERR_BUILD",
            8 => c"NW_ERR_PANIC",
            9 => c"NW_ERR_SNAPSHOT",
            _ => c"NW_UNKNOWN",
        };
        Ok(())
    });
    name.as_ptr()
}

/// The version of the library (`"0.1.0"`), a static NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn nw_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    let mut version = c"unknown";
    run("nw_version", ptr::null_mut(), || {
        version = VERSION;
        Ok(())
    });
    version.as_ptr()
}

/// An error: a status code and a message that names what went wrong and where.
///
/// Owned by the caller, freed with `nw_error_free`. Not to be used from two threads at
/// once without locking. Depends on no other handle.
pub struct nw_error {
    pub(crate) code: nw_status,
    pub(crate) message: CString,
}

/// The status code of an error (`NW_ERR_NULL` for a NULL error).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_code(err: *const nw_error) -> nw_status {
    let mut code = nw_status::NW_ERR_NULL;
    run("nw_error_code", ptr::null_mut(), || {
        // SAFETY: the caller passes NULL or a live error.
        if let Some(e) = unsafe { err.as_ref() } {
            code = e.code;
        }
        Ok(())
    });
    code
}

/// The message of an error: a NUL-terminated UTF-8 string owned by the error, valid until
/// `nw_error_free`. An empty string for a NULL error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_message(err: *const nw_error) -> *const c_char {
    let mut message = c"".as_ptr();
    run("nw_error_message", ptr::null_mut(), || {
        // SAFETY: the caller passes NULL or a live error.
        if let Some(e) = unsafe { err.as_ref() } {
            message = e.message.as_ptr();
        }
        Ok(())
    });
    message
}

/// Free an error. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_free(err: *mut nw_error) {
    // SAFETY: the caller passes NULL or an error it owns, once.
    run("nw_error_free", ptr::null_mut(), || unsafe {
        free_box(err)
    });
}

/// An owned UTF-8 string made by newswire (JSON records), NUL-terminated.
///
/// Owned by the caller, freed with `nw_string_free`; read with `nw_string_data`. Not to be
/// used from two threads at once without locking. Depends on no other handle.
pub struct nw_string {
    /// The text followed by one NUL byte, which `len` does not count.
    bytes: Vec<u8>,
}

impl nw_string {
    pub(crate) fn new(text: String) -> nw_string {
        let mut bytes = text.into_bytes();
        bytes.push(0);
        nw_string { bytes }
    }
}

/// The contents of a string: `*ptr` gets its first byte (NUL-terminated; the bytes stay
/// owned by the string and valid until `nw_string_free`), `*len` its length in bytes
/// without the NUL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_string_data(
    string: *const nw_string,
    ptr: *mut *const c_char,
    len: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_string_data", err, || {
        let s = unsafe { handle(string, "string") }?;
        let ptr = out_ptr(ptr, "ptr")?;
        let len = out_ptr(len, "len")?;
        // SAFETY: both out-pointers were checked for NULL; the caller guarantees they are
        // writable.
        unsafe {
            ptr.write(s.bytes.as_ptr().cast());
            len.write(s.bytes.len() - 1);
        }
        Ok(())
    })
}

/// Free a string. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_string_free(string: *mut nw_string) {
    // SAFETY: the caller passes NULL or a string it owns, once.
    run("nw_string_free", ptr::null_mut(), || unsafe {
        free_box(string)
    });
}

/// A half-open byte range `start..end` into the text an article or document was made from.
/// Both ends lie on UTF-8 character boundaries.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct nw_span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<Span> for nw_span {
    fn from(s: Span) -> nw_span {
        nw_span {
            start: s.start,
            end: s.end,
        }
    }
}

/// A text input for `nw_matcher_annotate_many`: `len` bytes of UTF-8 at `ptr` (`ptr` may be
/// NULL when `len` is 0).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nw_str {
    /// First byte.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names() {
        for (code, name) in [
            (0, "NW_OK"),
            (2, "NW_ERR_UTF8"),
            (8, "NW_ERR_PANIC"),
            (9, "NW_ERR_SNAPSHOT"),
            (99, "NW_UNKNOWN"),
        ] {
            let got = unsafe { CStr::from_ptr(nw_status_name(code)) }
                .to_str()
                .unwrap();
            assert_eq!(got, name);
        }
        let v = unsafe { CStr::from_ptr(nw_version()) }.to_str().unwrap();
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
    }
}
