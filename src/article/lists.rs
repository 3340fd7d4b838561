//! List markers: `1.`, `2)`, `3.)`, `(4)`, `a.`, `b)`, `iv.`, the bullets `•`, `⁃`, `‣`,
//! `◦`, `▪`, `●`, `■`, and `-`, `*`, `–`, `—` at the start of a line before a capital.
//!
//! Fact boxes and bulleted summaries in wire copy are lists; each item is a sentence of its
//! own with its marker inside it. So a marker never ends a sentence (`1.` is not one), and a
//! marker that opens an item starts a new sentence even where no full stop ended the last
//! item (`1. The first item 2. The second item`). Whether a marker opens an item is the
//! splitter's call (it knows the list so far); this module reads markers and compares them.

use super::scan;

/// The longest ordinal a marker holds: three digits, a letter, or a roman numeral such as
/// `xviii`.
const MAX_TOKEN: usize = 5;
/// How far ahead the next item's marker is looked for, to tell `1.` that opens a list from
/// `1.` that ends a sentence (`the vote was 5 to 1. The ...`).
const LOOKAHEAD: usize = 1000;

/// What follows the ordinal, or which bullet it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Parens,
    /// A bullet character.
    Bullet(char),
}

/// A list marker in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marker {
    /// Where it starts (its bullet, digit, letter or opening parenthesis).
    pub start: usize,
    /// Where its punctuation ends.
    pub end: usize,
    style: Style,
    token: [u8; MAX_TOKEN],
    len: u8,
}

impl Marker {
    fn token(&self) -> &[u8] {
        &self.token[..self.len as usize]
    }

    fn number(&self) -> Option<u32> {
        let t = self.token();
        (!t.is_empty() && t.iter().all(u8::is_ascii_digit))
            .then(|| t.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    /// A bullet, `1`, `a`, `A`, `i` or `I`: a marker a list can start with.
    pub fn is_opener(&self) -> bool {
        matches!(self.style, Style::Bullet(_))
            || self.number() == Some(1)
            || matches!(self.token(), b"a" | b"A" | b"i" | b"I")
    }

    /// Whether a list item can start with this marker in the middle of a line. Capital
    /// letters and numerals are initials there (`met A. Smith and B. Jones`); digits,
    /// small letters and bullets are not.
    pub fn inline_ok(&self) -> bool {
        !self.token().iter().any(u8::is_ascii_uppercase)
    }

    /// A bullet from `-`, `*`, `–`, `—`: a dash or footnote mark as often as a bullet.
    fn ascii_like_bullet(&self) -> bool {
        matches!(self.style, Style::Bullet('-' | '*' | '–' | '—'))
    }

    /// Whether this marker is the next item's after `prev`: the same bullet, or the next
    /// number, letter or numeral written the same way (`2.` after `1.`, `ii)` after `i)`,
    /// `j.` after `i.`).
    pub fn follows(&self, prev: &Marker) -> bool {
        if self.style != prev.style {
            return false;
        }
        if let Style::Bullet(_) = self.style {
            return true;
        }
        if let (Some(a), Some(b)) = (prev.number(), self.number()) {
            return b == a + 1;
        }
        let (p, n) = (prev.token(), self.token());
        if p.is_empty() || n.is_empty() {
            return false;
        }
        let same_case = p[0].is_ascii_uppercase() == n[0].is_ascii_uppercase();
        same_case
            && ((p.len() == 1 && n.len() == 1 && n[0] == p[0] + 1)
                || matches!((roman(p), roman(n)), (Some(a), Some(b)) if b == a + 1))
    }

    /// How the next item's marker is written (`2.` after `1.`, `(b)` after `(a)`, `ii)`
    /// after `i)`), for ordinals.
    fn successor<'a>(&self, buf: &'a mut [u8; 16]) -> Option<&'a [u8]> {
        let mut tok = [0u8; 8];
        let t = self.token();
        let len = if let Some(n) = self.number() {
            // At most three digits, so the next number has at most four.
            let mut digits = 0;
            let mut v = n + 1;
            let mut rev = [0u8; 4];
            while v > 0 && digits < rev.len() {
                rev[digits] = b'0' + (v % 10) as u8;
                v /= 10;
                digits += 1;
            }
            for (o, d) in tok.iter_mut().zip(rev[..digits].iter().rev()) {
                *o = *d;
            }
            digits
        } else if t.len() > 1 || matches!(t, b"i" | b"I") {
            // A numeral: `i` opens a list of numerals, not of letters from `i`.
            write_roman(roman(t)? + 1, t[0].is_ascii_uppercase(), &mut tok)?
        } else {
            let c = *t.first()?;
            if !c.is_ascii_alphabetic() || matches!(c, b'z' | b'Z') {
                return None;
            }
            tok[0] = c + 1;
            1
        };
        let (pre, post): (&[u8], &[u8]) = match self.style {
            Style::Dot => (b"", b"."),
            Style::Paren => (b"", b")"),
            Style::DotParen => (b"", b".)"),
            Style::Parens => (b"(", b")"),
            Style::Bullet(_) => return None,
        };
        let n = pre.len() + len + post.len();
        buf[..pre.len()].copy_from_slice(pre);
        buf[pre.len()..pre.len() + len].copy_from_slice(&tok[..len]);
        buf[pre.len() + len..n].copy_from_slice(post);
        Some(&buf[..n])
    }
}

/// The value of a roman numeral of `i`, `v` and `x` (all small or all capitals) written
/// the usual way, up to 39.
fn roman(token: &[u8]) -> Option<u32> {
    if token.is_empty() || token.len() > MAX_TOKEN {
        return None;
    }
    let upper = token[0].is_ascii_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for &c in token.iter().rev() {
        let v = match c.to_ascii_lowercase() {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            _ => return None,
        };
        if c.is_ascii_uppercase() != upper {
            return None;
        }
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    // Only the canonical spelling: not `iiii`, `vx`, `il`.
    let mut buf = [0u8; 8];
    let len = write_roman(total, upper, &mut buf)?;
    (buf[..len] == *token).then_some(total)
}

fn write_roman(v: u32, upper: bool, out: &mut [u8; 8]) -> Option<usize> {
    if v == 0 || v > 39 {
        return None;
    }
    const ONES: [&[u8]; 10] = [
        b"", b"i", b"ii", b"iii", b"iv", b"v", b"vi", b"vii", b"viii", b"ix",
    ];
    let tens = (v / 10) as usize;
    let ones = ONES[(v % 10) as usize];
    let len = tens + ones.len();
    if len > MAX_TOKEN {
        return None;
    }
    out[..tens].fill(b'x');
    out[tens..len].copy_from_slice(ones);
    if upper {
        out[..len].make_ascii_uppercase();
    }
    Some(len)
}

/// A bullet character at `i`: its char.
fn bullet_at(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    if b.get(i) != Some(&0xE2) {
        return None;
    }
    let c = scan::char_at(text, i)?;
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●' | '■').then_some(c)
}

/// The length of the bullet at `i` (the splitter's candidate scan asks this of every
/// `0xE2` byte in non-ASCII paragraphs).
pub(crate) fn bullet_len(b: &[u8], i: usize, end: usize) -> Option<usize> {
    if i + 3 > end || b[i] != 0xE2 {
        return None;
    }
    match (b[i + 1], b[i + 2]) {
        // • ‣ ⁃ ◦ ▪ ● ■
        (0x80, 0xA2 | 0xA3) | (0x81, 0x83) | (0x97, 0xA6 | 0x8F) | (0x96, 0xAA | 0xA0) => Some(3),
        _ => None,
    }
}

/// Whether an ordinal token can be a marker: 1 to 3 digits, one letter, or a roman numeral.
fn valid_token(t: &[u8]) -> bool {
    match t.len() {
        0 => false,
        1 => t[0].is_ascii_alphabetic() || matches!(t[0], b'1'..=b'9'),
        _ if t.iter().all(u8::is_ascii_digit) => t.len() <= 3 && t[0] != b'0',
        _ => t.iter().all(|c| b"ivxIVX".contains(c)) && roman(t).is_some(),
    }
}

fn marker(start: usize, end: usize, style: Style, token: &[u8]) -> Marker {
    let mut t = [0u8; MAX_TOKEN];
    let len = token.len().min(MAX_TOKEN);
    t[..len].copy_from_slice(&token[..len]);
    Marker {
        start,
        end,
        style,
        token: t,
        len: len as u8,
    }
}

/// The marker that starts at `m` in the paragraph starting at `ps`, if one does and white
/// space follows it (or, after a bullet, anything: `⁃9.`). `-`, `*`, `–` and `—` count only
/// at a line start, before a capital, a figure or a quote.
///
/// Asked at every sentence start, so what is plainly no marker (`The`, `Prices`) is turned
/// away on its first bytes.
pub(crate) fn at(text: &str, ps: usize, m: usize, pe: usize) -> Option<Marker> {
    read(text, ps, m, pe, true)
}

/// The marker at `m`; with `item`, one that an item follows (see [`at`]), else one that
/// may end at `pe`.
fn read(text: &str, ps: usize, m: usize, pe: usize, item: bool) -> Option<Marker> {
    let b = text.as_bytes();
    let pe = pe.min(b.len());
    let first = *b.get(m)?;
    let (c, n) = match first {
        b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'(' => return ordinal_at(b, m, pe, item),
        b'-' => ('-', 1),
        b'*' => ('*', 1),
        0xE2 => {
            if let Some(c) = bullet_at(text, m) {
                let e = m + c.len_utf8();
                return (e < pe || !item).then(|| marker(m, e, Style::Bullet(c), b""));
            }
            match scan::char_at(text, m) {
                Some(c @ ('–' | '—')) => (c, 3),
                _ => return None,
            }
        }
        _ => return None,
    };
    if !at_line_start(text, ps, m) {
        return None;
    }
    let e = m + n;
    if !item {
        return (e == pe || (e < pe && scan::is_space(b[e])))
            .then(|| marker(m, e, Style::Bullet(c), b""));
    }
    // Hard-wrapped copy starts lines with dashes too (`107-1/2 offered\n- no
    // comparison`); an item opens with a capital, a figure or a quote.
    let opens = e < pe
        && scan::is_space(b[e])
        && scan::char_at(text, scan::skip_blanks(text, e, pe))
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || "\"“'‘".contains(ch));
    opens.then(|| marker(m, e, Style::Bullet(c), b""))
}

/// Whether a marker may start at `m`, on its first two bytes: most sentences start with a
/// word (`The`, `Prices`), which is no marker.
#[inline]
pub(crate) fn may_start(b: &[u8], m: usize) -> bool {
    match b.get(m) {
        Some(b'0'..=b'9' | b'(' | b'-' | b'*' | 0xE2) => true,
        Some(&c) if c.is_ascii_alphabetic() => {
            b"ivxIVX".contains(&c) || matches!(b.get(m + 1), Some(b'.' | b')'))
        }
        _ => false,
    }
}

/// Whether an ordinal may end just before `p`, on the bytes before it: a digit, a numeral's
/// `i`, `v` or `x`, or a letter that stands alone. Most full stops end a longer word.
#[inline]
pub(crate) fn may_end(b: &[u8], ps: usize, p: usize) -> bool {
    if p <= ps {
        return false;
    }
    let c = b[p - 1];
    c.is_ascii_digit()
        || b"ivxIVX".contains(&c)
        || (c.is_ascii_alphabetic() && (p - 1 == ps || !b[p - 2].is_ascii_alphanumeric()))
}

/// `1.`, `b)`, `iv.)`, `(4)` at `m`, with white space after it when `item`.
fn ordinal_at(b: &[u8], m: usize, pe: usize, item: bool) -> Option<Marker> {
    let open = b[m] == b'(';
    let ts = m + usize::from(open);
    let mut te = ts;
    while te < pe && te - ts < MAX_TOKEN && b[te].is_ascii_alphanumeric() {
        te += 1;
    }
    let rest = &b[te..pe];
    let (style, n) = match rest {
        [b')', ..] if open => (Style::Parens, 1),
        _ if open => return None,
        [b'.', b')', ..] => (Style::DotParen, 2),
        [b'.', ..] => (Style::Dot, 1),
        [b')', ..] => (Style::Paren, 1),
        _ => return None,
    };
    let e = te + n;
    let followed = if item {
        e < pe && scan::is_space(b[e])
    } else {
        e <= pe
    };
    (followed && valid_token(&b[ts..te])).then(|| marker(m, e, style, &b[ts..te]))
}

/// The marker whose punctuation is at `p` — a full stop (with `)` after it for `1.)`,
/// up to `close_end`) or a closing parenthesis — when one is there: an ordinal after white
/// space, an opening parenthesis, a bullet or the paragraph start `ps`.
pub(crate) fn ending_at(text: &str, ps: usize, p: usize, close_end: usize) -> Option<Marker> {
    let b = text.as_bytes();
    let mut ts = p;
    while ts > ps && p - ts <= MAX_TOKEN && b[ts - 1].is_ascii_alphanumeric() {
        ts -= 1;
    }
    // Most full stops end a word longer than any ordinal: turned away here.
    if ts == p || p - ts > MAX_TOKEN {
        return None;
    }
    let open = ts > ps && b[ts - 1] == b'(';
    let start = if open { ts - 1 } else { ts };
    let boundary = start == ps
        || scan::is_space(b[start - 1])
        || (start >= ps + 3 && bullet_len(b, start - 3, start).is_some());
    if !boundary {
        return None;
    }
    let style = match (b[p], close_end - p, open) {
        (b'.', 1, false) => Style::Dot,
        (b'.', 2, false) if b[p + 1] == b')' => Style::DotParen,
        (b')', _, true) => Style::Parens,
        (b')', _, false) => Style::Paren,
        _ => return None,
    };
    if !valid_token(&b[ts..p]) {
        return None;
    }
    let end = if b[p] == b')' { p + 1 } else { close_end };
    Some(marker(start, end, style, &b[ts..p]))
}

/// Whether `s..e` holds only markers: at most a bullet, then at most one ordinal (`1.`,
/// `• 9.`, `⁃9.`), with white space around them.
pub(crate) fn only_markers(text: &str, ps: usize, s: usize, e: usize) -> bool {
    let skip = |i: usize| scan::skip_space(text, i, e);
    let mut i = skip(s);
    let mut ordinals = 0;
    while i < e {
        let Some(m) = read(text, ps, i, e, false) else {
            return false;
        };
        if !matches!(m.style, Style::Bullet(_)) {
            ordinals += 1;
            if ordinals > 1 {
                return false;
            }
        }
        if m.end > e {
            return false;
        }
        i = skip(m.end);
    }
    true
}

/// Whether the next item's marker after `m` comes within reach, from `from` to `pe`.
pub(crate) fn successor_ahead(text: &str, ps: usize, m: &Marker, from: usize, pe: usize) -> bool {
    let b = text.as_bytes();
    let end = (from + LOOKAHEAD).min(pe);
    if from >= end {
        return false;
    }
    if m.ascii_like_bullet() {
        return memchr::memchr_iter(b'\n', &b[from..end]).any(|k| {
            let ls = scan::skip_blanks(text, from + k + 1, end);
            at(text, ps, ls, pe).is_some_and(|n| n.follows(m))
        });
    }
    let mut buf = [0u8; 16];
    let Some(pattern) = m.successor(&mut buf) else {
        return false;
    };
    memchr::memmem::find_iter(&b[from..end], pattern).any(|k| {
        let h = from + k;
        (h == from || scan::is_space(b[h - 1]))
            && at(text, ps, h, pe)
                .is_some_and(|n| n.follows(m) && (n.inline_ok() || at_line_start(text, ps, h)))
    })
}

/// Whether only blanks stand between the line start (or `ps`) and `m`.
pub(crate) fn at_line_start(text: &str, ps: usize, m: usize) -> bool {
    let b = text.as_bytes();
    let mut i = m;
    while i > ps && scan::is_blank(b[i - 1]) {
        i -= 1;
    }
    i == ps || b[i - 1] == b'\n'
}

/// Whether a colon comes just before `m`, white space apart (`Key facts: 1. ...`).
pub(crate) fn after_colon(text: &str, ps: usize, m: usize) -> bool {
    let b = text.as_bytes();
    let mut i = m;
    while i > ps && scan::is_space(b[i - 1]) {
        i -= 1;
    }
    i > ps && b[i - 1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_are_read_only_in_their_usual_spelling() {
        assert_eq!(roman(b"iv"), Some(4));
        assert_eq!(roman(b"XIV"), Some(14));
        assert_eq!(roman(b"iiii"), None);
        assert_eq!(roman(b"vx"), None);
        assert_eq!(roman(b"Iv"), None);
    }

    #[test]
    fn successors() {
        let m = |s: &str| at(s, 0, 0, s.len()).unwrap();
        assert!(m("2. x").follows(&m("1. x")));
        assert!(!m("2) x").follows(&m("1. x")));
        assert!(m("ii) x").follows(&m("i) x")));
        assert!(m("j. x").follows(&m("i. x")));
        assert!(m("(c) x").follows(&m("(b) x")));
        assert!(m("• x").follows(&m("• y")));
        assert!(m("- X").follows(&m("- Y")));
        assert!(!m("B. x").follows(&m("a. x")));
        let mut buf = [0u8; 16];
        assert_eq!(m("9.) x").successor(&mut buf), Some(&b"10.)"[..]));
        assert_eq!(m("iv. x").successor(&mut buf), Some(&b"v."[..]));
        assert_eq!(m("(h) x").successor(&mut buf), Some(&b"(i)"[..]));
    }

    #[test]
    fn what_is_not_a_marker() {
        for s in ["1.5 pct", "1986. The", "said. The", "0. x", "ab. x", "1.x"] {
            assert!(at(s, 0, 0, s.len()).is_none(), "{s}");
        }
        assert!(at("a - X", 0, 2, 5).is_none());
        assert!(at("a\n- X", 0, 2, 5).is_some());
        assert!(at("a\n- x", 0, 2, 5).is_none());
    }
}
