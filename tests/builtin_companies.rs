//! The built-in gazetteer's companies: found in wire copy with the right `company:` ids and
//! exact offsets, brand names that are common words matched only in their own case, and
//! the entities themselves well formed.

use std::collections::BTreeSet;
use std::path::Path;

use newswire::{Gazetteer, Matcher};

fn matcher() -> Matcher {
    Matcher::new(Gazetteer::builtin()).unwrap()
}

/// Every mention of `text` as (slice of the input, start, end, ids joined by `|`), in text
/// order, with the document-level links (acronyms, coreference) included.
fn mentions(m: &Matcher, text: &str) -> Vec<(String, usize, usize, String)> {
    let doc = m.annotate(text);
    doc.mentions()
        .iter()
        .map(|x| {
            let span = x.span();
            let ids = x
                .entities()
                .iter()
                .map(|&e| doc.entity(e).id())
                .collect::<Vec<_>>()
                .join("|");
            (span.slice(text).to_string(), span.start, span.end, ids)
        })
        .collect()
}

/// The mentions of `text` that name a company, as (slice, ids).
fn companies(m: &Matcher, text: &str) -> Vec<(String, String)> {
    mentions(m, text)
        .into_iter()
        .filter(|(_, _, _, ids)| ids.split('|').any(|id| id.starts_with("company:")))
        .map(|(t, _, _, ids)| (t, ids))
        .collect()
}

/// The sector list `data/README.md` documents and `data/check_gazetteer.py` enforces.
const SECTORS: &[&str] = &[
    "aerospace-defence",
    "automotive",
    "conglomerate",
    "consumer",
    "energy",
    "finance",
    "health",
    "industrial",
    "insurance",
    "media",
    "mining",
    "professional-services",
    "real-estate",
    "retail",
    "technology",
    "telecom",
    "transport",
    "utilities",
];

#[test]
fn seed_article_finds_facebook_and_kearney() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_a606ce9b6abcca31.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent (shared data)", path.display());
        return;
    };
    let m = matcher();
    let found = mentions(&m, &text);
    for (name, id) in [
        ("Kearney", "company:kearney"),
        ("Facebook", "company:meta-platforms"),
    ] {
        let hit = found
            .iter()
            .find(|(_, _, _, ids)| ids == id)
            .unwrap_or_else(|| panic!("{id} not found in the seed: {found:?}"));
        assert_eq!(hit.0, name);
        assert_eq!(&text[hit.1..hit.2], name, "the span slices the input");
    }
    // The only companies in the seed: `Kearney’s Global Services Location Index` and
    // `the PNI Facebook page` (no `Block Chain`, `Cloud`, `Telecom` or `IT` company).
    assert_eq!(
        companies(&m, &text),
        [
            ("Kearney".to_string(), "company:kearney".to_string()),
            ("Facebook".to_string(), "company:meta-platforms".to_string()),
        ]
    );
}

#[test]
fn a_wire_paragraph_naming_twenty_companies() {
    let text = "TOKYO, June 3 (Reuters) - Toyota Motor and Sony Group said on Tuesday they would \
                build a battery plant with Panasonic, while Samsung Electronics and TSMC raised \
                their chip budgets. Saudi Aramco agreed to supply crude to Sinopec and Reliance \
                Industries, and HSBC, JPMorgan and Goldman Sachs advised on a bond sale by \
                Petrobras. Shares of Nvidia, Microsoft and Alphabet Inc. rose, Volkswagen and \
                BMW fell, and Nestlé, Unilever and Glencore were little changed.";
    let want = [
        ("Toyota Motor", "company:toyota"),
        ("Sony Group", "company:sony"),
        ("Panasonic", "company:panasonic"),
        ("Samsung Electronics", "company:samsung-electronics"),
        ("TSMC", "company:tsmc"),
        ("Saudi Aramco", "company:saudi-aramco"),
        ("Sinopec", "company:sinopec"),
        ("Reliance Industries", "company:reliance-industries"),
        ("HSBC", "company:hsbc"),
        ("JPMorgan", "company:jpmorgan-chase"),
        ("Goldman Sachs", "company:goldman-sachs"),
        ("Petrobras", "company:petrobras"),
        ("Nvidia", "company:nvidia"),
        ("Microsoft", "company:microsoft"),
        ("Alphabet Inc.", "company:alphabet"),
        ("Volkswagen", "company:volkswagen"),
        ("BMW", "company:bmw"),
        ("Nestlé", "company:nestle"),
        ("Unilever", "company:unilever"),
        ("Glencore", "company:glencore"),
    ];
    assert_eq!(want.iter().map(|w| w.1).collect::<BTreeSet<_>>().len(), 20);
    // Expected byte offsets: each name's first occurrence after the previous one.
    let mut at = 0;
    let want: Vec<(String, usize, usize, String)> = want
        .iter()
        .map(|&(name, id)| {
            let start = at + text[at..].find(name).unwrap();
            at = start + name.len();
            (name.to_string(), start, at, id.to_string())
        })
        .collect();
    let got: Vec<_> = mentions(&matcher(), text)
        .into_iter()
        .filter(|(_, _, _, ids)| ids.starts_with("company:"))
        .collect();
    assert_eq!(got, want);
    // `Nestlé` ends past a two-byte letter: the offsets are bytes.
    let nestle = got.iter().find(|g| g.0 == "Nestlé").unwrap();
    assert_eq!(nestle.2 - nestle.1, 7);
}

/// Brand names that are common words are exact-case aliases: found as written in a
/// sentence, never in lower case, and not in an all-capitals headline (exact case does not
/// take `APPLE` for `Apple`), where only a fuller name such as `APPLE INC.` is found.
#[test]
fn common_word_brands_only_in_their_own_case() {
    let m = matcher();
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        ("He peeled an apple and found a shell on the beach.", &[]),
        (
            "Investors bought Apple and sold Shell on Monday.",
            &[("Apple", "company:apple"), ("Shell", "company:shell")],
        ),
        ("APPLE AND SHELL LEAD GAINS", &[]),
        (
            "APPLE INC. RAISES DIVIDEND",
            &[("APPLE INC.", "company:apple")],
        ),
        (
            "Apple Inc. and Shell plc reported results.",
            &[
                ("Apple Inc.", "company:apple"),
                ("Shell plc", "company:shell"),
            ],
        ),
        (
            "Fires in the amazon; Amazon and Target raised prices; a target of 2%.",
            &[("Amazon", "company:amazon"), ("Target", "company:target")],
        ),
        (
            "He needs a visa; Visa and Oracle gained; an oracle spoke.",
            &[("Visa", "company:visa"), ("Oracle", "company:oracle")],
        ),
        (
            "Meta and Alphabet fell while meta data grew in an alphabet soup.",
            &[
                ("Meta", "company:meta-platforms"),
                ("Alphabet", "company:alphabet"),
            ],
        ),
        (
            "The river will ford; Ford cut jobs; an orange sky, and Orange and Sky merged.",
            &[
                ("Ford", "company:ford"),
                ("Orange", "company:orange"),
                ("Sky", "company:sky"),
            ],
        ),
    ];
    for &(text, want) in cases {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|&(t, id)| (t.to_string(), id.to_string()))
            .collect();
        assert_eq!(companies(&m, text), want, "{text}");
    }
    // A headline above wire copy: the capitals of the headline are not `Apple`.
    let article = "APPLE SHARES JUMP\n\nCUPERTINO, California, Jan 5 (Reuters) - Apple Inc. said \
                   on Monday that sales rose.";
    let doc = m.annotate(article);
    let headline = doc.article().headline().unwrap();
    assert_eq!(headline.slice(article), "APPLE SHARES JUMP");
    let found: Vec<_> = mentions(&m, article)
        .into_iter()
        .filter(|x| x.3 == "company:apple")
        .map(|x| x.0)
        .collect();
    assert_eq!(found, ["Apple Inc."]);
}

/// Former names, abbreviations and names two companies share.
#[test]
fn other_names_of_companies() {
    let m = matcher();
    let cases: &[(&str, &str)] = &[
        ("Facebook", "company:meta-platforms"),
        ("Twitter", "company:x-corp"),
        ("Royal Dutch Shell", "company:shell"),
        ("Statoil", "company:equinor"),
        ("Schlumberger", "company:slb"),
        ("A.T. Kearney", "company:kearney"),
        ("Etisalat", "company:eand"),
        ("IBM", "company:ibm"),
        ("GE", "company:general-electric"),
        ("BP", "company:bp"),
        ("LVMH", "company:lvmh"),
        ("TSMC", "company:tsmc"),
        ("Aramco", "company:saudi-aramco"),
        ("Exxon Mobil", "company:exxonmobil"),
        ("ExxonMobil", "company:exxonmobil"),
        ("Wal-Mart", "company:walmart"),
        ("J.P. Morgan", "company:jpmorgan-chase"),
        ("McKinsey", "company:mckinsey"),
        ("Boston Consulting Group", "company:boston-consulting-group"),
        ("PwC", "company:pwc"),
        ("Ernst & Young", "company:ey"),
        ("Merck", "company:merck-kgaa|company:merck-us"),
        ("Google", "company:google"),
        ("State Grid", "company:state-grid"),
        ("Gazprom", "company:gazprom"),
        ("Pemex", "company:pemex"),
        ("ADNOC", "company:adnoc"),
        ("QatarEnergy", "company:qatarenergy"),
        ("PetroChina", "company:petrochina"),
    ];
    for &(name, id) in cases {
        let text = format!("Officials said {name} had agreed.");
        assert_eq!(
            companies(&m, &text),
            [(name.to_string(), id.to_string())],
            "{text}"
        );
    }
}

/// Word sequences that only look like a company once spaces are dropped or case is
/// ignored, and people's names that are also a company's.
#[test]
fn lookalikes_are_not_companies() {
    let m = matcher();
    for text in [
        "In Tel Aviv, talks resumed.",       // not Intel
        "As US troops left, talks resumed.", // not Asus
        "Soil erosion worsened.",            // not S-Oil
        "E&P spending rose.",                // not e&
        "Pat Cummins bowled well.",          // Cummins Inc. only by its full name
        "Gov. Greg Abbott signed the bill.", // Abbott Laboratories only in full
        "The 3m rope held.",                 // 3M only in its own case
        "The Indigo paint and a goto line.", // IndiGo and GoTo are not these words
        "Checkpoint Charlie drew visitors.", // Check Point only as Check Point Software
    ] {
        assert_eq!(companies(&m, text), [], "{text}");
    }
    let tel_aviv = mentions(&m, "In Tel Aviv, talks resumed.");
    assert_eq!(tel_aviv.len(), 1);
    assert_eq!(tel_aviv[0].0, "Tel Aviv");
}

#[test]
fn every_company_is_well_formed() {
    let g = Gazetteer::builtin();
    let countries: BTreeSet<&str> = g
        .entities()
        .filter_map(|e| e.id().strip_prefix("country:"))
        .collect();
    let mut n = 0;
    for e in g.entities().filter(|e| e.id().starts_with("company:")) {
        n += 1;
        let slug = &e.id()["company:".len()..];
        assert!(
            !slug.is_empty()
                && slug.split('-').all(|p| !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{}: slug",
            e.id()
        );
        assert_eq!(e.kind(), "ORG", "{}", e.id());
        let attrs = e.attrs().unwrap();
        let get = |k: &str| attrs.get(k).and_then(|v| v.as_str());
        assert_eq!(get("type"), Some("company"), "{}", e.id());
        let country = get("country").unwrap_or_default();
        assert!(countries.contains(country), "{}: country {country}", e.id());
        let sector = get("sector").unwrap_or_default();
        assert!(SECTORS.contains(&sector), "{}: sector {sector}", e.id());
        if let Some(parent) = get("parent") {
            assert!(
                parent.starts_with("company:") && g.get(parent).is_some(),
                "{}: parent {parent}",
                e.id()
            );
        }
        assert!(
            e.aliases().all(|a| a.text() != e.name()),
            "{}: the name is repeated among the aliases",
            e.id()
        );
    }
    assert!(n >= 800, "{n} companies");
}
