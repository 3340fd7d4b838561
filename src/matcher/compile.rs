//! Compiling a gazetteer into the flat tables of [`Compiled`], as a list of named steps.
//!
//! 1. **Collect keys**: every name the filter keeps is normalised once into its key, and
//!    what the checks need of it (capitals, gaps, its exact form) is recorded.
//! 2. **Group candidates**: the (key, entity, alias) triples, sorted, become one range of
//!    candidates per key.
//! 3. **Partition the keys** by where a walk may begin them: at capitalised word starts
//!    only, at any ASCII word start, at any non-ASCII word start.
//! 4. **Build each partition**: its trie, the bytes that begin a key, its whole-word and
//!    prefix filters, and the jump table into the trie.
//!
//! Each step takes what it needs by value and hands on only what the next step needs, so
//! a large gazetteer's intermediate tables are freed as soon as they have been used: the
//! build of a million names peaks at about one and a half times the finished tables.

use std::borrow::Cow;

use super::compiled::{
    AliasChecks, Candidate, Compiled, EVENT_CAPITAL, EVENT_GAP, EVENT_OFFSET, Partition, is_acronym,
};
use super::heads::{self, Heads};
use super::intern::Interner;
use super::options::MatcherBuilder;
use super::prefilter::{self, Jumps, Prefilter};
use super::trie::Trie;
use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::{AliasFilter, Gazetteer};
use crate::hash::FastHashMap;
use crate::text::{NormOptions, UnitInfo, ascii_is_word, normalize_key, normalize_units};

/// Compile `gazetteer` under `options`, keeping the names `filter` keeps.
pub(super) fn compile(
    gazetteer: &Gazetteer,
    options: &MatcherBuilder,
    filter: &AliasFilter,
) -> Result<Compiled<'static>> {
    let norm = NormOptions {
        fold_case: true,
        fold_diacritics: options.fold_diacritics,
        variants: options.variants,
    };
    // Step 1: every kept name's key, once per distinct (text, own case).
    let collected = collect_keys(gazetteer, options, filter, norm)?;
    let Collected {
        keys,
        key_any_start,
        head_hashes,
        head_keys,
        triples,
        aliases,
        events,
        exact,
    } = collected;
    // Step 2: a range of candidates per key.
    let (candidate_offsets, candidates) = group_candidates(triples, key_any_start.len());
    // Step 3: which partition each key goes to.
    let [capital, any_ascii, any_other] =
        partition_keys(&keys, &key_any_start, head_hashes, head_keys);
    let punct_first = punct_first(&any_ascii);
    // Step 4: the partitions' tries and filters, one at a time (each partition's key list
    // is freed once its trie holds the keys).
    let heads = options.variants;
    let capital = build_partition(capital, true, heads)?;
    let any_ascii = build_partition(any_ascii, true, heads)?;
    let any_other = build_partition(any_other, false, false)?;
    drop(keys);
    let pairs = [&capital, &any_ascii]
        .iter()
        .any(|p| p.as_ref().is_some_and(|p| p.prefilter.pairs_pay()));
    Ok(Compiled {
        capital,
        any_ascii,
        any_other,
        candidate_offsets: Cow::Owned(candidate_offsets),
        candidates: Cow::Owned(candidates),
        aliases: Cow::Owned(aliases),
        events: Cow::Owned(events),
        exact: Cow::Owned(exact),
        norm,
        overlaps: options.overlaps,
        punct_first,
        use_prefilter: true,
        pairs,
    })
}

/// What step 1 gathers.
struct Collected {
    /// Every distinct key, numbered in order of first appearance.
    keys: Interner,
    /// `key_any_start[k]`: key `k` may begin at a word start that is not a capital (an
    /// insensitive alias, or one whose first letter is not a capital).
    key_any_start: Vec<bool>,
    /// The hashes of the keys' first words (see `heads`), and the key each belongs to.
    head_hashes: Vec<u64>,
    head_keys: Vec<u32>,
    /// (key, candidate) for every kept name of every entity.
    triples: Vec<(u32, Candidate)>,
    aliases: Vec<AliasChecks>,
    events: Vec<u32>,
    exact: Vec<u8>,
}

/// Step 1: collect keys.
///
/// A name shared by many entities (a common town name) is normalised once: the result is
/// remembered by (text, own case), the two things the key and its checks depend on.
fn collect_keys(
    g: &Gazetteer,
    options: &MatcherBuilder,
    filter: &AliasFilter,
    norm: NormOptions,
) -> Result<Collected> {
    let exact_norm = NormOptions {
        fold_case: false,
        ..norm
    };
    let (names, name_bytes) = (g.len() + g.tables().aliases.len(), g.tables().strings.len());
    let mut out = Collected {
        keys: Interner::with_capacity(names, name_bytes),
        key_any_start: Vec::new(),
        head_hashes: Vec::new(),
        head_keys: Vec::new(),
        triples: Vec::with_capacity(names),
        aliases: Vec::new(),
        events: Vec::new(),
        exact: Vec::new(),
    };
    // (alias text, its own case) -> (alias number, key), or `None` for a name that gives
    // no key (empty once normalised, or too long for an event offset).
    type Seen<'g> = FastHashMap<(&'g str, Option<CaseMode>), Option<(u32, u32)>>;
    let mut seen: Seen<'_> = FastHashMap::with_capacity(names);
    let mut key = Vec::new();
    let mut exact_key = Vec::new();
    let mut units: Vec<UnitInfo> = Vec::new();

    for (entity_index, entity) in g.entities().enumerate() {
        for name in entity.names() {
            if filter.verdict(&entity, &name).is_some() {
                continue;
            }
            let hit = match seen.get(&(name.text, name.case)) {
                Some(&hit) => hit,
                None => {
                    let case = name.case.unwrap_or(options.case);
                    let trimmed = name.text.trim();
                    normalize_units(trimmed, norm, &mut key, &mut units);
                    let hit = if key.is_empty() || key.len() > EVENT_OFFSET as usize {
                        None
                    } else {
                        Some(out.add_alias(
                            trimmed,
                            case,
                            &key,
                            &units,
                            options.variants,
                            exact_norm,
                            &mut exact_key,
                        )?)
                    };
                    seen.insert((name.text, name.case), hit);
                    hit
                }
            };
            if let Some((alias, key)) = hit {
                out.triples.push((
                    key,
                    Candidate {
                        entity: entity_index as u32,
                        alias,
                    },
                ));
            }
        }
    }
    // The keys are all in: the interner's lookup table is not needed any more.
    out.keys.freeze();
    Ok(out)
}

impl Collected {
    /// Record one distinct alias text: intern its key, note its capitals and gaps (and
    /// heads, and exact form). Returns (alias number, key number).
    #[allow(clippy::too_many_arguments)]
    fn add_alias(
        &mut self,
        trimmed: &str,
        case: CaseMode,
        key: &[u8],
        units: &[UnitInfo],
        variants: bool,
        exact_norm: NormOptions,
        exact_key: &mut Vec<u8>,
    ) -> Result<(u32, u32)> {
        let Some(k) = self.keys.intern(key) else {
            return Err(Error::new(ErrorKind::Build, "too many distinct names"));
        };
        if k as usize == self.key_any_start.len() {
            self.key_any_start.push(false);
        }
        self.key_any_start[k as usize] |= case == CaseMode::Insensitive || !units[0].cap;
        let events_start = self.events.len() as u32;
        for (i, u) in units.iter().enumerate() {
            let gap = u.gap && i > 0;
            if u.cap || gap {
                self.events.push(
                    u.key_off
                        | if u.cap { EVENT_CAPITAL } else { 0 }
                        | if gap { EVENT_GAP } else { 0 },
                );
            }
        }
        // Heads need the gap rules of spacing variants, and are asked at ASCII starts.
        if variants && key[0] < 0x80 {
            let from = self.head_hashes.len();
            heads::key_heads(key, units, &mut self.head_hashes);
            self.head_keys
                .extend(std::iter::repeat_n(k, self.head_hashes.len() - from));
        }
        let (exact_start, exact_len) = if case == CaseMode::Exact {
            let start = self.exact.len();
            normalize_key(trimmed, exact_norm, exact_key);
            self.exact.extend_from_slice(exact_key);
            (start as u32, exact_key.len() as u32)
        } else {
            (0, 0)
        };
        let alias = self.aliases.len() as u32;
        self.aliases.push(AliasChecks {
            events_start,
            events_len: self.events.len() as u32 - events_start,
            exact_start,
            exact_len,
            flags: AliasChecks::flags(case, case == CaseMode::Smart && is_acronym(trimmed)),
        });
        Ok((alias, k))
    }
}

/// Step 2: group candidates. For each key, its candidates in entity order (then alias order)
/// without repeats — the order a mention lists its entities in. A counting sort by key (the
/// keys are numbered densely), then a sort of each key's few candidates: linear in the
/// number of names rather than a sort of them all.
fn group_candidates(triples: Vec<(u32, Candidate)>, keys: usize) -> (Vec<u32>, Vec<Candidate>) {
    let mut offsets = vec![0u32; keys + 1];
    for &(k, _) in &triples {
        offsets[k as usize + 1] += 1;
    }
    for k in 0..keys {
        offsets[k + 1] += offsets[k];
    }
    let mut next: Vec<u32> = offsets[..keys].to_vec();
    let mut placed = vec![
        Candidate {
            entity: 0,
            alias: 0
        };
        triples.len()
    ];
    for (k, c) in triples {
        placed[next[k as usize] as usize] = c;
        next[k as usize] += 1;
    }
    drop(next);
    // Sort and dedup each key's range, closing the gaps that repeats leave.
    let mut candidates = Vec::with_capacity(placed.len());
    let mut start = 0usize;
    for k in 0..keys {
        let end = offsets[k + 1] as usize;
        let group = &mut placed[start..end];
        group.sort_unstable();
        offsets[k] = candidates.len() as u32;
        let mut last = None;
        for &c in group.iter() {
            if last != Some(c) {
                candidates.push(c);
                last = Some(c);
            }
        }
        start = end;
    }
    offsets[keys] = candidates.len() as u32;
    (offsets, candidates)
}

/// The keys of one partition, by key number, and their heads.
struct PartitionKeys<'k> {
    patterns: Vec<&'k [u8]>,
    ids: Vec<u32>,
    heads: Vec<u64>,
}

/// Step 3: partition the keys. A key that must begin with a capital goes to the trie walked
/// from capitalised word starts only (under `smart` case most names: the cheap common
/// case); the others to one walked from every ASCII word start, or — when their first byte
/// is not ASCII — to one walked from non-ASCII starts only, so that the trie walked from
/// every lower-case ASCII word start stays small.
fn partition_keys<'k>(
    keys: &'k Interner,
    any_start: &[bool],
    head_hashes: Vec<u64>,
    head_keys: Vec<u32>,
) -> [PartitionKeys<'k>; 3] {
    let mut parts = [(); 3].map(|_| PartitionKeys {
        patterns: Vec::new(),
        ids: Vec::new(),
        heads: Vec::new(),
    });
    let index = |k: u32, key: &[u8]| match (any_start[k as usize], key[0] < 0x80) {
        (false, _) => 0,
        (true, true) => 1,
        (true, false) => 2,
    };
    for k in 0..any_start.len() {
        let key = keys.get(k);
        let p = &mut parts[index(k as u32, key)];
        p.patterns.push(key);
        p.ids.push(k as u32);
    }
    // Each key's heads go to the partition that holds the key.
    for (h, k) in head_hashes.into_iter().zip(head_keys) {
        parts[index(k, keys.get(k as usize))].heads.push(h);
    }
    parts
}

/// ASCII non-word bytes that can begin a key walked from any ASCII start.
fn punct_first(any_ascii: &PartitionKeys<'_>) -> [bool; 128] {
    let mut t = [false; 128];
    for k in &any_ascii.patterns {
        if k[0] < 0x80 && !ascii_is_word(k[0]) {
            t[k[0] as usize] = true;
        }
    }
    t
}

/// Step 4: build one partition; `None` when it has no keys. Without `ascii`, no prefilter
/// and no jump table: keys that begin with a non-ASCII byte are walked from non-ASCII
/// starts only, which the prefilter does not read. Without `heads` (spacing variants off,
/// whose gap rules the heads test relies on), no heads test.
fn build_partition(
    keys: PartitionKeys<'_>,
    ascii: bool,
    heads: bool,
) -> Result<Option<Partition<'static>>> {
    let PartitionKeys {
        patterns,
        ids,
        heads: mut head_hashes,
    } = keys;
    if patterns.is_empty() {
        return Ok(None);
    }
    // The trie notes where each K-byte prefix leads, for the jump table.
    let mut at_depth = Vec::new();
    let trie = Trie::build(&patterns, &ids, prefilter::K, &mut at_depth)?;
    drop(ids);
    let jumps = if ascii { Jumps::build(&at_depth) } else { None };
    drop(at_depth);
    let mut first = [false; 256];
    for (b, f) in first.iter_mut().enumerate() {
        *f = trie.can_start(b as u8);
    }
    let prefilter = Prefilter::build(if ascii { &patterns } else { &[] });
    let heads = heads.then(|| Heads::build(&mut head_hashes));
    Ok(Some(Partition {
        trie,
        first,
        heads,
        prefilter,
        jumps,
    }))
}
