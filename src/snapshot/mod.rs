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
pub(crate) mod settings;

use std::io::{self, Read, Write};
use std::path::Path;

pub(crate) use bytes::SnapshotBytes;
pub use format::{FORMAT_VERSION, MAGIC};
pub(crate) use format::{Sections, Writer};
use settings::Settings;

use crate::error::{Error, ErrorKind, Result};
use crate::{Gazetteer, Matcher};

/// A snapshot ready to be written: [`Matcher::snapshot`] (a whole matcher),
/// [`Matcher::tables_snapshot`] (its tables alone, for a gazetteer kept elsewhere) or
/// [`Gazetteer::snapshot`] (a gazetteer alone). Its length is known before a byte is
/// written, so it can go straight into a buffer of that size — a Python `bytes`, say —
/// without a copy.
pub struct Snapshot<'a> {
    settings: Vec<u8>,
    /// The gazetteer's entity numbers sorted by id (when the gazetteer is in it).
    by_id: Vec<u32>,
    gazetteer: Option<&'a Gazetteer>,
    tables: Option<&'a Matcher>,
}

impl<'a> Snapshot<'a> {
    pub(crate) fn new(
        settings: &Settings,
        gazetteer: Option<&'a Gazetteer>,
        tables: Option<&'a Matcher>,
    ) -> Snapshot<'a> {
        Snapshot {
            settings: settings.to_json(),
            by_id: gazetteer.map(Gazetteer::ids_sorted).unwrap_or_default(),
            gazetteer,
            tables,
        }
    }

    fn writer(&self) -> Writer<'_> {
        let mut w = Writer::default();
        w.add(ids::SETTINGS, &self.settings);
        if let Some(g) = self.gazetteer {
            g.write_sections(&self.by_id, &mut w);
        }
        if let Some(m) = self.tables {
            m.write_table_sections(&mut w);
        }
        w
    }

    /// The snapshot's length in bytes.
    pub fn len(&self) -> usize {
        self.writer().len()
    }

    /// Never: a snapshot has at least its header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Write the snapshot to `out`.
    pub fn write_to(&self, out: &mut dyn Write) -> Result<()> {
        self.writer().write_to(out).map_err(|e| {
            Error::new(ErrorKind::Io, format!("cannot write the snapshot: {e}")).with_source(e)
        })
    }

    /// Write the snapshot into `buf`, exactly [`Snapshot::len`] bytes long (else an
    /// [`ErrorKind::InvalidOption`] error).
    pub fn write_into(&self, buf: &mut [u8]) -> Result<()> {
        self.writer().write_into(buf).map_err(|e| {
            Error::new(
                ErrorKind::InvalidOption,
                format!("cannot write the snapshot: {e}"),
            )
        })
    }

    /// The snapshot in memory, in one allocation of its exact size.
    pub fn to_bytes(&self) -> Vec<u8> {
        let w = self.writer();
        let mut out = vec![0u8; w.len()];
        // The buffer is of the length the writer asks for, so this cannot fail.
        let _ = w.write_into(&mut out);
        out
    }
}

impl std::fmt::Debug for Snapshot<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("len", &self.len())
            .field("gazetteer", &self.gazetteer.is_some())
            .field("tables", &self.tables.is_some())
            .finish()
    }
}

/// Save `snapshot` to `path`: written to a temporary file beside it and renamed into
/// place, so that a reader never sees half a snapshot.
pub(crate) fn save(snapshot: &Snapshot<'_>, path: &Path) -> Result<()> {
    let io =
        |e: io::Error| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // A link is followed: what it names is replaced, not the link (renaming onto the link
    // would put a file in its place and write nothing where it points: `-o /dev/stdout`).
    let target = if is_link {
        std::fs::canonicalize(path).ok()
    } else {
        None
    };
    let dangling = is_link && target.is_none();
    let metadata = std::fs::metadata(path);
    if dangling || metadata.is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        // Not a file that renaming can replace: a pipe, a device, or a link to a file
        // that is not there yet. Renaming would put a file in its place (as root, even in
        // /dev: `-o /dev/full` replaced the device and reported success), so it is
        // written into, as any output; no one maps a pipe or device, and a new file has
        // no reader yet.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(dangling)
            .truncate(dangling)
            .open(path)
            .map_err(io)?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        snapshot.writer().write_to(&mut out).map_err(io)?;
        return out.flush().map_err(io);
    }
    // A temporary file of this save's own: the process id keeps processes apart, the
    // counter threads of one process (with a name shared by two threads saving to one
    // path, one renamed the other's half-written file into place, and the other's rename
    // then failed).
    static SAVES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let save = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = target.as_deref().unwrap_or(path);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.{save}.tmp", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    let written = (|| {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        // Named as every other failure here (a full disk is a failure to write `path`).
        snapshot.writer().write_to(&mut out).map_err(io)?;
        out.into_inner()
            .map_err(|e| io(e.into_error()))?
            .sync_all()
            .map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Map the snapshot file at `path` into memory; errors name the file.
pub(crate) fn map(path: &Path) -> Result<SnapshotBytes> {
    let io =
        |e: io::Error| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e);
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        // Opening a directory succeeds on Unix and mapping it fails with "No such device";
        // say what it is, as reading a gazetteer from one does.
        return Err(io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if metadata.len() == 0 {
        return Err(named(path, Sections::check(&[]).unwrap_err()));
    }
    // SAFETY: the map is read-only and private to this process; the file must not be
    // changed while it is mapped, as the loading functions' documentation says (a snapshot
    // is replaced by renaming, never rewritten). Every read of the mapped tables is
    // bounds-checked, so even a file truncated under us cannot be read out of bounds
    // through them (the process would get SIGBUS, as with any mapped file).
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
    Ok(SnapshotBytes::Mapped(map))
}

/// `e`, its message prefixed with the file it is about.
pub(crate) fn named(path: &Path, e: Error) -> Error {
    Error::new(e.kind(), format!("{}: {}", path.display(), e.reason()))
}

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
