//! Scaling curves, each point measured in the same run as its baseline, rounds interleaved,
//! medians reported. One JSON document on stdout.
//!
//! ```text
//! bench_scaling gazetteer [--labels 1k,10k,100k,357k,1.2M] [--mb 4] [--rounds 5]
//! bench_scaling article   [--gazetteer 357k] [--mb 2] [--rounds 5]
//! bench_scaling threads   [--gazetteer 357k] [--mb 0 (all)] [--rounds 5] [--threads 1,2,4]
//! ```
//!
//! - `gazetteer`: `Matcher::find` (every check) against the naive scan (every name
//!   lowercased in one contiguous-NFA leftmost-longest automaton, run over the text
//!   lowercased beforehand, no checks) on Reuters-21578, for each gazetteer size; and the
//!   daachorse peer (charwise double-array Aho–Corasick, leftmost-longest) on the same
//!   names and lowercased text, also with no checks.
//! - `article`: the same Reuters text cut into articles of one size (short articles are
//!   article prefixes cut at a line end, long ones are consecutive articles joined by a
//!   blank line), for each size: `Parser::parse` against a UAX#29 sentence-bound pass, and
//!   `Matcher::find` and `Matcher::annotate` against the naive scan.
//! - `threads`: `Batch::annotate` (parse, match, link) over Reuters-21578 and BBC News on
//!   1, 2, ... worker threads, against one thread; the call alone is timed, the documents
//!   it returns are freed afterwards. The naive scan of the same texts on one thread is
//!   timed in every round beside them (its column), so that annotate's ratio to it is
//!   measured in the same run.
//!
//! The gazetteers are those `benches/gazetteers.py` prepares; `--mb 0` means the whole
//! corpus.

mod common;

use common::{
    Runs, arg, bytes, daachorse_automaton, gazetteer_file, lowered_names, naive_automaton,
};
use newswire::batch::Batch;
use newswire::{Gazetteer, Matcher, Parser};
use serde_json::{Value, json};
use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().cloned().unwrap_or_default();
    let rounds: usize = arg(&args, "--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mb: f64 = arg(&args, "--mb")
        .and_then(|r| r.parse().ok())
        .unwrap_or(match mode.as_str() {
            "gazetteer" => 4.0,
            "article" => 2.0,
            _ => 0.0,
        });
    let max_bytes = (mb > 0.0).then_some((mb * 1e6) as usize);
    let label = arg(&args, "--gazetteer").unwrap_or_else(|| "357k".to_string());
    let result = match mode.as_str() {
        "gazetteer" => {
            let labels = arg(&args, "--labels").unwrap_or_else(|| "1k,10k,100k,357k,1.2M".into());
            by_gazetteer(&labels, max_bytes, rounds)
        }
        "article" => by_article_size(&label, max_bytes, rounds),
        "threads" => {
            let threads = arg(&args, "--threads").unwrap_or_else(|| "1,2,4".into());
            by_threads(&label, &threads, max_bytes, rounds)
        }
        _ => {
            eprintln!("usage: bench_scaling gazetteer|article|threads [options]");
            std::process::exit(2);
        }
    };
    match result {
        Some(v) => println!("{v:#}"),
        None => {
            eprintln!("note: bench_scaling {mode}: input data absent; nothing measured");
            println!("{}", json!({ "skipped": true }));
        }
    }
}

fn load_matcher(label: &str) -> Option<(Matcher, Vec<String>, f64)> {
    let path = gazetteer_file(label)?;
    let t = std::time::Instant::now();
    let g = Gazetteer::from_path(&path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    let names = lowered_names(&g);
    let m = Matcher::new(g).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    Some((m, names, t.elapsed().as_secs_f64()))
}

fn by_gazetteer(labels: &str, max_bytes: Option<usize>, rounds: usize) -> Option<Value> {
    let texts = common::reuters(max_bytes)?;
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    let n = bytes(&texts);
    // Everything is built first and the rounds cycle through the sizes, so that a burst of
    // load from elsewhere falls on every size alike rather than bending the curve.
    let mut sizes = Vec::new();
    for label in labels.split(',').filter(|l| !l.is_empty()) {
        let (matcher, names, _) = load_matcher(label)?;
        let naive = naive_automaton(&names);
        let daac = daachorse_automaton(&names);
        eprintln!("gazetteer {label}: {} names built", names.len());
        sizes.push((label, matcher, names.len(), naive, daac));
    }
    let mut runs = vec![(Runs::default(), Runs::default(), Runs::default()); sizes.len()];
    for _ in 0..rounds {
        for ((_, matcher, _, naive, daac), (ours, base, peer)) in sizes.iter().zip(runs.iter_mut())
        {
            base.run(|| lower.iter().map(|t| naive.find_iter(t).count()).sum());
            if let Some(daac) = daac {
                peer.run(|| {
                    lower
                        .iter()
                        .map(|t| daac.leftmost_find_iter(t).count())
                        .sum()
                });
            }
            ours.run(|| texts.iter().map(|t| matcher.find(t).len()).sum());
        }
    }
    let mut points = Vec::new();
    for ((label, matcher, names, _, daac), (ours, base, peer)) in sizes.iter().zip(&runs) {
        eprintln!(
            "gazetteer {label}: {names} names, newswire {:.1} MB/s, naive {:.1} MB/s, daachorse {:.1} MB/s",
            ours.mb_s(n),
            base.mb_s(n),
            peer.mb_s(n)
        );
        let mut point = json!({
            "label": label,
            "names": names,
            "keys": matcher.key_count(),
            "newswire_find": ours.json(n),
            "naive": base.json(n),
            "ratio": paired_ratio(&base.wall, &ours.wall),
            "cpu_ratio": paired_ratio(&base.cpu, &ours.cpu),
        });
        if daac.is_some() {
            point["daachorse"] = peer.json(n);
            point["daachorse_ratio"] = json!(paired_ratio(&peer.wall, &ours.wall));
            point["daachorse_cpu_ratio"] = json!(paired_ratio(&peer.cpu, &ours.cpu));
        }
        points.push(point);
    }
    Some(json!({
        "curve": "gazetteer",
        "corpus": "reuters21578",
        "articles": texts.len(),
        "bytes": n,
        "rounds": rounds,
        "load_average": common::load_average(),
        "points": points,
    }))
}

/// How many times faster `ours` is than `base`: the median over the rounds of each
/// round's ratio (both timed back to back in that round).
fn paired_ratio(base: &[f64], ours: &[f64]) -> f64 {
    let ratios: Vec<f64> = base
        .iter()
        .zip(ours)
        .filter(|(_, o)| **o > 0.0)
        .map(|(b, o)| b / o)
        .collect();
    common::median(&ratios)
}

fn by_article_size(label: &str, max_bytes: Option<usize>, rounds: usize) -> Option<Value> {
    let source = common::reuters(None)?;
    let total = max_bytes.unwrap_or(2_000_000);
    let (matcher, names, _) = load_matcher(label)?;
    let naive = naive_automaton(&names);
    let parser = Parser::default();
    let sizes = [
        256usize,
        1 << 10,
        4 << 10,
        16 << 10,
        64 << 10,
        256 << 10,
        1 << 20,
    ];
    let sets: Vec<(Vec<String>, Vec<String>)> = sizes
        .iter()
        .map(|&size| {
            let texts = common::articles_of(&source, size, total.max(size));
            let lower = texts.iter().map(|t| t.to_lowercase()).collect();
            (texts, lower)
        })
        .collect();
    // The rounds cycle through the sizes (see `by_gazetteer`).
    let mut runs: Vec<[Runs; 5]> = vec![Default::default(); sizes.len()];
    for _ in 0..rounds {
        for ((texts, lower), r) in sets.iter().zip(runs.iter_mut()) {
            r[0].run(|| {
                texts
                    .iter()
                    .map(|t| parser.parse(t).sentences().len())
                    .sum()
            });
            r[1].run(|| {
                texts
                    .iter()
                    .map(|t| t.split_sentence_bound_indices().count())
                    .sum()
            });
            r[2].run(|| texts.iter().map(|t| matcher.find(t).len()).sum());
            r[3].run(|| lower.iter().map(|t| naive.find_iter(t).count()).sum());
            r[4].run(|| {
                texts
                    .iter()
                    .map(|t| matcher.annotate_with(&parser, t).mentions().len())
                    .sum()
            });
        }
    }
    let mut points = Vec::new();
    for ((&size, (texts, _)), r) in sizes.iter().zip(&sets).zip(&runs) {
        let n = bytes(texts);
        eprintln!(
            "articles of {size} B: {} articles; parse {:.1}, uax29 {:.1}, find {:.1}, naive {:.1}, annotate {:.1} MB/s",
            texts.len(),
            r[0].mb_s(n),
            r[1].mb_s(n),
            r[2].mb_s(n),
            r[3].mb_s(n),
            r[4].mb_s(n)
        );
        points.push(json!({
            "size": size,
            "articles": texts.len(),
            "mean_size": n / texts.len().max(1),
            "bytes": n,
            "parse": r[0].json(n),
            "uax29_sentences": r[1].json(n),
            "newswire_find": r[2].json(n),
            "naive": r[3].json(n),
            "annotate": r[4].json(n),
            "parse_ratio": paired_ratio(&r[1].wall, &r[0].wall),
            "find_ratio": paired_ratio(&r[3].wall, &r[2].wall),
        }));
    }
    Some(json!({
        "curve": "article",
        "corpus": "reuters21578",
        "gazetteer": label,
        "names": names.len(),
        "rounds": rounds,
        "load_average": common::load_average(),
        "points": points,
    }))
}

fn by_threads(
    label: &str,
    threads: &str,
    max_bytes: Option<usize>,
    rounds: usize,
) -> Option<Value> {
    let texts = common::reuters_and_bbc(max_bytes)?;
    let n = bytes(&texts);
    let (matcher, names, _) = load_matcher(label)?;
    let naive = naive_automaton(&names);
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    let mut naive_runs = Runs::default();
    let counts: Vec<usize> = threads
        .split(',')
        .filter_map(|t| t.parse().ok())
        .filter(|&t| t > 0)
        .collect();
    let batches: Vec<Batch> = counts
        .iter()
        .map(|&t| {
            Batch::new(t).unwrap_or_else(|e| {
                eprintln!("error: {e}");
                std::process::exit(1)
            })
        })
        .collect();
    let mut runs = vec![Runs::default(); batches.len()];
    // CPU time of the whole process over wall time: how many cores the run really had,
    // which on a shared machine may be fewer than it asked for.
    let mut cores_used = vec![Vec::new(); batches.len()];
    for _ in 0..rounds {
        naive_runs.run(|| lower.iter().map(|t| naive.find_iter(t).count()).sum());
        for ((batch, r), used) in batches.iter().zip(runs.iter_mut()).zip(&mut cores_used) {
            let cpu = common::process_cpu_s();
            // The call alone is timed: the documents are the caller's, freed afterwards on
            // the caller's thread (about 3% of one thread's annotate time here), as a
            // pipeline would while the next batch runs.
            let mut cpu_end = 0.0;
            r.run_then(
                || {
                    let docs = batch.annotate(&matcher, &texts);
                    cpu_end = common::process_cpu_s();
                    docs
                },
                |docs| {
                    docs.iter()
                        .map(|d| d.as_ref().map_or(0, |d| d.mentions().len()))
                        .sum()
                },
            );
            let wall = r.wall.last().copied().unwrap_or(0.0);
            if wall > 0.0 {
                used.push((cpu_end - cpu) / wall);
            }
        }
    }
    let one = runs.first().map_or(0.0, |r| r.mb_s(n));
    let base = runs.first().map(|r| r.wall.clone()).unwrap_or_default();
    let points: Vec<Value> = counts
        .iter()
        .zip(&runs)
        .zip(&cores_used)
        .map(|((&t, r), used)| {
            eprintln!(
                "threads {t}: {:.1} MB/s, {:.2} cores used",
                r.mb_s(n),
                common::median(used)
            );
            let mut v = r.json(n);
            v["cores_used"] = json!(common::median(used));
            v["threads"] = json!(t);
            v["speedup"] = json!(paired_ratio(&base, &r.wall));
            v["speedup_of_medians"] = json!(if one > 0.0 { r.mb_s(n) / one } else { 0.0 });
            v["naive_ratio"] = json!(paired_ratio(&naive_runs.wall, &r.wall));
            v
        })
        .collect();
    Some(json!({
        "curve": "threads",
        "corpus": "reuters21578+bbc",
        "articles": texts.len(),
        "bytes": n,
        "gazetteer": label,
        "names": names.len(),
        "naive": naive_runs.json(n),
        "cores": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "rounds": rounds,
        "load_average": common::load_average(),
        "points": points,
    }))
}
