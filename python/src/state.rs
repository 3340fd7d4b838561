//! The pickled state of the core's records, and back.
//!
//! A record's spans are kept in both units, as the record has them: `(start, end, byte
//! start, byte end)`, code points for Python and bytes for slicing the text. A part of an
//! article (a sentence, a quote) pickles with the stretch of text its spans cover, not the
//! whole article, its byte offsets moved to count from that stretch; its code-point
//! offsets, what Python sees, stay those of the article. So an unpickled part slices the
//! same text and reports the same offsets, and two parts are equal when Python sees them
//! alike. State is made of tuples all the way down, so that it hashes.

use newswire::Span;
use newswire::article::PartialDate;
use newswire::offsets::RecordSpan;
use newswire::records::{
    AcronymRecord, ArticleRecord, DateRecord, DatelineRecord, QuoteRecord, TrailerRecord,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::from_name;

/// A span's state: `(start, end, byte start, byte end)`.
pub(crate) type SpanState = (usize, usize, usize, usize);

/// A span's state, its byte offsets counted from `base`.
pub(crate) fn span_state(span: &RecordSpan, base: usize) -> SpanState {
    let bytes = span.bytes;
    (
        span.start,
        span.end,
        bytes.start.saturating_sub(base),
        bytes.end.saturating_sub(base),
    )
}

/// A span back from its state; its byte offsets must slice `text`.
pub(crate) fn span_from(state: SpanState, text: &str) -> PyResult<RecordSpan> {
    let (start, end, byte_start, byte_end) = state;
    if start > end || text.get(byte_start..byte_end).is_none() {
        return Err(PyValueError::new_err(format!(
            "bad pickled span {start}..{end}: bytes {byte_start}..{byte_end} do not slice its text"
        )));
    }
    Ok(RecordSpan {
        start,
        end,
        bytes: Span::new(byte_start, byte_end),
    })
}

/// The stretch of `text` that `spans` cover, and its byte offset in `text`.
pub(crate) fn covered<'t>(text: &'t str, spans: &[RecordSpan]) -> (&'t str, usize) {
    let start = spans.iter().map(|s| s.bytes.start).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.bytes.end).max().unwrap_or(0);
    (text.get(start..end).unwrap_or(""), start)
}

/// A record that pickles as a tuple: its spans in both units, and its other fields.
pub(crate) trait RecordState: Sized {
    /// The state, byte offsets counted from `base`.
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>>;
    /// The record back from its state; its byte offsets slice `text`.
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self>;
}

/// A record of a part of an article, which pickles with the stretch of text it covers.
pub(crate) trait Part: RecordState {
    /// Every span of the record.
    fn spans(&self) -> Vec<RecordSpan>;
}

/// A tuple of the states of `records`.
fn states<'py, R: RecordState>(
    py: Python<'py>,
    records: &[R],
    base: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let items = (records.iter())
        .map(|r| r.state(py, base))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any())
}

fn opt_state<'py, R: RecordState>(
    py: Python<'py>,
    record: &Option<R>,
    base: usize,
) -> PyResult<Bound<'py, PyAny>> {
    match record {
        Some(r) => r.state(py, base),
        None => Ok(py.None().into_bound(py)),
    }
}

fn from_states<R: RecordState>(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Vec<R>> {
    let items: Vec<Bound<'_, PyAny>> = state.extract()?;
    items.iter().map(|s| R::from_state(s, text)).collect()
}

fn from_opt_state<R: RecordState>(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Option<R>> {
    if state.is_none() {
        return Ok(None);
    }
    R::from_state(state, text).map(Some)
}

impl Part for RecordSpan {
    fn spans(&self) -> Vec<RecordSpan> {
        vec![*self]
    }
}

impl RecordState for RecordSpan {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        Ok(span_state(self, base).into_pyobject(py)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        span_from(state.extract()?, text)
    }
}

impl Part for DatelineRecord {
    fn spans(&self) -> Vec<RecordSpan> {
        let parts = [self.date_span, self.agency, self.separator];
        let mut spans = vec![self.span];
        spans.extend(
            self.locations
                .iter()
                .copied()
                .chain(parts.into_iter().flatten()),
        );
        spans
    }
}

impl RecordState for DatelineRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let date = self.date.map(|d| (d.year, d.month, d.day));
        let items = [
            self.span.state(py, base)?,
            states(py, &self.locations, base)?,
            date.into_pyobject(py)?.into_any(),
            opt_state(py, &self.date_span, base)?,
            opt_state(py, &self.agency, base)?,
            opt_state(py, &self.separator, base)?,
        ];
        Ok(PyTuple::new(py, items)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        type State<'py> = (
            Bound<'py, PyAny>,
            Bound<'py, PyAny>,
            Option<(Option<i32>, u8, u8)>,
            Bound<'py, PyAny>,
            Bound<'py, PyAny>,
            Bound<'py, PyAny>,
        );
        let (span, locations, date, date_span, agency, separator): State<'_> = state.extract()?;
        Ok(DatelineRecord {
            span: RecordSpan::from_state(&span, text)?,
            locations: from_states(&locations, text)?,
            date: date.map(|(year, month, day)| PartialDate { year, month, day }),
            date_span: from_opt_state(&date_span, text)?,
            agency: from_opt_state(&agency, text)?,
            separator: from_opt_state(&separator, text)?,
        })
    }
}

impl Part for TrailerRecord {
    fn spans(&self) -> Vec<RecordSpan> {
        vec![self.span]
    }
}

impl RecordState for TrailerRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let state = (span_state(&self.span, base), self.kind.as_str());
        Ok(state.into_pyobject(py)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        let (span, kind): (SpanState, String) = state.extract()?;
        Ok(TrailerRecord {
            span: span_from(span, text)?,
            kind: from_name(&kind)?,
        })
    }
}

impl Part for AcronymRecord {
    fn spans(&self) -> Vec<RecordSpan> {
        vec![self.short, self.long]
    }
}

impl RecordState for AcronymRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let state = (span_state(&self.short, base), span_state(&self.long, base));
        Ok(state.into_pyobject(py)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        let (short, long): (SpanState, SpanState) = state.extract()?;
        Ok(AcronymRecord {
            short: span_from(short, text)?,
            long: span_from(long, text)?,
        })
    }
}

impl Part for QuoteRecord {
    fn spans(&self) -> Vec<RecordSpan> {
        [Some(self.span), self.speaker]
            .into_iter()
            .flatten()
            .collect()
    }
}

impl RecordState for QuoteRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let speaker = self.speaker.map(|s| span_state(&s, base));
        let state = (span_state(&self.span, base), speaker);
        Ok(state.into_pyobject(py)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        let (span, speaker): (SpanState, Option<SpanState>) = state.extract()?;
        Ok(QuoteRecord {
            span: span_from(span, text)?,
            speaker: speaker.map(|s| span_from(s, text)).transpose()?,
        })
    }
}

impl Part for DateRecord {
    fn spans(&self) -> Vec<RecordSpan> {
        vec![self.span]
    }
}

impl RecordState for DateRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let state = (
            span_state(&self.span, base),
            self.year,
            self.month,
            self.day,
        );
        Ok(state.into_pyobject(py)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        let (span, year, month, day): (SpanState, Option<i32>, Option<u8>, Option<u8>) =
            state.extract()?;
        Ok(DateRecord {
            span: span_from(span, text)?,
            year,
            month,
            day,
        })
    }
}

/// A whole article pickles with its whole text.
impl RecordState for ArticleRecord {
    fn state<'py>(&self, py: Python<'py>, base: usize) -> PyResult<Bound<'py, PyAny>> {
        let items = [
            opt_state(py, &self.dateline, base)?,
            opt_state(py, &self.headline, base)?,
            opt_state(py, &self.byline, base)?,
            self.body.state(py, base)?,
            states(py, &self.paragraphs, base)?,
            states(py, &self.sentences, base)?,
            states(py, &self.trailers, base)?,
            states(py, &self.acronyms, base)?,
            states(py, &self.quotes, base)?,
            states(py, &self.dates, base)?,
        ];
        Ok(PyTuple::new(py, items)?.into_any())
    }
    fn from_state(state: &Bound<'_, PyAny>, text: &str) -> PyResult<Self> {
        let items: [Bound<'_, PyAny>; 10] = state.extract()?;
        let [
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
        ] = items;
        Ok(ArticleRecord {
            dateline: from_opt_state(&dateline, text)?,
            headline: from_opt_state(&headline, text)?,
            byline: from_opt_state(&byline, text)?,
            body: RecordSpan::from_state(&body, text)?,
            paragraphs: from_states(&paragraphs, text)?,
            sentences: from_states(&sentences, text)?,
            trailers: from_states(&trailers, text)?,
            acronyms: from_states(&acronyms, text)?,
            quotes: from_states(&quotes, text)?,
            dates: from_states(&dates, text)?,
        })
    }
}
