//! `Parser::parse` against the UAX#29 sentence-bound pass (unicode-segmentation), in one
//! run with the rounds interleaved: over the whole Reuters-21578 corpus (what the `parse`
//! criterion bench measures) and over the article-size curve's smallest articles (what
//! `bench_scaling article` cuts at 256 bytes), where the parser's fixed cost per article
//! shows. Parse alone, so no gazetteer is needed: a quick reading while working on the
//! parser. One JSON document on stdout.
//!
//! ```text
//! bench_parse [--rounds 9] [--size 256] [--mb 2] [--corpus-mb 0 (all)]
//! bench_parse dump FILE
//! ```
//!
//! `dump` writes one line per article of Reuters-21578 and BBC News (and of the small
//! articles): its index and a hash of everything `parse` found (the `Debug` form of the
//! `Article`). Two builds' files differ exactly where their parses differ: the check that a
//! change to the parser's speed left its answers alone.

mod common;

use common::{Runs, arg, bytes, median};
use newswire::Parser;
use serde_json::json;
use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "dump") {
        dump(args.get(1).map_or("parse_dump.txt", String::as_str));
        return;
    }
    let rounds: usize = arg(&args, "--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(9)
        .max(1);
    let size: usize = arg(&args, "--size")
        .and_then(|r| r.parse().ok())
        .unwrap_or(256);
    let mb: f64 = arg(&args, "--mb")
        .and_then(|r| r.parse().ok())
        .unwrap_or(2.0);
    let corpus_mb: f64 = arg(&args, "--corpus-mb")
        .and_then(|r| r.parse().ok())
        .unwrap_or(0.0);
    let Some(corpus) = common::reuters((corpus_mb > 0.0).then_some((corpus_mb * 1e6) as usize))
    else {
        eprintln!("note: bench_parse: input data absent; nothing measured");
        println!("{}", json!({ "skipped": true }));
        return;
    };
    let small = common::articles_of(&corpus, size, (mb * 1e6) as usize);
    let parser = Parser::default();
    let sets = [("corpus", &corpus), ("small", &small)];
    let mut runs: Vec<(Runs, Runs)> = vec![Default::default(); sets.len()];
    for _ in 0..rounds {
        for ((_, texts), (ours, base)) in sets.iter().zip(runs.iter_mut()) {
            ours.run(|| {
                texts
                    .iter()
                    .map(|t| parser.parse(t).sentences().len())
                    .sum()
            });
            base.run(|| {
                texts
                    .iter()
                    .map(|t| t.split_sentence_bound_indices().count())
                    .sum()
            });
        }
    }
    let mut points = Vec::new();
    for ((name, texts), (ours, base)) in sets.iter().zip(&runs) {
        let n = bytes(texts);
        // The median of each round's ratio, both timed back to back in that round.
        let ratios: Vec<f64> = base
            .wall
            .iter()
            .zip(&ours.wall)
            .map(|(b, o)| b / o)
            .collect();
        let ratio = median(&ratios);
        // The same from thread CPU time: steadier than wall time on a shared machine.
        let cpu: Vec<f64> = base.cpu.iter().zip(&ours.cpu).map(|(b, o)| b / o).collect();
        let cpu_ratio = median(&cpu);
        eprintln!(
            "{name}: {} articles, mean {} B; parse {:.1} MB/s, uax29 {:.1} MB/s, ratio {ratio:.2} (cpu {cpu_ratio:.2})",
            texts.len(),
            n / texts.len().max(1),
            ours.mb_s(n),
            base.mb_s(n)
        );
        points.push(json!({
            "set": name,
            "articles": texts.len(),
            "mean_size": n / texts.len().max(1),
            "parse": ours.json(n),
            "uax29_sentences": base.json(n),
            "parse_ratio": ratio,
            "cpu_ratio": cpu_ratio,
        }));
    }
    let out = json!({ "rounds": rounds, "load_average": common::load_average(), "points": points });
    println!("{out:#}");
}

fn dump(path: &str) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    use std::io::Write;
    let Some(texts) = common::reuters_and_bbc(None) else {
        eprintln!("note: bench_parse dump: input data absent; nothing written");
        return;
    };
    let small = common::articles_of(&texts, 256, 2_000_000);
    let parser = Parser::default();
    let mut out = String::new();
    for (i, t) in texts.iter().chain(&small).enumerate() {
        let mut h = DefaultHasher::new();
        format!("{:?}", parser.parse(t)).hash(&mut h);
        out.push_str(&format!("{i}\t{:016x}\n", h.finish()));
    }
    let written = std::fs::File::create(path).and_then(|mut f| f.write_all(out.as_bytes()));
    if let Err(e) = written {
        eprintln!("error: {path}: {e}");
        std::process::exit(1);
    }
}
