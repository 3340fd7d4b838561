//! newswire parses plain-text news wire copy and finds the entities of a gazetteer in it.
#![deny(missing_docs)]

pub mod article;
mod document;
mod error;
pub mod gazetteer;
mod matcher;
mod normalize;
mod span;

pub use article::{Article, Date, Parser, ParserBuilder};
pub use document::{Document, EntitySummary, Mention, Via, annotate};
pub use error::{Error, ErrorKind, Location, Result};
pub use gazetteer::{Alias, AliasFilter, Entity, EntityId, Gazetteer};
pub use matcher::{CaseMode, Match, Matcher, MatcherBuilder, Overlaps};
pub use span::Span;
pub mod batch;
pub mod ffi;
pub mod json;
pub mod offsets;
pub mod records;
