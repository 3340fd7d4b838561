//! The entity model: an [`Entity`] with its names, an [`Alias`] with its options, and the
//! [`EntityId`] that numbers an entity inside its gazetteer.

use serde::{Deserialize, Serialize};

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

    /// The name, then each alias.
    pub(crate) fn names(&self) -> impl Iterator<Item = Name<'_>> {
        std::iter::once(Name {
            text: &self.name,
            case: None,
            kind: None,
        })
        .chain(self.aliases.iter().map(|a| Name {
            text: &a.text,
            case: a.case,
            kind: a.kind.as_deref(),
        }))
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
    /// An alias from its fields as read.
    pub(crate) fn from_parts(text: String, case: Option<CaseMode>, kind: Option<String>) -> Alias {
        Alias { text, case, kind }
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
