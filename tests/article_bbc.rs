//! The parser over BBC News (`../shared/data/bbc.jsonl`): copy with a headline line, a
//! blank line and paragraphs, and no dateline. Skips with a note when the data is absent.

use std::path::PathBuf;

use newswire::Article;

#[test]
fn bbc_headlines_and_no_invented_datelines() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc.jsonl");
    let Ok(jsonl) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} is absent; skipping", path.display());
        return;
    };
    let mut total = 0;
    let mut problems = Vec::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let id = rec["id"].as_str().unwrap_or("?");
        let text = rec["text"].as_str().unwrap_or("");
        let article = Article::parse(text);
        total += 1;
        let first_line = text.lines().next().unwrap_or("").trim();
        match article.headline() {
            Some(h) if h.slice(text) == first_line => {}
            other => problems.push(format!(
                "{id}: headline {:?}, first line {first_line:?}",
                other.map(|h| h.slice(text))
            )),
        }
        if let Some(d) = article.dateline() {
            problems.push(format!(
                "{id}: invented dateline {:?}",
                d.span().slice(text)
            ));
        }
        // The headline is in no sentence, and the body starts after it.
        if let Some(h) = article.headline() {
            if article.sentences().iter().any(|s| s.start < h.end) || article.body().start < h.end {
                problems.push(format!("{id}: headline inside the body"));
            }
        }
        if article.sentences().is_empty() {
            problems.push(format!("{id}: no sentences"));
        }
    }
    println!("BBC: {total} articles, {} problems", problems.len());
    for p in &problems {
        println!("  {p}");
    }
    assert_eq!(total, 2225, "expected the whole collection");
    assert!(problems.is_empty(), "{} problems", problems.len());
}
