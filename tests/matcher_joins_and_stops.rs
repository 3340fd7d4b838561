//! Three matching rules made for real copy, each on both of its sides: a one-letter word is
//! never joined onto the word before it; a name that ends in a character that gives no
//! bytes (a tatweel) is found as written; and the stop list keeps an all-capitals name of
//! an entity that is not a place (`IT`), while places keep their stop-listed names out.

use newswire::gazetteer::DropReason;
use newswire::{Alias, AliasFilter, Entity, Gazetteer, Matcher};

/// `(id, kind, name, aliases)` entities with the standard filter of a loaded gazetteer.
fn gazetteer(entities: &[(&str, &str, &str, &[&str])]) -> Gazetteer {
    let mut g = Gazetteer::new();
    for (id, kind, name, aliases) in entities {
        let mut e = Entity::new(*id, *kind, *name);
        for a in *aliases {
            e = e.with_alias(*a);
        }
        g.add(e).unwrap();
    }
    g.set_filter(AliasFilter::standard());
    g
}

/// Every match as `(text, first entity id)`, checking that the offsets slice the text.
fn found(m: &Matcher, text: &str) -> Vec<(String, String)> {
    m.find(text)
        .iter()
        .map(|x| {
            let slice = text
                .get(x.start()..x.end())
                .expect("offsets slice the text");
            let id = m.gazetteer().entity(x.entities()[0]).id().to_string();
            (slice.to_string(), id)
        })
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|(t, i)| (t.to_string(), i.to_string()))
        .collect()
}

#[test]
fn a_one_letter_word_is_never_joined_onto_the_word_before() {
    let g = gazetteer(&[
        ("pk", "LOC", "Pakistan", &["Pakistani"]),
        ("haque", "PERSON", "Syed Aminul Haque", &[]),
        ("bc", "TOPIC", "Blockchain", &[]),
        ("ab", "ORG", "Abcorp", &[]),
    ]);
    let m = Matcher::new(g).unwrap();
    // (text, what is found)
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Pakistan I said", &[("Pakistan", "pk")]),
        ("In Pakistan I think so.", &[("Pakistan", "pk")]),
        ("PAKISTAN I SAID", &[("PAKISTAN", "pk")]),
        ("Pakistani officials", &[("Pakistani", "pk")]),
        ("Paki Stani", &[("Paki Stani", "pk")]),
        (
            "Federal Minister Syed Amin Ul Haque said",
            &[("Syed Amin Ul Haque", "haque")],
        ),
        ("Syed Aminul Haque said", &[("Syed Aminul Haque", "haque")]),
        ("Syed Aminul H aque", &[]),
        ("AI, Block Chain, IoT", &[("Block Chain", "bc")]),
        ("a Blockchain", &[("Blockchain", "bc")]),
        ("Ab Corp", &[("Ab Corp", "ab")]),
        // The rule is about the word after the gap: a longer word joins a one-letter one.
        ("A Bcorp", &[("A Bcorp", "ab")]),
        ("Abcor P", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(found(&m, text), pairs(want), "{text:?}");
    }
}

#[test]
fn a_tatweel_at_either_end_of_a_word_belongs_to_it() {
    let g = gazetteer(&[
        ("sao", "LOC", "Saoـ", &[]),
        ("sp", "LOC", "Sao Paulo", &[]),
        ("mohammed", "PERSON", "محمد علي", &[]),
        ("msoo", "ORG", "ـMsOo", &[]),
    ]);
    let m = Matcher::new(g).unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Saoـ", &[("Saoـ", "sao")]),
        ("He flew to Saoـ today.", &[("Saoـ", "sao")]),
        ("He flew to Saoــ today.", &[("Saoــ", "sao")]),
        ("He flew to Sao today.", &[("Sao", "sao")]),
        ("Saoـ Paulo", &[("Saoـ Paulo", "sp")]),
        ("Saoـx", &[]),
        ("محمـد علي قال", &[("محمـد علي", "mohammed")]),
        ("محمد علي", &[("محمد علي", "mohammed")]),
        // A tatweel may begin a word too: the name starts where it does.
        ("ـMsOo", &[("ـMsOo", "msoo")]),
        ("They met ـMsOo today.", &[("ـMsOo", "msoo")]),
        ("They met MsOo today.", &[("MsOo", "msoo")]),
        ("Saoـ ـPaulo", &[("Saoـ ـPaulo", "sp")]),
    ];
    for (text, want) in cases {
        assert_eq!(found(&m, text), pairs(want), "{text:?}");
    }
}

#[test]
fn the_stop_list_keeps_all_capitals_names_of_what_is_not_a_place() {
    let mut g = gazetteer(&[
        ("topic:it", "TOPIC", "information technology", &["IT"]),
        ("org:who", "ORG", "World Health Organization", &["WHO"]),
        ("person:may", "PERSON", "Theresa May", &["MAY"]),
        // A place gazetteer's airport codes and towns named like common words.
        ("airport:the", "LOC", "Teresina Airport", &["THE"]),
        ("airport:as", "loc", "Aasiaat Airport", &["AS"]),
        ("gpe:can", "GPE", "Canakkale Airport", &["CAN"]),
        ("town:most", "LOC", "Most", &[]),
        ("town:march", "LOC", "March", &["MARCH"]),
    ]);
    // An all-capitals alias of another kind that is exact on purpose still passes.
    g.add(
        Entity::new("org:the", "ORG", "The Hindu Group")
            .with_alias(Alias::new("THE").with_case(newswire::CaseMode::Exact)),
    )
    .unwrap();
    let m = Matcher::new(g.clone()).unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "The IT sector grew fast and it created jobs.",
            &[("IT", "topic:it")],
        ),
        ("WHO said; who knows.", &[("WHO", "org:who")]),
        (
            "THE PM MAY GO",
            &[("THE", "org:the"), ("MAY", "person:may")],
        ),
        (
            "AS THE TALKS END, MOST CAN LEAVE IN MARCH",
            &[("THE", "org:the")],
        ),
        ("Most people in March", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(found(&m, text), pairs(want), "{text:?}");
    }
    // What the filter drops, and why, is listed.
    let dropped: Vec<(&str, &str, DropReason)> = m
        .filter()
        .dropped(&g)
        .iter()
        .map(|d| (d.entity.id(), d.name, d.reason))
        .collect();
    assert_eq!(
        dropped,
        [
            ("airport:the", "THE", DropReason::StopWord),
            ("airport:as", "AS", DropReason::StopWord),
            ("gpe:can", "CAN", DropReason::StopWord),
            ("town:most", "Most", DropReason::StopWord),
            ("town:march", "March", DropReason::StopWord),
            ("town:march", "MARCH", DropReason::StopWord),
        ]
    );
    // The stop list's own answer is unchanged: `IT` is a stop word, whoever has it.
    assert!(AliasFilter::is_stop_word("IT"));
    assert!(AliasFilter::is_stop_word("it"));
}

/// The real GeoNames gazetteer (benches/gazetteers.py writes it; skipped when absent): its
/// all-capitals airport codes that are common words stay dropped, and an all-capitals
/// headline finds none of them.
#[test]
fn geonames_airport_codes_stay_dropped() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench/gazetteers/geonames-357k.jsonl");
    if !path.exists() {
        eprintln!(
            "note: {} is absent (run benches/gazetteers.py); skipped",
            path.display()
        );
        return;
    }
    let g = Gazetteer::from_path(&path).unwrap();
    let m = Matcher::new(g).unwrap();
    let dropped: Vec<&str> = m
        .filter()
        .dropped(m.gazetteer())
        .iter()
        .filter(|d| d.reason == DropReason::StopWord)
        .map(|d| d.name)
        .collect();
    for code in ["THE", "AS", "FOR", "CAN", "WAS"] {
        if m.gazetteer()
            .entities()
            .any(|e| e.aliases().any(|a| a.text() == code))
        {
            assert!(dropped.contains(&code), "{code} is not dropped");
        }
    }
    let headline = "AS THE TALKS END, WHAT CAN FOR WAS";
    assert!(m.find(headline).is_empty(), "{:?}", found(&m, headline));
}
