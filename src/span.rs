//! Byte spans into the original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the text an [`Article`](crate::Article),
/// [`Match`](crate::Match) or [`Document`](crate::Document) was made from.
///
/// Both ends always lie on `char` boundaries of that text, so slicing it with a span never
/// panics and gives exactly the text the span stands for.
///
/// ```
/// use newswire::Span;
/// let text = "GAZA, Dec. 1 (Xinhua) -- ...";
/// let span = Span::new(0, 4);
/// assert_eq!(span.slice(text), "GAZA");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `start > end`: a reversed span is always a bug in the caller.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "Span::new: start {start} > end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the byte offset lies inside this span.
    #[inline]
    pub fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text this span covers.
    ///
    /// # Panics
    /// When the span is out of bounds of `text` or not on `char` boundaries, which happens
    /// only when the span came from another text.
    #[inline]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for std::ops::Range<usize> {
    fn from(s: Span) -> std::ops::Range<usize> {
        s.start..s.end
    }
}
