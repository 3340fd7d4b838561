//! Datelines in every agency's form, headlines, bylines and paragraphs, on wire articles
//! written for these tests.

use newswire::{Article, Date, Parser, Span};

fn slices<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
    spans.iter().map(|s| s.slice(text)).collect()
}

/// What a dateline case expects.
struct Expect {
    locations: &'static [&'static str],
    /// (month, day, year)
    date: Option<(u8, u8, Option<i32>)>,
    agency: Option<&'static str>,
    separator: Option<&'static str>,
    /// The text the body starts with.
    body_starts: &'static str,
}

const APP: &str = "KARACHI, Jan 5 (APP):The Sindh cabinet on Tuesday approved a plan to rebuild 300 schools damaged by floods.\n\
The chief minister said work would begin in February, according to a handout.\n\
Follow the APP Facebook page for the latest news and updates.";

const REUTERS_1987: &str = "TOKYO, March 2 - Japan's largest steelmakers expect crude steel\n\
output to fall 5.2 pct in the year to March 31, industry sources\n\
said.\n    The forecast compares with 98.3 mln tonnes a year earlier.\n Reuter\n";

const REUTERS: &str = "LONDON, March 3 (Reuters) - British retail sales rose more than expected in February, official data showed on Friday.\n\n\
Sales volumes climbed 1.2% from January, the Office for National Statistics (ONS) said.\n\n\
(Reporting by Jane Roe; Editing by Tom Poe)";

const AP: &str = "Storms knock out power across central Texas\n\n\
By MARIA LOPEZ\nAssociated Press\n\n\
AUSTIN, Texas (AP) — Severe storms knocked out power to more than 200,000 customers on Wednesday.\n\n\
Crews worked through the night, officials said.\n\n\
___\n\nAssociated Press writer Sam Chen in Houston contributed to this report.\n\n\
Copyright 2025 The Associated Press. All rights reserved.";

const AFP: &str = "PARIS, Dec 12, 2024 (AFP) - French farmers blocked roads around the capital on Thursday to protest against a trade deal.";

const XINHUA: &str = "GAZA, Dec. 1 (Xinhua) -- At least 12 people were injured on Sunday when a building collapsed in the north of the Gaza Strip, local officials said. Enditem";

const PTI: &str = "Mumbai, Dec 9 (PTI) The Bombay High Court on Monday asked the state government to explain the delay in filling vacancies.\nPTI AB CD";

const BERNAMA: &str = "MELAKA, 13 Jan (Bernama) -- The state government will build two more flood retention ponds this year, Chief Minister Ab Rauf Yusoh said.\n-- BERNAMA";

const UPI: &str =
    "WASHINGTON, Nov. 3 (UPI) -- The Senate on Tuesday passed a stopgap spending bill.";

const DPA: &str =
    "Berlin (dpa) - Germany's jobless rate held steady in October, the Federal Labour Agency said.";

const MULTI: &str =
    "UNITED NATIONS/GENEVA, Feb 4 (Reuters) - U.N. agencies appealed for $2 billion on Tuesday.";

const PORTLAND: &str =
    "PORTLAND, Ore., Feb 26 - Red Cedar Inns Ltd said it filed a registration statement.";

const BYLINE_FIRST: &str = "By Jane Roe\n\nNEW DELHI, Dec 2 (Reuters) - India's central bank kept rates on hold on Friday.";

const CAPS_NO_DATE: &str =
    "WASHINGTON - The Federal Reserve left interest rates unchanged on Wednesday.";

const EM_DASH_HEADLINE: &str = "Flood waters recede in Sindh\n\nHYDERABAD, Aug 30 (APP): Flood waters began to recede on Saturday, officials said.";

#[test]
fn datelines_in_every_agency_form() {
    let cases: &[(&str, &str, Expect)] = &[
        (
            "APP, colon and no space",
            APP,
            Expect {
                locations: &["KARACHI"],
                date: Some((1, 5, None)),
                agency: Some("APP"),
                separator: Some(":"),
                body_starts: "The Sindh cabinet",
            },
        ),
        (
            "Reuters 1987",
            REUTERS_1987,
            Expect {
                locations: &["TOKYO"],
                date: Some((3, 2, None)),
                agency: None,
                separator: Some("-"),
                body_starts: "Japan's largest",
            },
        ),
        (
            "modern Reuters",
            REUTERS,
            Expect {
                locations: &["LONDON"],
                date: Some((3, 3, None)),
                agency: Some("Reuters"),
                separator: Some("-"),
                body_starts: "British retail",
            },
        ),
        (
            "AP after headline and byline",
            AP,
            Expect {
                locations: &["AUSTIN", "Texas"],
                date: None,
                agency: Some("AP"),
                separator: Some("—"),
                body_starts: "Severe storms",
            },
        ),
        (
            "AFP with a year",
            AFP,
            Expect {
                locations: &["PARIS"],
                date: Some((12, 12, Some(2024))),
                agency: Some("AFP"),
                separator: Some("-"),
                body_starts: "French farmers",
            },
        ),
        (
            "Xinhua",
            XINHUA,
            Expect {
                locations: &["GAZA"],
                date: Some((12, 1, None)),
                agency: Some("Xinhua"),
                separator: Some("--"),
                body_starts: "At least 12",
            },
        ),
        (
            "PTI, mixed case and no separator",
            PTI,
            Expect {
                locations: &["Mumbai"],
                date: Some((12, 9, None)),
                agency: Some("PTI"),
                separator: None,
                body_starts: "The Bombay High Court",
            },
        ),
        (
            "Bernama, day first",
            BERNAMA,
            Expect {
                locations: &["MELAKA"],
                date: Some((1, 13, None)),
                agency: Some("Bernama"),
                separator: Some("--"),
                body_starts: "The state government",
            },
        ),
        (
            "UPI",
            UPI,
            Expect {
                locations: &["WASHINGTON"],
                date: Some((11, 3, None)),
                agency: Some("UPI"),
                separator: Some("--"),
                body_starts: "The Senate",
            },
        ),
        (
            "dpa, no date",
            DPA,
            Expect {
                locations: &["Berlin"],
                date: None,
                agency: Some("dpa"),
                separator: Some("-"),
                body_starts: "Germany's jobless",
            },
        ),
        (
            "two places with a slash",
            MULTI,
            Expect {
                locations: &["UNITED NATIONS", "GENEVA"],
                date: Some((2, 4, None)),
                agency: Some("Reuters"),
                separator: Some("-"),
                body_starts: "U.N. agencies",
            },
        ),
        (
            "a misspelt month before a dash",
            "ST. PAUL, Minn., Junee 2 - Acme Mills Inc said its profit rose.",
            Expect {
                locations: &["ST. PAUL", "Minn."],
                date: Some((6, 2, None)),
                agency: None,
                separator: Some("-"),
                body_starts: "Acme Mills",
            },
        ),
        (
            "city and state",
            PORTLAND,
            Expect {
                locations: &["PORTLAND", "Ore."],
                date: Some((2, 26, None)),
                agency: None,
                separator: Some("-"),
                body_starts: "Red Cedar",
            },
        ),
        (
            "after a byline",
            BYLINE_FIRST,
            Expect {
                locations: &["NEW DELHI"],
                date: Some((12, 2, None)),
                agency: Some("Reuters"),
                separator: Some("-"),
                body_starts: "India's central bank",
            },
        ),
        (
            "capitals and a dash, no date",
            CAPS_NO_DATE,
            Expect {
                locations: &["WASHINGTON"],
                date: None,
                agency: None,
                separator: Some("-"),
                body_starts: "The Federal Reserve",
            },
        ),
        (
            "after a headline",
            EM_DASH_HEADLINE,
            Expect {
                locations: &["HYDERABAD"],
                date: Some((8, 30, None)),
                agency: Some("APP"),
                separator: Some(":"),
                body_starts: "Flood waters began",
            },
        ),
    ];
    for (name, text, want) in cases {
        let a = Article::parse(text);
        let d = a
            .dateline()
            .unwrap_or_else(|| panic!("{name}: no dateline"));
        assert_eq!(
            slices(text, d.locations()),
            want.locations,
            "{name}: locations"
        );
        assert_eq!(
            d.date().map(|p| (p.month, p.day, p.year)),
            want.date,
            "{name}: date"
        );
        assert_eq!(
            d.agency().map(|s| s.slice(text)),
            want.agency,
            "{name}: agency"
        );
        assert_eq!(
            d.separator().map(|s| s.slice(text)),
            want.separator,
            "{name}: separator"
        );
        assert!(
            a.body().slice(text).starts_with(want.body_starts),
            "{name}: body starts {:?}",
            &a.body().slice(text)[..a.body().len().min(30)]
        );
        // The dateline is not part of the first sentence.
        let first = a
            .sentences()
            .first()
            .unwrap_or_else(|| panic!("{name}: no sentences"));
        assert!(
            first.start >= d.span().end,
            "{name}: dateline inside the first sentence"
        );
        assert!(
            first.slice(text).starts_with(want.body_starts),
            "{name}: first sentence"
        );
        // The date span says where the date is written.
        if let (Some(ds), Some((m, day, _))) = (d.date_span(), want.date) {
            let written = ds.slice(text);
            assert!(
                written.contains(&day.to_string()),
                "{name}: date span {written:?} for month {m}"
            );
        }
    }
}

#[test]
fn no_false_datelines() {
    let cases: &[(&str, &str)] = &[
        (
            "a sentence starting with a capitalised word",
            "Washington is bracing for a long winter of budget fights, aides said.",
        ),
        (
            "a plain sentence",
            "The minister said on Monday that talks would resume.",
        ),
        (
            "a mixed-case place and a dash",
            "Paris - the city of light - is dimming its monuments to save energy.",
        ),
        (
            "a mixed-case place and no evidence",
            "Mumbai police said on Friday they had arrested two men.",
        ),
        (
            "a capitalised label",
            "UPDATE - Talks between the two sides resumed on Friday.",
        ),
        (
            "a label with a colon",
            "NOTE: This story has been corrected to fix a spelling.",
        ),
        ("a weekday", "MONDAY - Markets were closed for the holiday."),
        (
            "a misspelt month without a dash",
            "ACME CORP, Apri 1 The company said its profit rose.",
        ),
        (
            "a name one letter from a month, and a score",
            "WILLIAMS, Jane 6 - 4 in the first set, then lost the match.",
        ),
        (
            "a misspelt month before a score",
            "WILLIAMS, Junee 6 - 4 in the first set, then lost the match.",
        ),
        (
            "a ship's name one letter from a month",
            "ABOARD QUEEN MARY 2 - The liner left port on Monday.",
        ),
        (
            "a list",
            "Pakistan, China and Iran signed the accord on Sunday.",
        ),
        (
            "a name and parentheses",
            "Manchester United (MUFC) said its revenue rose.",
        ),
        ("empty", ""),
        ("spaces only", "   \n\n  "),
        ("a dash alone", "- and then nothing"),
    ];
    for (name, text) in cases {
        let a = Article::parse(text);
        assert!(
            a.dateline().is_none(),
            "{name}: false dateline {:?}",
            a.dateline().map(|d| d.span().slice(text))
        );
    }
}

#[test]
fn the_year_comes_from_the_reference_date() {
    let cases: &[(&str, (i32, u8, u8), i32)] = &[
        ("ISLAMABAD, Dec 12 (APP):Text.", (2024, 12, 20), 2024),
        // Filed early in January about the last days of December.
        ("ISLAMABAD, Dec 30 (APP):Text.", (2025, 1, 2), 2024),
        ("ISLAMABAD, Jan 2 (APP):Text.", (2024, 12, 30), 2025),
        // A written year wins.
        ("PARIS, Jan 2, 2019 (AFP) - Text.", (2024, 12, 30), 2019),
    ];
    for (text, (y, m, d), want) in cases {
        let parser = Parser::builder()
            .reference_date(Date::new(*y, *m, *d).unwrap())
            .build();
        let a = parser.parse(text);
        let date = a
            .dateline()
            .and_then(|d| d.date())
            .expect("a dated dateline");
        assert_eq!(date.year, Some(*want), "{text}");
    }
    // Without a reference date the year stays unknown.
    let a = Article::parse("ISLAMABAD, Dec 12 (APP):Text.");
    assert_eq!(
        a.dateline().and_then(|d| d.date()).and_then(|d| d.year),
        None
    );
}

#[test]
fn headlines_and_bylines() {
    let a = Article::parse(AP);
    assert_eq!(
        a.headline().map(|s| s.slice(AP)),
        Some("Storms knock out power across central Texas")
    );
    assert_eq!(
        a.byline().map(|s| s.slice(AP)),
        Some("By MARIA LOPEZ\nAssociated Press")
    );
    for s in a.sentences() {
        let s = s.slice(AP);
        assert!(
            !s.contains("Storms knock out") && !s.contains("MARIA LOPEZ"),
            "{s:?}"
        );
    }

    let text = "Fuel prices rise again\n\nThe government raised petrol prices by 3% on Monday.\n\nTransporters said fares would follow.";
    let a = Article::parse(text);
    assert_eq!(
        a.headline().map(|s| s.slice(text)),
        Some("Fuel prices rise again")
    );
    assert!(a.dateline().is_none());
    assert_eq!(a.sentences().len(), 2);

    // A first paragraph that is a long sentence is not a headline.
    let text = "The government raised petrol prices by three percent on Monday, officials said.\n\nTransporters said fares would follow.";
    assert_eq!(Article::parse(text).headline(), None);

    // A first line without a blank line after it is not a headline.
    let text = "Fuel prices rise again\nThe government raised petrol prices.";
    assert_eq!(Article::parse(text).headline(), None);

    // A slug headline in capitals above the dateline is a headline, not a dateline.
    let text = "GLOBAL MARKETS - Stocks slide as yields climb\n\nLONDON, March 3 (Reuters) - World stocks fell on Monday.";
    let a = Article::parse(text);
    assert_eq!(
        a.headline().map(|s| s.slice(text)),
        Some("GLOBAL MARKETS - Stocks slide as yields climb")
    );
    assert_eq!(
        a.dateline().map(|d| d.span().slice(text)),
        Some("LONDON, March 3 (Reuters) -")
    );

    // `By` starting a sentence is not a byline.
    let text = "By the end of the year, exports had doubled.";
    assert_eq!(Article::parse(text).byline(), None);
}

#[test]
fn paragraphs_in_three_layouts() {
    // One paragraph per line (APP).
    let a = Article::parse(APP);
    assert_eq!(
        slices(APP, a.paragraphs()),
        [
            "The Sindh cabinet on Tuesday approved a plan to rebuild 300 schools damaged by floods.",
            "The chief minister said work would begin in February, according to a handout.",
        ]
    );
    // Hard-wrapped, indented (Reuters-21578): the wraps stay inside the paragraph.
    let a = Article::parse(REUTERS_1987);
    let paras = slices(REUTERS_1987, a.paragraphs());
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert!(paras[0].starts_with("Japan's largest") && paras[0].ends_with("said."));
    assert_eq!(
        paras[1],
        "The forecast compares with 98.3 mln tonnes a year earlier."
    );
    // Blank-line separated.
    let a = Article::parse(REUTERS);
    assert_eq!(a.paragraphs().len(), 2);
    // Hard wraps with no indent and no blank line are one paragraph.
    let text = "The central bank left its key rate unchanged\non Thursday and said inflation would\nslow in the second half of the year.";
    assert_eq!(Article::parse(text).paragraphs().len(), 1);
    // A wrap indented by one blank goes on with the sentence the line above left open; a
    // paragraph indent, a capital, a closed sentence or a table row above starts a new one.
    // The line above may be the body's first, after the dateline.
    let cases: &[(&str, &[&str])] = &[
        (
            "TOKYO, March 2 - Output rose.\n    The ministry said the volume of trade with the\n rest of Asia grew, it said.\n    Exports fell.\n Imports rose.\n    Rice      12.5  13.1    14.2    15.9    exports from\n japan  fell.",
            &[
                "Output rose.",
                "The ministry said the volume of trade with the\n rest of Asia grew, it said.",
                "Exports fell.",
                "Imports rose.",
                "Rice      12.5  13.1    14.2    15.9    exports from",
                "japan  fell.",
            ],
        ),
        (
            "TOKYO, March 2 - The ministry said the volume of trade with the\n rest of Asia grew, it said.\n    Exports fell.",
            &[
                "The ministry said the volume of trade with the\n rest of Asia grew, it said.",
                "Exports fell.",
            ],
        ),
        (
            "The ministry said the volume of trade with the\n rest of Asia grew, it said.\n    Exports fell.",
            &[
                "The ministry said the volume of trade with the\n rest of Asia grew, it said.",
                "Exports fell.",
            ],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            slices(text, Article::parse(text).paragraphs()),
            *want,
            "{text}"
        );
    }
}

#[test]
fn hard_wraps_do_not_split_sentences() {
    let a = Article::parse(REUTERS_1987);
    let sents = slices(REUTERS_1987, a.sentences());
    assert_eq!(sents.len(), 2, "{sents:?}");
    assert!(sents[0].contains("crude steel\noutput"));
}

#[test]
fn empty_and_tiny_inputs() {
    for text in [
        "",
        " ",
        "\n",
        "Reuter",
        "A",
        "ISLAMABAD, Dec 12 (APP):",
        "(",
        "\"",
        "By",
        "By X\n\n",
    ] {
        let a = Article::parse(text);
        assert_eq!(a.text_len(), text.len());
        assert!(a.body().end <= text.len());
    }
    let a = Article::parse("");
    assert!(a.sentences().is_empty() && a.paragraphs().is_empty() && a.dateline().is_none());
}
