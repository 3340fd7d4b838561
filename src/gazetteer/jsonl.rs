//! The JSON Lines reader: one entity a line,
//! `{"id", "kind", "name", "aliases"?, "attrs"?}`.
//!
//! Two readers of a line, one answer: a quick one that borrows every string from the line
//! and takes the common case (no escapes, every field as it should be), and a checked one,
//! through `serde_json::Value`, that the quick one leaves everything else to and that
//! gives the precise error for a bad line. A million-line gazetteer is read several times
//! faster so, and a bad line is still named exactly.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::entity::{Alias, Entity, NewAlias, NewEntity};
use super::syntax;
use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};

/// The entity on one line (not blank).
pub(super) fn parse_line(line: &str) -> Result<NewEntity<'_>> {
    match parse_line_fast(line) {
        Some(e) => Ok(e),
        None => parse_line_checked(line).map(NewEntity::from),
    }
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
    #[serde(borrow)]
    attrs: Option<&'a RawValue>,
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
/// `None` for anything else — [`parse_line_checked`] then decides, with the precise
/// error when there is one.
fn parse_line_fast(line: &str) -> Option<NewEntity<'_>> {
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
            LineAlias::Text(t) => NewAlias {
                text: Cow::Borrowed(t),
                case: None,
                kind: None,
            },
            LineAlias::Object { text, case, kind } => NewAlias {
                text: Cow::Borrowed(text?),
                case: match case {
                    None => None,
                    Some(c) => Some(c.parse::<CaseMode>().ok()?),
                },
                kind: kind.map(Cow::Borrowed),
            },
        };
        if alias.text.trim().is_empty() {
            return None;
        }
        aliases.push(alias);
    }
    // The attributes are kept as written, once known to be an object that reads back:
    // nested no deeper than serde_json's limit, which the raw value does not enforce (with
    // fewer brackets than the limit, it cannot be deeper).
    let attrs = match e.attrs {
        Some(raw) if raw.get().starts_with('{') => {
            let brackets = raw
                .get()
                .bytes()
                .filter(|&b| b == b'{' || b == b'[')
                .count();
            if brackets > 100 && serde_json::from_str::<Value>(raw.get()).is_err() {
                return None;
            }
            Some(Cow::Borrowed(raw.get()))
        }
        Some(_) => return None,
        None => None,
    };
    Some(NewEntity {
        id: Cow::Borrowed(id),
        kind: Cow::Borrowed(kind),
        name: Cow::Borrowed(name),
        aliases,
        attrs,
    })
}

fn parse_line_checked(line: &str) -> Result<Entity> {
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
                                a = a.with_case(parse_case(c).map_err(|e| prefix(e, n))?)
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
                            Some(Value::String(k)) => a = a.with_kind(k.as_str()),
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
                if alias.text().trim().is_empty() {
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
    Ok(Entity::from_parts(id, kind, name, aliases, attrs))
}

fn prefix(e: Error, n: usize) -> Error {
    Error::new(e.kind(), format!("alias {n}: {}", e.reason()))
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
            let checked = parse_line_checked(line);
            match parse_line_fast(line) {
                Some(e) => {
                    assert!(takes, "took {line}");
                    assert_eq!(
                        Some(e.to_entity()),
                        checked.as_ref().ok().cloned(),
                        "{line}"
                    );
                }
                None => assert!(!takes, "gave up on {line}"),
            }
        }
        // The ones given up on still load, or fail, as before.
        assert!(parse_line(cases[8].0).is_ok());
        assert_eq!(
            parse_line(cases[12].0).unwrap_err().kind(),
            ErrorKind::MissingField
        );
    }
}
