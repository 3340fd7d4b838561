//! The matcher's options: [`CaseMode`], [`Overlaps`] and the [`MatcherBuilder`] that
//! gathers them, with the alias filter (the gazetteer's own, replaced, or changed in part).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::{AliasFilter, Gazetteer};

use super::Matcher;
use super::compile::compile;

/// What to do with candidates that overlap.
///
/// Parses from and displays as `longest`, `all`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Overlaps {
    /// Leftmost-longest among the candidates that pass every check.
    #[default]
    Longest,
    /// Every candidate.
    All,
}

impl Overlaps {
    /// `longest` or `all`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Overlaps::Longest => "longest",
            Overlaps::All => "all",
        }
    }
}

impl fmt::Display for Overlaps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Overlaps {
    type Err = Error;
    fn from_str(s: &str) -> Result<Overlaps> {
        match s {
            "longest" => Ok(Overlaps::Longest),
            "all" => Ok(Overlaps::All),
            _ => Err(Error::new(
                ErrorKind::InvalidOption,
                format!("unknown overlaps mode `{s}` (expected longest or all)"),
            )),
        }
    }
}

/// Builds a [`Matcher`].
///
/// ```
/// use newswire::{CaseMode, Gazetteer, Matcher, Overlaps};
/// let matcher = Matcher::builder()
///     .case(CaseMode::Insensitive)
///     .overlaps(Overlaps::All)
///     .stop_list(false)
///     .build(Gazetteer::builtin())?;
/// assert_eq!(matcher.case(), CaseMode::Insensitive);
/// assert!(!matcher.filter().uses_stop_list());
/// # Ok::<(), newswire::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatcherBuilder {
    pub(super) case: CaseMode,
    pub(super) overlaps: Overlaps,
    pub(super) variants: bool,
    pub(super) fold_diacritics: bool,
    filter: Option<AliasFilter>,
    stop_list: Option<bool>,
    min_alias_len: Option<usize>,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Option<Vec<String>>,
    exclude_alias_kinds: Option<Vec<String>>,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder {
            case: CaseMode::Smart,
            overlaps: Overlaps::Longest,
            variants: true,
            fold_diacritics: true,
            filter: None,
            stop_list: None,
            min_alias_len: None,
            include_kinds: None,
            exclude_kinds: None,
            exclude_alias_kinds: None,
        }
    }
}

impl MatcherBuilder {
    /// The case mode (default [`CaseMode::Smart`]); an alias's own mode wins.
    pub fn case(&mut self, case: CaseMode) -> &mut MatcherBuilder {
        self.case = case;
        self
    }
    /// The overlap mode (default [`Overlaps::Longest`]).
    pub fn overlaps(&mut self, overlaps: Overlaps) -> &mut MatcherBuilder {
        self.overlaps = overlaps;
        self
    }
    /// Spacing and hyphen variants (default on).
    pub fn variants(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.variants = yes;
        self
    }
    /// Diacritic folding, `é` ~ `e` (default on).
    pub fn fold_diacritics(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.fold_diacritics = yes;
        self
    }
    /// Replace the gazetteer's alias filter (the parts set below still apply on top).
    pub fn filter(&mut self, filter: AliasFilter) -> &mut MatcherBuilder {
        self.filter = Some(filter);
        self
    }
    /// Turn the stop list on or off, keeping the rest of the filter.
    pub fn stop_list(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.stop_list = Some(yes);
        self
    }
    /// Set the minimum alias length in characters (0 keeps all), keeping the rest of the
    /// filter.
    pub fn min_alias_len(&mut self, chars: usize) -> &mut MatcherBuilder {
        self.min_alias_len = Some(chars);
        self
    }
    /// Keep only entities of these kinds, keeping the rest of the filter.
    pub fn include_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        kinds: I,
    ) -> &mut MatcherBuilder {
        self.include_kinds = Some(kinds.into_iter().map(Into::into).collect());
        self
    }
    /// Drop entities of these kinds, keeping the rest of the filter.
    pub fn exclude_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        kinds: I,
    ) -> &mut MatcherBuilder {
        self.exclude_kinds = Some(kinds.into_iter().map(Into::into).collect());
        self
    }
    /// Drop aliases of these alias kinds (`demonym`, ...), keeping the rest of the filter.
    pub fn exclude_alias_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        kinds: I,
    ) -> &mut MatcherBuilder {
        self.exclude_alias_kinds = Some(kinds.into_iter().map(Into::into).collect());
        self
    }

    /// The filter a matcher of `gazetteer` built with these options applies: the
    /// replacement filter or the gazetteer's own, with the parts set here changed.
    pub fn filter_for(&self, gazetteer: &Gazetteer) -> AliasFilter {
        let mut f = self.filter.as_ref().unwrap_or(gazetteer.filter()).clone();
        if let Some(yes) = self.stop_list {
            f = f.stop_list(yes);
        }
        if let Some(chars) = self.min_alias_len {
            f = f.min_len(chars);
        }
        if let Some(kinds) = &self.include_kinds {
            f = f.include_kinds(kinds.iter().cloned());
        }
        if let Some(kinds) = &self.exclude_kinds {
            f = f.exclude_kinds(kinds.iter().cloned());
        }
        if let Some(kinds) = &self.exclude_alias_kinds {
            f = f.exclude_alias_kinds(kinds.iter().cloned());
        }
        f
    }

    /// Build the matcher.
    pub fn build(&self, gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        let gazetteer = gazetteer.into();
        let filter = self.filter_for(&gazetteer);
        let compiled = compile(&gazetteer, self, &filter)?;
        Ok(Matcher {
            gazetteer,
            config: self.clone(),
            filter,
            compiled: Arc::new(yoke::Yoke::new_owned(compiled)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_display() {
        for m in [CaseMode::Smart, CaseMode::Exact, CaseMode::Insensitive] {
            assert_eq!(m.to_string().parse::<CaseMode>().unwrap(), m);
        }
        for o in [Overlaps::Longest, Overlaps::All] {
            assert_eq!(o.to_string().parse::<Overlaps>().unwrap(), o);
        }
        assert_eq!(
            "loud".parse::<CaseMode>().unwrap_err().kind(),
            ErrorKind::InvalidOption
        );
        assert_eq!(
            "some".parse::<Overlaps>().unwrap_err().kind(),
            ErrorKind::InvalidOption
        );
    }

    /// Each part set on the builder changes that part of the filter alone.
    #[test]
    fn filter_parts_override_the_gazetteer_filter() {
        let g = Gazetteer::builtin();
        assert_eq!(
            MatcherBuilder::default().filter_for(&g),
            AliasFilter::standard()
        );
        let f = Matcher::builder().stop_list(false).filter_for(&g);
        assert_eq!(f, AliasFilter::standard().stop_list(false));
        let f = Matcher::builder().min_alias_len(5).filter_for(&g);
        assert_eq!(f, AliasFilter::standard().min_len(5));
        let f = Matcher::builder()
            .filter(AliasFilter::none())
            .include_kinds(["ORG"])
            .exclude_alias_kinds(["demonym"])
            .filter_for(&g);
        assert_eq!(
            f,
            AliasFilter::none()
                .include_kinds(["ORG"])
                .exclude_alias_kinds(["demonym"])
        );
        let f = Matcher::builder().exclude_kinds(["LOC"]).filter_for(&g);
        assert_eq!(f, AliasFilter::standard().exclude_kinds(["LOC"]));
    }
}
