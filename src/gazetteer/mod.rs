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
//! assert_eq!(g.get("pk").unwrap().1.aliases()[0].text(), "Islamic Republic of Pakistan");
//! let err = Gazetteer::from_tsv_str("pk\tLOC\n", "places.tsv").unwrap_err();
//! assert!(err.to_string().starts_with("places.tsv:1: "));
//! # Ok::<(), newswire::Error>(())
//! ```

mod entity;
mod filter;
mod format;
mod jsonl;
mod read;
mod stoplist;
mod tsv;

pub use entity::{Alias, Entity, EntityId};

pub use filter::{AliasFilter, DropReason};
pub use format::Format;

use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};
use crate::hash::FastHashMap;

/// A set of entities, loaded from JSON Lines or TSV or built in code.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    filter: AliasFilter,
    ids: FastHashMap<String, u32>,
}

impl Gazetteer {
    /// An empty gazetteer, with no alias filter (add entities with [`Gazetteer::add`]).
    pub fn new() -> Gazetteer {
        Gazetteer {
            entities: Vec::new(),
            filter: AliasFilter::none(),
            ids: FastHashMap::default(),
        }
    }

    /// The built-in default gazetteer (countries, capitals and major cities, US states,
    /// international organisations, news agencies), with the standard filter.
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

    /// Append an entity whose id is new (checked by the caller).
    fn push(&mut self, entity: Entity) -> Result<EntityId> {
        let Ok(index) = u32::try_from(self.entities.len()) else {
            return Err(Error::new(ErrorKind::Build, "too many entities"));
        };
        self.ids.insert(entity.id().to_owned(), index);
        self.entities.push(entity);
        Ok(EntityId(index))
    }

    /// Add an entity; fails on a duplicate id or an empty name or alias.
    pub fn add(&mut self, entity: Entity) -> Result<EntityId> {
        entity.check()?;
        if self.ids.contains_key(entity.id()) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("duplicate id `{}`", entity.id()),
            ));
        }
        self.push(entity)
    }

    /// Add every entity of `other` (ids must stay unique). On an error nothing is added.
    pub fn merge(&mut self, other: Gazetteer) -> Result<()> {
        if let Some(e) = other
            .entities
            .iter()
            .find(|e| self.ids.contains_key(e.id()))
        {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("duplicate id `{}`", e.id()),
            ));
        }
        if self.entities.len() + other.entities.len() > u32::MAX as usize {
            return Err(Error::new(ErrorKind::Build, "too many entities"));
        }
        for e in other.entities {
            self.push(e)?;
        }
        Ok(())
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }
    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
    /// The entity at an index.
    ///
    /// # Panics
    /// When `id` comes from another gazetteer with more entities.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }
    /// The entity with this id string.
    pub fn get(&self, id: &str) -> Option<(EntityId, &Entity)> {
        let &i = self.ids.get(id)?;
        Some((EntityId(i), &self.entities[i as usize]))
    }
    /// Every entity, in order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    /// The alias filter a matcher applies by default.
    pub fn filter(&self) -> &AliasFilter {
        &self.filter
    }
    /// Replace the alias filter.
    pub fn set_filter(&mut self, filter: AliasFilter) {
        self.filter = filter;
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
