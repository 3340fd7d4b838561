//! Character classes: what is a word character, a separator, a capital, an apostrophe;
//! the ASCII cases answered from one table.

use unicode_normalization::char::is_combining_mark;

pub(super) const A_WORD: u8 = 1;
pub(super) const A_SPACE: u8 = 2;
pub(super) const A_DASH: u8 = 4;
pub(super) const A_UPPER: u8 = 8;
pub(super) const A_LOWER: u8 = 16;

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

pub(super) static ASCII: [u8; 256] = ascii_table();

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
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The end of the run of silent letters — word characters that give no bytes, the Arabic
/// tatweel — that starts at `p`: a name written with one at its end (`Saoـ`) ends after
/// it, where its word does (other characters that give no bytes, such as a soft hyphen or
/// a zero-width no-break space, are no word characters and end a word anyway).
#[inline]
pub(crate) fn skip_silent_letters(text: &str, mut p: usize) -> usize {
    while let Some(c) = char_at(text, p)
        && is_ignorable(c)
        && is_word(c)
    {
        p += c.len_utf8();
    }
    p
}

/// Characters that extend the character before them (never a boundary before them).
#[inline]
pub(crate) fn is_extender(c: char) -> bool {
    is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Combining marks dropped by diacritic folding.
#[inline]
pub(super) fn is_foldable_mark(c: char) -> bool {
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
