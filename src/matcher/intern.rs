//! A byte-string interner: every distinct normalised key once, numbered in order of first
//! appearance, so that the build refers to keys by number.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Distinct byte strings, numbered in order of first appearance, stored end to end.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    bytes: Vec<u8>,
    /// `ends[i]`: one past the last byte of string `i`.
    ends: Vec<usize>,
    /// String numbers, found by the hash of their bytes.
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

/// String `i` of the strings stored end to end in `bytes`.
fn string_at<'a>(bytes: &'a [u8], ends: &[usize], i: usize) -> &'a [u8] {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &bytes[start..ends[i]]
}

impl Interner {
    /// An interner with room for about `n` strings of `bytes` bytes in all.
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> Interner {
        Interner {
            bytes: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            hasher: DefaultHashBuilder::default(),
        }
    }

    /// How many strings.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String number `i`.
    pub(crate) fn get(&self, i: usize) -> &[u8] {
        string_at(&self.bytes, &self.ends, i)
    }

    /// The number of `s`, added if new; `None` when there are too many strings.
    pub(crate) fn intern(&mut self, s: &[u8]) -> Option<u32> {
        let Interner {
            bytes,
            ends,
            index,
            hasher,
        } = self;
        let hash = hasher.hash_one(s);
        if let Some(&id) = index.find(hash, |&id| string_at(bytes, ends, id as usize) == s) {
            return Some(id);
        }
        let id = u32::try_from(ends.len()).ok().filter(|&id| id < u32::MAX)?;
        bytes.extend_from_slice(s);
        ends.push(bytes.len());
        index.insert_unique(hash, id, |&id| {
            hasher.hash_one(string_at(bytes, ends, id as usize))
        });
        Some(id)
    }

    /// Drop the lookup table (the strings stay).
    pub(crate) fn freeze(&mut self) {
        self.index = HashTable::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_each_string_once_in_order() {
        let mut t = Interner::default();
        let words: Vec<Vec<u8>> = (0..5000u32)
            .map(|i| format!("w{}", i % 1700).into_bytes())
            .chain([
                b"".to_vec(),
                b"\xff\x00".to_vec(),
                b"a longer string of bytes".to_vec(),
            ])
            .collect();
        let ids: Vec<u32> = words.iter().map(|w| t.intern(w).unwrap()).collect();
        assert_eq!(t.len(), 1700 + 3);
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(t.get(id as usize), &w[..]);
            assert_eq!(t.intern(w), Some(id));
        }
        assert_eq!(ids[..3], [0, 1, 2]);
        assert_eq!(ids[1700], 0);
    }
}
