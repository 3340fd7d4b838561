//! The entity model: an [`Entity`] with its names, an [`Alias`] with its options, and the
//! [`EntityId`] that numbers an entity inside its gazetteer.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::tables::{AliasRecord, EntityRecord, EntityTables};
use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};

/// The index of an entity inside its [`Gazetteer`](crate::Gazetteer) (not the entity's `id`
/// string).
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

/// An entity as a reader gives it, its strings borrowed from the line where they can be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewEntity<'a> {
    pub id: Cow<'a, str>,
    pub kind: Cow<'a, str>,
    pub name: Cow<'a, str>,
    pub aliases: Vec<NewAlias<'a>>,
    /// The text of a JSON object.
    pub attrs: Option<Cow<'a, str>>,
}

/// An alias as a reader gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewAlias<'a> {
    pub text: Cow<'a, str>,
    pub case: Option<CaseMode>,
    pub kind: Option<Cow<'a, str>>,
}

impl From<Entity> for NewEntity<'static> {
    fn from(e: Entity) -> NewEntity<'static> {
        NewEntity {
            attrs: e.attrs.as_ref().map(|m| {
                // A map of JSON values always serialises.
                Cow::Owned(serde_json::to_string(m).unwrap_or_else(|_| "{}".into()))
            }),
            id: Cow::Owned(e.id),
            kind: Cow::Owned(e.kind),
            name: Cow::Owned(e.name),
            aliases: e
                .aliases
                .into_iter()
                .map(|a| NewAlias {
                    text: Cow::Owned(a.text),
                    case: a.case,
                    kind: a.kind.map(Cow::Owned),
                })
                .collect(),
        }
    }
}

impl NewEntity<'_> {
    /// An owned entity (the attributes parsed).
    #[cfg(test)]
    pub fn to_entity(&self) -> Entity {
        Entity {
            id: self.id.to_string(),
            kind: self.kind.to_string(),
            name: self.name.to_string(),
            aliases: self
                .aliases
                .iter()
                .map(|a| Alias {
                    text: a.text.to_string(),
                    case: a.case,
                    kind: a.kind.as_ref().map(|k| k.to_string()),
                })
                .collect(),
            attrs: self
                .attrs
                .as_ref()
                .and_then(|a| serde_json::from_str(a).ok()),
        }
    }
}

/// One name of an entity as the matcher and the alias filter see it: the primary name
/// (no case of its own, no kind) or an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Name<'a> {
    /// As written.
    pub text: &'a str,
    /// Its own case mode, if any.
    pub case: Option<CaseMode>,
    /// Its alias kind (`demonym`, ...), if any.
    pub kind: Option<&'a str>,
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
    /// An entity from its fields as read (the readers check them).
    pub(crate) fn from_parts(
        id: String,
        kind: String,
        name: String,
        aliases: Vec<Alias>,
        attrs: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Entity {
        Entity {
            id,
            kind,
            name,
            aliases,
            attrs,
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

    /// Whether the entity may join a gazetteer: id, kind and every name non-blank.
    pub(crate) fn check(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::new(ErrorKind::MissingField, "empty field `id`"));
        }
        if self.kind.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::MissingField,
                format!("entity `{}`: empty field `kind`", self.id),
            ));
        }
        if self.name.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::EmptyAlias,
                format!("entity `{}`: empty `name`", self.id),
            ));
        }
        for (i, a) in self.aliases.iter().enumerate() {
            if a.text.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::EmptyAlias,
                    format!("entity `{}`: alias {} is empty", self.id, i + 1),
                ));
            }
        }
        Ok(())
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

/// One entity of a [`Gazetteer`](crate::Gazetteer), read in place: what
/// [`Gazetteer::entity`](crate::Gazetteer::entity) gives. Cheap to copy; its strings
/// borrow from the gazetteer (which may be mapped from a snapshot file).
///
/// Serialises as the gazetteer's JSON Lines form (aliases as strings, or objects when they
/// have a case or kind), so a gazetteer can be written back out line by line.
#[derive(Clone, Copy)]
pub struct EntityRef<'g> {
    tables: &'g EntityTables<'g>,
    index: u32,
}

impl<'g> EntityRef<'g> {
    pub(crate) fn new(tables: &'g EntityTables<'g>, index: u32) -> EntityRef<'g> {
        EntityRef { tables, index }
    }
    fn record(&self) -> &'g EntityRecord {
        &self.tables.records[self.index as usize]
    }
    /// Its number in the gazetteer.
    pub fn index(&self) -> EntityId {
        EntityId(self.index)
    }
    /// The entity's id, unique in its gazetteer.
    pub fn id(&self) -> &'g str {
        self.tables.str(self.record().id)
    }
    /// The kind (`PERSON`, `ORG`, `LOC`, ...): free text.
    pub fn kind(&self) -> &'g str {
        self.tables.str(self.record().kind)
    }
    /// The canonical name (also matched, like an alias).
    pub fn name(&self) -> &'g str {
        self.tables.str(self.record().name)
    }
    /// The other names, in order.
    pub fn aliases(&self) -> Aliases<'g> {
        let r = self.record();
        let start = r.aliases_start as usize;
        Aliases {
            tables: self.tables,
            records: self
                .tables
                .aliases
                .get(start..start + r.aliases_len as usize)
                .unwrap_or_default()
                .iter(),
        }
    }
    /// The attributes as the text of a JSON object, as given.
    pub fn attrs_json(&self) -> Option<&'g str> {
        let r = self.record().attrs;
        (r.len > 0).then(|| self.tables.str(r))
    }
    /// The attributes, parsed (`None` when there are none).
    pub fn attrs(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        serde_json::from_str(self.attrs_json()?).ok()
    }
    /// An owned copy.
    pub fn to_entity(&self) -> Entity {
        Entity {
            id: self.id().to_owned(),
            kind: self.kind().to_owned(),
            name: self.name().to_owned(),
            aliases: self.aliases().map(|a| a.to_alias()).collect(),
            attrs: self.attrs(),
        }
    }
    /// The name, then each alias.
    pub(crate) fn names(&self) -> impl Iterator<Item = Name<'g>> + use<'g> {
        std::iter::once(Name {
            text: self.name(),
            case: None,
            kind: None,
        })
        .chain(self.aliases().map(|a| Name {
            text: a.text(),
            case: a.case(),
            kind: a.kind(),
        }))
    }
}

impl fmt::Debug for EntityRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntityRef")
            .field("id", &self.id())
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("aliases", &self.aliases().collect::<Vec<_>>())
            .field("attrs", &self.attrs_json())
            .finish()
    }
}

impl PartialEq for EntityRef<'_> {
    fn eq(&self, other: &EntityRef<'_>) -> bool {
        self.id() == other.id()
            && self.kind() == other.kind()
            && self.name() == other.name()
            && self.aliases().eq(other.aliases())
            && self.attrs() == other.attrs()
    }
}

impl Serialize for EntityRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let aliases: Vec<AliasRef<'_>> = self.aliases().collect();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", self.id())?;
        m.serialize_entry("kind", self.kind())?;
        m.serialize_entry("name", self.name())?;
        if !aliases.is_empty() {
            m.serialize_entry("aliases", &aliases)?;
        }
        if let Some(attrs) = self.attrs_json() {
            let raw: &serde_json::value::RawValue = serde_json::from_str(attrs)
                .map_err(|e| serde::ser::Error::custom(format!("attrs: {e}")))?;
            m.serialize_entry("attrs", raw)?;
        }
        m.end()
    }
}

/// One alias of an [`EntityRef`].
#[derive(Clone, Copy)]
pub struct AliasRef<'g> {
    tables: &'g EntityTables<'g>,
    record: &'g AliasRecord,
}

impl<'g> AliasRef<'g> {
    /// The alias as written.
    pub fn text(&self) -> &'g str {
        self.tables.str(self.record.text)
    }
    /// Its own case mode, if any.
    pub fn case(&self) -> Option<CaseMode> {
        self.record.case()
    }
    /// Its kind, if any.
    pub fn kind(&self) -> Option<&'g str> {
        self.record
            .has_kind()
            .then(|| self.tables.str(self.record.kind))
    }
    /// An owned copy.
    pub fn to_alias(&self) -> Alias {
        Alias {
            text: self.text().to_owned(),
            case: self.case(),
            kind: self.kind().map(str::to_owned),
        }
    }
}

impl fmt::Debug for AliasRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AliasRef")
            .field("text", &self.text())
            .field("case", &self.case())
            .field("kind", &self.kind())
            .finish()
    }
}

impl PartialEq for AliasRef<'_> {
    fn eq(&self, other: &AliasRef<'_>) -> bool {
        self.text() == other.text() && self.case() == other.case() && self.kind() == other.kind()
    }
}

/// A plain alias serialises as its text, one with a case or kind as an object.
impl Serialize for AliasRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.case().is_none() && self.kind().is_none() {
            return s.serialize_str(self.text());
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("text", self.text())?;
        if let Some(case) = self.case() {
            m.serialize_entry("case", case.as_str())?;
        }
        if let Some(kind) = self.kind() {
            m.serialize_entry("kind", kind)?;
        }
        m.end()
    }
}

/// The aliases of an entity, in order: what [`EntityRef::aliases`] gives.
#[derive(Clone, Debug)]
pub struct Aliases<'g> {
    tables: &'g EntityTables<'g>,
    records: std::slice::Iter<'g, AliasRecord>,
}

impl<'g> Aliases<'g> {
    /// The alias at `index` of those left, if any.
    pub fn get(&self, index: usize) -> Option<AliasRef<'g>> {
        let record = self.records.as_slice().get(index)?;
        Some(AliasRef {
            tables: self.tables,
            record,
        })
    }
    /// Whether none are left.
    pub fn is_empty(&self) -> bool {
        self.records.len() == 0
    }
}

impl<'g> Iterator for Aliases<'g> {
    type Item = AliasRef<'g>;
    fn next(&mut self) -> Option<AliasRef<'g>> {
        let record = self.records.next()?;
        Some(AliasRef {
            tables: self.tables,
            record,
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.records.size_hint()
    }
}

impl ExactSizeIterator for Aliases<'_> {}
impl<'g> DoubleEndedIterator for Aliases<'g> {
    fn next_back(&mut self) -> Option<AliasRef<'g>> {
        let record = self.records.next_back()?;
        Some(AliasRef {
            tables: self.tables,
            record,
        })
    }
}
