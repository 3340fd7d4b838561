//! Build time and peak memory of the matcher and of the naive baseline, one per process.
//!
//! ```text
//! cargo run --release --example build_stats -- matcher target/geonames-500.jsonl [corpus.jsonl]
//! cargo run --release --example build_stats -- naive   target/geonames-500.jsonl [corpus.jsonl]
//! cargo run --release --example build_stats -- scan    target/geonames-15000.jsonl corpus.jsonl
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

/// User + system CPU time of this thread, from /proc/thread-self/stat (clock ticks of 10 ms).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of the full line are the 12th and 13th after the `)`.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
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
        "scan" => {
            // Both scans in one process, alternating, timed by this thread's CPU time
            // (less disturbed by other processes than wall time on a shared machine).
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
            let m = Matcher::new(g).expect("matcher");
            let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
            for round in 1..=3 {
                let c = cpu_seconds();
                let hits: usize = lower.iter().map(|t| ac.find_iter(t).count()).sum();
                let naive = cpu_seconds() - c;
                let c = cpu_seconds();
                let found: usize = texts.iter().map(|t| m.find(t).len()).sum();
                let ours = cpu_seconds() - c;
                println!(
                    "round {round}: naive {:.1} MB/s ({hits} hits), matcher {:.1} MB/s ({found} matches), ratio {:.2}",
                    bytes as f64 / naive / 1e6,
                    bytes as f64 / ours / 1e6,
                    naive / ours
                );
            }
        }
        other => {
            eprintln!("unknown mode {other}: use matcher, naive or scan");
            std::process::exit(2);
        }
    }
}
