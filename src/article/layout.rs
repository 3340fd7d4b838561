//! Headline, byline and paragraphs: the layout of the copy around its sentences.

use super::scan;
use crate::Span;

/// A headline is a short first line; longer than this it is a paragraph.
const MAX_HEADLINE: usize = 200;
const MAX_HEADLINE_WORDS: usize = 30;
const MAX_BYLINE: usize = 100;

/// What precedes the dateline and body.
#[derive(Debug, Default)]
pub(crate) struct Front {
    pub headline: Option<Span>,
    pub byline: Option<Span>,
    /// Where the dateline, if any, or else the body starts.
    pub pos: usize,
}

/// The headline and byline at the top of `text`. `dateline_at(i)` says whether a dateline
/// opens the line at `i`: a line that opens with one is neither headline nor byline.
pub(crate) fn front(text: &str, dateline_at: impl Fn(usize) -> bool) -> Front {
    let len = text.len();
    let mut pos = scan::skip_space(text, scan::after_bom(text), len);
    let mut front = Front {
        pos,
        ..Front::default()
    };
    if pos >= len || dateline_at(pos) {
        return front;
    }
    let le = scan::line_end(text, pos);
    let (hs, he) = scan::trim(text, pos, le);
    if !is_byline(text, hs, he)
        && is_headline(text.get(hs..he).unwrap_or(""))
        && followed_by_blank_line(text, le)
    {
        front.headline = Some(Span::new(hs, he));
        pos = scan::skip_space(text, le, len);
        front.pos = pos;
        if pos >= len || dateline_at(pos) {
            return front;
        }
    }
    let le = scan::line_end(text, pos);
    let (bs, be) = scan::trim(text, pos, le);
    if is_byline(text, bs, be) {
        let mut end = be;
        let mut next = scan::skip_space(text, le, len);
        // An affiliation line under the name (`Associated Press Writer`), when a blank line
        // follows it.
        if le < len && !followed_by_blank_line(text, le) && next < len && !dateline_at(next) {
            let ae = scan::line_end(text, next);
            let (as_, ae2) = scan::trim(text, next, ae);
            let line = text.get(as_..ae2).unwrap_or("");
            if line.len() <= 60
                && line.split_whitespace().count() <= 6
                && !line.ends_with(['.', '?', '!', ':', '"', '”'])
                && followed_by_blank_line(text, ae)
            {
                end = ae2;
                next = scan::skip_space(text, ae, len);
            }
        }
        front.byline = Some(Span::new(bs, end));
        front.pos = next;
    }
    front
}

/// The line at `pos` as a headline, when it is short and a blank line follows it: its
/// span and where the next block starts.
pub(crate) fn headline_at(text: &str, pos: usize) -> Option<(Span, usize)> {
    let le = scan::line_end(text, pos);
    let (hs, he) = scan::trim(text, pos, le);
    (is_headline(text.get(hs..he)?) && followed_by_blank_line(text, le))
        .then(|| (Span::new(hs, he), scan::skip_space(text, le, text.len())))
}

/// A headline: short, not a sentence of a paragraph.
fn is_headline(line: &str) -> bool {
    if line.is_empty() || line.len() > MAX_HEADLINE {
        return false;
    }
    let words = line.split_whitespace().count();
    if words > MAX_HEADLINE_WORDS {
        return false;
    }
    // A longer line ending in a full stop is a one-sentence paragraph; `...` is a teaser.
    !(line.ends_with('.') && !line.ends_with("...") && words > 10)
}

/// `By JANE DOE`, `By Jane Doe, Reuters`.
fn is_byline(text: &str, s: usize, e: usize) -> bool {
    let Some(line) = text.get(s..e) else {
        return false;
    };
    if line.len() > MAX_BYLINE || line.split_whitespace().count() > 12 || line.ends_with('.') {
        return false;
    }
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    scan::starts_upper(rest.trim_start())
}

/// Whether the line after the one ending at `le` is blank and text follows it.
fn followed_by_blank_line(text: &str, le: usize) -> bool {
    if le >= text.len() {
        return false;
    }
    let next = le + 1;
    let ne = scan::line_end(text, next);
    scan::is_blank_line(text, next, ne) && scan::skip_space(text, ne, text.len()) < text.len()
}

/// How long a line must be to be the wrap of running text.
const MIN_WRAP_LINE: usize = 40;

/// The paragraphs of `body`: blocks between blank lines, lines that start indented
/// (Reuters-21578), or, in copy with neither, one paragraph per line unless the lines are
/// hard wraps of running text.
pub(crate) fn paragraphs(text: &str, body: Span, out: &mut Vec<Span>) {
    if body.is_empty() || body.end > text.len() {
        return;
    }
    let b = text.as_bytes();
    // The lines from `from` (a line start) to the end of the body.
    let lines_from = |from: usize| {
        let mut ls = from;
        memchr::memchr_iter(b'\n', &b[from..body.end])
            .map(move |k| from + k)
            .chain(std::iter::once(body.end))
            .map(move |le| {
                let s = ls;
                ls = le + 1;
                (s, le)
            })
    };
    // First pass: blank lines between text, indented lines, and what `Wraps` needs to tell
    // hard wraps from a paragraph per line. It reads every line only in copy with neither
    // blank lines nor indents (short copy most of all), and then the answer is known
    // without another pass over the lines; copy with either stops at the first one.
    let mut has_blank = false;
    let mut has_indent = false;
    let mut seen_text = false;
    let mut pending_blank = false;
    let mut count = 0usize;
    let mut first_blank = None;
    let mut stop = None;
    let mut wraps = Wraps::default();
    for (ls, le) in lines_from(body.start) {
        count += 1;
        if blank_line(text, ls, le) {
            pending_blank = seen_text;
            first_blank = first_blank.or(Some(ls));
            continue;
        }
        has_blank |= pending_blank;
        pending_blank = false;
        has_indent |= ls > body.start && scan::is_blank(b[ls]);
        seen_text = true;
        // Either one rules out a paragraph per line, the only thing this pass decides.
        if has_blank || has_indent {
            stop = Some(first_blank.unwrap_or(ls));
            break;
        }
        wraps.line(text, ls, le);
    }
    let per_line = stop.is_none() && count >= 2 && !wraps.hard_wrapped();
    if per_line {
        for (ls, le) in lines_from(body.start) {
            push(text, ls, le, out);
        }
        return;
    }
    // Second pass: cut. The lines before the first blank or indented one are text that
    // starts no paragraph, so the cut starts there, with the first paragraph open; with
    // neither, the body is one paragraph.
    let Some(from) = stop.or(first_blank) else {
        push(text, body.start, body.end, out);
        return;
    };
    let mut ps = body.start;
    // The last line with text, for `continues_wrap`: at first the line before `from`
    // (from the body's start, when the dateline opens it), which the first pass read.
    let mut prev = from
        .checked_sub(1)
        .filter(|&pe| pe > body.start)
        .map(|pe| {
            let ps = memchr::memrchr(b'\n', &b[body.start..pe])
                .map_or(body.start, |k| body.start + k + 1);
            (ps, pe)
        })
        .filter(|&(ps, pe)| !blank_line(text, ps, pe));
    for (ls, le) in lines_from(from) {
        if ls < le && b[ls] < 0x80 && !scan::is_space(b[ls]) {
            // Text as the first byte: neither blank nor indented (most lines; tested here
            // rather than in a call to `blank_line`).
        } else if blank_line(text, ls, le) {
            push(text, ps, ls, out);
            ps = le;
            prev = None;
            continue;
        } else if ls > body.start && scan::is_blank(b[ls]) && !continues_wrap(text, prev, ls, le) {
            push(text, ps, ls, out);
            ps = ls;
        }
        prev = Some((ls, le));
    }
    push(text, ps, body.end, out);
}

/// Whether the indented line `ls..le` goes on with the sentence the line `prev` left open
/// (`... volume from IDB\n business was ...`): one blank of indent (paragraphs are indented
/// further), a small letter first, after a line of running text long enough to be a wrap
/// that ends mid-sentence and is no table row (no two blanks in a row).
fn continues_wrap(text: &str, prev: Option<(usize, usize)>, ls: usize, le: usize) -> bool {
    let b = text.as_bytes();
    let Some((ps, pe)) = prev else {
        return false;
    };
    if !(le > ls + 1 && b[ls] == b' ' && b[ls + 1].is_ascii_lowercase()) {
        return false;
    }
    let (s, e) = scan::trim(text, ps, pe);
    e >= s + MIN_WRAP_LINE
        && !matches!(
            b[e - 1],
            b'.' | b'?' | b'!' | b'"' | b'\'' | b':' | b';' | b')'
        )
        && !ends_curly(b, e)
        && memchr::memmem::find(&b[s..e], b"  ").is_none()
}

/// Whether `ls..le` holds only white space.
#[inline]
fn blank_line(text: &str, ls: usize, le: usize) -> bool {
    let b = &text.as_bytes()[ls..le];
    match b.iter().find(|&&c| !scan::is_blank(c)) {
        None => true,
        // Text as the first thing on the line: not blank, and no need to read the rest of
        // the line (as a test for non-ASCII chars would).
        Some(&c) if c < 0x80 && !scan::is_space(c) => false,
        // A vertical tab, form feed or non-ASCII char: Unicode white space may follow.
        Some(_) => !b.is_ascii() && scan::is_blank_line(text, ls, le),
    }
}

/// Whether lines with no blank line or indent between them are the wraps of running text
/// (short lines, most of them ending mid-sentence) rather than one paragraph each: counts
/// kept line by line as the first pass of `paragraphs` reads them.
#[derive(Default)]
struct Wraps {
    /// Lines with text.
    lines: usize,
    /// Those that end mid-sentence.
    open_ends: usize,
    /// Whether a line is too long to be a wrap.
    long: bool,
}

impl Wraps {
    fn line(&mut self, text: &str, ls: usize, le: usize) {
        let b = text.as_bytes();
        // `trim` is inlined, and takes lines with text at both ends (most) on its fast path.
        let (s, e) = scan::trim(text, ls, le);
        if e <= s {
            return;
        }
        self.long |= e - s > 100;
        self.lines += 1;
        if !matches!(b[e - 1], b'.' | b'?' | b'!' | b'"' | b'\'' | b':' | b')') && !ends_curly(b, e)
        {
            self.open_ends += 1;
        }
    }

    fn hard_wrapped(&self) -> bool {
        !self.long && self.open_ends * 2 > self.lines
    }
}

fn ends_curly(b: &[u8], te: usize) -> bool {
    te >= 3 && b[te - 3] == 0xE2 && b[te - 2] == 0x80 && matches!(b[te - 1], 0x9D | 0x99)
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let (s, e) = scan::trim(text, s, e);
    if e > s {
        out.push(Span::new(s, e));
    }
}
