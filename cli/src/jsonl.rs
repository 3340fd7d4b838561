//! Taking the text and id fields out of one JSON Lines record.
//!
//! The record is walked once with serde: the two fields wanted are kept and every other
//! value is skipped without being built, so wide records (metadata, reference annotations)
//! cost little more than their bytes.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The article in a good line.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    /// The id field, a number as it is written; `None` when absent or null.
    pub id: Option<String>,
    /// The text field.
    pub text: String,
}

/// Why a line holds no article, with the id when the line is an object that has one.
#[derive(Debug, PartialEq, Eq)]
pub struct Bad {
    /// The id field, when it could be read.
    pub id: Option<String>,
    /// What is wrong, for people.
    pub error: String,
}

impl Bad {
    fn new(error: impl Into<String>) -> Bad {
        Bad {
            id: None,
            error: error.into(),
        }
    }
}

/// Read one line (without its line ending) of JSON Lines.
pub fn parse_line(line: &[u8], text_field: &str, id_field: &str) -> Result<Record, Bad> {
    if let Err(e) = std::str::from_utf8(line) {
        // The offset counts from the start of the line, which the error record names.
        return Err(Bad::new(newswire::Error::invalid_utf8(&e).to_string()));
    }
    // A byte order mark before the record (an editor's, at the start of a file, or of each
    // file of a `cat`) is no part of it: JSON has no place for one, and the gazetteer
    // reader skips it too. Columns still count from the start of the line.
    let (line, skipped) = match line.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (line, 0),
    };
    let json_error = |e: &serde_json::Error| json_error(e, skipped);
    let first = line.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first != Some(b'{') {
        // Tell "valid JSON but not an object" apart from "not JSON".
        return Err(Bad::new(match serde_json::from_slice::<IgnoredAny>(line) {
            Ok(_) => format!("expected a JSON object, found {}", kind_of_start(first)),
            Err(e) => json_error(&e),
        }));
    }
    let mut de = serde_json::Deserializer::from_slice(line);
    let fields = match (FieldsSeed {
        text_field,
        id_field,
        line,
    })
    .deserialize(&mut de)
    {
        Ok(fields) => fields,
        Err(e) => return Err(Bad::new(json_error(&e))),
    };
    if let Err(e) = de.end() {
        return Err(Bad::new(json_error(&e)));
    }
    let id = match fields.id {
        None | Some(Scalar::Null) => None,
        Some(Scalar::Str(s)) => Some(s),
        Some(Scalar::Other(kind)) => {
            return Err(Bad::new(format!(
                "field `{id_field}` is {kind}, not a string or a number"
            )));
        }
    };
    match fields.text {
        Some(Scalar::Str(text)) => Ok(Record { id, text }),
        None => Err(Bad {
            id,
            error: format!("missing field `{text_field}`"),
        }),
        Some(Scalar::Null) => Err(Bad {
            id,
            error: format!("field `{text_field}` is null, not a string"),
        }),
        Some(Scalar::Other(kind)) => Err(Bad {
            id,
            error: format!("field `{text_field}` is {kind}, not a string"),
        }),
    }
}

fn kind_of_start(first: Option<u8>) -> &'static str {
    match first {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(_) => "a number",
        None => "nothing",
    }
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Whether a line holds no record: only white space (after a byte order mark, if any).
pub fn is_blank(line: &[u8]) -> bool {
    let line = line.strip_prefix(BOM).unwrap_or(line);
    line.iter().all(u8::is_ascii_whitespace)
}

/// serde_json's message with the column in front; `skipped` bytes were cut from the start
/// of the line before parsing.
fn json_error(e: &serde_json::Error, skipped: usize) -> String {
    format!(
        "invalid JSON at column {}: {}",
        e.column() + skipped,
        message(e)
    )
}

/// serde_json's message without its "at line 1 column N" (a record is one line).
fn message(e: &serde_json::Error) -> String {
    let mut msg = e.to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    msg
}

/// A field's value, as far as it matters here.
#[derive(Debug)]
enum Scalar {
    /// A string, or a number written as a string.
    Str(String),
    Null,
    /// Anything else, named for the error message.
    Other(&'static str),
}

struct Fields {
    text: Option<Scalar>,
    id: Option<Scalar>,
}

struct FieldsSeed<'a> {
    text_field: &'a str,
    id_field: &'a str,
    /// The line being read, to place an error inside the id's value.
    line: &'a [u8],
}

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Fields;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields {
            text: None,
            id: None,
        };
        while let Some(key) = map.next_key_seed(KeySeed {
            text_field: self.text_field,
            id_field: self.id_field,
        })? {
            // A repeated key: the last one wins, as in most JSON readers.
            match key {
                Key::Text => fields.text = Some(map.next_value_seed(ScalarSeed)?),
                Key::Id => {
                    let raw = map.next_value::<&'de RawValue>()?;
                    // The value is a slice of the line: where it starts in it.
                    let at =
                        (raw.get().as_ptr() as usize).wrapping_sub(self.line.as_ptr() as usize);
                    fields.id = Some(id_value(raw, at)?)
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

enum Key {
    Text,
    Id,
    Other,
}

struct KeySeed<'a> {
    text_field: &'a str,
    id_field: &'a str,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(if v == self.text_field {
            Key::Text
        } else if v == self.id_field {
            Key::Id
        } else {
            Key::Other
        })
    }
}

/// The id field's value, which starts `at` bytes into the line: a number is kept as
/// written. Read as a float, a number past 2^64 would lose its last digits (two ids could
/// become one), and `-0` or `1e3` would be respelled; an id is a name, not a quantity.
fn id_value<E: de::Error>(raw: &RawValue, at: usize) -> Result<Scalar, E> {
    let text = raw.get();
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(Scalar::Str(text.to_owned()));
    }
    // Anything else is read as before; `raw` is valid JSON syntax, checked as it was read,
    // but a string can still hold an escape no string may (a lone surrogate).
    ScalarSeed
        .deserialize(&mut serde_json::Deserializer::from_str(text))
        .map_err(|e| {
            // The error's column counts from the value's start; the record's, from the
            // line's. serde_json takes an error's place from the end of its message.
            E::custom(format_args!(
                "{} at line 1 column {}",
                message(&e),
                at + e.column()
            ))
        })
}

/// Reads any value; keeps strings. (An id's number never comes here: `id_value` keeps
/// it as written.)
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scalar, E> {
        Ok(Scalar::Other("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scalar, E> {
        Ok(Scalar::Other("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(id: Option<&str>, text: &str) -> Result<Record, Bad> {
        Ok(Record {
            id: id.map(str::to_owned),
            text: text.to_owned(),
        })
    }

    fn bad(id: Option<&str>, starts: &str) -> impl Fn(&Result<Record, Bad>) -> bool {
        let id = id.map(str::to_owned);
        let starts = starts.to_owned();
        move |r| matches!(r, Err(b) if b.id == id && b.error.starts_with(&starts))
    }

    #[test]
    fn good_lines() {
        let cases: &[(&[u8], Result<Record, Bad>)] = &[
            (br#"{"text": "a"}"#, ok(None, "a")),
            (br#"{"id": "x1", "text": "a"}"#, ok(Some("x1"), "a")),
            (br#"{"text": "a", "id": 17}"#, ok(Some("17"), "a")),
            (br#"{"text": "a", "id": -3}"#, ok(Some("-3"), "a")),
            (br#"{"text": "a", "id": 1.5}"#, ok(Some("1.5"), "a")),
            // Numbers are kept as written: past 2^64 every digit, and their spelling.
            (
                br#"{"text": "a", "id": 123456789012345678901234567890}"#,
                ok(Some("123456789012345678901234567890"), "a"),
            ),
            (
                br#"{"text": "a", "id": 18446744073709551617}"#,
                ok(Some("18446744073709551617"), "a"),
            ),
            (br#"{"text": "a", "id": -0}"#, ok(Some("-0"), "a")),
            (br#"{"text": "a", "id": 1e3 }"#, ok(Some("1e3"), "a")),
            (br#"{"text": "a", "id":1.50}"#, ok(Some("1.50"), "a")),
            (br#"{"text": "a", "id": "x\u0041"}"#, ok(Some("xA"), "a")),
            (br#"{"text": "a", "id": null}"#, ok(None, "a")),
            (
                br#"  {"text": "\u00e9\n\"q\"", "meta": {"a": [1, {"b": null}]}}  "#,
                ok(None, "é\n\"q\""),
            ),
            (br#"{"text": ""}"#, ok(None, "")),
            (br#"{"text": "first", "text": "last"}"#, ok(None, "last")),
            // A field that is skipped is not built, so an unpaired surrogate escape in it
            // (leading or trailing, at the end of the string or not) does not cost the line.
            (br#"{"text": "a", "note": "\ud8f2 x"}"#, ok(None, "a")),
            (br#"{"text": "a", "note": "\ud8f2"}"#, ok(None, "a")),
            (br#"{"text": "a", "note": "\udf82\udf82"}"#, ok(None, "a")),
            (
                "{\"text\": \"São Paulo\"}".as_bytes(),
                ok(None, "São Paulo"),
            ),
            // A byte order mark before the record is skipped; one inside the text is kept.
            ("\u{feff}{\"text\": \"a\"}".as_bytes(), ok(None, "a")),
            (
                "\u{feff}  {\"text\": \"\u{feff}a\"}".as_bytes(),
                ok(None, "\u{feff}a"),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(
                &parse_line(line, "text", "id"),
                want,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn blank_lines() {
        for (line, blank) in [
            (&b""[..], true),
            (b" \t\r", true),
            (b"\xef\xbb\xbf", true),
            (b"\xef\xbb\xbf  ", true),
            (b"\xef\xbb\xbf\xef\xbb\xbf", false),
            (b"{}", false),
            (b"\xef\xbb", false),
        ] {
            assert_eq!(is_blank(line), blank, "{line:?}");
        }
    }

    #[test]
    fn renamed_fields() {
        let line = br#"{"id": "no", "text": "no", "doc": 5, "body": "yes"}"#;
        assert_eq!(parse_line(line, "body", "doc"), ok(Some("5"), "yes"));
        let escaped_key = br#"{"b\u006fdy": "yes"}"#;
        assert_eq!(parse_line(escaped_key, "body", "doc"), ok(None, "yes"));
    }

    #[test]
    fn bad_lines() {
        let cases: &[(&[u8], Option<&str>, &str)] = &[
            (
                b"{\"text\": \"caf\xe9\"}",
                None,
                "invalid UTF-8 at byte offset 13",
            ),
            (b"not json", None, "invalid JSON at column 2"),
            (b"{\"text\": ", None, "invalid JSON"),
            (br#"{"text": "a"} trailing"#, None, "invalid JSON"),
            (br#"{"text": "a"}{"text": "b"}"#, None, "invalid JSON"),
            (
                br#"["text", "a"]"#,
                None,
                "expected a JSON object, found an array",
            ),
            (br#""text""#, None, "expected a JSON object, found a string"),
            (b"42", None, "expected a JSON object, found a number"),
            (b"null", None, "expected a JSON object, found null"),
            (br#"{"id": "x"}"#, Some("x"), "missing field `text`"),
            (
                br#"{"text": 5, "id": "x"}"#,
                Some("x"),
                "field `text` is a number, not a string",
            ),
            (br#"{"text": ["a"]}"#, None, "field `text` is an array"),
            (br#"{"text": {"a": 1}}"#, None, "field `text` is an object"),
            (br#"{"text": null}"#, None, "field `text` is null"),
            (br#"{"text": true}"#, None, "field `text` is a boolean"),
            (
                br#"{"text": "a", "id": [1]}"#,
                None,
                "field `id` is an array",
            ),
            // Columns count from the start of the line, byte order mark included.
            (
                "\u{feff}{\"text\": x}".as_bytes(),
                None,
                "invalid JSON at column 13: expected value",
            ),
            (
                "\u{feff}\u{feff}{}".as_bytes(),
                None,
                "invalid JSON at column 4",
            ),
            // An error inside the id's value, placed in the line as one in the text is.
            (br#"{"text": "\ud800"}"#, None, "invalid JSON at column 17:"),
            (
                br#"{"id": "\ud800", "text": "a"}"#,
                None,
                "invalid JSON at column 15:",
            ),
            (
                br#"{"text": "a", "id": "x\ud800y"}"#,
                None,
                "invalid JSON at column 29:",
            ),
            (
                "\u{feff}{\"id\": \"\\ud800\"}".as_bytes(),
                None,
                "invalid JSON at column 18:",
            ),
        ];
        for (line, id, starts) in cases {
            let got = parse_line(line, "text", "id");
            assert!(
                bad(*id, starts)(&got),
                "{}: {got:?}",
                String::from_utf8_lossy(line)
            );
        }
    }
}
