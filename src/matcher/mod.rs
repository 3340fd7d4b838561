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

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod heads;
pub(crate) mod intern;
mod prefilter;
mod swar;
mod trie;

use heads::Heads;
use intern::{FastHashMap, Interner};
use prefilter::{Jumps, Prefilter, ascii_prefix_at};
use trie::{DEAD, ROOT, Trie};

use crate::Span;
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::{AliasFilter, EntityId, Gazetteer};
use crate::normalize::{
    Cursor, NormOptions, UnitInfo, ascii_is_sep, ascii_is_word, boundary_at, char_at, char_before,
    end_boundary, is_apostrophe, is_capital, is_continua, is_extender, is_word, normalize_key,
    normalize_units,
};

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

/// One place where a gazetteer alias was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    span: Span,
    entities: EntityList,
}

/// The candidates of a match: nearly always one, which is kept without an allocation.
/// Serialised as a sequence, like a `Vec`.
#[derive(Clone, PartialEq, Eq)]
enum EntityList {
    One(EntityId),
    Many(Vec<EntityId>),
}

impl EntityList {
    fn from_slice(ids: &[EntityId]) -> EntityList {
        match ids {
            &[one] => EntityList::One(one),
            more => EntityList::Many(more.to_vec()),
        }
    }

    fn as_slice(&self) -> &[EntityId] {
        match self {
            EntityList::One(one) => std::slice::from_ref(one),
            EntityList::Many(more) => more,
        }
    }

    fn into_vec(self) -> Vec<EntityId> {
        match self {
            EntityList::One(one) => vec![one],
            EntityList::Many(more) => more,
        }
    }
}

impl fmt::Debug for EntityList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl Serialize for EntityList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for EntityList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let ids = Vec::<EntityId>::deserialize(d)?;
        Ok(match *ids {
            [one] => EntityList::One(one),
            _ => EntityList::Many(ids),
        })
    }
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
        self.entities.as_slice()
    }
    /// The matched text: `haystack` must be the text the match was found in.
    ///
    /// # Panics
    /// When `haystack` is another, shorter text.
    pub fn text<'t>(&self, haystack: &'t str) -> &'t str {
        self.span.slice(haystack)
    }
    /// The span and the entities (moved when there are several).
    pub(crate) fn into_parts(self) -> (Span, Vec<EntityId>) {
        (self.span, self.entities.into_vec())
    }
}

/// Finds a gazetteer's entities in text. `Send + Sync`: build once, share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    gazetteer: Arc<Gazetteer>,
    config: MatcherBuilder,
    compiled: Arc<Compiled>,
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
        Matches::new(&self.compiled, text)
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
    /// Whether spacing and hyphen variants are on.
    pub fn variants(&self) -> bool {
        self.config.variants
    }
    /// Whether diacritics are folded.
    pub fn folds_diacritics(&self) -> bool {
        self.config.fold_diacritics
    }
    /// The alias filter the matcher was built with.
    pub fn filter(&self) -> &AliasFilter {
        self.config
            .filter
            .as_ref()
            .unwrap_or(self.gazetteer.filter())
    }
    /// How many distinct normalised keys the tries hold.
    pub fn key_count(&self) -> usize {
        self.compiled.cand_off.len().saturating_sub(1)
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
        let gazetteer = gazetteer.into();
        let compiled = Compiled::build(&gazetteer, self)?;
        Ok(Matcher {
            gazetteer,
            config: self.clone(),
            compiled: Arc::new(compiled),
        })
    }
}

/// Event flags of an alias unit, stored with its key offset.
const EV_CAP: u32 = 1 << 30;
const EV_GAP: u32 = 1 << 31;
const EV_OFF: u32 = EV_CAP - 1;

/// What the checks need to know about one alias text (shared by every entity that has it).
#[derive(Clone, Copy, Debug)]
struct Meta {
    ev_start: u32,
    ev_len: u32,
    exact_start: u32,
    exact_len: u32,
    case: CaseMode,
    acronym: bool,
}

/// An alias text's [`Meta`] and key, by number.
type MetaKey = (u32, u32);

/// One entity reachable through a key, and the alias text that leads to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Cand {
    entity: u32,
    meta: u32,
}

/// A trie, the bytes that can begin one of its keys, its prefilters and jump table.
struct Auto {
    trie: Trie,
    first: [bool; 256],
    /// The keys' first words (spacing variants on, ASCII tries only).
    heads: Option<Heads>,
    pf: Prefilter,
    /// `None` for a trie too large for the table's node numbers: walks from the root.
    jumps: Option<Jumps>,
}

/// Where a walk of one trie begins: [`SKIP`] (no walk: no key can match), [`ROOT`] (at
/// the word start) or a node at depth `K`, reached by reading the text up to the
/// position the caller gives with it.
type From = u32;

/// No walk.
const SKIP: From = u32::MAX;

impl Auto {
    /// `None` when there are no keys; `ids` are the keys' global ids. Without `ascii`,
    /// no prefilter: keys that begin with a non-ASCII byte are walked from non-ASCII
    /// starts only, which the prefilter does not read.
    fn build(
        patterns: &[&[u8]],
        ids: &[u32],
        ascii: bool,
        heads: Option<&mut Vec<u64>>,
    ) -> Result<Option<Auto>> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut at_depth = Vec::new();
        let trie = Trie::build(patterns, ids, prefilter::K, &mut at_depth)?;
        let jumps = if ascii { Jumps::build(&at_depth) } else { None };
        drop(at_depth);
        let mut first = [false; 256];
        for (b, f) in first.iter_mut().enumerate() {
            *f = trie.can_start(b as u8);
        }
        let pf = Prefilter::build(if ascii { patterns } else { &[] });
        Ok(Some(Auto {
            trie,
            first,
            heads: heads.map(Heads::build),
            pf,
            jumps,
        }))
    }

    /// Where to walk from at a start whose first `K` normalised bytes are `v` (hash
    /// `hk`), where shorter keys may end as `ends` says, and after which the text goes on
    /// at `after` (0: not on a unit boundary).
    #[inline(always)]
    fn route(&self, hk: u64, v: u64, ends: u32, after: usize) -> From {
        let long = self.pf.long_match(hk);
        if self.pf.short_match(v, ends) || (after == 0 && long) {
            return ROOT;
        }
        if !long {
            return SKIP;
        }
        match &self.jumps {
            Some(j) => j.get(hk, v).unwrap_or(SKIP),
            None => ROOT,
        }
    }
}

/// The compiled form of a gazetteer under one set of options.
struct Compiled {
    cap: Option<Auto>,
    any: Option<Auto>,
    /// Keys of `any` whose first byte is not ASCII: walked only from non-ASCII starts,
    /// which keeps the trie walked from every lower-case ASCII word start small.
    other: Option<Auto>,
    cand_off: Vec<u32>,
    cands: Vec<Cand>,
    metas: Vec<Meta>,
    events: Vec<u32>,
    exact: Vec<u8>,
    opts: NormOptions,
    overlaps: Overlaps,
    /// ASCII non-word bytes that can begin a key of `any` (aliases such as `'s-Hertogenbosch`).
    punct_first: [bool; 128],
    /// Consult the prefilters (off only in tests that compare with and without them).
    prefilter: bool,
    /// Ask the prefilters' pair tables first (when the keys begin with few pairs).
    pairs: bool,
}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("keys", &self.cand_off.len().saturating_sub(1))
            .field(
                "capitalised_keys",
                &self.cap.as_ref().map_or(0, |a| a.trie.len()),
            )
            .field("ascii_keys", &self.any.as_ref().map_or(0, |a| a.trie.len()))
            .field(
                "other_keys",
                &self.other.as_ref().map_or(0, |a| a.trie.len()),
            )
            .field("aliases", &self.metas.len())
            .field(
                "trie_prefilter_jump_bytes",
                &[&self.cap, &self.any, &self.other].map(|a| {
                    a.as_ref().map_or((0, 0, 0), |a| {
                        let jumps = a.jumps.as_ref().map_or(0, Jumps::heap_bytes);
                        let heads = a.heads.as_ref().map_or(0, Heads::heap_bytes);
                        (a.trie.words() * 4, a.pf.heap_bytes() + heads, jumps)
                    })
                }),
            )
            .field("opts", &self.opts)
            .field("overlaps", &self.overlaps)
            .finish()
    }
}

/// `IT`, `U.S.`, `UNESCO`: 2 to 6 letters, all capitals, dots allowed.
fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c == '.' {
            continue;
        }
        if !c.is_alphabetic() || !is_capital(c) {
            return false;
        }
        letters += 1;
    }
    (2..=6).contains(&letters)
}

impl Compiled {
    fn build(g: &Gazetteer, cfg: &MatcherBuilder) -> Result<Compiled> {
        let filter = cfg.filter.as_ref().unwrap_or(g.filter());
        let opts = NormOptions {
            fold_case: true,
            fold_diacritics: cfg.fold_diacritics,
            variants: cfg.variants,
        };
        let exact_opts = NormOptions {
            fold_case: false,
            ..opts
        };

        let stop_opts = opts == crate::gazetteer::STOP_OPTIONS;
        let (names, name_bytes) = g.entities().iter().fold((0, 0), |(n, b), e| {
            (
                n + 1 + e.aliases().len(),
                b + e.names().map(|x| x.0.len()).sum::<usize>(),
            )
        });
        let mut keys = Interner::with_capacity(names, name_bytes);
        let mut key_any: Vec<bool> = Vec::new();
        // (alias text, its own case) -> (meta, key), or `None` when the stop list drops it:
        // a repeated alias text is normalised once.
        let mut seen: FastHashMap<(&str, Option<CaseMode>), Option<MetaKey>> =
            FastHashMap::with_capacity(names);
        let mut metas: Vec<Meta> = Vec::new();
        let mut events: Vec<u32> = Vec::new();
        let mut exact: Vec<u8> = Vec::new();
        let mut triples: Vec<(u32, Cand)> = Vec::with_capacity(names);
        let mut key = Vec::new();
        let mut stop_key = Vec::new();
        let mut units: Vec<UnitInfo> = Vec::new();
        // The keys' first words (see `heads`), with the key each belongs to.
        let mut head_hashes: Vec<u64> = Vec::new();
        let mut head_keys: Vec<u32> = Vec::new();

        for (ei, entity) in g.entities().iter().enumerate() {
            if !filter.keeps_entity(entity) {
                continue;
            }
            for (text, own_case, alias_kind) in entity.names() {
                if !filter.keeps_name_but_for_stop_list(text, alias_kind) {
                    continue;
                }
                let case = own_case.unwrap_or(cfg.case);
                let hit = match seen.get(&(text, own_case)) {
                    Some(&hit) => hit,
                    None => {
                        let trimmed = text.trim();
                        normalize_units(trimmed, opts, &mut key, &mut units);
                        let stop = if stop_opts {
                            // Blanks around the name give no bytes under these options.
                            filter.stops(text, own_case, Some(&key))
                        } else {
                            filter.stops(text, own_case, None)
                        };
                        if stop {
                            seen.insert((text, own_case), None);
                            continue;
                        }
                        if key.is_empty() || key.len() > EV_OFF as usize {
                            continue;
                        }
                        let Some(kid) = keys.intern(&key) else {
                            return Err(Error::new(ErrorKind::Build, "too many distinct names"));
                        };
                        if kid as usize == key_any.len() {
                            key_any.push(false);
                        }
                        key_any[kid as usize] |= case == CaseMode::Insensitive || !units[0].cap;
                        let ev_start = events.len() as u32;
                        for (i, u) in units.iter().enumerate() {
                            let gap = u.gap && i > 0;
                            if u.cap || gap {
                                events.push(
                                    u.key_off
                                        | if u.cap { EV_CAP } else { 0 }
                                        | if gap { EV_GAP } else { 0 },
                                );
                            }
                        }
                        if cfg.variants && key[0] < 0x80 {
                            let from = head_hashes.len();
                            heads::key_heads(&key, &units, &mut head_hashes);
                            head_keys.extend(std::iter::repeat_n(kid, head_hashes.len() - from));
                        }
                        let (exact_start, exact_len) = if case == CaseMode::Exact {
                            let s = exact.len();
                            normalize_key(trimmed, exact_opts, &mut stop_key);
                            exact.extend_from_slice(&stop_key);
                            (s as u32, stop_key.len() as u32)
                        } else {
                            (0, 0)
                        };
                        let meta = metas.len() as u32;
                        metas.push(Meta {
                            ev_start,
                            ev_len: events.len() as u32 - ev_start,
                            exact_start,
                            exact_len,
                            case,
                            acronym: case == CaseMode::Smart && is_acronym(trimmed),
                        });
                        seen.insert((text, own_case), Some((meta, kid)));
                        Some((meta, kid))
                    }
                };
                let Some((meta, kid)) = hit else { continue };
                triples.push((
                    kid,
                    Cand {
                        entity: ei as u32,
                        meta,
                    },
                ));
            }
        }
        drop(seen);
        triples.sort_unstable();
        triples.dedup();

        let nkeys = key_any.len();
        let mut cand_off = Vec::with_capacity(nkeys + 1);
        let mut cands = Vec::with_capacity(triples.len());
        cand_off.push(0u32);
        let mut t = 0;
        for k in 0..nkeys as u32 {
            while t < triples.len() && triples[t].0 == k {
                cands.push(triples[t].1);
                t += 1;
            }
            cand_off.push(cands.len() as u32);
        }
        drop(triples);

        keys.freeze();
        let mut punct_first = [false; 128];
        let (mut cap_pats, mut cap_keys, mut any_pats, mut any_keys) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut other_pats, mut other_keys) = (Vec::new(), Vec::new());
        for (id, &any) in key_any.iter().enumerate() {
            let k = keys.get(id);
            if any && k[0] >= 0x80 {
                other_pats.push(k);
                other_keys.push(id as u32);
            } else if any {
                any_pats.push(k);
                any_keys.push(id as u32);
                if k[0] < 0x80 && !ascii_is_word(k[0]) {
                    punct_first[k[0] as usize] = true;
                }
            } else {
                cap_pats.push(k);
                cap_keys.push(id as u32);
            }
        }
        // Each key's heads go to the trie that holds the key.
        let (mut cap_heads, mut any_heads) = (Vec::new(), Vec::new());
        for (&h, &k) in head_hashes.iter().zip(&head_keys) {
            if key_any[k as usize] {
                any_heads.push(h);
            } else {
                cap_heads.push(h);
            }
        }
        drop((head_hashes, head_keys));
        // Heads need the gap rules of spacing variants.
        let heads = cfg.variants;
        let cap = Auto::build(&cap_pats, &cap_keys, true, heads.then_some(&mut cap_heads))?;
        drop((cap_pats, cap_heads));
        let any = Auto::build(&any_pats, &any_keys, true, heads.then_some(&mut any_heads))?;
        drop((any_pats, any_heads));
        let other = Auto::build(&other_pats, &other_keys, false, None)?;
        let pairs = [&cap, &any]
            .iter()
            .any(|a| a.as_ref().is_some_and(|a| a.pf.pairs_pay()));
        drop(other_pats);
        drop(keys);

        Ok(Compiled {
            cap,
            any,
            other,
            cand_off,
            cands,
            metas,
            events,
            exact,
            opts,
            overlaps: cfg.overlaps,
            punct_first,
            prefilter: true,
            pairs,
        })
    }
}

/// A key found by walking the tries from one start.
#[derive(Clone, Copy, Debug)]
struct Hit {
    key: u32,
    end: usize,
    key_len: usize,
}

/// Every key of `trie` that matches a prefix of the normalised text, into `hits`: the walk
/// begins at `node`, having read `key_len` bytes of the text up to position `p`.
#[inline]
fn walk_trie(
    trie: &Trie,
    text: &str,
    (mut node, mut p, mut key_len): (u32, usize, usize),
    variants: bool,
    cursor: &mut Cursor<'_>,
    hits: &mut Vec<Hit>,
) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // A walk that begins below the root may begin on a key (the rule is as below).
    if key_len > 0
        && let Some(key) = trie.key_at(node)
        && !(p < n && ascii_is_word(bytes[p]) && ascii_is_word(bytes[p - 1]))
    {
        hits.push(Hit {
            key,
            end: p,
            key_len,
        });
    }
    while p < n {
        // Fast path: an ASCII byte not followed by a (possible) combining mark.
        let b = bytes[p];
        if b < 0x80 && (p + 1 == n || bytes[p + 1] < 0x80) {
            if !ascii_is_sep(b) {
                node = trie.step(node, b.to_ascii_lowercase());
                if node == DEAD {
                    return;
                }
                key_len += 1;
                p += 1;
                if let Some(key) = trie.key_at(node)
                    // A key that ends between two ASCII word characters ends inside a word,
                    // where no mention can end: not worth a check.
                    && !(ascii_is_word(b) && p < n && ascii_is_word(bytes[p]))
                {
                    hits.push(Hit {
                        key,
                        end: p,
                        key_len,
                    });
                }
                continue;
            }
            if variants {
                p += 1;
                continue;
            }
        }
        cursor.reset(p);
        if !cursor.next_unit() {
            return;
        }
        for &b in cursor.bytes() {
            node = trie.step(node, b);
            if node == DEAD {
                return;
            }
        }
        key_len += cursor.bytes().len();
        p = cursor.end;
        if let Some(key) = trie.key_at(node) {
            hits.push(Hit {
                key,
                end: p,
                key_len,
            });
        }
    }
}

/// A unit of the text under a candidate, for the checks.
#[derive(Clone, Copy, Debug)]
struct TextUnit {
    off: u32,
    cap: bool,
    /// A gap (space or hyphen) comes before it, inside the candidate.
    gap: bool,
    /// It starts a text word (the first unit, or the first after a separator).
    word_start: bool,
}

/// The matches in one text, in order. Made by [`Matcher::find_iter`].
pub struct Matches<'m, 't> {
    c: &'m Compiled,
    text: &'t str,
    pos: usize,
    prev_word: bool,
    pending: Vec<Match>,
    next_pending: usize,
    cursor: Cursor<'t>,
    hits: Vec<Hit>,
    units: Vec<TextUnit>,
    ents: Vec<EntityId>,
    memo: Vec<(u32, bool)>,
    scratch: Vec<u8>,
}

impl fmt::Debug for Matches<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matches")
            .field("pos", &self.pos)
            .field("text_len", &self.text.len())
            .finish()
    }
}

impl<'m, 't> Iterator for Matches<'m, 't> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        loop {
            if self.next_pending < self.pending.len() {
                let m = std::mem::replace(
                    &mut self.pending[self.next_pending],
                    Match {
                        span: Span::default(),
                        entities: EntityList::Many(Vec::new()),
                    },
                );
                self.next_pending += 1;
                return Some(m);
            }
            self.pending.clear();
            self.next_pending = 0;
            if !self.fill() {
                return None;
            }
        }
    }
}

/// The working buffers of a scan, kept per thread between scans: a batch of short texts
/// then costs no allocation for them.
#[derive(Default)]
struct Buffers {
    pending: Vec<Match>,
    hits: Vec<Hit>,
    units: Vec<TextUnit>,
    ents: Vec<EntityId>,
    memo: Vec<(u32, bool)>,
    scratch: Vec<u8>,
}

thread_local! {
    static BUFFERS: Cell<Option<Buffers>> = const { Cell::new(None) };
}

/// Buffers that grew past this many elements are freed rather than kept.
const KEEP_BUFFER: usize = 1 << 12;

impl Drop for Matches<'_, '_> {
    fn drop(&mut self) {
        fn keep<T>(v: &mut Vec<T>) -> Vec<T> {
            v.clear();
            if v.capacity() > KEEP_BUFFER {
                Vec::new()
            } else {
                std::mem::take(v)
            }
        }
        let b = Buffers {
            pending: keep(&mut self.pending),
            hits: keep(&mut self.hits),
            units: keep(&mut self.units),
            ents: keep(&mut self.ents),
            memo: keep(&mut self.memo),
            scratch: keep(&mut self.scratch),
        };
        // `try_with`: nothing to keep once the thread is being torn down.
        let _ = BUFFERS.try_with(|cell| cell.set(Some(b)));
    }
}

impl<'m, 't> Matches<'m, 't> {
    fn new(c: &'m Compiled, text: &'t str) -> Matches<'m, 't> {
        let b = BUFFERS
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        Matches {
            c,
            text,
            pos: 0,
            prev_word: false,
            pending: b.pending,
            next_pending: 0,
            cursor: Cursor::new(text, 0, c.opts),
            hits: b.hits,
            units: b.units,
            ents: b.ents,
            memo: b.memo,
            scratch: b.scratch,
        }
    }

    /// Scan on until at least one match is pending; `false` at the end of the text.
    fn fill(&mut self) -> bool {
        let c = self.c;
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let cap_first = c.cap.as_ref().map(|a| &a.first);
        let any_first = c.any.as_ref().map(|a| &a.first);
        while self.pos < n {
            let i = self.pos;
            let b = bytes[i];
            if b < 0x80 {
                if ascii_is_word(b) {
                    // No word starts inside an ASCII word: after this one, go on at its end.
                    let j = swar::word_end(bytes, i + 1);
                    if !self.prev_word
                        && (i == 0
                            || (bytes[i - 1] < 0x80
                                && bytes[i - 1] != b'\''
                                && bytes[i - 1] != b'.')
                            || boundary_at(text, i))
                    {
                        let f = b.to_ascii_lowercase() as usize;
                        let capital = b.is_ascii_uppercase();
                        let go = |yes: bool| if yes { ROOT } else { SKIP };
                        let mut cap = go(capital && cap_first.is_some_and(|t| t[f]));
                        let mut any = go(any_first.is_some_and(|t| t[f]));
                        let mut after = 0;
                        if c.pairs && c.prefilter && j - i >= 2 {
                            // The first two normalised bytes are the word's first two.
                            let b1 = bytes[i + 1].to_ascii_lowercase();
                            let pair = |a: &Option<Auto>, go: From| {
                                if go != SKIP && a.as_ref().is_some_and(|a| a.pf.pair(f as u8, b1))
                                {
                                    go
                                } else {
                                    SKIP
                                }
                            };
                            cap = pair(&c.cap, cap);
                            any = pair(&c.any, any);
                        }
                        if (cap != SKIP || any != SKIP)
                            && c.opts.variants
                            && c.prefilter
                            && heads::applies(bytes, j)
                        {
                            let h = heads::word_hash(bytes, i, j);
                            let keep = |a: &Option<Auto>, go: From| {
                                let has = a.as_ref().is_some_and(|a| {
                                    a.heads.as_ref().is_none_or(|heads| heads.has(h))
                                });
                                if go != SKIP && has { go } else { SKIP }
                            };
                            cap = keep(&c.cap, cap);
                            any = keep(&c.any, any);
                        }
                        if (cap != SKIP || any != SKIP)
                            && c.prefilter
                            && let Some((v, a, ends)) =
                                ascii_prefix_at(bytes, i, j - i, c.opts.variants)
                        {
                            let hk = prefilter::hash(v, prefilter::K);
                            after = a;
                            if cap == ROOT {
                                cap = c.cap.as_ref().map_or(SKIP, |a| a.route(hk, v, ends, after));
                            }
                            if any == ROOT {
                                any = c.any.as_ref().map_or(SKIP, |a| a.route(hk, v, ends, after));
                            }
                        }
                        if (cap != SKIP || any != SKIP)
                            && self.at_start(i, [cap, any, SKIP], after, j, true)
                        {
                            return true;
                        }
                    }
                    self.prev_word = true;
                    self.pos = j;
                } else {
                    if c.punct_first[b as usize]
                        && !self.prev_word
                        && boundary_at(text, i)
                        && self.at_start(i, [SKIP, ROOT, SKIP], 0, i + 1, false)
                    {
                        return true;
                    }
                    let mut j = i + 1;
                    while j < n
                        && bytes[j] < 0x80
                        && !ascii_is_word(bytes[j])
                        && !c.punct_first[bytes[j] as usize]
                    {
                        j += 1;
                    }
                    self.prev_word = false;
                    self.pos = j;
                }
            } else {
                let Some(ch) = char_at(text, i) else {
                    return false;
                };
                let w = is_word(ch);
                let cont = is_continua(ch);
                if w && !is_extender(ch) {
                    if (cont || !self.prev_word) && boundary_at(text, i) {
                        let capital = is_capital(ch);
                        let (next, prev) = (i + ch.len_utf8(), !cont);
                        let cap = if capital { ROOT } else { SKIP };
                        if self.at_start(i, [cap, ROOT, ROOT], 0, next, prev) {
                            return true;
                        }
                    }
                } else if !w
                    && is_apostrophe(ch)
                    && c.punct_first[b'\'' as usize]
                    && boundary_at(text, i)
                    && self.at_start(i, [SKIP, ROOT, SKIP], 0, i + ch.len_utf8(), false)
                {
                    return true;
                }
                self.prev_word = w && !cont;
                self.pos = i + ch.len_utf8();
            }
        }
        false
    }

    /// Walk the tries from word start `i` (`from`: where each of cap, any and other
    /// begins; a node below the root goes on from text position `after`), check the
    /// candidates, and queue the matches. Moves `pos` past the match under `longest`, else
    /// to `next` (with `prev_word` as the scan would have it there). Whether anything was
    /// queued.
    fn at_start(
        &mut self,
        i: usize,
        from: [From; 3],
        after: usize,
        next: usize,
        prev_word: bool,
    ) -> bool {
        self.walk(i, from, after);
        let mut found = false;
        if !self.hits.is_empty() {
            // Longest first; the same key never ends twice.
            self.hits
                .sort_unstable_by_key(|h| std::cmp::Reverse(h.key_len));
            let hits = std::mem::take(&mut self.hits);
            for h in &hits {
                if self.verify(i, h) {
                    // A copy (without an allocation for the usual one entity); the buffer
                    // stays for the next.
                    self.pending.push(Match {
                        span: Span {
                            start: i,
                            end: h.end,
                        },
                        entities: EntityList::from_slice(&self.ents),
                    });
                    found = true;
                    if self.c.overlaps == Overlaps::Longest {
                        break;
                    }
                }
            }
            self.hits = hits;
        }
        if found && self.c.overlaps == Overlaps::Longest {
            let end = self.pending[0].span.end;
            self.pos = end;
            self.prev_word =
                char_before(self.text, end).is_some_and(|ch| is_word(ch) && !is_continua(ch));
        } else {
            if found {
                self.pending.reverse();
            }
            self.prev_word = prev_word;
            self.pos = next;
        }
        found
    }

    /// Every key that matches a prefix of the normalised text at `i`.
    #[inline]
    fn walk(&mut self, i: usize, from: [From; 3], after: usize) {
        self.hits.clear();
        let c = self.c;
        let variants = c.opts.variants;
        for (&node, auto) in from.iter().zip([&c.cap, &c.any, &c.other]) {
            let start = match node {
                SKIP => continue,
                ROOT => (ROOT, i, 0),
                node => (node, after, prefilter::K),
            };
            if let Some(a) = auto {
                walk_trie(
                    &a.trie,
                    self.text,
                    start,
                    variants,
                    &mut self.cursor,
                    &mut self.hits,
                );
            }
        }
    }

    /// Check one candidate; on success `ents` holds its entities.
    fn verify(&mut self, start: usize, h: &Hit) -> bool {
        let c = self.c;
        if !end_boundary(self.text, h.end) {
            return false;
        }
        // The text's units under the candidate.
        self.units.clear();
        let cur = &mut self.cursor;
        cur.reset(start);
        let mut off = 0usize;
        let mut prev_sep = false;
        while off < h.key_len && cur.next_unit() {
            let first = self.units.is_empty();
            self.units.push(TextUnit {
                off: off as u32,
                cap: cur.cap,
                gap: cur.gap && !first,
                word_start: first || cur.gap || prev_sep,
            });
            prev_sep = cur.sep;
            off += cur.bytes().len();
        }
        self.ents.clear();
        self.memo.clear();
        let k = h.key as usize;
        let (lo, hi) = (c.cand_off[k] as usize, c.cand_off[k + 1] as usize);
        for cand in &c.cands[lo..hi] {
            let ok = match self.memo.iter().find(|(m, _)| *m == cand.meta) {
                Some(&(_, ok)) => ok,
                None => {
                    let ok = check_meta(
                        c,
                        &c.metas[cand.meta as usize],
                        &self.units,
                        self.text,
                        start,
                        h.end,
                        &mut self.scratch,
                    );
                    self.memo.push((cand.meta, ok));
                    ok
                }
            };
            if ok && self.ents.last() != Some(&EntityId(cand.entity)) {
                self.ents.push(EntityId(cand.entity));
            }
        }
        !self.ents.is_empty()
    }
}

/// The spacing and case checks of one alias against the text units under a candidate.
fn check_meta(
    c: &Compiled,
    m: &Meta,
    units: &[TextUnit],
    text: &str,
    start: usize,
    end: usize,
    scratch: &mut Vec<u8>,
) -> bool {
    let ev = &c.events[m.ev_start as usize..(m.ev_start + m.ev_len) as usize];
    if c.opts.variants {
        // Where only one side has a gap, the character after it must be a capital on
        // that side (`Block Chain` ~ `Blockchain`, never `said a` ~ `Saida`).
        let mut tg = units.iter().filter(|u| u.gap).peekable();
        let mut ag = ev.iter().filter(|&&e| e & EV_GAP != 0).peekable();
        loop {
            match (tg.peek(), ag.peek()) {
                (None, None) => break,
                (Some(t), None) => {
                    if !t.cap {
                        return false;
                    }
                    tg.next();
                }
                (None, Some(&&a)) => {
                    if a & EV_CAP == 0 {
                        return false;
                    }
                    ag.next();
                }
                (Some(t), Some(&&a)) => {
                    let ao = a & EV_OFF;
                    if t.off == ao {
                        tg.next();
                        ag.next();
                    } else if t.off < ao {
                        if !t.cap {
                            return false;
                        }
                        tg.next();
                    } else {
                        if a & EV_CAP == 0 {
                            return false;
                        }
                        ag.next();
                    }
                }
            }
        }
    }
    match m.case {
        CaseMode::Insensitive => true,
        CaseMode::Exact => {
            let Some(span) = text.get(start..end) else {
                return false;
            };
            normalize_key(
                span,
                NormOptions {
                    fold_case: false,
                    ..c.opts
                },
                scratch,
            );
            scratch.as_slice()
                == &c.exact[m.exact_start as usize..(m.exact_start + m.exact_len) as usize]
        }
        CaseMode::Smart if m.acronym => {
            // Every capital of the acronym is a capital in the text.
            ev.iter().filter(|&&e| e & EV_CAP != 0).all(|&e| {
                let off = e & EV_OFF;
                units
                    .binary_search_by_key(&off, |u| u.off)
                    .is_ok_and(|i| units[i].cap)
            })
        }
        _ => {
            // Each text word whose aligned alias character is a capital starts with one.
            let mut caps = ev
                .iter()
                .filter(|&&e| e & EV_CAP != 0)
                .map(|&e| e & EV_OFF)
                .peekable();
            for u in units.iter().filter(|u| u.word_start) {
                while caps.peek().is_some_and(|&o| o < u.off) {
                    caps.next();
                }
                if caps.peek() == Some(&u.off) && !u.cap {
                    return false;
                }
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        for (s, want) in [
            ("IT", true),
            ("U.S.", true),
            ("UNESCO", true),
            ("NATO", true),
            ("A", false),
            ("ABCDEFG", false),
            ("It", false),
            ("G7", false),
            ("Al", false),
        ] {
            assert_eq!(is_acronym(s), want, "{s}");
        }
    }

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
                without.compiled = Arc::new(Compiled {
                    prefilter: false,
                    ..Compiled::build(with.gazetteer(), &without.config).unwrap()
                });
                // Also every name as the text: each must be found.
                for t in names.iter().chain([&text]) {
                    prop_assert_eq!(with.find(t), without.find(t), "{:?} in {:?}", names, t);
                }
                Ok(())
            })
            .unwrap();
    }

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
}
