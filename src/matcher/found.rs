//! What a scan finds: a [`Match`], with its candidate entities.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::gazetteer::EntityId;

/// One place where a gazetteer alias was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub(super) span: Span,
    pub(super) entities: EntityList,
}

/// The candidates of a match: nearly always one, which is kept without an allocation.
/// Serialised as a sequence, like a `Vec`.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum EntityList {
    One(EntityId),
    Many(Vec<EntityId>),
}

impl EntityList {
    pub(super) fn from_slice(ids: &[EntityId]) -> EntityList {
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
