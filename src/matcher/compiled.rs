//! The compiled form of a gazetteer under one set of options: one plain value of flat
//! tables — integer and byte arrays that refer to each other by index, no pointers — that
//! the scan reads and a snapshot can write as it is.
//!
//! How the tables refer to each other:
//! - a trie's terminal node holds a *key* number; `candidate_offsets[key]..[key + 1]` is
//!   the key's range of `candidates`;
//! - a [`Candidate`] is an entity number (an [`EntityId`](crate::EntityId)) and an alias
//!   number; `aliases[alias]` is an [`AliasChecks`], whose ranges point into `events` (the
//!   alias's capitals and gaps, by key offset) and `exact` (its case-exact key).

use std::borrow::Cow;
use std::fmt;

use bytemuck::{Pod, Zeroable};
use yoke::Yokeable;

use super::heads::Heads;
use super::options::Overlaps;
use super::prefilter::{Jumps, Prefilter};
use super::trie::{ROOT, Trie};
use crate::case::CaseMode;
use crate::text::NormOptions;

/// An event of an alias unit, stored with its key offset: the unit's base character is a
/// capital.
pub(super) const EVENT_CAPITAL: u32 = 1 << 30;
/// An event of an alias unit: a gap (space or hyphen) comes before it.
pub(super) const EVENT_GAP: u32 = 1 << 31;
/// The key offset of an event.
pub(super) const EVENT_OFFSET: u32 = EVENT_CAPITAL - 1;

/// What the checks need to know about one alias text (shared by every entity that has it).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub(super) struct AliasChecks {
    /// Its events: `events[events_start..events_start + events_len]`.
    pub events_start: u32,
    pub events_len: u32,
    /// Its key with case kept (case `exact` only): `exact[exact_start..][..exact_len]`.
    pub exact_start: u32,
    pub exact_len: u32,
    /// The case mode it is matched with ([`AliasChecks::SMART`], ...), and
    /// [`AliasChecks::ACRONYM`].
    pub flags: u32,
}

impl AliasChecks {
    pub const SMART: u32 = 0;
    pub const EXACT: u32 = 1;
    pub const INSENSITIVE: u32 = 2;
    /// An acronym under `smart` case (`IT`, `U.S.`): every capital must be one in the text.
    pub const ACRONYM: u32 = 1 << 8;

    /// The flags of an alias matched with `case`.
    pub fn flags(case: CaseMode, acronym: bool) -> u32 {
        let case = match case {
            CaseMode::Smart => AliasChecks::SMART,
            CaseMode::Exact => AliasChecks::EXACT,
            CaseMode::Insensitive => AliasChecks::INSENSITIVE,
        };
        case | if acronym { AliasChecks::ACRONYM } else { 0 }
    }

    /// The case mode it is matched with.
    #[inline]
    pub fn case(&self) -> CaseMode {
        match self.flags & 0xff {
            AliasChecks::EXACT => CaseMode::Exact,
            AliasChecks::INSENSITIVE => CaseMode::Insensitive,
            _ => CaseMode::Smart,
        }
    }

    #[inline]
    pub fn acronym(&self) -> bool {
        self.flags & AliasChecks::ACRONYM != 0
    }
}

/// One entity reachable through a key, and the alias text that leads to it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Pod, Zeroable)]
pub(super) struct Candidate {
    pub entity: u32,
    pub alias: u32,
}

// The record sizes docs/snapshot-format.md gives: a change here is a new format version.
const _: () = assert!(std::mem::size_of::<AliasChecks>() == 20);
const _: () = assert!(std::mem::size_of::<Candidate>() == 8);

/// A trie of some of the keys, the bytes that can begin one, its prefilters and jump table.
#[derive(Clone, Debug)]
pub(super) struct Partition<'a> {
    pub trie: Trie<'a>,
    /// `first[b]`: some key begins with byte `b` (read off the trie's root).
    pub first: [bool; 256],
    /// The keys' first words (spacing variants on, ASCII partitions only).
    pub heads: Option<Heads<'a>>,
    pub prefilter: Prefilter<'a>,
    /// `None` for a trie too large for the table's node numbers: walks from the root.
    pub jumps: Option<Jumps<'a>>,
}

/// Where a walk of one partition's trie begins: [`SKIP`] (no walk: no key can match),
/// [`ROOT`] (at the word start) or a node at depth `prefilter::K`, reached by reading the
/// text up to the position the caller gives with it.
pub(super) type WalkStart = u32;

/// No walk.
pub(super) const SKIP: WalkStart = u32::MAX;

impl Partition<'_> {
    /// Where to walk from at a start whose first `K` normalised bytes are `prefix` (hash
    /// `prefix_hash`), where shorter keys may end as `ends` says, and after which the text
    /// goes on at `after` (0: not on a unit boundary).
    #[inline(always)]
    pub fn route(&self, prefix_hash: u64, prefix: u64, ends: u32, after: usize) -> WalkStart {
        let long = self.prefilter.long_match(prefix_hash);
        if self.prefilter.short_match(prefix, ends) || (after == 0 && long) {
            return ROOT;
        }
        if !long {
            return SKIP;
        }
        match &self.jumps {
            Some(j) => j.get(prefix_hash, prefix).unwrap_or(SKIP),
            None => ROOT,
        }
    }
}

/// The compiled matcher: its tables owned (built here) or borrowed (from a snapshot).
#[derive(Yokeable)]
pub(super) struct Compiled<'a> {
    /// Keys that must begin with a capital in the text (under `smart` or `exact` case, a
    /// name whose first letter is a capital): walked from capitalised word starts only.
    pub capital: Option<Partition<'a>>,
    /// The other keys that begin with an ASCII byte: walked from every ASCII word start.
    pub any_ascii: Option<Partition<'a>>,
    /// The other keys that begin with a non-ASCII byte: walked only from non-ASCII starts,
    /// which keeps the trie walked from every lower-case ASCII word start small.
    pub any_other: Option<Partition<'a>>,
    /// Key `k`'s candidates are `candidates[candidate_offsets[k]..candidate_offsets[k + 1]]`.
    pub candidate_offsets: Cow<'a, [u32]>,
    pub candidates: Cow<'a, [Candidate]>,
    pub aliases: Cow<'a, [AliasChecks]>,
    pub events: Cow<'a, [u32]>,
    pub exact: Cow<'a, [u8]>,
    pub norm: NormOptions,
    pub overlaps: Overlaps,
    /// ASCII non-word bytes that can begin a key of `any_ascii` (aliases such as
    /// `'s-Hertogenbosch`).
    pub punct_first: [bool; 128],
    /// Consult the prefilters (off only in tests that compare with and without them).
    pub use_prefilter: bool,
    /// Ask the prefilters' pair tables first (when the keys begin with few pairs).
    pub pairs: bool,
}

impl<'a> Compiled<'a> {
    /// The three partitions, in the order a walk tries them.
    #[inline(always)]
    pub fn partitions(&self) -> [&Option<Partition<'a>>; 3] {
        [&self.capital, &self.any_ascii, &self.any_other]
    }

    /// How many distinct keys.
    pub fn key_count(&self) -> usize {
        self.candidate_offsets.len().saturating_sub(1)
    }

    /// The candidates of key `key` (none for a key number no trie should hold: every read
    /// of the tables is checked, so that a snapshot's tables cannot make a scan panic).
    #[inline]
    pub fn candidates_of(&self, key: u32) -> &[Candidate] {
        let k = key as usize;
        let (Some(&lo), Some(&hi)) = (
            self.candidate_offsets.get(k),
            self.candidate_offsets.get(k + 1),
        ) else {
            return &[];
        };
        self.candidates
            .get(lo as usize..hi as usize)
            .unwrap_or_default()
    }

    /// The events of an alias.
    #[inline]
    pub fn events_of(&self, alias: &AliasChecks) -> &[u32] {
        let start = alias.events_start as usize;
        self.events
            .get(start..start + alias.events_len as usize)
            .unwrap_or_default()
    }

    /// The case-exact key of an alias.
    #[inline]
    pub fn exact_key_of(&self, alias: &AliasChecks) -> &[u8] {
        let start = alias.exact_start as usize;
        self.exact
            .get(start..start + alias.exact_len as usize)
            .unwrap_or_default()
    }
}

impl fmt::Debug for Compiled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = |p: &Option<Partition<'_>>| p.as_ref().map_or(0, |p| p.trie.len());
        f.debug_struct("Compiled")
            .field("keys", &self.key_count())
            .field("capital_keys", &keys(&self.capital))
            .field("any_ascii_keys", &keys(&self.any_ascii))
            .field("any_other_keys", &keys(&self.any_other))
            .field("aliases", &self.aliases.len())
            .field(
                "trie_prefilter_jump_bytes",
                &self.partitions().map(|p| {
                    p.as_ref().map_or((0, 0, 0), |p| {
                        let jumps = p.jumps.as_ref().map_or(0, Jumps::heap_bytes);
                        let heads = p.heads.as_ref().map_or(0, Heads::heap_bytes);
                        (p.trie.words() * 4, p.prefilter.heap_bytes() + heads, jumps)
                    })
                }),
            )
            .field("norm", &self.norm)
            .field("overlaps", &self.overlaps)
            .finish()
    }
}

/// `IT`, `U.S.`, `UNESCO`: 2 to 6 letters, all capitals, dots allowed.
pub(super) fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c == '.' {
            continue;
        }
        letters += 1;
        // A long name is told at its seventh letter, without a look at the rest.
        if letters > 6 {
            return false;
        }
        // (A capital is a letter: the cheaper question first.)
        let capital = if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            crate::text::is_capital(c) && c.is_alphabetic()
        };
        if !capital {
            return false;
        }
    }
    letters >= 2
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
}
