//! The C ABI: every `nw_` symbol of `include/newswire.h`.
//!
//! This module is the only part of the crate that knows about C. Each exported function
//! checks its pointers, validates UTF-8, runs the Rust API inside a panic boundary and
//! reports failure as an [`nw_status`] plus an optional [`nw_error`]. The header is
//! generated from these sources by cbindgen (see `cbindgen.toml`), so the doc comments here
//! are the C documentation.
//!
//! Rust callers have no reason to use these functions; they exist in the Rust API only so
//! that benchmarks and tests can drive the C layer without a C compiler.

// The C names (`nw_matcher`, `NW_OK`) are the interface; Rust spelling rules do not apply.
#![allow(non_camel_case_types)]
// The safety contract (valid pointers, lengths, lifetimes) is stated once in the header
// preamble and on each type, not repeated on ~70 functions.
#![allow(clippy::missing_safety_doc)]

mod article;
mod document;
mod gazetteer;
mod matcher;

pub use article::*;
pub use document::*;
pub use gazetteer::*;
pub use matcher::*;

use std::any::Any;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use crate::{Error, ErrorKind, Span};

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
    let name: &'static CStr = match status {
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
    VERSION.as_ptr()
}

/// An error: a status code and a message that names what went wrong and where.
///
/// Owned by the caller, freed with `nw_error_free`. Not to be used from two threads at
/// once without locking. Depends on no other handle.
pub struct nw_error {
    code: nw_status,
    message: CString,
}

/// The status code of an error (`NW_ERR_NULL` for a NULL error).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_code(err: *const nw_error) -> nw_status {
    // SAFETY: the caller passes NULL or a live error.
    match unsafe { err.as_ref() } {
        Some(e) => e.code,
        None => nw_status::NW_ERR_NULL,
    }
}

/// The message of an error: a NUL-terminated UTF-8 string owned by the error, valid until
/// `nw_error_free`. An empty string for a NULL error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_message(err: *const nw_error) -> *const c_char {
    // SAFETY: the caller passes NULL or a live error.
    match unsafe { err.as_ref() } {
        Some(e) => e.message.as_ptr(),
        None => c"".as_ptr(),
    }
}

/// Free an error. NULL is allowed and does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_error_free(err: *mut nw_error) {
    // SAFETY: the caller passes NULL or an error it owns, once.
    unsafe { free_box(err) }
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
    fn new(text: String) -> nw_string {
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
    unsafe { free_box(string) }
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

/// A failure inside an exported function, before it becomes an `nw_error`.
#[derive(Debug)]
pub(crate) struct Fail {
    code: nw_status,
    message: String,
}

impl Fail {
    pub(crate) fn new(code: nw_status, message: impl Into<String>) -> Fail {
        Fail {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn null(what: &str) -> Fail {
        Fail::new(nw_status::NW_ERR_NULL, format!("argument `{what}` is NULL"))
    }

    pub(crate) fn range(what: &str, index: usize, len: usize) -> Fail {
        Fail::new(
            nw_status::NW_ERR_RANGE,
            format!("{what} index {index} is out of range (there are {len})"),
        )
    }

    /// Item `index` of `items`, or an `NW_ERR_RANGE` failure naming `what`.
    pub(crate) fn nth<'a, T>(items: &'a [T], index: usize, what: &str) -> Result<&'a T, Fail> {
        items
            .get(index)
            .ok_or_else(|| Fail::range(what, index, items.len()))
    }

    fn panic(payload: Box<dyn Any + Send>) -> Fail {
        let detail = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "no message".to_string()
        };
        Fail::new(
            nw_status::NW_ERR_PANIC,
            format!("internal error (panic): {detail}"),
        )
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        let code = match e.kind() {
            ErrorKind::Io => nw_status::NW_ERR_IO,
            ErrorKind::InvalidUtf8 => nw_status::NW_ERR_UTF8,
            ErrorKind::Syntax
            | ErrorKind::MissingField
            | ErrorKind::EmptyAlias
            | ErrorKind::DuplicateId => nw_status::NW_ERR_GAZETTEER,
            ErrorKind::InvalidOption => nw_status::NW_ERR_OPTION,
            ErrorKind::Build => nw_status::NW_ERR_BUILD,
            ErrorKind::Internal => nw_status::NW_ERR_PANIC,
            ErrorKind::NotASnapshot
            | ErrorKind::SnapshotVersion
            | ErrorKind::CorruptSnapshot => nw_status::NW_ERR_SNAPSHOT,
        };
        Fail::new(code, e.to_string())
    }
}

/// Run the body of an exported function: catch any panic, turn a failure into its status
/// and, when `err` is not NULL, into an `nw_error` whose message starts with the function's
/// name.
pub(crate) fn run(
    func: &'static str,
    err: *mut *mut nw_error,
    body: impl FnOnce() -> Result<(), Fail>,
) -> nw_status {
    let fail = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return nw_status::NW_OK,
        Ok(Err(fail)) => fail,
        Err(payload) => Fail::panic(payload),
    };
    let code = fail.code;
    if !err.is_null() {
        // Building the message allocates; a panic there must not escape either.
        let made = catch_unwind(AssertUnwindSafe(|| {
            let mut message = format!("{func}: {}", fail.message);
            if message.contains('\0') {
                message = message.replace('\0', "\\0");
            }
            let message = CString::new(message).unwrap_or_default();
            Box::into_raw(Box::new(nw_error { code, message }))
        }));
        // SAFETY: `err` is not NULL and the caller guarantees it is writable.
        unsafe { err.write(made.unwrap_or(ptr::null_mut())) };
    }
    code
}

/// Free a boxed handle, NULL allowed, never unwinding.
pub(crate) unsafe fn free_box<T>(p: *mut T) {
    if p.is_null() {
        return;
    }
    // A panic in a destructor would be a bug; it must still not cross into C.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller passes a pointer from `Box::into_raw`, once.
        drop(unsafe { Box::from_raw(p) });
    }));
}

/// A handle argument, or `NW_ERR_NULL`.
pub(crate) unsafe fn handle<'a, T>(p: *const T, what: &str) -> Result<&'a T, Fail> {
    // SAFETY: the caller passes NULL or a live handle.
    unsafe { p.as_ref() }.ok_or_else(|| Fail::null(what))
}

/// A writable out-parameter, or `NW_ERR_NULL`. Written through the raw pointer, never a
/// reference, because the caller's memory may be uninitialised.
pub(crate) fn out_ptr<T>(p: *mut T, what: &str) -> Result<*mut T, Fail> {
    if p.is_null() {
        Err(Fail::null(what))
    } else {
        Ok(p)
    }
}

/// The bytes of a `(ptr, len)` input; NULL is allowed for an empty input.
pub(crate) unsafe fn bytes_arg<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a [u8], Fail> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Fail::null(what));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr` for the call.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The UTF-8 text of a `(ptr, len)` input, or `NW_ERR_UTF8` naming the first bad byte.
pub(crate) unsafe fn str_arg<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a str, Fail> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes_arg(ptr, len, what) }?;
    utf8(bytes, what)
}

/// Validate UTF-8, naming the byte offset (and, for multi-line input, the line) of the
/// first bad byte.
pub(crate) fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Fail> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
        Fail::new(
            nw_status::NW_ERR_UTF8,
            format!("{what}: invalid UTF-8 at byte offset {offset} (line {line})"),
        )
    })
}

/// An optional `(ptr, len)` string input: NULL means absent.
pub(crate) unsafe fn opt_str_arg<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<Option<&'a str>, Fail> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    unsafe { str_arg(ptr, len, what) }.map(Some)
}

/// Write an optional span and its presence flag.
pub(crate) unsafe fn put_opt_span(
    span: Option<Span>,
    out: *mut nw_span,
    found: *mut bool,
) -> Result<(), Fail> {
    let out = out_ptr(out, "out")?;
    let found = out_ptr(found, "found")?;
    // SAFETY: both checked for NULL; the caller guarantees they are writable.
    unsafe {
        out.write(span.map(nw_span::from).unwrap_or_default());
        found.write(span.is_some());
    }
    Ok(())
}

/// Write one element of a list, or fail with `NW_ERR_RANGE`.
pub(crate) unsafe fn put_index<T: Copy, U>(
    list: &[T],
    index: usize,
    what: &str,
    out: *mut U,
    convert: impl FnOnce(T) -> U,
) -> Result<(), Fail> {
    let out = out_ptr(out, "out")?;
    let item = *Fail::nth(list, index, what)?;
    // SAFETY: checked for NULL; the caller guarantees it is writable.
    unsafe { out.write(convert(item)) };
    Ok(())
}

/// Write a count.
pub(crate) unsafe fn put_count(n: usize, out: *mut usize) -> Result<(), Fail> {
    let out = out_ptr(out, "out")?;
    // SAFETY: checked for NULL; the caller guarantees it is writable.
    unsafe { out.write(n) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_becomes_status_and_message() {
        let mut err: *mut nw_error = ptr::null_mut();
        let status = run("nw_test", &mut err, || panic!("boom {}", 7));
        assert_eq!(status, nw_status::NW_ERR_PANIC);
        assert!(!err.is_null());
        unsafe {
            assert_eq!(nw_error_code(err), nw_status::NW_ERR_PANIC);
            let msg = CStr::from_ptr(nw_error_message(err)).to_str().unwrap();
            assert_eq!(msg, "nw_test: internal error (panic): boom 7");
            nw_error_free(err);
        }
        // Without an error out-parameter the status alone comes back.
        assert_eq!(
            run("nw_test", ptr::null_mut(), || panic!("quiet")),
            nw_status::NW_ERR_PANIC
        );
    }

    #[test]
    fn failures_map_to_codes() {
        let cases = [
            (ErrorKind::Io, nw_status::NW_ERR_IO),
            (ErrorKind::InvalidUtf8, nw_status::NW_ERR_UTF8),
            (ErrorKind::Syntax, nw_status::NW_ERR_GAZETTEER),
            (ErrorKind::MissingField, nw_status::NW_ERR_GAZETTEER),
            (ErrorKind::EmptyAlias, nw_status::NW_ERR_GAZETTEER),
            (ErrorKind::DuplicateId, nw_status::NW_ERR_GAZETTEER),
            (ErrorKind::InvalidOption, nw_status::NW_ERR_OPTION),
            (ErrorKind::Build, nw_status::NW_ERR_BUILD),
            (ErrorKind::Internal, nw_status::NW_ERR_PANIC),
        ];
        for (kind, code) in cases {
            let fail = Fail::from(Error::new(kind, "why").at("g.tsv", 3));
            assert_eq!(fail.code, code, "{kind:?}");
            assert_eq!(fail.message, "g.tsv:3: why");
        }
    }

    #[test]
    fn utf8_errors_name_offset_and_line() {
        let cases: [(&[u8], &str); 3] = [
            (b"ab\xffc", "x: invalid UTF-8 at byte offset 2 (line 1)"),
            (b"a\nb\n\xc3(", "x: invalid UTF-8 at byte offset 4 (line 3)"),
            (b"ok\xe2\x82", "x: invalid UTF-8 at byte offset 2 (line 1)"),
        ];
        for (bytes, want) in cases {
            let fail = utf8(bytes, "x").unwrap_err();
            assert_eq!(fail.code, nw_status::NW_ERR_UTF8);
            assert_eq!(fail.message, want);
        }
        assert_eq!(utf8("São".as_bytes(), "x").unwrap(), "São");
    }

    #[test]
    fn nul_in_message_is_escaped() {
        let mut err: *mut nw_error = ptr::null_mut();
        run("nw_test", &mut err, || {
            Err(Fail::new(nw_status::NW_ERR_OPTION, "a\0b"))
        });
        let msg = unsafe { CStr::from_ptr(nw_error_message(err)) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { nw_error_free(err) };
        assert_eq!(msg, "nw_test: a\\0b");
    }

    #[test]
    fn status_names() {
        for (code, name) in [
            (0, "NW_OK"),
            (2, "NW_ERR_UTF8"),
            (8, "NW_ERR_PANIC"),
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
