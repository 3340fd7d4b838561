//! Gazetteers: the entities to find, with their names and aliases.
//!
//! SKELETON: signatures are fixed; bodies are filled in by the gazetteer work.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::CaseMode;
use crate::error::Result;

/// The index of an entity inside its [`Gazetteer`] (not the entity's `id` string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub(crate) u32);

impl EntityId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One entity: `{id, kind, name, aliases?, attrs?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    id: String,
    kind: String,
    name: String,
    aliases: Vec<Alias>,
    attrs: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Entity {
    /// A new entity with no aliases beyond its name.
    pub fn new(id: impl Into<String>, kind: impl Into<String>, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
            aliases: Vec::new(),
            attrs: None,
        }
    }
    /// Add an alias (a `&str` or an [`Alias`] with options).
    pub fn with_alias(mut self, alias: impl Into<Alias>) -> Entity {
        self.aliases.push(alias.into());
        self
    }
    /// Set the attributes, carried through untouched.
    pub fn with_attrs(mut self, attrs: serde_json::Map<String, serde_json::Value>) -> Entity {
        self.attrs = Some(attrs);
        self
    }
    /// The entity's id, unique in its gazetteer.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The kind (`PERSON`, `ORG`, `LOC`, ...): free text.
    pub fn kind(&self) -> &str {
        &self.kind
    }
    /// The canonical name (also matched, like an alias).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The other names.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }
    /// The attributes, as given.
    pub fn attrs(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.attrs.as_ref()
    }
}

/// An alternate name, with an optional case mode and kind (`demonym`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    text: String,
    case: Option<CaseMode>,
    kind: Option<String>,
}

impl Alias {
    /// An alias that follows the matcher's case mode.
    pub fn new(text: impl Into<String>) -> Alias {
        Alias {
            text: text.into(),
            case: None,
            kind: None,
        }
    }
    /// Match this alias with its own case mode.
    pub fn with_case(mut self, case: CaseMode) -> Alias {
        self.case = Some(case);
        self
    }
    /// Give the alias a kind (`demonym`, `abbreviation`, ...).
    pub fn with_kind(mut self, kind: impl Into<String>) -> Alias {
        self.kind = Some(kind.into());
        self
    }
    /// The alias as written.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Its own case mode, if any.
    pub fn case(&self) -> Option<CaseMode> {
        self.case
    }
    /// Its kind, if any.
    pub fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }
}

impl From<&str> for Alias {
    fn from(s: &str) -> Alias {
        Alias::new(s)
    }
}
impl From<String> for Alias {
    fn from(s: String) -> Alias {
        Alias::new(s)
    }
}

/// Which aliases a matcher leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasFilter {
    stop_list: bool,
    min_len: usize,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Vec<String>,
}

impl AliasFilter {
    /// Keep every alias.
    pub fn none() -> AliasFilter {
        AliasFilter {
            stop_list: false,
            min_len: 0,
            include_kinds: None,
            exclude_kinds: Vec::new(),
        }
    }
    /// The filter loaded gazetteers get: the built-in stop list and a minimum length of 2.
    pub fn standard() -> AliasFilter {
        AliasFilter {
            stop_list: true,
            min_len: 2,
            include_kinds: None,
            exclude_kinds: Vec::new(),
        }
    }
    /// Drop aliases on the built-in stop list (month and weekday names, common words).
    pub fn stop_list(mut self, yes: bool) -> AliasFilter {
        self.stop_list = yes;
        self
    }
    /// Drop aliases shorter than `chars` characters.
    pub fn min_len(mut self, chars: usize) -> AliasFilter {
        self.min_len = chars;
        self
    }
    /// Keep only entities of these kinds.
    pub fn include_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.include_kinds = Some(kinds.into_iter().map(Into::into).collect());
        self
    }
    /// Drop entities of these kinds.
    pub fn exclude_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.exclude_kinds = kinds.into_iter().map(Into::into).collect();
        self
    }
}

/// A set of entities, loaded from JSON Lines or TSV or built in code.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    filter: AliasFilter,
}

impl Gazetteer {
    /// An empty gazetteer, with no alias filter (add entities with [`Gazetteer::add`]).
    pub fn new() -> Gazetteer {
        Gazetteer {
            entities: Vec::new(),
            filter: AliasFilter::none(),
        }
    }
    /// The built-in default gazetteer (countries, capitals and major cities, US states,
    /// international organisations, news agencies), with the standard filter.
    pub fn builtin() -> Gazetteer {
        todo!()
    }
    /// Load a file: `.jsonl`/`.json` as JSON Lines, `.tsv` as TSV.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let _ = path;
        todo!()
    }
    /// Load JSON Lines from memory; `source` names it in errors.
    pub fn from_jsonl_str(text: &str, source: &str) -> Result<Gazetteer> {
        let _ = (text, source);
        todo!()
    }
    /// Load TSV from memory; `source` names it in errors.
    pub fn from_tsv_str(text: &str, source: &str) -> Result<Gazetteer> {
        let _ = (text, source);
        todo!()
    }
    /// Add an entity; fails on a duplicate id or an empty name or alias.
    pub fn add(&mut self, entity: Entity) -> Result<EntityId> {
        let _ = entity;
        todo!()
    }
    /// Add every entity of `other` (ids must stay unique).
    pub fn merge(&mut self, other: Gazetteer) -> Result<()> {
        let _ = other;
        todo!()
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
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }
    /// The entity with this id string.
    pub fn get(&self, id: &str) -> Option<(EntityId, &Entity)> {
        let _ = id;
        todo!()
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
