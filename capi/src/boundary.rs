//! The boundary every export's body runs inside ([`run`]), the failure it reports
//! ([`Fail`]), and the checks on what C passes in (handles, out-parameters, `(ptr, len)`
//! inputs) and the writes of what goes back out.

use std::ffi::CString;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::ptr;

use nw::{Error, ErrorKind, Span};

use crate::{nw_error, nw_span, nw_status};

/// A failure inside an exported function, before it becomes an `nw_error`.
#[derive(Debug)]
pub(crate) struct Fail {
    pub(crate) code: nw_status,
    pub(crate) message: String,
}

impl Fail {
    pub(crate) fn new(code: nw_status, message: impl Into<String>) -> Fail {
        Fail {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn null(what: impl fmt::Display) -> Fail {
        Fail::new(nw_status::NW_ERR_NULL, format!("argument `{what}` is NULL"))
    }

    pub(crate) fn range(what: &str, index: usize, len: usize) -> Fail {
        Fail::new(
            nw_status::NW_ERR_RANGE,
            format!("{what} index {index} is out of range (there are {len})"),
        )
    }

    /// A value of one of the core's non-exhaustive enums that this layer has no C name
    /// for: a variant added to the core without one here, so a bug (`NW_ERR_PANIC`).
    pub(crate) fn unnamed(value: impl fmt::Debug) -> Fail {
        Fail::new(
            nw_status::NW_ERR_PANIC,
            format!("internal error: {value:?} has no name in the C API"),
        )
    }

    /// Item `index` of `items`, or an `NW_ERR_RANGE` failure naming `what`.
    pub(crate) fn nth<'a, T>(items: &'a [T], index: usize, what: &str) -> Result<&'a T, Fail> {
        items
            .get(index)
            .ok_or_else(|| Fail::range(what, index, items.len()))
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
            ErrorKind::NotASnapshot | ErrorKind::SnapshotVersion | ErrorKind::CorruptSnapshot => {
                nw_status::NW_ERR_SNAPSHOT
            }
            // `ErrorKind` is non-exhaustive: a kind the core adds before it gets a status of
            // its own here is still an error, reported as internal rather than as success.
            _ => nw_status::NW_ERR_PANIC,
        };
        Fail::new(code, e.to_string())
    }
}

/// The one boundary of every exported function, free functions and getters included: run
/// `body`, catch any panic (no unwinding may cross into C), and turn a failure into its
/// status and, when `err` is not NULL, into an `nw_error` whose message starts with `func`,
/// the export's name. Exports that return no status pass a NULL `err` and ignore the
/// status (tests/capi.rs checks that every export calls this with its own name).
pub(crate) fn run(
    func: &'static str,
    err: *mut *mut nw_error,
    body: impl FnOnce() -> Result<(), Fail>,
) -> nw_status {
    let fail = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return nw_status::NW_OK,
        Ok(Err(fail)) => fail,
        // The core's words for a caught panic; `(panic)` keeps the C message as it always
        // read: `nw_x: internal error (panic): ...`.
        Err(payload) => Fail::from(Error::from_panic(payload, "(panic)")),
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

/// Free a boxed handle, NULL allowed. Called inside [`run`], which catches a panic in a
/// destructor (a bug) before it reaches C.
pub(crate) unsafe fn free_box<T>(p: *mut T) -> Result<(), Fail> {
    if !p.is_null() {
        // SAFETY: the caller passes a pointer from `Box::into_raw`, once.
        drop(unsafe { Box::from_raw(p) });
    }
    Ok(())
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

/// Begin a constructor: check the handle out-parameter and clear it, so that it is NULL
/// whenever the call fails.
pub(crate) fn clear_out<T>(out: *mut *mut T) -> Result<*mut *mut T, Fail> {
    let out = out_ptr(out, "out")?;
    // SAFETY: checked for NULL; the caller guarantees it is writable.
    unsafe { out.write(ptr::null_mut()) };
    Ok(out)
}

/// End a constructor: hand a new handle to the caller through an out-parameter that
/// [`clear_out`] checked.
pub(crate) fn put_handle<T>(out: *mut *mut T, value: T) {
    // SAFETY: checked for NULL by `clear_out`; the caller guarantees it is writable.
    unsafe { out.write(Box::into_raw(Box::new(value))) };
}

/// The bytes of a `(ptr, len)` input; NULL is allowed for an empty input.
pub(crate) unsafe fn bytes_arg<'a>(
    ptr: *const u8,
    len: usize,
    what: impl fmt::Display,
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
/// `what` names the argument in a failure (`text`, or `text 3` for one of many), and is
/// only formatted then.
pub(crate) unsafe fn str_arg<'a>(
    ptr: *const u8,
    len: usize,
    what: impl fmt::Display + Copy,
) -> Result<&'a str, Fail> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes_arg(ptr, len, what) }?;
    utf8(bytes, what)
}

/// Validate UTF-8: the core's message for the first bad byte (`invalid UTF-8 at byte
/// offset N`, 0-based), after `what` and followed by the line it is on (1-based), which
/// helps in a multi-line buffer.
pub(crate) fn utf8(bytes: &[u8], what: impl fmt::Display) -> Result<&str, Fail> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let Fail { code, message } = Fail::from(Error::invalid_utf8(&e));
        Fail::new(code, format!("{what}: {message} (line {line})"))
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

/// A file path given as `(ptr, len)` (no NUL needed): any bytes on Unix, where paths are
/// bytes; UTF-8 elsewhere. NULL is an error even with a zero length.
pub(crate) unsafe fn path_arg(ptr: *const u8, len: usize) -> Result<PathBuf, Fail> {
    if ptr.is_null() {
        return Err(Fail::null("path"));
    }
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes_arg(ptr, len, "path") }?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        utf8(bytes, "path").map(PathBuf::from)
    }
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
    use std::ffi::CStr;

    use super::*;
    use crate::{nw_error_code, nw_error_free, nw_error_message};

    fn message(err: *mut nw_error) -> String {
        let msg = unsafe { CStr::from_ptr(nw_error_message(err)) }
            .to_str()
            .unwrap()
            .to_string();
        unsafe { nw_error_free(err) };
        msg
    }

    #[test]
    fn panic_becomes_status_and_message() {
        let mut err: *mut nw_error = ptr::null_mut();
        let status = run("nw_test", &mut err, || panic!("boom {}", 7));
        assert_eq!(status, nw_status::NW_ERR_PANIC);
        assert!(!err.is_null());
        assert_eq!(unsafe { nw_error_code(err) }, nw_status::NW_ERR_PANIC);
        assert_eq!(message(err), "nw_test: internal error (panic): boom 7");
        // Without an error out-parameter the status alone comes back.
        assert_eq!(
            run("nw_test", ptr::null_mut(), || panic!("quiet")),
            nw_status::NW_ERR_PANIC
        );
    }

    #[test]
    fn a_panicking_destructor_stays_inside() {
        struct Bomb;
        impl Drop for Bomb {
            fn drop(&mut self) {
                panic!("in drop");
            }
        }
        let p = Box::into_raw(Box::new(Bomb));
        let status = run("nw_bomb_free", ptr::null_mut(), || unsafe { free_box(p) });
        assert_eq!(status, nw_status::NW_ERR_PANIC);
    }

    #[test]
    fn failures_map_to_codes() {
        use nw::{Gazetteer, Matcher};
        let jsonl = |text: &str| Gazetteer::from_jsonl_str(text, "g.jsonl").unwrap_err();
        let snapshot = {
            let g = Gazetteer::from_jsonl_str(r#"{"id":"a","kind":"LOC","name":"Alpha"}"#, "g")
                .unwrap();
            Matcher::new(g).unwrap().to_bytes()
        };
        let mut newer = snapshot.clone();
        newer[8..12].copy_from_slice(&2u32.to_le_bytes());
        let payload = catch_unwind(|| panic!("boom")).unwrap_err();
        // Zürich in Latin-1 (a vector: a literal would be flagged as always invalid).
        let latin1 = b"Z\xfcrich".to_vec();
        // Errors as the core makes them, through its public API.
        let cases = [
            (
                Gazetteer::from_path("/no/such/dir/g.jsonl").unwrap_err(),
                nw_status::NW_ERR_IO,
            ),
            (
                Error::invalid_utf8(&std::str::from_utf8(&latin1).unwrap_err()),
                nw_status::NW_ERR_UTF8,
            ),
            (jsonl("not json"), nw_status::NW_ERR_GAZETTEER),
            (
                jsonl(r#"{"id":"a","kind":"LOC"}"#),
                nw_status::NW_ERR_GAZETTEER,
            ),
            (
                jsonl(r#"{"id":"a","kind":"LOC","name":" "}"#),
                nw_status::NW_ERR_GAZETTEER,
            ),
            (
                jsonl(
                    "{\"id\":\"a\",\"kind\":\"LOC\",\"name\":\"A\"}\n{\"id\":\"a\",\"kind\":\"LOC\",\"name\":\"B\"}",
                ),
                nw_status::NW_ERR_GAZETTEER,
            ),
            (
                nw::gazetteer::Format::from_path("g.csv").unwrap_err(),
                nw_status::NW_ERR_OPTION,
            ),
            (Error::from_panic(payload, "here"), nw_status::NW_ERR_PANIC),
            (
                Matcher::from_bytes(Vec::<u8>::new()).unwrap_err(),
                nw_status::NW_ERR_SNAPSHOT,
            ),
            (
                Matcher::from_bytes(snapshot[..100].to_vec()).unwrap_err(),
                nw_status::NW_ERR_SNAPSHOT,
            ),
            (
                Matcher::from_bytes(newer).unwrap_err(),
                nw_status::NW_ERR_SNAPSHOT,
            ),
        ];
        for (e, code) in cases {
            let (kind, text) = (e.kind(), e.to_string());
            let fail = Fail::from(e);
            assert_eq!(fail.code, code, "{kind:?}");
            // The core's message goes through unchanged.
            assert_eq!(fail.message, text);
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
        let i = 3;
        let fail = unsafe { str_arg(b"\xff".as_ptr(), 1, format_args!("text {i}")) }.unwrap_err();
        assert_eq!(
            fail.message,
            "text 3: invalid UTF-8 at byte offset 0 (line 1)"
        );
    }

    #[test]
    fn nul_in_message_is_escaped() {
        let mut err: *mut nw_error = ptr::null_mut();
        run("nw_test", &mut err, || {
            Err(Fail::new(nw_status::NW_ERR_OPTION, "a\0b"))
        });
        assert_eq!(message(err), "nw_test: a\\0b");
    }
}
