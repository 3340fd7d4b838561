//! Build time and peak memory of the matcher and of the naive baseline, one per process.
//!
//! ```text
//! cargo run --release --example build_stats -- matcher target/geonames-500.jsonl [corpus.jsonl]
//! cargo run --release --example build_stats -- naive   target/geonames-500.jsonl [corpus.jsonl]
//! ```
//!
//! The naive baseline is one Aho–Corasick automaton (contiguous NFA, leftmost-longest) of
//! every name and alias lowercased. Peak memory is the process's VmHWM from
//! /proc/self/status (Linux), which includes the loaded gazetteer. With a corpus (JSON
//! Lines with a `text` field), one pass over it is timed as a rough check; the criterion
//! bench `matching` gives the real throughput figures.

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use newswire::{Gazetteer, Matcher};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: build_stats matcher|naive GAZETTEER.jsonl [CORPUS.jsonl]");
        std::process::exit(2);
    };
    let t = Instant::now();
    let g = match Gazetteer::from_path(path) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let names: usize = g.entities().iter().map(|e| 1 + e.aliases().len()).sum();
    println!(
        "load: {} entities, {names} names in {:.2}s, peak RSS {:.0} MB",
        g.len(),
        t.elapsed().as_secs_f64(),
        peak_rss_mb().unwrap_or(0.0)
    );
    let texts: Vec<String> = args
        .get(2)
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let bytes: usize = texts.iter().map(String::len).sum();
    match mode.as_str() {
        "naive" => {
            let t = Instant::now();
            let lowered: Vec<String> = g
                .entities()
                .iter()
                .flat_map(|e| std::iter::once(e.name()).chain(e.aliases().iter().map(|a| a.text())))
                .map(str::to_lowercase)
                .collect();
            let ac = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(&lowered)
                .expect("naive automaton");
            println!(
                "naive build: {:.2}s, {} patterns, peak RSS {:.0} MB",
                t.elapsed().as_secs_f64(),
                lowered.len(),
                peak_rss_mb().unwrap_or(0.0)
            );
            if !texts.is_empty() {
                let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
                let t = Instant::now();
                let hits: usize = lower.iter().map(|t| ac.find_iter(t).count()).sum();
                let s = t.elapsed().as_secs_f64();
                println!(
                    "naive scan: {hits} hits, {:.1} MB/s",
                    bytes as f64 / s / 1e6
                );
            }
        }
        "matcher" => {
            let t = Instant::now();
            let m = Matcher::new(g).expect("matcher");
            println!(
                "matcher build: {:.2}s, {} keys, peak RSS {:.0} MB",
                t.elapsed().as_secs_f64(),
                m.key_count(),
                peak_rss_mb().unwrap_or(0.0)
            );
            if !texts.is_empty() {
                let t = Instant::now();
                let hits: usize = texts.iter().map(|t| m.find(t).len()).sum();
                let s = t.elapsed().as_secs_f64();
                println!(
                    "matcher find: {hits} matches, {:.1} MB/s",
                    bytes as f64 / s / 1e6
                );
            }
        }
        other => {
            eprintln!("unknown mode {other}: use matcher or naive");
            std::process::exit(2);
        }
    }
}
