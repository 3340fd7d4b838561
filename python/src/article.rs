//! `newswire.parse` and the read-only article objects (`Article`, `Span`, `Dateline`, ...).

use std::sync::Arc;

use newswire::article::PartialDate;
use newswire::offsets::CharIndex;
use newswire::{Article, Parser};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::convert::{CS, date_arg, opt_span_state, pyrepr, text_arg};

/// Defines `__reduce__`, `__eq__`, `__ne__` and `__hash__` from a class's `state()` tuple,
/// next to the class's other methods.
macro_rules! value_class {
    ($ty:ty, $name:literal, { $($body:tt)* }) => {
        #[pymethods]
        impl $ty {
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                crate::convert::reduce(py, $name, self.state(py)?)
            }
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                match other.cast::<Self>() {
                    Ok(o) => {
                        let eq = crate::convert::same_state(self.state(py)?, o.get().state(py)?)?;
                        Ok(pyo3::types::PyBool::new(py, eq).to_owned().into_any().unbind())
                    }
                    Err(_) => Ok(py.NotImplemented()),
                }
            }
            fn __ne__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                match other.cast::<Self>() {
                    Ok(o) => {
                        let eq = crate::convert::same_state(self.state(py)?, o.get().state(py)?)?;
                        Ok(pyo3::types::PyBool::new(py, !eq).to_owned().into_any().unbind())
                    }
                    Err(_) => Ok(py.NotImplemented()),
                }
            }
            fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
                self.state(py)?.hash()
            }
            $($body)*
        }
    };
}
pub(crate) use value_class;

/// A parsed article with every byte span also converted to code points, plus its text.
#[derive(Debug)]
pub(crate) struct ArticleData {
    pub text: String,
    pub article: Article,
    pub dateline: Option<DatelineC>,
    pub headline: Option<CS>,
    pub byline: Option<CS>,
    pub body: CS,
    pub paragraphs: Vec<CS>,
    pub sentences: Vec<CS>,
    pub trailers: Vec<(CS, &'static str)>,
    pub acronyms: Vec<(CS, CS)>,
    pub quotes: Vec<(CS, Option<CS>)>,
    pub dates: Vec<DateC>,
}

/// A date expression's span and its year, month and day.
pub(crate) type DateC = (CS, Option<i32>, Option<u8>, Option<u8>);

#[derive(Debug)]
pub(crate) struct DatelineC {
    pub span: CS,
    pub locations: Vec<CS>,
    pub date: Option<PartialDate>,
    pub date_span: Option<CS>,
    pub agency: Option<CS>,
    pub separator: Option<CS>,
}

impl ArticleData {
    /// Runs without the GIL: one pass over the text for the index, then every span.
    pub(crate) fn new(text: String, article: Article) -> ArticleData {
        ArticleData::new_with(text, article, |_, _| ()).0
    }

    /// Like `new`, and also runs `extra` with the text's index (for the mentions of a
    /// document), so the text is indexed once.
    pub(crate) fn new_with<R>(
        text: String,
        article: Article,
        extra: impl FnOnce(&CharIndex<'_>, &str) -> R,
    ) -> (ArticleData, R) {
        let (
            dateline,
            headline,
            byline,
            body,
            paragraphs,
            sentences,
            trailers,
            acronyms,
            quotes,
            dates,
            r,
        );
        {
            let ix = CharIndex::new(&text);
            let c = |s| CS::new(&ix, s);
            dateline = article.dateline().map(|d| DatelineC {
                span: c(d.span()),
                locations: d.locations().iter().map(|&s| c(s)).collect(),
                date: d.date(),
                date_span: d.date_span().map(c),
                agency: d.agency().map(c),
                separator: d.separator().map(c),
            });
            headline = article.headline().map(c);
            byline = article.byline().map(c);
            body = c(article.body());
            paragraphs = article.paragraphs().iter().map(|&s| c(s)).collect();
            sentences = article.sentences().iter().map(|&s| c(s)).collect();
            trailers = article
                .trailers()
                .iter()
                .map(|t| (c(t.span), t.kind.as_str()))
                .collect();
            acronyms = article
                .acronyms()
                .iter()
                .map(|a| (c(a.short), c(a.long)))
                .collect();
            quotes = article
                .quotes()
                .iter()
                .map(|q| (c(q.span), q.speaker.map(c)))
                .collect();
            dates = article
                .dates()
                .iter()
                .map(|d| (c(d.span), d.year, d.month, d.day))
                .collect();
            r = extra(&ix, &text);
        }
        let data = ArticleData {
            text,
            article,
            dateline,
            headline,
            byline,
            body,
            paragraphs,
            sentences,
            trailers,
            acronyms,
            quotes,
            dates,
        };
        (data, r)
    }

    /// Every span with a label, in field order (for the offset tests).
    pub(crate) fn all_spans(&self) -> Vec<(&'static str, CS)> {
        let mut out = Vec::new();
        if let Some(d) = &self.dateline {
            out.push(("dateline", d.span));
            out.extend(d.locations.iter().map(|&s| ("dateline.location", s)));
            out.extend(d.date_span.map(|s| ("dateline.date", s)));
            out.extend(d.agency.map(|s| ("dateline.agency", s)));
            out.extend(d.separator.map(|s| ("dateline.separator", s)));
        }
        out.extend(self.headline.map(|s| ("headline", s)));
        out.extend(self.byline.map(|s| ("byline", s)));
        out.push(("body", self.body));
        out.extend(self.paragraphs.iter().map(|&s| ("paragraph", s)));
        out.extend(self.sentences.iter().map(|&s| ("sentence", s)));
        out.extend(self.trailers.iter().map(|&(s, _)| ("trailer", s)));
        for &(short, long) in &self.acronyms {
            out.push(("acronym.short", short));
            out.push(("acronym.long", long));
        }
        for &(s, speaker) in &self.quotes {
            out.push(("quote", s));
            out.extend(speaker.map(|s| ("quote.speaker", s)));
        }
        out.extend(self.dates.iter().map(|&(s, ..)| ("date", s)));
        out
    }

    pub(crate) fn span(&self, py: Python<'_>, c: CS) -> PyResult<Py<PySpan>> {
        Py::new(
            py,
            PySpan {
                start: c.cs,
                end: c.ce,
                text: PyString::new(py, c.slice(&self.text)).unbind(),
            },
        )
    }

    fn opt_span(&self, py: Python<'_>, c: Option<CS>) -> PyResult<Option<Py<PySpan>>> {
        c.map(|c| self.span(py, c)).transpose()
    }

    fn spans<'py>(&self, py: Python<'py>, cs: &[CS]) -> PyResult<Bound<'py, PyList>> {
        let items = cs
            .iter()
            .map(|&c| self.span(py, c))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    pub(crate) fn span_dict<'py>(&self, py: Python<'py>, c: CS) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", c.cs)?;
        d.set_item("end", c.ce)?;
        d.set_item("text", c.slice(&self.text))?;
        Ok(d)
    }

    fn opt_span_dict<'py>(&self, py: Python<'py>, c: Option<CS>) -> PyResult<Bound<'py, PyAny>> {
        match c {
            Some(c) => Ok(self.span_dict(py, c)?.into_any()),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn span_dicts<'py>(&self, py: Python<'py>, cs: &[CS]) -> PyResult<Bound<'py, PyList>> {
        let items = cs
            .iter()
            .map(|&c| self.span_dict(py, c))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The article's fields as JSON-ready Python data (code-point offsets).
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        match &self.dateline {
            Some(d) => {
                let dd = self.span_dict(py, d.span)?;
                dd.set_item("locations", self.span_dicts(py, &d.locations)?)?;
                dd.set_item("date", partial_date_dict(py, d.date)?)?;
                dd.set_item("date_span", self.opt_span_dict(py, d.date_span)?)?;
                dd.set_item("agency", self.opt_span_dict(py, d.agency)?)?;
                dd.set_item("separator", self.opt_span_dict(py, d.separator)?)?;
                out.set_item("dateline", dd)?;
            }
            None => out.set_item("dateline", py.None())?,
        }
        out.set_item("headline", self.opt_span_dict(py, self.headline)?)?;
        out.set_item("byline", self.opt_span_dict(py, self.byline)?)?;
        out.set_item("body", self.span_dict(py, self.body)?)?;
        out.set_item("paragraphs", self.span_dicts(py, &self.paragraphs)?)?;
        out.set_item("sentences", self.span_dicts(py, &self.sentences)?)?;
        let trailers = PyList::empty(py);
        for &(c, kind) in &self.trailers {
            let d = self.span_dict(py, c)?;
            d.set_item("kind", kind)?;
            trailers.append(d)?;
        }
        out.set_item("trailers", trailers)?;
        let acronyms = PyList::empty(py);
        for &(short, long) in &self.acronyms {
            let d = PyDict::new(py);
            d.set_item("short", self.span_dict(py, short)?)?;
            d.set_item("long", self.span_dict(py, long)?)?;
            acronyms.append(d)?;
        }
        out.set_item("acronyms", acronyms)?;
        let quotes = PyList::empty(py);
        for &(c, speaker) in &self.quotes {
            let d = self.span_dict(py, c)?;
            d.set_item("speaker", self.opt_span_dict(py, speaker)?)?;
            quotes.append(d)?;
        }
        out.set_item("quotes", quotes)?;
        let dates = PyList::empty(py);
        for &(c, year, month, day) in &self.dates {
            let d = self.span_dict(py, c)?;
            d.set_item("year", year)?;
            d.set_item("month", month)?;
            d.set_item("day", day)?;
            dates.append(d)?;
        }
        out.set_item("dates", dates)?;
        Ok(out)
    }

    /// `(text, article as JSON)`: enough to rebuild everything.
    pub(crate) fn state<'py>(
        &self,
        py: Python<'py>,
        text: &Py<PyString>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let json = serde_json::to_string(&self.article).map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("cannot serialise article: {e}"))
        })?;
        PyTuple::new(
            py,
            [
                text.bind(py).clone().into_any(),
                PyString::new(py, &json).into_any(),
            ],
        )
    }

    pub(crate) fn from_state(
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        json: &str,
    ) -> PyResult<ArticleData> {
        let article: Article = serde_json::from_str(json).map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("bad pickled Article: {e}"))
        })?;
        let text = text.to_cow()?.into_owned();
        if article.text_len() != text.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "bad pickled Article: text length differs",
            ));
        }
        Ok(py.detach(move || ArticleData::new(text, article)))
    }
}

fn partial_date_dict<'py>(
    py: Python<'py>,
    date: Option<PartialDate>,
) -> PyResult<Bound<'py, PyAny>> {
    match date {
        Some(d) => {
            let dd = PyDict::new(py);
            dd.set_item("year", d.year)?;
            dd.set_item("month", d.month)?;
            dd.set_item("day", d.day)?;
            Ok(dd.into_any())
        }
        None => Ok(py.None().into_bound(py)),
    }
}

fn repr_str(py: Python<'_>, s: &Py<PyString>) -> String {
    s.bind(py).repr().map(|r| r.to_string()).unwrap_or_default()
}

/// A stretch of the text: `text[start:end] == span.text` (code-point offsets).
#[pyclass(frozen, module = "newswire._native", name = "Span")]
pub struct PySpan {
    /// First code point.
    #[pyo3(get)]
    pub start: usize,
    /// One past the last code point.
    #[pyo3(get)]
    pub end: usize,
    /// The text it covers.
    #[pyo3(get)]
    pub text: Py<PyString>,
}

impl PySpan {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.start, self.end, self.text.clone_ref(py)).into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PySpan> {
        let (start, end, text): (usize, usize, Py<PyString>) = state.extract()?;
        Ok(PySpan { start, end, text })
    }
}

value_class!(PySpan, "Span", {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Span({}, {}, {})",
            self.start,
            self.end,
            repr_str(py, &self.text)
        )
    }
    /// `{"start", "end", "text"}`.
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        Ok(d)
    }
});

/// A month and day, with the year when written or inferred.
#[pyclass(frozen, module = "newswire._native", name = "PartialDate")]
pub struct PyPartialDate {
    /// The year, when known.
    #[pyo3(get)]
    year: Option<i32>,
    /// 1 to 12.
    #[pyo3(get)]
    month: u8,
    /// 1 to 31.
    #[pyo3(get)]
    day: u8,
}

impl PyPartialDate {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.year, self.month, self.day).into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyPartialDate> {
        let (year, month, day) = state.extract()?;
        Ok(PyPartialDate { year, month, day })
    }
}

value_class!(PyPartialDate, "PartialDate", {
    fn __repr__(&self) -> String {
        match self.year {
            Some(y) => format!("PartialDate({y}, {}, {})", self.month, self.day),
            None => format!("PartialDate(None, {}, {})", self.month, self.day),
        }
    }
    /// `{"year", "month", "day"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("year", self.year)?;
        d.set_item("month", self.month)?;
        d.set_item("day", self.day)?;
        Ok(d)
    }
});

/// The opening `PLACE[, REGION][, DATE] [(AGENCY)] SEP` of wire copy.
#[pyclass(frozen, module = "newswire._native", name = "Dateline")]
pub struct PyDateline {
    /// First code point of the whole dateline.
    #[pyo3(get)]
    start: usize,
    /// One past its last code point (the separator included).
    #[pyo3(get)]
    end: usize,
    /// The dateline as written.
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    locations: Vec<Py<PySpan>>,
    #[pyo3(get)]
    date: Option<Py<PyPartialDate>>,
    #[pyo3(get)]
    date_span: Option<Py<PySpan>>,
    #[pyo3(get)]
    agency: Option<Py<PySpan>>,
    #[pyo3(get)]
    separator: Option<Py<PySpan>>,
}

impl PyDateline {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let locations = PyTuple::new(py, self.locations.iter().map(|l| l.clone_ref(py)))?;
        let date = match &self.date {
            Some(d) => d.bind(py).clone().into_any(),
            None => py.None().into_bound(py),
        };
        PyTuple::new(
            py,
            [
                self.start.into_pyobject(py)?.into_any(),
                self.end.into_pyobject(py)?.into_any(),
                self.text.bind(py).clone().into_any(),
                locations.into_any(),
                date,
                opt_span_state(py, &self.date_span),
                opt_span_state(py, &self.agency),
                opt_span_state(py, &self.separator),
            ],
        )
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyDateline> {
        let (start, end, text, locations, date, date_span, agency, separator) = state.extract()?;
        Ok(PyDateline {
            start,
            end,
            text,
            locations,
            date,
            date_span,
            agency,
            separator,
        })
    }
}

value_class!(PyDateline, "Dateline", {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Dateline({}, {}, {})",
            self.start,
            self.end,
            repr_str(py, &self.text)
        )
    }
    /// The dateline's fields as JSON-ready data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        let locs = PyList::empty(py);
        for l in &self.locations {
            locs.append(l.get().to_dict(py)?)?;
        }
        d.set_item("locations", locs)?;
        d.set_item(
            "date",
            self.date
                .as_ref()
                .map(|x| x.get().to_dict(py))
                .transpose()?,
        )?;
        for (k, v) in [
            ("date_span", &self.date_span),
            ("agency", &self.agency),
            ("separator", &self.separator),
        ] {
            d.set_item(k, v.as_ref().map(|x| x.get().to_dict(py)).transpose()?)?;
        }
        Ok(d)
    }
});

/// A sign-off, credit, promotion or copyright line.
#[pyclass(frozen, module = "newswire._native", name = "Trailer")]
pub struct PyTrailer {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    /// `sign_off`, `credit`, `promotion` or `copyright`.
    #[pyo3(get)]
    kind: String,
}

impl PyTrailer {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.start,
            self.end,
            self.text.clone_ref(py),
            self.kind.as_str(),
        )
            .into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyTrailer> {
        let (start, end, text, kind) = state.extract()?;
        Ok(PyTrailer {
            start,
            end,
            text,
            kind,
        })
    }
}

value_class!(PyTrailer, "Trailer", {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Trailer({}, {}, {}, kind={})",
            self.start,
            self.end,
            repr_str(py, &self.text),
            pyrepr(py, &self.kind)
        )
    }
    /// `{"start", "end", "text", "kind"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        d.set_item("kind", &self.kind)?;
        Ok(d)
    }
});

/// An inline acronym definition: `Organization of Islamic Cooperation (OIC)`.
#[pyclass(frozen, module = "newswire._native", name = "Acronym")]
pub struct PyAcronym {
    /// The short form, without parentheses.
    #[pyo3(get)]
    short: Py<PySpan>,
    /// The long form.
    #[pyo3(get)]
    long: Py<PySpan>,
}

impl PyAcronym {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.short.clone_ref(py), self.long.clone_ref(py)).into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyAcronym> {
        let (short, long) = state.extract()?;
        Ok(PyAcronym { short, long })
    }
}

value_class!(PyAcronym, "Acronym", {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Acronym(short={}, long={})",
            repr_str(py, &self.short.get().text),
            repr_str(py, &self.long.get().text)
        )
    }
    /// `{"short": span, "long": span}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("short", self.short.get().to_dict(py)?)?;
        d.set_item("long", self.long.get().to_dict(py)?)?;
        Ok(d)
    }
});

/// A quotation (quote marks included) and its speaker, when a cue names one.
#[pyclass(frozen, module = "newswire._native", name = "Quote")]
pub struct PyQuote {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    speaker: Option<Py<PySpan>>,
}

impl PyQuote {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.start.into_pyobject(py)?.into_any(),
                self.end.into_pyobject(py)?.into_any(),
                self.text.bind(py).clone().into_any(),
                opt_span_state(py, &self.speaker),
            ],
        )
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyQuote> {
        let (start, end, text, speaker) = state.extract()?;
        Ok(PyQuote {
            start,
            end,
            text,
            speaker,
        })
    }
}

value_class!(PyQuote, "Quote", {
    fn __repr__(&self, py: Python<'_>) -> String {
        let speaker = match &self.speaker {
            Some(s) => repr_str(py, &s.get().text),
            None => "None".to_string(),
        };
        format!(
            "Quote({}, {}, {}, speaker={speaker})",
            self.start,
            self.end,
            repr_str(py, &self.text)
        )
    }
    /// `{"start", "end", "text", "speaker"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        d.set_item(
            "speaker",
            self.speaker
                .as_ref()
                .map(|s| s.get().to_dict(py))
                .transpose()?,
        )?;
        Ok(d)
    }
});

/// A date expression and what it resolves to.
#[pyclass(frozen, module = "newswire._native", name = "DateExpr")]
pub struct PyDateExpr {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    year: Option<i32>,
    #[pyo3(get)]
    month: Option<u8>,
    #[pyo3(get)]
    day: Option<u8>,
}

impl PyDateExpr {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.start,
            self.end,
            self.text.clone_ref(py),
            self.year,
            self.month,
            self.day,
        )
            .into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyDateExpr> {
        let (start, end, text, year, month, day) = state.extract()?;
        Ok(PyDateExpr {
            start,
            end,
            text,
            year,
            month,
            day,
        })
    }
}

value_class!(PyDateExpr, "DateExpr", {
    fn __repr__(&self, py: Python<'_>) -> String {
        let f = |v: Option<i64>| v.map_or("None".to_string(), |v| v.to_string());
        format!(
            "DateExpr({}, {}, {}, year={}, month={}, day={})",
            self.start,
            self.end,
            repr_str(py, &self.text),
            f(self.year.map(i64::from)),
            f(self.month.map(i64::from)),
            f(self.day.map(i64::from))
        )
    }
    /// `{"start", "end", "text", "year", "month", "day"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text.bind(py))?;
        d.set_item("year", self.year)?;
        d.set_item("month", self.month)?;
        d.set_item("day", self.day)?;
        Ok(d)
    }
});

/// A parsed article. Attributes are computed on access from the parse result.
#[pyclass(frozen, module = "newswire._native", name = "Article")]
pub struct PyArticle {
    pub(crate) data: Arc<ArticleData>,
    pub(crate) text: Py<PyString>,
}

impl PyArticle {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.data.state(py, &self.text)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyArticle> {
        let py = state.py();
        let (text, json): (Bound<'_, PyString>, String) = state.extract()?;
        let data = ArticleData::from_state(py, &text, &json)?;
        Ok(PyArticle {
            data: Arc::new(data),
            text: text.unbind(),
        })
    }
}

value_class!(PyArticle, "Article", {
    /// The text the article was parsed from.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }
    #[getter]
    fn dateline(&self, py: Python<'_>) -> PyResult<Option<PyDateline>> {
        let data = &self.data;
        let Some(d) = &data.dateline else {
            return Ok(None);
        };
        let date = d
            .date
            .map(|p| {
                Py::new(
                    py,
                    PyPartialDate {
                        year: p.year,
                        month: p.month,
                        day: p.day,
                    },
                )
            })
            .transpose()?;
        Ok(Some(PyDateline {
            start: d.span.cs,
            end: d.span.ce,
            text: PyString::new(py, d.span.slice(&data.text)).unbind(),
            locations: d
                .locations
                .iter()
                .map(|&c| data.span(py, c))
                .collect::<PyResult<_>>()?,
            date,
            date_span: data.opt_span(py, d.date_span)?,
            agency: data.opt_span(py, d.agency)?,
            separator: data.opt_span(py, d.separator)?,
        }))
    }
    #[getter]
    fn headline(&self, py: Python<'_>) -> PyResult<Option<Py<PySpan>>> {
        self.data.opt_span(py, self.data.headline)
    }
    #[getter]
    fn byline(&self, py: Python<'_>) -> PyResult<Option<Py<PySpan>>> {
        self.data.opt_span(py, self.data.byline)
    }
    #[getter]
    fn body(&self, py: Python<'_>) -> PyResult<Py<PySpan>> {
        self.data.span(py, self.data.body)
    }
    #[getter]
    fn paragraphs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.data.spans(py, &self.data.paragraphs)
    }
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.data.spans(py, &self.data.sentences)
    }
    #[getter]
    fn trailers(&self, py: Python<'_>) -> PyResult<Vec<PyTrailer>> {
        let data = &self.data;
        Ok(data
            .trailers
            .iter()
            .map(|&(c, kind)| PyTrailer {
                start: c.cs,
                end: c.ce,
                text: PyString::new(py, c.slice(&data.text)).unbind(),
                kind: kind.to_string(),
            })
            .collect())
    }
    #[getter]
    fn acronyms(&self, py: Python<'_>) -> PyResult<Vec<PyAcronym>> {
        self.data
            .acronyms
            .iter()
            .map(|&(s, l)| {
                Ok(PyAcronym {
                    short: self.data.span(py, s)?,
                    long: self.data.span(py, l)?,
                })
            })
            .collect()
    }
    #[getter]
    fn quotes(&self, py: Python<'_>) -> PyResult<Vec<PyQuote>> {
        let data = &self.data;
        data.quotes
            .iter()
            .map(|&(c, speaker)| {
                Ok(PyQuote {
                    start: c.cs,
                    end: c.ce,
                    text: PyString::new(py, c.slice(&data.text)).unbind(),
                    speaker: data.opt_span(py, speaker)?,
                })
            })
            .collect()
    }
    #[getter]
    fn dates(&self, py: Python<'_>) -> Vec<PyDateExpr> {
        let data = &self.data;
        data.dates
            .iter()
            .map(|&(c, year, month, day)| PyDateExpr {
                start: c.cs,
                end: c.ce,
                text: PyString::new(py, c.slice(&data.text)).unbind(),
                year,
                month,
                day,
            })
            .collect()
    }
    /// The index of the sentence containing code point `offset`, if any.
    fn sentence_at(&self, offset: usize) -> Option<usize> {
        let s = &self.data.sentences;
        let i = s.partition_point(|c| c.ce <= offset);
        s.get(i).filter(|c| c.cs <= offset).map(|_| i)
    }
    /// The article as JSON-ready data (code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.data.to_dict(py)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        article_repr(py, &self.data)
    }
    fn _repr_html_(&self) -> String {
        crate::html::article_html(&self.data)
    }
    /// `(label, byte start, byte end, char start, char end)` for every span (for tests).
    fn _spans(&self) -> Vec<(&'static str, usize, usize, usize, usize)> {
        self.data
            .all_spans()
            .into_iter()
            .map(|(l, c)| (l, c.bs, c.be, c.cs, c.ce))
            .collect()
    }
});

pub(crate) fn article_repr(py: Python<'_>, data: &ArticleData) -> String {
    let short = |c: CS| {
        let s = c.slice(&data.text);
        let cut: String = s.chars().take(40).collect();
        let cut = if cut.len() < s.len() {
            format!("{cut}…")
        } else {
            cut
        };
        PyString::new(py, &cut)
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_default()
    };
    let mut parts = Vec::new();
    if let Some(d) = &data.dateline {
        parts.push(format!("dateline={}", short(d.span)));
    }
    if let Some(h) = data.headline {
        parts.push(format!("headline={}", short(h)));
    }
    parts.push(format!("paragraphs={}", data.paragraphs.len()));
    parts.push(format!("sentences={}", data.sentences.len()));
    if !data.trailers.is_empty() {
        parts.push(format!("trailers={}", data.trailers.len()));
    }
    format!("Article({})", parts.join(", "))
}

/// Parse wire copy into an [`Article`]; `reference_date` (a `datetime.date` or
/// `"YYYY-MM-DD"`) gives datelines and dates without a year their year.
#[pyfunction]
#[pyo3(signature = (text, reference_date = None))]
pub(crate) fn parse(
    text: &Bound<'_, PyAny>,
    reference_date: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyArticle> {
    let py = text.py();
    let s = text_arg(text, "text")?.into_owned();
    let parser = reference_date
        .map(|d| date_arg(d).map(|d| Parser::builder().reference_date(d).build()))
        .transpose()?;
    let data = py.detach(move || {
        let article = match &parser {
            Some(p) => p.parse(&s),
            None => Article::parse(&s),
        };
        ArticleData::new(s, article)
    });
    // `text` is a str here: `text_arg` checked it.
    let text = text.cast::<PyString>()?.clone().unbind();
    Ok(PyArticle {
        data: Arc::new(data),
        text,
    })
}
