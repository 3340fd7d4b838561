//! Gazetteer load and matcher build against the naive automaton's build, in one run:
//! `Gazetteer::from_path` on a GeoNames JSON Lines file, `Matcher::new` on the loaded
//! gazetteer, and the naive baseline's automaton (every name lowercased, contiguous NFA,
//! leftmost-longest) from the same names.
//!
//! `cargo bench -p newswire-bench --bench gazetteer` (10k and 100k names); with
//! `NEWSWIRE_BENCH_QUICK=1` 10k only. The larger sizes, with peak memory, are measured one
//! process each by `benches/bench_build.rs` (see `benches/run.sh`). Needs the gazetteers
//! that `benches/gazetteers.py` writes; skipped with a note when they are absent.

mod common;

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use newswire::{Gazetteer, Matcher};

fn bench(c: &mut Criterion) {
    let labels: &[&str] = if common::quick() {
        &["10k"]
    } else {
        &["10k", "100k"]
    };
    for label in labels {
        let Some(path) = common::gazetteer_file(label) else {
            return;
        };
        let g = Arc::new(Gazetteer::from_path(&path).expect("GeoNames gazetteer"));
        let lowered = common::lowered_names(&g);
        let mut group = c.benchmark_group(format!("gazetteer-geonames{label}"));
        group.sample_size(10);
        group.bench_function("Gazetteer::from_path", |b| {
            b.iter(|| Gazetteer::from_path(&path).expect("loads").len())
        });
        group.bench_function("Matcher::new", |b| {
            b.iter(|| Matcher::new(Arc::clone(&g)).expect("builds").key_count())
        });
        group.bench_function("naive automaton", |b| {
            b.iter(|| common::naive_automaton(&lowered).patterns_len())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
