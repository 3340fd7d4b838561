//! Snapshots of a compiled matcher: its flat tables, its gazetteer and its options in one
//! file that loads without a build (see `docs/snapshot-format.md`). A matcher writes one
//! with [`Matcher::save`](crate::Matcher::save) or
//! [`Matcher::to_bytes`](crate::Matcher::to_bytes) and is read back with
//! [`Matcher::load`](crate::Matcher::load) or
//! [`Matcher::from_bytes`](crate::Matcher::from_bytes); this module tells a snapshot from
//! other files.
//!
//! ```
//! use newswire::{Gazetteer, Matcher, snapshot};
//! let bytes = Matcher::new(Gazetteer::builtin())?.to_bytes();
//! assert!(snapshot::is_snapshot(&bytes));
//! assert!(!snapshot::is_snapshot(br#"{"id": "pk", "kind": "LOC", "name": "Pakistan"}"#));
//! # Ok::<(), newswire::Error>(())
//! ```
//!
//! Inside, this module holds the container (`format`) and the bytes (`bytes`); the matcher
//! and the gazetteer each say which tables they write and check what they read back.

mod bytes;
pub(crate) mod format;

use std::io::Read;
use std::path::Path;

pub(crate) use bytes::SnapshotBytes;
pub use format::{FORMAT_VERSION, MAGIC};
pub(crate) use format::{Sections, Writer};

/// Whether `bytes` begin like a snapshot (its magic bytes), whatever follows.
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Whether the file at `path` begins like a snapshot: how a snapshot is told from a
/// gazetteer file, by its first bytes rather than its name. An unreadable file is not one
/// (opening it as a gazetteer then reports why it cannot be read).
pub fn is_snapshot_file(path: impl AsRef<Path>) -> bool {
    let mut start = [0u8; MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| is_snapshot(&start))
}

/// Section ids: one per table. A section's id says what it holds; its position in the file
/// says nothing.
pub(crate) mod ids {
    /// The options and the tables' scalars, as JSON.
    pub const SETTINGS: u32 = 1;
    /// The gazetteer: entity records, alias records, strings, entity numbers by id.
    pub const ENTITIES: u32 = 10;
    pub const ALIASES: u32 = 11;
    pub const STRINGS: u32 = 12;
    pub const BY_ID: u32 = 13;
    /// The matcher: candidates by key, alias checks, their events, their exact keys.
    pub const CANDIDATE_OFFSETS: u32 = 20;
    pub const CANDIDATES: u32 = 21;
    pub const ALIAS_CHECKS: u32 = 22;
    pub const EVENTS: u32 = 23;
    pub const EXACT: u32 = 24;
    /// The first of partition `p`'s sections (`p` in 0..3): trie nodes, then the prefix
    /// filter's pairs and bits, the heads' bits and the jump table's slots.
    pub const fn partition(p: u32) -> u32 {
        32 + 8 * p
    }
    pub const NODES: u32 = 0;
    pub const PAIRS: u32 = 1;
    pub const PREFIX_BITS: u32 = 2;
    pub const HEADS: u32 = 3;
    pub const JUMPS: u32 = 4;
}
