//! Near-duplicate speed on one thread, each operation beside its baselines in the same run
//! (rounds interleaved, medians of thread CPU time and of wall time):
//!
//! - `sentences_uax29`: the UAX#29 sentence pass (unicode-segmentation) over the texts, the
//!   bar that signatures plus the index must clear;
//! - `parse`: `Parser::parse` alone;
//! - `parse_sign_index`: parse, sign and feed the index, in input order (what
//!   `newswire dedupe` does per article, on one thread);
//! - `sign`: signing already parsed articles; `index`: feeding already made signatures.
//!
//! With `--shingles FILE`, also writes every article's shingle hashes (one JSON array per
//! line, the article's position implied) for `benches/dedup_datasketch.py`, so that
//! datasketch is measured on the same shingles.
//!
//! ```text
//! bench_dedup [--rounds N] [--shingles FILE] [CORPUS.jsonl]
//! ```

mod common;
#[path = "dedup_exact.rs"]
mod exact;

use std::hint::black_box;
use std::io::Write;

use common::Runs;
use newswire::Parser;
use newswire::dedup::Dedup;
use serde_json::json;
use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = common::arg(&args, "--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(if common::quick() { 3 } else { 7 });
    let corpus = args
        .last()
        .filter(|a| a.ends_with(".jsonl"))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::shared_data("reuters21578.jsonl"));
    let Some(docs) = exact::load(&corpus) else {
        println!(
            "{}",
            json!({"skipped": format!("{} is absent", corpus.display())})
        );
        return;
    };
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let parser = Parser::default();
    let dedup = Dedup::builder().window(texts.len().max(1)).build().unwrap();

    if let Some(path) = common::arg(&args, "--shingles") {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for t in &texts {
            let hashes = dedup.shingle_hashes(t, &parser.parse(t));
            writeln!(out, "{}", serde_json::to_string(&hashes).unwrap()).unwrap();
        }
        out.flush().unwrap();
    }

    let articles: Vec<_> = texts.iter().map(|t| parser.parse(t)).collect();
    let signatures: Vec<_> = texts
        .iter()
        .zip(&articles)
        .map(|(t, a)| dedup.sign(t, a))
        .collect();
    let (mut uax, mut parse, mut all, mut sign, mut index) = (
        Runs::default(),
        Runs::default(),
        Runs::default(),
        Runs::default(),
        Runs::default(),
    );
    let mut pairs = 0usize;
    for _ in 0..rounds {
        uax.run(|| {
            texts
                .iter()
                .map(|t| black_box(t).split_sentence_bound_indices().count())
                .sum()
        });
        parse.run(|| {
            texts
                .iter()
                .map(|t| parser.parse(black_box(t)).sentences().len())
                .sum()
        });
        all.run(|| {
            let mut index = dedup.index();
            let mut n = 0;
            for t in &texts {
                let s = dedup.sign(t, &parser.parse(black_box(t)));
                n += index.push(s).len();
            }
            pairs = n;
            n
        });
        sign.run(|| {
            texts
                .iter()
                .zip(&articles)
                .filter_map(|(t, a)| dedup.sign(black_box(t), a))
                .count()
        });
        index.run(|| {
            let mut index = dedup.index();
            signatures.iter().map(|s| index.push(s.clone()).len()).sum()
        });
    }
    let ratio = |a: &Runs, b: &Runs| common::median(&a.cpu) / common::median(&b.cpu).max(1e-9);
    println!(
        "{}",
        json!({
            "corpus": corpus.file_name().map(|f| f.to_string_lossy().into_owned()),
            "articles": texts.len(),
            "text_bytes": bytes,
            "rounds": rounds,
            "pairs": pairs,
            "shingle_len": dedup.shingle_len(),
            "num_hashes": dedup.num_hashes(),
            "threshold": dedup.threshold(),
            "sentences_uax29": uax.json(bytes),
            "parse": parse.json(bytes),
            "parse_sign_index": all.json(bytes),
            "sign": sign.json(bytes),
            "index": index.json(bytes),
            // Above 1: signatures plus the index (parse included) are slower than UAX#29.
            "parse_sign_index_over_uax29_cpu": ratio(&all, &uax),
            "sign_over_parse_cpu": ratio(&sign, &parse),
            "load_average": common::load_average(),
        })
    );
}
