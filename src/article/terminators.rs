//! The punctuation at a sentence-end candidate: the run of terminators (`.`, `?!`, `...`,
//! `. . .`, `…`, the CJK stops), the closing quotes and brackets after it, and a citation after
//! a closing quote (`"We will win." (Reuters)`).

use super::scan;

/// The punctuation that starts at a candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Punct {
    /// The first terminator.
    pub c: usize,
    /// The last terminator: the last full stop of `. . .`.
    pub last: usize,
    /// After the terminators.
    pub run_end: usize,
    /// After the closing quotes and brackets that follow them.
    pub close_end: usize,
    /// How many full stops the run holds when it holds nothing else (`.` 1, `...`, `…`
    /// and `. . .` 3, `. . . .` 4); 0 when it holds `?`, `!` or a CJK stop.
    pub dots: usize,
    /// Whether the last closer is a quotation mark.
    pub quoted: bool,
}

impl Punct {
    /// Whether the run has spaces inside it (`. . .`).
    pub fn spaced(&self) -> bool {
        self.dots > 0 && self.run_end - self.c > self.dots
    }
}

/// The punctuation starting at the candidate `c`, within `..pe`.
pub(crate) fn at(b: &[u8], c: usize, pe: usize) -> Punct {
    let mut j = c;
    let mut dots = 0;
    let mut only_dots = true;
    let mut last = c;
    while j < pe {
        if b[j] == b'.' {
            dots += 1;
        } else if matches!(b[j], b'?' | b'!') {
            only_dots = false;
        } else if b[j] < 0x80 {
            break;
        } else if is_ellipsis_char(b, j, pe) {
            // `…` counts as the three full stops it stands for.
            dots += 3;
            last = j;
            j += 3;
            continue;
        } else if let Some(n) = cjk_terminator(b, j, pe) {
            only_dots = false;
            last = j;
            j += n;
            continue;
        } else {
            break;
        }
        last = j;
        j += 1;
    }
    if only_dots {
        // `. . .` and `. ...`: groups of full stops one space apart, three or more in all
        // (`Dec. . The` is a typo, not an ellipsis).
        let (mut e, mut d, mut l) = (j, dots, last);
        while e + 1 < pe && b[e + 1] == b'.' && b[e] == b' ' {
            e += 1;
            while e < pe && b[e] == b'.' {
                d += 1;
                l = e;
                e += 1;
            }
        }
        if d >= 3 && e > j {
            (j, dots, last) = (e, d, l);
        }
    } else {
        dots = 0;
    }
    let run_end = j;
    let mut quoted = false;
    while j < pe {
        match closer(b, j, pe) {
            Some(n) => {
                quoted = b[j] != b')' && b[j] != b']';
                j += n;
            }
            // French copy sets its closing guillemet off with a space: `non. »`.
            None => match french_close(b, j, pe) {
                Some(n) => {
                    quoted = true;
                    j += n;
                }
                None => break,
            },
        }
    }
    Punct {
        c,
        last,
        run_end,
        close_end: j,
        dots,
        quoted,
    }
}

/// `。`, `！`, `？`, `｡` at `j`: their length.
pub(crate) fn cjk_terminator(b: &[u8], j: usize, end: usize) -> Option<usize> {
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

/// `…` at `j`.
pub(crate) fn is_ellipsis_char(b: &[u8], j: usize, end: usize) -> bool {
    j + 3 <= end && b[j] == 0xE2 && b[j + 1] == 0x80 && b[j + 2] == 0xA6
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
pub(crate) fn french_close(b: &[u8], j: usize, end: usize) -> Option<usize> {
    let space = match b[j] {
        b' ' => 1,
        0xC2 if j + 2 <= end && b[j + 1] == 0xA0 => 2,
        0xE2 if j + 3 <= end && b[j + 1] == 0x80 && b[j + 2] == 0xAF => 3,
        _ => return None,
    };
    let k = j + space;
    (k + 2 <= end && b[k] == 0xC2 && b[k + 1] == 0xBB).then_some(space + 2)
}

/// The longest citation taken for one.
const MAX_CITATION: usize = 48;

/// A citation at `k` after a closing quote — `(Reuters)`, `(AP)`, `(Applause)`, `(Ps 23:1)`:
/// a short parenthesis that opens with a capital, holds at most five words, no quotation,
/// no other parenthesis and does not end like a sentence. Where it ends.
///
/// A quotation that ends a sentence is often followed by where it came from; that belongs
/// to the sentence before, not to the next one, and is no sentence of its own.
pub(crate) fn citation(text: &str, k: usize, pe: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(k) != Some(&b'(') {
        return None;
    }
    let limit = (k + MAX_CITATION).min(pe);
    let close = k + 1 + memchr::memchr(b')', &b[k + 1..limit])?;
    let inner = text.get(k + 1..close)?;
    let words = inner.split_whitespace().count();
    let ok = scan::starts_upper(inner)
        && (1..=5).contains(&words)
        && !inner.contains(['(', '"', '“', '”', '?', '!', '\n'])
        && !inner.ends_with('.');
    let end = close + 1;
    (ok && (end >= pe || scan::is_space(b[end]))).then_some(end)
}
