//! Calendar dates without a time zone, for reference dates and resolved expressions.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Date {
    /// The date, when it exists (`Date::new(2023, 2, 29)` is an error).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, Error> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(Error::new(
                ErrorKind::InvalidOption,
                format!("no such date: {year:04}-{month:02}-{day:02}"),
            ));
        }
        Ok(Date { year, month, day })
    }
    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The day of the week.
    ///
    /// ```
    /// use newswire::{Date, article::Weekday};
    /// assert_eq!(Date::new(2024, 12, 20).unwrap().weekday(), Weekday::Friday);
    /// ```
    pub fn weekday(&self) -> Weekday {
        // Day 0 of the count is 1970-01-01, a Thursday.
        Weekday::from_index((self.days_since_epoch() + 3).rem_euclid(7) as u8)
    }

    /// The date `days` days later (earlier when negative), or `None` outside the
    /// representable years.
    pub fn add_days(&self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Days from 1970-01-01 (negative before it).
    pub(crate) fn days_since_epoch(&self) -> i64 {
        // Civil-from-days inverse over 400-year eras, with March as the first month so that
        // the leap day falls at the end of the computed year.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub(crate) fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Date {
            year: i32::try_from(year).ok()?,
            month,
            day,
        })
    }

    /// The year among `reference`'s year and its neighbours in which `month`/`day` falls
    /// closest to `reference`; `None` when the day exists in none of them.
    pub(crate) fn closest_year(month: u8, day: u8, reference: Date) -> Option<i32> {
        let r = reference.days_since_epoch();
        [
            reference.year,
            reference.year.saturating_sub(1),
            reference.year.saturating_add(1),
        ]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|d| (d.days_since_epoch() - r).abs())
        .map(|d| d.year)
    }
}

impl Weekday {
    /// Monday is 0.
    pub(crate) fn from_index(i: u8) -> Weekday {
        match i % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// Monday is 0, Sunday 6.
    pub fn index(&self) -> u8 {
        *self as u8
    }
}

/// Days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl std::str::FromStr for Date {
    type Err = Error;
    /// Parse `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, Error> {
        let bad = || {
            Error::new(
                ErrorKind::InvalidOption,
                format!("not a YYYY-MM-DD date: {s:?}"),
            )
        };
        let mut it = s.split('-');
        let (y, m, d) = (
            it.next().ok_or_else(bad)?,
            it.next().ok_or_else(bad)?,
            it.next().ok_or_else(bad)?,
        );
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        Date::new(
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
