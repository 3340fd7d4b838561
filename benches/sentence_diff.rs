//! Sentence ends on the sentence-peer agreement sample, against those of another build.
//!
//! ```text
//! sentence_diff dump FILE [--all]               this build's sentences of the sample, JSON Lines
//! sentence_diff compare FILE [--show] [--all]   this build's ends against FILE's: a table
//! sentence_diff speed [ROUNDS]                   parse ÷ UAX#29 on Reuters-21578, rounds interleaved
//! ```
//!
//! The sample is the one `benches/sentence_peers.py --sample 400` measures agreement on:
//! the first 0.5 MB of Reuters-21578 and the first 0.5 MB of BBC News (whole articles, text
//! that is not blank), then every k-th article, 400 in all. `dump` writes, per article, its
//! length in bytes and its sentences as byte spans; `compare` reads such a file (the
//! parent commit's, `benches/results/sentence_ends_eb6671e.jsonl`), finds the sentence ends
//! (byte offsets, trailing spaces already trimmed by the parser) that one side has and the
//! other lacks, and sorts each difference into the rule that explains it by the text around
//! it, or into `unexplained`. `--show` prints every difference with its context.
//!
//! `--all` takes every article of both corpora instead of the sample (for a wider look; the
//! stored reference is the sample's).
//!
//! `speed` times `Article::parse` and a plain UAX#29 sentence pass (the two rows of
//! `benches/parse.rs`) over the whole of Reuters-21578, one after the other in each round,
//! and prints the medians and their ratio: a quick check between two builds on a shared
//! machine, where only ratios taken in the same run compare. The suite's figure is the
//! criterion bench's.
//!
//! This file builds against the parent commit as it is (it uses only `Article::parse`,
//! `sentences` and `paragraphs`), so the reference file is made by copying it there.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use std::hint::black_box;
use std::time::Instant;

use newswire::Article;
use unicode_segmentation::UnicodeSegmentation;

const MEGABYTES: f64 = 1.0;
const SAMPLE: usize = 400;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().skip(2).any(|a| a == f);
    let all = flag("--all");
    let code = match args.first().map(String::as_str) {
        Some("dump") if args.len() >= 2 => dump(Path::new(&args[1]), all),
        Some("compare") if args.len() >= 2 => compare(Path::new(&args[1]), flag("--show"), all),
        Some("speed") => speed(args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7)),
        _ => {
            eprintln!(
                "usage: sentence_diff dump FILE [--all] | compare FILE [--show] [--all] | speed [ROUNDS]"
            );
            2
        }
    };
    std::process::exit(code);
}

/// `../shared/data` beside the repository, or `NEWSWIRE_DATA` (for a build of the parent
/// in a worktree elsewhere).
fn data_dir() -> std::path::PathBuf {
    match std::env::var_os("NEWSWIRE_DATA") {
        Some(d) => d.into(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
    }
}

/// `load` of sentence_peers.py: texts that are strings and not blank, whole, until `limit`
/// bytes have been taken.
fn load(name: &str, limit: usize) -> Option<Vec<String>> {
    let path = data_dir().join(name);
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!(
                "note: {} not readable ({e}); nothing measured",
                path.display()
            );
            return None;
        }
    };
    let (mut out, mut size) = (Vec::new(), 0usize);
    for line in data.lines() {
        if size >= limit {
            break;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str())
            && !t.trim().is_empty()
        {
            size += t.len();
            out.push(t.to_owned());
        }
    }
    Some(out)
}

/// `corpus` then `sample_of` of sentence_peers.py; with `all`, both corpora whole.
fn sample(all: bool) -> Option<Vec<String>> {
    if all {
        let mut texts = load("reuters21578.jsonl", usize::MAX)?;
        texts.extend(load("bbc.jsonl", usize::MAX)?);
        return Some(texts);
    }
    let half = (MEGABYTES * 1_000_000.0 / 2.0) as usize;
    let mut texts = load("reuters21578.jsonl", half)?;
    texts.extend(load("bbc.jsonl", half)?);
    if SAMPLE >= texts.len() {
        return Some(texts);
    }
    let step = texts.len() as f64 / SAMPLE as f64;
    Some(
        (0..SAMPLE)
            .map(|i| texts[(i as f64 * step) as usize].clone())
            .collect(),
    )
}

fn dump(out: &Path, all: bool) -> i32 {
    let Some(texts) = sample(all) else { return 0 };
    let mut s = String::new();
    for (i, text) in texts.iter().enumerate() {
        let a = Article::parse(text);
        let spans: Vec<[usize; 2]> = a.sentences().iter().map(|s| [s.start, s.end]).collect();
        let rec = serde_json::json!({"article": i, "len": text.len(), "sentences": spans});
        let _ = writeln!(s, "{rec}");
    }
    if let Err(e) = std::fs::write(out, s) {
        eprintln!("error: {}: {e}", out.display());
        return 1;
    }
    eprintln!("{} articles written to {}", texts.len(), out.display());
    0
}

/// Why a sentence end appeared or went away, read off the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    List,
    Time,
    Ellipsis,
    Citation,
    DottedNumber,
    PronounI,
    Unexplained,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::List => "list marker (an item ends before the next marker; no marker alone)",
            Kind::Time => "time abbreviation (a.m./p.m.)",
            Kind::Ellipsis => "ellipsis inside a sentence",
            Kind::Citation => "(citation) after a closing quote",
            Kind::DottedNumber => "dotted number after No.",
            Kind::PronounI => "pronoun I at a sentence end",
            Kind::Unexplained => "unexplained",
        }
    }
}

/// A list marker at `s` (after blanks): `1.`, `12)`, `1.)`, `a.`, `(b)`, `•`, `⁃`, `-`, `*`.
fn marker_at(s: &str) -> bool {
    let s = s.trim_start();
    if s.starts_with(['•', '⁃', '◦', '▪', '■', '●', '‣', '-', '*', '–', '—']) {
        return true;
    }
    let s = s.strip_prefix('(').unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 && digits <= 3 {
        &s[digits..]
    } else if s.len() >= 2 && s.as_bytes()[0].is_ascii_alphabetic() {
        &s[1..]
    } else {
        return false;
    };
    (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".) "))
        || rest.starts_with(".\n")
        || rest.starts_with(")\n")
}

fn classify(text: &str, e: usize, prev_end: usize) -> Kind {
    let before = &text[..e];
    let after = &text[e..];
    // The sentence that ends here, and the word before the end.
    let sentence = text[prev_end.min(e)..e].trim();
    let last_word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let bare = last_word.trim_end_matches(['"', '\'', '”', '’', ')']);
    let lw = bare.to_ascii_lowercase();
    if lw.ends_with("a.m.") || lw.ends_with("p.m.") {
        return Kind::Time;
    }
    if bare.ends_with("...")
        || before.trim_end_matches(['"', '”']).ends_with(". . .")
        || bare.ends_with('…')
    {
        return Kind::Ellipsis;
    }
    if bare == "I." || bare.ends_with("(I.") {
        return Kind::PronounI;
    }
    let t = after.trim_start();
    let closes_quote = before.ends_with(['"', '”', '\'', '’']);
    if closes_quote && t.starts_with('(') {
        return Kind::Citation;
    }
    if bare.ends_with(')') || last_word.ends_with(')') {
        // The end after a `(Reuters)` that follows a quote.
        if let Some(open) = before.rfind('(')
            && before[..open].trim_end().ends_with(['"', '”', '\'', '’'])
        {
            return Kind::Citation;
        }
    }
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    if words.len() == 2
        && matches!(words[1], "No." | "Nos." | "no." | "NO.")
        && words[0].starts_with(|c: char| c.is_ascii_digit())
    {
        return Kind::DottedNumber;
    }
    if marker_at(after) || marker_at(sentence) && sentence.len() <= 5 {
        return Kind::List;
    }
    // The end of an item that holds a marker (`1. The first item 2. The second`).
    if sentence.chars().count() <= 4 && marker_at(&format!("{sentence} ")) {
        return Kind::List;
    }
    Kind::Unexplained
}

fn context(text: &str, e: usize) -> String {
    let mut a = e.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}⟦|⟧{}", &text[a..e], &text[e..b]).replace('\n', "⏎")
}

fn compare(reference: &Path, show: bool, all: bool) -> i32 {
    let Some(texts) = sample(all) else { return 0 };
    let data = match std::fs::read_to_string(reference) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}: {e}", reference.display());
            return 1;
        }
    };
    let refs: Vec<serde_json::Value> = data
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    if refs.len() != texts.len() {
        eprintln!(
            "error: {} holds {} articles, the sample {}",
            reference.display(),
            refs.len(),
            texts.len()
        );
        return 1;
    }
    let (mut both, mut ours, mut theirs, mut decided) = (0usize, 0usize, 0usize, 0usize);
    let mut kinds: BTreeMap<(Kind, &str), usize> = BTreeMap::new();
    let mut shown = Vec::new();
    for (text, r) in texts.iter().zip(&refs) {
        if r["len"].as_u64() != Some(text.len() as u64) {
            eprintln!("error: article {} is not the one in the file", r["article"]);
            return 1;
        }
        let parent: Vec<[usize; 2]> =
            serde_json::from_value(r["sentences"].clone()).unwrap_or_default();
        let a = Article::parse(text);
        let new: Vec<[usize; 2]> = a.sentences().iter().map(|s| [s.start, s.end]).collect();
        let paragraph_ends: Vec<usize> = a.paragraphs().iter().map(|p| p.end).collect();
        decided += new
            .iter()
            .filter(|s| !paragraph_ends.contains(&s[1]))
            .count();
        let pe: Vec<usize> = parent.iter().map(|s| s[1]).collect();
        let ne: Vec<usize> = new.iter().map(|s| s[1]).collect();
        ours += ne.len();
        theirs += pe.len();
        both += ne.iter().filter(|e| pe.contains(e)).count();
        for (side, mine, other, spans) in [
            ("new only", &ne, &pe, &new),
            ("parent only", &pe, &ne, &parent),
        ] {
            for (k, &e) in mine.iter().enumerate() {
                if other.contains(&e) {
                    continue;
                }
                let prev_end = if k == 0 { spans[0][0] } else { spans[k][0] };
                let kind = classify(text, e, prev_end);
                *kinds.entry((kind, side)).or_default() += 1;
                if show {
                    shown.push(format!(
                        "{side:11} {:<12} {}",
                        format!("{kind:?}"),
                        context(text, e)
                    ));
                }
            }
        }
    }
    for line in &shown {
        println!("{line}");
    }
    let diffs: usize = kinds.values().sum();
    let unexplained: usize = kinds
        .iter()
        .filter(|((k, _), _)| *k == Kind::Unexplained)
        .map(|(_, n)| n)
        .sum();
    println!(
        "{} articles; sentence ends: parent {theirs}, new {ours}, both {both}; \
         {decided} of the new ends are not paragraph ends",
        texts.len()
    );
    println!();
    println!("| against the parent's ends | value |");
    println!("|---|---:|");
    println!(
        "| precision (new ends the parent has) | {:.4} |",
        both as f64 / ours.max(1) as f64
    );
    println!(
        "| recall (parent ends the new build has) | {:.4} |",
        both as f64 / theirs.max(1) as f64
    );
    println!("| differences | {diffs} |");
    println!(
        "| unexplained | {unexplained} ({:.2}% of the new ends, {:.2}% of those not at a paragraph end) |",
        100.0 * unexplained as f64 / ours.max(1) as f64,
        100.0 * unexplained as f64 / decided.max(1) as f64
    );
    println!();
    println!("| kind | new only | parent only |");
    println!("|---|---:|---:|");
    let mut all: Vec<Kind> = kinds.keys().map(|(k, _)| *k).collect();
    all.dedup();
    for k in all {
        let n = |side| kinds.get(&(k, side)).copied().unwrap_or(0);
        println!(
            "| {} | {} | {} |",
            k.name(),
            n("new only"),
            n("parent only")
        );
    }
    0
}

fn speed(rounds: usize) -> i32 {
    let Some(texts) = load("reuters21578.jsonl", usize::MAX) else {
        return 0;
    };
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let time = |f: &dyn Fn(&str) -> usize| {
        let t = Instant::now();
        let n: usize = texts.iter().map(|s| f(black_box(s))).sum();
        black_box(n);
        t.elapsed().as_secs_f64()
    };
    let (mut parse, mut uax) = (Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        parse.push(time(&|s| Article::parse(s).sentences().len()));
        uax.push(time(&|s| s.split_sentence_bound_indices().count()));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (p, u) = (median(&mut parse), median(&mut uax));
    println!(
        "{:.1} MB, {} rounds: parse {:.1} MB/s, UAX#29 {:.1} MB/s, parse ÷ UAX#29 {:.2}",
        mb,
        parse.len(),
        mb / p,
        mb / u,
        u / p
    );
    0
}
