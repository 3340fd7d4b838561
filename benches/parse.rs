//! Article parsing throughput over the Reuters-21578 corpus, against a plain UAX#29
//! sentence-bound pass (unicode-segmentation) over the same texts, in one run.
//!
//! `cargo bench -p newswire-bench --bench parse` (add `-- --quick` for a short run). Skips
//! with a note when `../shared/data/reuters21578.jsonl` is absent.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newswire::{Article, Parser};
use unicode_segmentation::UnicodeSegmentation;

mod common;

fn parse(c: &mut Criterion) {
    let Some(texts) = common::reuters(None) else {
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let parser = Parser::default();
    let mut group = c.benchmark_group("reuters21578");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("Article::parse", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                n += parser.parse(black_box(t)).sentences().len();
            }
            n
        })
    });
    group.bench_function("unicode_segmentation sentence bounds", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                n += black_box(t).split_sentence_bound_indices().count();
            }
            n
        })
    });
    group.finish();
    // Keep the one-call entry point honest too (it shares the default parser).
    black_box(Article::parse(&texts[0]));
}

criterion_group!(benches, parse);
criterion_main!(benches);
