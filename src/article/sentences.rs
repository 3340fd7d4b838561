//! Sentence boundaries inside a paragraph.
//!
//! The splitter jumps between candidate positions, found 64 bytes at a time in a bit mask
//! (see `Candidates`), and decides there, never reading the bytes between them again:
//! terminators (`.`, `?`, `!`, `…`, the CJK full stops) and the characters a list marker
//! ends with or is (`)`, bullets, and `-`, `*`, `–`, `—` at a line start). UAX#29 (unicode-segmentation) is consulted only at a terminator, on a
//! window of a few dozen bytes around it, after the news rules have had their say:
//!
//! - no break after titles, corporate suffixes, months or initials unless a word that
//!   opens sentences follows (`Acme Inc. The board ...`), none before a number after `No.`
//!   or `N°.` (`N°. 1026.253.553`), none inside numbers;
//! - `a.m.`/`p.m.` end a sentence only before a capitalised word that is no weekday,
//!   month or time zone (`He left at 6 P.M. Smith then went home`, but `at 5 a.m. Monday`,
//!   `6 p.m. EST`), never before a small letter or a figure, and never after a
//!   sentence-opening time phrase (`At 5 a.m. Mr. Smith left`; see `breaks::time_ends`);
//! - `I.` is the pronoun, ending a sentence like any full stop, after a closing quote or
//!   after `and`, `than`, `not`, `was` ... (`you and I. Did ...`), and otherwise an initial
//!   (`Henry I. Miller`);
//! - an ellipsis (`...`, `. . .`, `…`) ends a sentence only before a word that opens
//!   sentences, being an omission or a pause inside one (`adhering by the ... Accord`);
//!   four dots (`....`, `. . . .`) are a full stop and an ellipsis;
//! - a citation after a closing quote (`"We will win." (Reuters)`) ends the sentence
//!   before it rather than starting the next;
//! - a break in glued copy (`said.The`);
//! - list items (`1.`, `2)`, `3.)`, `(4)`, `a.`, `iv.`, bullets, and `-` or `*` at a
//!   line start) are sentences of their own with their marker inside them. A sentence is
//!   never a marker alone: a marker ends none, and one with nothing after it in its
//!   paragraph stays with the sentence before. A marker that opens an item starts a new
//!   sentence: a bullet always; an ordinal or a dash when it follows the list's last
//!   marker (`2.` after `1.`), or when it can open a list (`1`, `a`, `i`, a dash) and comes
//!   after a colon or before its next item. Capital letters continue a list, or open one
//!   before its next item, only at a line start, being initials elsewhere (`met A. Smith
//!   and B. Jones`); see `lists`.
//!
//! Line ends inside a paragraph are wraps, never breaks in themselves.

use super::breaks::{self, At};
use super::lists::{self, Marker};
use super::scan;
use super::terminators::{self, cjk_terminator};
use crate::Span;

/// Appends the sentences of paragraph `para` to `out`. `extra` are abbreviations given by
/// the caller (without their full stop), after which no sentence ends.
pub(crate) fn split(text: &str, para: Span, extra: &[Box<str>], out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let (ps, pe) = (para.start, para.end.min(b.len()));
    if ps >= pe {
        return;
    }
    let mut s = Splitter {
        at: At {
            text,
            ps,
            pe,
            start: ps,
            extra,
        },
        list: None,
        out,
    };
    s.opened();
    let mut candidates = Candidates::new(!b[ps..pe].is_ascii());
    let mut i = ps;
    while let Some((c, kind)) = candidates.next(b, i, pe) {
        i = match kind {
            Kind::Stop => match s.stop(c) {
                Some(next) => next,
                None => break,
            },
            Kind::Paren => {
                s.paren(c);
                c + 1
            }
            Kind::Dash => {
                s.dash(c);
                c + 1
            }
            Kind::Bullet => {
                s.bullet(c);
                c + 1
            }
        };
    }
    // A marker with nothing after it opens no item: it stays with the sentence before.
    let start = s.at.start;
    if start > ps
        && lists::may_start(text.as_bytes(), start)
        && lists::only_markers(text, ps, start, pe)
        && let Some(last) = s.out.last_mut()
        && last.start >= ps
    {
        let (_, end) = scan::trim(text, start, pe);
        last.end = end.max(last.end);
        return;
    }
    push(text, start, pe, s.out);
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let (s, e) = scan::trim(text, s, e);
    if e > s {
        out.push(Span::new(s, e));
    }
}

/// The splitter's state in one paragraph.
struct Splitter<'a, 'o> {
    at: At<'a>,
    /// The last list marker seen in the paragraph.
    list: Option<Marker>,
    out: &'o mut Vec<Span>,
}

impl Splitter<'_, '_> {
    /// The terminators at `c`: where to look for the next candidate, or `None` when only
    /// white space follows them.
    fn stop(&mut self, c: usize) -> Option<usize> {
        let (text, pe) = (self.at.text, self.at.pe);
        let b = text.as_bytes();
        let p = terminators::at(b, c, pe);
        let mut k = skip_space(b, p.close_end, pe);
        if k >= pe {
            return None;
        }
        if p.dots == 1
            && k > p.close_end
            && lists::may_end(b, self.at.ps, c)
            && let Some(m) = lists::ending_at(text, self.at.ps, c, p.close_end)
            && self.item(m)
        {
            return Some(p.close_end);
        }
        // Nor does anything else end a sentence that holds only a marker (`ii.Monday`).
        let start = self.at.start;
        if p.close_end.saturating_sub(start) <= 16
            && lists::may_start(b, start)
            && lists::only_markers(text, self.at.ps, start, p.close_end)
        {
            return Some(p.close_end);
        }
        let mut end = p.close_end;
        if p.quoted
            && b[k] == b'('
            && let Some(e) = terminators::citation(text, k, pe)
        {
            end = e;
            k = skip_space(b, e, pe);
            if k >= pe {
                return None;
            }
        }
        if breaks::is_break(&self.at, &p, k) {
            push(text, self.at.start, end, self.out);
            self.at.start = k;
            self.opened();
        }
        Some(end.max(c + 1))
    }

    /// A `)` at `c`: the end of `2)` or `(b)`, perhaps.
    fn paren(&mut self, c: usize) {
        let b = self.at.text.as_bytes();
        if c + 1 < self.at.pe
            && scan::is_space(b[c + 1])
            && c > self.at.ps
            && b[c - 1].is_ascii_alphanumeric()
            && let Some(m) = lists::ending_at(self.at.text, self.at.ps, c, c + 1)
        {
            self.item(m);
        }
    }

    /// A `-`, `*`, `–` or `—` at `c`: a bullet when it starts a line and a space follows.
    fn dash(&mut self, c: usize) {
        let (text, ps, pe) = (self.at.text, self.at.ps, self.at.pe);
        if c == ps || text.as_bytes()[c - 1] != b'\n' {
            return;
        }
        let Some(m) = lists::at(text, ps, c, pe) else {
            return;
        };
        if self.at_start(c) {
            self.list = Some(m);
            return;
        }
        let is_item = self.list.is_some_and(|prev| m.follows(&prev))
            || lists::after_colon(text, ps, c)
            || lists::successor_ahead(text, ps, &m, m.end, pe);
        if is_item {
            self.cut_before(c);
            self.list = Some(m);
        }
    }

    /// A bullet (`•`, `⁃` ...) at `c`: it always starts an item.
    fn bullet(&mut self, c: usize) {
        let Some(m) = lists::at(self.at.text, self.at.ps, c, self.at.pe) else {
            return;
        };
        self.cut_before(c);
        self.list = Some(m);
    }

    /// The ordinal marker `m` (`2.`, `b)`): whether it is one in a list. Then it ends no
    /// sentence, and the sentence before it ends where it starts.
    fn item(&mut self, m: Marker) -> bool {
        let (text, ps, pe) = (self.at.text, self.at.ps, self.at.pe);
        let start = self.at.start;
        if m.end.saturating_sub(start) <= 16 && lists::only_markers(text, ps, start, m.end) {
            self.list = Some(m);
            return true;
        }
        let reach = m.inline_ok() || lists::at_line_start(text, ps, m.start);
        let is_item = (reach && self.list.is_some_and(|prev| m.follows(&prev)))
            || (m.is_opener()
                && (lists::after_colon(text, ps, m.start)
                    || (reach && lists::successor_ahead(text, ps, &m, m.end, pe))));
        if is_item {
            self.cut_before(m.start);
            self.list = Some(m);
        }
        is_item
    }

    /// Whether nothing but white space comes between the sentence start and `m`.
    fn at_start(&self, m: usize) -> bool {
        let b = self.at.text.as_bytes();
        b[self.at.start.min(m)..m]
            .iter()
            .all(|&c| scan::is_space(c))
    }

    /// Ends the current sentence where the item at `m` starts — unless it holds nothing but
    /// markers (`• • Oil rose`), which then stay with the item.
    fn cut_before(&mut self, m: usize) {
        let (text, ps, start) = (self.at.text, self.at.ps, self.at.start);
        if m <= start || lists::only_markers(text, ps, start, m) {
            return;
        }
        push(text, start, m, self.out);
        self.at.start = m;
    }

    /// A sentence starts at `self.at.start`: a list marker there is the list's last.
    fn opened(&mut self) {
        let (text, ps, pe, start) = (self.at.text, self.at.ps, self.at.pe, self.at.start);
        if lists::may_start(text.as_bytes(), start)
            && let Some(m) = lists::at(text, ps, start, pe)
        {
            self.list = Some(m);
        }
    }
}

/// The first byte at or after `i` that is not ASCII white space.
fn skip_space(b: &[u8], mut i: usize, pe: usize) -> usize {
    while i < pe && scan::is_space(b[i]) {
        i += 1;
    }
    i
}

/// What a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A terminator.
    Stop,
    /// `)`.
    Paren,
    /// `-`, `*`, `–`, `—`.
    Dash,
    /// `•`, `⁃` ...
    Bullet,
}

/// The next candidate at or after a position. The paragraph is read 64 bytes at a time
/// into a bit mask of the bytes that may be one (`.`, `?`, `!`, `)`, `-`, `*`, and, when
/// the paragraph is not ASCII, the lead bytes of the CJK stops, `…`, the bullets and the
/// long dashes), a loop the compiler turns into vector compares; the mask is kept until
/// the splitter passes its 64 bytes. Only a set bit is looked at: a `-` counts at a line
/// start only, a lead byte only when its char is one of those (see `wide_kind`).
///
/// One memchr per kind of candidate, run again whenever the splitter passed its hit, cost
/// a call (and its setup) per candidate, and the three answers had to be merged: a sixth
/// of the splitter.
struct Candidates {
    /// Where the mask's bit 0 is; `usize::MAX` before the first block.
    base: usize,
    mask: u64,
    non_ascii: bool,
}

impl Candidates {
    fn new(non_ascii: bool) -> Candidates {
        Candidates {
            base: usize::MAX,
            mask: 0,
            non_ascii,
        }
    }

    fn next(&mut self, b: &[u8], mut from: usize, end: usize) -> Option<(usize, Kind)> {
        loop {
            if from >= end {
                return None;
            }
            if from < self.base || from - self.base >= 64 {
                self.base = from;
                self.mask = block_mask(b, from, end, self.non_ascii);
            }
            let m = self.mask & (!0u64 << (from - self.base));
            if m == 0 {
                from = self.base + 64;
                continue;
            }
            let k = self.base + m.trailing_zeros() as usize;
            let kind = match b[k] {
                b'.' | b'?' | b'!' => Some(Kind::Stop),
                b')' => Some(Kind::Paren),
                b'*' => Some(Kind::Dash),
                // Hyphens inside words and ` - ` are common in wire copy: only a `-` that
                // starts a line is worth a stop.
                b'-' => (k > 0 && b[k - 1] == b'\n').then_some(Kind::Dash),
                _ => wide_kind(b, k, end),
            };
            match kind {
                Some(kind) => return Some((k, kind)),
                None => from = k + 1,
            }
        }
    }
}

/// Bit `k` set when the byte at `pos + k` (before `end`) may be a candidate.
#[inline]
fn block_mask(b: &[u8], pos: usize, end: usize, non_ascii: bool) -> u64 {
    // Zero, past the end, is no candidate.
    let block = scan::block64(b, pos, end, 0);
    if non_ascii {
        scan::mask64(&block, |c| {
            matches!(
                c,
                b'.' | b'?' | b'!' | b')' | b'-' | b'*' | 0xE2 | 0xE3 | 0xEF
            )
        })
    } else {
        scan::mask64(&block, |c| {
            matches!(c, b'.' | b'?' | b'!' | b')' | b'-' | b'*')
        })
    }
}

/// What the char whose lead byte is at `j` is as a candidate: a CJK stop or `…`, a bullet,
/// or `–`/`—` at a line start; `None` for any other.
fn wide_kind(b: &[u8], j: usize, end: usize) -> Option<Kind> {
    if cjk_terminator(b, j, end).is_some() || terminators::is_ellipsis_char(b, j, end) {
        return Some(Kind::Stop);
    }
    if lists::bullet_len(b, j, end).is_some() {
        return Some(Kind::Bullet);
    }
    // – —
    if j + 3 <= end
        && j > 0
        && b[j - 1] == b'\n'
        && b[j + 1] == 0x80
        && matches!(b[j + 2], 0x93 | 0x94)
    {
        return Some(Kind::Dash);
    }
    None
}
