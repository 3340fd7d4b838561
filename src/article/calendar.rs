//! Month and weekday names as wire copy writes them.

/// Whether `word` is written the way a name is in running text: `March`, `MARCH`.
fn title_or_caps(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() => {
            let rest = chars.as_str();
            rest.bytes().all(|b| b.is_ascii_lowercase())
                || rest.bytes().all(|b| b.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// The month named by `word` (`Dec`, `December`, `Sept`; no full stop). In running text
/// (`lenient == false`) only `Title` and `CAPS` spellings count, so the verb `march` and
/// the modal `may` do not; a dateline also takes `MARch` or `june`.
pub(crate) fn month(word: &str, lenient: bool) -> Option<u8> {
    if word.len() < 3 || word.len() > 9 || !word.is_ascii() {
        return None;
    }
    if !lenient && !title_or_caps(word) {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let m = match &*lower {
        b"jan" | b"january" => 1,
        b"feb" | b"february" => 2,
        b"mar" | b"march" => 3,
        b"apr" | b"april" => 4,
        b"may" => 5,
        b"jun" | b"june" => 6,
        b"jul" | b"july" => 7,
        b"aug" | b"august" => 8,
        b"sep" | b"sept" | b"september" => 9,
        b"oct" | b"october" => 10,
        b"nov" | b"november" => 11,
        b"dec" | b"december" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether `word` is a month name written out in full (not an abbreviation that could
/// take a full stop).
pub(crate) fn is_full_month(word: &str) -> bool {
    word.len() > 4
        || word.eq_ignore_ascii_case("may")
        || word.eq_ignore_ascii_case("june")
        || word.eq_ignore_ascii_case("july")
}

/// The weekday named by `word` (`Monday` = 0), `Title` or `CAPS` only.
pub(crate) fn weekday(word: &str) -> Option<u8> {
    if word.len() < 6 || word.len() > 9 || !title_or_caps(word) {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let d = match &*lower {
        b"monday" => 0,
        b"tuesday" => 1,
        b"wednesday" => 2,
        b"thursday" => 3,
        b"friday" => 4,
        b"saturday" => 5,
        b"sunday" => 6,
        _ => return None,
    };
    Some(d)
}
