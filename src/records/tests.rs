use super::*;
use crate::{Entity, Gazetteer, Matcher};

const TEXT: &str = "ISLAMABAD, Dec 12 (APP): The Organisation of Islamic Cooperation \
                    (OIC) met in Islamabad. \"We agree,\" said Zoë Khan.";

fn document() -> Document {
    let mut g = Gazetteer::new();
    g.add(Entity::new("isb", "LOC", "Islamabad")).unwrap();
    g.add(Entity::new(
        "oic",
        "ORG",
        "Organisation of Islamic Cooperation",
    ))
    .unwrap();
    Matcher::new(g).unwrap().annotate(TEXT)
}

#[test]
fn every_span_slices_its_text_in_both_units() {
    let doc = document();
    for unit in [Offsets::Bytes, Offsets::Chars] {
        let record = DocumentRecord::new(TEXT, &doc, unit);
        let chars: Vec<char> = TEXT.chars().collect();
        for (label, span) in record.article.labelled_spans() {
            let by_unit: String = match unit {
                Offsets::Bytes => TEXT[span.start..span.end].to_string(),
                _ => chars[span.start..span.end].iter().collect(),
            };
            assert_eq!(by_unit, span.slice(TEXT), "{label} in {unit:?}");
        }
    }
}

#[test]
fn shapes() {
    let doc = document();
    let record = DocumentRecord::new(TEXT, &doc, Offsets::Chars);
    let compact = serde_json::to_value(record.render(TEXT, Shape::Compact)).unwrap();
    let full = serde_json::to_value(record.render(TEXT, Shape::Full)).unwrap();
    assert_eq!(compact["dateline"]["locations"][0], "ISLAMABAD");
    assert_eq!(compact["dateline"]["agency"], "APP");
    assert_eq!(full["dateline"]["locations"][0]["text"], "ISLAMABAD");
    assert_eq!(full["dateline"]["agency"]["text"], "APP");
    assert!(compact["body"].get("text").is_none());
    assert!(
        full["body"]["text"]
            .as_str()
            .unwrap()
            .ends_with("Zoë Khan.")
    );
    assert!(compact["mentions"][0]["entities"][0].get("attrs").is_none());
    assert!(full["mentions"][0]["entities"][0]["attrs"].is_null());
    assert_eq!(full["entities"][0]["first"]["text"], "ISLAMABAD");
    assert!(compact.get("id").is_none());
    let with_id = record.render(TEXT, Shape::Compact).with_id(Some("x"));
    let line = serde_json::to_string(&with_id).unwrap();
    assert!(line.starts_with(r#"{"id":"x","dateline":"#), "{line}");
}

/// The keys of each part in [`Shape::Full`] are those of Python's `to_dict()`.
#[test]
fn full_shape_has_the_python_keys() {
    let text = "GENEVA, Jan 5 (Reuters) - The World Health Organization (WHO) said on \
                Monday it met. \"We agree,\" said Ana Gomez.\n\nReuter";
    let mut g = Gazetteer::new();
    g.add(Entity::new("who", "ORG", "World Health Organization"))
        .unwrap();
    g.add(Entity::new("gva", "LOC", "Geneva")).unwrap();
    let doc = Matcher::new(g).unwrap().annotate(text);
    let record = DocumentRecord::new(text, &doc, Offsets::Chars);
    let full = serde_json::to_value(record.render(text, Shape::Full)).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let want = |k: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    let span = want(&["start", "end", "text"]);
    let article = [
        "dateline",
        "headline",
        "byline",
        "body",
        "paragraphs",
        "sentences",
        "trailers",
        "acronyms",
        "quotes",
        "dates",
    ];
    let mut document = article.to_vec();
    document.extend(["mentions", "entities"]);
    assert_eq!(keys(&full), want(&document));
    let article_only = serde_json::to_value(record.article.render(text, Shape::Full));
    assert_eq!(keys(&article_only.unwrap()), want(&article));
    let dateline = &full["dateline"];
    let dateline_keys = [
        "start",
        "end",
        "text",
        "locations",
        "date",
        "date_span",
        "agency",
        "separator",
    ];
    assert_eq!(keys(dateline), want(&dateline_keys));
    assert_eq!(keys(&dateline["locations"][0]), span);
    assert_eq!(keys(&dateline["date"]), want(&["year", "month", "day"]));
    assert_eq!(keys(&full["body"]), span);
    let trailer = want(&["start", "end", "text", "kind"]);
    assert_eq!(keys(&full["trailers"][0]), trailer);
    let acronym = &full["acronyms"][0];
    assert_eq!(keys(acronym), want(&["short", "long"]));
    assert_eq!(keys(&acronym["long"]), span);
    let quote = want(&["start", "end", "text", "speaker"]);
    assert_eq!(keys(&full["quotes"][0]), quote);
    let date = want(&["start", "end", "text", "year", "month", "day"]);
    assert_eq!(keys(&full["dates"][0]), date);
    let mention = &full["mentions"][0];
    let mention_keys = ["start", "end", "text", "entities", "via", "sentence"];
    assert_eq!(keys(mention), want(&mention_keys));
    let entity = want(&["id", "kind", "name", "attrs"]);
    assert_eq!(keys(&mention["entities"][0]), entity);
    let summary = &full["entities"][0];
    let summary_keys = [
        "id",
        "kind",
        "name",
        "attrs",
        "count",
        "first",
        "in_dateline",
        "in_headline",
        "in_lead",
    ];
    assert_eq!(keys(summary), want(&summary_keys));
    assert_eq!(keys(&summary["first"]), span);
}

#[test]
fn match_records_and_sentence_at() {
    let doc = document();
    let matcher = Matcher::new(doc.gazetteer().clone()).unwrap();
    let conv = Converter::new(TEXT, Offsets::Chars);
    let found: Vec<MentionRecord> = (matcher.find(TEXT).iter())
        .map(|m| MentionRecord::from_match(m, &conv))
        .collect();
    assert_eq!(found[0].span.slice(TEXT), "ISLAMABAD");
    assert_eq!(found[0].via, Via::Gazetteer);
    let article = ArticleRecord::new(TEXT, doc.article(), Offsets::Chars);
    let second = article.sentences[1];
    assert_eq!(article.sentence_at(second.start), Some(1));
    assert_eq!(article.sentence_at(0), None);
}
