//! newswire parses plain-text news wire copy and finds the entities of a gazetteer in it,
//! with exact offsets, fast enough for batches of millions of articles.
//!
//! # Overview
//!
//! The data flows one way: text is parsed into an [`Article`]; a [`Gazetteer`] is compiled
//! into a [`Matcher`]; the matcher annotates an article into a [`Document`]; many texts go
//! through the one batch engine, [`batch::Batch`].
//!
//! | type | what it is |
//! |---|---|
//! | [`Article`], [`Parser`] | a parsed article: dateline, headline, byline, paragraphs, sentences, trailers, acronym definitions, quotes, dates — every field a byte [`Span`] |
//! | [`Gazetteer`], [`Entity`], [`Alias`] | the entities to find, loaded from JSON Lines or TSV ([`gazetteer::Format`]) or built in code |
//! | [`AliasFilter`] | which names a matcher leaves out (stop list, minimum length, kinds) |
//! | [`Matcher`], [`MatcherBuilder`] | a gazetteer compiled for matching; `Send + Sync`, built once and shared |
//! | [`Match`], [`Matches`] | one place an alias was found, and the iterator of them |
//! | [`CaseMode`], [`Overlaps`] | how case is compared, what to do with overlapping candidates |
//! | [`Document`], [`Mention`], [`EntitySummary`], [`Via`] | an annotated article: its mentions (found in the gazetteer, through an acronym, or as a later short form) and one summary per entity |
//! | [`batch::Batch`] | the one batch engine: ordered, parallel, streaming |
//! | [`json`], [`offsets`] | JSON records of articles and documents, and code-point offsets |
//! | [`Error`], [`ErrorKind`] | what went wrong and where (`file:line`, byte offset) |
//!
//! Every span is a half-open byte range into the original text; slicing the text with it
//! gives exactly the text reported. [`offsets`] converts to code points (what Python
//! counts).
//!
//! # Example
//!
//! ```
//! use newswire::{Article, Entity, Gazetteer, Matcher, Via};
//!
//! let text = "ISLAMABAD, Dec 12 (APP): A delegation of the Organisation of Islamic \
//!             Cooperation (OIC) met Syed Aminul Haque. Haque said the OIC would help.";
//!
//! // Parsing alone.
//! let article = Article::parse(text);
//! let dateline = article.dateline().unwrap();
//! assert_eq!(dateline.locations()[0].slice(text), "ISLAMABAD");
//! assert_eq!(dateline.agency().unwrap().slice(text), "APP");
//! assert_eq!(article.sentences().len(), 2);
//!
//! // A gazetteer built in code (or `Gazetteer::from_path("names.jsonl")`, or the built-in
//! // `Gazetteer::builtin()`), compiled once.
//! let mut gazetteer = Gazetteer::new();
//! gazetteer.add(Entity::new("org:OIC", "ORG", "Organisation of Islamic Cooperation"))?;
//! gazetteer.add(Entity::new("p:haque", "PERSON", "Syed Aminul Haque"))?;
//! let matcher = Matcher::new(gazetteer)?;
//!
//! let doc = matcher.annotate(text);
//! let found: Vec<(&str, &str, Via)> = doc
//!     .mentions()
//!     .iter()
//!     .map(|m| (m.span().slice(text), doc.entity(m.entities()[0]).id(), m.via()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("Organisation of Islamic Cooperation", "org:OIC", Via::Gazetteer),
//!         ("OIC", "org:OIC", Via::Acronym),
//!         ("Syed Aminul Haque", "p:haque", Via::Gazetteer),
//!         ("Haque", "p:haque", Via::Coref),
//!         ("OIC", "org:OIC", Via::Acronym),
//!     ]
//! );
//! # Ok::<(), newswire::Error>(())
//! ```
#![deny(missing_docs)]

pub mod article;
mod case;
mod document;
mod error;
pub mod gazetteer;
mod hash;
mod matcher;
pub mod snapshot;
mod span;
mod text;

pub use article::{Article, Date, Parser, ParserBuilder};
pub use case::CaseMode;
pub use document::{Document, EntitySummary, Mention, Via, annotate};
pub use error::{Error, ErrorKind, Location, Result};
pub use gazetteer::{Alias, AliasFilter, Entity, EntityId, Gazetteer};
pub use matcher::{Match, Matcher, MatcherBuilder, Matches, Overlaps};
pub use span::Span;
pub mod batch;
pub mod json;
pub mod offsets;
pub mod records;
