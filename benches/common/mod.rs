//! Helpers shared by the benchmark binaries: the corpora, the GeoNames gazetteers that
//! `benches/gazetteers.py` prepares, the naive baseline, clocks and memory readings.
//!
//! Included by every benchmark binary of the `newswire-bench` package (`mod common;`), so
//! not every item is used by every one.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use newswire::gazetteer::EntityRef;
use newswire::{AliasFilter, Gazetteer};

/// The repository root (the `newswire-bench` package lives in its `benches/` folder).
pub fn root() -> PathBuf {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench.parent().unwrap_or(bench).to_path_buf()
}

/// A file of `../shared/data`.
pub fn shared_data(name: &str) -> PathBuf {
    root().join("../shared/data").join(name)
}

/// Whether the suite runs in quick mode (`benches/run.sh --quick` sets it).
pub fn quick() -> bool {
    std::env::var_os("NEWSWIRE_BENCH_QUICK").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The `text` fields of a JSON Lines corpus, in file order, up to `max_bytes` of text
/// (whole articles; the one that crosses the limit is kept). `None`, with a note on stderr,
/// when the file cannot be read.
pub fn load_texts(path: &Path, max_bytes: Option<usize>) -> Option<Vec<String>> {
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("note: {} not readable ({e}); skipped", path.display());
            return None;
        }
    };
    let mut out = Vec::new();
    let mut size = 0usize;
    for line in data.lines() {
        if max_bytes.is_some_and(|m| size >= m) {
            break;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str())
            && !t.is_empty()
        {
            size += t.len();
            out.push(t.to_owned());
        }
    }
    Some(out)
}

/// Reuters-21578 texts up to `max_bytes`.
pub fn reuters(max_bytes: Option<usize>) -> Option<Vec<String>> {
    load_texts(&shared_data("reuters21578.jsonl"), max_bytes)
}

/// Reuters-21578 then BBC News texts, up to `max_bytes` in all.
pub fn reuters_and_bbc(max_bytes: Option<usize>) -> Option<Vec<String>> {
    let mut texts = reuters(max_bytes)?;
    let have: usize = texts.iter().map(String::len).sum();
    let rest = max_bytes.map(|m| m.saturating_sub(have));
    if rest != Some(0) {
        texts.extend(load_texts(&shared_data("bbc.jsonl"), rest)?);
    }
    Some(texts)
}

/// Total bytes of some texts.
pub fn bytes<T: AsRef<str>>(texts: &[T]) -> usize {
    texts.iter().map(|t| t.as_ref().len()).sum()
}

/// The article-size curve's articles: about `size` bytes each, made from `texts`, `total`
/// bytes or more in all (short ones are article prefixes cut at a line end, long ones are
/// consecutive articles joined by a blank line).
pub fn articles_of(texts: &[String], size: usize, total: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut have = 0usize;
    let mut cur = String::new();
    for t in texts.iter().cycle().take(texts.len() * 64) {
        if have >= total {
            break;
        }
        if t.len() >= size && cur.is_empty() {
            // A prefix of this article, cut at the last line end within `size`.
            let mut cut = size;
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            let end = match t[..cut].rfind('\n') {
                Some(nl) if nl > 0 => nl,
                _ => cut,
            };
            have += end;
            out.push(t[..end].to_string());
            continue;
        }
        if !cur.is_empty() {
            cur.push_str("\n\n");
        }
        cur.push_str(t);
        if cur.len() >= size {
            have += cur.len();
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

/// A gazetteer that `benches/gazetteers.py` wrote into `target/bench/`, by label (`1k`,
/// `10k`, `100k`, `357k`, `1.2M`). `None`, with a note, when it is absent.
pub fn gazetteer_file(label: &str) -> Option<PathBuf> {
    let path = root()
        .join("target/bench/gazetteers")
        .join(format!("geonames-{label}.jsonl"));
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "note: {} is absent (run `python3 benches/gazetteers.py`); skipped",
            path.display()
        );
        None
    }
}

/// The gazetteer the single-size benches use: 357k names, or 10k in quick mode.
pub fn default_gazetteer_label() -> &'static str {
    if quick() { "10k" } else { "357k" }
}

/// Every name and alias of a gazetteer, lowercased: the naive baseline's patterns.
pub fn lowered_names(g: &Gazetteer) -> Vec<String> {
    g.entities()
        .flat_map(|e| std::iter::once(e.name()).chain(e.aliases().map(|a| a.text())))
        .map(str::to_lowercase)
        .collect()
}

/// The naive baseline: one Aho–Corasick automaton (contiguous NFA, leftmost-longest) of the
/// lowercased names, run over lowercased text with no checks.
pub fn naive_automaton(lowered: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(lowered)
        .expect("the naive automaton builds")
}

/// The daachorse peer on the naive scan's names: a charwise double-array Aho–Corasick
/// automaton, leftmost-longest, over the same lowercased names, run over the same
/// lowercased text with no checks. daachorse refuses empty and repeated patterns (the naive
/// automaton just keeps the first of equals), so each name goes in once; the matches are
/// the same. `None`, with a note, when it cannot be built.
pub fn daachorse_automaton(lowered: &[String]) -> Option<CharwiseDoubleArrayAhoCorasick<u32>> {
    let mut seen = std::collections::HashSet::new();
    let names = lowered
        .iter()
        .filter(|n| !n.is_empty() && seen.insert(n.as_str()));
    match CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::LeftmostLongest)
        .build(names)
    {
        Ok(automaton) => Some(automaton),
        Err(e) => {
            eprintln!("note: daachorse cannot build this automaton ({e}); its column is left out");
            None
        }
    }
}

/// The most populous entities of `g` (file order among equals) up to about `n` names, with
/// the standard alias filter: the smaller gazetteers of a size sweep.
pub fn subset(g: &Gazetteer, n: usize) -> Gazetteer {
    let pop = |e: &EntityRef<'_>| {
        e.attrs()
            .and_then(|a| a.get("population").and_then(|p| p.as_f64()))
            .unwrap_or(0.0)
    };
    let mut order: Vec<(f64, EntityRef<'_>)> = g.entities().map(|e| (pop(&e), e)).collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let order = order.into_iter().map(|(_, e)| e);
    let mut out = Gazetteer::new();
    out.set_filter(AliasFilter::standard());
    let mut count = 0;
    for e in order {
        if count >= n {
            break;
        }
        count += 1 + e.aliases().len();
        out.add(e.to_entity())
            .expect("entities of a loaded gazetteer are valid");
    }
    out
}

/// Peak resident memory of this process (VmHWM), in MB.
pub fn peak_rss_mb() -> f64 {
    proc_status_kb("VmHWM:") / 1024.0
}

/// Current resident memory of this process (VmRSS), in MB.
pub fn rss_mb() -> f64 {
    proc_status_kb("VmRSS:") / 1024.0
}

fn proc_status_kb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0.0)
}

/// CPU time of the calling thread in seconds (from /proc/thread-self/schedstat, in
/// nanoseconds; 0 where it is unavailable). Less disturbed than wall time by other
/// processes on a shared machine.
pub fn thread_cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// CPU time of every live thread of this process in seconds (the sum of
/// /proc/self/task/*/schedstat, in nanoseconds; 0 where it is unavailable).
pub fn process_cpu_s() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        / 1e9
}

/// One timed run: wall seconds, this thread's CPU seconds, and the value `f` returned.
pub fn timed<R>(f: impl FnOnce() -> R) -> (f64, f64, R) {
    let c = thread_cpu_s();
    let t = Instant::now();
    let r = f();
    let wall = t.elapsed().as_secs_f64();
    (wall, thread_cpu_s() - c, r)
}

/// The median of some numbers (0 for none).
pub fn median(xs: &[f64]) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Timings of one measured operation over some rounds.
#[derive(Debug, Default, Clone)]
pub struct Runs {
    /// Wall seconds per round.
    pub wall: Vec<f64>,
    /// Thread CPU seconds per round (single-threaded operations only).
    pub cpu: Vec<f64>,
    /// What the operation counted (matches, sentences...), from the last round.
    pub count: usize,
}

impl Runs {
    /// Time `f` once and keep the result.
    pub fn run(&mut self, f: impl FnOnce() -> usize) {
        let (w, c, n) = timed(f);
        self.wall.push(w);
        self.cpu.push(c);
        self.count = n;
    }

    /// Time `f` alone, then `count` what it made, untimed (where it is also dropped): for
    /// a call whose output the caller owns and frees at its own pace.
    pub fn run_then<R>(&mut self, f: impl FnOnce() -> R, count: impl FnOnce(R) -> usize) {
        let (w, c, r) = timed(f);
        self.wall.push(w);
        self.cpu.push(c);
        self.count = count(r);
    }

    /// Throughput over `bytes` from the median wall time, MB/s.
    pub fn mb_s(&self, bytes: usize) -> f64 {
        let m = median(&self.wall);
        if m > 0.0 { bytes as f64 / 1e6 / m } else { 0.0 }
    }

    /// Throughput over `bytes` from the median thread CPU time, MB/s.
    pub fn cpu_mb_s(&self, bytes: usize) -> f64 {
        let m = median(&self.cpu);
        if m > 0.0 { bytes as f64 / 1e6 / m } else { 0.0 }
    }

    /// The runs as JSON: medians, throughputs and every round.
    pub fn json(&self, bytes: usize) -> serde_json::Value {
        serde_json::json!({
            "mb_s": self.mb_s(bytes),
            "cpu_mb_s": self.cpu_mb_s(bytes),
            "median_s": median(&self.wall),
            "wall_s": self.wall,
            "cpu_s": self.cpu,
            "count": self.count,
        })
    }
}

/// The value of `--name VALUE` among the arguments, if given.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The 1-minute load average (0 where unknown).
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
