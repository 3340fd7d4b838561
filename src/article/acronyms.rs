//! Inline acronym definitions: `Organization of Islamic Cooperation (OIC)`, and the
//! reverse `OIC (Organization of Islamic Cooperation)`.
//!
//! The letters of the short form are matched against the words before the parenthesis:
//! each word of the long form gives its initial (and may give more letters from inside it,
//! `Ministry of IT and Telecom (MoITT)`), function words (`of`, `and`, `the`) may be
//! skipped, and the long form starts at a content word or a legal form (`Limited Liability
//! Partnership (LLP)`). The shortest long form that accounts for every letter and every
//! content word wins, with a legal form before it that spells the first letter too.
//! Parentheses that are not spelled out by the words before them (`(APP)`, `(2021)`)
//! define nothing.

use super::Acronym;
use super::scan;
use crate::Span;

const MAX_SHORT: usize = 12;
const MAX_LETTERS: usize = 10;
/// Words beyond the letter count that a long form may hold (function words).
const SLACK_WORDS: usize = 5;
const MAX_WORDS: usize = MAX_LETTERS + SLACK_WORDS;
/// How far back from the parenthesis a long form may start.
const MAX_LONG: usize = 200;

/// Appends the definitions inside `body` to `out`, in order.
pub(crate) fn find(text: &str, body: Span, out: &mut Vec<Acronym>) {
    let b = text.as_bytes();
    let region = &b[body.start..body.end];
    for k in memchr::memchr_iter(b'(', region) {
        let open = body.start + k;
        let limit = (open + 1 + 120).min(body.end);
        let Some(close) = memchr::memchr(b')', &b[open + 1..limit]).map(|c| open + 1 + c) else {
            continue;
        };
        let (is, ie) = scan::trim(text, open + 1, close);
        let Some(inner) = text.get(is..ie) else {
            continue;
        };
        if is_short_form(inner) {
            if let Some(long) = long_before(text, body.start, open, inner) {
                out.push(Acronym {
                    short: Span::new(is, ie),
                    long,
                });
            }
        } else if inner.contains(' ') {
            // `OIC (Organization of Islamic Cooperation)`
            if let Some(short) = short_before(text, body.start, open)
                && let Some(s) = text.get(short.start..short.end)
                && let Some(letters) = letters(s)
            {
                let words = words_in(text, is, ie);
                if matches_all(&words, &letters, text) {
                    out.push(Acronym {
                        short,
                        long: Span::new(is, ie),
                    });
                }
            }
        }
    }
}

/// `OIC`, `MoITT`, `U.N.`, `G20`: two or more capitals, no spaces, short.
fn is_short_form(s: &str) -> bool {
    if s.len() < 2 || s.len() > MAX_SHORT || !s.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let mut upper = 0;
    let mut lower = 0;
    for c in s.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if !(c.is_alphanumeric() || matches!(c, '.' | '-' | '&' | '/')) {
            return false;
        }
    }
    upper >= 2 && lower <= upper
}

/// The letters (and digits) of a short form, lower-cased.
fn letters(s: &str) -> Option<Vec<char>> {
    let v: Vec<char> = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    (v.len() >= 2 && v.len() <= MAX_LETTERS).then_some(v)
}

/// A word of a candidate long form.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// A function word (`of`, `and`): skipped, and never the first word.
    function: bool,
    /// A legal form (`Ltd`, `Limited`): skipped like a function word, but may be the first.
    legal: bool,
}

impl Word {
    fn skippable(&self) -> bool {
        self.function || self.legal
    }
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "the"
            | "for"
            | "in"
            | "on"
            | "at"
            | "to"
            | "de"
            | "du"
            | "la"
            | "le"
            | "des"
            | "del"
            | "da"
            | "a"
            | "an"
            | "with"
            | "&"
            | "y"
            | "et"
            | "und"
            | "by"
    )
}

/// Words of `start..end`: letters and digits with inner apostrophes; `&` is a word.
/// Hyphens and slashes separate words (`Secretary-General`).
fn words_in(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let Some(s) = text.get(start..end) else {
        return words;
    };
    let mut cur: Option<usize> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && cur.is_some()
            && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            cur.get_or_insert(i);
            continue;
        }
        if let Some(ws) = cur.take() {
            words.push(word(text, start + ws, start + i));
        }
        if c == '&' {
            words.push(word(text, start + i, start + i + 1));
        }
    }
    if let Some(ws) = cur {
        words.push(word(text, start + ws, end));
    }
    words
}

/// A company's legal form, which its acronym may leave out (`Price Waterhouse and Co (PW)`,
/// `Japan Credit Rating Agency Ltd (JCRA)`) or spell (`Federal Deposit Insurance Corp.
/// (FDIC)`): it is skipped like a function word, or gives its letter.
fn is_legal_form(w: &str) -> bool {
    matches!(
        w,
        "Co" | "Cos"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Bhd"
            | "Berhad"
            | "Plc"
            | "PLC"
            | "AG"
            | "SA"
            | "NV"
            | "BV"
            | "Pty"
            | "Pte"
            | "LLC"
            | "GmbH"
            | "SpA"
            | "Limited"
    )
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let w = text.get(start..end).unwrap_or("");
    Word {
        start,
        end,
        function: is_function_word(w),
        legal: is_legal_form(w),
    }
}

/// The long form ending before the parenthesis at `open`.
fn long_before(text: &str, body_start: usize, open: usize, short: &str) -> Option<Span> {
    let letters = letters(short)?;
    let b = text.as_bytes();
    // The long form stays inside its clause: no sentence punctuation, quote or bracket.
    let lo = scan::ceil_boundary(text, open.saturating_sub(MAX_LONG).max(body_start));
    let mut from = lo;
    // A full stop ends the clause, except inside a dotted abbreviation (`U.N.`) and after
    // an abbreviation right before the parenthesis (`Insurance Corp. (FDIC)`; but `Bank of
    // America. (BOA) said` ends a sentence).
    let mut k = open;
    while let Some(p) = memchr::memrchr3(b'.', b';', b':', &b[lo..k]) {
        let at = lo + p;
        if b[at] == b'.'
            && at > lo
            && ((b[at - 1].is_ascii_uppercase()
                && (at - 1 == lo || !b[at - 2].is_ascii_alphabetic()))
                || (b[at + 1..open].iter().all(|&c| c == b' ') && abbreviation_before(text, at)))
        {
            k = at;
            continue;
        }
        from = from.max(at + 1);
        break;
    }
    if let Some(p) = memchr::memrchr3(b'(', b')', b'"', &b[lo..open]) {
        from = from.max(lo + p + 1);
    }
    let mut words = words_in(text, from, open);
    let keep = letters.len() + SLACK_WORDS;
    if words.len() > keep {
        words.drain(..words.len() - keep);
    }
    if words.len() < 2 {
        return None;
    }
    let mut memo = Memo::new(letters.len(), words.len());
    for s in (0..words.len() - 1).rev() {
        let w = words[s];
        if w.function || initial(text, w) != Some(letters[0]) {
            continue;
        }
        if matches(&words, &letters, text, 0, s, &mut memo) {
            // `Limited Liability Partnership (LLP)`: `Liability` spells `LL` alone, but a
            // legal form before it that spells the first letter belongs to the name.
            let mut s = s;
            while s > 0
                && words[s - 1].legal
                && initial(text, words[s - 1]) == Some(letters[0])
                && matches(&words, &letters, text, 0, s - 1, &mut memo)
            {
                s -= 1;
            }
            let w = words[s];
            // An abbreviation's full stop before the parenthesis is the long form's
            // (`Insurance Corp.`).
            let mut end = words[words.len() - 1].end;
            if b.get(end) == Some(&b'.') && b[end + 1..open].iter().all(|&c| c == b' ') {
                end += 1;
            }
            return Some(Span::new(w.start, end));
        }
    }
    None
}

/// Where the name in the long form `long` may end, besides `long.end`: before its final
/// full stop (`Insurance Corp.` → `Insurance Corp`), and before the legal form its acronym
/// may carry (`Price Waterhouse and Co` → `Price Waterhouse`): a gazetteer may name the
/// company any of these ways.
pub(crate) fn name_ends(text: &str, long: Span) -> [usize; 2] {
    let words = words_in(text, long.start, long.end);
    let Some(last) = words.last() else {
        return [long.end; 2];
    };
    let kept = words
        .iter()
        .rposition(|w| {
            let s = text.get(w.start..w.end).unwrap_or("");
            !is_legal_form(s) && !is_function_word(s)
        })
        .map_or(last.end, |k| words[k].end);
    [last.end, kept]
}

/// Whether the word before the full stop at `at` is an abbreviation (`Corp`, `Inc`, `Co`),
/// whose full stop may stand before a parenthesis without ending a sentence.
fn abbreviation_before(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let mut s = at;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    text.get(s..at)
        .is_some_and(|w| is_legal_form(w) || super::abbreviations::builtin(w).is_some())
}

/// The all-capitals word right before the parenthesis at `open`.
fn short_before(text: &str, body_start: usize, open: usize) -> Option<Span> {
    let b = text.as_bytes();
    let mut e = open;
    while e > body_start && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > body_start && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.') {
        s -= 1;
    }
    let w = text.get(s..e)?;
    (e > s && is_short_form(w) && scan::is_all_caps(w) && scan::at_word_start(text, s))
        .then(|| Span::new(s, e))
}

fn matches_all(words: &[Word], letters: &[char], text: &str) -> bool {
    if words.len() < 2 || words.len() > MAX_WORDS || words[0].function {
        return false;
    }
    if initial(text, words[0]) != letters.first().copied() {
        return false;
    }
    let mut memo = Memo::new(letters.len(), words.len());
    matches(words, letters, text, 0, 0, &mut memo)
}

fn initial(text: &str, w: Word) -> Option<char> {
    let c = scan::char_at(text, w.start)?;
    Some(c.to_lowercase().next().unwrap_or(c))
}

/// Memo of `matches` by (letter, word); `0` unknown, `1` no, `2` yes.
struct Memo {
    cells: Vec<u8>,
    words: usize,
}

impl Memo {
    fn new(letters: usize, words: usize) -> Memo {
        Memo {
            cells: vec![0; (letters + 1) * (words + 1)],
            words: words + 1,
        }
    }
}

/// Whether letters `li..` can be spelled by words `wi..`, every content word giving at
/// least its initial.
fn matches(
    words: &[Word],
    letters: &[char],
    text: &str,
    li: usize,
    wi: usize,
    memo: &mut Memo,
) -> bool {
    if wi == words.len() {
        return li == letters.len();
    }
    if li == letters.len() {
        return words[wi..].iter().all(Word::skippable);
    }
    let cell = li * memo.words + wi;
    match memo.cells.get(cell) {
        Some(1) => return false,
        Some(2) => return true,
        _ => {}
    }
    let w = words[wi];
    let mut ok = w.skippable() && matches(words, letters, text, li, wi + 1, memo);
    if !ok && initial(text, w) == Some(letters[li]) {
        // The initial gives letter `li`; letters after it may come from inside the word,
        // in order.
        let rest = text.get(w.start..w.end).unwrap_or("");
        let mut inner = rest
            .chars()
            .skip(1)
            .map(|c| c.to_lowercase().next().unwrap_or(c));
        let mut t = 1;
        loop {
            if matches(words, letters, text, li + t, wi + 1, memo) {
                ok = true;
                break;
            }
            if li + t >= letters.len() || !inner.any(|c| c == letters[li + t]) {
                break;
            }
            t += 1;
        }
    }
    if let Some(c) = memo.cells.get_mut(cell) {
        *c = if ok { 2 } else { 1 };
    }
    ok
}
