//! Sign-offs, credits, promotion and copyright lines at the end of the copy.
//!
//! Trailers are read backwards from the end, line by line, and stop at the first line
//! that is none of them: a sentence that merely mentions Reuters is body text.

use super::scan;
use super::{Trailer, TrailerKind};
use crate::Span;

/// Lines longer than this are paragraphs, whatever they start with.
const MAX_TRAILER_LINE: usize = 400;
/// How many lines back a multi-line credit in parentheses may start.
const MAX_CREDIT_LINES: usize = 4;

/// Agency names that sign copy off on a line of their own (`Reuter`, `-- AP`, `(END)`), and
/// `MORE`, which ends a take that the next one continues.
const SIGN_OFFS: &[&str] = &[
    "reuter", "reuters", "ap", "afp", "xinhua", "enditem", "end", "ends", "more", "bernama", "pti",
    "ians", "uni", "app", "upi", "dpa", "ani", "kyodo", "yonhap", "tass", "ansa", "efe", "irna",
    "wam", "spa", "kuna", "mena", "antara", "pna", "aap", "bss", "nnn",
];

/// End marks that are a whole line.
const END_MARKS: &[&str] = &["-30-", "###", "# # #", "-0-", "(END)", "(ENDS)", "-END-"];

/// Sign-offs that wire copy appends to its last line (`... of an ounce. REUTER`).
const INLINE_SIGN_OFFS: &[&str] = &[
    "Reuter", "REUTER", "reuter", "Enditem", "ENDITEM", "REUTERS",
];

/// The trailers of `text` after `body_start`, in order.
pub(crate) fn find(text: &str, body_start: usize) -> Vec<Trailer> {
    let mut found: Vec<Trailer> = Vec::new();
    let b = text.as_bytes();
    let mut end = text.len();
    let mut first = true;
    // Lines are visited from the last one up.
    loop {
        let (s, e) = scan::trim(text, body_start, end);
        if e <= s {
            break;
        }
        let ls = memchr::memrchr(b'\n', &b[s..e]).map_or(s, |k| s + k + 1);
        let (ls, le) = scan::trim(text, ls, e);
        let Some(line) = text.get(ls..le) else { break };
        if let Some(kind) = classify(line) {
            found.push(Trailer {
                span: Span::new(ls, le),
                kind,
            });
            end = ls;
            first = false;
            continue;
        }
        // A parenthesised credit wrapped over lines: `(Reporting by ...;\nEditing by ...)`.
        if line.ends_with(')')
            && let Some(start) = wrapped_credit(text, s, ls)
        {
            found.push(Trailer {
                span: Span::new(start, le),
                kind: TrailerKind::Credit,
            });
            end = start;
            first = false;
            continue;
        }
        // `___` above a credit belongs to it.
        if line.bytes().all(|c| c == b'_' || c == b'-' || c == b'=') && line.len() >= 3 {
            if let Some(last) = found.last_mut()
                && last.kind == TrailerKind::Credit
            {
                last.span = Span::new(ls, last.span.end);
                end = ls;
                continue;
            }
            break;
        }
        // `... Noranda said. Reuter` above a ` Reuter` line is signed twice.
        let after_sign_off = found.last().is_some_and(|t| t.kind == TrailerKind::SignOff);
        if (first || after_sign_off)
            && let Some(start) = inline_sign_off(line)
        {
            found.push(Trailer {
                span: Span::new(ls + start, le),
                kind: TrailerKind::SignOff,
            });
        }
        break;
    }
    found.reverse();
    found
}

/// What kind of trailer the whole `line` is, if any.
fn classify(line: &str) -> Option<TrailerKind> {
    if line.len() > MAX_TRAILER_LINE {
        return None;
    }
    if is_sign_off(line) {
        return Some(TrailerKind::SignOff);
    }
    if is_copyright(line) {
        return Some(TrailerKind::Copyright);
    }
    if is_credit(line) {
        return Some(TrailerKind::Credit);
    }
    if is_promotion(line) {
        return Some(TrailerKind::Promotion);
    }
    None
}

/// `Reuter`, `REUTER...`, `-- AP`, `(Xinhua)`, `Enditem`, `PTI SK KJ`, `-30-`, `###`.
fn is_sign_off(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    if END_MARKS.contains(&line) {
        return true;
    }
    // Punctuation around the name: dashes, parentheses, slashes, dots, a teletype `^M`.
    // A letter or digit at both ends leaves nothing to trim (most last lines), and the
    // trims below decode chars.
    let alnum_ends = |s: &str| {
        s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
            && s.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric)
    };
    let core = trim_caret_m(line);
    // `more.` or `end.` in small letters is the last word of a hard-wrapped sentence
    // (`... expected prices to rise\nmore.`), not a sign-off (`MORE`, `More`, `-MORE-`).
    if let Some(word) = core.strip_suffix(['.', '!', '?'])
        && matches!(word, "more" | "end" | "ends")
    {
        return false;
    }
    let core = if alnum_ends(core) {
        core
    } else {
        core.trim_matches(|c: char| {
            c.is_ascii_punctuation() || c.is_whitespace() || c == '—' || c == '–'
        })
    };
    let mut words = core.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let name = if alnum_ends(first) {
        first
    } else {
        first.trim_matches(|c: char| c.is_ascii_punctuation())
    };
    if !SIGN_OFFS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        return false;
    }
    // `PTI SK KJ`: the agency followed by the desk's initials.
    words.all(|w| w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase() || c == '/'))
        && (name.chars().all(|c| !c.is_lowercase()) || core.split_whitespace().count() == 1)
}

fn is_copyright(line: &str) -> bool {
    let lower_start = |p: &str| {
        line.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    // `copyright` and `(c) ` in any case, asked only of a line that starts with a `c` or
    // a `(`.
    let first = line.as_bytes().first().map(|&c| c | 0x20);
    line.starts_with('©')
        || (first == Some(b'c') && lower_start("copyright"))
        || (first == Some(b'(') && lower_start("(c) "))
        || has_rights_notice(line)
}

/// Whether `line` holds `All rights reserved` or `may not be published, broadcast`: one
/// search for the two first letters, where a search per phrase read the line twice (this
/// runs on the last line of every article).
fn has_rights_notice(line: &str) -> bool {
    let h = line.as_bytes();
    memchr::memchr2_iter(b'A', b'm', h).any(|at| {
        let rest = &h[at..];
        rest.starts_with(b"All rights reserved")
            || rest.starts_with(b"may not be published, broadcast")
    })
}

/// `s` without the teletype carriage returns (`^M`) at its end. What
/// `trim_end_matches("^M")` does (the pattern cannot overlap itself), without building a
/// substring searcher for each line: this runs on the last line of every article.
fn trim_caret_m(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix("^M") {
        s = rest;
    }
    s
}

/// How a credit line starts (after any `(` or dash).
const CREDIT_STARTS: &[&str] = &[
    "Reporting by",
    "Additional reporting by",
    "Writing by",
    "Editing by",
    "Compiled by",
    "Edited by",
    "Reporting and writing by",
    "Reporting By",
    "Editing By",
    "Writing By",
    "To contact the reporter",
    "To contact the editor",
];

/// How a credit line ends.
const CREDIT_ENDS: &[&str] = &[
    "contributed to this report.",
    "contributed to this report",
    "contributed reporting.",
];

fn is_credit(line: &str) -> bool {
    // A line that starts with a letter has nothing to trim (and the trim decodes chars).
    let body = if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        line
    } else {
        line.trim_start_matches(['(', '-', '—', '–', ' '])
    };
    // The first two and last three bytes of the spellings above, tested before any of
    // them: the last line of every article is asked, and few are credits (while many
    // start with a capital and end with a full stop).
    (starts_like_credit(body.as_bytes()) && CREDIT_STARTS.iter().any(|s| body.starts_with(s)))
        || (ends_like_credit(line.as_bytes()) && CREDIT_ENDS.iter().any(|s| line.ends_with(s)))
}

fn starts_like_credit(b: &[u8]) -> bool {
    matches!(
        b.first_chunk::<2>(),
        Some(b"Re" | b"Ad" | b"Wr" | b"Ed" | b"Co" | b"To")
    )
}

fn ends_like_credit(b: &[u8]) -> bool {
    matches!(b.last_chunk::<3>(), Some(b"rt." | b"ort" | b"ng."))
}

fn is_promotion(line: &str) -> bool {
    if line.len() > 250 {
        return false;
    }
    // Most lines are turned away by their first letter, unread.
    if !starts_like_promotion(line.as_bytes()) {
        return false;
    }
    let follow = line.starts_with("Follow ")
        && (line.contains("for the latest")
            || line.contains(" on Twitter")
            || line.contains(" on Facebook")
            || line.contains(" on Instagram")
            || line.contains(" on X")
            || line.contains(" page"));
    follow || PROMOTION_STARTS.iter().any(|s| line.starts_with(s))
}

/// The first letters of `Follow ` and of [`PROMOTION_STARTS`].
fn starts_like_promotion(b: &[u8]) -> bool {
    matches!(
        b.first(),
        Some(b'F' | b'S' | b'C' | b'D' | b'L' | b'R' | b'G')
    )
}

/// How a promotion line starts (besides `Follow `).
const PROMOTION_STARTS: &[&str] = &[
    "Sign up for",
    "Subscribe to",
    "Click here",
    "Download the",
    "Like us on",
    "For the latest",
    "For more news",
    "Read more:",
    "Read more at",
    "Get the latest",
];

/// The start of a credit in parentheses that ends on the line starting at `ls`.
fn wrapped_credit(text: &str, body_start: usize, ls: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut start = ls;
    for _ in 0..MAX_CREDIT_LINES {
        if start <= body_start {
            return None;
        }
        // The previous line.
        let prev_end = start - 1;
        let ps = memchr::memrchr(b'\n', &b[body_start..prev_end])
            .map_or(body_start, |k| body_start + k + 1);
        let (s, e) = scan::trim(text, ps, prev_end);
        if e <= s {
            return None;
        }
        let line = text.get(s..e)?;
        if line.starts_with('(') {
            return is_credit(line).then_some(s);
        }
        start = ps;
    }
    None
}

/// The last letters of [`INLINE_SIGN_OFFS`].
fn ends_like_inline_sign_off(b: &[u8]) -> bool {
    matches!(b.last(), Some(b'r' | b'R' | b'm' | b'M' | b'S'))
}

/// Where an inline sign-off at the end of `line` starts.
fn inline_sign_off(line: &str) -> Option<usize> {
    let trimmed = line.trim_end_matches(['.', ' ']);
    let trimmed = trim_caret_m(trimmed).trim_end_matches('.');
    // Most last lines end otherwise than a sign-off.
    if !ends_like_inline_sign_off(trimmed.as_bytes()) {
        return None;
    }
    for s in INLINE_SIGN_OFFS {
        if let Some(head) = trimmed.strip_suffix(s)
            && head.ends_with(char::is_whitespace)
            && !head.trim().is_empty()
        {
            return Some(head.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{
        CREDIT_ENDS, CREDIT_STARTS, INLINE_SIGN_OFFS, PROMOTION_STARTS, has_rights_notice,
        trim_caret_m,
    };

    #[test]
    fn the_bytes_tested_first_are_those_of_the_spellings() {
        assert!(
            CREDIT_STARTS
                .iter()
                .all(|s| super::starts_like_credit(s.as_bytes()))
        );
        assert!(
            CREDIT_ENDS
                .iter()
                .all(|s| super::ends_like_credit(s.as_bytes()))
        );
        assert!(
            PROMOTION_STARTS
                .iter()
                .chain(&["Follow "])
                .all(|s| super::starts_like_promotion(s.as_bytes()))
        );
        assert!(
            INLINE_SIGN_OFFS
                .iter()
                .all(|s| super::ends_like_inline_sign_off(s.as_bytes()))
        );
    }

    #[test]
    fn the_line_helpers_agree_with_str() {
        let lines = [
            "",
            "^M",
            "Reuter^M^M",
            "Reuter ^^M",
            "^M^MReuter",
            "M^",
            "All rights reserved",
            "(c) 2024 All rights reserved.",
            "All right, reserved. All rights reserved",
            "AAll rights reserve",
            "Material may not be published, broadcast or rewritten.",
            "may not be published, broadcas",
            "é All rights reserved é",
        ];
        for line in lines {
            assert_eq!(trim_caret_m(line), line.trim_end_matches("^M"), "{line:?}");
            assert_eq!(
                has_rights_notice(line),
                line.contains("All rights reserved")
                    || line.contains("may not be published, broadcast"),
                "{line:?}"
            );
        }
    }
}
