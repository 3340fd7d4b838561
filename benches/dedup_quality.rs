//! Quality of the near-duplicate index against the exact answer: on a corpus (Reuters-21578
//! by default), with a window as large as the corpus, every pair the index reports is
//! compared with every pair whose shingles' true Jaccard similarity is at or above the
//! threshold (`dedup_exact.rs`: prefix-filtered all pairs, verified exactly). One JSON line
//! on stdout: recall, precision and the pairs counted; the first missed pairs on stderr.
//!
//! ```text
//! dedup_quality [--threshold T] [--shingle-len N] [--num-hashes N] [--bands N]
//!               [--max-candidates N] [--max-shingles N] [CORPUS.jsonl]
//! ```

mod common;
#[path = "dedup_exact.rs"]
mod exact;

use std::collections::HashSet;
use std::time::Instant;

use newswire::Parser;
use newswire::dedup::Dedup;
use serde_json::json;

fn num<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    common::arg(args, name).map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}: not a number: {v}"))
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    let mut b = Dedup::builder();
    b.window(docs.len().max(1));
    if let Some(t) = num(&args, "--threshold") {
        b.threshold(t);
    }
    if let Some(n) = num(&args, "--shingle-len") {
        b.shingle_len(n);
    }
    if let Some(n) = num(&args, "--num-hashes") {
        b.num_hashes(n);
    }
    if let Some(n) = num(&args, "--bands") {
        b.bands(n);
    }
    if let Some(n) = num(&args, "--max-candidates") {
        b.max_candidates(n);
    }
    if let Some(n) = num(&args, "--max-shingles") {
        b.max_shingles(n);
    }
    let dedup = b.build().unwrap_or_else(|e| panic!("{e}"));
    let threshold = dedup.threshold();

    // The exact answer.
    let t = Instant::now();
    let sets = exact::shingle_sets(&dedup, &docs);
    let truth = exact::all_pairs(&sets, threshold);
    let exact_s = t.elapsed().as_secs_f64();

    // The index, fed in order; one thread, parse included.
    let parser = Parser::default();
    let t = Instant::now();
    let signatures: Vec<_> = docs
        .iter()
        .map(|d| dedup.sign(&d.text, &parser.parse(&d.text)))
        .collect();
    let sign_s = t.elapsed().as_secs_f64();
    let signed = signatures.iter().filter(|s| s.is_some()).count();
    let sampled = signatures
        .iter()
        .flatten()
        .filter(|s| s.is_sampled())
        .count();
    let t = Instant::now();
    let mut index = dedup.index();
    let mut reported = Vec::new();
    for (later, s) in signatures.into_iter().enumerate() {
        for d in index.push(s) {
            reported.push((d.position() as usize, later, d.similarity(), d.is_exact()));
        }
    }
    let index_s = t.elapsed().as_secs_f64();

    let truth_set: HashSet<(usize, usize)> = truth.iter().map(|&(a, b, _)| (a, b)).collect();
    let reported_set: HashSet<(usize, usize)> = reported.iter().map(|&(a, b, ..)| (a, b)).collect();
    let hits = reported_set.intersection(&truth_set).count();
    let recall = if truth.is_empty() {
        1.0
    } else {
        hits as f64 / truth.len() as f64
    };
    let precision = if reported.is_empty() {
        1.0
    } else {
        hits as f64 / reported.len() as f64
    };
    let exact_pairs = reported.iter().filter(|r| r.3).count();
    let mut missed: Vec<_> = truth
        .iter()
        .filter(|&&(a, b, _)| !reported_set.contains(&(a, b)))
        .collect();
    missed.sort_by(|x, y| y.2.total_cmp(&x.2));
    for &&(a, b, j) in missed.iter().take(10) {
        eprintln!(
            "missed: {} ~ {} (true Jaccard {j:.3}, {} and {} shingles)",
            docs[a].id,
            docs[b].id,
            sets[a].len(),
            sets[b].len()
        );
    }
    for &(a, b, j, _) in reported
        .iter()
        .filter(|r| !truth_set.contains(&(r.0, r.1)))
        .take(10)
    {
        eprintln!(
            "reported, not in the exact answer: {} ~ {} ({j:.3})",
            docs[a].id, docs[b].id
        );
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (bands, rows) = dedup.bands();
    println!(
        "{}",
        json!({
            "corpus": corpus.file_name().map(|f| f.to_string_lossy().into_owned()),
            "articles": docs.len(),
            "text_bytes": bytes,
            "signed": signed,
            "sampled": sampled,
            "threshold": threshold,
            "shingle_len": dedup.shingle_len(),
            "num_hashes": dedup.num_hashes(),
            "bands": bands,
            "rows": rows,
            "window": dedup.window(),
            "max_candidates": dedup.max_candidates(),
            "max_shingles": dedup.max_shingles(),
            "exact_pairs_truth": truth.len(),
            "reported_pairs": reported.len(),
            "true_positives": hits,
            "missed": truth.len() - hits,
            "false_positives": reported.len() - hits,
            "recall": recall,
            "precision": precision,
            "reported_exact": exact_pairs,
            "sign_seconds": sign_s,
            "index_seconds": index_s,
            "exact_seconds": exact_s,
            "load_average": common::load_average(),
        })
    );
}
