//! Word boundaries of the original text, for every script: where a mention may start and
//! end. Only the characters on each side of a position are looked at; the text is never
//! segmented as a whole.

use super::chars::{
    ascii_is_word, char_at, char_before, is_apostrophe, is_continua, is_extender, is_word,
};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
