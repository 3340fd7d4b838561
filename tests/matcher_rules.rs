//! Table-driven tests for every matching rule.

use newswire::{Alias, AliasFilter, CaseMode, Entity, Gazetteer, Matcher, Overlaps};

/// A gazetteer of `(id, name, aliases)` entities, kind `X`.
fn gaz(entities: &[(&str, &str, &[&str])]) -> Gazetteer {
    let mut g = Gazetteer::new();
    for (id, name, aliases) in entities {
        let mut e = Entity::new(*id, "X", *name);
        for a in *aliases {
            e = e.with_alias(*a);
        }
        g.add(e).unwrap();
    }
    g
}

/// Every match as `text[span]`, checking that offsets slice to the reported text.
fn found(m: &Matcher, text: &str) -> Vec<String> {
    m.find(text)
        .iter()
        .map(|x| {
            assert!(text.is_char_boundary(x.start()) && text.is_char_boundary(x.end()));
            x.text(text).to_string()
        })
        .collect()
}

struct Case {
    aliases: &'static [&'static str],
    text: &'static str,
    want: &'static [&'static str],
}

fn run(cases: &[Case], build: impl Fn(Gazetteer) -> Matcher) {
    for c in cases {
        let ents: Vec<(String, &str, Vec<&str>)> = c
            .aliases
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("e{i}"), *a, Vec::new()))
            .collect();
        let ents: Vec<(&str, &str, &[&str])> = ents
            .iter()
            .map(|(i, n, a)| (i.as_str(), *n, a.as_slice()))
            .collect();
        let m = build(gaz(&ents));
        assert_eq!(
            found(&m, c.text),
            c.want,
            "aliases {:?} in {:?}",
            c.aliases,
            c.text
        );
    }
}

fn default(g: Gazetteer) -> Matcher {
    Matcher::new(g).unwrap()
}

#[test]
fn boundaries() {
    run(
        &[
            Case {
                aliases: &["Pakistan"],
                text: "Pakistani officials",
                want: &[],
            },
            Case {
                aliases: &["Pakistan"],
                text: "a Pakistan-based group",
                want: &["Pakistan"],
            },
            Case {
                aliases: &["Pakistan"],
                text: "anti-Pakistan rally",
                want: &["Pakistan"],
            },
            Case {
                aliases: &["Pakistan"],
                text: "(Pakistan)",
                want: &["Pakistan"],
            },
            Case {
                aliases: &["Pakistan"],
                text: "Pakistan's",
                want: &["Pakistan"],
            },
            Case {
                aliases: &["OIC"],
                text: "the OIC’s envoy",
                want: &["OIC"],
            },
            Case {
                aliases: &["OIC"],
                text: "the OIC's envoy",
                want: &["OIC"],
            },
            Case {
                aliases: &["Reuters"],
                text: "Reuters' report",
                want: &["Reuters"],
            },
            Case {
                aliases: &["Reuters"],
                text: "Reuters’ report",
                want: &["Reuters"],
            },
            Case {
                aliases: &["Brien"],
                text: "O'Brien said",
                want: &[],
            },
            Case {
                aliases: &["Franç"],
                text: "le français",
                want: &[],
            },
            Case {
                aliases: &["Kista"],
                text: "Pakistan",
                want: &[],
            },
            Case {
                aliases: &["Pakistan"],
                text: "xPakistan",
                want: &[],
            },
            Case {
                aliases: &["Pakistan"],
                text: "Pakistan2",
                want: &[],
            },
            Case {
                aliases: &["Pakistan"],
                text: "Pakistan_",
                want: &[],
            },
            Case {
                aliases: &["U.S."],
                text: "U.S.A. team",
                want: &[],
            },
            Case {
                aliases: &["U.S."],
                text: "the U.S. team",
                want: &["U.S."],
            },
            Case {
                aliases: &["Washington"],
                text: "said.Washington.The",
                want: &["Washington"],
            },
            Case {
                aliases: &["北京"],
                text: "我在北京工作",
                want: &["北京"],
            },
            Case {
                aliases: &["东京"],
                text: "北京东京上海",
                want: &["东京"],
            },
            Case {
                aliases: &["Pakistan"],
                text: "🇵🇰Pakistan🎉 and Pakistan😀.",
                want: &["Pakistan", "Pakistan"],
            },
            Case {
                aliases: &["Pakistan"],
                text: "Pakistan\u{0301}",
                want: &["Pakistan\u{0301}"],
            },
        ],
        default,
    );
}

#[test]
fn combining_mark_after_the_end_blocks() {
    let g = gaz(&[("j", "Jose", &[])]);
    let off = Matcher::builder()
        .fold_diacritics(false)
        .build(g.clone())
        .unwrap();
    assert_eq!(found(&off, "Jose\u{0301} spoke"), Vec::<String>::new());
    assert_eq!(found(&off, "José spoke"), Vec::<String>::new());
    assert_eq!(found(&off, "Jose spoke"), ["Jose"]);
    let on = Matcher::new(g).unwrap();
    assert_eq!(found(&on, "Jose\u{0301} spoke"), ["Jose\u{0301}"]);
    assert_eq!(found(&on, "José spoke"), ["José"]);
}

#[test]
fn normalisation() {
    run(
        &[
            // NFC alias, NFD text and the other way round.
            Case {
                aliases: &["São Paulo"],
                text: "in Sa\u{0303}o Paulo.",
                want: &["Sa\u{0303}o Paulo"],
            },
            Case {
                aliases: &["Sa\u{0303}o Paulo"],
                text: "in São Paulo.",
                want: &["São Paulo"],
            },
            // Diacritic folding.
            Case {
                aliases: &["São Paulo"],
                text: "in Sao Paulo.",
                want: &["Sao Paulo"],
            },
            Case {
                aliases: &["Zurich"],
                text: "Zürich",
                want: &["Zürich"],
            },
            Case {
                aliases: &["Curaçao"],
                text: "CURACAO",
                want: &["CURACAO"],
            },
            // Unicode case folding, specials included.
            Case {
                aliases: &["Straße"],
                text: "STRASSE",
                want: &["STRASSE"],
            },
            Case {
                aliases: &["Strasse"],
                text: "Straße",
                want: &["Straße"],
            },
            Case {
                aliases: &["Stras"],
                text: "Straße",
                want: &[],
            },
            Case {
                aliases: &["İstanbul"],
                text: "Istanbul",
                want: &["Istanbul"],
            },
            Case {
                aliases: &["Ελλάδα"],
                text: "ΕΛΛΑΔΑ",
                want: &["ΕΛΛΑΔΑ"],
            },
            Case {
                aliases: &["Москва"],
                text: "Столица — МОСКВА.",
                want: &["МОСКВА"],
            },
            // Apostrophes, dashes, white space.
            Case {
                aliases: &["Côte d'Ivoire"],
                text: "Côte d’Ivoire",
                want: &["Côte d’Ivoire"],
            },
            Case {
                aliases: &["Côte d’Ivoire"],
                text: "Cote d'Ivoire",
                want: &["Cote d'Ivoire"],
            },
            Case {
                aliases: &["Guinea-Bissau"],
                text: "Guinea–Bissau",
                want: &["Guinea–Bissau"],
            },
            Case {
                aliases: &["New York"],
                text: "New\nYork",
                want: &["New\nYork"],
            },
            Case {
                aliases: &["New York"],
                text: "New\u{00A0}  York",
                want: &["New\u{00A0}  York"],
            },
        ],
        default,
    );
    let g = gaz(&[("sp", "São Paulo", &[])]);
    let m = Matcher::builder().fold_diacritics(false).build(g).unwrap();
    assert_eq!(found(&m, "Sao Paulo"), Vec::<String>::new());
    assert_eq!(found(&m, "Sa\u{0303}o Paulo"), ["Sa\u{0303}o Paulo"]);
}

#[test]
fn whitespace_runs_with_variants_off() {
    let g = gaz(&[("ny", "New York", &[])]);
    let m = Matcher::builder().variants(false).build(g).unwrap();
    assert_eq!(found(&m, "New \n York"), ["New \n York"]);
    assert_eq!(found(&m, "NewYork"), Vec::<String>::new());
    assert_eq!(found(&m, "New-York"), Vec::<String>::new());
}

#[test]
fn spacing_variants() {
    run(
        &[
            Case {
                aliases: &["Al-Qaeda"],
                text: "Al-Qaeda",
                want: &["Al-Qaeda"],
            },
            Case {
                aliases: &["Al-Qaeda"],
                text: "Al Qaeda",
                want: &["Al Qaeda"],
            },
            Case {
                aliases: &["Al-Qaeda"],
                text: "AlQaeda",
                want: &["AlQaeda"],
            },
            Case {
                aliases: &["Al-Qaeda"],
                text: "Al–Qaeda",
                want: &["Al–Qaeda"],
            },
            Case {
                aliases: &["Al Qaeda"],
                text: "Al-Qaeda",
                want: &["Al-Qaeda"],
            },
            Case {
                aliases: &["AlQaeda"],
                text: "Al Qaeda",
                want: &["Al Qaeda"],
            },
            Case {
                aliases: &["Syed Aminul Haque"],
                text: "Syed Amin Ul Haque",
                want: &["Syed Amin Ul Haque"],
            },
            Case {
                aliases: &["Syed Aminul Haque"],
                text: "Syed Amin ul Haque",
                want: &[],
            },
            Case {
                aliases: &["Syed Amin Ul Haque"],
                text: "Syed Aminul Haque",
                want: &["Syed Aminul Haque"],
            },
            Case {
                aliases: &["Aminul"],
                text: "Amin Ul",
                want: &["Amin Ul"],
            },
            Case {
                aliases: &["Aminul"],
                text: "Aminul",
                want: &["Aminul"],
            },
            Case {
                aliases: &["Blockchain"],
                text: "Block Chain",
                want: &["Block Chain"],
            },
            Case {
                aliases: &["Blockchain"],
                text: "Block chain",
                want: &[],
            },
            Case {
                aliases: &["Block Chain"],
                text: "Blockchain",
                want: &["Blockchain"],
            },
            Case {
                aliases: &["Block chain"],
                text: "Blockchain",
                want: &[],
            },
            Case {
                aliases: &["Saida"],
                text: "he said a word",
                want: &[],
            },
            Case {
                aliases: &["Saida"],
                text: "Said a word",
                want: &[],
            },
            Case {
                aliases: &["saida"],
                text: "he said a word",
                want: &[],
            },
        ],
        default,
    );
    // Off: space and hyphen are distinct and must be where the alias has them.
    let g = gaz(&[("aq", "Al Qaeda", &[])]);
    let m = Matcher::builder().variants(false).build(g).unwrap();
    assert_eq!(found(&m, "Al Qaeda, Al-Qaeda, AlQaeda"), ["Al Qaeda"]);
}

#[test]
fn smart_case() {
    run(
        &[
            Case {
                aliases: &["IT"],
                text: "IT firms",
                want: &["IT"],
            },
            Case {
                aliases: &["IT"],
                text: "it is",
                want: &[],
            },
            Case {
                aliases: &["IT"],
                text: "It is",
                want: &[],
            },
            Case {
                aliases: &["AI"],
                text: "AI and ai",
                want: &["AI"],
            },
            Case {
                aliases: &["US"],
                text: "US troops and us",
                want: &["US"],
            },
            Case {
                aliases: &["US"],
                text: "Us",
                want: &[],
            },
            Case {
                aliases: &["U.S."],
                text: "U.S. and u.s.",
                want: &["U.S."],
            },
            Case {
                aliases: &["UNESCO"],
                text: "Unesco, UNESCO",
                want: &["UNESCO"],
            },
            Case {
                aliases: &["Turkey"],
                text: "turkey dinner",
                want: &[],
            },
            Case {
                aliases: &["Turkey"],
                text: "Turkey said",
                want: &["Turkey"],
            },
            Case {
                aliases: &["Turkey"],
                text: "TURKEY",
                want: &["TURKEY"],
            },
            Case {
                aliases: &["Turkey"],
                text: "TUrkey",
                want: &["TUrkey"],
            },
            Case {
                aliases: &["Islamabad"],
                text: "ISLAMABAD, Dec 12 (APP):",
                want: &["ISLAMABAD"],
            },
            Case {
                aliases: &["New York"],
                text: "new York",
                want: &[],
            },
            Case {
                aliases: &["New York"],
                text: "New york",
                want: &[],
            },
            Case {
                aliases: &["New York"],
                text: "NEW YORK",
                want: &["NEW YORK"],
            },
            Case {
                aliases: &["McDonald"],
                text: "Mcdonald",
                want: &["Mcdonald"],
            },
            Case {
                aliases: &["blockchain"],
                text: "Blockchain blockchain BLOCKCHAIN",
                want: &["Blockchain", "blockchain", "BLOCKCHAIN"],
            },
            Case {
                aliases: &["al-Qaeda"],
                text: "al-Qaeda and Al-Qaeda",
                want: &["al-Qaeda", "Al-Qaeda"],
            },
            Case {
                aliases: &["Al-Qaeda"],
                text: "al-Qaeda",
                want: &[],
            },
            Case {
                aliases: &["Ölüdeniz"],
                text: "ölüdeniz Öludeniz",
                want: &["Öludeniz"],
            },
            Case {
                aliases: &["Москва"],
                text: "москва Москва",
                want: &["Москва"],
            },
        ],
        default,
    );
}

#[test]
fn exact_and_insensitive_matcher_wide() {
    let cases: &[(CaseMode, &str, &str, &[&str])] = &[
        (
            CaseMode::Exact,
            "Turkey",
            "TURKEY turkey Turkey",
            &["Turkey"],
        ),
        (
            CaseMode::Exact,
            "iPhone",
            "IPhone iphone iPhone",
            &["iPhone"],
        ),
        (
            CaseMode::Exact,
            "São Paulo",
            "SAO PAULO Sao Paulo",
            &["Sao Paulo"],
        ),
        (
            CaseMode::Insensitive,
            "Turkey",
            "turkey TURKEY",
            &["turkey", "TURKEY"],
        ),
        (CaseMode::Insensitive, "IT", "it It", &["it", "It"]),
        // The variant rule holds in every case mode.
        (CaseMode::Insensitive, "Saida", "said a", &[]),
    ];
    for (mode, alias, text, want) in cases {
        let m = Matcher::builder()
            .case(*mode)
            .build(gaz(&[("e", alias, &[])]))
            .unwrap();
        assert_eq!(found(&m, text), *want, "{mode} {alias:?} in {text:?}");
    }
}

#[test]
fn per_alias_case_wins() {
    let cases: &[(CaseMode, CaseMode, &str, &str, &[&str])] = &[
        (
            CaseMode::Smart,
            CaseMode::Insensitive,
            "turkey",
            "Turkey turkey",
            &["Turkey", "turkey"],
        ),
        (CaseMode::Smart, CaseMode::Insensitive, "IT", "it", &["it"]),
        (
            CaseMode::Smart,
            CaseMode::Exact,
            "Apple",
            "APPLE Apple",
            &["Apple"],
        ),
        (
            CaseMode::Insensitive,
            CaseMode::Smart,
            "IT",
            "it IT",
            &["IT"],
        ),
        (
            CaseMode::Insensitive,
            CaseMode::Exact,
            "Turkey",
            "turkey Turkey",
            &["Turkey"],
        ),
        (
            CaseMode::Exact,
            CaseMode::Smart,
            "Turkey",
            "TURKEY turkey",
            &["TURKEY"],
        ),
    ];
    for (wide, own, alias, text, want) in cases {
        let mut g = Gazetteer::new();
        g.add(Entity::new("e", "X", "zzzz").with_alias(Alias::new(*alias).with_case(*own)))
            .unwrap();
        let m = Matcher::builder().case(*wide).build(g).unwrap();
        assert_eq!(
            found(&m, text),
            *want,
            "matcher {wide}, alias {alias:?} {own} in {text:?}"
        );
    }
}

#[test]
fn overlaps() {
    let g = gaz(&[
        ("nyt", "New York Times", &[]),
        ("ny", "New York", &[]),
        ("y", "York", &[]),
    ]);
    let longest = Matcher::new(g.clone()).unwrap();
    let all = Matcher::builder().overlaps(Overlaps::All).build(g).unwrap();
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("New York Timesheet", &["New York"], &["New York", "York"]),
        (
            "New York Times reported",
            &["New York Times"],
            &["New York", "New York Times", "York"],
        ),
        ("New York times", &["New York"], &["New York", "York"]),
        (
            "York, New York",
            &["York", "New York"],
            &["York", "New York", "York"],
        ),
        ("New Yorker", &[], &[]),
    ];
    for (text, want_longest, want_all) in cases {
        assert_eq!(found(&longest, text), *want_longest, "longest in {text:?}");
        assert_eq!(found(&all, text), *want_all, "all in {text:?}");
    }
}

#[test]
fn ambiguous_aliases_carry_every_candidate() {
    let mut g = Gazetteer::new();
    g.add(Entity::new("country:GE", "LOC", "Georgia")).unwrap();
    g.add(
        Entity::new("person:x", "PERSON", "Georgia Smith")
            .with_alias("Georgia")
            .with_alias("GEORGIA"),
    )
    .unwrap();
    g.add(
        Entity::new("us:GA", "LOC", "State of Georgia")
            .with_alias("Georgia")
            .with_alias("GA"),
    )
    .unwrap();
    g.add(
        Entity::new("other", "ORG", "Georgia Pacific")
            .with_alias(Alias::new("Georgia").with_case(CaseMode::Exact)),
    )
    .unwrap();
    let m = Matcher::new(g).unwrap();
    let text = "GEORGIA: Georgia and GA.";
    let got: Vec<(&str, Vec<&str>)> = m
        .find(text)
        .iter()
        .map(|x| {
            (
                x.text(text),
                x.entities()
                    .iter()
                    .map(|&e| m.gazetteer().entity(e).id())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("GEORGIA", vec!["country:GE", "person:x", "us:GA"]),
            ("Georgia", vec!["country:GE", "person:x", "us:GA", "other"]),
            ("GA", vec!["us:GA"]),
        ]
    );
}

#[test]
fn multi_script() {
    run(
        &[
            Case {
                aliases: &["Москва"],
                text: "Визит в Москва-Сити и Москву",
                want: &["Москва"],
            },
            Case {
                aliases: &["باكستان"],
                text: "زار رئيس الوزراء باكستان أمس.",
                want: &["باكستان"],
            },
            Case {
                aliases: &["باكستان"],
                text: "زار بَاكِسْتَان أمس",
                want: &["بَاكِسْتَان"],
            },
            Case {
                aliases: &["भारत"],
                text: "भारत और पाकिस्तान के बीच",
                want: &["भारत"],
            },
            Case {
                aliases: &["पाकिस्तान"],
                text: "भारत और पाकिस्तान के बीच",
                want: &["पाकिस्तान"],
            },
            Case {
                aliases: &["巴基斯坦"],
                text: "巴基斯坦总理今天访问北京。",
                want: &["巴基斯坦"],
            },
            Case {
                aliases: &["東京"],
                text: "東京都は",
                want: &["東京"],
            },
            Case {
                aliases: &["Kraków"],
                text: "w Krakowie, KRAKÓW i Krakow",
                want: &["KRAKÓW", "Krakow"],
            },
            Case {
                aliases: &["Zürich"],
                text: "Zu\u{0308}rich",
                want: &["Zu\u{0308}rich"],
            },
        ],
        default,
    );
}

#[test]
fn filters() {
    // Loaded gazetteers get the standard filter: stop list and minimum length 2.
    let tsv = "m\tLOC\tMarch\n\
               p\tLOC\tPolice\tPolice County\n\
               n\tLOC\tNice\tNizza|Nice City\n\
               x\tLOC\tX\n\
               k\tLOC\tKarachi\n";
    let g = Gazetteer::from_tsv_str(tsv, "t.tsv").unwrap();
    let text = "March: Police in Nice, Police County, Nizza, Karachi and X.";
    let m = Matcher::new(g.clone()).unwrap();
    assert_eq!(found(&m, text), ["Police County", "Nizza", "Karachi"]);
    let m = Matcher::builder()
        .filter(AliasFilter::none())
        .build(g.clone())
        .unwrap();
    assert_eq!(
        found(&m, text),
        [
            "March",
            "Police",
            "Nice",
            "Police County",
            "Nizza",
            "Karachi",
            "X"
        ]
    );
    let m = Matcher::builder()
        .filter(AliasFilter::standard().stop_list(false))
        .build(g.clone())
        .unwrap();
    assert_eq!(
        found(&m, text),
        [
            "March",
            "Police",
            "Nice",
            "Police County",
            "Nizza",
            "Karachi"
        ]
    );
    let m = Matcher::builder()
        .filter(AliasFilter::none().min_len(6))
        .build(g)
        .unwrap();
    assert_eq!(found(&m, text), ["Police", "Police County", "Karachi"]);

    // Code-built gazetteers keep everything.
    let code = gaz(&[("m", "March", &[]), ("x", "X", &[])]);
    assert_eq!(
        found(&Matcher::new(code).unwrap(), "March X"),
        ["March", "X"]
    );

    // An alias with its own exact case is exempt from the stop list.
    let jsonl =
        r#"{"id":"n","kind":"LOC","name":"Nice","aliases":[{"text":"Nice","case":"exact"}]}"#;
    let g = Gazetteer::from_jsonl_str(jsonl, "n.jsonl").unwrap();
    assert_eq!(found(&Matcher::new(g).unwrap(), "Nice NICE"), ["Nice"]);

    // Kinds and alias kinds.
    let mut g = Gazetteer::new();
    g.add(
        Entity::new("pk", "LOC", "Pakistan")
            .with_alias(Alias::new("Pakistani").with_kind("demonym")),
    )
    .unwrap();
    g.add(Entity::new("oic", "ORG", "OIC")).unwrap();
    g.add(Entity::new("imran", "PERSON", "Imran Khan")).unwrap();
    let text = "Pakistani Imran Khan at the OIC in Pakistan";
    let cases: &[(AliasFilter, &[&str])] = &[
        (
            AliasFilter::none(),
            &["Pakistani", "Imran Khan", "OIC", "Pakistan"],
        ),
        (
            AliasFilter::none().exclude_alias_kinds(["demonym"]),
            &["Imran Khan", "OIC", "Pakistan"],
        ),
        (
            AliasFilter::none().include_kinds(["LOC", "org"]),
            &["Pakistani", "OIC", "Pakistan"],
        ),
        (
            AliasFilter::none().exclude_kinds(["LOC"]),
            &["Imran Khan", "OIC"],
        ),
    ];
    for (f, want) in cases {
        let m = Matcher::builder()
            .filter(f.clone())
            .build(g.clone())
            .unwrap();
        assert_eq!(found(&m, text), *want, "{f:?}");
    }
}

#[test]
fn stop_list_contents() {
    for w in [
        "March", "MAY", "Monday", "Of", "Most", "Police", "Mobile", "Reading", "Nice", "Split",
        "Bath", "August",
    ] {
        assert!(AliasFilter::is_stop_word(w), "{w}");
    }
    for w in [
        "Pakistan", "Paris", "Victoria", "Hull", "Florence", "New York",
    ] {
        assert!(!AliasFilter::is_stop_word(w), "{w}");
    }
    let n = AliasFilter::stop_words().len();
    assert!((150..=400).contains(&n), "{n} stop words");
}

#[test]
fn matcher_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Matcher>();
    assert_send_sync::<Gazetteer>();
    let m = std::sync::Arc::new(Matcher::new(gaz(&[("pk", "Pakistan", &[])])).unwrap());
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let m = m.clone();
            std::thread::spawn(move || m.find("in Pakistan").len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
}

#[test]
fn find_iter_matches_find() {
    let g = gaz(&[("ny", "New York", &[]), ("pk", "Pakistan", &["Pak"])]);
    let m = Matcher::new(g).unwrap();
    let text = "New York and Pakistan; Pak team in NEW YORK.";
    let lazy: Vec<_> = m.find_iter(text).collect();
    assert_eq!(lazy, m.find(text));
    assert_eq!(lazy.len(), 4);
    assert_eq!(m.find_iter(text).take(1).count(), 1);
}

#[test]
fn empty_inputs() {
    let m = Matcher::new(Gazetteer::new()).unwrap();
    assert!(m.find("anything at all").is_empty());
    let m = Matcher::new(gaz(&[("pk", "Pakistan", &[])])).unwrap();
    assert!(m.find("").is_empty());
    let m = Matcher::new(gaz(&[("d", "-", &[])])).unwrap();
    assert!(m.find("a - b").is_empty());
}

#[test]
fn punctuation_first_aliases() {
    let g = gaz(&[("h", "'s-Hertogenbosch", &[])]);
    let m = Matcher::new(g).unwrap();
    assert_eq!(
        found(&m, "in 's-Hertogenbosch and ’s Hertogenbosch"),
        ["'s-Hertogenbosch", "’s Hertogenbosch"]
    );
}
