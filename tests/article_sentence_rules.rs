//! Sentence boundaries in copy that is not plain Reuters prose: lists, times, ellipses,
//! citations after quotations, numbers after `No.`/`N°.`, the pronoun `I`. One table per
//! rule, with sentences where it must cut and sentences where it must not.

use newswire::Article;

fn check(rule: &str, cases: &[(&str, &[&str])]) {
    for (text, want) in cases {
        let a = Article::parse(text);
        let got: Vec<&str> = a.sentences().iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, *want, "{rule}: {text:?}");
    }
}

#[test]
fn list_items_are_sentences_with_their_markers() {
    check(
        "list items",
        &[
            (
                "1. Prices rose in March 2. Exports fell in April",
                &["1. Prices rose in March", "2. Exports fell in April"],
            ),
            (
                "1) Cut the deficit 2) Raise taxes 3) Sell state assets",
                &[
                    "1) Cut the deficit",
                    "2) Raise taxes",
                    "3) Sell state assets",
                ],
            ),
            (
                "1.) Open the border 2.) Free the prisoners",
                &["1.) Open the border", "2.) Free the prisoners"],
            ),
            (
                "(a) more pay (b) shorter hours (c) safer mines",
                &["(a) more pay", "(b) shorter hours", "(c) safer mines"],
            ),
            (
                "a. Wheat exports b. Maize imports c. Rice stocks",
                &["a. Wheat exports", "b. Maize imports", "c. Rice stocks"],
            ),
            (
                "i. Finance ii. Trade iii. Energy iv. Transport",
                &["i. Finance", "ii. Trade", "iii. Energy", "iv. Transport"],
            ),
            // Items with sentences of their own.
            (
                "1. Prices rose. Exports fell. 2. Imports fell too.",
                &["1. Prices rose.", "Exports fell.", "2. Imports fell too."],
            ),
            // An opener after a colon.
            (
                "The union made two demands: 1) a pay rise 2) a shorter week.",
                &[
                    "The union made two demands:",
                    "1) a pay rise",
                    "2) a shorter week.",
                ],
            ),
            (
                "Agenda: 1. The budget. 2. The election date.",
                &["Agenda:", "1. The budget.", "2. The election date."],
            ),
            // An opener before its next item, with no colon.
            (
                "The plan has two parts 1. a tax cut 2. a spending freeze",
                &[
                    "The plan has two parts",
                    "1. a tax cut",
                    "2. a spending freeze",
                ],
            ),
        ],
    );
}

#[test]
fn list_items_one_per_line() {
    check(
        "items on lines",
        &[
            (
                "The plan has three parts:\n1. A tax cut\n2. A spending freeze\n3. A budget rule\n\nIt was passed.",
                &[
                    "The plan has three parts:",
                    "1. A tax cut",
                    "2. A spending freeze",
                    "3. A budget rule",
                    "It was passed.",
                ],
            ),
            (
                "Key points:\n- Oil rose 2 pct\n- Gold fell\n- The dollar held steady\n\nMarkets closed early.",
                &[
                    "Key points:",
                    "- Oil rose 2 pct",
                    "- Gold fell",
                    "- The dollar held steady",
                    "Markets closed early.",
                ],
            ),
            // No colon: the next item tells.
            (
                "Markets at the close\n- Oil rose 2 pct\n- Gold fell\n\nTrading was thin.",
                &[
                    "Markets at the close",
                    "- Oil rose 2 pct",
                    "- Gold fell",
                    "Trading was thin.",
                ],
            ),
            (
                "Markets at the close\n1) Oil rose 2 pct\n2) Gold fell\n\nTrading was thin.",
                &[
                    "Markets at the close",
                    "1) Oil rose 2 pct",
                    "2) Gold fell",
                    "Trading was thin.",
                ],
            ),
            (
                "- Oil rose 2 pct\n- Gold fell\n\nMarkets closed early.",
                &["- Oil rose 2 pct", "- Gold fell", "Markets closed early."],
            ),
            (
                "The board has two options:\nA. Sell the unit\nB. Close it\n\nIt meets on Monday.",
                &[
                    "The board has two options:",
                    "A. Sell the unit",
                    "B. Close it",
                    "It meets on Monday.",
                ],
            ),
            (
                "The ministers agreed:\n1.\nTo cut rates\n2.\nTo meet again\n\nThe talks ended.",
                &[
                    "The ministers agreed:",
                    "1.\nTo cut rates",
                    "2.\nTo meet again",
                    "The talks ended.",
                ],
            ),
        ],
    );
}

#[test]
fn bullets_start_items() {
    check(
        "bullets",
        &[
            ("• Oil rose • Gold fell", &["• Oil rose", "• Gold fell"]),
            (
                "Highlights: • Oil rose. • Gold fell.",
                &["Highlights:", "• Oil rose.", "• Gold fell."],
            ),
            (
                "⁃ Oil rose ⁃ Gold fell ⁃ Copper held",
                &["⁃ Oil rose", "⁃ Gold fell", "⁃ Copper held"],
            ),
            // A bullet and a number: the marker is both.
            (
                "• 9. Oil rose • 10. Gold fell",
                &["• 9. Oil rose", "• 10. Gold fell"],
            ),
            (
                "⁃9. Oil rose ⁃10. Gold fell",
                &["⁃9. Oil rose", "⁃10. Gold fell"],
            ),
        ],
    );
}

#[test]
fn what_is_not_a_list() {
    check(
        "not lists",
        &[
            // A figure that ends a sentence, with no item after it.
            (
                "The vote was 5 to 1. The motion passed.",
                &["The vote was 5 to 1.", "The motion passed."],
            ),
            (
                "He finished the race in 2. Nobody expected it.",
                &["He finished the race in 2.", "Nobody expected it."],
            ),
            // Initials in running text, even in sequence.
            (
                "The panel heard A. Smith and B. Jones on Monday.",
                &["The panel heard A. Smith and B. Jones on Monday."],
            ),
            // Section numbers and references.
            (
                "Under section 2(a) of the act, and paragraph (1) of the rules, it is legal.",
                &["Under section 2(a) of the act, and paragraph (1) of the rules, it is legal."],
            ),
            // A wrapped line that starts with a dash and a small letter.
            (
                "PARIS, March 3 - Rates were steady.\n\nDeposits on call fell by 2 billion francs\n- mainly government funds - to 1.04 billion.\n\nReserves rose.",
                &[
                    "Rates were steady.",
                    "Deposits on call fell by 2 billion francs\n- mainly government funds - to 1.04 billion.",
                    "Reserves rose.",
                ],
            ),
            // A year is no marker.
            (
                "Sales fell in 1986. Then they recovered.",
                &["Sales fell in 1986.", "Then they recovered."],
            ),
            // Questions and answers: a letter is never a sentence alone.
            (
                "Q. Where were you? A. We were at home.",
                &["Q. Where were you?", "A. We were at home."],
            ),
        ],
    );
}

#[test]
fn times() {
    check(
        "a.m. and p.m.",
        &[
            // A capitalised word that cannot go on with the time starts a sentence.
            (
                "He left at 6 P.M. Smith then went home.",
                &["He left at 6 P.M.", "Smith then went home."],
            ),
            (
                "The talks ended at 11 a.m. Negotiators meet again next week.",
                &[
                    "The talks ended at 11 a.m.",
                    "Negotiators meet again next week.",
                ],
            ),
            (
                "He left the bank at 6 P.M. Mr. Smith then went to the store.",
                &[
                    "He left the bank at 6 P.M.",
                    "Mr. Smith then went to the store.",
                ],
            ),
            // Lower case, figures, days, months and time zones go on with it.
            (
                "At 5 a.m. the market opened.",
                &["At 5 a.m. the market opened."],
            ),
            (
                "Trading resumes at 5 a.m. Monday.",
                &["Trading resumes at 5 a.m. Monday."],
            ),
            (
                "The deadline is 6 p.m. EST on Friday.",
                &["The deadline is 6 p.m. EST on Friday."],
            ),
            (
                "The vote closes at 8 p.m. ET and counting starts at 9 p.m. GMT.",
                &["The vote closes at 8 p.m. ET and counting starts at 9 p.m. GMT."],
            ),
            (
                "It starts at 9 a.m. Jan. 5 in Geneva.",
                &["It starts at 9 a.m. Jan. 5 in Geneva."],
            ),
            (
                "The session ends at 8 p.m. Eastern time.",
                &["The session ends at 8 p.m. Eastern time."],
            ),
            (
                "He spoke at 7 p.m. Moscow time on Tuesday.",
                &["He spoke at 7 p.m. Moscow time on Tuesday."],
            ),
            (
                "The launch is set for 6 p.m. (2200 GMT) on Friday.",
                &["The launch is set for 6 p.m. (2200 GMT) on Friday."],
            ),
            (
                "Polls open at 7 a.m. 40 million voters are registered.",
                &["Polls open at 7 a.m. 40 million voters are registered."],
            ),
            // A sentence is never only a time phrase.
            (
                "At 5 a.m. Mr. Smith went to the bank.",
                &["At 5 a.m. Mr. Smith went to the bank."],
            ),
            (
                "Shortly after 6 p.m. Police closed the road.",
                &["Shortly after 6 p.m. Police closed the road."],
            ),
        ],
    );
}

#[test]
fn ellipses() {
    check(
        "ellipses",
        &[
            // Words left out inside a sentence.
            (
                "He said the plan would ... fail badly.",
                &["He said the plan would ... fail badly."],
            ),
            (
                "They are fully adhering by the ... Accord and will not cut prices.",
                &["They are fully adhering by the ... Accord and will not cut prices."],
            ),
            (
                "He said . . . the plan would fail. Then he left.",
                &["He said . . . the plan would fail.", "Then he left."],
            ),
            (
                "The ruling will make it more difficult... Turkcell's plans are at risk.",
                &["The ruling will make it more difficult... Turkcell's plans are at risk."],
            ),
            (
                "The ruling will make it more difficult… Turkcell's plans are at risk.",
                &["The ruling will make it more difficult… Turkcell's plans are at risk."],
            ),
            // Before a word that opens sentences, and as four dots, one ends.
            (
                "It is a murky area... There will be suspicions.",
                &["It is a murky area...", "There will be suspicions."],
            ),
            (
                "It is a murky area… There will be suspicions.",
                &["It is a murky area…", "There will be suspicions."],
            ),
            (
                "I never meant that.... She left the store.",
                &["I never meant that....", "She left the store."],
            ),
            (
                "The laws will appear less complex. . . . Then he left.",
                &["The laws will appear less complex. . . .", "Then he left."],
            ),
            (
                "“The laws will appear less complex. . . .” Then he left.",
                &[
                    "“The laws will appear less complex. . . .”",
                    "Then he left.",
                ],
            ),
        ],
    );
}

#[test]
fn citations_after_quotes() {
    check(
        "citations",
        &[
            (
                "\"We will win.\" (Reuters) The team then left.",
                &["\"We will win.\" (Reuters)", "The team then left."],
            ),
            (
                "The coach spoke. \"We will win,\" he said. \"We are ready.\" (AP)",
                &[
                    "The coach spoke.",
                    "\"We will win,\" he said.",
                    "\"We are ready.\" (AP)",
                ],
            ),
            (
                "“Prices will fall,” he said. “We expect it.” (AFP) Markets rose.",
                &[
                    "“Prices will fall,” he said.",
                    "“We expect it.” (AFP)",
                    "Markets rose.",
                ],
            ),
            (
                "\"Blessed are the peacemakers.\" (Matthew 5:9) The choir sang.",
                &[
                    "\"Blessed are the peacemakers.\" (Matthew 5:9)",
                    "The choir sang.",
                ],
            ),
            // A parenthesis that is a sentence, or that follows no quotation, is not one.
            (
                "\"We will win.\" (He did not say how.) The team left.",
                &[
                    "\"We will win.\"",
                    "(He did not say how.)",
                    "The team left.",
                ],
            ),
            (
                "He left. (He returned later.) Then the hall emptied.",
                &["He left.", "(He returned later.)", "Then the hall emptied."],
            ),
        ],
    );
}

#[test]
fn numbers_after_no() {
    check(
        "numbers after No.",
        &[
            (
                "You can find it at N°. 1026.253.553. That is where the gold is.",
                &[
                    "You can find it at N°. 1026.253.553.",
                    "That is where the gold is.",
                ],
            ),
            (
                "The decree No. 1026.253.553 was signed on Monday.",
                &["The decree No. 1026.253.553 was signed on Monday."],
            ),
            (
                "It is listed as Nº. 12.34 in the register.",
                &["It is listed as Nº. 12.34 in the register."],
            ),
            (
                "Under Nos. 4.1 and 4.2, the rules apply.",
                &["Under Nos. 4.1 and 4.2, the rules apply."],
            ),
            (
                "He was ranked No. 1. The rest followed.",
                &["He was ranked No. 1.", "The rest followed."],
            ),
            (
                "The file is No. 12.3. Minister Smith signed it.",
                &["The file is No. 12.3.", "Minister Smith signed it."],
            ),
        ],
    );
}

#[test]
fn the_pronoun_i() {
    check(
        "the pronoun I",
        &[
            (
                "We make a good team, you and I. Did you see him?",
                &["We make a good team, you and I.", "Did you see him?"],
            ),
            (
                "\"It was not I.\" He left.",
                &["\"It was not I.\"", "He left."],
            ),
            (
                "\"It was not I.\" Smith left.",
                &["\"It was not I.\"", "Smith left."],
            ),
            (
                "Nobody was happier than I. Everyone else had gone home.",
                &["Nobody was happier than I.", "Everyone else had gone home."],
            ),
            // An initial.
            ("Henry I. Miller said so.", &["Henry I. Miller said so."]),
            (
                "Did you see Albert I. Jones yesterday?",
                &["Did you see Albert I. Jones yesterday?"],
            ),
            (
                "The talks with I. M. Pei and his partners ended.",
                &["The talks with I. M. Pei and his partners ended."],
            ),
            (
                "Mary and I. M. Pei met the mayor.",
                &["Mary and I. M. Pei met the mayor."],
            ),
        ],
    );
}

mod properties {
    use newswire::{Article, Span};
    use proptest::prelude::*;

    /// Pieces of fact boxes and bulleted copy, glued at random.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "1.",
            "2.",
            "3",
            "1)",
            "2)",
            "1.)",
            "2.)",
            "(a)",
            "(b)",
            "a.",
            "b.",
            "i.",
            "ii.",
            "A.",
            "B.",
            "I.",
            "IV.",
            "•",
            "⁃",
            "‣",
            "◦",
            "-",
            "*",
            "–",
            "—",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            ":",
            ".",
            "...",
            ". . .",
            "…",
            "?",
            "!",
            "\"",
            "”",
            "“",
            "(Reuters)",
            "(AP)",
            "(",
            ")",
            "5 a.m.",
            "6 P.M.",
            "Monday",
            "EST",
            "time",
            "No.",
            "N°.",
            "1026.253.553",
            "The",
            "Smith",
            "said",
            "you and",
            "than",
            "he",
            "oil rose",
            "Gold",
            "é",
            "日本",
            "。",
            "\u{a0}",
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..50).prop_map(|v| v.concat())
    }

    /// Only a marker: bullets, then at most one ordinal with its punctuation.
    fn only_marker(s: &str) -> bool {
        let rest = s.trim_start_matches(|c: char| "•⁃‣◦▪●■".contains(c) || c.is_whitespace());
        if rest.is_empty() {
            return !s.is_empty();
        }
        let (open, rest) = match rest.strip_prefix('(') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let token_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let (token, tail) = rest.split_at(token_len);
        let ordinal = (1..=3).contains(&token_len) && token.bytes().all(|b| b.is_ascii_digit())
            || token_len == 1
            || (1..=5).contains(&token_len) && token.bytes().all(|b| b"ivxIVX".contains(&b));
        ordinal
            && if open {
                tail == ")"
            } else {
                matches!(tail, "." | ")" | ".)")
            }
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        let a = Article::parse(text);
        let ok = |s: Span| {
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        };
        for w in a.sentences().windows(2) {
            prop_assert!(w[0].end <= w[1].start, "out of order: {:?}", w);
        }
        for &s in a.sentences() {
            prop_assert!(ok(s) && !s.is_empty(), "bad span {:?}", s);
            prop_assert!(a.body().contains(s), "outside the body");
            // A marker is a sentence alone only when it is all its paragraph holds.
            if only_marker(s.slice(text)) {
                prop_assert!(
                    a.paragraphs().contains(&s),
                    "a marker alone: {:?} in {:?}",
                    s.slice(text),
                    text
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
        ))]

        #[test]
        fn lists_and_marks(text in text()) {
            check(&text)?;
        }
    }
}
