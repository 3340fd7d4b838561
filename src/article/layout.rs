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
    let mut pos = scan::skip_space(text, 0, len);
    let mut front = Front { pos, ..Front::default() };
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
    let Some(rest) = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY ")) else {
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

/// The paragraphs of `body`: blocks between blank lines, lines that start indented
/// (Reuters-21578), or, in copy with neither, one paragraph per line unless the lines are
/// hard wraps of running text.
pub(crate) fn paragraphs(text: &str, body: Span, out: &mut Vec<Span>) {
    if body.is_empty() {
        return;
    }
    let b = text.as_bytes();
    let region = &b[body.start..body.end];
    // First pass: what kind of layout this is.
    let mut has_blank = false;
    let mut has_indent = false;
    let mut lines = 0usize;
    let mut open_ends = 0usize;
    let mut long_lines = 0usize;
    let mut ls = body.start;
    let mut seen_text = false;
    let mut pending_blank = false;
    for nl in memchr::memchr_iter(b'\n', region).map(|k| body.start + k).chain(std::iter::once(body.end)) {
        let le = nl;
        if ls > le {
            break;
        }
        let blank = scan::is_blank_line(text, ls, le);
        if blank {
            pending_blank = seen_text;
        } else {
            if pending_blank {
                has_blank = true;
            }
            pending_blank = false;
            if ls > body.start && scan::is_blank(b[ls]) {
                has_indent = true;
            }
            lines += 1;
            let (_, te) = scan::trim(text, ls, le);
            if te - ls > 100 {
                long_lines += 1;
            }
            if te > ls && !matches!(b[te - 1], b'.' | b'?' | b'!' | b'"' | b'\'' | b':' | b')') && !ends_curly(b, te) {
                open_ends += 1;
            }
            seen_text = true;
        }
        ls = nl + 1;
        if has_blank && has_indent {
            break;
        }
    }
    let per_line = !has_blank && !has_indent && lines >= 2 && !(long_lines == 0 && open_ends * 2 > lines);

    // Second pass: cut.
    let mut ps = body.start;
    let mut ls = body.start;
    for nl in memchr::memchr_iter(b'\n', region).map(|k| body.start + k).chain(std::iter::once(body.end)) {
        let le = nl;
        if ls > le {
            break;
        }
        let blank = scan::is_blank_line(text, ls, le);
        if per_line {
            push(text, ls, le, out);
            ps = le;
        } else if blank {
            push(text, ps, ls, out);
            ps = le;
        } else if ls > body.start && scan::is_blank(b[ls]) {
            push(text, ps, ls, out);
            ps = ls;
        }
        ls = nl + 1;
    }
    if !per_line {
        push(text, ps, body.end, out);
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
