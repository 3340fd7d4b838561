//! Gazetteers: the entities to find, with their names and aliases.
//!
//! A gazetteer is loaded from JSON Lines (`.jsonl`, `.json`) or TSV (`.tsv`) — the
//! [`Format`] follows the file's extension or is given — or built in code with
//! [`Gazetteer::add`] and [`Gazetteer::merge`]. Its [`AliasFilter`] says which names a
//! matcher leaves out.
//!
//! The parts, one file each: the entity model ([`Entity`], [`Alias`], [`EntityId`]), the
//! alias filter and its stop list, the JSON Lines reader, the TSV reader, and the line
//! loop both readers share.
//!
//! JSON Lines: one object a line,
//! `{"id": "...", "kind": "...", "name": "...", "aliases": [...], "attrs": {...}}`, where
//! `aliases` (optional) holds strings or `{"text": "...", "case": "smart"|"exact"|"insensitive",
//! "kind": "..."}` objects and `attrs` (optional) is any object, carried through untouched.
//! Other fields are ignored. Blank lines are skipped.
//!
//! TSV: `id<TAB>kind<TAB>name[<TAB>alias|alias|...]`, no header, no escaping; lines starting
//! with `#` and blank lines are skipped.
//!
//! A bad line stops the load with an error that reads `file:line: reason`.
//!
//! ```
//! use newswire::Gazetteer;
//! let g = Gazetteer::from_tsv_str("pk\tLOC\tPakistan\tIslamic Republic of Pakistan\n", "<memory>")?;
//! assert_eq!(g.get("pk").unwrap().1.aliases().get(0).unwrap().text(), "Islamic Republic of Pakistan");
//! let err = Gazetteer::from_tsv_str("pk\tLOC\n", "places.tsv").unwrap_err();
//! assert!(err.to_string().starts_with("places.tsv:1: "));
//! # Ok::<(), newswire::Error>(())
//! ```

mod entity;
mod filter;
mod format;
mod jsonl;
mod persist;
mod read;
mod stoplist;
mod tables;
mod tsv;

pub use entity::{Alias, AliasRef, Aliases, Entity, EntityId, EntityRef};

pub use filter::{AliasFilter, DropReason, Dropped};
pub use format::Format;

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::io::BufRead;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use hashbrown::{DefaultHashBuilder, HashTable};
use yoke::Yoke;

use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};
use crate::snapshot::SnapshotBytes;
use tables::{Appender, EntityTables};

/// A set of entities, loaded from JSON Lines or TSV or built in code.
///
/// Its entities are stored flat (see `tables`): [`Gazetteer::entity`] gives a view of one,
/// [`EntityRef`], that reads it in place.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    store: Store,
    filter: AliasFilter,
    ids: IdIndex,
}

/// Where the tables live.
#[derive(Clone, Debug)]
enum Store {
    /// Read or built here.
    Owned(EntityTables<'static>),
    /// In a snapshot's bytes (a mapped file, usually).
    Mapped(Yoke<EntityTables<'static>, Arc<SnapshotBytes>>),
}

impl Gazetteer {
    /// An empty gazetteer, with no alias filter (add entities with [`Gazetteer::add`]).
    pub fn new() -> Gazetteer {
        Gazetteer {
            store: Store::Owned(EntityTables::default()),
            filter: AliasFilter::none(),
            ids: IdIndex::default(),
        }
    }

    /// The built-in default gazetteer (countries, capitals and major cities, US states,
    /// international organisations, news agencies, major companies), with the standard
    /// filter.
    ///
    /// It is parsed once per process; later calls clone it.
    pub fn builtin() -> Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Gazetteer::from_jsonl_str(
                    include_str!("../../data/gazetteer.jsonl"),
                    "data/gazetteer.jsonl",
                )
                .expect("the built-in gazetteer is valid (checked by its tests)")
            })
            .clone()
    }

    /// Load a file in the format its extension names (see [`Format::from_path`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        Gazetteer::from_path_as(path, Format::from_path(path)?)
    }

    /// Load a file in `format`, whatever its name.
    pub fn from_path_as(path: impl AsRef<Path>, format: Format) -> Result<Gazetteer> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| {
            Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e)
        })?;
        let reader = std::io::BufReader::with_capacity(1 << 16, file);
        Gazetteer::from_reader(reader, format, &path.display().to_string())
    }

    /// Load `format` from a reader; `source` names it in errors. Bytes are checked for
    /// UTF-8 line by line, so a bad byte is reported with its line.
    pub fn from_reader<R: BufRead>(reader: R, format: Format, source: &str) -> Result<Gazetteer> {
        read::read(reader, format, source)
    }

    /// Load `format` from memory; `source` names it in errors.
    pub fn from_str_as(text: &str, format: Format, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_reader(text.as_bytes(), format, source)
    }

    /// Load JSON Lines from memory; `source` names it in errors.
    pub fn from_jsonl_str(text: &str, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_str_as(text, Format::Jsonl, source)
    }

    /// Load TSV from memory; `source` names it in errors.
    pub fn from_tsv_str(text: &str, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_str_as(text, Format::Tsv, source)
    }

    /// Load JSON Lines from a reader; `source` names it in errors.
    pub fn from_jsonl_reader<R: BufRead>(reader: R, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_reader(reader, Format::Jsonl, source)
    }

    /// Load TSV from a reader; `source` names it in errors.
    pub fn from_tsv_reader<R: BufRead>(reader: R, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_reader(reader, Format::Tsv, source)
    }

    /// The tables, wherever they live.
    pub(crate) fn tables(&self) -> &EntityTables<'_> {
        match &self.store {
            Store::Owned(t) => t,
            Store::Mapped(y) => y.get(),
        }
    }

    /// The tables, to add to: a mapped gazetteer is copied first (and its ids indexed).
    fn tables_mut(&mut self) -> &mut EntityTables<'static> {
        if let Store::Mapped(y) = &self.store {
            let mut owned = y.get().clone().into_owned();
            owned.by_id = Cow::Owned(Vec::new());
            let mut ids = IdIndex::default();
            for e in 0..owned.records.len() as u32 {
                ids.insert(&owned, e);
            }
            self.store = Store::Owned(owned);
            self.ids = ids;
        }
        match &mut self.store {
            Store::Owned(t) => t,
            Store::Mapped(_) => unreachable!("copied above"),
        }
    }

    /// Append an entity whose fields were checked, unless its id is taken (`None` then).
    pub(crate) fn append<'s>(
        &mut self,
        id: &str,
        kind: &str,
        name: &str,
        aliases: impl IntoIterator<Item = (&'s str, Option<CaseMode>, Option<&'s str>)>,
        attrs: Option<&str>,
    ) -> Result<Option<EntityId>> {
        if self.index_of(id).is_some() {
            return Ok(None);
        }
        let index = Appender::new(self.tables_mut()).push(id, kind, name, aliases, attrs)?;
        let Gazetteer { store, ids, .. } = self;
        if let Store::Owned(tables) = store {
            ids.insert(tables, index);
        }
        Ok(Some(EntityId(index)))
    }

    /// Add an entity; fails on a duplicate id or an empty name or alias.
    pub fn add(&mut self, entity: Entity) -> Result<EntityId> {
        entity.check()?;
        let attrs = entity
            .attrs()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Syntax,
                    format!("entity `{}`: attrs: {e}", entity.id()),
                )
            })?;
        let aliases = entity
            .aliases()
            .iter()
            .map(|a| (a.text(), a.case(), a.kind()));
        match self.append(
            entity.id(),
            entity.kind(),
            entity.name(),
            aliases,
            attrs.as_deref(),
        )? {
            Some(id) => Ok(id),
            None => Err(Error::new(
                ErrorKind::DuplicateId,
                format!("duplicate id `{}`", entity.id()),
            )),
        }
    }

    /// Add every entity of `other` (ids must stay unique). On an error nothing is added.
    pub fn merge(&mut self, other: Gazetteer) -> Result<()> {
        if let Some(e) = other.entities().find(|e| self.index_of(e.id()).is_some()) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("duplicate id `{}`", e.id()),
            ));
        }
        // What could refuse an entity half way is known up front, so nothing is added
        // unless everything is.
        let (mine, theirs) = (self.tables(), other.tables());
        if mine.records.len() + theirs.records.len() > u32::MAX as usize
            || mine.aliases.len() + theirs.aliases.len() > u32::MAX as usize
        {
            return Err(Error::new(ErrorKind::Build, "too many entities"));
        }
        if mine.strings.len() + theirs.strings.len() > u32::MAX as usize {
            return Err(tables::too_large());
        }
        for e in other.entities() {
            let aliases = e.aliases().map(|a| (a.text(), a.case(), a.kind()));
            self.append(e.id(), e.kind(), e.name(), aliases, e.attrs_json())?;
        }
        Ok(())
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.tables().records.len()
    }
    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The entity at an index.
    ///
    /// # Panics
    /// When `id` comes from another gazetteer with more entities.
    pub fn entity(&self, id: EntityId) -> EntityRef<'_> {
        assert!(
            id.index() < self.len(),
            "entity {} of a gazetteer of {} entities",
            id.index(),
            self.len()
        );
        EntityRef::new(self.tables(), id.0)
    }
    /// The entity with this id string.
    pub fn get(&self, id: &str) -> Option<(EntityId, EntityRef<'_>)> {
        let i = self.index_of(id)?;
        Some((EntityId(i), EntityRef::new(self.tables(), i)))
    }
    /// Every entity, in order.
    pub fn entities(&self) -> Entities<'_> {
        Entities {
            tables: self.tables(),
            range: 0..self.len() as u32,
        }
    }
    /// The alias filter a matcher applies by default.
    pub fn filter(&self) -> &AliasFilter {
        &self.filter
    }
    /// Replace the alias filter.
    pub fn set_filter(&mut self, filter: AliasFilter) {
        self.filter = filter;
    }

    /// The number of the entity with id `id`.
    fn index_of(&self, id: &str) -> Option<u32> {
        let tables = self.tables();
        if !tables.by_id.is_empty() {
            let by_id = &tables.by_id;
            let i = by_id.partition_point(|&e| EntityRef::new(tables, e).id() < id);
            return by_id
                .get(i)
                .copied()
                .filter(|&e| (e as usize) < tables.records.len())
                .filter(|&e| EntityRef::new(tables, e).id() == id);
        }
        self.ids.find(tables, id)
    }
}

/// The entities of a gazetteer, in order: what [`Gazetteer::entities`] gives.
#[derive(Clone, Debug)]
pub struct Entities<'g> {
    tables: &'g EntityTables<'g>,
    range: std::ops::Range<u32>,
}

impl<'g> Iterator for Entities<'g> {
    type Item = EntityRef<'g>;
    fn next(&mut self) -> Option<EntityRef<'g>> {
        self.range.next().map(|i| EntityRef::new(self.tables, i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
    fn nth(&mut self, n: usize) -> Option<EntityRef<'g>> {
        self.range.nth(n).map(|i| EntityRef::new(self.tables, i))
    }
}

impl ExactSizeIterator for Entities<'_> {}

impl<'g> DoubleEndedIterator for Entities<'g> {
    fn next_back(&mut self) -> Option<EntityRef<'g>> {
        self.range
            .next_back()
            .map(|i| EntityRef::new(self.tables, i))
    }
}

/// Entity numbers by the hash of their id, the id read from the tables (no second copy of
/// every id).
#[derive(Clone, Default)]
struct IdIndex {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("ids", &self.table.len())
            .finish()
    }
}

impl IdIndex {
    fn find(&self, tables: &EntityTables<'_>, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&e| EntityRef::new(tables, e).id() == id)
            .copied()
    }

    fn insert(&mut self, tables: &EntityTables<'_>, entity: u32) {
        let IdIndex { table, hasher } = self;
        let hash = hasher.hash_one(EntityRef::new(tables, entity).id());
        table.insert_unique(hash, entity, |&e| {
            hasher.hash_one(EntityRef::new(tables, e).id())
        });
    }
}

impl Default for Gazetteer {
    fn default() -> Gazetteer {
        Gazetteer::new()
    }
}

fn syntax(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Syntax, msg)
}
