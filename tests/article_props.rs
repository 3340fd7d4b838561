//! Properties over arbitrary and wire-like strings: parsing never panics, every span lies
//! inside the text on char boundaries, and sentences, paragraphs and trailers come in
//! order without overlapping.

use newswire::{Article, Date, Parser, Span};
use proptest::prelude::*;

fn check(text: &str, a: &Article) -> Result<(), TestCaseError> {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut all: Vec<Span> = Vec::new();
    if let Some(d) = a.dateline() {
        all.push(d.span());
        all.extend(d.locations());
        all.extend(d.date_span());
        all.extend(d.agency());
        all.extend(d.separator());
        for l in d.locations() {
            prop_assert!(d.span().contains(*l), "location outside the dateline");
        }
    }
    all.extend(a.headline());
    all.extend(a.byline());
    all.push(a.body());
    all.extend(a.paragraphs());
    all.extend(a.sentences());
    all.extend(a.trailers().iter().map(|t| t.span));
    for x in a.acronyms() {
        all.push(x.short);
        all.push(x.long);
    }
    for q in a.quotes() {
        all.push(q.span);
        all.push(q.content);
        all.extend(q.speaker);
        prop_assert!(
            q.span.contains(q.content),
            "quote content outside the quote"
        );
    }
    all.extend(a.dates().iter().map(|d| d.span));
    for s in &all {
        prop_assert!(ok(*s), "span {:?} off the text (len {})", s, text.len());
        // Slicing gives exactly the reported text, and never panics.
        let _ = s.slice(text);
    }
    prop_assert_eq!(a.text_len(), text.len());
    for list in [a.sentences(), a.paragraphs()] {
        for w in list.windows(2) {
            prop_assert!(
                w[0].end <= w[1].start,
                "out of order or overlapping: {:?} {:?}",
                w[0],
                w[1]
            );
        }
        for s in list {
            prop_assert!(!s.is_empty(), "empty span");
            prop_assert!(
                a.body().contains(*s),
                "{:?} outside the body {:?}",
                s,
                a.body()
            );
        }
    }
    for w in a.trailers().windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "trailers out of order");
    }
    if let Some(t) = a.trailers().first() {
        prop_assert!(a.body().end <= t.span.start, "body runs into the trailers");
    }
    for w in a.dates().windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "dates out of order");
    }
    for w in a.quotes().windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "quotes out of order");
    }
    if let Some(d) = a.dateline() {
        prop_assert!(d.span().end <= a.body().start, "dateline inside the body");
    }
    Ok(())
}

/// Pieces of wire copy, glued at random.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "WASHINGTON",
        "NEW YORK",
        "Mumbai",
        "PORTLAND",
        "Ore.",
        "UNITED NATIONS",
        "/",
        ", ",
        ",",
        " ",
        "  ",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "\r\n",
        "(",
        ")",
        "(Reuters)",
        "(APP)",
        "(dpa)",
        "-",
        " - ",
        "--",
        "—",
        "–",
        ":",
        "Dec",
        "Dec.",
        "12",
        "13 Jan",
        "March 3, 2025",
        "2024",
        "0",
        "99",
        "Reuter",
        "REUTER",
        "Enditem",
        "(Reporting by",
        "; Editing by",
        "contributed to this report.",
        "Follow the",
        "page for the latest news and updates.",
        "Copyright",
        "©",
        "By ",
        "By JANE DOE",
        "___",
        "The",
        "said",
        "he said",
        "told",
        "according to",
        "said a news release",
        ".",
        "?",
        "!",
        "...",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "'",
        "’",
        "Mr.",
        "U.S.",
        "e.g.",
        "Inc.",
        "J. K.",
        "5.93",
        "said.The",
        "Organization of Islamic Cooperation",
        "(OIC)",
        "(STI)",
        "of",
        "and",
        "on Monday",
        "last",
        "three",
        "years",
        "next",
        "yesterday",
        "in",
        "é",
        "日本",
        "。",
        "？",
        "\u{200b}",
        "\u{a0}",
        "ß",
        "İ",
        "🙂",
        "*",
        "#",
        "\u{0301}",
    ])
}

fn wire_like() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// Random mixes of the characters that drive the parser's decisions.
fn char_soup() -> impl Strategy<Value = String> {
    let c = prop::sample::select(vec![
        'A', 'Z', 'a', 'z', 'M', 'D', 'e', ' ', ' ', '\n', ',', '.', '(', ')', '-', '—', ':', '"',
        '“', '”', '0', '1', '3', '?', '!', 'é', '日', '。', '’', '\t', '/', '_', '©', '\u{a0}',
    ]);
    prop::collection::vec(c, 0..200).prop_map(|v| v.into_iter().collect())
}

fn parsers() -> [Parser; 4] {
    let at = |y, m, d| {
        Parser::builder()
            .reference_date(Date::new(y, m, d).expect("a real date"))
            .build()
    };
    [
        Parser::default(),
        Parser::builder()
            .reference_date(Date::new(2024, 2, 29).expect("a real date"))
            .abbreviation("Adm.")
            .abbreviation(".")
            .abbreviation("")
            .build(),
        // Years at the ends of the range: no overflow when a year is inferred.
        at(i32::MAX, 12, 31),
        at(i32::MIN, 1, 1),
    ]
}

proptest! {
    // `PROPTEST_CASES=100000` for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        for p in parsers() {
            check(&text, &p.parse(&text))?;
        }
    }

    #[test]
    fn wire_like_strings(text in wire_like()) {
        for p in parsers() {
            check(&text, &p.parse(&text))?;
        }
    }

    #[test]
    fn character_soup(text in char_soup()) {
        for p in parsers() {
            check(&text, &p.parse(&text))?;
        }
    }
}
