//! The entity matcher: compiled tries over a gazetteer's normalised aliases.
//!
//! How it works: every name that survives the alias filter is normalised (see the crate's
//! normalisation rules: canonical decomposition, case folding, diacritic folding, apostrophe
//! and dash variants, and — with spacing variants on — spaces and hyphens dropped) into a
//! *key*. Keys go into anchored tries: names that must begin with a capital letter in the
//! text (under `smart` or `exact` case, a name whose first letter is a capital), all others
//! that begin with an ASCII byte, and all others that do not. The text is never normalised
//! as a whole: from each word start of the original text (capitalised word starts for the
//! first trie, every word start for the others) the tries are walked over the normalised
//! units of the text, and every key that ends there on a unit boundary is a candidate. Each
//! candidate is then checked against the original text: word boundary at its end, spacing
//! variants, case. A longer candidate that fails a check never hides a shorter one that
//! passes.
//!
//! Most word starts begin no key, and two cheap tests reject most of them before any walk.
//! At an ASCII start whose word is followed by something that fixes how a key could go on
//! (the end, punctuation, or a gap and no capital), the word as a whole is looked up among
//! the keys' first words (see `heads`); then a prefilter looks at the first five normalised
//! bytes (see `prefilter`). When both let a start through, a table sends the walk straight
//! to the trie node those five bytes lead to.
//!
//! The parts, a room per job: `options` (the builder), `compile` (the build, as named
//! steps) into `compiled` (the flat tables), `scan` (the [`Matches`] iterator) and
//! `verify` (the checks on a candidate); below them the automaton and its filters (`trie`,
//! `prefilter`, `heads`, `swar`, `intern`).
//!
//! ```
//! use newswire::{Entity, Gazetteer, Matcher};
//! let mut g = Gazetteer::new();
//! g.add(Entity::new("pk", "LOC", "Pakistan"))?;
//! g.add(Entity::new("oic", "ORG", "Organisation of Islamic Cooperation").with_alias("OIC"))?;
//! let m = Matcher::new(g)?;
//! let text = "ISLAMABAD: The OIC’s envoy praised Pakistan-based groups; it said Pakistani...";
//! let found: Vec<&str> = m.find(text).iter().map(|x| x.text(text)).collect();
//! assert_eq!(found, ["OIC", "Pakistan"]);
//! # Ok::<(), newswire::Error>(())
//! ```

mod compile;
mod compiled;
mod found;
mod heads;
mod intern;
mod options;
mod persist;
mod prefilter;
mod scan;
pub(crate) mod swar;
mod trie;
mod verify;

pub use found::Match;
pub use options::{CaseMode, MatcherBuilder, Overlaps};
pub use scan::Matches;

use std::sync::Arc;

use compiled::Compiled;
use yoke::Yoke;

use crate::gazetteer::{AliasFilter, Gazetteer};
use crate::snapshot::SnapshotBytes;

/// The compiled tables, with the snapshot bytes they borrow from when they were loaded
/// rather than built.
type Tables = Yoke<Compiled<'static>, Option<Arc<SnapshotBytes>>>;

/// Finds a gazetteer's entities in text. `Send + Sync`: build once, share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    gazetteer: Arc<Gazetteer>,
    config: MatcherBuilder,
    filter: AliasFilter,
    compiled: Arc<Tables>,
}

impl Matcher {
    /// A matcher with the default options.
    pub fn new(gazetteer: impl Into<Arc<Gazetteer>>) -> crate::Result<Matcher> {
        Matcher::builder().build(gazetteer)
    }
    /// A builder for a matcher with options.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }
    /// Every match in `text`, in text order (by start; under [`Overlaps::All`], matches
    /// with the same start come shortest first).
    pub fn find(&self, text: &str) -> Vec<Match> {
        // Wire copy holds a mention every few hundred bytes: start with room for some.
        let mut out = Vec::with_capacity((text.len() / 256).clamp(4, 64));
        out.extend(self.find_iter(text));
        out
    }
    /// The matches in `text`, lazily, in the order of [`Matcher::find`].
    pub fn find_iter<'m, 't>(&'m self, text: &'t str) -> Matches<'m, 't> {
        Matches::new(self.compiled.get(), text)
    }
    /// The gazetteer this matcher was built from.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }
    /// The options it was built with.
    pub fn options(&self) -> &MatcherBuilder {
        &self.config
    }
    /// The case mode.
    pub fn case(&self) -> CaseMode {
        self.config.case
    }
    /// The overlap mode.
    pub fn overlaps(&self) -> Overlaps {
        self.config.overlaps
    }
    /// Whether spacing and hyphen variants are on.
    pub fn variants(&self) -> bool {
        self.config.variants
    }
    /// Whether diacritics are folded.
    pub fn folds_diacritics(&self) -> bool {
        self.config.fold_diacritics
    }
    /// The alias filter the matcher was built with: the gazetteer's own, or the one the
    /// builder gave, with the parts the builder changed.
    pub fn filter(&self) -> &AliasFilter {
        &self.filter
    }
    /// How many distinct normalised keys the tries hold.
    pub fn key_count(&self) -> usize {
        self.compiled.get().key_count()
    }
}

#[cfg(test)]
mod tests {
    use super::compile::compile;
    use super::*;

    /// Matches with and without the prefilters, on texts made to stress them: short and
    /// long words, digits and underscores, apostrophes, periods, separators, accented and
    /// non-Latin letters, combining marks, capitals.
    #[test]
    fn prefilter_never_drops_a_match() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};

        let piece = prop_oneof![
            Just("a"),
            Just("ab"),
            Just("Abc"),
            Just("abcd"),
            Just("ABCDE"),
            Just("abcdef"),
            Just("b_9"),
            Just("é"),
            Just("e\u{301}"),
            Just("Ω"),
            Just("'"),
            Just("’"),
            Just("."),
            Just(" "),
            Just("-"),
            Just("  "),
            Just("\n"),
            Just(","),
            Just("s"),
            Just("X"),
        ];
        let name = prop::collection::vec(piece.clone(), 1..8).prop_map(|v| v.concat());
        let names = prop::collection::vec(name, 1..6);
        // Texts of names and pieces, so that names occur in them, in every context.
        let items = prop::collection::vec((any::<bool>(), 0..6usize, piece), 0..12);
        let mut runner = TestRunner::new(Config {
            cases: 600,
            ..Config::default()
        });
        runner
            .run(&(names, items, any::<bool>()), |(names, items, all)| {
                let text: String = items
                    .iter()
                    .map(|&(named, k, p)| {
                        if named {
                            names[k % names.len()].as_str()
                        } else {
                            p
                        }
                    })
                    .collect();
                let mut g = Gazetteer::new();
                for (i, n) in names.iter().enumerate() {
                    if !n.trim().is_empty() {
                        g.add(crate::Entity::new(format!("e{i}"), "X", n.as_str()))
                            .unwrap();
                    }
                }
                let mut b = Matcher::builder();
                if all {
                    b.overlaps(Overlaps::All);
                }
                let with = b.build(g).unwrap();
                let mut without = with.clone();
                without.compiled = Arc::new(Yoke::new_owned(Compiled {
                    use_prefilter: false,
                    ..compile(with.gazetteer(), &without.config, with.filter()).unwrap()
                }));
                // Also every name as the text: each must be found.
                for t in names.iter().chain([&text]) {
                    prop_assert_eq!(with.find(t), without.find(t), "{:?} in {:?}", names, t);
                }
                Ok(())
            })
            .unwrap();
    }
}
