//! An anchored byte trie: the automaton the matcher walks from each word start.
//!
//! The matcher only ever asks "which keys are prefixes of the text from here", so failure
//! transitions (the costly part of an Aho–Corasick build, and the source of suffix matches
//! that a walk would have to skip) are never needed. Nodes live in one `u32` array in
//! depth-first order, each node's first child right after it, so a chain of single-child
//! nodes (most of a long name) is read sequentially, one word per byte.
//!
//! Node layout (`h` is the header word):
//! - `h & 3` is the kind: [`CHAIN`] (exactly one child, label `h >> 8`, child right after
//!   the node), [`SPARSE`] (`h >> 8` children: their labels packed four to a word, then one
//!   offset per child) or [`DENSE`] (256 offsets, 0 where there is no child);
//! - `h & TERM`: a key ends here; the next word is its id.
//!
//! Offset 0 is the root, which no node points to, so 0 doubles as "no such child".

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};

const CHAIN: u32 = 0;
const SPARSE: u32 = 1;
const DENSE: u32 = 2;
const TERM: u32 = 4;

/// Nodes with at least this many children get a dense table.
const DENSE_MIN: usize = 12;

/// No node: the walk is over.
pub(crate) const DEAD: u32 = 0;
/// The root: where every walk starts.
pub(crate) const ROOT: u32 = 0;

/// A trie of byte-string keys, each with a `u32` id.
#[derive(Clone, Debug)]
pub(crate) struct Trie<'a> {
    nodes: Cow<'a, [u32]>,
    keys: usize,
}

impl<'a> Trie<'a> {
    /// A trie of `keys` keys over `nodes` as [`Trie::nodes`] gave them (a snapshot's).
    /// Any words make a trie that can be walked without a panic: every read is checked.
    pub(crate) fn from_nodes(nodes: Cow<'a, [u32]>, keys: usize) -> Trie<'a> {
        Trie { nodes, keys }
    }

    /// The nodes, for a snapshot.
    pub(crate) fn nodes(&self) -> &[u32] {
        &self.nodes
    }

    /// A trie of `keys` (distinct, non-empty), the key at index `i` carrying `ids[i]`.
    /// Every node at depth `depth` (at most 8) is noted in `at_depth`, with the bytes that
    /// lead to it packed little-endian.
    pub(crate) fn build(
        keys: &[&[u8]],
        ids: &[u32],
        depth: usize,
        at_depth: &mut Vec<(u64, u32)>,
    ) -> Result<Trie<'static>> {
        debug_assert!(depth <= 8);
        debug_assert_eq!(keys.len(), ids.len());
        let order = sorted_order(keys);
        // The keys in order, read directly rather than through `order` at every step.
        let sorted: Vec<&[u8]> = order.iter().map(|&i| keys[i as usize]).collect();
        let key = |i: usize| sorted[i];

        let mut nodes: Vec<u32> = Vec::new();
        // Frames: (first key, end key, depth, where to write the node's offset).
        let mut stack: Vec<(usize, usize, usize, Option<usize>)> = vec![(0, keys.len(), 0, None)];
        let mut groups: Vec<(u8, usize, usize)> = Vec::new();
        let noted = depth;
        while let Some((mut lo, hi, depth, slot)) = stack.pop() {
            let at = nodes.len();
            if depth == noted && lo < hi {
                let v = key(lo)[..depth]
                    .iter()
                    .rev()
                    .fold(0u64, |v, &b| v << 8 | u64::from(b));
                at_depth.push((v, at as u32));
            }
            if at > u32::MAX as usize - 300 {
                return Err(Error::new(ErrorKind::Build, "too many names for one trie"));
            }
            if let Some(s) = slot {
                nodes[s] = at as u32;
            }
            // Sorted keys: a key that ends here comes first in its range.
            let term = if lo < hi && key(lo).len() == depth {
                let id = ids[order[lo] as usize];
                lo += 1;
                Some(id)
            } else {
                None
            };
            groups.clear();
            let mut i = lo;
            while i < hi {
                let b = key(i)[depth];
                let s = i;
                while i < hi && key(i)[depth] == b {
                    i += 1;
                }
                groups.push((b, s, i));
            }
            let tflag = if term.is_some() { TERM } else { 0 };
            let push_term = |nodes: &mut Vec<u32>| {
                if let Some(id) = term {
                    nodes.push(id);
                }
            };
            let n = groups.len();
            // The root is always dense: its table also says which bytes can begin a key.
            if n == 1 && at != ROOT as usize {
                nodes.push(CHAIN | tflag | (u32::from(groups[0].0) << 8));
                push_term(&mut nodes);
                let (_, s, e) = groups[0];
                stack.push((s, e, depth + 1, None));
                continue;
            }
            let dense = n >= DENSE_MIN || at == ROOT as usize;
            let slots = if dense {
                nodes.push(DENSE | tflag);
                push_term(&mut nodes);
                let table = nodes.len();
                nodes.resize(table + 256, DEAD);
                table
            } else {
                nodes.push(SPARSE | tflag | ((n as u32) << 8));
                push_term(&mut nodes);
                let labels = nodes.len();
                nodes.resize(labels + n.div_ceil(4), 0);
                for (j, g) in groups.iter().enumerate() {
                    nodes[labels + j / 4] |= u32::from(g.0) << (8 * (j % 4));
                }
                let offs = nodes.len();
                nodes.resize(offs + n, DEAD);
                offs
            };
            // Reversed, so that the first child is built next, right after this node.
            for (j, g) in groups.iter().enumerate().rev() {
                let slot = if dense {
                    slots + g.0 as usize
                } else {
                    slots + j
                };
                stack.push((g.1, g.2, depth + 1, Some(slot)));
            }
        }
        nodes.shrink_to_fit();
        Ok(Trie {
            nodes: Cow::Owned(nodes),
            keys: keys.len(),
        })
    }

    /// How many keys.
    pub(crate) fn len(&self) -> usize {
        self.keys
    }

    /// How many `u32` words the nodes take.
    pub(crate) fn words(&self) -> usize {
        self.nodes.len()
    }

    /// The node after reading `b` at `node`, or [`DEAD`].
    #[inline(always)]
    pub(crate) fn step(&self, node: u32, b: u8) -> u32 {
        let nodes = &self.nodes[..];
        let i = node as usize;
        let Some(&h) = nodes.get(i) else { return DEAD };
        let body = i + 1 + ((h & TERM) >> 2) as usize;
        match h & 3 {
            CHAIN => {
                if (h >> 8) as u8 == b {
                    body as u32
                } else {
                    DEAD
                }
            }
            DENSE => nodes.get(body + b as usize).copied().unwrap_or(DEAD),
            _ => {
                let n = (h >> 8) as usize;
                let words = n.div_ceil(4);
                let Some(labels) = nodes.get(body..body + words) else {
                    return DEAD;
                };
                let pat = u32::from(b) * 0x0101_0101;
                for (w, &lw) in labels.iter().enumerate() {
                    let x = lw ^ pat;
                    // A zero byte in `x` is a label equal to `b`.
                    let z = x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080;
                    if z != 0 {
                        let j = w * 4 + (z.trailing_zeros() / 8) as usize;
                        if j >= n {
                            return DEAD;
                        }
                        return nodes.get(body + words + j).copied().unwrap_or(DEAD);
                    }
                }
                DEAD
            }
        }
    }

    /// The id of the key that ends at `node`, if one does.
    #[inline(always)]
    pub(crate) fn key_at(&self, node: u32) -> Option<u32> {
        let i = node as usize;
        let h = *self.nodes.get(i)?;
        if h & TERM != 0 {
            self.nodes.get(i + 1).copied()
        } else {
            None
        }
    }

    /// Whether some key begins with byte `b`.
    pub(crate) fn can_start(&self, b: u8) -> bool {
        self.step(ROOT, b) != DEAD
    }
}

/// The key numbers in the byte order of their keys. Sorted by each key's first eight bytes
/// (big-endian, so that integer order is byte order) with the byte comparison only to break
/// ties: a gazetteer's keys mostly differ within eight bytes, and comparing two integers is
/// far cheaper than comparing two slices through their lengths and pointers.
fn sorted_order(keys: &[&[u8]]) -> Vec<u32> {
    let prefix = |k: &[u8]| {
        let mut b = [0u8; 8];
        let n = k.len().min(8);
        b[..n].copy_from_slice(&k[..n]);
        u64::from_be_bytes(b)
    };
    let mut order: Vec<(u64, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (prefix(k), i as u32))
        .collect();
    // Equal prefixes of keys shorter than eight bytes are padded with zeros, which no longer
    // key's ninth byte is below: the tie-break by the whole slice puts the shorter first.
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| keys[a.1 as usize].cmp(keys[b.1 as usize]))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(t: &Trie, s: &[u8]) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let mut n = ROOT;
        for (i, &b) in s.iter().enumerate() {
            n = t.step(n, b);
            if n == DEAD {
                break;
            }
            if let Some(k) = t.key_at(n) {
                out.push((i + 1, k));
            }
        }
        out
    }

    #[test]
    fn finds_every_key_that_is_a_prefix() {
        // Fan-outs on both sides of DENSE_MIN, chains, keys inside other keys.
        let mut keys: Vec<Vec<u8>> = ["a", "ab", "abc", "abd", "b", "bcdefg", "bcdefh", "é", "ém"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        for c in b'a'..=b'z' {
            keys.push(vec![b'x', c]);
        }
        for c in [0u8, 0x80, 0xff, b'0'] {
            keys.push(vec![b'y', c, c]);
        }
        let refs: Vec<&[u8]> = keys.iter().map(|k| &k[..]).collect();
        let ids: Vec<u32> = (0..refs.len() as u32).map(|i| i * 7 + 1).collect();
        let mut deep = Vec::new();
        let t = Trie::build(&refs, &ids, 2, &mut deep).unwrap();
        // The nodes noted at depth 2 are where a walk over those two bytes arrives.
        assert!(!deep.is_empty());
        for &(v, node) in &deep {
            let [a, b, ..] = v.to_le_bytes();
            assert_eq!(t.step(t.step(ROOT, a), b), node);
        }
        let mut want: Vec<u64> = keys
            .iter()
            .filter(|k| k.len() >= 2)
            .map(|k| u64::from(k[0]) | u64::from(k[1]) << 8)
            .collect();
        want.sort_unstable();
        want.dedup();
        let mut got: Vec<u64> = deep.iter().map(|d| d.0).collect();
        got.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(t.len(), keys.len());
        let probes: Vec<Vec<u8>> = keys
            .iter()
            .flat_map(|k| {
                let mut longer = k.clone();
                longer.extend_from_slice(b"dz");
                [k.clone(), longer, k[..k.len() - 1].to_vec()]
            })
            .chain([
                b"zzz".to_vec(),
                b"".to_vec(),
                b"bcdefi".to_vec(),
                vec![b'y', 1, 1],
            ])
            .collect();
        for p in &probes {
            let want: Vec<(usize, u32)> = keys
                .iter()
                .enumerate()
                .filter(|(_, k)| p.starts_with(k))
                .map(|(i, k)| (k.len(), ids[i]))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            assert_eq!(walk(&t, p), want, "probe {p:?}");
        }
        for b in 0..=255u8 {
            assert_eq!(
                t.can_start(b),
                keys.iter().any(|k| k[0] == b),
                "first byte {b}"
            );
        }
    }

    /// The order is the keys' byte order, with keys that share eight bytes, keys shorter
    /// than eight, zero bytes and bytes above 0x7F among them.
    #[test]
    fn keys_sort_in_byte_order() {
        let keys: Vec<&[u8]> = vec![
            b"abcdefghij",
            b"abcdefgh",
            b"abcdefgha",
            b"abc",
            b"ab\0",
            b"ab",
            b"\xffz",
            b"\xff",
            b"b",
            b"abcdefgh\0",
            b"abcdefgi",
            b"a",
            b"\0",
        ];
        let order = sorted_order(&keys);
        let got: Vec<&[u8]> = order.iter().map(|&i| keys[i as usize]).collect();
        let mut want = keys.clone();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn empty_trie_finds_nothing() {
        let t = Trie::build(&[], &[], 1, &mut Vec::new()).unwrap();
        assert_eq!(walk(&t, b"abc"), []);
        assert!(!t.can_start(b'a'));
    }
}
