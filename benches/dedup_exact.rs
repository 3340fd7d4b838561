//! The exact answer for near-duplicates: every pair of articles whose shingle sets have a
//! Jaccard similarity at or above a threshold, found without sketches.
//!
//! Shared by `dedup_quality` and `dedup_tune` (`#[path] mod`). The shingles are the ones a
//! signature is made of (`Dedup::shingle_hashes`: 64-bit hashes of the normalised word
//! runs, kept whole, not sampled), so the answer is the one the index approximates.
//!
//! All pairs by prefix filtering (Bayardo, Ma and Srikant, "Scaling up all pairs similarity
//! search", 2007): with the shingles of every set ordered the same way, rarest first, two
//! sets of Jaccard similarity `t` or more share a shingle among the first
//! `|x| - ceil(t |x|) + 1` of each. Only those prefixes are indexed and probed; every pair
//! they bring is verified exactly, so the answer is exact, and on Reuters-21578 it takes
//! a second rather than the 181 million comparisons of brute force.
#![allow(dead_code)]

use std::collections::HashMap;

use newswire::dedup::Dedup;
use newswire::{Article, Parser};

/// One article of a JSON Lines corpus.
pub struct Doc {
    pub id: String,
    pub text: String,
    /// Reuters-21578's own timestamp (`gold.date`), as a day number, when there is one.
    pub day: Option<i64>,
}

/// The articles of a JSON Lines corpus (`{"id", "text", "gold": {"date"}}`), in file order,
/// empty texts included (they keep their positions).
pub fn load(path: &std::path::Path) -> Option<Vec<Doc>> {
    let data = std::fs::read_to_string(path)
        .map_err(|e| eprintln!("note: {} not readable ({e}); skipped", path.display()))
        .ok()?;
    let mut docs = Vec::new();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = v
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_owned();
        let id = v
            .get("id")
            .map(|i| i.as_str().map_or(i.to_string(), str::to_owned));
        let day = v
            .pointer("/gold/date")
            .and_then(|d| d.as_str())
            .and_then(reuters_day);
        docs.push(Doc {
            id: id.unwrap_or_else(|| docs.len().to_string()),
            text,
            day,
        });
    }
    Some(docs)
}

/// `26-FEB-1987 15:01:01.79` as days since 1970-01-01.
fn reuters_day(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace().next()?.split('-');
    let day: i64 = parts.next()?.trim().parse().ok()?;
    let month = match parts.next()?.to_ascii_uppercase().as_str() {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.trim().parse().ok()?;
    // Days from civil (Howard Hinnant's algorithm).
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Each article's distinct shingle hashes, sorted (empty for a body without words).
pub fn shingle_sets(dedup: &Dedup, docs: &[Doc]) -> Vec<Vec<u64>> {
    let parser = Parser::default();
    docs.iter()
        .map(|d| {
            let article: Article = parser.parse(&d.text);
            let mut s = dedup.shingle_hashes(&d.text, &article);
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect()
}

/// Jaccard similarity of two sorted sets (0 for two empty ones).
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// A pair `(earlier, later)` of positions and its similarity.
pub type Pair = (usize, usize, f64);

/// Every pair of non-empty sets with Jaccard similarity at or above `threshold`, earlier
/// position first, sorted.
pub fn all_pairs(sets: &[Vec<u64>], threshold: f64) -> Vec<Pair> {
    // Shingles as ranks, rarest first (ties by hash): the order the prefixes are cut in.
    let mut df: HashMap<u64, u32> = HashMap::new();
    for s in sets {
        for &h in s {
            *df.entry(h).or_default() += 1;
        }
    }
    let mut order: Vec<(u32, u64)> = df.iter().map(|(&h, &n)| (n, h)).collect();
    order.sort_unstable();
    let rank: HashMap<u64, u32> = order
        .iter()
        .enumerate()
        .map(|(r, &(_, h))| (h, r as u32))
        .collect();
    let ranked: Vec<Vec<u32>> = sets
        .iter()
        .map(|s| {
            let mut r: Vec<u32> = s.iter().map(|h| rank[h]).collect();
            r.sort_unstable();
            r
        })
        .collect();
    let prefix = |n: usize| n - (threshold * n as f64).ceil() as usize + 1;
    // Postings of prefix shingles: the earlier articles whose prefix holds each.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut pairs = Vec::new();
    let mut seen: Vec<u32> = vec![u32::MAX; sets.len()];
    for (x, r) in ranked.iter().enumerate() {
        if r.is_empty() {
            continue;
        }
        let p = prefix(r.len()).min(r.len());
        for &tok in &r[..p] {
            if let Some(list) = postings.get(&tok) {
                for &y in list {
                    let y = y as usize;
                    if seen[y] == x as u32 {
                        continue;
                    }
                    seen[y] = x as u32;
                    // Length filter: |y| within [t|x|, |x|/t].
                    let (nx, ny) = (r.len() as f64, ranked[y].len() as f64);
                    if ny < threshold * nx || nx < threshold * ny {
                        continue;
                    }
                    let j = jaccard(r, &ranked[y]);
                    if j >= threshold {
                        pairs.push((y, x, j));
                    }
                }
            }
        }
        for &tok in &r[..p] {
            postings.entry(tok).or_default().push(x as u32);
        }
    }
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs
}
