//! Sentence boundaries, one table per class of full stop that does or does not end a
//! sentence in news copy.

use newswire::{Article, Parser};

fn sentences(parser: &Parser, text: &str) -> Vec<String> {
    let a = parser.parse(text);
    a.sentences()
        .iter()
        .map(|s| s.slice(text).to_string())
        .collect()
}

fn check(class: &str, cases: &[(&str, &[&str])]) {
    let parser = Parser::default();
    for (text, want) in cases {
        let got = sentences(&parser, text);
        assert_eq!(got, *want, "{class}: {text:?}");
    }
}

#[test]
fn titles() {
    check(
        "titles",
        &[
            (
                "Mr. Khan met Dr. Rao and Gov. Lee on Friday.",
                &["Mr. Khan met Dr. Rao and Gov. Lee on Friday."],
            ),
            (
                "Sen. Warren and Rep. Jordan spoke. Gen. Miller and Lt. Col. Ames did not.",
                &[
                    "Sen. Warren and Rep. Jordan spoke.",
                    "Gen. Miller and Lt. Col. Ames did not.",
                ],
            ),
            (
                "The march went down St. Mark's Road to the square.",
                &["The march went down St. Mark's Road to the square."],
            ),
            (
                "MR. SMITH SAID NO. HE LEFT.",
                &["MR. SMITH SAID NO.", "HE LEFT."],
            ),
        ],
    );
}

#[test]
fn months() {
    check(
        "months",
        &[
            (
                "The vote is set for Dec. 12 in the capital.",
                &["The vote is set for Dec. 12 in the capital."],
            ),
            (
                "It opened in Sept. 2019 and closed in Jan. 2021.",
                &["It opened in Sept. 2019 and closed in Jan. 2021."],
            ),
            (
                "Talks ended on Dec. 3. The next round is in March.",
                &["Talks ended on Dec. 3.", "The next round is in March."],
            ),
        ],
    );
}

#[test]
fn corporate_suffixes() {
    check(
        "corporate",
        &[
            (
                "Acme Inc. Chairman Bo Li and Beta Corp. President Ann Wu met Co. officials of Gamma Ltd. Tuesday.",
                &[
                    "Acme Inc. Chairman Bo Li and Beta Corp. President Ann Wu met Co. officials of Gamma Ltd. Tuesday.",
                ],
            ),
            // A sentence may end with a suffix: a word that opens sentences follows.
            (
                "The bid came from Acme Inc. The board rejected it.",
                &["The bid came from Acme Inc.", "The board rejected it."],
            ),
        ],
    );
}

#[test]
fn dotted_abbreviations() {
    check(
        "dotted",
        &[
            (
                "The U.S. Treasury and the U.N. Security Council agreed.",
                &["The U.S. Treasury and the U.N. Security Council agreed."],
            ),
            (
                "Exports to the U.K. rose. Imports fell.",
                &["Exports to the U.K. rose.", "Imports fell."],
            ),
            (
                "It was shipped to the U.S. The buyer paid in cash.",
                &["It was shipped to the U.S.", "The buyer paid in cash."],
            ),
            (
                "Polls close at 8 p.m. Results are due at midnight.",
                &["Polls close at 8 p.m.", "Results are due at midnight."],
            ),
        ],
    );
}

#[test]
fn numbers_and_latin() {
    check(
        "numbers and latin",
        &[
            (
                "He ranked No. 3 in the world.",
                &["He ranked No. 3 in the world."],
            ),
            (
                "It was Brazil vs. Argentina in the final.",
                &["It was Brazil vs. Argentina in the final."],
            ),
            (
                "Some crops, e.g. wheat, failed. Others, i.e. rice, did not.",
                &[
                    "Some crops, e.g. wheat, failed.",
                    "Others, i.e. rice, did not.",
                ],
            ),
            (
                "Smith et al. found a link. The study was small.",
                &["Smith et al. found a link.", "The study was small."],
            ),
            (
                "Output rose 5.93 pct to 1.2 mln tonnes. Prices fell.",
                &["Output rose 5.93 pct to 1.2 mln tonnes.", "Prices fell."],
            ),
        ],
    );
}

#[test]
fn initials() {
    check(
        "initials",
        &[
            (
                "J. K. Rowling signed books. Fans queued.",
                &["J. K. Rowling signed books.", "Fans queued."],
            ),
            (
                "The ruling by Judge A. B. Khan was upheld.",
                &["The ruling by Judge A. B. Khan was upheld."],
            ),
        ],
    );
}

#[test]
fn glued_copy_and_quotes() {
    check(
        "glued and quotes",
        &[
            (
                "The minister said.The meeting ended at noon.",
                &["The minister said.", "The meeting ended at noon."],
            ),
            (
                "Visit example.com for more.",
                &["Visit example.com for more."],
            ),
            (
                "\"Why now?\" he asked. \"Because it is time.\"",
                &["\"Why now?\" he asked.", "\"Because it is time.\""],
            ),
            (
                "“We won,” she said. “Now we rest.”",
                &["“We won,” she said.", "“Now we rest.”"],
            ),
            (
                "Is it over? Not yet! Wait...",
                &["Is it over?", "Not yet!", "Wait..."],
            ),
            (
                "会议结束了。代表们离开了。",
                &["会议结束了。", "代表们离开了。"],
            ),
        ],
    );
}

#[test]
fn unicode_rules_at_candidates() {
    check(
        "UAX#29",
        &[
            // A full stop before a lower-case word ends no sentence (SB8).
            (
                "Output fell 3 pct. analysts had expected more.",
                &["Output fell 3 pct. analysts had expected more."],
            ),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            (
                "He left (finally). Then the hall emptied.",
                &["He left (finally).", "Then the hall emptied."],
            ),
            (
                "Prices rose 3.5% in 2024. The bank said so.",
                &["Prices rose 3.5% in 2024.", "The bank said so."],
            ),
            (
                "Il a dit « non. » Puis il est parti.",
                &["Il a dit « non. »", "Puis il est parti."],
            ),
        ],
    );
}

#[test]
fn extra_abbreviations_from_the_builder() {
    let text = "The fleet was led by Adm. Nimitz and Cmdre. Reyes.";
    let default = sentences(&Parser::default(), text);
    assert_eq!(default.len(), 2, "{default:?}");
    let parser = Parser::builder().abbreviation("Cmdre.").build();
    assert_eq!(sentences(&parser, text), [text]);
}

#[test]
fn headline_byline_dateline_and_trailers_are_not_sentences() {
    let text = "Rains lash Lahore\n\nBy Staff Reporter\n\nLAHORE, July 4 (APP): Heavy rain lashed the city on Thursday. Roads flooded.\nFollow the APP Facebook page for the latest news and updates.";
    let a = Article::parse(text);
    let got: Vec<&str> = a.sentences().iter().map(|s| s.slice(text)).collect();
    assert_eq!(
        got,
        ["Heavy rain lashed the city on Thursday.", "Roads flooded."]
    );
    assert_eq!(a.sentence_at(text.find("Roads").unwrap()), Some(1));
    assert_eq!(a.sentence_at(0), None);
}
