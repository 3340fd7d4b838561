//! Gazetteer load and matcher build cost, one measurement per process (so that peak memory
//! is that of one build). One JSON line on stdout.
//!
//! ```text
//! bench_build matcher GAZETTEER.jsonl   # Gazetteer::from_path, then Matcher::new
//! bench_build naive   GAZETTEER.jsonl   # read the names, then the naive automaton
//! ```
//!
//! `load_s` is reading the file (for `naive`: each line's name and aliases, lowercased),
//! `build_s` the automaton build after it. `peak_rss_mb` is the process's VmHWM at the end,
//! so it holds the loaded gazetteer as well as what was built from it; `rss_mb` the
//! resident memory after the build.

mod common;

use std::io::BufRead;
use std::time::Instant;

use newswire::{Gazetteer, Matcher};
use serde_json::json;

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(what), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench_build matcher|naive GAZETTEER.jsonl");
        std::process::exit(2);
    };
    let start_rss = common::rss_mb();
    let out = match what.as_str() {
        "matcher" => {
            let t = Instant::now();
            let g = Gazetteer::from_path(path).unwrap_or_else(|e| fail(e));
            let load_s = t.elapsed().as_secs_f64();
            let entities = g.len();
            let names: usize = g.entities().map(|e| 1 + e.aliases().len()).sum();
            let loaded_rss = common::rss_mb();
            let t = Instant::now();
            let m = Matcher::new(g).unwrap_or_else(|e| fail(e));
            let build_s = t.elapsed().as_secs_f64();
            json!({
                "what": "matcher",
                "entities": entities,
                "names": names,
                "keys": m.key_count(),
                "load_s": load_s,
                "build_s": build_s,
                "start_rss_mb": start_rss,
                "loaded_rss_mb": loaded_rss,
                "rss_mb": common::rss_mb(),
                "peak_rss_mb": common::peak_rss_mb(),
            })
        }
        "naive" => {
            let t = Instant::now();
            let file = std::fs::File::open(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
            let mut lowered = Vec::new();
            let mut entities = 0usize;
            for line in std::io::BufReader::new(file).lines() {
                let line = line.unwrap_or_else(|e| fail(format!("{path}: {e}")));
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value =
                    serde_json::from_str(&line).unwrap_or_else(|e| fail(format!("{path}: {e}")));
                entities += 1;
                if let Some(n) = v.get("name").and_then(|n| n.as_str()) {
                    lowered.push(n.to_lowercase());
                }
                for a in v
                    .get("aliases")
                    .and_then(|a| a.as_array())
                    .into_iter()
                    .flatten()
                {
                    let text = a
                        .as_str()
                        .or_else(|| a.get("text").and_then(|t| t.as_str()));
                    if let Some(text) = text {
                        lowered.push(text.to_lowercase());
                    }
                }
            }
            let load_s = t.elapsed().as_secs_f64();
            let loaded_rss = common::rss_mb();
            let t = Instant::now();
            let ac = common::naive_automaton(&lowered);
            let build_s = t.elapsed().as_secs_f64();
            json!({
                "what": "naive",
                "entities": entities,
                "names": lowered.len(),
                "automaton_mb": ac.memory_usage() as f64 / (1024.0 * 1024.0),
                "load_s": load_s,
                "build_s": build_s,
                "start_rss_mb": start_rss,
                "loaded_rss_mb": loaded_rss,
                "rss_mb": common::rss_mb(),
                "peak_rss_mb": common::peak_rss_mb(),
            })
        }
        other => fail(format!("unknown mode {other}: use matcher or naive")),
    };
    println!("{out}");
}
