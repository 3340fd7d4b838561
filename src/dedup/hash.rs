//! The hashes signatures are made of: a word's normalised bytes, and the finaliser of the
//! shingle and fingerprint hashes.
//!
//! Why not a general-purpose hash for words: a word is short (most are under nine bytes),
//! and a general hash spends more on choosing its path by length than on the bytes. Here a
//! word is read as little-endian eight-byte blocks, the last one padded with zeros, each
//! folded in with one 64×64→128-bit multiply whose halves are xored together (the "mum"
//! step of wyhash): a word of up to eight bytes costs one multiply, with no branch on its
//! length but the loop's.

/// Multipliers (odd, with well-mixed bits: from splitmix64, xxh64 and wyhash).
const LEN: u64 = 0xC2B2_AE3D_27D4_EB4F;
const BLOCK: u64 = 0xA076_1D64_78BD_642F;
const MIX: u64 = 0xE703_7ED1_A0B4_28DB;

/// The 64-bit finaliser of MurmurHash3: every input bit reaches every output bit.
#[inline]
pub(crate) fn fmix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^= x >> 33;
    x
}

/// The two halves of the 128-bit product, xored.
#[inline(always)]
fn mum(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The state before the first block of `len` bytes.
#[inline(always)]
fn start(seed: u64, len: usize) -> u64 {
    seed ^ (len as u64).wrapping_mul(LEN)
}

/// One block folded into the state.
#[inline(always)]
fn block(acc: u64, block: u64) -> u64 {
    mum(acc ^ block ^ BLOCK, MIX)
}

/// The hash of `bytes` with `seed`: the length goes in first, so that zero padding never
/// makes two words equal.
pub(crate) fn bytes(seed: u64, bytes: &[u8]) -> u64 {
    fold(seed, bytes.len(), |i| {
        // The last block may be short: padded with zeros.
        let chunk = &bytes[i..bytes.len().min(i + 8)];
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(b)
    })
}

/// [`bytes`] of `buf[..n]`, read straight from a buffer of at least `n` bytes rounded up to
/// eight (what lies past `n` is masked off): the hot path of short ASCII words, with no
/// copy of the last block.
#[inline(always)]
pub(crate) fn padded(seed: u64, buf: &[u8; 32], n: usize) -> u64 {
    debug_assert!(n <= buf.len());
    // A block starts at most at byte 24 (`n` is at most 32), inside the buffer.
    fold(seed, n, |i| {
        u64::from_le_bytes(buf[i..i + 8].try_into().expect("eight bytes"))
    })
}

/// The hash of `n` bytes whose block at byte `i` (a multiple of eight) is `load(i)`: every
/// full block, then the last partial one with what lies past `n` masked off.
#[inline(always)]
fn fold(seed: u64, n: usize, load: impl Fn(usize) -> u64) -> u64 {
    let mut acc = start(seed, n);
    let full = n / 8;
    for i in 0..full {
        acc = block(acc, load(i * 8));
    }
    let rest = n % 8;
    if rest != 0 {
        acc = block(acc, load(full * 8) & (u64::MAX >> (64 - 8 * rest)));
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_reads_as_bytes_does() {
        let text = b"Abcdefghijklmnopqrstuvwxyz012345";
        let mut buf = [0u8; 32];
        buf.copy_from_slice(text);
        for n in 0..=32 {
            assert_eq!(padded(9, &buf, n), bytes(9, &text[..n]), "{n} bytes");
        }
    }

    #[test]
    fn length_seed_and_every_byte_count() {
        // Zero padding does not make a word equal to a longer one with zero bytes.
        assert_ne!(bytes(1, b"ab"), bytes(1, b"ab\0"));
        assert_ne!(bytes(1, b""), bytes(1, b"\0"));
        assert_ne!(bytes(1, b"ab"), bytes(2, b"ab"));
        // Every byte and every position changes the hash (here: no two of 9 × 256 words
        // of nine bytes differing in one byte are equal).
        let mut seen = std::collections::HashSet::new();
        for pos in 0..9 {
            for b in 0..=255u8 {
                let mut w = *b"reuters.x";
                w[pos] = b;
                seen.insert((w, bytes(3, &w)));
            }
        }
        let hashes: std::collections::HashSet<u64> = seen.iter().map(|(_, h)| *h).collect();
        assert_eq!(hashes.len(), seen.len());
    }
}
