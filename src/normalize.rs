//! Normalisation shared by aliases and text, and word boundaries of the original text.
//!
//! Aliases and text go through the same [`Cursor`], so that an alias's key and the key of
//! the text it matches are the same bytes. The cursor reads the original text one *unit*
//! at a time: a base character with the combining marks that follow it (or one separator
//! run when spacing variants are off), and gives the unit's normalised bytes together with
//! the original byte range it came from. Matching therefore never needs a normalised copy
//! of the whole text, and offsets map back to the original exactly.
//!
//! What a unit's bytes are:
//! - canonical decomposition (NFD), with combining marks in canonical order, so NFC and NFD
//!   spellings give the same bytes;
//! - Unicode default case folding (when folding case), decomposed again;
//! - diacritics dropped when folding them: the combining marks of the Latin, Greek and
//!   Cyrillic diacritic blocks, Arabic harakat and Hebrew points (never the vowel signs of
//!   Indic scripts, which are letters in all but name);
//! - apostrophes `’ ‘ ʼ` become `'`;
//! - a whitespace run (any `White_Space`, newline and NBSP included) and a dash (`-` and
//!   its Unicode variants) are separators: with spacing variants on they give no bytes and
//!   only mark the next unit as following a gap; with variants off a whitespace run gives
//!   one `' '` and a dash gives `'-'`;
//! - soft hyphens, word joiners, zero-width joiners and the Arabic tatweel give nothing.

use caseless::Caseless;
use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, is_combining_mark,
};

/// Which normalisations apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NormOptions {
    /// Unicode default case folding.
    pub fold_case: bool,
    /// Drop diacritic marks.
    pub fold_diacritics: bool,
    /// Separators give no bytes (spacing variants on).
    pub variants: bool,
}

impl NormOptions {
    /// Every normalisation on: a default matcher's keys.
    pub(crate) const ALL: NormOptions = NormOptions {
        fold_case: true,
        fold_diacritics: true,
        variants: true,
    };
}

const A_WORD: u8 = 1;
const A_SPACE: u8 = 2;
const A_DASH: u8 = 4;
const A_UPPER: u8 = 8;
const A_LOWER: u8 = 16;

/// Classes of each byte value; bytes of multi-byte characters have none.
const fn ascii_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphanumeric() || b == b'_' {
            c |= A_WORD;
        }
        if b.is_ascii_uppercase() {
            c |= A_UPPER;
        }
        if b.is_ascii_lowercase() {
            c |= A_LOWER;
        }
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0b || b == 0x0c {
            c |= A_SPACE;
        }
        if b == b'-' {
            c |= A_DASH;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static ASCII: [u8; 256] = ascii_table();

/// Whether an ASCII byte is a word character (letter, digit, underscore).
#[inline]
pub(crate) fn ascii_is_word(b: u8) -> bool {
    ASCII[b as usize] & A_WORD != 0
}

/// Whether an ASCII byte is a separator (white space or hyphen).
#[inline]
pub(crate) fn ascii_is_sep(b: u8) -> bool {
    ASCII[b as usize] & (A_SPACE | A_DASH) != 0
}

/// Whether a character is a dash that counts as a separator.
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Whether a character is white space (a separator).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// Whether a character is an apostrophe that normalises to `'`.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Characters that give no bytes at all.
#[inline]
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Characters that extend the character before them (never a boundary before them).
#[inline]
pub(crate) fn is_extender(c: char) -> bool {
    is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Combining marks dropped by diacritic folding.
#[inline]
fn is_foldable_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Titlecase letters (`ǅ`), which count as capitals.
#[inline]
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{01C5}' | '\u{01C8}' | '\u{01CB}' | '\u{01F2}'
        | '\u{1F88}'..='\u{1F8F}' | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}'
        | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

/// Whether a character is a capital letter (upper or title case).
#[inline]
pub(crate) fn is_capital(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        c.is_uppercase() || is_titlecase(c)
    }
}

/// Whether a character is part of a word: letters, digits, marks, underscore.
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        ascii_is_word(c as u8)
    } else {
        c.is_alphanumeric() || is_extender(c)
    }
}

/// Scripts written without spaces between words: every character is a word of its own
/// for boundary purposes (Han, kana, Thai, Lao, Khmer, Myanmar).
#[inline]
pub(crate) fn is_continua(c: char) -> bool {
    c >= '\u{0E00}'
        && matches!(c,
        '\u{0E00}'..='\u{0EFF}'
        | '\u{1000}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{323AF}')
}

/// The character that ends just before byte `p`, if any.
#[inline]
pub(crate) fn char_before(text: &str, p: usize) -> Option<char> {
    let bytes = text.as_bytes();
    if p == 0 || p > bytes.len() {
        return None;
    }
    let b = bytes[p - 1];
    if b < 0x80 {
        return Some(b as char);
    }
    text.get(..p)?.chars().next_back()
}

/// The character that starts at byte `p`, if any.
#[inline]
pub(crate) fn char_at(text: &str, p: usize) -> Option<char> {
    let b = *text.as_bytes().get(p)?;
    if b < 0x80 {
        return Some(b as char);
    }
    text.get(p..)?.chars().next()
}

/// Whether the word character that ends just before `p` is a lone letter, as in `U.S.A`
/// (the character before it is no word character, or is a period).
fn lone_letter_before(text: &str, p: usize) -> bool {
    let Some(c) = char_before(text, p) else {
        return false;
    };
    match char_before(text, p - c.len_utf8()) {
        None => true,
        Some(z) => z == '.' || !is_word(z),
    }
}

/// Whether `connector` (at the position between word characters `left` and `right`) joins
/// them into one word. Apostrophes join (`O'Brien`); a period joins digits (`3.5`) and
/// lone letters (`U.S.A`, `e.g`), never a word and the next (`said.The`).
fn joins(text: &str, connector_at: usize, connector: char, left: char, right: char) -> bool {
    if is_continua(left) || is_continua(right) {
        return false;
    }
    if is_apostrophe(connector) || connector == '\u{00B7}' {
        return true;
    }
    if connector == '.' {
        if left.is_ascii_digit() && right.is_ascii_digit() {
            return true;
        }
        return lone_letter_before(text, connector_at);
    }
    false
}

/// Whether there is a word boundary at byte `p` of the original text.
#[inline]
pub(crate) fn boundary_at(text: &str, p: usize) -> bool {
    // ASCII on both sides, and beyond a non-word character: no extenders, no scripts
    // without spaces, and `joins` needs no more than its ASCII cases.
    let bytes = text.as_bytes();
    if p > 0
        && let (Some(&a), Some(&b)) = (bytes.get(p - 1), bytes.get(p))
        && a < 0x80
        && b < 0x80
    {
        let (wa, wb) = (ascii_is_word(a), ascii_is_word(b));
        if wa == wb {
            return !wa;
        }
        // One side is a word character, the other a connector candidate.
        let (conn_at, conn, beyond) = if wa {
            (p, b, bytes.get(p + 1))
        } else {
            (p - 1, a, p.checked_sub(2).and_then(|q| bytes.get(q)))
        };
        match beyond {
            None => return true,
            Some(&z) if z < 0x80 => {
                if !ascii_is_word(z) {
                    return true;
                }
                if conn == b'\'' {
                    return false;
                }
                if conn != b'.' {
                    return true;
                }
                let (l, r) = if wa { (a, z) } else { (z, b) };
                if l.is_ascii_digit() && r.is_ascii_digit() {
                    return false;
                }
                return !lone_letter_before(text, conn_at);
            }
            Some(_) => {}
        }
    }
    boundary_at_slow(text, p)
}

fn boundary_at_slow(text: &str, p: usize) -> bool {
    let (Some(a), Some(b)) = (char_before(text, p), char_at(text, p)) else {
        return true;
    };
    if is_extender(b) {
        return false;
    }
    if is_continua(a) || is_continua(b) {
        return true;
    }
    let (wa, wb) = (is_word(a), is_word(b));
    if wa && wb {
        return false;
    }
    if wa {
        if let Some(c) = char_at(text, p + b.len_utf8())
            && is_word(c)
        {
            return !joins(text, p, b, a, c);
        }
        return true;
    }
    if wb {
        let q = p - a.len_utf8();
        if let Some(z) = char_before(text, q)
            && is_word(z)
        {
            return !joins(text, q, a, z, b);
        }
        return true;
    }
    true
}

/// Whether a mention may end at byte `p`: a word boundary, or a possessive (`OIC’s`).
#[inline]
pub(crate) fn end_boundary(text: &str, p: usize) -> bool {
    if text
        .as_bytes()
        .get(p)
        .is_some_and(|&b| b < 0x80 && b != b'\'')
    {
        return boundary_at(text, p);
    }
    if let Some(b) = char_at(text, p)
        && is_apostrophe(b)
    {
        let q = p + b.len_utf8();
        if let Some(s) = char_at(text, q)
            && (s == 's' || s == 'S')
            && char_at(text, q + 1).is_none_or(|z| !is_word(z) || is_continua(z))
        {
            return true;
        }
    }
    boundary_at(text, p)
}

/// Reads normalised units from a string.
pub(crate) struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    opts: NormOptions,
    buf: Vec<u8>,
    chars: Vec<char>,
    one: u8,
    multi: bool,
    /// First byte of the unit in the original text.
    pub start: usize,
    /// One past the unit's last byte in the original text.
    pub end: usize,
    /// A separator came before this unit (spacing variants on).
    pub gap: bool,
    /// The unit's base character is a capital letter.
    pub cap: bool,
    /// The unit's base character is a lower-case letter.
    pub lower: bool,
    /// The unit is a separator (`' '` or `'-'`, spacing variants off).
    pub sep: bool,
}

impl<'t> Cursor<'t> {
    /// A cursor at byte `pos` (a char boundary) of `text`.
    pub fn new(text: &'t str, pos: usize, opts: NormOptions) -> Cursor<'t> {
        Cursor {
            text,
            pos,
            opts,
            buf: Vec::new(),
            chars: Vec::new(),
            one: 0,
            multi: false,
            start: pos,
            end: pos,
            gap: false,
            cap: false,
            lower: false,
            sep: false,
        }
    }

    /// Move the cursor to byte `pos` (a char boundary).
    #[inline]
    pub fn reset(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The normalised bytes of the current unit.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        if self.multi {
            &self.buf
        } else {
            std::slice::from_ref(&self.one)
        }
    }

    /// Read the next unit; `false` at the end of the text.
    #[inline]
    pub fn next_unit(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut gap = false;
        loop {
            let p = self.pos;
            let Some(&b) = bytes.get(p) else { return false };
            if b < 0x80 {
                let cls = ASCII[b as usize];
                if cls & (A_SPACE | A_DASH) != 0 {
                    if self.opts.variants {
                        gap = true;
                        self.pos = p + 1;
                        continue;
                    }
                    self.separator(p, cls & A_SPACE != 0);
                    return true;
                }
                if bytes.get(p + 1).is_none_or(|&n| n < 0x80) {
                    self.start = p;
                    self.end = p + 1;
                    self.pos = p + 1;
                    self.gap = gap;
                    self.cap = cls & A_UPPER != 0;
                    self.lower = cls & A_LOWER != 0;
                    self.sep = false;
                    self.multi = false;
                    self.one = if self.opts.fold_case {
                        b.to_ascii_lowercase()
                    } else {
                        b
                    };
                    return true;
                }
            }
            let Some(c) = char_at(self.text, p) else {
                return false;
            };
            let len = c.len_utf8();
            if is_space(c) || is_dash(c) {
                if self.opts.variants {
                    gap = true;
                    self.pos = p + len;
                    continue;
                }
                self.separator(p, is_space(c));
                return true;
            }
            if is_ignorable(c) {
                self.pos = p + len;
                continue;
            }
            let mut q = p + len;
            while let Some(d) = char_at(self.text, q) {
                if d.is_ascii() || !is_extender(d) {
                    break;
                }
                q += d.len_utf8();
            }
            self.pos = q;
            self.cluster(p, q);
            if self.buf.is_empty() {
                // Only dropped characters (an orphan diacritic): nothing to match.
                continue;
            }
            self.start = p;
            self.end = q;
            self.gap = gap;
            self.cap = is_capital(c);
            self.lower = c.is_lowercase();
            self.sep = false;
            self.multi = true;
            return true;
        }
    }

    fn separator(&mut self, p: usize, space: bool) {
        let mut q = p;
        if space {
            while let Some(c) = char_at(self.text, q) {
                if !is_space(c) {
                    break;
                }
                q += c.len_utf8();
            }
        } else {
            q += char_at(self.text, p).map_or(1, char::len_utf8);
        }
        self.start = p;
        self.end = q;
        self.pos = q;
        self.gap = false;
        self.cap = false;
        self.lower = false;
        self.sep = true;
        self.multi = false;
        self.one = if space { b' ' } else { b'-' };
    }

    /// Normalise the characters `p..q` (a base character and its marks) into `buf`.
    fn cluster(&mut self, p: usize, q: usize) {
        let opts = self.opts;
        let chars = &mut self.chars;
        chars.clear();
        let keep = |g: char, chars: &mut Vec<char>| {
            if (!opts.fold_diacritics || !is_foldable_mark(g)) && !is_ignorable(g) {
                chars.push(g);
            }
        };
        for ch in self.text[p..q].chars() {
            let ch = if is_apostrophe(ch) { '\'' } else { ch };
            decompose_canonical(ch, |d| {
                if opts.fold_case && !d.is_ascii() {
                    for f in std::iter::once(d).default_case_fold() {
                        decompose_canonical(f, |g| keep(g, chars));
                    }
                } else if opts.fold_case {
                    keep(d.to_ascii_lowercase(), chars);
                } else {
                    keep(d, chars);
                }
            });
        }
        // Canonical ordering: runs of non-starters sorted (stably) by combining class.
        let mut i = 0;
        while i < chars.len() {
            if canonical_combining_class(chars[i]) == 0 {
                i += 1;
                continue;
            }
            let s = i;
            while i < chars.len() && canonical_combining_class(chars[i]) != 0 {
                i += 1;
            }
            if i - s > 1 {
                chars[s..i].sort_by_key(|&c| canonical_combining_class(c));
            }
        }
        self.buf.clear();
        let mut tmp = [0u8; 4];
        for &c in chars.iter() {
            self.buf
                .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
    }
}

/// One unit of a normalised string, as the matcher keeps it for an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UnitInfo {
    /// Byte offset of the unit in the key.
    pub key_off: u32,
    /// The unit follows a gap.
    pub gap: bool,
    /// The unit's base character is a capital.
    pub cap: bool,
    /// The unit is a separator (variants off).
    pub sep: bool,
}

/// The key of a string and its units.
pub(crate) fn normalize_units(
    s: &str,
    opts: NormOptions,
    key: &mut Vec<u8>,
    units: &mut Vec<UnitInfo>,
) {
    key.clear();
    units.clear();
    let mut cur = Cursor::new(s, 0, opts);
    while cur.next_unit() {
        units.push(UnitInfo {
            key_off: key.len() as u32,
            gap: cur.gap,
            cap: cur.cap,
            sep: cur.sep,
        });
        key.extend_from_slice(cur.bytes());
    }
}

/// The key of a string (its normalised bytes).
pub(crate) fn normalize_key(s: &str, opts: NormOptions, key: &mut Vec<u8>) {
    key.clear();
    let mut cur = Cursor::new(s, 0, opts);
    while cur.next_unit() {
        key.extend_from_slice(cur.bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: NormOptions = NormOptions::ALL;
    const PLAIN: NormOptions = NormOptions {
        fold_case: true,
        fold_diacritics: false,
        variants: false,
    };

    fn key(s: &str, o: NormOptions) -> String {
        let mut k = Vec::new();
        normalize_key(s, o, &mut k);
        String::from_utf8(k).unwrap()
    }

    #[test]
    fn keys() {
        let cases: &[(&str, NormOptions, &str)] = &[
            ("Al-Qaeda", ON, "alqaeda"),
            ("Al Qaeda", ON, "alqaeda"),
            ("Al\u{2013}Qaeda", ON, "alqaeda"),
            ("Al-Qaeda", PLAIN, "al-qaeda"),
            ("Al \u{00A0}\n Qaeda", PLAIN, "al qaeda"),
            ("Al\u{2014}Qaeda", PLAIN, "al-qaeda"),
            ("São Paulo", ON, "saopaulo"),
            ("Sa\u{0303}o Paulo", ON, "saopaulo"),
            ("São", PLAIN, "sa\u{0303}o"),
            ("Sa\u{0303}o", PLAIN, "sa\u{0303}o"),
            ("Straße", ON, "strasse"),
            ("İstanbul", ON, "istanbul"),
            ("ΣΟΦΟΣ", ON, "σοφοσ"),
            ("OIC’s", ON, "oic's"),
            ("ʼAin", ON, "'ain"),
            ("Mos\u{00AD}cow", ON, "moscow"),
            ("Москва", ON, "москва"),
            ("Ğ", PLAIN, "g\u{0306}"),
            // Marks in non-canonical order compare equal to canonical order.
            ("a\u{0323}\u{0302}", PLAIN, "a\u{0323}\u{0302}"),
            ("a\u{0302}\u{0323}", PLAIN, "a\u{0323}\u{0302}"),
        ];
        for (s, o, want) in cases {
            assert_eq!(key(s, *o), *want, "key of {s:?}");
        }
    }

    #[test]
    fn ascii_boundary_fast_path_agrees_with_the_general_rule() {
        let alphabet = [
            'a', 'Z', '7', '_', '\'', '.', '-', ' ', ',', 'é', '\u{301}', '北', '’',
        ];
        let mut text = String::new();
        let mut n = 0u64;
        // Every string of up to five characters of the alphabet, at every position.
        let mut counters = vec![0usize; 0];
        loop {
            text.clear();
            text.extend(counters.iter().map(|&k| alphabet[k]));
            for (p, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    boundary_at(&text, p),
                    boundary_at_slow(&text, p),
                    "{text:?} at {p}"
                );
                n += 1;
            }
            // Next string, shortest first.
            let mut k = 0;
            loop {
                if k == counters.len() {
                    counters.push(0);
                    break;
                }
                counters[k] += 1;
                if counters[k] < alphabet.len() {
                    break;
                }
                counters[k] = 0;
                k += 1;
            }
            if counters.len() > 5 {
                break;
            }
        }
        assert!(n > 100_000);
    }

    #[test]
    fn boundaries() {
        // (text, byte offset, boundary?)
        let cases: &[(&str, usize, bool)] = &[
            ("Pakistani", 8, false),
            ("Pakistan based", 8, true),
            ("Pakistan-based", 8, true),
            ("O'Brien", 2, false),
            ("U.S.A", 3, false),
            ("U.S.A", 4, false),
            ("said.The", 5, true),
            ("3.5", 2, false),
            ("français", 4, false),
            ("français", 6, false),
            ("北京上海", 3, true),
            ("Jose\u{0301}", 4, false),
            ("x 🇵🇰", 1, true),
        ];
        for (t, p, want) in cases {
            assert_eq!(boundary_at(t, *p), *want, "boundary in {t:?} at {p}");
        }
        assert!(end_boundary("OIC’s view", 3));
        assert!(end_boundary("OIC's", 3));
        assert!(!end_boundary("OIC'sx", 3));
        assert!(end_boundary("Reuters' view", 7));
    }

    /// The map from normalised units back to the original text is monotonic: each unit's
    /// original range is non-empty, on char boundaries, inside the text, and starts at or
    /// after the end of the one before, under every option.
    #[test]
    fn unit_offsets_are_monotonic() {
        use proptest::prelude::*;
        let tricky = prop::sample::select(vec![
            'a', 'A', 'é', 'ß', 'İ', 'ǅ', 'ﬁ', 'Σ', ' ', '-', '\u{2013}', '\u{a0}', '\n', '’', 'ʼ',
            '\u{301}', '\u{308}', '\u{323}', '\u{ad}', '\u{200d}', '\u{640}', '\u{94d}', 'क', '北',
            '🇵', '\u{0}', '.',
        ]);
        let text = prop::collection::vec(prop_oneof![3 => tricky, 1 => any::<char>()], 0..48)
            .prop_map(|cs| cs.into_iter().collect::<String>());
        proptest!(ProptestConfig::with_cases(512), |(text in text, bits in 0u8..8)| {
            let opts = NormOptions {
                fold_case: bits & 1 != 0,
                fold_diacritics: bits & 2 != 0,
                variants: bits & 4 != 0,
            };
            let mut cur = Cursor::new(&text, 0, opts);
            let mut last_end = 0;
            while cur.next_unit() {
                prop_assert!(cur.start < cur.end, "empty unit at {}", cur.start);
                prop_assert!(cur.start >= last_end, "unit {}..{} before {}", cur.start, cur.end, last_end);
                prop_assert!(cur.end <= text.len());
                prop_assert!(text.is_char_boundary(cur.start) && text.is_char_boundary(cur.end));
                last_end = cur.end;
            }
        });
    }
}
