//! A serde serializer that makes Python objects: the core's serde output (a rendered
//! record, a date) as plain Python data, built directly (no JSON text in between).
//!
//! The shapes are those `serde_json` gives: structs and maps as `dict`, sequences and
//! tuples as `list`, `None` for a unit or a missing option, unit variants as their name.
//! A `serde_json` raw value (how an entity's attributes are written as given) is read as
//! the JSON it holds.
//!
//! A leaf: it uses nothing of this crate.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// `value` as Python data.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Serializer { py }).map_err(|e| e.0)
}

/// The name `serde_json` gives the struct of a raw value, and that struct's one field (the
/// JSON text).
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A Python exception, carried through serde.
pub(crate) struct Error(PyErr);

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Error {
        Error(e)
    }
}

type Result<T> = std::result::Result<T, Error>;

#[derive(Clone, Copy)]
struct Serializer<'py> {
    py: Python<'py>,
}

impl<'py> Serializer<'py> {
    fn object<T>(self, value: T) -> Result<Bound<'py, PyAny>>
    where
        T: IntoPyObject<'py>,
        PyErr: From<T::Error>,
    {
        Ok(value.into_bound_py_any(self.py)?)
    }

    /// `{variant: value}`, as `serde_json` writes a variant with data.
    fn variant(self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let dict = PyDict::new(self.py);
        dict.set_item(name(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

/// The Python `str` of a field or variant name, made and interned once: the same few dozen
/// names are the keys of every dict made (a new `str` for each would be most of the work).
fn name<'py>(py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
    type Names = HashMap<(usize, usize), Py<PyString>>;
    static NAMES: Mutex<Option<Names>> = Mutex::new(None);
    let names = || {
        NAMES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    // A `'static` name is known by where it is.
    let key = (name.as_ptr() as usize, name.len());
    if let Some(known) = names().as_ref().and_then(|n| n.get(&key)) {
        return known.bind(py).clone();
    }
    // Made outside the lock: nothing that runs Python code ever waits for it.
    let made = PyString::intern(py, name);
    let mut names = names();
    (names.get_or_insert_with(HashMap::new))
        .entry(key)
        .or_insert_with(|| made.clone().unbind());
    made
}

/// `json.loads(json)`, the function looked up once: for raw values (attributes as given).
pub(crate) fn json_loads<'py>(
    py: Python<'py>,
    json: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

impl<'py> ser::Serializer for Serializer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.object(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(name(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let inner = value.serialize(self)?;
        self.variant(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>> {
        Ok(Seq {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'py>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'py>> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>> {
        Ok(Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
            raw: false,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Map<'py>> {
        let mut map = self.serialize_map(Some(len))?;
        map.raw = name == RAW_VALUE;
        Ok(map)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map<'py>> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

/// A sequence being made: a `list`.
pub(crate) struct Seq<'py> {
    ser: Serializer<'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.ser.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.ser.variant(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A map or struct being made: a `dict`.
pub(crate) struct Map<'py> {
    ser: Serializer<'py>,
    dict: Bound<'py, PyDict>,
    /// The key given, waiting for its value.
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
    /// A `serde_json` raw value (a struct of one field, its JSON text): read as that JSON.
    raw: bool,
}

impl<'py> Map<'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let value = value.serialize(self.ser)?;
        self.dict.set_item(name(self.ser.py, key), value)?;
        Ok(())
    }
    fn finish(self) -> Result<Bound<'py, PyAny>> {
        if self.raw {
            let json = (self.dict.get_item(RAW_VALUE)?)
                .ok_or_else(|| <Error as ser::Error>::custom("a raw value without its JSON"))?;
            return Ok(json_loads(self.ser.py, &json)?);
        }
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.ser.variant(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = (self.key.take())
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}
