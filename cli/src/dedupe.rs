//! Near-duplicates on the command line: `annotate --near-duplicates` (each record gains
//! `duplicate_of`) and `newswire dedupe` (one line per group of near-duplicates).
//!
//! The workers sign each article beside whatever else they make of it; the index is fed on
//! the main thread in input order (a [`Sequel`]), the only place that sees the articles in
//! order. Both keep only what the index's window can still refer to, so memory stays
//! bounded on an endless input.

use std::collections::{HashMap, VecDeque};

use newswire::dedup::{Dedup, Duplicate, Index, Signature};
use serde::Serialize;

use crate::args::DedupArgs;
use crate::input::{ErrorRecord, Origin};
use crate::run::{Line, Sequel};

/// The options of `--near-duplicates` and `dedupe`, checked.
pub fn dedup(args: &DedupArgs) -> Result<Dedup, String> {
    let mut b = Dedup::builder();
    b.threshold(args.threshold)
        .window(args.window)
        .window_days(args.window_days);
    if let Some(n) = args.shingle_len {
        b.shingle_len(n);
    }
    if let Some(n) = args.num_hashes {
        b.num_hashes(n);
    }
    if let Some(s) = args.seed {
        b.seed(s);
    }
    b.build().map_err(|e| format!("near-duplicates: {e}"))
}

/// The ids of the articles the index's window holds, by position: the index reports
/// earlier articles by position, and the output names them by id.
struct Ids {
    ids: VecDeque<String>,
    /// Position of `ids[0]`.
    first: u64,
}

impl Ids {
    fn new() -> Ids {
        Ids {
            ids: VecDeque::new(),
            first: 0,
        }
    }

    /// Add the id of the article the index was just fed, and let go of the ids of the
    /// articles that have left its window, by either bound (articles or days): it never
    /// reports them again. Calls `gone` with the position of each, oldest first.
    fn push(&mut self, id: String, index: &Index, mut gone: impl FnMut(u64)) {
        self.ids.push_back(id);
        let first = index.position() - index.len() as u64;
        while self.first < first && self.ids.pop_front().is_some() {
            gone(self.first);
            self.first += 1;
        }
    }

    fn get(&self, position: u64) -> &str {
        // The index reports only positions in its window, which these ids cover.
        position
            .checked_sub(self.first)
            .and_then(|i| self.ids.get(i as usize))
            .map_or("", String::as_str)
    }
}

/// One entry of a record's `duplicate_of`.
#[derive(Serialize)]
struct DuplicateOf<'a> {
    id: &'a str,
    similarity: f64,
    exact: bool,
}

/// Rounded for the output: the similarity is a ratio of shingle counts, and six digits
/// tell every such ratio of bodies under a million shingles apart.
fn round(similarity: f64) -> f64 {
    (similarity * 1e6).round() / 1e6
}

/// `annotate --near-duplicates`: each record (the step's JSON object) gains
/// `duplicate_of`, most similar first.
pub struct Annotate {
    index: Index,
    ids: Ids,
}

impl Annotate {
    pub fn new(dedup: &Dedup) -> Annotate {
        Annotate {
            index: dedup.index(),
            ids: Ids::new(),
        }
    }
}

impl Sequel<(Line, Option<Signature>)> for Annotate {
    fn lines(
        &mut self,
        origin: &Origin,
        result: Result<(Line, Option<Signature>), ErrorRecord>,
        out: &mut Vec<Line>,
    ) {
        let (mut line, signature) = match result {
            Ok(done) => done,
            Err(e) => (Line::error(&e), None),
        };
        let found = self.index.push(signature);
        if !line.failed {
            let list: Vec<DuplicateOf> = found
                .map(|d| DuplicateOf {
                    id: self.ids.get(d.position()),
                    similarity: round(d.similarity()),
                    exact: d.is_exact(),
                })
                .collect();
            // The record is one JSON object: the field goes before its closing brace, written
            // in place (the line has room for an empty list, the common case).
            let text = &mut line.text;
            let end = text.trim_ascii_end().len();
            if end >= 2 && text[end - 1] == b'}' {
                let comma = text[end - 2] != b'{';
                text.truncate(end - 1);
                if comma {
                    text.push(b',');
                }
                text.extend_from_slice(b"\"duplicate_of\":");
                let at = text.len();
                if serde_json::to_writer(&mut *text, &list).is_err() {
                    // Cannot happen for ids, numbers and booleans; should it, still JSON.
                    text.truncate(at);
                    text.extend_from_slice(b"[]");
                }
                text.extend_from_slice(b"}\n");
            }
        }
        let id = origin.id().unwrap_or_default().to_owned();
        self.ids.push(id, &self.index, |_| {});
        out.push(line);
    }

    fn end(&mut self, _: &mut Vec<Line>) {}
}

/// A group of near-duplicates: articles linked by reported pairs.
struct Group {
    /// Members by position (merged groups interleave: sorted when written).
    ids: Vec<(u64, String)>,
    exact: bool,
    similarity: f64,
    /// The newest member's position: the group can grow until it leaves the window.
    newest: u64,
    /// The key it was opened under, the least of the groups merged into it: groups left at
    /// the end of the input are written in this order.
    opened: u64,
}

/// One line of `dedupe`.
#[derive(Serialize)]
struct GroupLine<'a> {
    ids: &'a [String],
    exact: bool,
    similarity: f64,
}

impl Group {
    fn line(&mut self) -> Line {
        self.ids.sort_unstable_by_key(|(p, _)| *p);
        let ids: Vec<String> = self.ids.iter().map(|(_, id)| id.clone()).collect();
        let record = GroupLine {
            ids: &ids,
            exact: self.exact,
            similarity: round(self.similarity),
        };
        Line::record(|out| {
            // Plain values: serialising them into a buffer cannot fail.
            let _ = serde_json::to_writer(out, &record);
        })
    }
}

/// `dedupe`: groups of near-duplicates, each written once its newest article has left the
/// window (nothing later can join it then), the rest at the end of the input.
pub struct Groups {
    index: Index,
    ids: Ids,
    /// The group of each grouped article in the window, by position.
    member: HashMap<u64, u64>,
    /// Groups by key (the position of the article that opened it, or of the one that opened
    /// the largest of the groups merged into it).
    groups: HashMap<u64, Group>,
}

impl Groups {
    pub fn new(dedup: &Dedup) -> Groups {
        Groups {
            index: dedup.index(),
            ids: Ids::new(),
            member: HashMap::new(),
            groups: HashMap::new(),
        }
    }

    /// Put the article at `position` (id `id`) in one group with `found`.
    fn join(&mut self, position: u64, id: &str, found: &[Duplicate]) {
        let mut keys: Vec<u64> = Vec::new();
        let mut loose: Vec<u64> = Vec::new();
        for d in found {
            match self.member.get(&d.position()) {
                Some(&k) => keys.push(k),
                None => loose.push(d.position()),
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut merging: Vec<(u64, Group)> = (keys.iter())
            .filter_map(|&k| Some((k, self.groups.remove(&k)?)))
            .collect();
        // The largest group takes the others in and keeps its key; only the smaller groups'
        // members are re-keyed (each member at most log2(n) times over a stream), rather than
        // every article of the window scanned for each merge.
        let largest = (0..merging.len()).max_by_key(|&i| merging[i].1.ids.len());
        let (key, mut group) = match largest {
            Some(i) => merging.swap_remove(i),
            None => (
                position,
                Group {
                    ids: Vec::new(),
                    exact: true,
                    similarity: 1.0,
                    newest: position,
                    opened: position,
                },
            ),
        };
        for (_, other) in merging {
            for (p, _) in &other.ids {
                // Members that left the window have no entry any more.
                if let Some(g) = self.member.get_mut(p) {
                    *g = key;
                }
            }
            group.ids.extend(other.ids);
            group.exact &= other.exact;
            group.similarity = group.similarity.min(other.similarity);
            group.opened = group.opened.min(other.opened);
        }
        for p in loose {
            group.ids.push((p, self.ids.get(p).to_owned()));
            self.member.insert(p, key);
        }
        for d in found {
            group.exact &= d.is_exact();
            group.similarity = group.similarity.min(d.similarity());
        }
        group.ids.push((position, id.to_owned()));
        group.newest = position;
        self.member.insert(position, key);
        self.groups.insert(key, group);
    }
}

impl Sequel<(Option<Line>, Option<Signature>)> for Groups {
    fn lines(
        &mut self,
        origin: &Origin,
        result: Result<(Option<Line>, Option<Signature>), ErrorRecord>,
        out: &mut Vec<Line>,
    ) {
        let (error, signature) = match result {
            Ok(done) => done,
            Err(e) => (Some(Line::error(&e)), None),
        };
        out.extend(error);
        let id = origin.id().unwrap_or_default().to_owned();
        // The index counts every article it is fed: this one's position is its count so far.
        let position = self.index.position();
        let found: Vec<Duplicate> = self.index.push(signature).collect();
        if !found.is_empty() {
            self.join(position, &id, &found);
        }
        // A group whose newest article has left the window can grow no more: written now.
        let (member, groups) = (&mut self.member, &mut self.groups);
        self.ids.push(id, &self.index, |gone| {
            if let Some(key) = member.remove(&gone)
                && groups.get(&key).is_some_and(|g| g.newest == gone)
                && let Some(mut group) = groups.remove(&key)
            {
                out.push(group.line());
            }
        });
    }

    fn end(&mut self, out: &mut Vec<Line>) {
        let mut left: Vec<Group> = self.groups.drain().map(|(_, g)| g).collect();
        left.sort_unstable_by_key(|g| g.opened);
        out.extend(left.iter_mut().map(Group::line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_index_window() {
        let mut b = Dedup::builder();
        b.window(2);
        let dedup = b.build().unwrap();
        let mut index = dedup.index();
        let mut ids = Ids::new();
        let mut gone = Vec::new();
        for id in ["a", "b", "c"] {
            let _ = index.push(None);
            ids.push(id.into(), &index, |p| gone.push(p));
        }
        assert_eq!(gone, [0]);
        assert_eq!((ids.get(0), ids.get(1), ids.get(2)), ("", "b", "c"));
    }
}
