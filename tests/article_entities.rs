//! Acronym definitions, quotations with their speakers, and date expressions.

use newswire::{Article, Date, Parser};

fn acronyms(text: &str) -> Vec<(&str, &str)> {
    Article::parse(text)
        .acronyms()
        .iter()
        .map(|a| (a.short.slice(text), a.long.slice(text)))
        .collect()
}

#[test]
fn acronym_definitions() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "A delegation of the Organization of Islamic Cooperation (OIC) arrived.",
            &[("OIC", "Organization of Islamic Cooperation")],
        ),
        (
            "Pakistan backs the Science, Technology and Innovation (STI) Agenda.",
            &[("STI", "Science, Technology and Innovation")],
        ),
        (
            "Cooperation in information and communication technologies (ICT) was discussed.",
            &[("ICT", "information and communication technologies")],
        ),
        (
            "The Ministry of Information Technology and Telecommunication (MoITT) hosted it.",
            &[(
                "MoITT",
                "Ministry of Information Technology and Telecommunication",
            )],
        ),
        (
            "Aid came from the United Nations Children's Fund (UNICEF) and the U.N. Development Programme (UNDP).",
            &[
                ("UNICEF", "United Nations Children's Fund"),
                ("UNDP", "U.N. Development Programme"),
            ],
        ),
        (
            "Home sales fell, the National Association of\nRealtors (NAR) said.",
            &[("NAR", "National Association of\nRealtors")],
        ),
        (
            "The deal was signed by OIC (Organization of Islamic Cooperation) members.",
            &[("OIC", "Organization of Islamic Cooperation")],
        ),
        // A company's legal form may be left out of its acronym, or spell a letter of it,
        // and a full stop right before the parenthesis ends no sentence.
        (
            "It hired Price Waterhouse and Co (PW) and Japan Credit Rating Agency Ltd (JCRA).",
            &[
                ("PW", "Price Waterhouse and Co"),
                ("JCRA", "Japan Credit Rating Agency Ltd"),
            ],
        ),
        (
            "The Federal Deposit Insurance Corp. (FDIC) closed it.",
            &[("FDIC", "Federal Deposit Insurance Corp.")],
        ),
        (
            "It bought <United Asian Bank Bhd> (UAB) last year.",
            &[("UAB", "United Asian Bank Bhd")],
        ),
        // A legal form may open the long form it is part of.
        (
            "It became a Limited Liability Partnership (LLP) last year.",
            &[("LLP", "Limited Liability Partnership")],
        ),
        (
            "It formed a Limited Liability Company (LLC) in Delaware.",
            &[("LLC", "Limited Liability Company")],
        ),
        // Not definitions.
        (
            "The fund is run by Bank of America. (BOA) said nothing.",
            &[],
        ),
        (
            "The report was carried by the state news agency (APP).",
            &[],
        ),
        ("He cited the 2021 survey (2021) twice.", &[]),
        (
            "Sens. Alan Cranston (D-Cal.) and Daniel Evans (R-Wash.) spoke.",
            &[],
        ),
        (
            "Additional Secretary (Incharge) Mohsin Chandna was present.",
            &[],
        ),
        ("The firm (Reuters) said nothing.", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(acronyms(text), *want, "{text}");
    }
    // The dateline's agency is not a definition.
    let text = "ISLAMABAD, Dec 12 (APP):Associated Press officials met.";
    assert_eq!(acronyms(text), []);
}

fn quotes(text: &str) -> Vec<(&str, Option<&str>)> {
    Article::parse(text)
        .quotes()
        .iter()
        .map(|q| (q.span.slice(text), q.speaker.map(|s| s.slice(text))))
        .collect()
}

#[test]
fn quotes_and_speakers() {
    type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);
    let cases: &[Case] = &[
        (
            "\"We are ready,\" he said.",
            &[("\"We are ready,\"", Some("he"))],
        ),
        (
            "“We are ready,” the minister told reporters.",
            &[("“We are ready,”", Some("the minister"))],
        ),
        (
            "\"Talks were useful,\" said a news release issued on Monday.",
            &[("\"Talks were useful,\"", Some("a news release"))],
        ),
        (
            "\"This is a generational investment,\" said state Sen. Charles Perry, who sponsored the bill.",
            &[(
                "\"This is a generational investment,\"",
                Some("state Sen. Charles Perry"),
            )],
        ),
        (
            "Federal Minister Syed Amin Ul Haque said: \"Exports have doubled.\"",
            &[(
                "\"Exports have doubled.\"",
                Some("Federal Minister Syed Amin Ul Haque"),
            )],
        ),
        (
            "The spokesman told Reuters: “No decision has been made.”",
            &[("“No decision has been made.”", Some("The spokesman"))],
        ),
        (
            "The cut was \"temporary\", according to Finance Minister Ali Khan.",
            &[("\"temporary\"", Some("Finance Minister Ali Khan"))],
        ),
        (
            "The plan, dubbed \"Green Sindh\", was launched.",
            &[("\"Green Sindh\"", None)],
        ),
        (
            "\"We will rebuild,\" Sergio Gera, the programme's chief co-ordinator, said on Monday.",
            &[("\"We will rebuild,\"", Some("Sergio Gera"))],
        ),
        (
            "He was \"cleverly\" not asked about it.",
            &[("\"cleverly\"", None)],
        ),
        ("He stood 5'10\" tall.", &[]),
        // A conjunction opening the sentence, an auxiliary or adverb before the verb, and
        // the clause after a pronoun are not part of the speaker.
        (
            "But he added: \"We will not wait.\"",
            &[("\"We will not wait.\"", Some("he"))],
        ),
        (
            "\"Prices will rise,\" Baker also said.",
            &[("\"Prices will rise,\"", Some("Baker"))],
        ),
        (
            "Meanwhile, the finance minister has said the world faced \"catastrophe\".",
            &[("\"catastrophe\"", Some("the finance minister"))],
        ),
        (
            "\"We will win,\" the company would later say.",
            &[("\"We will win,\"", Some("the company"))],
        ),
        ("\"No,\" said he firmly.", &[("\"No,\"", Some("he"))]),
        ("\"No,\" also said the aide.", &[("\"No,\"", None)]),
        // A passive cue names no speaker; a time before the verb is not the speaker's.
        (
            "The guest was asked: \"Why now?\"",
            &[("\"Why now?\"", None)],
        ),
        (
            "A statement late last night said the plan had \"failed\".",
            &[("\"failed\"", Some("A statement"))],
        ),
        // An adverb between the form of `be` and the verb leaves the cue passive.
        (
            "\"It is over,\" Smith was also told by officials.",
            &[("\"It is over,\"", None)],
        ),
        (
            "\"We will win,\" she was reportedly told.",
            &[("\"We will win,\"", None)],
        ),
        (
            "\"It is a scandal,\" it was later claimed.",
            &[("\"It is a scandal,\"", None)],
        ),
        ("\"Fine,\" said yesterday.", &[("\"Fine,\"", None)]),
        (
            "\"Fine,\" said Nadal afterwards.",
            &[("\"Fine,\"", Some("Nadal"))],
        ),
        // A participle between a determiner or a name and a noun is part of the name;
        // one before a preposition or article is not.
        (
            "\"Rates will fall,\" said a banking industry source.",
            &[("\"Rates will fall,\"", Some("a banking industry source"))],
        ),
        (
            "\"We want him,\" said Spurs sporting director Frank Arnesen.",
            &[(
                "\"We want him,\"",
                Some("Spurs sporting director Frank Arnesen"),
            )],
        ),
        (
            "\"We agree,\" said another official following an assessment.",
            &[("\"We agree,\"", Some("another official"))],
        ),
        // After a name, a participle is part of it only before a name or a role
        // (`Spurs sporting director`); before anything else it starts a clause.
        (
            "\"No comment,\" said Johnson citing company policy.",
            &[("\"No comment,\"", Some("Johnson"))],
        ),
        (
            "\"We are ready,\" said Trump visiting troops in Iraq.",
            &[("\"We are ready,\"", Some("Trump"))],
        ),
        (
            "\"We will go,\" said Acme managing director Jane Roe.",
            &[("\"We will go,\"", Some("Acme managing director Jane Roe"))],
        ),
        (
            "\"Not yet,\" said a source close to the talks.",
            &[("\"Not yet,\"", Some("a source"))],
        ),
        // Copy glued to the next quotation is not part of the speaker (who goes on
        // speaking in it), and an adverb alone is not one.
        (
            "\"Good,\" he added.\"Next year too.\"",
            &[
                ("\"Good,\"", Some("he")),
                ("\"Next year too.\"", Some("he")),
            ],
        ),
        (
            "On the show, \"Meet the Press,\" bluntly admitted \"it is in trouble.\"",
            &[
                ("\"Meet the Press,\"", None),
                ("\"it is in trouble.\"", None),
            ],
        ),
        // A noun in -ly is a subject; an adverb in -ly alone is not.
        (
            "\"We miss him,\" family said.",
            &[("\"We miss him,\"", Some("family"))],
        ),
        (
            "\"The vote stands,\" the assembly said.",
            &[("\"The vote stands,\"", Some("the assembly"))],
        ),
        (
            "\"It was a fix,\" the daily said.",
            &[("\"It was a fix,\"", Some("the daily"))],
        ),
        (
            "\"We hold the line,\" monopoly said.",
            &[("\"We hold the line,\"", Some("monopoly"))],
        ),
        (
            "\"It is too late,\" flatly said the report.",
            &[("\"It is too late,\"", None)],
        ),
        (
            "\"We never agreed,\" imediately said the aide.",
            &[("\"We never agreed,\"", None)],
        ),
        // An abbreviation that may end a sentence does not when lower case follows.
        (
            "\"We agree,\" said one U.S. trade official.",
            &[("\"We agree,\"", Some("one U.S. trade official"))],
        ),
        (
            "\"We agree,\" a U.S. official said.",
            &[("\"We agree,\"", Some("a U.S. official"))],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(quotes(text), *want, "{text}");
    }
    // The quoted words without the marks.
    let text = "“We won,” she said.";
    let q = Article::parse(text).quotes()[0];
    assert_eq!(q.content.slice(text), "We won,");
    // A quotation running over paragraphs.
    let text = "The minister spoke at length on Monday about the new plan for the city.\n\n\"The first part.\n\n\"The second part,\" he said.";
    let got = quotes(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1, Some("he"));
}

/// Text, year, month, day, relative.
type Found = (String, Option<i32>, Option<u8>, Option<u8>, bool);

fn dates(parser: &Parser, text: &str) -> Vec<Found> {
    parser
        .parse(text)
        .dates()
        .iter()
        .map(|d| {
            (
                d.span.slice(text).to_string(),
                d.year,
                d.month,
                d.day,
                d.relative,
            )
        })
        .collect()
}

#[test]
fn date_expressions() {
    type Want<'a> = &'a [(&'a str, Option<i32>, Option<u8>, Option<u8>, bool)];
    let plain = Parser::default();
    let cases: &[(&str, Want)] = &[
        (
            "Talks resume on Dec 12 and end Dec. 15.",
            &[
                ("Dec 12", None, Some(12), Some(12), false),
                ("Dec. 15", None, Some(12), Some(15), false),
            ],
        ),
        (
            "It was signed on December 12, 2024 in Rome.",
            &[("December 12, 2024", Some(2024), Some(12), Some(12), false)],
        ),
        (
            "The law took effect on March 3, 2025.",
            &[("March 3, 2025", Some(2025), Some(3), Some(3), false)],
        ),
        (
            "Polls open on 13 Jan.",
            &[("13 Jan", None, Some(1), Some(13), false)],
        ),
        (
            "Exports doubled in the last three years.",
            &[("last three years", None, None, None, true)],
        ),
        (
            "Output fell in December 2024.",
            &[("December 2024", Some(2024), Some(12), None, false)],
        ),
        (
            "Prices rose in March.",
            &[("March", None, Some(3), None, false)],
        ),
        (
            "The company was founded in 1987.",
            &[("1987", Some(1987), None, None, false)],
        ),
        // Not dates.
        (
            "The troops march on. It may rain. Sales of 1,000 units.",
            &[],
        ),
        ("Dec 1,000 units were sold.", &[]),
    ];
    for (text, want) in cases {
        let got = dates(&plain, text);
        let want: Vec<_> = want
            .iter()
            .map(|(s, y, m, d, r)| (s.to_string(), *y, *m, *d, *r))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn dates_resolve_against_the_dateline() {
    // 2022-12-12 was a Monday.
    let parser = Parser::builder()
        .reference_date(Date::new(2022, 12, 14).unwrap())
        .build();
    let text = "ISLAMABAD, Dec 12 (APP):The delegation called on the minister on Monday. \
                Talks began last Friday and end next Monday. Results came yesterday, \
                and the budget is due Dec 20. It grew last year.";
    let got = dates(&parser, text);
    let want = [
        ("on Monday", Some(2022), Some(12), Some(12), true),
        ("last Friday", Some(2022), Some(12), Some(9), true),
        ("next Monday", Some(2022), Some(12), Some(19), true),
        ("yesterday", Some(2022), Some(12), Some(11), true),
        ("Dec 20", Some(2022), Some(12), Some(20), false),
        ("last year", Some(2021), None, None, true),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(s, y, m, d, r)| (s.to_string(), *y, *m, *d, *r))
        .collect();
    assert_eq!(got, want);

    // Without a dateline the reference date is the anchor: 2024-12-20 was a Friday.
    let parser = Parser::builder()
        .reference_date(Date::new(2024, 12, 20).unwrap())
        .build();
    let got = dates(
        &parser,
        "The minister spoke on Wednesday about the Jan 3 deadline.",
    );
    assert_eq!(
        got,
        [
            (
                "on Wednesday".to_string(),
                Some(2024),
                Some(12),
                Some(18),
                true
            ),
            ("Jan 3".to_string(), Some(2025), Some(1), Some(3), false),
        ]
    );

    // With neither, weekdays stay unresolved.
    let got = dates(&Parser::default(), "They met on Monday.");
    assert_eq!(got, [("on Monday".to_string(), None, None, None, true)]);
}
