//! The parts of an article as Python objects: `Span`, `PartialDate`, `Dateline`, `Trailer`,
//! `Acronym`, `Quote`, `DateExpr`.
//!
//! Each wraps the core's record of the part (offsets in code points and in bytes) and the
//! text its byte spans slice; its attributes read the record, its `to_dict()` is the record
//! rendered in the core's full shape.

use std::sync::Arc;

use newswire::article::PartialDate;
use newswire::offsets::RecordSpan;
use newswire::records::{
    AcronymRecord, DateRecord, DatelineRecord, QuoteRecord, Shape, TrailerRecord,
};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{pyrepr, value_class};
use crate::pyser::to_py;
use crate::state::{Part, RecordState, covered};

/// Defines a part's class: the record and its text, pickling (the record's state with the
/// stretch of text it covers, see `state`), equality and `to_dict()`, beside the methods
/// given.
macro_rules! part_class {
    ($(#[$doc:meta])* $ty:ident($record:ty), $name:literal, { $($body:tt)* }) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "newswire._native", name = $name)]
        pub struct $ty {
            record: $record,
            /// What the record's byte spans slice: the article's text, or, unpickled, the
            /// stretch of it the part covers.
            text: Arc<str>,
        }

        impl $ty {
            pub(crate) fn new(record: $record, text: &Arc<str>) -> $ty {
                $ty { record, text: text.clone() }
            }
            fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let (stretch, base) = covered(&self.text, &self.record.spans());
                let text = PyString::new(py, stretch).into_any();
                PyTuple::new(py, [text, self.record.state(py, base)?])
            }
            pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<$ty> {
                let (text, record): (String, Bound<'_, PyAny>) = state.extract()?;
                let record = <$record>::from_state(&record, &text)?;
                Ok($ty { record, text: text.into() })
            }
        }

        value_class!($ty, $name, {
            /// The part as JSON-ready data: the core's record in its full shape.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                to_py(py, &self.record.render(&self.text, Shape::Full))
            }
            $($body)*
        });
    };
}

part_class!(
    /// A stretch of the text: `text[start:end] == span.text` (code-point offsets).
    PySpan(RecordSpan), "Span", {
    /// First code point.
    #[getter]
    fn start(&self) -> usize {
        self.record.start
    }
    /// One past the last code point.
    #[getter]
    fn end(&self) -> usize {
        self.record.end
    }
    /// The text it covers.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.slice(&self.text))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let r = &self.record;
        let text = pyrepr(py, r.slice(&self.text));
        format!("Span({}, {}, {text})", r.start, r.end)
    }
});

/// A month and day, with the year when written or inferred.
#[pyclass(frozen, module = "newswire._native", name = "PartialDate")]
pub struct PyPartialDate {
    date: PartialDate,
}

impl PyPartialDate {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let d = self.date;
        (d.year, d.month, d.day).into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyPartialDate> {
        let (year, month, day) = state.extract()?;
        Ok(PyPartialDate {
            date: PartialDate { year, month, day },
        })
    }
}

value_class!(PyPartialDate, "PartialDate", {
    /// The year, when known.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.date.year
    }
    /// 1 to 12.
    #[getter]
    fn month(&self) -> u8 {
        self.date.month
    }
    /// 1 to 31.
    #[getter]
    fn day(&self) -> u8 {
        self.date.day
    }
    /// `{"year", "month", "day"}`: the core's serde form.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.date)
    }
    fn __repr__(&self) -> String {
        let d = self.date;
        let year = d.year.map_or("None".to_string(), |y| y.to_string());
        format!("PartialDate({year}, {}, {})", d.month, d.day)
    }
});

part_class!(
    /// The opening `PLACE[, REGION][, DATE] [(AGENCY)] SEP` of wire copy.
    PyDateline(DatelineRecord), "Dateline", {
    /// First code point of the whole dateline.
    #[getter]
    fn start(&self) -> usize {
        self.record.span.start
    }
    /// One past its last code point (the separator included).
    #[getter]
    fn end(&self) -> usize {
        self.record.span.end
    }
    /// The dateline as written.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.span.slice(&self.text))
    }
    /// Each place as written.
    #[getter]
    fn locations(&self) -> Vec<PySpan> {
        self.record.locations.iter().map(|&s| PySpan::new(s, &self.text)).collect()
    }
    #[getter]
    fn date(&self) -> Option<PyPartialDate> {
        self.record.date.map(|date| PyPartialDate { date })
    }
    #[getter]
    fn date_span(&self) -> Option<PySpan> {
        self.record.date_span.map(|s| PySpan::new(s, &self.text))
    }
    /// The agency inside the parentheses, without them.
    #[getter]
    fn agency(&self) -> Option<PySpan> {
        self.record.agency.map(|s| PySpan::new(s, &self.text))
    }
    #[getter]
    fn separator(&self) -> Option<PySpan> {
        self.record.separator.map(|s| PySpan::new(s, &self.text))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let s = self.record.span;
        let text = pyrepr(py, s.slice(&self.text));
        format!("Dateline({}, {}, {text})", s.start, s.end)
    }
});

part_class!(
    /// A sign-off, credit, promotion or copyright line.
    PyTrailer(TrailerRecord), "Trailer", {
    #[getter]
    fn start(&self) -> usize {
        self.record.span.start
    }
    #[getter]
    fn end(&self) -> usize {
        self.record.span.end
    }
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.span.slice(&self.text))
    }
    /// `sign_off`, `credit`, `promotion` or `copyright`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.record.kind.as_str()
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let s = self.record.span;
        let text = pyrepr(py, s.slice(&self.text));
        let kind = pyrepr(py, self.record.kind.as_str());
        format!("Trailer({}, {}, {text}, kind={kind})", s.start, s.end)
    }
});

part_class!(
    /// An inline acronym definition: `Organization of Islamic Cooperation (OIC)`.
    PyAcronym(AcronymRecord), "Acronym", {
    /// The short form, without parentheses.
    #[getter]
    fn short(&self) -> PySpan {
        PySpan::new(self.record.short, &self.text)
    }
    /// The long form.
    #[getter]
    fn long(&self) -> PySpan {
        PySpan::new(self.record.long, &self.text)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let short = pyrepr(py, self.record.short.slice(&self.text));
        let long = pyrepr(py, self.record.long.slice(&self.text));
        format!("Acronym(short={short}, long={long})")
    }
});

part_class!(
    /// A quotation (quote marks included) and its speaker, when a cue names one.
    PyQuote(QuoteRecord), "Quote", {
    #[getter]
    fn start(&self) -> usize {
        self.record.span.start
    }
    #[getter]
    fn end(&self) -> usize {
        self.record.span.end
    }
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.span.slice(&self.text))
    }
    #[getter]
    fn speaker(&self) -> Option<PySpan> {
        self.record.speaker.map(|s| PySpan::new(s, &self.text))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let s = self.record.span;
        let text = pyrepr(py, s.slice(&self.text));
        let speaker = (self.record.speaker)
            .map_or("None".to_string(), |sp| pyrepr(py, sp.slice(&self.text)));
        format!("Quote({}, {}, {text}, speaker={speaker})", s.start, s.end)
    }
});

part_class!(
    /// A date expression and what it resolves to.
    PyDateExpr(DateRecord), "DateExpr", {
    #[getter]
    fn start(&self) -> usize {
        self.record.span.start
    }
    #[getter]
    fn end(&self) -> usize {
        self.record.span.end
    }
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.span.slice(&self.text))
    }
    #[getter]
    fn year(&self) -> Option<i32> {
        self.record.year
    }
    #[getter]
    fn month(&self) -> Option<u8> {
        self.record.month
    }
    #[getter]
    fn day(&self) -> Option<u8> {
        self.record.day
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let d = &self.record;
        let text = pyrepr(py, d.span.slice(&self.text));
        let f = |v: Option<i64>| v.map_or("None".to_string(), |v| v.to_string());
        format!(
            "DateExpr({}, {}, {text}, year={}, month={}, day={})",
            d.span.start,
            d.span.end,
            f(d.year.map(i64::from)),
            f(d.month.map(i64::from)),
            f(d.day.map(i64::from))
        )
    }
});
