//! Gazetteers: the entities to find, with their names and aliases.
//!
//! A gazetteer is loaded from JSON Lines (`.jsonl`, `.json`) or TSV (`.tsv`), or built in
//! code with [`Gazetteer::add`] and [`Gazetteer::merge`].
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

mod stoplist;

use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::CaseMode;
use crate::error::{Error, ErrorKind, Result};
use crate::matcher::intern::{FastHashMap, FastHashSet};
use crate::normalize::{NormOptions, normalize_key};

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

    /// The name, then each alias, as `(text, case, alias kind)`.
    pub(crate) fn names(&self) -> impl Iterator<Item = (&str, Option<CaseMode>, Option<&str>)> {
        std::iter::once((self.name.as_str(), None, None)).chain(
            self.aliases
                .iter()
                .map(|a| (a.text.as_str(), a.case, a.kind.as_deref())),
        )
    }

    fn check(&self) -> Result<()> {
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

/// Which names a matcher leaves out.
///
/// A matcher applies its filter to every name of every entity (the primary `name` and each
/// alias) when it is built:
/// - entity kinds: with [`include_kinds`](AliasFilter::include_kinds) only entities of
///   those kinds are kept; entities of an [`exclude_kinds`](AliasFilter::exclude_kinds)
///   kind are dropped (kinds compare ASCII case-insensitively);
/// - alias kinds: aliases of an [`exclude_alias_kinds`](AliasFilter::exclude_alias_kinds)
///   kind (`demonym`, ...) are dropped; the primary name has no kind and is never dropped
///   by this rule;
/// - minimum length: names with fewer than [`min_len`](AliasFilter::min_len) characters
///   (after trimming white space) are dropped;
/// - stop list: a name whose normalised form (case and diacritics folded, spaces and
///   hyphens dropped) is one of [`AliasFilter::stop_words`] is dropped — **the primary name
///   as well as an alias**, because real gazetteers have towns whose *primary* name is a
///   common word (GeoNames: Police, Most, Of, March, Nice, Reading, Mobile, Bath). Keep such
///   a name by turning the stop list off or by giving it with its own case mode `exact`
///   (an alias object `{"text": "Nice", "case": "exact"}`), which says the name was
///   chosen on purpose and exempts it from the stop list.
///
/// Loaded gazetteers get [`AliasFilter::standard`]; gazetteers built in code get
/// [`AliasFilter::none`]. [`MatcherBuilder::filter`](crate::MatcherBuilder::filter)
/// overrides a gazetteer's filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasFilter {
    stop_list: bool,
    min_len: usize,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Vec<String>,
    exclude_alias_kinds: Vec<String>,
}

impl AliasFilter {
    /// Keep every alias.
    pub fn none() -> AliasFilter {
        AliasFilter {
            stop_list: false,
            min_len: 0,
            include_kinds: None,
            exclude_kinds: Vec::new(),
            exclude_alias_kinds: Vec::new(),
        }
    }
    /// The filter loaded gazetteers get: the built-in stop list and a minimum length of 2.
    pub fn standard() -> AliasFilter {
        AliasFilter {
            stop_list: true,
            min_len: 2,
            ..AliasFilter::none()
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
    /// Drop aliases of these alias kinds (`demonym`, ...).
    pub fn exclude_alias_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.exclude_alias_kinds = kinds.into_iter().map(Into::into).collect();
        self
    }
    /// Whether the stop list is on.
    pub fn uses_stop_list(&self) -> bool {
        self.stop_list
    }
    /// The minimum alias length, in characters.
    pub fn min_chars(&self) -> usize {
        self.min_len
    }
    /// The built-in stop list, lower case.
    pub fn stop_words() -> &'static [&'static str] {
        stoplist::STOP_WORDS
    }
    /// Whether a name is on the built-in stop list (compared after normalisation:
    /// `MARCH`, `March` and `Mar-ch` all are).
    pub fn is_stop_word(name: &str) -> bool {
        let mut key = Vec::new();
        normalize_key(name, STOP_OPTIONS, &mut key);
        is_stop_key(&key)
    }

    /// Whether this filter keeps the entity at all (by kind).
    pub(crate) fn keeps_entity(&self, entity: &Entity) -> bool {
        let k = entity.kind();
        if let Some(inc) = &self.include_kinds
            && !inc.iter().any(|i| i.eq_ignore_ascii_case(k))
        {
            return false;
        }
        !self.exclude_kinds.iter().any(|x| x.eq_ignore_ascii_case(k))
    }

    /// Whether this filter keeps one name of a kept entity, the stop list aside.
    pub(crate) fn keeps_name_but_for_stop_list(
        &self,
        text: &str,
        alias_kind: Option<&str>,
    ) -> bool {
        if let Some(ak) = alias_kind
            && self
                .exclude_alias_kinds
                .iter()
                .any(|x| x.eq_ignore_ascii_case(ak))
        {
            return false;
        }
        !(self.min_len > 0 && text.trim().chars().count() < self.min_len)
    }

    /// Whether the stop list drops a name with its own case mode `case`; `key`, when
    /// given, is its normalisation under [`STOP_OPTIONS`] (saves normalising it again).
    pub(crate) fn stops(&self, text: &str, case: Option<CaseMode>, key: Option<&[u8]>) -> bool {
        if !self.stop_list || case == Some(CaseMode::Exact) {
            return false;
        }
        match key {
            Some(k) => is_stop_key(k),
            None => AliasFilter::is_stop_word(text),
        }
    }
}

/// The normalisation names are compared with the stop list under.
pub(crate) const STOP_OPTIONS: NormOptions = NormOptions::ALL;

/// Whether a key normalised under [`STOP_OPTIONS`] is on the built-in stop list.
fn is_stop_key(key: &[u8]) -> bool {
    static SET: OnceLock<FastHashSet<&'static [u8]>> = OnceLock::new();
    let set = SET.get_or_init(|| stoplist::STOP_WORDS.iter().map(|w| w.as_bytes()).collect());
    set.contains(key)
}

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

    /// Load a file: `.jsonl`/`.json` as JSON Lines, `.tsv` as TSV.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let tsv = match ext.as_deref() {
            Some("jsonl") | Some("json") => false,
            Some("tsv") => true,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidOption,
                    format!(
                        "{}: unknown gazetteer format (expected .jsonl, .json or .tsv)",
                        path.display()
                    ),
                ));
            }
        };
        let file = std::fs::File::open(path).map_err(|e| {
            Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e)
        })?;
        let reader = std::io::BufReader::with_capacity(1 << 16, file);
        let source = path.display().to_string();
        if tsv {
            Gazetteer::from_tsv_reader(reader, &source)
        } else {
            Gazetteer::from_jsonl_reader(reader, &source)
        }
    }

    /// Load JSON Lines from memory; `source` names it in errors.
    pub fn from_jsonl_str(text: &str, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_jsonl_reader(text.as_bytes(), source)
    }

    /// Load TSV from memory; `source` names it in errors.
    pub fn from_tsv_str(text: &str, source: &str) -> Result<Gazetteer> {
        Gazetteer::from_tsv_reader(text.as_bytes(), source)
    }

    /// Load JSON Lines from a reader; `source` names it in errors. Bytes are checked for
    /// UTF-8 line by line, so a bad byte is reported with its line.
    pub fn from_jsonl_reader<R: BufRead>(reader: R, source: &str) -> Result<Gazetteer> {
        Gazetteer::load(reader, source, |line| {
            if line.trim().is_empty() {
                Ok(None)
            } else {
                parse_jsonl_line(line).map(Some)
            }
        })
    }

    /// Load TSV from a reader; `source` names it in errors.
    pub fn from_tsv_reader<R: BufRead>(reader: R, source: &str) -> Result<Gazetteer> {
        Gazetteer::load(reader, source, |line| {
            if line.trim().is_empty() || line.starts_with('#') {
                Ok(None)
            } else {
                parse_tsv_line(line).map(Some)
            }
        })
    }

    fn load<R: BufRead>(
        mut reader: R,
        source: &str,
        mut parse: impl FnMut(&str) -> Result<Option<Entity>>,
    ) -> Result<Gazetteer> {
        let mut g = Gazetteer::new();
        g.filter = AliasFilter::standard();
        // The line of each entity, for the message about a repeated id.
        let mut lines: Vec<u64> = Vec::new();
        let mut buf = Vec::new();
        let mut lineno = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{source}: {e}")).with_source(e))?;
            if n == 0 {
                break;
            }
            lineno += 1;
            let mut bytes = buf.as_slice();
            if let Some(b) = bytes.strip_suffix(b"\n") {
                bytes = b;
            }
            if let Some(b) = bytes.strip_suffix(b"\r") {
                bytes = b;
            }
            let line = std::str::from_utf8(bytes).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidUtf8,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
                )
                .at(source, lineno)
            })?;
            let line = if lineno == 1 {
                line.strip_prefix('\u{FEFF}').unwrap_or(line)
            } else {
                line
            };
            let Some(entity) = parse(line).map_err(|e| e.at(source, lineno))? else {
                continue;
            };
            if let Some(&first) = g.ids.get(entity.id()) {
                let first = lines[first as usize];
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    format!("duplicate id `{}` (first on line {first})", entity.id()),
                )
                .at(source, lineno));
            }
            if g.entities.len() >= u32::MAX as usize {
                return Err(Error::new(ErrorKind::Build, "too many entities").at(source, lineno));
            }
            lines.push(lineno);
            g.push(entity);
        }
        Ok(g)
    }

    fn push(&mut self, entity: Entity) -> EntityId {
        let id = EntityId(self.entities.len() as u32);
        self.ids.insert(entity.id.clone(), id.0);
        self.entities.push(entity);
        id
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
        if self.entities.len() >= u32::MAX as usize {
            return Err(Error::new(ErrorKind::Build, "too many entities"));
        }
        Ok(self.push(entity))
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
            self.push(e);
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

/// A required string field: present, a string, not blank.
fn required<'v>(obj: &'v serde_json::Map<String, Value>, field: &str) -> Result<&'v str> {
    match obj.get(field) {
        None | Some(Value::Null) => Err(Error::new(
            ErrorKind::MissingField,
            format!("missing field `{field}`"),
        )),
        Some(Value::String(s)) if s.trim().is_empty() => Err(Error::new(
            if field == "name" {
                ErrorKind::EmptyAlias
            } else {
                ErrorKind::MissingField
            },
            format!("empty field `{field}`"),
        )),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(syntax(format!(
            "field `{field}` must be a string, found {}",
            type_name(other)
        ))),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_case(s: &str) -> Result<CaseMode> {
    s.parse::<CaseMode>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidOption,
            format!("bad case `{s}` (expected smart, exact or insensitive)"),
        )
    })
}

/// One JSON Lines entity, its strings borrowed from the line.
#[derive(Deserialize)]
struct LineEntity<'a> {
    #[serde(borrow)]
    id: Option<&'a str>,
    #[serde(borrow)]
    kind: Option<&'a str>,
    #[serde(borrow)]
    name: Option<&'a str>,
    #[serde(borrow)]
    aliases: Option<Vec<LineAlias<'a>>>,
    attrs: Option<serde_json::Map<String, Value>>,
}

/// An alias as written: a string or `{text, case, kind}`.
enum LineAlias<'a> {
    Text(&'a str),
    Object {
        text: Option<&'a str>,
        case: Option<&'a str>,
        kind: Option<&'a str>,
    },
}

impl<'de: 'a, 'a> Deserialize<'de> for LineAlias<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = LineAlias<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(LineAlias::Text(s))
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut m: M,
            ) -> std::result::Result<Self::Value, M::Error> {
                let (mut text, mut case, mut kind) = (None, None, None);
                while let Some(k) = m.next_key::<&'de str>()? {
                    let slot = match k {
                        "text" => &mut text,
                        "case" => &mut case,
                        "kind" => &mut kind,
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if slot.is_some() {
                        return Err(M::Error::custom("repeated field"));
                    }
                    *slot = Some(m.next_value::<Option<&'de str>>()?);
                }
                Ok(LineAlias::Object {
                    text: text.flatten(),
                    case: case.flatten(),
                    kind: kind.flatten(),
                })
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// The common case, quickly: strings without escapes, every field as it should be.
/// `None` for anything else — [`parse_jsonl_line_checked`] then decides, with the precise
/// error when there is one.
fn parse_jsonl_line_fast(line: &str) -> Option<Entity> {
    if !line.trim_start().starts_with('{') {
        return None;
    }
    let e: LineEntity<'_> = serde_json::from_str(line).ok()?;
    fn nonblank(s: Option<&str>) -> Option<&str> {
        s.filter(|s| !s.trim().is_empty())
    }
    let (id, kind, name) = (nonblank(e.id)?, nonblank(e.kind)?, nonblank(e.name)?);
    let items = e.aliases.unwrap_or_default();
    let mut aliases = Vec::with_capacity(items.len());
    for a in items {
        let alias = match a {
            LineAlias::Text(t) => Alias::new(t),
            LineAlias::Object { text, case, kind } => Alias {
                text: text?.to_owned(),
                case: match case {
                    None => None,
                    Some(c) => Some(c.parse::<CaseMode>().ok()?),
                },
                kind: kind.map(str::to_owned),
            },
        };
        if alias.text.trim().is_empty() {
            return None;
        }
        aliases.push(alias);
    }
    Some(Entity {
        id: id.to_owned(),
        kind: kind.to_owned(),
        name: name.to_owned(),
        aliases,
        attrs: e.attrs,
    })
}

fn parse_jsonl_line(line: &str) -> Result<Entity> {
    match parse_jsonl_line_fast(line) {
        Some(e) => Ok(e),
        None => parse_jsonl_line_checked(line),
    }
}

fn parse_jsonl_line_checked(line: &str) -> Result<Entity> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| syntax(format!("invalid JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(syntax(format!(
            "expected a JSON object, found {}",
            type_name(&value)
        )));
    };
    let id = required(&obj, "id")?.to_owned();
    let kind = required(&obj, "kind")?.to_owned();
    let name = required(&obj, "name")?.to_owned();
    let mut aliases = Vec::new();
    match obj.get("aliases") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            aliases.reserve(items.len());
            for (i, item) in items.iter().enumerate() {
                let n = i + 1;
                let alias = match item {
                    Value::String(s) => Alias::new(s.as_str()),
                    Value::Object(o) => {
                        let text = match o.get("text") {
                            None | Some(Value::Null) => {
                                return Err(Error::new(
                                    ErrorKind::MissingField,
                                    format!("alias {n}: missing field `text`"),
                                ));
                            }
                            Some(Value::String(s)) => s.as_str(),
                            Some(v) => {
                                return Err(syntax(format!(
                                    "alias {n}: field `text` must be a string, found {}",
                                    type_name(v)
                                )));
                            }
                        };
                        let mut a = Alias::new(text);
                        match o.get("case") {
                            None | Some(Value::Null) => {}
                            Some(Value::String(c)) => {
                                a.case = Some(parse_case(c).map_err(|e| prefix(e, n))?)
                            }
                            Some(v) => {
                                return Err(syntax(format!(
                                    "alias {n}: field `case` must be a string, found {}",
                                    type_name(v)
                                )));
                            }
                        }
                        match o.get("kind") {
                            None | Some(Value::Null) => {}
                            Some(Value::String(k)) => a.kind = Some(k.clone()),
                            Some(v) => {
                                return Err(syntax(format!(
                                    "alias {n}: field `kind` must be a string, found {}",
                                    type_name(v)
                                )));
                            }
                        }
                        a
                    }
                    v => {
                        return Err(syntax(format!(
                            "alias {n} must be a string or an object, found {}",
                            type_name(v)
                        )));
                    }
                };
                if alias.text.trim().is_empty() {
                    return Err(Error::new(
                        ErrorKind::EmptyAlias,
                        format!("alias {n} is empty"),
                    ));
                }
                aliases.push(alias);
            }
        }
        Some(v) => {
            return Err(syntax(format!(
                "field `aliases` must be an array, found {}",
                type_name(v)
            )));
        }
    }
    let attrs = match obj.remove("attrs") {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m),
        Some(v) => {
            return Err(syntax(format!(
                "field `attrs` must be an object, found {}",
                type_name(&v)
            )));
        }
    };
    Ok(Entity {
        id,
        kind,
        name,
        aliases,
        attrs,
    })
}

fn prefix(e: Error, n: usize) -> Error {
    Error::new(e.kind(), format!("alias {n}: {}", e.reason()))
}

fn parse_tsv_line(line: &str) -> Result<Entity> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 3 {
        return Err(syntax(format!(
            "expected 3 or 4 tab-separated columns (id, kind, name, aliases), found {}",
            cols.len()
        )));
    }
    if cols.len() > 4 {
        return Err(syntax(format!(
            "expected 3 or 4 tab-separated columns (id, kind, name, aliases), found {}",
            cols.len()
        )));
    }
    for (i, field) in ["id", "kind"].iter().enumerate() {
        if cols[i].trim().is_empty() {
            return Err(Error::new(
                ErrorKind::MissingField,
                format!("empty field `{field}` (column {})", i + 1),
            ));
        }
    }
    if cols[2].trim().is_empty() {
        return Err(Error::new(
            ErrorKind::EmptyAlias,
            "empty field `name` (column 3)",
        ));
    }
    let mut e = Entity::new(cols[0], cols[1], cols[2]);
    if let Some(list) = cols.get(3)
        && !list.trim().is_empty()
    {
        for (i, a) in list.split('|').enumerate() {
            if a.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::EmptyAlias,
                    format!("alias {} is empty", i + 1),
                ));
            }
            e.aliases.push(Alias::new(a));
        }
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick JSON Lines reader gives exactly what the checked one gives, and gives up
    /// (leaving the decision, and the precise error, to the checked one) on the rest.
    #[test]
    fn quick_and_checked_readers_agree() {
        // (line, whether the quick reader takes it)
        let cases: &[(&str, bool)] = &[
            (r#"{"id": "a", "kind": "LOC", "name": "Aa"}"#, true),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [], "attrs": {}}"#,
                true,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": null, "attrs": null}"#,
                true,
            ),
            (
                r#"  {"name": "Aa", "kind": "LOC", "id": "a", "other": [1, {"x": null}]}"#,
                true,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": ["B b", {"text": "C", "case": "exact", "kind": "demonym", "x": 1}]}"#,
                true,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [{"text": "C", "case": null, "kind": null}]}"#,
                true,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "attrs": {"p": 1.5, "q": [true, null], "r": {"s": "t"}}}"#,
                true,
            ),
            (
                r#"{"id": "São", "kind": "LOC", "name": "São Paulo", "aliases": ["Sampa"]}"#,
                true,
            ),
            // Escapes, repeated fields: the checked reader's business.
            (r#"{"id": "a\"b", "kind": "LOC", "name": "A\u00e9"}"#, false),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": ["x\ty"]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "id": "b"}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [{"text": "C", "text": "D"}]}"#,
                false,
            ),
            // Bad lines.
            (r#"{"id": "a", "kind": "LOC"}"#, false),
            (r#"{"id": 1, "kind": "LOC", "name": "Aa"}"#, false),
            (r#"{"id": " ", "kind": "LOC", "name": "Aa"}"#, false),
            (r#"{"id": "a", "kind": "LOC", "name": null}"#, false),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [" "]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [{"case": "exact"}]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [{"text": "C", "case": "loud"}]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [{"text": 5}]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": [5]}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "aliases": "B"}"#,
                false,
            ),
            (
                r#"{"id": "a", "kind": "LOC", "name": "Aa", "attrs": [1]}"#,
                false,
            ),
            (r#"["a", "LOC", "Aa"]"#, false),
            (r#"{"id": "a", "kind": "LOC", "name": "Aa"} x"#, false),
            (r#"{"id": "a", "kind": "LOC", "name": "Aa""#, false),
            ("null", false),
        ];
        for &(line, takes) in cases {
            let checked = parse_jsonl_line_checked(line);
            match parse_jsonl_line_fast(line) {
                Some(e) => {
                    assert!(takes, "took {line}");
                    assert_eq!(Some(&e), checked.as_ref().ok(), "{line}");
                }
                None => assert!(!takes, "gave up on {line}"),
            }
        }
        // The ones given up on still load, or fail, as before.
        assert!(parse_jsonl_line(cases[8].0).is_ok());
        assert_eq!(
            parse_jsonl_line(cases[12].0).unwrap_err().kind(),
            ErrorKind::MissingField
        );
    }
}
