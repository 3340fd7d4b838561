//! serde's data model written as compact JSON straight into a byte buffer: the serializer
//! behind [`json`](super)'s records.
//!
//! The records say once, in their serde impls (`records/render.rs`), which fields they
//! have; this writer turns that into the bytes `serde_json::to_vec` would give, faster:
//! field names are written as they are (they are the records' own `&'static str`s, which
//! need no escape), strings and numbers through [`text`](super::text)'s fast paths, and
//! nothing goes through `io::Write`. The few kinds of value the records never hold (floats,
//! 128-bit integers) are handed to `serde_json` itself, so the output is the same for any
//! value; a map key that is not a string, an integer or a bool is an error, as it is for
//! `serde_json`. serde_json's own verbatim values (a `RawValue`, and a `Number` under its
//! `arbitrary_precision` feature) reach a serializer as a struct of one string field under
//! a private name; that string is written as it is, as `serde_json` does.

use std::fmt;

use serde::ser::{self, Serialize};

use super::text::{write_i64, write_str, write_u64};

/// Append `value` as compact JSON to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

struct Writer<'b> {
    out: &'b mut Vec<u8>,
}

impl Writer<'_> {
    /// A value `serde_json` writes for us: one the records never hold.
    fn by_serde_json<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &value).map_err(|e| Error(e.to_string()))
    }

    /// `{"variant":` before the value of an enum variant with data.
    fn open_variant(&mut self, variant: &'static str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }

    fn compound(&mut self, open: u8, close: &'static [u8]) -> Compound<'_> {
        self.out.push(open);
        Compound {
            out: self.out,
            first: true,
            close,
            verbatim: false,
        }
    }
}

/// The private struct names under which serde_json hands over JSON text to be written as
/// it is (`serde_json::value::RawValue`; `Number` with `arbitrary_precision`).
const VERBATIM: [&str; 2] = [
    "$serde_json::private::RawValue",
    "$serde_json::private::Number",
];

/// An array or object being written: its elements or fields, then `close`.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// `]`, `}`, or `]}` / `}}` to close an enum variant's value too.
    close: &'static [u8],
    /// One of serde_json's [`VERBATIM`] structs: its one field is JSON text, written as it
    /// is, with neither braces nor key.
    verbatim: bool,
}

impl Compound<'_> {
    #[inline]
    fn comma(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// `,"key":` (no comma before the first): `key` is a field name of a record type.
    #[inline]
    fn key(&mut self, key: &'static str) {
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        self.out.reserve(key.len() + 4);
        self.comma();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut Writer { out: self.out })
    }

    #[inline]
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if self.verbatim {
            return self.verbatim_field(value);
        }
        self.key(key);
        value.serialize(&mut Writer { out: self.out })
    }

    /// The text of a [`VERBATIM`] struct's field: it is a string, written here as JSON and
    /// read back, which is slow but only ever met in values the records do not hold.
    #[cold]
    fn verbatim_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let mut quoted = Vec::new();
        value.serialize(&mut Writer { out: &mut quoted })?;
        let text: String = serde_json::from_slice(&quoted)
            .map_err(|_| Error("a verbatim JSON value that is not a string".into()))?;
        self.out.extend_from_slice(text.as_bytes());
        Ok(())
    }

    #[inline]
    fn close(self) -> Result<(), Error> {
        if !self.verbatim {
            self.out.extend_from_slice(self.close);
        }
        Ok(())
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    #[inline]
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write_i64(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.by_serde_json(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    #[inline]
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_u64(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.by_serde_json(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.by_serde_json(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.by_serde_json(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        // An array of numbers, as serde_json writes bytes.
        let mut seq = self.compound(b'[', b"]");
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }
    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    #[inline]
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound(b'[', b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.open_variant(variant);
        Ok(self.compound(b'[', b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound(b'{', b"}"))
    }
    #[inline]
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        if VERBATIM.contains(&name) {
            return Ok(Compound {
                out: self.out,
                first: true,
                close: b"",
                verbatim: true,
            });
        }
        Ok(self.compound(b'{', b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.open_variant(variant);
        Ok(self.compound(b'{', b"}}"))
    }
}

/// The impls of serde's compound traits, all alike: elements or fields, then the close.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            #[inline]
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}
elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            #[inline]
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey { out: self.out })?;
        self.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut Writer { out: self.out })
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key: a string as it is, an integer or a bool in quotes (as serde_json writes
/// them); anything else is an error.
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn quoted(self, write: impl FnOnce(&mut Vec<u8>)) -> Result<(), Error> {
        self.out.push(b'"');
        write(self.out);
        self.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

/// Map-key methods that refuse their kind of value.
macro_rules! not_a_key {
    ($($method:ident($($arg:ty),*)),*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<(), Error> {
            Err(key_must_be_a_string())
        }
    )*};
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|out| out.extend_from_slice(if v { b"true" } else { b"false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    not_a_key!(
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str)
    );
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let mut out = Vec::new();
        super::write(&mut out, value).unwrap();
        let want = serde_json::to_string(value).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[derive(Serialize)]
    enum Variants {
        Unit,
        Newtype(u8),
        Tuple(i32, bool),
        Struct { a: Option<u8>, b: &'static str },
    }

    #[derive(Serialize)]
    struct Everything {
        b: bool,
        i: i64,
        neg: i8,
        u: u32,
        big: u128,
        f: f64,
        nan: f32,
        c: char,
        s: &'static str,
        none: Option<u8>,
        some: Option<&'static str>,
        unit: (),
        tuple: (u8, &'static str),
        seq: Vec<Variants>,
        empty: Vec<u8>,
        map: BTreeMap<&'static str, Vec<u8>>,
        by_number: BTreeMap<i32, bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        json: serde_json::Value,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde_json(&Everything {
            b: true,
            i: -1234567,
            neg: -128,
            u: 42,
            big: u128::MAX,
            f: 0.1,
            nan: f32::NAN,
            c: 'é',
            s: "a \"quoted\"\n line",
            none: None,
            some: Some("x"),
            unit: (),
            tuple: (7, "t"),
            seq: vec![
                Variants::Unit,
                Variants::Newtype(3),
                Variants::Tuple(-1, false),
                Variants::Struct { a: None, b: "b" },
            ],
            empty: vec![],
            map: [("k\"1", vec![1, 2]), ("k2", vec![])].into_iter().collect(),
            by_number: [(-3, true), (5, false)].into_iter().collect(),
            skipped: None,
            json: serde_json::json!({"population": 1.5e6, "nested": [null, {"a": "b"}]}),
        });
    }

    #[test]
    fn raw_json_is_written_as_it_is() {
        let raw: Box<serde_json::value::RawValue> =
            serde_json::from_str(r#"{ "population" : 1.50e6, "s": "\u00e9" }"#).unwrap();
        let map: BTreeMap<&str, &serde_json::value::RawValue> = [("attrs", &*raw)].into();
        same_as_serde_json(&map);
        same_as_serde_json(&vec![&*raw, &*raw]);
    }

    #[test]
    fn a_map_key_must_be_a_string() {
        let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(super::write(&mut Vec::new(), &map).is_err());
        assert!(serde_json::to_string(&map).is_err());
    }
}
