//! Parsing wire copy into an [`Article`]: dateline, headline, byline, paragraphs,
//! sentences, trailers, acronym definitions, quotes and date expressions.
//!
//! ```
//! use newswire::Article;
//! let text = "GAZA, Dec. 1 (Xinhua) -- The Palestine Liberation Organization (PLO) met \
//!             on Monday. \"We are ready,\" said Mr. Haddad.\nEnditem";
//! let article = Article::parse(text);
//! let dateline = article.dateline().unwrap();
//! assert_eq!(dateline.locations()[0].slice(text), "GAZA");
//! assert_eq!(dateline.agency().unwrap().slice(text), "Xinhua");
//! assert_eq!(article.sentences().len(), 2);
//! assert_eq!(article.acronyms()[0].short.slice(text), "PLO");
//! assert_eq!(article.quotes()[0].speaker.unwrap().slice(text), "Mr. Haddad");
//! assert_eq!(article.trailers()[0].span.slice(text), "Enditem");
//! ```

mod abbreviations;
mod acronyms;
pub(crate) use acronyms::name_ends as acronym_name_ends;
mod breaks;
mod calendar;
mod date;
mod date_prefixes;
mod date_triggers;
mod dateline;
mod dates;
mod layout;
mod lists;
mod quotes;
mod scan;
mod sentences;
mod terminators;
mod trailers;

pub use date::{Date, Weekday};

use serde::{Deserialize, Serialize};

use crate::Span;

/// A parsed news article. Every field is a byte [`Span`] into the text it was parsed from
/// (the article holds no copy of the text).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    len: usize,
    dateline: Option<Dateline>,
    headline: Option<Span>,
    byline: Option<Span>,
    body: Span,
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    trailers: Vec<Trailer>,
    acronyms: Vec<Acronym>,
    quotes: Vec<Quote>,
    dates: Vec<DateExpr>,
}

impl Article {
    /// Parse `text` with the default [`Parser`]. Any string parses; the empty string gives
    /// an empty article.
    pub fn parse(text: &str) -> Article {
        Parser::default_ref().parse(text)
    }
    /// Length in bytes of the text this article was parsed from.
    pub fn text_len(&self) -> usize {
        self.len
    }
    /// The dateline, when the copy opens with one.
    pub fn dateline(&self) -> Option<&Dateline> {
        self.dateline.as_ref()
    }
    /// The headline: a first short line followed by a blank line.
    pub fn headline(&self) -> Option<Span> {
        self.headline
    }
    /// The byline (`By ...`).
    pub fn byline(&self) -> Option<Span> {
        self.byline
    }
    /// The body: everything after dateline, headline and byline, up to the first trailer.
    pub fn body(&self) -> Span {
        self.body
    }
    /// Paragraphs of the body, in order.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }
    /// Sentences of the body, in order (no dateline, headline, byline or trailer in them).
    ///
    /// UAX#29 sentence bounds, asked only at candidate positions and corrected for news
    /// copy: no break after abbreviations (`Mr.`, `Inc.`, `U.S.`, `No. 5`, `N°.
    /// 1026.253.553`), initials (`J. K. Rowling`, `Henry I. Miller`) or decimals, nor inside
    /// an ellipsis that leaves words out (`adhering by the ... Accord`); `a.m.`/`p.m.` end a
    /// sentence before a capitalised word that is no day, month or time zone (`He left at 6
    /// P.M. Smith then went home`, but `at 5 a.m. Monday`, `6 p.m. EST`); the pronoun `I`
    /// ends one (`you and I. Did ...`); a break in glued copy (`said.The`); a citation after
    /// a closing quote belongs to the sentence before (`"We will win." (Reuters)`). Each
    /// item of a list (`1.`, `2)`, `(a)`, `iv.`, `•`, `⁃`, `-` at a line start) is a sentence
    /// of its own with its marker inside it, and no sentence is a marker alone.
    ///
    /// ```
    /// use newswire::Article;
    /// let text = "Key facts: 1. Oil rose 2. Gold fell. He left at 6 P.M. Smith stayed.";
    /// let a = Article::parse(text);
    /// let got: Vec<&str> = a.sentences().iter().map(|s| s.slice(text)).collect();
    /// assert_eq!(got, ["Key facts:", "1. Oil rose", "2. Gold fell.", "He left at 6 P.M.", "Smith stayed."]);
    /// ```
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }
    /// Sign-offs, credits, promotion and copyright lines, in order.
    pub fn trailers(&self) -> &[Trailer] {
        &self.trailers
    }
    /// Inline acronym definitions, in order.
    pub fn acronyms(&self) -> &[Acronym] {
        &self.acronyms
    }
    /// Quotations, in order.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }
    /// Date expressions, in order.
    pub fn dates(&self) -> &[DateExpr] {
        &self.dates
    }
    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.start <= offset)
            .map(|_| i)
    }
}

/// The opening `PLACE[, REGION][, DATE] [(AGENCY)] SEP` of wire copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    span: Span,
    locations: Vec<Span>,
    date: Option<PartialDate>,
    date_span: Option<Span>,
    agency: Option<Span>,
    separator: Option<Span>,
}

impl Dateline {
    /// The whole dateline, separator included.
    pub fn span(&self) -> Span {
        self.span
    }
    /// Each place as written: `PORTLAND, Ore.` gives `PORTLAND` and `Ore.`.
    pub fn locations(&self) -> &[Span] {
        &self.locations
    }
    /// The date, with the year when given or inferred from a reference date.
    pub fn date(&self) -> Option<PartialDate> {
        self.date
    }
    /// Where the date is written.
    pub fn date_span(&self) -> Option<Span> {
        self.date_span
    }
    /// The agency inside the parentheses, without them (`Reuters`, `APP`).
    pub fn agency(&self) -> Option<Span> {
        self.agency
    }
    /// The separator (`-`, `--`, `—`, `:`), when there is one.
    pub fn separator(&self) -> Option<Span> {
        self.separator
    }
}

/// A month and day with an optional year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    /// The year, when written or inferred.
    pub year: Option<i32>,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

/// A trailer line or block and what kind it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trailer {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TrailerKind,
}

/// What a [`Trailer`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TrailerKind {
    /// An agency sign-off or end mark: `Reuter`, `REUTER`, `Enditem`, `-- AP`, `-30-`,
    /// `(END)`, and `MORE` at the end of a take that another continues.
    SignOff,
    /// A reporting credit: `(Reporting by ...; Editing by ...)`, `... contributed to this report.`
    Credit,
    /// A promotion line: `Follow the ... page for the latest news and updates.`
    Promotion,
    /// A copyright line.
    Copyright,
}

impl TrailerKind {
    /// The name used in JSON output (`sign_off`, `credit`, `promotion`, `copyright`).
    pub fn as_str(&self) -> &'static str {
        match self {
            TrailerKind::SignOff => "sign_off",
            TrailerKind::Credit => "credit",
            TrailerKind::Promotion => "promotion",
            TrailerKind::Copyright => "copyright",
        }
    }
}

impl std::str::FromStr for TrailerKind {
    type Err = crate::Error;
    /// The names [`TrailerKind::as_str`] gives.
    fn from_str(s: &str) -> crate::Result<TrailerKind> {
        [
            TrailerKind::SignOff,
            TrailerKind::Credit,
            TrailerKind::Promotion,
            TrailerKind::Copyright,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            crate::Error::new(
                crate::ErrorKind::InvalidOption,
                format!(
                    "unknown trailer kind `{s}` (expected sign_off, credit, promotion or copyright)"
                ),
            )
        })
    }
}

/// An inline acronym definition: `Organization of Islamic Cooperation (OIC)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acronym {
    /// The short form (`OIC`), without parentheses.
    pub short: Span,
    /// The long form (`Organization of Islamic Cooperation`).
    pub long: Span,
}

/// A quotation and, where a cue names one, its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quotation, quote marks included.
    pub span: Span,
    /// The quoted words, without the quote marks.
    pub content: Span,
    /// The speaker (`he`, `a news release`, `Mr Khan`), when a cue names one.
    pub speaker: Option<Span>,
}

/// A date expression (`Dec 12`, `on Monday`, `March 3, 2025`, `last three years`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateExpr {
    /// Where it is.
    pub span: Span,
    /// Year, when written or resolved.
    pub year: Option<i32>,
    /// Month, when written or resolved.
    pub month: Option<u8>,
    /// Day, when written or resolved.
    pub day: Option<u8>,
    /// Whether the expression names a day or span of time relative to when the copy was
    /// written (`on Monday`, `yesterday`, `last three years`) rather than a calendar date.
    #[serde(default)]
    pub relative: bool,
}

/// A reusable article parser with options. [`Article::parse`] uses the default one.
///
/// ```
/// use newswire::{Date, Parser};
/// let parser = Parser::builder()
///     .reference_date(Date::new(2024, 12, 20).unwrap())
///     .abbreviation("Adm.")
///     .build();
/// let article = parser.parse("ISLAMABAD, Dec 12 (APP):The minister said.");
/// assert_eq!(article.dateline().unwrap().date().unwrap().year, Some(2024));
/// ```
#[derive(Clone, Debug)]
pub struct Parser {
    reference_date: Option<Date>,
    /// Extra abbreviations without their final full stop.
    abbreviations: Vec<Box<str>>,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::builder().build()
    }
}

impl Parser {
    /// A builder for a parser with options.
    pub fn builder() -> ParserBuilder {
        ParserBuilder::default()
    }

    pub(crate) fn default_ref() -> &'static Parser {
        static DEFAULT: std::sync::OnceLock<Parser> = std::sync::OnceLock::new();
        DEFAULT.get_or_init(Parser::default)
    }

    /// Parse one article.
    pub fn parse(&self, text: &str) -> Article {
        let len = text.len();
        let reference = self.reference_date;
        // Most wire copy opens with its dateline: look there first, and for a headline
        // and byline only when it does not.
        let first = scan::skip_space(text, scan::after_bom(text), len);
        let at_first = layout::Front {
            pos: first,
            ..layout::Front::default()
        };
        let (front, dateline) = match dateline::parse(text, first, reference) {
            // A slug in capitals (`GLOBAL MARKETS - Stocks slide`) reads like a dateline
            // with neither date nor agency; with a dateline after it, it is a headline.
            Some(d) if d.date.is_none() && d.agency.is_none() => {
                let slug = layout::headline_at(text, first).and_then(|(h, next)| {
                    dateline::parse(text, next, reference).map(|d2| (h, next, d2))
                });
                match slug {
                    Some((h, next, d2)) => (
                        layout::Front {
                            headline: Some(h),
                            byline: None,
                            pos: next,
                        },
                        Some(d2),
                    ),
                    None => (at_first, Some(d)),
                }
            }
            Some(d) => (at_first, Some(d)),
            None => {
                let front = layout::front(text, |i| {
                    i != first && dateline::parse(text, i, None).is_some()
                });
                let dateline = if front.pos == first {
                    None
                } else {
                    dateline::parse(text, front.pos, reference)
                };
                (front, dateline)
            }
        };
        let body_start = match &dateline {
            Some(d) => scan::skip_space(text, d.span.end, len),
            None => front.pos,
        };
        let trailers = trailers::find(text, body_start);
        let body_end = trailers.first().map_or(len, |t| t.span.start);
        let (_, body_end) = scan::trim(text, body_start, body_end);
        let body = Span::new(body_start, body_end.max(body_start));

        // Room for a paragraph per 100 bytes and four more: one allocation where growing
        // from empty took three or four. Wire paragraphs run 150 to 400 bytes, but short
        // items (tables, briefs: a paragraph per line) have more, and a room per 160 bytes
        // made a fifth of 300-byte articles grow (and copy) their vector.
        let mut paragraphs = Vec::with_capacity(body.len() / 100 + 4);
        layout::paragraphs(text, body, &mut paragraphs);
        let mut sentences = Vec::with_capacity(paragraphs.len() * 2);
        for p in &paragraphs {
            sentences::split(text, *p, &self.abbreviations, &mut sentences);
        }
        let mut acronyms = Vec::new();
        acronyms::find(text, body, &mut acronyms);
        let mut quotes = Vec::new();
        quotes::find(text, &paragraphs, &mut quotes);
        let anchor = dates::Anchor {
            date: dateline
                .as_ref()
                .and_then(|d| d.date)
                .and_then(|p| Date::new(p.year?, p.month, p.day).ok())
                .or(reference),
        };
        let mut dates = Vec::new();
        dates::find(text, body, anchor, &mut dates);
        Article {
            len,
            dateline,
            headline: front.headline,
            byline: front.byline,
            body,
            paragraphs,
            sentences,
            trailers,
            acronyms,
            quotes,
            dates,
        }
    }

    /// The reference date this parser resolves dates against, if any.
    pub fn reference_date(&self) -> Option<Date> {
        self.reference_date
    }
}

/// Builds a [`Parser`].
#[derive(Clone, Debug, Default)]
pub struct ParserBuilder {
    reference_date: Option<Date>,
    extra_abbreviations: Vec<String>,
}

impl ParserBuilder {
    /// The date the copy was filed, or near it: gives datelines and dates without a year
    /// their year, and resolves `on Monday`.
    pub fn reference_date(&mut self, date: Date) -> &mut ParserBuilder {
        self.reference_date = Some(date);
        self
    }
    /// One more abbreviation after which a full stop ends no sentence (`Adm.`).
    pub fn abbreviation(&mut self, abbreviation: &str) -> &mut ParserBuilder {
        self.extra_abbreviations.push(abbreviation.to_string());
        self
    }
    /// Build the parser.
    pub fn build(&self) -> Parser {
        Parser {
            reference_date: self.reference_date,
            abbreviations: self
                .extra_abbreviations
                .iter()
                .map(|a| a.trim().trim_end_matches('.'))
                .filter(|a| !a.is_empty())
                .map(Box::from)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Article;

    #[test]
    fn a_byte_order_mark_hides_nothing() {
        for text in [
            "\u{feff}ISLAMABAD, Dec 12 (APP):Pakistan said.\r\n\r\nIt rained.\r\n",
            "\u{feff}\n  ISLAMABAD, Dec 12 (APP):Pakistan said.\n\nIt rained.",
        ] {
            let a = Article::parse(text);
            let d = a.dateline().expect("the dateline after a BOM");
            assert_eq!(d.locations()[0].slice(text), "ISLAMABAD");
            let sentences: Vec<&str> = a.sentences().iter().map(|s| s.slice(text)).collect();
            assert_eq!(sentences, ["Pakistan said.", "It rained."]);
        }
        assert_eq!(Article::parse("\u{feff}").sentences(), []);
    }
}
