//! Annotation: an [`Article`] plus the gazetteer entities mentioned in it.
//!
//! SKELETON: signatures are fixed; bodies are filled in by the annotation work.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::gazetteer::{Entity, EntityId, Gazetteer};
use crate::{Article, Matcher, Parser, Span};

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Via {
    /// A gazetteer name or alias.
    Gazetteer,
    /// An acronym the article defines for a gazetteer entity.
    Acronym,
    /// A later short mention (a surname, a short form) of an entity named in full before.
    Coref,
}

impl Via {
    /// `gazetteer`, `acronym` or `coref`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Via::Gazetteer => "gazetteer",
            Via::Acronym => "acronym",
            Via::Coref => "coref",
        }
    }
}

/// One mention of one or more candidate entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    span: Span,
    entities: Vec<EntityId>,
    via: Via,
    sentence: Option<usize>,
}

impl Mention {
    /// Where it is.
    pub fn span(&self) -> Span {
        self.span
    }
    /// The candidate entities (more than one for an ambiguous alias).
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }
    /// How it was found.
    pub fn via(&self) -> Via {
        self.via
    }
    /// The index of the sentence it is in, if it is in one.
    pub fn sentence(&self) -> Option<usize> {
        self.sentence
    }
}

/// One entity's mentions in a document, summed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    entity: EntityId,
    count: usize,
    first: Span,
    in_dateline: bool,
    in_headline: bool,
    in_lead: bool,
}

impl EntitySummary {
    /// The entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }
    /// How many mentions name it.
    pub fn count(&self) -> usize {
        self.count
    }
    /// Its first mention.
    pub fn first(&self) -> Span {
        self.first
    }
    /// Whether it is mentioned in the dateline.
    pub fn in_dateline(&self) -> bool {
        self.in_dateline
    }
    /// Whether it is mentioned in the headline.
    pub fn in_headline(&self) -> bool {
        self.in_headline
    }
    /// Whether it is mentioned in the lead (the first paragraph of the body).
    pub fn in_lead(&self) -> bool {
        self.in_lead
    }
}

/// An annotated article. Owns its data (no borrow of the text or the matcher), so it may
/// outlive both; it keeps the gazetteer alive to name its entities.
#[derive(Clone, Debug)]
pub struct Document {
    article: Article,
    mentions: Vec<Mention>,
    entities: Vec<EntitySummary>,
    gazetteer: Arc<Gazetteer>,
}

impl Document {
    /// The parsed article.
    pub fn article(&self) -> &Article {
        &self.article
    }
    /// Every mention, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    /// One summary per entity mentioned, in order of first mention.
    pub fn entities(&self) -> &[EntitySummary] {
        &self.entities
    }
    /// The entity behind an id found in this document.
    pub fn entity(&self, id: EntityId) -> &Entity {
        self.gazetteer.entity(id)
    }
    /// The gazetteer the entities come from.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }
}

/// Annotate an already parsed article of `text`.
pub fn annotate(text: &str, article: Article, matcher: &Matcher) -> Document {
    let _ = text;
    Document {
        article,
        mentions: Vec::new(),
        entities: Vec::new(),
        gazetteer: matcher.gazetteer().clone(),
    }
}

impl Matcher {
    /// Parse `text` with the default parser and annotate it.
    pub fn annotate(&self, text: &str) -> Document {
        annotate(text, Article::parse(text), self)
    }
    /// Parse `text` with `parser` and annotate it.
    pub fn annotate_with(&self, parser: &Parser, text: &str) -> Document {
        annotate(text, parser.parse(text), self)
    }
}
