//! The entity matcher: a compiled automaton over a gazetteer's normalised aliases.
//!
//! SKELETON: signatures are fixed; bodies are filled in by the matcher work.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::error::Result;
use crate::gazetteer::{AliasFilter, EntityId, Gazetteer};

/// How letter case is compared.
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

/// What to do with candidates that overlap.
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

/// One place where a gazetteer alias was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    span: Span,
    entities: Vec<EntityId>,
}

impl Match {
    /// Where it is in the text.
    pub fn span(&self) -> Span {
        self.span
    }
    /// First byte.
    pub fn start(&self) -> usize {
        self.span.start
    }
    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.span.end
    }
    /// Every candidate entity, in gazetteer order, without repeats.
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }
}

/// Finds a gazetteer's entities in text. `Send + Sync`: build once, share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    gazetteer: Arc<Gazetteer>,
    config: MatcherBuilder,
}

impl Matcher {
    /// A matcher with the default options.
    pub fn new(gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        Matcher::builder().build(gazetteer)
    }
    /// A builder for a matcher with options.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }
    /// Every match in `text`, in text order.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let _ = text;
        todo!()
    }
    /// The gazetteer this matcher was built from.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }
    /// The case mode.
    pub fn case(&self) -> CaseMode {
        self.config.case
    }
    /// The overlap mode.
    pub fn overlaps(&self) -> Overlaps {
        self.config.overlaps
    }
}

/// Builds a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    case: CaseMode,
    overlaps: Overlaps,
    variants: bool,
    fold_diacritics: bool,
    filter: Option<AliasFilter>,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder {
            case: CaseMode::Smart,
            overlaps: Overlaps::Longest,
            variants: true,
            fold_diacritics: true,
            filter: None,
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
    /// Override the gazetteer's alias filter.
    pub fn filter(&mut self, filter: AliasFilter) -> &mut MatcherBuilder {
        self.filter = Some(filter);
        self
    }
    /// Build the matcher.
    pub fn build(&self, gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        Ok(Matcher {
            gazetteer: gazetteer.into(),
            config: self.clone(),
        })
    }
}
