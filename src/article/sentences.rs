//! Sentence boundaries inside a paragraph.
//!
//! The splitter jumps between candidate positions (`.`, `?`, `!` and the CJK full stops)
//! with memchr and decides there. UAX#29 (unicode-segmentation) is consulted only at a
//! candidate, on a window of a few dozen bytes around it, after the news rules have had
//! their say: no break after titles, corporate suffixes, months or initials unless a word
//! that opens sentences follows, no break inside numbers, a break in glued copy
//! (`said.The`). Line ends inside a paragraph are wraps, never breaks.

use unicode_segmentation::UnicodeSegmentation;

use super::abbreviations::{self, Class};
use super::scan;
use crate::Span;

/// How far back a word before a full stop is looked at.
const TOKEN_WINDOW: usize = 24;
/// How much text after a candidate UAX#29 sees.
const LOOKAHEAD: usize = 24;
/// How much of a run of terminators and closers it sees.
const LOOKBEHIND: usize = 40;

/// Appends the sentences of paragraph `para` to `out`. `extra` are abbreviations given by
/// the caller (without their full stop), after which no sentence ends.
pub(crate) fn split(text: &str, para: Span, extra: &[Box<str>], out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let (ps, pe) = (para.start, para.end.min(b.len()));
    if ps >= pe {
        return;
    }
    let mut candidates = Candidates::new(!b[ps..pe].is_ascii());
    let mut sent_start = ps;
    let mut i = ps;
    while let Some(c) = candidates.next(b, i, pe) {
        // The run of terminators (`?!`, `...`), then closing quotes and brackets.
        let mut j = c;
        while j < pe {
            if matches!(b[j], b'.' | b'?' | b'!') {
                j += 1;
            } else if let Some(n) = cjk_terminator(b, j, pe) {
                j += n;
            } else {
                break;
            }
        }
        let run_end = j;
        while j < pe {
            match closer(b, j, pe) {
                Some(n) => j += n,
                // French copy sets its closing guillemet off with a space: `non. »`.
                None => match french_close(b, j, pe) {
                    Some(n) => j += n,
                    None => break,
                },
            }
        }
        let close_end = j;
        let mut k = close_end;
        while k < pe && scan::is_space(b[k]) {
            k += 1;
        }
        if k >= pe {
            break;
        }
        if is_break(text, ps, pe, c, run_end, close_end, k, extra) {
            push(text, sent_start, close_end, out);
            sent_start = k;
        }
        i = close_end.max(c + 1);
    }
    push(text, sent_start, pe, out);
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let (s, e) = scan::trim(text, s, e);
    if e > s {
        out.push(Span::new(s, e));
    }
}

/// The next candidate at or after a position, from two cached memchr searches (ASCII
/// terminators; lead bytes of the CJK ones when the paragraph is not ASCII).
struct Candidates {
    ascii: Option<usize>,
    ascii_from: usize,
    cjk: Option<usize>,
    cjk_from: usize,
    non_ascii: bool,
}

impl Candidates {
    fn new(non_ascii: bool) -> Candidates {
        Candidates {
            ascii: None,
            ascii_from: usize::MAX,
            cjk: None,
            cjk_from: usize::MAX,
            non_ascii,
        }
    }

    fn next(&mut self, b: &[u8], from: usize, end: usize) -> Option<usize> {
        if from >= end {
            return None;
        }
        if self.ascii_from == usize::MAX || self.ascii.is_some_and(|p| p < from) {
            self.ascii = memchr::memchr3(b'.', b'?', b'!', &b[from..end]).map(|k| from + k);
            self.ascii_from = from;
        }
        if self.non_ascii {
            if self.cjk_from == usize::MAX || self.cjk.is_some_and(|p| p < from) {
                let mut at = from;
                self.cjk = loop {
                    match memchr::memchr2(0xE3, 0xEF, &b[at..end]) {
                        Some(k) if cjk_terminator(b, at + k, end).is_some() => break Some(at + k),
                        Some(k) => at += k + 1,
                        None => break None,
                    }
                };
                self.cjk_from = from;
            }
            match (self.ascii, self.cjk) {
                (Some(a), Some(c)) => Some(a.min(c)),
                (a, c) => a.or(c),
            }
        } else {
            self.ascii
        }
    }
}

/// `。`, `！`, `？`, `｡` at `j`: their length.
fn cjk_terminator(b: &[u8], j: usize, end: usize) -> Option<usize> {
    if j + 3 > end {
        return None;
    }
    match (b[j], b[j + 1], b[j + 2]) {
        (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x81) | (0xEF, 0xBC, 0x9F) | (0xEF, 0xBD, 0xA1) => {
            Some(3)
        }
        _ => None,
    }
}

/// A closing quote or bracket at `j`: its length.
fn closer(b: &[u8], j: usize, end: usize) -> Option<usize> {
    match b[j] {
        b'"' | b'\'' | b')' | b']' => Some(1),
        // ’ ” »
        0xE2 if j + 3 <= end && b[j + 1] == 0x80 && matches!(b[j + 2], 0x99 | 0x9D) => Some(3),
        0xC2 if j + 2 <= end && b[j + 1] == 0xBB => Some(2),
        _ => None,
    }
}

/// A space, no-break space or narrow no-break space, then `»`, at `j`: their length.
fn french_close(b: &[u8], j: usize, end: usize) -> Option<usize> {
    let space = match b[j] {
        b' ' => 1,
        0xC2 if j + 2 <= end && b[j + 1] == 0xA0 => 2,
        0xE2 if j + 3 <= end && b[j + 1] == 0x80 && b[j + 2] == 0xAF => 3,
        _ => return None,
    };
    let k = j + space;
    (k + 2 <= end && b[k] == 0xC2 && b[k + 1] == 0xBB).then_some(space + 2)
}

/// The word before the full stop at `c`, without leading punctuation (`Mr`, `U.S`).
fn token_before(text: &str, ps: usize, c: usize) -> &str {
    let b = text.as_bytes();
    let lo = c.saturating_sub(TOKEN_WINDOW).max(ps);
    let mut s = c;
    while s > lo
        && !scan::is_space(b[s - 1])
        && !matches!(b[s - 1], b'(' | b'"' | b'[' | b'/' | b'-')
    {
        s -= 1;
    }
    let s = scan::ceil_boundary(text, s).min(c);
    text.get(s..c)
        .unwrap_or("")
        .trim_start_matches(|ch: char| !ch.is_alphanumeric())
}

fn class_of(token: &str, extra: &[Box<str>]) -> Option<Class> {
    if extra.iter().any(|a| &**a == token) {
        return Some(Class::Never);
    }
    abbreviations::builtin(token)
}

/// The word at `k` after any opening quote or bracket.
fn word_at(text: &str, k: usize, pe: usize) -> &str {
    let b = text.as_bytes();
    let mut s = k;
    while s < pe {
        match b[s] {
            b'"' | b'\'' | b'(' | b'[' => s += 1,
            0xE2 if s + 3 <= pe && b[s + 1] == 0x80 && matches!(b[s + 2], 0x98 | 0x9C) => s += 3,
            _ => break,
        }
    }
    let e = scan::word_end(text, s, pe);
    text.get(s..e).unwrap_or("")
}

#[allow(clippy::too_many_arguments)]
fn is_break(
    text: &str,
    ps: usize,
    pe: usize,
    c: usize,
    run_end: usize,
    close_end: usize,
    k: usize,
    extra: &[Box<str>],
) -> bool {
    let b = text.as_bytes();
    let single_dot = b[c] == b'.' && run_end == c + 1;
    if single_dot {
        if k == close_end {
            // Nothing blank after the full stop: a number (`5.93`), `U.S`, a domain, or
            // glued copy (`said.The`).
            return close_end == c + 1 && glued(text, ps, c, extra);
        }
        let token = token_before(text, ps, c);
        match class_of(token, extra) {
            Some(Class::Never) => return false,
            Some(Class::MayEnd) => {
                return abbreviations::is_sentence_starter(word_at(text, k, pe));
            }
            Some(Class::Time) => {
                let next = word_at(text, k, pe);
                return scan::starts_upper(next) && !scan::is_all_caps(next);
            }
            Some(Class::BeforeNumber) if b[k].is_ascii_digit() => return false,
            _ => {}
        }
    } else if b[c] != b'.' && scan::char_at(text, k).is_some_and(char::is_lowercase) {
        // `"Why?" he asked.`
        return false;
    }
    uax29_break(text, ps, c, close_end, k)
}

/// `said.The`: a lower-case word, a full stop, and a capitalised word with no space.
fn glued(text: &str, ps: usize, c: usize, extra: &[Box<str>]) -> bool {
    let token = token_before(text, ps, c);
    if token.len() < 2 || !token.chars().all(char::is_lowercase) || class_of(token, extra).is_some()
    {
        return false;
    }
    let mut after = text.get(c + 1..).unwrap_or("").chars();
    matches!((after.next(), after.next()), (Some(u), Some(l)) if u.is_uppercase() && l.is_lowercase())
}

/// What UAX#29 says about a break at `k`, asked on a small window: the char before the
/// terminators at `c`, the terminators and closers, one space for any run of white space
/// (line ends included: a wrap is not a paragraph separator), and a few bytes after.
fn uax29_break(text: &str, ps: usize, c: usize, close_end: usize, k: usize) -> bool {
    let mut ws = scan::char_before(text, c)
        .map_or(c, |ch| c - ch.len_utf8())
        .max(ps);
    if close_end - ws > LOOKBEHIND {
        ws = scan::ceil_boundary(text, close_end - LOOKBEHIND);
    }
    // SB8 looks past digits and punctuation for a lower-case letter; up to the first
    // letter is all it needs.
    let limit = (k + LOOKAHEAD).min(text.len());
    let mut we = k;
    while we < limit {
        let b = text.as_bytes()[we];
        if b < 0x80 {
            we += 1;
            if b.is_ascii_alphabetic() {
                break;
            }
        } else {
            let Some(ch) = scan::char_at(text, we) else {
                break;
            };
            if we + ch.len_utf8() > limit {
                break;
            }
            we += ch.len_utf8();
            if ch.is_alphabetic() {
                break;
            }
        }
    }
    let mut buf = [0u8; LOOKBEHIND + 4 + 1 + LOOKAHEAD];
    // The head without the spaces inside the closers (`non. »` reads as `non.»`).
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut h = ws;
    while h < close_end {
        match french_close(bytes, h, close_end) {
            Some(len) => {
                buf[n] = 0xC2;
                buf[n + 1] = 0xBB;
                n += 2;
                h += len;
            }
            None => {
                buf[n] = bytes[h];
                n += 1;
                h += 1;
            }
        }
    }
    let target = if k > close_end {
        buf[n] = b' ';
        n += 1;
        n
    } else {
        n
    };
    let tail = &text.as_bytes()[k..we];
    buf[n..n + tail.len()].copy_from_slice(tail);
    n += tail.len();
    for byte in &mut buf[..n] {
        if scan::is_space(*byte) {
            *byte = b' ';
        }
    }
    let Ok(window) = std::str::from_utf8(&buf[..n]) else {
        return true;
    };
    window
        .split_sentence_bound_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= target)
        .any(|i| i == target)
}
