//! Build time, peak memory and scan throughput of the matcher beside the naive baseline.
//!
//! ```text
//! cargo run --release -p newswire-bench --bin build_stats -- matcher target/geonames-500.jsonl
//! cargo run --release -p newswire-bench --bin build_stats -- naive   target/geonames-500.jsonl
//! cargo run --release -p newswire-bench --bin build_stats -- scan    target/geonames-15000.jsonl corpus.jsonl [ROUNDS]
//! cargo run --release -p newswire-bench --bin build_stats -- sweep   target/geonames-15000.jsonl target/geonames-500.jsonl corpus.jsonl [ROUNDS]
//! ```
//!
//! The naive baseline is one Aho–Corasick automaton (contiguous NFA, leftmost-longest,
//! the crate's default byte classes and prefilter) of every name and alias lowercased,
//! scanned over the lowercased text (lowercased before timing), with no checks.
//!
//! `matcher` and `naive` build one automaton per process so that peak memory (VmHWM from
//! /proc/self/status, the loaded gazetteer included) belongs to that build alone. Times are
//! wall clock and this thread's CPU time; on a shared machine the CPU time is the figure
//! to compare.
//!
//! `scan` times both scans over the corpus (JSON Lines with a `text` field) in one process,
//! alternating, by CPU time, and prints each round and the medians, after a checksum of
//! every match (spans and entities) that must not change when only speed does. `sweep` does the same at
//! several gazetteer sizes (1k, 10k, 100k names: the most populous entities of the first
//! gazetteer; then the whole of each file).

use newswire::{Gazetteer, Matcher};

mod common;
use common::{lowered_names, median, naive_automaton, peak_rss_mb, subset, timed};

fn load(path: &str) -> Gazetteer {
    let (wall, cpu, g) = timed(|| Gazetteer::from_path(path));
    let g = g.unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    println!(
        "load {path}: {} entities, {} names in {wall:.2}s wall, {cpu:.2}s CPU, peak RSS {:.0} MB",
        g.len(),
        names(&g),
        peak_rss_mb()
    );
    g
}

fn names(g: &Gazetteer) -> usize {
    g.entities().map(|e| 1 + e.aliases().len()).sum()
}

fn corpus(path: Option<&String>) -> Vec<String> {
    path.map(|p| {
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .collect()
    })
    .unwrap_or_default()
}

fn scan(label: &str, g: Gazetteer, texts: &[String], rounds: usize, verbose: bool) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let names = names(&g);
    let (_, naive_cpu, ac) = timed(|| naive_automaton(&lowered_names(&g)));
    let (_, matcher_cpu, m) = timed(|| Matcher::new(g).expect("matcher"));
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    if verbose {
        // Spans and entities of every match, hashed: the same number before and after a
        // change to the matcher says it finds the same.
        let mut sum: u64 = 0xcbf2_9ce4_8422_2325;
        for t in texts {
            for x in m.find(t) {
                let ents = x.entities().iter().map(|e| e.index());
                for v in [x.start(), x.end()].into_iter().chain(ents) {
                    sum = (sum ^ v as u64).wrapping_mul(0x0100_0000_01b3);
                }
            }
        }
        println!("matches checksum {sum:016x}");
    }
    let (mut n, mut o, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=rounds {
        let (_, naive, hits) = timed(|| lower.iter().map(|t| ac.find_iter(t).count()).sum());
        let (_, ours, found) = timed(|| texts.iter().map(|t| m.find(t).len()).sum::<usize>());
        let _: usize = hits;
        let (naive, ours) = (naive.max(0.01), ours.max(0.01));
        if verbose {
            println!(
                "round {round}: naive {:.1} MB/s ({hits} hits), matcher {:.1} MB/s ({found} matches), ratio {:.2}",
                bytes as f64 / naive / 1e6,
                bytes as f64 / ours / 1e6,
                naive / ours
            );
        }
        n.push(bytes as f64 / naive / 1e6);
        o.push(bytes as f64 / ours / 1e6);
        r.push(naive / ours);
    }
    println!(
        "{label}: {names} names, {} keys; build CPU naive {naive_cpu:.2}s, matcher {matcher_cpu:.2}s; median of {rounds}: naive {:.1} MB/s, matcher {:.1} MB/s, ratio {:.2}",
        m.key_count(),
        median(&n),
        median(&o),
        median(&r)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!(
            "usage: build_stats matcher|naive GAZETTEER.jsonl\n       build_stats scan GAZETTEER.jsonl CORPUS.jsonl [ROUNDS]\n       build_stats sweep SMALL.jsonl LARGE.jsonl CORPUS.jsonl [ROUNDS]"
        );
        std::process::exit(2);
    };
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        usage()
    };
    let rounds = |i: usize| args.get(i).and_then(|r| r.parse().ok()).unwrap_or(5);
    match mode.as_str() {
        "naive" => {
            let g = load(path);
            let (wall, cpu, ac) = timed(|| naive_automaton(&lowered_names(&g)));
            println!(
                "naive build: {wall:.2}s wall, {cpu:.2}s CPU, {} patterns, {:.0} MB, peak RSS {:.0} MB",
                ac.patterns_len(),
                ac.memory_usage() as f64 / 1e6,
                peak_rss_mb()
            );
        }
        "matcher" => {
            let g = load(path);
            let (wall, cpu, m) = timed(|| Matcher::new(g).expect("matcher"));
            println!(
                "matcher build: {wall:.2}s wall, {cpu:.2}s CPU, {} keys, peak RSS {:.0} MB",
                m.key_count(),
                peak_rss_mb()
            );
        }
        "scan" => {
            let texts = corpus(args.get(2));
            let g = load(path);
            scan("scan", g, &texts, rounds(3), true);
        }
        "sweep" => {
            let (Some(large), Some(_)) = (args.get(2), args.get(3)) else {
                usage()
            };
            let texts = corpus(args.get(3));
            let rounds = rounds(4);
            let small = load(path);
            for n in [1_000, 10_000, 100_000] {
                scan(&format!("{n}"), subset(&small, n), &texts, rounds, false);
            }
            scan("all of the first", small, &texts, rounds, false);
            scan("all of the second", load(large), &texts, rounds, false);
        }
        _ => usage(),
    }
}
