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
    let w = word.as_bytes();
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    // The first three letters name the month; the rest must then spell it out (or be
    // `t` of `Sept`). One integer compare per month instead of a string compare per
    // spelling: dateline and date passes ask this of every capitalised word they meet.
    // `| 0x20` gives a byte's small letter, and only a letter's two cases give a small
    // letter, so a key equal to a month's names the month in some case. A word that
    // passes is then ASCII letters only, which is why no `is_ascii` pass over the word
    // comes first, and why the case test waits until the month is known: most words are
    // no month, and are turned away by the key alone.
    let (m, full): (u8, &[u8]) = match key(w) | 0x20_2020 {
        JAN => (1, b"january"),
        FEB => (2, b"february"),
        MAR => (3, b"march"),
        APR => (4, b"april"),
        MAY => (5, b"may"),
        JUN => (6, b"june"),
        JUL => (7, b"july"),
        AUG => (8, b"august"),
        SEP => (9, b"september"),
        OCT => (10, b"october"),
        NOV => (11, b"november"),
        DEC => (12, b"december"),
        _ => return None,
    };
    // The rest spelled out: `full` is small letters, and `| 0x20` gives one of them from
    // that letter's two cases only (what `eq_ignore_ascii_case` does, without its two
    // lowerings a byte).
    let rest_is = |full: &[u8]| {
        w.len() == full.len() && w[3..].iter().zip(&full[3..]).all(|(c, f)| c | 0x20 == *f)
    };
    let spelled = w.len() == 3 || rest_is(full) || (m == 9 && rest_is(b"sept"));
    (spelled && (lenient || title_or_caps(word))).then_some(m)
}

/// The month a dateline's misspelt month name means (`Apri`, `Marc`, `Junee`, `Febuary`,
/// `Janaury`): a word of four letters or more, with the month's first letter, one slip of
/// the fingers (a letter dropped, two neighbours swapped, or a letter added that doubles
/// the one before it or is a keyboard neighbour of a letter beside it) from exactly one
/// month's full name. A letter changed is not a slip: it makes names (`Jane`, `Judy`,
/// `Marco`), and so does a letter added anywhere (`Mary`, `Maya`, `Augusta`).
/// Only a dateline asks, and only for a word that a day and a dash follow, where nothing
/// but a date stands; three-letter words are left alone (`Can`, `Out` are one edit from
/// `Jan`, `Oct`).
pub(crate) fn misspelled_month(word: &str) -> Option<u8> {
    const NAMES: [&[u8]; 13] = [
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
        b"sept",
    ];
    let w = word.as_bytes();
    if !(4..=10).contains(&w.len()) || !w.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut lower = [0u8; 10];
    let lower = &mut lower[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    let mut found = None;
    for (n, name) in NAMES.iter().enumerate() {
        if name[0] == lower[0] && one_slip(lower, name) {
            let m = if n == 12 { 9 } else { n as u8 + 1 };
            if found.is_some_and(|f| f != m) {
                return None;
            }
            found = Some(m);
        }
    }
    found
}

/// Whether `a` is `b` with one letter dropped, two neighbours swapped, or one letter
/// added that doubles the letter before it (`Junee`) or sits next to a letter beside it
/// on the keyboard (`Marchg`).
fn one_slip(a: &[u8], b: &[u8]) -> bool {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[common..], &b[common..]);
    match (ra.len(), rb.len()) {
        (x, y) if x == y => x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..],
        (x, y) if x == y + 1 => {
            let added = ra[0];
            let before = common.checked_sub(1).map(|k| b[k]);
            let after = rb.first().copied();
            ra[1..] == *rb
                && (before == Some(added)
                    || before.is_some_and(|c| keys_touch(c, added))
                    || after.is_some_and(|c| keys_touch(c, added)))
        }
        (x, y) if x + 1 == y => *ra == rb[1..],
        _ => false,
    }
}

/// Whether two small letters are neighbouring keys of a QWERTY keyboard.
fn keys_touch(a: u8, b: u8) -> bool {
    // Each key's row and its offset across the keyboard in quarter keys (the rows are
    // staggered).
    fn place(c: u8) -> Option<(i32, i32)> {
        const ROWS: [(&[u8], i32); 3] = [(b"qwertyuiop", 0), (b"asdfghjkl", 1), (b"zxcvbnm", 3)];
        ROWS.iter().enumerate().find_map(|(r, (keys, shift))| {
            let k = keys.iter().position(|&k| k == c)?;
            Some((r as i32, 4 * k as i32 + shift))
        })
    }
    let (Some((ra, xa)), Some((rb, xb))) = (place(a), place(b)) else {
        return false;
    };
    match (ra - rb).abs() {
        0 => (xa - xb).abs() == 4,
        1 => (xa - xb).abs() <= 3,
        _ => false,
    }
}

/// The first three bytes of a word, as one integer.
const fn key(w: &[u8]) -> u32 {
    w[0] as u32 | (w[1] as u32) << 8 | (w[2] as u32) << 16
}

const JAN: u32 = key(b"jan");
const FEB: u32 = key(b"feb");
const MAR: u32 = key(b"mar");
const APR: u32 = key(b"apr");
const MAY: u32 = key(b"may");
const JUN: u32 = key(b"jun");
const JUL: u32 = key(b"jul");
const AUG: u32 = key(b"aug");
const SEP: u32 = key(b"sep");
const OCT: u32 = key(b"oct");
const NOV: u32 = key(b"nov");
const DEC: u32 = key(b"dec");
const DAY: u32 = key(b"day");

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
    let w = word.as_bytes();
    if w.len() < 6 || w.len() > 9 {
        return None;
    }
    // Every weekday starts with a capital `M`, `T`, `W`, `F` or `S` here and ends in `day`
    // in some case: two byte tests that turn away most capitalised words before the case
    // test reads the whole word (the dateline asks this of every first place name).
    let tail = [w[w.len() - 3], w[w.len() - 2], w[w.len() - 1]];
    if !matches!(w[0], b'M' | b'T' | b'W' | b'F' | b'S') || key(&tail) | 0x20_2020 != DAY {
        return None;
    }
    if !title_or_caps(word) {
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

#[cfg(test)]
mod tests {
    use super::month;

    /// The spelling-by-spelling table `month` replaces, kept as the reference.
    fn month_by_spelling(word: &str, lenient: bool) -> Option<u8> {
        if word.len() < 3 || word.len() > 9 || !word.is_ascii() {
            return None;
        }
        if !lenient && !super::title_or_caps(word) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let m = match lower.as_str() {
            "jan" | "january" => 1,
            "feb" | "february" => 2,
            "mar" | "march" => 3,
            "apr" | "april" => 4,
            "may" => 5,
            "jun" | "june" => 6,
            "jul" | "july" => 7,
            "aug" | "august" => 8,
            "sep" | "sept" | "september" => 9,
            "oct" | "october" => 10,
            "nov" | "november" => 11,
            "dec" | "december" => 12,
            _ => return None,
        };
        Some(m)
    }

    /// The weekdays, `Monday` = 0.
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];

    /// The weekday test before its first- and last-byte checks, kept as the reference.
    fn weekday_by_spelling(word: &str) -> Option<u8> {
        if word.len() < 6 || word.len() > 9 || !super::title_or_caps(word) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        DAYS.iter().position(|d| *d == lower).map(|d| d as u8)
    }

    #[test]
    fn weekdays_agree_with_the_spelling_table() {
        let mut words: Vec<String> = Vec::new();
        for name in DAYS.into_iter().chain(["someday", "today"]) {
            for tail in ["", "s", "y"] {
                let w = format!("{name}{tail}");
                let mut title = w.clone();
                title[..1].make_ascii_uppercase();
                let mut odd = w.clone();
                odd[w.len() - 1..].make_ascii_uppercase();
                words.extend([w.to_ascii_uppercase(), title, odd, w]);
            }
        }
        words.extend(
            [
                "",
                "é",
                "Mondé",
                "Fridéy",
                "FRIDAy",
                "SUNDAY\u{0}",
                "Mon day",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(super::weekday(w), weekday_by_spelling(w), "{w:?}");
        }
    }

    #[test]
    fn misspelt_months() {
        let cases: &[(&str, Option<u8>)] = &[
            ("Apri", Some(4)),
            ("Marc", Some(3)),
            ("Junee", Some(6)),
            ("JUNEE", Some(6)),
            ("Febuary", Some(2)),
            ("Janaury", Some(1)),
            ("Sepember", Some(9)),
            ("Septt", Some(9)),
            ("Ocotber", Some(10)),
            ("Agust", Some(8)),
            // A month spelt right is one edit from nothing else it could be.
            ("April", None),
            // One edit from two months, too short, another first letter, two edits.
            ("Jule", None),
            ("Jne", None),
            ("Can", None),
            ("Xpril", None),
            ("Aprl1", None),
            ("Mrach", Some(3)),
            // A fat-fingered neighbour key after a letter (`Marchg`, Reuters).
            ("Marchg", Some(3)),
            ("Mach", Some(3)),
            // A letter changed, or one added that is neither doubled nor a neighbour key:
            // names, not months.
            ("Jane", None),
            ("Mary", None),
            ("Maya", None),
            ("Judy", None),
            ("Juno", None),
            ("Marco", None),
            ("Augusta", None),
            ("Marseille", None),
            ("Mayor", None),
            ("", None),
            ("Décembre", None),
        ];
        for (word, want) in cases {
            assert_eq!(super::misspelled_month(word), *want, "{word:?}");
        }
    }

    #[test]
    fn months_agree_with_the_spelling_table() {
        let names = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "sept",
            "october",
            "november",
            "december",
            "monday",
            "mayo",
        ];
        let mut words: Vec<String> = Vec::new();
        for name in names {
            // Every prefix and one letter more, in small, Title, CAPS and mixed case.
            for n in 0..=name.len() {
                for tail in ["", "s", "e", "."] {
                    let w = format!("{}{tail}", &name[..n]);
                    let mut title = w.clone();
                    if let Some(f) = title.get_mut(..1) {
                        f.make_ascii_uppercase();
                    }
                    let mixed: String = w
                        .chars()
                        .enumerate()
                        .map(|(i, c)| {
                            if i % 2 == 1 {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect();
                    words.extend([w.to_ascii_uppercase(), title, mixed, w]);
                }
            }
        }
        words.extend(["", "é", "Déc", "Dec\u{0}", "1", "Se pt", "Sept\u{a0}"].map(String::from));
        for w in &words {
            for lenient in [false, true] {
                assert_eq!(
                    month(w, lenient),
                    month_by_spelling(w, lenient),
                    "{w:?} {lenient}"
                );
            }
        }
    }
}
