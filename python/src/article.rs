//! `newswire.parse` and `newswire.Article`: the core's article record, read from Python.

use std::sync::Arc;

use newswire::records::{ArticleRecord, Shape};
use newswire::{Article, Parser};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{date_arg, pyrepr, text_utf8, utf8_str, value_class};
use crate::data::{ArticleSource, Parsed};
use crate::html;
use crate::parts::{PyAcronym, PyDateExpr, PyDateline, PyQuote, PySpan, PyTrailer};
use crate::pyser::to_py;
use crate::state::RecordState;

/// A parsed article: its attributes read the core's record of it (code-point offsets).
#[pyclass(frozen, module = "newswire._native", name = "Article")]
pub struct PyArticle {
    source: ArticleSource,
    /// The `str` it was parsed from, handed back as it was given.
    text: Py<PyString>,
}

impl PyArticle {
    pub(crate) fn new(source: ArticleSource, text: Py<PyString>) -> PyArticle {
        PyArticle { source, text }
    }

    fn record(&self) -> &ArticleRecord {
        self.source.record()
    }

    fn span(&self, span: newswire::offsets::RecordSpan) -> PySpan {
        PySpan::new(span, self.source.text())
    }

    /// `(text, record)`: the record's spans in code points and bytes, so that unpickling
    /// converts nothing.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let record = self.record().state(py, 0)?;
        PyTuple::new(py, [self.text.bind(py).clone().into_any(), record])
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyArticle> {
        let (text, record): (Bound<'_, PyString>, Bound<'_, PyAny>) = state.extract()?;
        let source = ArticleSource::Parsed(Arc::new(parsed_from_state(&text, &record)?));
        Ok(PyArticle::new(source, text.unbind()))
    }
}

/// An article's text and record back from their pickled state.
pub(crate) fn parsed_from_state(
    text: &Bound<'_, PyString>,
    record: &Bound<'_, PyAny>,
) -> PyResult<Parsed> {
    let utf8 = text.encode_utf8()?;
    let text: Arc<str> = utf8_str(&utf8)?.into();
    let record = ArticleRecord::from_state(record, &text)?;
    Ok(Parsed { text, record })
}

value_class!(PyArticle, "Article", {
    /// The text the article was parsed from.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }
    #[getter]
    fn dateline(&self) -> Option<PyDateline> {
        let record = self.record().dateline.clone()?;
        Some(PyDateline::new(record, self.source.text()))
    }
    #[getter]
    fn headline(&self) -> Option<PySpan> {
        self.record().headline.map(|s| self.span(s))
    }
    #[getter]
    fn byline(&self) -> Option<PySpan> {
        self.record().byline.map(|s| self.span(s))
    }
    #[getter]
    fn body(&self) -> PySpan {
        self.span(self.record().body)
    }
    #[getter]
    fn paragraphs(&self) -> Vec<PySpan> {
        self.record()
            .paragraphs
            .iter()
            .map(|&s| self.span(s))
            .collect()
    }
    #[getter]
    fn sentences(&self) -> Vec<PySpan> {
        self.record()
            .sentences
            .iter()
            .map(|&s| self.span(s))
            .collect()
    }
    #[getter]
    fn trailers(&self) -> Vec<PyTrailer> {
        let text = self.source.text();
        self.record()
            .trailers
            .iter()
            .map(|&t| PyTrailer::new(t, text))
            .collect()
    }
    #[getter]
    fn acronyms(&self) -> Vec<PyAcronym> {
        let text = self.source.text();
        self.record()
            .acronyms
            .iter()
            .map(|&a| PyAcronym::new(a, text))
            .collect()
    }
    #[getter]
    fn quotes(&self) -> Vec<PyQuote> {
        let text = self.source.text();
        self.record()
            .quotes
            .iter()
            .map(|&q| PyQuote::new(q, text))
            .collect()
    }
    #[getter]
    fn dates(&self) -> Vec<PyDateExpr> {
        let text = self.source.text();
        self.record()
            .dates
            .iter()
            .map(|&d| PyDateExpr::new(d, text))
            .collect()
    }
    /// The index of the sentence containing code point `offset`, if any.
    fn sentence_at(&self, offset: usize) -> Option<usize> {
        self.record().sentence_at(offset)
    }
    /// The article as JSON-ready data: the core's record in its full shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.record().render(self.source.text(), Shape::Full))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        article_repr(py, self.source.text(), self.record())
    }
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let (text, record) = (self.source.text(), self.record());
        py.detach(|| html::article_html(text, record))
    }
    /// `(label, byte start, byte end, char start, char end)` for every span (for tests).
    fn _spans(&self) -> Vec<(&'static str, usize, usize, usize, usize)> {
        (self.record().labelled_spans().into_iter())
            .map(|(label, s)| (label, s.bytes.start, s.bytes.end, s.start, s.end))
            .collect()
    }
});

/// `Article(dateline='...', paragraphs=3, sentences=4)`.
pub(crate) fn article_repr(py: Python<'_>, text: &str, record: &ArticleRecord) -> String {
    let short = |s: newswire::offsets::RecordSpan| {
        let s = s.slice(text);
        let cut: String = s.chars().take(40).collect();
        if cut.len() < s.len() {
            pyrepr(py, &format!("{cut}…"))
        } else {
            pyrepr(py, &cut)
        }
    };
    let mut parts = Vec::new();
    if let Some(d) = &record.dateline {
        parts.push(format!("dateline={}", short(d.span)));
    }
    if let Some(h) = record.headline {
        parts.push(format!("headline={}", short(h)));
    }
    parts.push(format!("paragraphs={}", record.paragraphs.len()));
    parts.push(format!("sentences={}", record.sentences.len()));
    if !record.trailers.is_empty() {
        parts.push(format!("trailers={}", record.trailers.len()));
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
    let utf8 = text_utf8(text, "text")?;
    let s = utf8_str(&utf8)?;
    let parser = reference_date
        .map(|d| date_arg(d).map(|d| Parser::builder().reference_date(d).build()))
        .transpose()?;
    let parsed = py.detach(|| {
        let article = match &parser {
            Some(p) => p.parse(s),
            None => Article::parse(s),
        };
        Parsed::new(s.into(), &article)
    });
    // `text` is a str here: `text_utf8` checked it.
    let text = text.cast::<PyString>()?.clone().unbind();
    Ok(PyArticle::new(
        ArticleSource::Parsed(Arc::new(parsed)),
        text,
    ))
}
