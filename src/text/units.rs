//! The normalising cursor: the text (or an alias) read one unit at a time, each unit's
//! normalised bytes together with the original byte range they came from.

use super::expand::with_expansion;

use super::chars::{
    A_DASH, A_LOWER, A_SPACE, A_UPPER, ASCII, char_at, is_capital, is_dash, is_extender,
    is_ignorable, is_space,
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

/// Reads normalised units from a string.
pub(crate) struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    opts: NormOptions,
    buf: Vec<u8>,
    /// The characters of the current cluster, each with its canonical combining class.
    chars: Vec<(char, u8)>,
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
        for ch in self.text[p..q].chars() {
            with_expansion(ch, opts, |e| chars.extend(e.chars()));
        }
        // Canonical ordering: runs of non-starters sorted (stably) by combining class.
        let mut i = 0;
        while i < chars.len() {
            if chars[i].1 == 0 {
                i += 1;
                continue;
            }
            let s = i;
            while i < chars.len() && chars[i].1 != 0 {
                i += 1;
            }
            if i - s > 1 {
                chars[s..i].sort_by_key(|&(_, ccc)| ccc);
            }
        }
        self.buf.clear();
        let mut tmp = [0u8; 4];
        for &(c, _) in chars.iter() {
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
