//! The opening `PLACE[, REGION][, DATE] [(AGENCY)] SEP` of wire copy.
//!
//! A dateline is only ever looked for at one position (the start of the copy, or the line
//! after a headline or byline) and on one line. What makes an opening a dateline is the
//! evidence around the place names: a date, a parenthesised agency, or a separator after a
//! place written in capitals. A capitalised word alone (`Washington is ...`) is not
//! evidence, and neither is a mixed-case name before a dash (`Paris - the city ...`).

use super::{Dateline, PartialDate, calendar, scan};
use crate::{Date, Span};

/// A dateline fits in the first bytes of its line.
const MAX_LINE: usize = 200;
/// More places than this is a list, not a dateline.
const MAX_PLACES: usize = 4;
/// More words than this is a phrase, not a place.
const MAX_PLACE_WORDS: usize = 5;

/// Agencies that 1980s copy names after a comma, without parentheses
/// (`ROME, March 13, Reuter -`).
const COMMA_AGENCIES: &[&str] = &["Reuter", "Reuters", "REUTER", "REUTERS", "AP", "AFP", "UPI"];

/// Capitalised openings that are labels, not places (`UPDATE -`, `NOTE:`). Sorted: they
/// are looked up by binary search.
const NOT_PLACES: &[&str] = &[
    "ADVISORY",
    "ALERT",
    "ANALYSIS",
    "BREAKING",
    "BRIEF",
    "BULLETIN",
    "CLARIFICATION",
    "COLUMN",
    "COMMENT",
    "CORRECTED",
    "CORRECTION",
    "EDITOR",
    "EDITORIAL",
    "EDITORS",
    "EXCLUSIVE",
    "FACTBOX",
    "FEATURE",
    "FLASH",
    "GRAPHIC",
    "INSIGHT",
    "INTERVIEW",
    "KILL",
    "LEAD",
    "LIVE",
    "NEWSALERT",
    "NOTE",
    "OPINION",
    "PHOTO",
    "PREVIEW",
    "QUOTE",
    "REFILE",
    "REPEAT",
    "REVIEW",
    "SCENARIOS",
    "SUMMARY",
    "TABLE",
    "TEXT",
    "TIMELINE",
    "UPDATE",
    "URGENT",
    "VIDEO",
    "WARNING",
    "WRAPUP",
];

/// A date as written in a dateline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WrittenDate {
    pub month: u8,
    pub day: u8,
    pub year: Option<i32>,
    pub start: usize,
    pub end: usize,
    /// The month is misspelt (`Apri 1`): evidence only with a dash after the date.
    pub misspelt: bool,
}

/// The dateline opening the line at `start`, if there is one. `reference` gives a date
/// without a year the year closest to it.
pub(crate) fn parse(text: &str, start: usize, reference: Option<Date>) -> Option<Dateline> {
    let start = scan::ceil_boundary(text, start);
    let end = scan::floor_boundary(text, scan::line_end(text, start).min(start + MAX_LINE));
    if start >= end {
        return None;
    }
    let b = text.as_bytes();
    // Teletype copy marks some datelines with asterisks (`****PARIS, June 19 -`).
    let mut i = start;
    while i < end && b[i] == b'*' {
        i += 1;
    }
    let start = i;
    // The capacity a first push gives (four), without the call that grows the vector.
    let mut locations: Vec<Span> = Vec::with_capacity(MAX_PLACES);
    let mut place_words = 0;

    // A date-only dateline (`April 7 - ...`) has no place; the places loop sees the date
    // first and stops.
    // The date the places loop stopped at, kept for the date step at the same position.
    let mut date_here = None;
    while locations.len() < MAX_PLACES {
        date_here = date_at(text, i, end);
        if date_here.is_some() || comma_agency(text, i, end).is_some() {
            break;
        }
        date_here = None;
        let Some((ps, pe, words)) = place(text, i, end) else {
            break;
        };
        locations.push(Span::new(ps, pe));
        place_words = place_words.max(words);
        i = scan::skip_blanks(text, pe, end);
        if i < end && (b[i] == b'/' || b[i] == b',') {
            i = scan::skip_blanks(text, i + 1, end);
            continue;
        }
        break;
    }

    let mut last = locations.last().map_or(start, |l| l.end);
    let mut date = None;
    if let Some(d) = date_here
        .filter(|d| d.start == i)
        .or_else(|| date_at(text, i, end))
    {
        date = Some(d);
        last = d.end;
        i = scan::skip_blanks(text, d.end, end);
        if i < end && b[i] == b',' {
            i = scan::skip_blanks(text, i + 1, end);
        }
    }
    let mut agency = None;
    if let Some(a) = comma_agency(text, i, end) {
        agency = Some(a);
        last = a.end;
        i = scan::skip_blanks(text, a.end, end);
    } else if i < end && b[i] == b'(' {
        let a = paren_agency(text, i, end)?;
        agency = Some(a);
        last = a.end + 1;
        i = scan::skip_blanks(text, last, end);
    }
    let blank_before = i > last || i == end;
    let separator = separator(text, i, end);
    let after = separator.map_or(i, |s| s.end);
    // What follows a separator: white space, the end, or (with a date or agency, as in
    // APP's `(APP):Text`) the text itself.
    let next = scan::char_at(text, after);
    let spaced = next.is_none_or(char::is_whitespace) || after == end;
    let strong = date.is_some() || agency.is_some();
    if separator.is_some() && !spaced && !(strong && next.is_some_and(|c| c != '-')) {
        return None;
    }
    if separator.is_none() && !blank_before {
        return None;
    }
    // A misspelt month is weaker evidence than a month: a dash must follow the date, and
    // no number after the dash (`Junee 6 - 4` is a score).
    if date.is_some_and(|d| d.misspelt)
        && (!separator.is_some_and(|s| is_dash(s.slice(text)))
            || text
                .as_bytes()
                .get(scan::skip_blanks(text, after, end))
                .is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    if !accept(
        text,
        &locations,
        place_words,
        date.is_some(),
        agency.is_some(),
        separator,
    ) {
        return None;
    }

    let dl_start = locations
        .first()
        .map(|l| l.start)
        .or(date.map(|d| d.start))?;
    let dl_end = separator.map_or(last, |s| s.end);
    let partial = date.map(|d| PartialDate {
        year: d
            .year
            .or_else(|| reference.and_then(|r| Date::closest_year(d.month, d.day, r))),
        month: d.month,
        day: d.day,
    });
    Some(Dateline {
        span: Span::new(dl_start, dl_end),
        locations,
        date: partial,
        date_span: date.map(|d| Span::new(d.start, d.end)),
        agency,
        separator,
    })
}

/// Whether the pieces found make a dateline (see the module notes).
fn accept(
    text: &str,
    locations: &[Span],
    place_words: usize,
    has_date: bool,
    has_agency: bool,
    separator: Option<Span>,
) -> bool {
    let Some(first) = locations.first() else {
        // `April 7 - Gulf export prices ...`: a date alone needs a dash after it.
        return has_date && !has_agency && separator.is_some_and(|s| is_dash(s.slice(text)));
    };
    let first = first.slice(text);
    let first_word = first.split(' ').next().unwrap_or(first);
    if calendar::weekday(first_word).is_some()
        || NOT_PLACES
            .binary_search(&first_word.trim_end_matches('.'))
            .is_ok()
    {
        return false;
    }
    // Asked only by the arms that need them: the commonest dateline (`SALVADOR, Feb 26 -`,
    // a date and a separator) needs none.
    let caps = || scan::is_all_caps(first);
    let upper = || scan::starts_upper(first);
    let rest_upper = || {
        locations[1..]
            .iter()
            .all(|l| scan::starts_upper(l.slice(text)))
    };
    match (has_date, has_agency, separator.is_some()) {
        // `Berlin (dpa) -`, `Mumbai, Dec 9 (PTI) Text`, `GAZA, Dec. 1 (Xinhua) --`
        (true, true, _) | (false, true, true) => upper() && rest_upper(),
        // `London (Reuters) said ...` could be a sentence; in capitals it is a dateline.
        (false, true, false) => caps() && rest_upper(),
        // `kansas city, april 7 - ...`: a date and a separator are evidence enough.
        (true, false, true) => first.chars().next().is_some_and(char::is_alphabetic),
        (true, false, false) => caps() && rest_upper(),
        // `WASHINGTON - The ...`, `PORTLAND, Ore. -`
        (false, false, true) => caps() && rest_upper() && place_words <= 4 && locations.len() <= 3,
        (false, false, false) => false,
    }
}

fn is_dash(s: &str) -> bool {
    s != ":"
}

/// A place name at `i`: up to [`MAX_PLACE_WORDS`] words on one line, stopping before a
/// date (`Va. Feb 26`). Returns its span and word count.
fn place(text: &str, i: usize, end: usize) -> Option<(usize, usize, usize)> {
    let b = text.as_bytes();
    let mut j = i;
    let mut words = 0;
    let mut pe = i;
    loop {
        if words > 0 && date_at(text, j, end).is_some() {
            break;
        }
        let Some(we) = place_word(text, j, end) else {
            if words == 0 {
                return None;
            }
            break;
        };
        words += 1;
        if words > MAX_PLACE_WORDS {
            return None;
        }
        pe = we;
        let k = scan::skip_blanks(text, we, end);
        if k > we && k - we <= 2 && k < end && b[k] != b'(' && place_word(text, k, end).is_some() {
            j = k;
            continue;
        }
        break;
    }
    Some((i, pe, words))
}

/// One word of a place name: letters, with inner `.`, `'`, `’`, `-` (`ST.`, `N.Y.`,
/// `WINSTON-SALEM`, `Ore.`). Returns its end.
fn place_word(text: &str, i: usize, end: usize) -> Option<usize> {
    // An ASCII first byte is its char: no decoding for most place names.
    let first = match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => char::from(c),
        _ => scan::char_at(text, i)?,
    };
    if !first.is_alphabetic() || i + first.len_utf8() > end {
        return None;
    }
    let b = text.as_bytes();
    let mut j = i + first.len_utf8();
    while j < end {
        // ASCII letters and full stops need no char decoding; the rest as below.
        if b[j].is_ascii_alphabetic() || b[j] == b'.' {
            j += 1;
            continue;
        }
        // Nor does the ASCII byte that ends most words (`,`, a space): only `'` and `-`
        // may go on.
        if b[j] < 0x80 && b[j] != b'\'' && b[j] != b'-' {
            break;
        }
        let Some(c) = scan::char_at(text, j) else {
            break;
        };
        let next_alpha = || scan::char_at(text, j + c.len_utf8()).is_some_and(char::is_alphabetic);
        let ok =
            c.is_alphabetic() || c == '.' || ((c == '\'' || c == '’' || c == '-') && next_alpha());
        if !ok || j + c.len_utf8() > end {
            break;
        }
        j += c.len_utf8();
    }
    // A word ends at a word boundary: `MARCH8` or `A1` are not place words.
    if !scan::at_word_end(text, j) {
        return None;
    }
    Some(j)
}

/// A dateline date at `i`: `Feb 26`, `Dec. 1`, `March 3, 2025`, `13 Jan`, `APril 13`.
pub(crate) fn date_at(text: &str, i: usize, end: usize) -> Option<WrittenDate> {
    let b = text.as_bytes();
    if i >= end || !scan::at_word_start(text, i) {
        return None;
    }
    let mut misspelt = false;
    let (month, day, mut k) = if b[i].is_ascii_digit() {
        // Day first: `13 Jan`.
        let de = scan::digits_end(text, i, end);
        let day = scan::number(text, i, de)?;
        let ms = scan::skip_blanks(text, de, end);
        if ms == de || de - i > 2 {
            return None;
        }
        let me = ascii_word_end(b, ms, end);
        let month = calendar::month(text.get(ms..me)?, true)?;
        let mut k = me;
        if k < end && b[k] == b'.' {
            k += 1;
        }
        (month, day, k)
    } else {
        // Only these letters start a month (in either case): every place word is asked
        // first whether it is a date, and most are turned away here unread.
        if !matches!(
            b[i] | 0x20,
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        ) {
            return None;
        }
        let me = ascii_word_end(b, i, end);
        let word = text.get(i..me)?;
        let month = match calendar::month(word, true) {
            Some(m) => m,
            // `ST. LOUIS, Junee 2 -`: a misspelt month, asked only where a day follows.
            None if b.get(me) == Some(&b' ') && b.get(me + 1).is_some_and(u8::is_ascii_digit) => {
                misspelt = true;
                calendar::misspelled_month(word)?
            }
            None => return None,
        };
        let mut k = me;
        if k < end && b[k] == b'.' {
            k += 1;
        }
        if k < end && b[k] == b',' {
            k += 1;
        }
        let ds = scan::skip_blanks(text, k, end);
        if ds == me {
            return None;
        }
        let de = scan::digits_end(text, ds, end);
        if de == ds || de - ds > 2 {
            return None;
        }
        let day = scan::number(text, ds, de)?;
        let mut k = de;
        if let Some(suffix) = text.get(k..(k + 2).min(end))
            && matches!(suffix, "st" | "nd" | "rd" | "th")
        {
            k += 2;
        }
        (month, day, k)
    };
    if !scan::at_word_end(text, k) {
        return None;
    }
    let day = u8::try_from(day).ok()?;
    if day == 0 || day > super::date::days_in_month(2000, month) {
        return None;
    }
    let date_end = k;
    // An optional year: `, 2025` or ` 2025`.
    let mut y = k;
    if y < end && b[y] == b',' {
        y += 1;
    }
    let ys = scan::skip_blanks(text, y, end);
    let ye = scan::digits_end(text, ys, end);
    let mut year = None;
    if ys > k && ye - ys == 4 && scan::at_word_end(text, ye) {
        if let Some(v) = scan::number(text, ys, ye).filter(|v| (1800..2200).contains(v)) {
            year = Some(v as i32);
            k = ye;
        }
    }
    let end_at = if year.is_some() { k } else { date_end };
    if year.is_some_and(|y| Date::new(y, month, day).is_err()) {
        return None;
    }
    Some(WrittenDate {
        month,
        day,
        year,
        start: i,
        end: end_at,
        misspelt,
    })
}

fn ascii_word_end(b: &[u8], i: usize, end: usize) -> usize {
    let mut j = i;
    while j < end && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// `Reuter` in `ROME, March 13, Reuter -`.
fn comma_agency(text: &str, i: usize, end: usize) -> Option<Span> {
    // The agencies' first letters: other words are turned away before they are read.
    if !matches!(text.as_bytes().get(i), Some(b'R' | b'A' | b'U')) || i >= end {
        return None;
    }
    let we = ascii_word_end(text.as_bytes(), i, end);
    let word = text.get(i..we)?;
    // Two, three, six or seven letters (`AP`, `AFP`, `Reuter`, `REUTERS`): most words are
    // turned away by their length before any compare.
    if !matches!(we - i, 2 | 3 | 6 | 7)
        || !COMMA_AGENCIES.contains(&word)
        || !scan::at_word_end(text, we)
    {
        return None;
    }
    // Only when a separator follows: `Reuters said ...` is a sentence.
    let k = scan::skip_blanks(text, we, end);
    separator(text, k, end)?;
    Some(Span::new(i, we))
}

/// The agency in `(Reuters)`, `(APP)`, `(dpa)`: any short name in parentheses at `i`.
/// Returns the name without the parentheses.
fn paren_agency(text: &str, i: usize, end: usize) -> Option<Span> {
    let b = text.as_bytes();
    let limit = (i + 40).min(end);
    let close = i + 1 + memchr::memchr(b')', &b[i + 1..limit])?;
    let (s, e) = scan::trim(text, i + 1, close);
    let name = text.get(s..e)?;
    if name.is_empty() || name.len() > 32 || name.split_whitespace().count() > 4 {
        return None;
    }
    if !name.chars().next().is_some_and(char::is_alphabetic)
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-' | '\'' | '/'))
    {
        return None;
    }
    Some(Span::new(s, e))
}

/// A separator at `i`: `-`, `--`, `---`, `–`, `—`, `:`.
fn separator(text: &str, i: usize, end: usize) -> Option<Span> {
    let b = text.as_bytes();
    if i >= end {
        return None;
    }
    match b[i] {
        b'-' => {
            let mut j = i;
            while j < end && j < i + 3 && b[j] == b'-' {
                j += 1;
            }
            Some(Span::new(i, j))
        }
        b':' => Some(Span::new(i, i + 1)),
        _ => {
            let rest = text.get(i..end)?;
            if rest.starts_with('—') || rest.starts_with('–') {
                let mut j = i + 3;
                // `——` is one separator.
                while text
                    .get(j..end)
                    .is_some_and(|r| r.starts_with('—') || r.starts_with('–'))
                {
                    j += 3;
                }
                Some(Span::new(i, j))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn not_places_are_sorted_for_the_binary_search() {
        assert!(super::NOT_PLACES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn comma_agencies_have_the_lengths_and_letters_tested_first() {
        assert!(
            super::COMMA_AGENCIES
                .iter()
                .all(|a| matches!(a.len(), 2 | 3 | 6 | 7)
                    && matches!(a.as_bytes()[0], b'R' | b'A' | b'U'))
        );
    }
}
