//! Sign-offs, credits, promotion and copyright lines: found with their kind, excluded from
//! the body and its sentences, and never invented from body text.

use newswire::Article;
use newswire::article::TrailerKind;

use TrailerKind::{Copyright, Credit, Promotion, SignOff};

fn trailers(text: &str) -> Vec<(TrailerKind, &str)> {
    Article::parse(text)
        .trailers()
        .iter()
        .map(|t| (t.kind, t.span.slice(text)))
        .collect()
}

#[test]
fn trailer_kinds() {
    type Case<'a> = (&'a str, &'a str, &'a [(TrailerKind, &'a str)]);
    let cases: &[Case] = &[
        (
            "Reuter",
            "TOKYO, March 2 - Steel output fell.\n Reuter\n",
            &[(SignOff, "Reuter")],
        ),
        (
            "REUTER",
            "TOKYO, March 2 - Steel output fell.\n REUTER\n",
            &[(SignOff, "REUTER")],
        ),
        (
            "REUTER on the last line",
            "TOKYO, March 2 - Steel output fell. REUTER\n",
            &[(SignOff, "REUTER")],
        ),
        (
            "signed twice",
            "TOKYO, March 2 - Steel output fell. REUTER\n Reuter\n",
            &[(SignOff, "REUTER"), (SignOff, "Reuter")],
        ),
        (
            "Enditem on its own line",
            "GAZA, Dec. 1 (Xinhua) -- Talks resumed.\nEnditem",
            &[(SignOff, "Enditem")],
        ),
        (
            "ENDITEM after the text",
            "GAZA, Dec. 1 (Xinhua) -- Talks resumed. ENDITEM",
            &[(SignOff, "ENDITEM")],
        ),
        (
            "MORE ends a take",
            "TOKYO, March 2 - Steel output fell, the ministry said.\n More\n",
            &[(SignOff, "More")],
        ),
        (
            "more in small letters without a full stop",
            "TOKYO, March 2 - Steel output fell, the ministry said.\n more\n",
            &[(SignOff, "more")],
        ),
        (
            "(MORE)",
            "TOKYO, March 2 - Steel output fell, the ministry said.\n(MORE)",
            &[(SignOff, "(MORE)")],
        ),
        (
            "-MORE- in capitals",
            "TOKYO, March 2 - Steel output fell, the ministry said.\n-MORE-",
            &[(SignOff, "-MORE-")],
        ),
        (
            "-- AP",
            "AUSTIN, Texas (AP) — Rain fell.\n\n-- AP",
            &[(SignOff, "-- AP")],
        ),
        (
            "Bernama",
            "MELAKA, 13 Jan (Bernama) -- Ponds were built.\n-- BERNAMA",
            &[(SignOff, "-- BERNAMA")],
        ),
        (
            "PTI desk codes",
            "Mumbai, Dec 9 (PTI) The court ruled.\nPTI AB CD",
            &[(SignOff, "PTI AB CD")],
        ),
        (
            "Reuters credit",
            "LONDON, March 3 (Reuters) - Sales rose.\n\n(Reporting by Jane Roe; Editing by Tom Poe)",
            &[(Credit, "(Reporting by Jane Roe; Editing by Tom Poe)")],
        ),
        (
            "credit wrapped over lines",
            "LONDON, March 3 (Reuters) - Sales rose.\n (Reporting by Jane Roe in London; additional\nreporting by Ali Khan; Editing by Tom Poe)\n",
            &[(
                Credit,
                "(Reporting by Jane Roe in London; additional\nreporting by Ali Khan; Editing by Tom Poe)",
            )],
        ),
        (
            "AP credit and copyright",
            "AUSTIN, Texas (AP) — Rain fell.\n\n___\n\nAssociated Press writer Sam Chen contributed to this report.\n\nCopyright 2025 The Associated Press. All rights reserved.",
            &[
                (
                    Credit,
                    "___\n\nAssociated Press writer Sam Chen contributed to this report.",
                ),
                (
                    Copyright,
                    "Copyright 2025 The Associated Press. All rights reserved.",
                ),
            ],
        ),
        (
            "promotion",
            "ISLAMABAD, Dec 12 (APP):Talks were held.\nFollow the PNI Facebook page for the latest news and updates.",
            &[(
                Promotion,
                "Follow the PNI Facebook page for the latest news and updates.",
            )],
        ),
        (
            "copyright sign",
            "Rain fell across the city.\n© 2025 Example News",
            &[(Copyright, "© 2025 Example News")],
        ),
    ];
    for (name, text, want) in cases {
        assert_eq!(trailers(text), *want, "{name}");
        let a = Article::parse(text);
        let first = a.trailers().first().expect("a trailer").span;
        assert!(
            a.body().end <= first.start,
            "{name}: body runs into the trailers"
        );
        for s in a.sentences() {
            assert!(
                s.end <= first.start,
                "{name}: sentence {:?} in the trailers",
                s.slice(text)
            );
        }
    }
}

#[test]
fn body_text_is_not_a_trailer() {
    let cases: &[(&str, &str)] = &[
        (
            "a sentence mentioning Reuters",
            "LONDON, March 3 (Reuters) - Shares rose.\nThe figures were compiled by Reuters.",
        ),
        (
            "a last paragraph starting with Follow",
            "Rain fell.\n\nFollow-up talks are planned for next week, officials said.",
        ),
        (
            "reuter inside a word",
            "TOKYO, March 2 - Steel output fell at Reutersville.",
        ),
        ("a quote", "He said: \"Reporting by phone is hard.\""),
        ("no trailer", "The minister met the delegation."),
        (
            "a hard-wrapped last word `more.`",
            "TOKYO, March 2 - Dealers said they expected prices to rise\nmore.",
        ),
        (
            "a hard-wrapped last word `end.`",
            "TOKYO, March 2 - The strike was brought to an\nend.",
        ),
        (
            "a hard-wrapped last word `more!`",
            "TOKYO, March 2 - Dealers said they wanted\nmore!",
        ),
    ];
    for (name, text) in cases {
        assert_eq!(trailers(text), [], "{name}");
        let a = Article::parse(text);
        assert_eq!(
            a.body().end,
            text.trim_end().len(),
            "{name}: the body runs to the end"
        );
    }
}
