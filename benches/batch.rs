//! Annotation throughput (parse, match, link) over Reuters-21578 and BBC News with the
//! GeoNames gazetteer: `Matcher::annotate` article by article on the calling thread, and
//! `Batch::annotate` on 1 and 2 worker threads, in one run. Group `json-geonames…`: the
//! records of those documents as the command line writes them (`json::write_document`, code
//! point offsets, into one reused buffer) against `serde_json` writing the same record
//! (`DocumentRecord::render`), so that the writer's gain is a ratio in the same run.
//!
//! `cargo bench -p newswire-bench --bench batch` (4 MB of text, 357k names); with
//! `NEWSWIRE_BENCH_QUICK=1` 1 MB and 10k names. Needs `../shared/data` and the gazetteers
//! that `benches/gazetteers.py` writes; skipped with a note when they are absent.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newswire::batch::Batch;
use newswire::json::{self, Offsets};
use newswire::records::{DocumentRecord, Shape};
use newswire::{Gazetteer, Matcher};

fn bench(c: &mut Criterion) {
    let mb = if common::quick() { 1 } else { 4 };
    let Some(texts) = common::reuters_and_bbc(Some(mb * 1_000_000)) else {
        return;
    };
    let label = common::default_gazetteer_label();
    let Some(path) = common::gazetteer_file(label) else {
        return;
    };
    let matcher =
        Matcher::new(Gazetteer::from_path(&path).expect("GeoNames gazetteer")).expect("matcher");
    let mut group = c.benchmark_group(format!("annotate-geonames{label}"));
    group.throughput(Throughput::Bytes(common::bytes(&texts) as u64));
    group.sample_size(10);
    group.bench_function("Matcher::annotate", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| matcher.annotate(t).mentions().len())
                .sum::<usize>()
        })
    });
    for threads in [1, 2] {
        let batch = Batch::new(threads).expect("worker threads");
        group.bench_function(format!("Batch::annotate/{threads}"), |b| {
            b.iter(|| {
                batch
                    .annotate(&matcher, &texts)
                    .iter()
                    .map(|d| d.as_ref().map_or(0, |d| d.mentions().len()))
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    let docs: Vec<_> = texts.iter().map(|t| (t, matcher.annotate(t))).collect();
    let mut group = c.benchmark_group(format!("json-geonames{label}"));
    group.throughput(Throughput::Bytes(common::bytes(&texts) as u64));
    group.sample_size(10);
    let mut out: Vec<u8> = Vec::new();
    // The two must write the same bytes (the CLI's output may not change): checked on every
    // document of the run before either is timed.
    for (text, doc) in &docs {
        out.clear();
        json::write_document(&mut out, Some("id"), text, doc, Offsets::Chars);
        let record = DocumentRecord::new(text, doc, Offsets::Chars);
        let rendered = record.render(text, Shape::Compact).with_id(Some("id"));
        let want = serde_json::to_vec(&rendered).expect("a record serialises");
        assert!(out == want, "json::write_document differs from serde_json");
    }
    group.bench_function("json::write_document", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, doc) in &docs {
                out.clear();
                json::write_document(&mut out, Some("id"), text, doc, Offsets::Chars);
                n += out.len();
            }
            n
        })
    });
    group.bench_function("serde_json::to_writer of the same record", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, doc) in &docs {
                out.clear();
                let record = DocumentRecord::new(text, doc, Offsets::Chars);
                let rendered = record.render(text, Shape::Compact).with_id(Some("id"));
                serde_json::to_writer(&mut out, &rendered).expect("a record serialises");
                n += out.len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
