//! Whether the terminators at a candidate end a sentence: the news rules first
//! (abbreviations, initials, times, the pronoun `I`, ellipses, glued copy), then UAX#29
//! (unicode-segmentation) on a window of a few dozen bytes around the candidate.

use unicode_segmentation::UnicodeSegmentation;

use super::abbreviations::{self, Class};
use super::calendar;
use super::scan;
use super::terminators::{Punct, french_close};

/// How far back a word before a full stop is looked at.
const TOKEN_WINDOW: usize = 24;
/// How much text after a candidate UAX#29 sees.
const LOOKAHEAD: usize = 24;
/// How much of a run of terminators and closers it sees.
const LOOKBEHIND: usize = 40;

/// The paragraph and sentence a candidate is in.
pub(crate) struct At<'a> {
    pub text: &'a str,
    /// Paragraph start and end.
    pub ps: usize,
    pub pe: usize,
    /// Where the current sentence starts.
    pub start: usize,
    /// Abbreviations the caller added (without their full stop).
    pub extra: &'a [Box<str>],
}

/// Whether the punctuation `p` ends a sentence, with the next one starting at `k` (after
/// white space, or at `p.close_end` when none follows).
pub(crate) fn is_break(at: &At, p: &Punct, k: usize) -> bool {
    let (text, ps, pe) = (at.text, at.ps, at.pe);
    let b = text.as_bytes();
    let c = p.c;
    match p.dots {
        1 => {
            if k == p.close_end {
                // Nothing blank after the full stop: a number (`5.93`), `U.S`, a domain,
                // or glued copy (`said.The`).
                return p.close_end == c + 1 && glued(at, c);
            }
            let token = token_before(text, ps, c);
            match class_of(token, at.extra) {
                Some(Class::Never) => return false,
                Some(Class::MayEnd) if token == "I" && pronoun_i(at, p, k) => {}
                Some(Class::MayEnd) => {
                    return abbreviations::is_sentence_starter(word_at(text, k, pe));
                }
                Some(Class::Time) => return time_ends(at, c - token.len(), k),
                Some(Class::BeforeNumber) if b[k].is_ascii_digit() => return false,
                _ => {}
            }
        }
        // An ellipsis marks words left out, or a pause, inside a sentence (`adhering by the
        // ... Accord`, `make more difficult... Turkcell's`); wire style (AP) writes a full
        // stop before it where a sentence ends, and `....` or `. . . .` go on to UAX#29
        // below. Three dots end a sentence only where a full stop after an abbreviation
        // would: before a word that opens sentences (`a murky area... There will be`).
        3 => return abbreviations::is_sentence_starter(word_at(text, k, pe)),
        // `"Why?" he asked.`
        0 if b[c] != b'.' && scan::char_at(text, k).is_some_and(char::is_lowercase) => {
            return false;
        }
        _ => {}
    }
    // UAX#29 reads `. . . .` as four terminators: it is shown the last.
    let head = if p.spaced() { p.last } else { c };
    plain_break(b, head, p.close_end, k)
        .unwrap_or_else(|| uax29_break(text, ps, head, p.close_end, k))
}

/// UAX#29's answer where it is plain, without running it: ASCII terminators and closers,
/// white space, then an ASCII capital (`said. The`, `now?" He`). After `SATerm Close* Sp*`
/// a capital is neither the lower-case letter SB8 looks ahead for nor SContinue or SATerm
/// (SB8a), and SB7 needs no space between, so SB11 breaks. Most sentence ends look like
/// this; the window and the segmenter are for the rest.
fn plain_break(b: &[u8], c: usize, close_end: usize, k: usize) -> Option<bool> {
    let plain = k > close_end
        && b[k].is_ascii_uppercase()
        && b[c..close_end]
            .iter()
            .all(|x| matches!(x, b'.' | b'?' | b'!' | b'"' | b'\'' | b')' | b']'));
    plain.then_some(true)
}

/// The bytes a token before a full stop does not reach over: ASCII white space and
/// `(`, `"`, `[`, `/`, `-`. A table, not a `matches!`: that became a jump table whose
/// indirect branch mispredicted on most bytes of most tokens.
const TOKEN_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let stops = b" \t\n\r\x0b\x0c(\"[/-";
    let mut i = 0;
    while i < stops.len() {
        t[stops[i] as usize] = true;
        i += 1;
    }
    t
};

/// The word before the full stop at `c`, without leading punctuation (`Mr`, `U.S`).
fn token_before(text: &str, ps: usize, c: usize) -> &str {
    let b = text.as_bytes();
    let lo = c.saturating_sub(TOKEN_WINDOW).max(ps);
    let mut s = c;
    while s > lo && !TOKEN_STOP[usize::from(b[s - 1])] {
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
    // The numero sign as European copy writes it: `N°. 1026.253.553`.
    if matches!(token, "N°" | "Nº" | "n°" | "nº") {
        return Some(Class::BeforeNumber);
    }
    abbreviations::builtin(token)
}

/// The word at `k` after any opening quote or bracket: where it starts and ends.
fn word_span_at(text: &str, k: usize, pe: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut s = k;
    while s < pe {
        match b[s] {
            b'"' | b'\'' | b'(' | b'[' => s += 1,
            0xE2 if s + 3 <= pe && b[s + 1] == 0x80 && matches!(b[s + 2], 0x98 | 0x9C) => s += 3,
            _ => break,
        }
    }
    (s, scan::word_end(text, s, pe))
}

fn word_at(text: &str, k: usize, pe: usize) -> &str {
    let (s, e) = word_span_at(text, k, pe);
    text.get(s..e).unwrap_or("")
}

/// Whether `a.m.` or `p.m.` (its letters start at `ts`) ends a sentence, `k` being where
/// the next word starts.
///
/// At a sentence end the abbreviation's full stop is also the sentence's (copy never
/// writes two), so the full stop alone cannot tell; the word after it does. The time can
/// go on with a day, a date or a time zone (`at 5 a.m. Monday`, `6 p.m. EST`, `8 p.m.
/// Eastern time`, `9 a.m. Jan. 5`), with a figure (`6 p.m. (2200 GMT)`, `7 a.m. 40
/// million voters`: UAX#29 does not break before a figure either) or with lower-case words
/// (`at 5 a.m. the market opened`). A capitalised word that is none of these starts the
/// next sentence (`He left at 6 P.M. Smith then went home`): a name or a sentence opener
/// straight after a time is far more often a new subject than part of the time phrase.
/// The one exception is a sentence that would be only a time phrase, which is none:
/// `At 5 a.m. Mr. Smith left` goes on.
fn time_ends(at: &At, ts: usize, k: usize) -> bool {
    let text = at.text;
    let (ws, we) = word_span_at(text, k, at.pe);
    let next = &text[ws..we];
    if !scan::starts_upper(next) || scan::is_all_caps(next) {
        return false;
    }
    if calendar::weekday(next).is_some()
        || calendar::month(next, false).is_some()
        || is_zone_or_day(next)
        || followed_by_time(text, we, at.pe)
    {
        return false;
    }
    !only_time_phrase(text, at.start, ts)
}

/// Weekday abbreviations and time-zone words that follow a time.
fn is_zone_or_day(word: &str) -> bool {
    matches!(
        word,
        "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thur"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "Eastern"
            | "Central"
            | "Pacific"
            | "Mountain"
            | "Atlantic"
            | "Alaska"
            | "Hawaii"
            | "Greenwich"
            | "Universal"
            | "Local"
    )
}

/// `6 p.m. Moscow time`: the word after the time is followed by `time` or `Time`.
fn followed_by_time(text: &str, we: usize, pe: usize) -> bool {
    let rest = text.get(we..pe).unwrap_or("");
    let rest = rest.strip_prefix(' ').unwrap_or("");
    let word = &rest[..scan::word_end(rest, 0, rest.len())];
    matches!(word, "time" | "Time")
}

/// Whether the sentence so far, from `start` up to the time's letters at `ts`, is only a
/// preposition of time and a clock figure (`At 5`, `Shortly after 6:30`).
fn only_time_phrase(text: &str, start: usize, ts: usize) -> bool {
    let Some(head) = text.get(start..ts) else {
        return false;
    };
    if head.len() > 40 {
        return false;
    }
    let mut words = head.split_whitespace().rev();
    let clock = words.next().unwrap_or("");
    let is_clock = !clock.is_empty()
        && clock.starts_with(|c: char| c.is_ascii_digit())
        && clock
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    let Some(prep) = words.next() else {
        return false;
    };
    let rest = words.count();
    is_clock
        && rest <= 1
        && matches!(
            prep.to_ascii_lowercase().as_str(),
            "at" | "by"
                | "from"
                | "until"
                | "till"
                | "around"
                | "about"
                | "before"
                | "after"
                | "since"
                | "past"
        )
}

/// Whether the `I` before the full stop at `p.c` is the pronoun, so that the full stop
/// ends a sentence like any other: a closing quote follows it (`"It was not I."`), or a
/// word that the pronoun ends a sentence after comes before it (`you and I.`, `than I.`,
/// `not I.`) and no further initial follows (`and I. M. Pei`). Otherwise it is an initial
/// (`Henry I. Miller`), which ends a sentence only before a word that opens one.
fn pronoun_i(at: &At, p: &Punct, k: usize) -> bool {
    if p.quoted {
        return true;
    }
    let b = at.text.as_bytes();
    let mut e = p.c - 1;
    while e > at.ps && scan::is_space(b[e - 1]) {
        e -= 1;
    }
    let mut s = e;
    while s > at.ps && b[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    let cue = matches!(
        &b[s..e],
        b"and"
            | b"or"
            | b"nor"
            | b"than"
            | b"not"
            | b"am"
            | b"was"
            | b"were"
            | b"is"
            | b"do"
            | b"did"
            | b"does"
            | b"have"
            | b"had"
            | b"can"
            | b"could"
            | b"will"
            | b"would"
            | b"shall"
            | b"should"
            | b"may"
            | b"might"
            | b"must"
            | b"so"
            | b"too"
            | b"as"
    );
    let (ws, we) = word_span_at(at.text, k, at.pe);
    let initial_follows = we == ws + 1 && b[ws].is_ascii_uppercase() && b.get(we) == Some(&b'.');
    cue && !initial_follows
}

/// `said.The`: a lower-case word, a full stop, and a capitalised word with no space.
fn glued(at: &At, c: usize) -> bool {
    let token = token_before(at.text, at.ps, c);
    if token.len() < 2
        || !token.chars().all(char::is_lowercase)
        || class_of(token, at.extra).is_some()
    {
        return false;
    }
    let mut after = at.text.get(c + 1..).unwrap_or("").chars();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives UAX#29's own answer wherever it answers.
    #[test]
    fn plain_breaks_agree_with_uax29() {
        let heads = ["said", "U.S", "Mr", "5", "(finally)", "A", "pct", "no"];
        let runs = [
            ".", "?", "!", "...", "?!", ".\"", ".'", ".)", "?\")", ".]", "!'\"",
        ];
        let gaps = [" ", "  ", "\n", " \n ", "\t", "\r\n"];
        let nexts = ["The", "A", "US", "I", "Z1", "X.", "Q)"];
        let mut checked = 0;
        for h in heads {
            for r in runs {
                for g in gaps {
                    for n in nexts {
                        let text = format!("{h}{r}{g}{n} rest");
                        let c = h.len();
                        let close_end = c + r.len();
                        let k = close_end + g.len();
                        if let Some(answer) = plain_break(text.as_bytes(), c, close_end, k) {
                            assert_eq!(answer, uax29_break(&text, 0, c, close_end, k), "{text:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, heads.len() * runs.len() * gaps.len() * nexts.len());
    }
}

#[cfg(test)]
mod token_stop_tests {
    /// The table holds what `scan::is_space` and the five punctuation marks do.
    #[test]
    fn token_stop_is_space_and_the_five_marks() {
        for c in 0..=255u8 {
            let want = super::scan::is_space(c) || matches!(c, b'(' | b'"' | b'[' | b'/' | b'-');
            assert_eq!(super::TOKEN_STOP[usize::from(c)], want, "{c:#x}");
        }
    }
}
