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
