//! The settings section: what a snapshot holds, the options, and the scalars of its tables,
//! as a small JSON object (see `docs/snapshot-format.md`).

use serde::{Deserialize, Serialize};

use super::format::Sections;
use super::ids;
use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::AliasFilter;
use crate::matcher::Overlaps;

/// What a snapshot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Contents {
    /// A whole matcher: its gazetteer and its tables (what a file saved by
    /// `Matcher::save` holds).
    Matcher,
    /// A gazetteer alone.
    Gazetteer,
    /// A matcher's tables without its gazetteer, which is given when they are loaded (and
    /// checked against the fingerprint).
    Tables,
}

impl Contents {
    pub fn as_str(self) -> &'static str {
        match self {
            Contents::Matcher => "a matcher",
            Contents::Gazetteer => "a gazetteer alone",
            Contents::Tables => "a matcher's tables without their gazetteer",
        }
    }
}

/// The settings section.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Settings {
    pub contents: Contents,
    /// The gazetteer held, or (for tables alone) the one the tables were compiled from.
    pub gazetteer: GazetteerSettings,
    /// The matcher's options and scalars (not for a gazetteer alone).
    pub matcher: Option<MatcherSettings>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct GazetteerSettings {
    pub entities: usize,
    /// The gazetteer's own alias filter.
    pub filter: FilterSettings,
    /// XXH3-64 of the gazetteer's entity records, alias records and strings, in hex: tables
    /// are only ever loaded with the gazetteer they were compiled from.
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct MatcherSettings {
    pub case: CaseMode,
    pub overlaps: Overlaps,
    pub variants: bool,
    pub fold_diacritics: bool,
    /// The filter the matcher was built with.
    pub filter: FilterSettings,
    pub keys: usize,
    pub partitions: [Option<PartitionSettings>; 3],
    /// The ASCII non-word bytes that can begin a key walked from any start.
    pub punct_first: Vec<u8>,
    pub pairs: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PartitionSettings {
    pub keys: usize,
    pub prefix_shift: u32,
    pub prefix_short: u32,
    pub heads_shift: Option<u32>,
    pub jumps_shift: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct FilterSettings {
    pub stop_list: bool,
    pub min_len: usize,
    pub include_kinds: Option<Vec<String>>,
    pub exclude_kinds: Vec<String>,
    pub exclude_alias_kinds: Vec<String>,
}

impl From<&AliasFilter> for FilterSettings {
    fn from(f: &AliasFilter) -> FilterSettings {
        FilterSettings {
            stop_list: f.uses_stop_list(),
            min_len: f.min_chars(),
            include_kinds: f.included_kinds().map(<[String]>::to_vec),
            exclude_kinds: f.excluded_kinds().to_vec(),
            exclude_alias_kinds: f.excluded_alias_kinds().to_vec(),
        }
    }
}

impl From<&FilterSettings> for AliasFilter {
    fn from(f: &FilterSettings) -> AliasFilter {
        let mut filter = AliasFilter::none()
            .stop_list(f.stop_list)
            .min_len(f.min_len)
            .exclude_kinds(f.exclude_kinds.iter().cloned())
            .exclude_alias_kinds(f.exclude_alias_kinds.iter().cloned());
        if let Some(kinds) = &f.include_kinds {
            filter = filter.include_kinds(kinds.iter().cloned());
        }
        filter
    }
}

impl Settings {
    /// The settings of a checked snapshot, which must hold `want`.
    pub fn read(bytes: &[u8], sections: &Sections, want: Contents) -> Result<Settings> {
        if !sections.has(ids::SETTINGS) {
            return Err(super::format::corrupt("the settings section is missing"));
        }
        let settings: Settings = serde_json::from_slice(sections.get::<u8>(bytes, ids::SETTINGS)?)
            .map_err(|e| super::format::corrupt(format!("the settings do not read: {e}")))?;
        if settings.contents != want {
            return Err(Error::new(
                ErrorKind::NotASnapshot,
                format!(
                    "the snapshot holds {}, not {}",
                    settings.contents.as_str(),
                    want.as_str()
                ),
            ));
        }
        if settings.matcher.is_none() != (want == Contents::Gazetteer) {
            return Err(super::format::corrupt(
                "the settings do not match what it holds",
            ));
        }
        Ok(settings)
    }

    /// The settings as the bytes of their section.
    pub fn to_json(&self) -> Vec<u8> {
        // Plain strings, numbers and lists: serialising them cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}
