//! The words of a body, normalised as the matcher normalises text and hashed one by one.
//!
//! A word is what the matcher's word boundaries delimit ([`crate::text::boundary_at`]): a
//! run of word characters, joined across an apostrophe (`O'Brien`) or a period between
//! digits or lone letters (`3.5`, `U.S`), never across a hyphen or a dash (`Al-Qaeda` is
//! two words, as `Al Qaeda` is: the matcher treats them alike). Each character of a script
//! written without spaces (Han, kana, Thai, ...) is a word of its own. Soft hyphens and
//! word joiners inside a word are dropped, so a hyphenation point does not split it.
//!
//! A word's bytes are the matcher's normalised bytes ([`crate::text::Cursor`]): case folded,
//! diacritics dropped, canonical equivalents equal, apostrophes `’ ‘ ʼ` as `'`. ASCII, the
//! bulk of wire copy, is lower-cased byte by byte without the cursor; any other character
//! goes through it.

use super::hash;
use crate::matcher::swar::{HIGH, load8, swar_lower, word_bytes};
use crate::text::{
    Cursor, NormOptions, ascii_is_word, boundary_at, char_at, is_apostrophe, is_continua,
    is_extender, is_word,
};

/// How words are normalised: the matcher's default (case and diacritics folded), with
/// separators giving no bytes (a word holds none anyway).
const NORM: NormOptions = NormOptions::ALL;

/// Normalised bytes of a word kept before they are folded into its hash: a word longer
/// than this (a run of letters with no space, as in a corrupt or binary input) is hashed a
/// piece at a time, so memory stays bounded whatever the input.
const PIECE: usize = 4096;

/// The longest ASCII word hashed straight from the text, lower-cased on the stack; longer
/// ones, rare, go through [`Word`]'s buffer.
const SHORT: usize = 32;

/// Characters that give no bytes and do not end a word: a soft hyphen, a word joiner, a
/// zero-width no-break space (the cursor drops them too).
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{2060}' | '\u{FEFF}')
}

/// What takes the hash of each word, in order: a closure, or a type whose `word` is
/// inlined into the walk (the signature's, which runs once per word of every article).
pub(crate) trait Words {
    fn word(&mut self, hash: u64);
}

impl<F: FnMut(u64)> Words for F {
    #[inline(always)]
    fn word(&mut self, hash: u64) {
        self(hash)
    }
}

/// Calls `each` with the hash of every word of `text[start..end]`, in order.
///
/// `seed` seeds the word hashes. Offsets are byte offsets into `text` on char boundaries;
/// word boundaries look at `text` beyond the range where they need to, as the matcher's do.
pub(crate) fn for_each_word(
    text: &str,
    start: usize,
    end: usize,
    seed: u64,
    each: &mut impl Words,
) {
    walk::<true>(text, start, end, seed, each);
}

/// [`for_each_word`], with or without the shortcut for whole ASCII words (`SHORTCUT`): the
/// tests hold the two to the same words.
fn walk<const SHORTCUT: bool>(
    text: &str,
    start: usize,
    end: usize,
    seed: u64,
    each: &mut impl Words,
) {
    let bytes = text.as_bytes();
    let mut word = Word::new(seed);
    let mut cursor = Cursor::new(text, start, NORM);
    let mut lower = [0u8; SHORT];
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if ascii_is_word(b) {
                // A run of ASCII word characters at once: the bulk of wire copy.
                let n = word_run(bytes, i, end, &mut lower);
                let j = i + n;
                if SHORTCUT && word.is_empty() && n <= SHORT && ends_word(bytes, j, end) {
                    // A whole word (what `word` would make of it, without its buffer), and
                    // the character after it, which adds nothing to an empty word.
                    each.word(hash::padded(seed, &lower, n));
                    i = j + 1;
                } else {
                    word.push_ascii(&bytes[i..j]);
                    i = j;
                }
                continue;
            }
            // `'` and `.` join two word characters where the matcher sees no boundary.
            if (b == b'\'' || b == b'.') && !word.is_empty() && joins(text, i, 1, end) {
                word.push_byte(b);
                i += 1;
                continue;
            }
            word.finish(each);
            i += 1;
            // Up to the next word: the ASCII characters that add nothing to an empty word.
            while i < end && bytes[i] < 0x80 && !ascii_is_word(bytes[i]) {
                i += 1;
            }
            continue;
        }
        let Some(c) = char_at(text, i) else {
            // Not a char boundary: cannot happen for a `&str` walked char by char.
            i += 1;
            continue;
        };
        let len = c.len_utf8();
        if is_invisible(c) {
            i += len;
            continue;
        }
        if is_apostrophe(c) || c == '\u{00B7}' {
            if !word.is_empty() && joins(text, i, len, end) {
                if is_apostrophe(c) {
                    word.push_byte(b'\'');
                } else {
                    word.push_bytes(&text.as_bytes()[i..i + len]);
                }
            } else {
                word.finish(each);
            }
            i += len;
            continue;
        }
        if !is_word(c) {
            word.finish(each);
            i += len;
            continue;
        }
        // A word character and the marks that extend it: one unit of the cursor.
        let mut q = i + len;
        while let Some(d) = char_at(text, q) {
            if q >= end || d.is_ascii() || !is_extender(d) {
                break;
            }
            q += d.len_utf8();
        }
        let continua = is_continua(c);
        if continua {
            word.finish(each);
        }
        cursor.reset(i);
        // A unit that normalises to nothing (a lone diacritic, a tatweel) makes the cursor
        // go on to the next one: then this one adds nothing.
        if cursor.next_unit() && cursor.start == i {
            word.push_bytes(cursor.bytes());
        }
        if continua {
            word.finish(each);
        }
        i = q;
    }
    word.finish(each);
}

/// The length of the run of ASCII word characters at `bytes[i..end]`, with its first
/// [`SHORT`] bytes lower-cased into `lower` (what lies there past the run is unspecified).
///
/// Eight bytes at a time, as the matcher finds word ends: a loop that stops at the first
/// non-word byte mispredicts its exit about once per word, a count of trailing zeros of a
/// mask does not branch for words of up to eight bytes.
#[inline]
fn word_run(bytes: &[u8], i: usize, end: usize, lower: &mut [u8; SHORT]) -> usize {
    let mut n = 0;
    // The block may run past `end`, into the text beyond: its count stops at `end`.
    while let Some(block) = load8(bytes, i + n) {
        if let Some(out) = lower.get_mut(n..n + 8) {
            // The top bits cleared first: `swar_lower` takes ASCII bytes only.
            out.copy_from_slice(&swar_lower(block & !HIGH).to_le_bytes());
        }
        let words = (!word_bytes(block) & HIGH).trailing_zeros() as usize / 8;
        let len = words.min(end - (i + n));
        n += len;
        if len < 8 {
            return n;
        }
    }
    // The last few bytes of the text, one at a time.
    while i + n < end && ascii_is_word(bytes[i + n]) {
        if let Some(out) = lower.get_mut(n) {
            *out = bytes[i + n].to_ascii_lowercase();
        }
        n += 1;
    }
    n
}

/// Whether the word being read ends at `j`, where its run of ASCII word characters does:
/// at the end of the range, at an ASCII character that cannot join it to what follows
/// (anything but `'` and `.`), or at a `'` or `.` with no word character after it to join.
/// Past a non-ASCII character the general path decides: it may be a letter, an
/// apostrophe, an invisible character or a mark that goes on with the word.
#[inline]
fn ends_word(bytes: &[u8], j: usize, end: usize) -> bool {
    let ascii_non_word = |k: usize| k >= end || (bytes[k] < 0x80 && !ascii_is_word(bytes[k]));
    match bytes.get(j) {
        _ if j >= end => true,
        Some(b'\'' | b'.') => ascii_non_word(j + 1),
        Some(&b) => b < 0x80,
        None => true,
    }
}

/// Whether the connector of `len` bytes at `p` joins the word before it to a word
/// character after it, inside `..end`.
#[inline]
fn joins(text: &str, p: usize, len: usize, end: usize) -> bool {
    p + len < end && char_at(text, p + len).is_some_and(is_word) && !boundary_at(text, p)
}

/// The word being read: its normalised bytes, folded into a hash a piece at a time.
struct Word {
    buf: Vec<u8>,
    /// Hash of the pieces already folded in (the seed before any).
    acc: u64,
    /// Pieces folded in.
    pieces: u32,
    seed: u64,
}

impl Word {
    fn new(seed: u64) -> Word {
        Word {
            buf: Vec::with_capacity(64),
            acc: seed,
            pieces: 0,
            seed,
        }
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.buf.is_empty() && self.pieces == 0
    }

    #[inline]
    fn push_byte(&mut self, b: u8) {
        if self.buf.len() == PIECE {
            self.fold();
        }
        self.buf.push(b);
    }

    /// ASCII word characters, lower-cased.
    #[inline]
    fn push_ascii(&mut self, run: &[u8]) {
        if self.buf.len() + run.len() <= PIECE {
            self.buf.extend(run.iter().map(u8::to_ascii_lowercase));
        } else {
            for &b in run {
                self.push_byte(b.to_ascii_lowercase());
            }
        }
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push_byte(b);
        }
    }

    fn fold(&mut self) {
        self.acc = hash::bytes(self.acc, &self.buf);
        self.pieces += 1;
        self.buf.clear();
    }

    /// End the word: hand its hash to `each` (nothing when it is empty, as it mostly is:
    /// the shortcut hands most words over itself, so the test is inlined, the rest not).
    #[inline]
    fn finish(&mut self, each: &mut impl Words) {
        if !self.is_empty() {
            self.emit(each);
        }
    }

    #[inline(never)]
    fn emit(&mut self, each: &mut impl Words) {
        each.word(hash::bytes(self.acc, &self.buf));
        self.buf.clear();
        self.acc = self.seed;
        self.pieces = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, 0, text.len(), 7, &mut |h| out.push(h));
        out
    }

    fn hash(word: &str) -> u64 {
        hash::bytes(7, word.as_bytes())
    }

    #[test]
    fn words_are_normalised_and_split_where_the_matcher_splits() {
        // (text, the normalised words)
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  \n\t ", &[]),
            ("... -- !", &[]),
            ("The Minister said.", &["the", "minister", "said"]),
            ("THE MINISTER SAID", &["the", "minister", "said"]),
            ("said.The", &["said", "the"]),
            ("O'Brien and O’Brien", &["o'brien", "and", "o'brien"]),
            ("Reuters' view", &["reuters", "view"]),
            (
                "3.5 pct, 155,221 bags",
                &["3.5", "pct", "155", "221", "bags"],
            ),
            ("the U.S. said", &["the", "u.s", "said"]),
            ("Al-Qaeda, Al–Qaeda", &["al", "qaeda", "al", "qaeda"]),
            (
                "São Paulo, Sa\u{0303}o Paulo",
                &["sao", "paulo", "sao", "paulo"],
            ),
            ("Jose\u{0301} Straße", &["jose", "strasse"]),
            ("Mos\u{00AD}cow", &["moscow"]),
            ("北京 上海", &["北", "京", "上", "海"]),
            ("Москва", &["москва"]),
        ];
        for (text, words) in cases {
            let want: Vec<u64> = words.iter().map(|w| hash(w)).collect();
            assert_eq!(hashes(text), want, "words of {text:?}");
        }
    }

    #[test]
    fn a_range_is_read_alone() {
        let text = "ISLAMABAD, Dec 12 (APP): Talks ended. Reuter";
        let start = text.find("Talks").unwrap();
        let end = text.find(" Reuter").unwrap();
        let mut out = Vec::new();
        for_each_word(text, start, end, 7, &mut |h| out.push(h));
        assert_eq!(out, [hash("talks"), hash("ended")]);
    }

    #[test]
    fn a_very_long_word_is_hashed_in_pieces_the_same_way_every_time() {
        let long = "a".repeat(3 * PIECE + 17);
        let text = format!("{long} b {long}");
        let h = hashes(&text);
        assert_eq!(h.len(), 3);
        assert_eq!(h[0], h[2]);
        assert_ne!(h[0], hash("a"));
    }

    /// Every word of `text[start..end]`, by the general path alone and with the shortcut.
    fn both(text: &str, start: usize, end: usize) -> (Vec<u64>, Vec<u64>) {
        let (mut slow, mut fast) = (Vec::new(), Vec::new());
        walk::<false>(text, start, end, 7, &mut |h| slow.push(h));
        walk::<true>(text, start, end, 7, &mut |h| fast.push(h));
        (slow, fast)
    }

    #[test]
    fn the_shortcut_gives_the_words_of_the_general_path() {
        // Pieces that end, join or go on with an ASCII word in every way there is.
        let pieces = [
            "said",
            "The",
            "U",
            "S",
            "3",
            "5",
            "O",
            "Brien",
            "_x",
            " ",
            "  ",
            "\n",
            ".",
            "'",
            "’",
            ",",
            "-",
            "–",
            "é",
            "e\u{0301}",
            "\u{00AD}",
            "\u{2060}",
            "北",
            "Москва",
            "ß",
            "·",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij",
            "x1y2z3w4v",
        ];
        // A fixed pseudo-random sequence (xorshift), so that a failure can be replayed.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..3000 {
            let len = 1 + next(12);
            let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&p| text.is_char_boundary(p))
                .collect();
            for &start in &bounds {
                for &end in bounds.iter().filter(|&&e| e >= start) {
                    let (slow, fast) = both(&text, start, end);
                    assert_eq!(fast, slow, "{:?}", &text[start..end]);
                }
            }
        }
    }

    #[test]
    fn the_shortcut_stops_at_the_end_of_the_text_and_of_the_range() {
        // Runs that end within the last eight bytes of the text, or cross `end`.
        for text in ["a", "ab.", "The end", "wordy words.", "a b c d e f g h i j"] {
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                let (slow, fast) = both(text, 0, end);
                assert_eq!(fast, slow, "{:?}", &text[..end]);
            }
        }
    }
}
