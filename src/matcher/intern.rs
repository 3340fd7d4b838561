//! Build-time helpers: a fast hasher and a byte-string interner.
//!
//! Gazetteers are configuration, not input from strangers, so their hash tables need no
//! protection against collision attacks; a multiply-rotate hash is several times faster
//! than SipHash on the short strings they hold.

use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher (the one rustc uses for its own tables).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline(always)]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // The length first: zero words leave a zero hash unchanged.
        self.add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The high bits are the well-mixed ones; hash tables use the low ones too.
        self.hash.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with the fast hasher.
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// Distinct byte strings, numbered in order of first appearance, stored end to end.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    bytes: Vec<u8>,
    /// `ends[i]`: one past the last byte of string `i`.
    ends: Vec<usize>,
    /// Open addressing: string number + 1, 0 for empty.
    slots: Vec<u32>,
}

impl Interner {
    fn hash(s: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        h.write(s);
        h.finish()
    }

    /// An interner with room for about `n` strings of `bytes` bytes in all.
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> Interner {
        Interner {
            bytes: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            slots: vec![0; (n * 2).next_power_of_two().max(64)],
        }
    }

    /// How many strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String number `i`.
    pub(crate) fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// The number of `s`, added if new; `None` when there are too many strings.
    pub(crate) fn intern(&mut self, s: &[u8]) -> Option<u32> {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(s) as usize & mask;
        loop {
            match self.slots[i] {
                0 => break,
                id if self.get(id as usize - 1) == s => return Some(id - 1),
                _ => i = (i + 1) & mask,
            }
        }
        let id = u32::try_from(self.len())
            .ok()
            .filter(|&id| id < u32::MAX - 1)?;
        self.bytes.extend_from_slice(s);
        self.ends.push(self.bytes.len());
        self.slots[i] = id + 1;
        Some(id)
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let mut slots = vec![0u32; size];
        let mask = size - 1;
        for id in 0..self.len() {
            let mut i = Self::hash(self.get(id)) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = id as u32 + 1;
        }
        self.slots = slots;
    }

    /// Drop the lookup table (the strings stay).
    pub(crate) fn freeze(&mut self) {
        self.slots = Vec::new();
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

    #[test]
    fn hasher_tells_short_strings_apart() {
        let h = |s: &[u8]| {
            let mut x = FxHasher::default();
            x.write(s);
            x.finish()
        };
        let all: std::collections::HashSet<u64> = (0..=255u8)
            .flat_map(|a| [vec![a], vec![a, 0], vec![0, a], vec![a; 9]])
            .map(|s| h(&s))
            .collect();
        assert_eq!(all.len(), 256 * 4 - 1);
    }
}
