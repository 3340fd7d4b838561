//! The Rust batch API over a stream of JSON Lines articles: `Batch::stream` reads the input
//! a chunk at a time, so resident memory should not grow with the input. One JSON line on
//! stdout with the throughput and the peak resident memory.
//!
//! ```text
//! bench_stream [--gazetteer FILE] [--threads N] CORPUS.jsonl|-
//! ```
//!
//! Without `--gazetteer` the built-in gazetteer is used; a snapshot (`newswire compile`) is
//! loaded as one, told by its magic bytes as the CLI tells it. Every article is parsed, matched
//! and linked; the documents are counted and dropped, as a consumer writing them out
//! would. Throughput counts the bytes of the article texts, and also of the input file.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use newswire::batch::Batch;
use newswire::{Gazetteer, Matcher};
use serde_json::json;

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let threads: usize = common::arg(&args, "--threads")
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let gazetteer = common::arg(&args, "--gazetteer");
    let Some(input) = args.last().filter(|a| !a.starts_with("--")).cloned() else {
        eprintln!("usage: bench_stream [--gazetteer FILE] [--threads N] CORPUS.jsonl|-");
        std::process::exit(2);
    };
    let t = Instant::now();
    let matcher = match &gazetteer {
        Some(path) if newswire::snapshot::is_snapshot_file(path) => {
            Matcher::load(path).unwrap_or_else(|e| fail(e))
        }
        Some(path) => Gazetteer::from_path(path)
            .and_then(Matcher::new)
            .unwrap_or_else(|e| fail(e)),
        None => Matcher::new(Gazetteer::builtin()).unwrap_or_else(|e| fail(e)),
    };
    let setup_s = t.elapsed().as_secs_f64();
    let setup_rss = common::rss_mb();
    let batch = Batch::new(threads).unwrap_or_else(|e| fail(e));

    let reader: Box<dyn Read> = if input == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(&input).unwrap_or_else(|e| fail(format!("{input}: {e}"))))
    };
    let mut file_bytes = 0usize;
    let mut text_bytes = 0usize;
    let texts = BufReader::with_capacity(1 << 20, reader)
        .lines()
        .map_while(|l| l.ok())
        .filter_map(|line| {
            file_bytes += line.len() + 1;
            let v: serde_json::Value = serde_json::from_str(&line).ok()?;
            let text = v.get("text")?.as_str()?.to_owned();
            text_bytes += text.len();
            Some(text)
        });
    let t = Instant::now();
    let (mut articles, mut mentions, mut errors) = (0usize, 0usize, 0usize);
    for (_, doc) in batch.stream(&matcher, texts) {
        articles += 1;
        match doc {
            Ok(d) => mentions += d.mentions().len(),
            Err(_) => errors += 1,
        }
    }
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({
            "tool": "rust Batch::stream",
            "threads": batch.threads(),
            "input": input,
            "articles": articles,
            "mentions": mentions,
            "errors": errors,
            "text_bytes": text_bytes,
            "file_bytes": file_bytes,
            "setup_s": setup_s,
            "seconds": seconds,
            "text_mb_s": text_bytes as f64 / 1e6 / seconds,
            "file_mb_s": file_bytes as f64 / 1e6 / seconds,
            "setup_rss_mb": setup_rss,
            "peak_rss_mb": common::peak_rss_mb(),
        })
    );
}
