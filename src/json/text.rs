//! The two things a JSON record is mostly made of, written straight into a byte buffer:
//! strings (escaped exactly as `serde_json` escapes them) and unsigned integers (offsets).
//!
//! Both are written with one capacity check each and no formatting machinery: a record of
//! a news article is thousands of short strings and small numbers, so the cost per call,
//! not per byte, is what counts.

/// `s` as a JSON string, quotes included: `"`, `\` and the control characters U+0000 to
/// U+001F escaped (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00XX` in lower-case hex), as
/// `serde_json` writes them; everything else, non-ASCII included, as it is.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    // Most strings (names, ids, mention texts) need no escape: find the first byte that
    // does, eight at a time, and copy everything before it at once.
    while let Some(at) = find_escape(&bytes[from..]) {
        let at = from + at;
        out.extend_from_slice(&bytes[from..at]);
        escape(out, bytes[at]);
        from = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// The escape of one byte that needs one.
#[cold]
fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\r' => out.extend_from_slice(b"\\r"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xf)],
        ]),
    }
}

/// Whether a byte needs an escape in a JSON string.
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The position of the first byte of `bytes` that needs an escape.
#[inline]
fn find_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A high bit per byte below 0x20, equal to `"` or equal to `\`: the classic "has a
        // zero byte" test on w - 0x20.., w ^ 0x22.. and w ^ 0x5c... Each test may also flag
        // a byte above the first flagged one (a borrow), never one below it, so the lowest
        // flag is exact. Bytes of 0x80 and above never count as below 0x20 (`& !w`).
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let flags = (w.wrapping_sub(ONES * 0x20)
            | quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash)
            & !w
            & HIGH;
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    (chunks.remainder().iter())
        .position(|&b| needs_escape(b))
        .map(|i| at + i)
}

/// `n` in decimal.
#[inline]
pub(crate) fn write_u64(out: &mut Vec<u8>, mut n: u64) {
    // Two digits at a time from the end, into a buffer that holds the largest u64.
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
                                2021222324252627282930313233343536373839\
                                4041424344454647484950515253545556575859\
                                6061626364656667686970717273747576777879\
                                8081828384858687888990919293949596979899";
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[at..]);
}

/// `n` in decimal, with a `-` when negative.
#[inline]
pub(crate) fn write_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    write_u64(out, n.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_json(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = [
            "",
            "plain",
            "a\"b",
            "back\\slash",
            "line\nbreak\r\n\ttab",
            "\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "São Paulo — “quoted” 北京 🎉",
            "exactly8",
            "sixteen bytes!!!",
            "\"at the start and the end\"",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every byte value that is a char on its own, at every position of a word and a
        // half, next to a non-ASCII one (whose bytes are all above 0x80).
        for b in 0u8..0x80 {
            for at in 0..12 {
                let mut s: String = "abcdéfghijk".chars().take(at).collect();
                s.push(char::from(b));
                s.push_str("xyzé");
                cases.push(s);
            }
        }
        for s in &cases {
            assert_eq!(as_json(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers() {
        for n in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            101,
            999,
            1000,
            12345,
            1 << 32,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        for n in [0i64, -1, -10, -99, 100, i64::MIN, i64::MAX] {
            let mut out = Vec::new();
            write_i64(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }
}
