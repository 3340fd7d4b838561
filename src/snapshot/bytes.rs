//! The bytes of a snapshot, wherever they are: a file mapped into memory, or a buffer in
//! memory that starts on an eight-byte boundary (so that its tables can be read in place as
//! arrays of `u32` and `u64`).

use std::fmt;
use std::ops::Deref;
use std::panic::AssertUnwindSafe;

/// Snapshot bytes that tables can borrow from for as long as this value lives.
pub(crate) enum SnapshotBytes {
    /// A file mapped read-only.
    Mapped(memmap2::Mmap),
    /// A copy, in words so that it is aligned; `len` bytes of them are the snapshot.
    Aligned { words: Vec<u64>, len: usize },
    /// Bytes the caller handed over, already aligned. Only ever read (as bytes), so a
    /// panic cannot leave them half-changed: unwind-safe whatever their type.
    Kept(AssertUnwindSafe<Box<dyn AsRef<[u8]> + Send + Sync>>),
}

impl SnapshotBytes {
    /// `bytes` kept as they are when they start on an eight-byte boundary, else copied into
    /// an aligned buffer.
    pub fn new(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> SnapshotBytes {
        if bytes.as_ref().as_ptr().align_offset(8) == 0 {
            SnapshotBytes::Kept(AssertUnwindSafe(Box::new(bytes)))
        } else {
            SnapshotBytes::copy(bytes.as_ref())
        }
    }

    /// An aligned copy of `bytes`.
    pub fn copy(bytes: &[u8]) -> SnapshotBytes {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        SnapshotBytes::Aligned {
            words,
            len: bytes.len(),
        }
    }
}

impl Deref for SnapshotBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            SnapshotBytes::Mapped(m) => m,
            SnapshotBytes::Aligned { words, len } => &bytemuck::cast_slice(words)[..*len],
            SnapshotBytes::Kept(b) => b.0.as_ref().as_ref(),
        }
    }
}

impl fmt::Debug for SnapshotBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self {
            SnapshotBytes::Mapped(_) => "mapped",
            SnapshotBytes::Aligned { .. } => "copied",
            SnapshotBytes::Kept(_) => "kept",
        };
        write!(f, "SnapshotBytes({how}, {} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_when_aligned_copied_when_not() {
        let words: Vec<u64> = (0..8).collect();
        let bytes: Vec<u8> = bytemuck::cast_slice(&words).to_vec();
        let aligned = bytes.as_ptr().align_offset(8) == 0;
        let b = SnapshotBytes::new(bytes.clone());
        assert_eq!(&*b, &bytes[..]);
        assert_eq!(matches!(b, SnapshotBytes::Kept(_)), aligned);
        // One byte in: never on an eight-byte boundary when the whole was.
        let unaligned: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
        let off = &unaligned[1..];
        let b = SnapshotBytes::new(off);
        assert_eq!(&*b, off);
        assert_eq!(b.as_ptr().align_offset(8), 0);
    }
}
