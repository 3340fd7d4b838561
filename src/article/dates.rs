//! Date expressions in the body: `Dec 12`, `Dec. 12`, `December 12, 2024`, `13 Jan`,
//! `December 2024`, `in March`, `on Monday`, `last Friday`, `yesterday`, `last year`,
//! `in 2021`, `last three years`.
//!
//! Absolute expressions without a year take the year closest to the anchor (the
//! dateline's date, or else the reference date); weekdays resolve to the one on or before
//! the anchor (`next Monday`: after it); relative spans of time (`last three years`) are
//! expressions with no calendar date.

use super::date_triggers;
use super::{DateExpr, calendar, scan};
use crate::{Date, Span};

/// The day the copy was written, as far as it is known.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Anchor {
    /// A full date: the dateline's with its year, or the reference date.
    pub date: Option<Date>,
}

/// Appends the date expressions in `body` to `out`, in order.
pub(crate) fn find(text: &str, body: Span, anchor: Anchor, out: &mut Vec<DateExpr>) {
    let b = text.as_bytes();
    let end = body.end.min(b.len());
    if body.start > end {
        return;
    }
    // Candidates are the word starts that begin like an expression (see `date_triggers`);
    // the bytes between them are read eight at a time.
    let mut next_allowed = body.start;
    date_triggers::for_each(text, body.start, end, |i| {
        if i < next_allowed {
            return;
        }
        let prev = prev_word(b, i, body.start);
        let hit = if b[i].is_ascii_digit() {
            year_expr(text, i, scan::digits_end(text, i, end), end, prev)
        } else {
            let we = ascii_alnum_end(b, i, end);
            if scan::at_word_end(text, we) {
                word_expr(text, i, we, end, prev, anchor, next_allowed)
            } else {
                None
            }
        };
        if let Some(e) = hit {
            next_allowed = e.span.end;
            out.push(e);
        }
    });
}

/// The start of a one- or two-digit number right before `i`, across one blank.
fn day_before(b: &[u8], i: usize, floor: usize) -> Option<usize> {
    if i < floor + 2 || b[i - 1] != b' ' {
        return None;
    }
    let de = i - 1;
    let mut ds = de;
    while ds > floor && de - ds < 3 && b[ds - 1].is_ascii_digit() {
        ds -= 1;
    }
    let n = de - ds;
    if n == 0
        || n > 2
        || (ds > floor
            && (b[ds - 1].is_ascii_alphanumeric() || b[ds - 1] == b',' || b[ds - 1] == b'.'))
    {
        return None;
    }
    Some(ds)
}

/// The word right before `i`, across white space only (`on Monday`, not `on. Monday`).
fn prev_word(b: &[u8], i: usize, floor: usize) -> Option<(usize, usize)> {
    let mut e = i;
    while e > floor && e + 8 > i && scan::is_space(b[e - 1]) {
        e -= 1;
    }
    if e == i || e == floor || !b[e - 1].is_ascii_alphabetic() {
        return None;
    }
    let mut s = e;
    while s > floor && e - s < 12 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s > floor && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] >= 0x80) {
        return None;
    }
    Some((s, e))
}

fn ascii_alnum_end(b: &[u8], i: usize, end: usize) -> usize {
    let mut j = i;
    while j < end && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    j
}

/// The word after white space (not a line's worth of it) from `i`.
fn next_word(text: &str, i: usize, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let s = skip_gap(b, i, end)?;
    let e = ascii_alnum_end(b, s, end);
    (e > s && scan::at_word_end(text, e)).then_some((s, e))
}

/// One or two blanks (a wrapped line counts): where the next word starts.
fn skip_gap(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let mut j = i;
    while j < end && j < i + 6 && scan::is_space(b[j]) {
        j += 1;
    }
    (j > i && j < end).then_some(j)
}

fn expr(
    start: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    relative: bool,
) -> DateExpr {
    DateExpr {
        span: Span::new(start, end),
        year,
        month,
        day,
        relative,
    }
}

fn word_expr(
    text: &str,
    i: usize,
    we: usize,
    end: usize,
    prev: Option<(usize, usize)>,
    anchor: Anchor,
    floor: usize,
) -> Option<DateExpr> {
    let word = text.get(i..we)?;
    let prev_word = prev.and_then(|(s, e)| text.get(s..e));
    if let Some(m) = calendar::month(word, false) {
        return month_expr(text, i, we, end, m, prev, anchor, floor);
    }
    if let Some(wd) = calendar::weekday(word) {
        return Some(weekday_expr(i, we, wd, prev, prev_word, anchor));
    }
    match word {
        "yesterday" | "Yesterday" => return Some(offset_day(i, we, -1, anchor)),
        "today" | "Today" => return Some(offset_day(i, we, 0, anchor)),
        "tomorrow" | "Tomorrow" => return Some(offset_day(i, we, 1, anchor)),
        _ => {}
    }
    let direction = match word {
        "last" | "Last" | "past" | "Past" | "previous" | "Previous" => -1,
        "next" | "Next" | "coming" | "Coming" => 1,
        "this" | "This" | "current" => 0,
        _ => return None,
    };
    // `last three years`, `past few months`, `next 10 days`, `last year`, `this week`.
    let (s1, e1) = next_word(text, we, end)?;
    let w1 = text.get(s1..e1)?;
    if calendar::weekday(w1).is_some() || calendar::month(w1, false).is_some() {
        // `last Monday`, `next March`: the name's own expression takes the prefix.
        return None;
    }
    let mut unit_at = (s1, e1);
    let mut counted = false;
    if is_count(w1) {
        counted = true;
        let (s2, e2) = next_word(text, e1, end)?;
        unit_at = (s2, e2);
        if text.get(s2..e2) == Some("of") {
            // `couple of weeks`
            unit_at = next_word(text, e2, end)?;
        }
    }
    let unit = text.get(unit_at.0..unit_at.1)?;
    let unit_kind = unit_of(unit)?;
    let plural = unit.ends_with('s');
    if !counted && plural {
        return None;
    }
    let span_end = unit_at.1;
    let a = anchor.date;
    // `the past year` is the last twelve months, not the previous calendar year.
    let calendar_unit = matches!(
        word,
        "last" | "Last" | "next" | "Next" | "this" | "This" | "current"
    );
    let (year, month) = match (counted || !calendar_unit, unit_kind) {
        (false, Unit::Year) => (a.map(|d| d.year().saturating_add(direction)), None),
        (false, Unit::Month) => match a {
            Some(d) => {
                let m = i32::from(d.month()) - 1 + direction;
                (
                    Some(d.year().saturating_add(m.div_euclid(12))),
                    Some((m.rem_euclid(12) + 1) as u8),
                )
            }
            None => (None, None),
        },
        _ => (None, None),
    };
    Some(expr(i, span_end, year, month, None, true))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Other,
}

fn unit_of(w: &str) -> Option<Unit> {
    Some(match w {
        "day" | "days" => Unit::Day,
        "week" | "weeks" | "weekend" | "weekends" | "fortnight" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        "decade" | "decades" | "quarter" | "quarters" | "century" | "centuries" | "hours"
        | "season" | "seasons" => Unit::Other,
        _ => return None,
    })
}

fn is_count(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 3
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "few"
                | "several"
                | "couple"
                | "many"
        )
}

fn offset_day(i: usize, we: usize, days: i64, anchor: Anchor) -> DateExpr {
    let d = anchor.date.and_then(|a| a.add_days(days));
    expr(
        i,
        we,
        d.map(|d| d.year()),
        d.map(|d| d.month()),
        d.map(|d| d.day()),
        true,
    )
}

fn weekday_expr(
    i: usize,
    we: usize,
    wd: u8,
    prev: Option<(usize, usize)>,
    prev_word: Option<&str>,
    anchor: Anchor,
) -> DateExpr {
    let prefix = prev_word.filter(|w| {
        matches!(
            *w,
            "on" | "On"
                | "last"
                | "Last"
                | "next"
                | "Next"
                | "this"
                | "This"
                | "since"
                | "by"
                | "until"
        )
    });
    let start = match (prefix, prev) {
        (Some(_), Some((s, _))) => s,
        _ => i,
    };
    let resolved = anchor.date.and_then(|a| {
        let aw = i64::from(a.weekday().index());
        let wd = i64::from(wd);
        let delta = match prefix {
            Some("next" | "Next") => {
                let d = (wd - aw).rem_euclid(7);
                if d == 0 { 7 } else { d }
            }
            Some("last" | "Last") => {
                let d = (aw - wd).rem_euclid(7);
                -(if d == 0 { 7 } else { d })
            }
            _ => -(aw - wd).rem_euclid(7),
        };
        a.add_days(delta)
    });
    expr(
        start,
        we,
        resolved.map(|d| d.year()),
        resolved.map(|d| d.month()),
        resolved.map(|d| d.day()),
        true,
    )
}

/// `Dec 12`, `Dec. 12`, `December 12, 2024`, `December 2024`, `in March`, `last March`.
#[allow(clippy::too_many_arguments)]
fn month_expr(
    text: &str,
    i: usize,
    we: usize,
    end: usize,
    month: u8,
    prev: Option<(usize, usize)>,
    anchor: Anchor,
    floor: usize,
) -> Option<DateExpr> {
    let b = text.as_bytes();
    let word = text.get(i..we)?;
    // Day first: `13 Jan`, `13 January 2025`.
    if let Some(ds) = day_before(b, i, floor)
        && let Some(day) = day_value(text, ds, scan::digits_end(text, ds, i), end, month)
    {
        // `13 Jan.` most often ends a sentence: the full stop joins only before a year.
        let written = if we < end && b[we] == b'.' && !calendar::is_full_month(word) {
            year_after(text, we + 1, end)
        } else {
            year_after(text, we, end)
        };
        let (year, e) = written.map_or((None, we), |(y, ye)| (Some(y), ye));
        let year = year.or_else(|| anchor.date.and_then(|a| Date::closest_year(month, day, a)));
        return Some(expr(ds, e, year, Some(month), Some(day), false));
    }
    let mut k = we;
    let dotted = k < end && b[k] == b'.';
    if dotted {
        if calendar::is_full_month(word) {
            // `in May.` ends a sentence; it is still the month.
        } else {
            k += 1;
        }
    }
    // The day.
    if let Some(ds) = skip_gap(b, k, end).filter(|&ds| b[ds].is_ascii_digit()) {
        let de = scan::digits_end(text, ds, end);
        if let Some(day) = day_value(text, ds, de, end, month) {
            let mut e = de;
            if let Some(suffix) = text.get(de..(de + 2).min(end))
                && matches!(suffix, "st" | "nd" | "rd" | "th")
                && scan::at_word_end(text, de + 2)
            {
                e = de + 2;
            }
            let (year, e) = year_after(text, e, end).map_or((None, e), |(y, ye)| (Some(y), ye));
            let year = year.or_else(|| anchor.date.and_then(|a| Date::closest_year(month, day, a)));
            return Some(expr(i, e, year, Some(month), Some(day), false));
        }
        // `December 2024`
        if de - ds == 4
            && scan::at_word_end(text, de)
            && let Some(y) = scan::number(text, ds, de).filter(|y| (1800..2200).contains(y))
        {
            return Some(expr(i, de, Some(y as i32), Some(month), None, false));
        }
    }
    // A month alone only after a word that makes it one: `in March`, `last March`.
    let (ps, pe) = prev?;
    let pw = text.get(ps..pe)?;
    // A full stop after a month alone ends the sentence more often than not.
    let m_end = we;
    match pw {
        "in" | "In" | "since" | "until" | "during" | "early" | "late" | "mid" | "by" | "from"
        | "through" => {
            if word.len() == 3 && word != "May" {
                // `in Jan` is rare; `in Mar` is not worth the risk.
                return None;
            }
            Some(expr(i, m_end, None, Some(month), None, false))
        }
        "last" | "Last" | "next" | "Next" | "this" | "This" => {
            let year = anchor.date.map(|a| {
                let am = a.month();
                match pw {
                    "last" | "Last" => a.year().saturating_sub(i32::from(month >= am)),
                    "next" | "Next" => a.year().saturating_add(i32::from(month <= am)),
                    _ => a.year(),
                }
            });
            Some(expr(ps, m_end, year, Some(month), None, true))
        }
        _ => None,
    }
}

/// A day of `month` in digits `ds..de`: one or two digits, not part of a larger number
/// (`Dec 1,000`, `May 5.5`).
fn day_value(text: &str, ds: usize, de: usize, end: usize, month: u8) -> Option<u8> {
    let b = text.as_bytes();
    if de == ds || de - ds > 2 {
        return None;
    }
    if de < end && (b[de] == b',' || b[de] == b'.') && de + 1 < end && b[de + 1].is_ascii_digit() {
        return None;
    }
    if !scan::at_word_end(text, de)
        && text
            .get(de..(de + 2).min(end))
            .is_none_or(|s| !matches!(s, "st" | "nd" | "rd" | "th"))
    {
        return None;
    }
    let d = u8::try_from(scan::number(text, ds, de)?).ok()?;
    (d >= 1 && d <= super::date::days_in_month(2000, month)).then_some(d)
}

/// `, 2024` or ` 2024` after a day: the year and its end.
fn year_after(text: &str, e: usize, end: usize) -> Option<(i32, usize)> {
    let b = text.as_bytes();
    let mut k = e;
    if k < end && b[k] == b',' {
        k += 1;
    }
    let ys = skip_gap(b, k, end)?;
    let ye = scan::digits_end(text, ys, end);
    if ye - ys != 4 || !scan::at_word_end(text, ye) {
        return None;
    }
    let y = scan::number(text, ys, ye).filter(|y| (1800..2200).contains(y))?;
    Some((y as i32, ye))
}

/// `in 2021`, `since 1987`: a year after a word that makes the number one.
fn year_expr(
    text: &str,
    i: usize,
    de: usize,
    end: usize,
    prev: Option<(usize, usize)>,
) -> Option<DateExpr> {
    let b = text.as_bytes();
    if de - i != 4 || !scan::at_word_end(text, de) {
        return None;
    }
    let pw = prev.and_then(|(s, e)| text.get(s..e))?;
    if !matches!(
        pw,
        "in" | "In" | "since" | "Since" | "until" | "during" | "by" | "from" | "before" | "after"
    ) {
        return None;
    }
    // Not a quantity: `in 1,500` or `in 2021.5`.
    if de < end && (b[de] == b',' || b[de] == b'.') && de + 1 < end && b[de + 1].is_ascii_digit() {
        return None;
    }
    let y = scan::number(text, i, de).filter(|y| (1900..2100).contains(y))?;
    Some(expr(i, de, Some(y as i32), None, None, false))
}
