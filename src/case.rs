//! [`CaseMode`]: how letter case is compared. Below both the gazetteer (an alias may carry
//! its own mode) and the matcher (the mode of the whole matcher).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// How letter case is compared.
///
/// Parses from and displays as `smart`, `exact`, `insensitive`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CaseMode {
    /// Case-insensitive, except that acronyms need their capitals and a capital in the
    /// alias needs a capital at the start of the text word.
    #[default]
    Smart,
    /// Exactly as written (after the other normalisations).
    Exact,
    /// Any case.
    Insensitive,
}

impl CaseMode {
    /// `smart`, `exact` or `insensitive`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CaseMode::Smart => "smart",
            CaseMode::Exact => "exact",
            CaseMode::Insensitive => "insensitive",
        }
    }
}

impl fmt::Display for CaseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<CaseMode> {
        match s {
            "smart" => Ok(CaseMode::Smart),
            "exact" => Ok(CaseMode::Exact),
            "insensitive" => Ok(CaseMode::Insensitive),
            _ => Err(Error::new(
                ErrorKind::InvalidOption,
                format!("unknown case mode `{s}` (expected smart, exact or insensitive)"),
            )),
        }
    }
}
