//! Document-level annotation: gazetteer mentions, acronym links, surname coreference,
//! sentence indices and the per-entity summary.

use newswire::{Article, Entity, Gazetteer, Matcher, Via, annotate};

fn gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new();
    for e in [
        Entity::new("org:oic", "ORG", "Organization of Islamic Cooperation"),
        Entity::new("org:sti-pk", "ORG", "Science and Technology Institute"),
        Entity::new("per:haque", "PERSON", "Syed Aminul Haque"),
        Entity::new("per:iqbal", "PER", "Ahsan Iqbal"),
        Entity::new("loc:pk", "LOC", "Pakistan"),
        Entity::new("loc:isb", "LOC", "Islamabad"),
        Entity::new("org:stc", "ORG", "Saudi Telecom Company").with_alias("STC"),
        Entity::new("org:other-sti", "ORG", "Space Technology Institute").with_alias("STI"),
        Entity::new("org:pw", "ORG", "Price Waterhouse"),
        Entity::new("org:fdic", "ORG", "Federal Deposit Insurance Corp"),
    ] {
        g.add(e).unwrap();
    }
    g
}

struct Found {
    text: String,
    id: String,
    via: Via,
}

fn found(text: &str) -> Vec<Found> {
    let matcher = Matcher::new(gazetteer()).unwrap();
    let doc = annotate(text, Article::parse(text), &matcher);
    doc.mentions()
        .iter()
        .map(|m| Found {
            text: m.span().slice(text).to_string(),
            id: m
                .entities()
                .iter()
                .map(|&e| doc.entity(e).id())
                .collect::<Vec<_>>()
                .join("|"),
            via: m.via(),
        })
        .collect()
}

/// A text and the mentions expected in it, as (text, ids, via).
type Case<'a> = (&'a str, &'a [(&'a str, &'a str, Via)]);

#[test]
fn mentions_by_how_they_were_found() {
    let cases: &[Case] = &[
        (
            "The Organization of Islamic Cooperation (OIC) met. Later the OIC said it was pleased.",
            &[
                (
                    "Organization of Islamic Cooperation",
                    "org:oic",
                    Via::Gazetteer,
                ),
                ("OIC", "org:oic", Via::Acronym),
                ("OIC", "org:oic", Via::Acronym),
            ],
        ),
        (
            // The article's own definition wins over another entity's alias.
            "Pakistan opened the Science and Technology Institute (STI). The STI will teach.",
            &[
                ("Pakistan", "loc:pk", Via::Gazetteer),
                (
                    "Science and Technology Institute",
                    "org:sti-pk",
                    Via::Gazetteer,
                ),
                ("STI", "org:sti-pk", Via::Acronym),
                ("STI", "org:sti-pk", Via::Acronym),
            ],
        ),
        (
            "Minister Syed Aminul Haque said so. Haque added that Pakistan agreed.",
            &[
                ("Syed Aminul Haque", "per:haque", Via::Gazetteer),
                ("Haque", "per:haque", Via::Coref),
                ("Pakistan", "loc:pk", Via::Gazetteer),
            ],
        ),
        (
            // A surname before the full name, or in lower case, is no mention.
            "Haque arrived. Then Ahsan Iqbal spoke; Iqbal and iqbal are different.",
            &[
                ("Ahsan Iqbal", "per:iqbal", Via::Gazetteer),
                ("Iqbal", "per:iqbal", Via::Coref),
            ],
        ),
        (
            // The gazetteer's name without the legal form or full stop the definition has.
            "Price Waterhouse and Co (PW) audits the Federal Deposit Insurance Corp. (FDIC). PW and the FDIC agreed.",
            &[
                ("Price Waterhouse", "org:pw", Via::Gazetteer),
                ("PW", "org:pw", Via::Acronym),
                ("Federal Deposit Insurance Corp", "org:fdic", Via::Gazetteer),
                ("FDIC", "org:fdic", Via::Acronym),
                ("PW", "org:pw", Via::Acronym),
                ("FDIC", "org:fdic", Via::Acronym),
            ],
        ),
        (
            // A place that ends the long form is not what the acronym stands for.
            "The Monetary Authority of Pakistan (MAP) said so. MAP will act.",
            &[("Pakistan", "loc:pk", Via::Gazetteer)],
        ),
        (
            // An acronym defined for something the gazetteer does not know links nothing.
            "The Saudi Telecom Company (STC) and the Karachi Port Trust (KPT) signed. KPT said so.",
            &[
                ("Saudi Telecom Company", "org:stc", Via::Gazetteer),
                ("STC", "org:stc", Via::Gazetteer),
            ],
        ),
    ];
    for (text, expected) in cases {
        let got = found(text);
        let got_tuples: Vec<(&str, &str, Via)> = got
            .iter()
            .map(|f| (f.text.as_str(), f.id.as_str(), f.via))
            .collect();
        assert_eq!(&got_tuples, expected, "in {text:?}");
    }
}

#[test]
fn summary_counts_first_mentions_and_places() {
    let text = "Pakistan talks in Islamabad\n\nISLAMABAD, Dec 12 (APP): Pakistan and the \
                Organization of Islamic Cooperation (OIC) met on Monday.\n\nThe OIC praised Pakistan.\n";
    let matcher = Matcher::new(gazetteer()).unwrap();
    let doc = matcher.annotate(text);
    let summary = |id: &str| {
        doc.entities()
            .iter()
            .find(|s| doc.entity(s.entity()).id() == id)
            .unwrap_or_else(|| panic!("{id} not in the summary"))
    };
    let pk = summary("loc:pk");
    assert_eq!(pk.count(), 3);
    assert_eq!(pk.first().slice(text), "Pakistan");
    assert_eq!(pk.first().start, 0);
    assert!(pk.in_headline() && pk.in_lead() && !pk.in_dateline());
    let isb = summary("loc:isb");
    assert_eq!(isb.count(), 2);
    assert!(isb.in_headline() && isb.in_dateline());
    let oic = summary("org:oic");
    assert_eq!(oic.count(), 3);
    assert!(oic.in_lead() && !oic.in_headline());
    // In order of first mention.
    let order: Vec<&str> = doc
        .entities()
        .iter()
        .map(|s| doc.entity(s.entity()).id())
        .collect();
    assert_eq!(order, ["loc:pk", "loc:isb", "org:oic"]);
}

#[test]
fn mentions_know_their_sentence() {
    let text = "GENEVA, March 3 (Reuters) - Pakistan spoke first. Then Islamabad replied.";
    let matcher = Matcher::new(gazetteer()).unwrap();
    let doc = matcher.annotate(text);
    let sentences = doc.article().sentences();
    assert_eq!(sentences.len(), 2);
    for m in doc.mentions() {
        let i = m.sentence().expect("every body mention is in a sentence");
        assert!(
            sentences[i].contains(m.span()),
            "{:?} not in sentence {i}",
            m.span()
        );
    }
    let idx: Vec<Option<usize>> = doc.mentions().iter().map(|m| m.sentence()).collect();
    assert_eq!(idx, [Some(0), Some(1)]);
}

#[test]
fn documents_outlive_their_matcher() {
    let text = "Pakistan and the OIC.";
    let doc = {
        let matcher = Matcher::new(gazetteer()).unwrap();
        matcher.annotate(text)
    };
    assert_eq!(doc.entity(doc.mentions()[0].entities()[0]).id(), "loc:pk");
}
