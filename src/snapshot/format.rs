//! The snapshot container: a header, a directory of sections, and the sections — arrays of
//! plain integers (or UTF-8, or JSON) that the tables borrow in place. The layout is
//! documented in `docs/snapshot-format.md`; this module is the one place that knows it.
//!
//! Every integer is little-endian. Sections start on eight-byte boundaries, so that a
//! section of `u64` read from a mapped file (page-aligned) or an aligned buffer is a `&[u64]`
//! without a copy.

use std::io::{self, Write};

use bytemuck::Pod;
use xxhash_rust::xxh3::Xxh3;

use crate::error::{Error, ErrorKind, Result};

/// The first eight bytes of a snapshot: a byte that is not ASCII (so no text file starts
/// so), the name, and a line feed (which a transfer that rewrites line ends would change).
pub const MAGIC: [u8; 8] = *b"\x89NWSNAP\n";
/// The snapshot format version this library writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Written as a little-endian `u32`; read back as anything else, the file was not written
/// little-endian.
const BYTE_ORDER_MARK: u32 = 0x0A0B_0C0D;
/// The header's size.
pub(crate) const HEADER_LEN: usize = 64;
/// Where the header keeps the checksum (the checksum is taken with these bytes zero).
const CHECKSUM_AT: usize = 48;
/// One directory entry: id, element size, offset, length in bytes.
const ENTRY_LEN: usize = 24;

/// Builds a snapshot from sections.
#[derive(Default)]
pub(crate) struct Writer<'a> {
    sections: Vec<(u32, u32, &'a [u8])>,
}

impl<'a> Writer<'a> {
    /// Add section `id`, an array of `T`.
    pub fn add<T: Pod>(&mut self, id: u32, data: &'a [T]) {
        self.sections.push((
            id,
            std::mem::size_of::<T>() as u32,
            bytemuck::cast_slice(data),
        ));
    }

    /// The header and directory, with `checksum` in place.
    fn head(&self, checksum: u64) -> (Vec<u8>, Vec<(usize, usize)>) {
        let mut head = Vec::with_capacity(HEADER_LEN + ENTRY_LEN * self.sections.len());
        head.extend_from_slice(&MAGIC);
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&BYTE_ORDER_MARK.to_le_bytes());
        let mut version = [0u8; 16];
        let v = env!("CARGO_PKG_VERSION").as_bytes();
        version[..v.len().min(16)].copy_from_slice(&v[..v.len().min(16)]);
        head.extend_from_slice(&version);
        let placed = self.layout();
        head.extend_from_slice(&(self.len() as u64).to_le_bytes());
        head.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        head.extend_from_slice(&0u32.to_le_bytes());
        head.extend_from_slice(&checksum.to_le_bytes());
        head.extend_from_slice(&0u64.to_le_bytes());
        debug_assert_eq!(head.len(), HEADER_LEN);
        for (&(id, elem, _), &(at, len)) in self.sections.iter().zip(&placed) {
            head.extend_from_slice(&id.to_le_bytes());
            head.extend_from_slice(&elem.to_le_bytes());
            head.extend_from_slice(&(at as u64).to_le_bytes());
            head.extend_from_slice(&(len as u64).to_le_bytes());
        }
        (head, placed)
    }

    fn directory_end(&self) -> usize {
        HEADER_LEN + ENTRY_LEN * self.sections.len()
    }

    /// Where each section goes: `(offset, length)`.
    fn layout(&self) -> Vec<(usize, usize)> {
        let mut at = self.directory_end();
        self.sections
            .iter()
            .map(|&(_, _, data)| {
                at = at.next_multiple_of(8);
                let placed = (at, data.len());
                at += data.len();
                placed
            })
            .collect()
    }

    /// Every byte of the snapshot, in order, to `sink` (the header with `checksum`).
    fn emit(&self, checksum: u64, sink: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let (head, placed) = self.head(checksum);
        sink(&head)?;
        let mut at = head.len();
        for (&(_, _, data), &(offset, _)) in self.sections.iter().zip(&placed) {
            sink(&[0u8; 8][..offset - at])?;
            sink(data)?;
            at = offset + data.len();
        }
        Ok(())
    }

    /// The snapshot's length in bytes.
    pub fn len(&self) -> usize {
        self.layout()
            .last()
            .map_or(self.directory_end(), |&(at, len)| at + len)
    }

    /// The checksum the header carries.
    fn checksum(&self) -> u64 {
        let mut hasher = Xxh3::new();
        let _ = self.emit(0, &mut |bytes| {
            hasher.update(bytes);
            Ok(())
        });
        hasher.digest()
    }

    /// Write the snapshot. The sections are read twice — once for the checksum the header
    /// carries, once to write them — rather than copied into one buffer.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        self.emit(self.checksum(), &mut |bytes| out.write_all(bytes))
    }

    /// Write the snapshot into `buf`, which is [`Writer::len`] bytes long.
    pub fn write_into(&self, buf: &mut [u8]) -> io::Result<()> {
        if buf.len() != self.len() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a buffer of {} bytes for a snapshot of {}",
                    buf.len(),
                    self.len()
                ),
            ));
        }
        let mut at = 0;
        self.emit(self.checksum(), &mut |bytes| {
            buf[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
            Ok(())
        })
    }
}

/// One section of a snapshot whose header and directory were checked.
#[derive(Clone, Copy, Debug)]
struct Entry {
    id: u32,
    elem: u32,
    offset: usize,
    len: usize,
}

/// A checked snapshot's sections.
#[derive(Clone, Debug)]
pub(crate) struct Sections {
    entries: Vec<Entry>,
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::CorruptSnapshot,
        format!("corrupt snapshot: {what}"),
    )
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default())
}

impl Sections {
    /// Check a snapshot's header, checksum and directory. Every way a file can fail is its
    /// own error: another kind of file ([`ErrorKind::NotASnapshot`]), another format version
    /// ([`ErrorKind::SnapshotVersion`]), too short, a wrong checksum or a section out of
    /// bounds ([`ErrorKind::CorruptSnapshot`]).
    pub fn check(bytes: &[u8]) -> Result<Sections> {
        let head = &bytes[..bytes.len().min(MAGIC.len())];
        if bytes.is_empty() {
            return Err(Error::new(
                ErrorKind::NotASnapshot,
                "not a newswire snapshot: the file is empty",
            ));
        }
        if head != &MAGIC[..head.len()] {
            let what = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => " (it looks like JSON: a gazetteer in JSON Lines?)",
                _ => "",
            };
            return Err(Error::new(
                ErrorKind::NotASnapshot,
                format!(
                    "not a newswire snapshot: it does not start with the snapshot magic bytes{what}"
                ),
            ));
        }
        if bytes.len() < HEADER_LEN {
            return Err(corrupt(format!(
                "truncated: {} bytes, shorter than the {HEADER_LEN}-byte header",
                bytes.len()
            )));
        }
        let version = u32_at(bytes, 8);
        if version != FORMAT_VERSION {
            let what = if version > FORMAT_VERSION {
                "newer than"
            } else {
                "older than"
            };
            let by = if bytes.len() >= 32 {
                format!(" (written by newswire {})", written_by(bytes))
            } else {
                String::new()
            };
            return Err(Error::new(
                ErrorKind::SnapshotVersion,
                format!(
                    "snapshot format version {version}{by} is {what} the version this \
                     library reads ({FORMAT_VERSION}); compile the gazetteer again with \
                     newswire {}",
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        if u32_at(bytes, 12) != BYTE_ORDER_MARK {
            return Err(corrupt(
                "the byte-order mark is wrong (not written little-endian)",
            ));
        }
        let len = u64_at(bytes, 32);
        if (bytes.len() as u64) < len {
            return Err(corrupt(format!(
                "truncated: {} of {len} bytes",
                bytes.len()
            )));
        }
        if bytes.len() as u64 > len {
            return Err(corrupt(format!(
                "{} bytes where the header says {len}",
                bytes.len()
            )));
        }
        let mut hasher = Xxh3::new();
        hasher.update(&bytes[..CHECKSUM_AT]);
        hasher.update(&[0u8; 8]);
        hasher.update(&bytes[CHECKSUM_AT + 8..]);
        let (want, got) = (u64_at(bytes, CHECKSUM_AT), hasher.digest());
        if want != got {
            return Err(corrupt(format!(
                "checksum mismatch (the header says {want:016x}, the bytes give {got:016x})"
            )));
        }
        let count = u32_at(bytes, 40) as usize;
        let dir_end = count
            .checked_mul(ENTRY_LEN)
            .and_then(|d| d.checked_add(HEADER_LEN))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| corrupt(format!("a directory of {count} sections does not fit")))?;
        let mut entries = Vec::with_capacity(count);
        for i in 0..count {
            let at = HEADER_LEN + i * ENTRY_LEN;
            let (offset, len) = (u64_at(bytes, at + 8), u64_at(bytes, at + 16));
            let e = Entry {
                id: u32_at(bytes, at),
                elem: u32_at(bytes, at + 4),
                offset: usize::try_from(offset).unwrap_or(usize::MAX),
                len: usize::try_from(len).unwrap_or(usize::MAX),
            };
            let fits = e.offset >= dir_end
                && e.offset % 8 == 0
                && e.offset
                    .checked_add(e.len)
                    .is_some_and(|end| end <= bytes.len())
                && e.elem > 0
                && e.len % e.elem as usize == 0;
            if !fits {
                return Err(corrupt(format!("section {} lies outside the file", e.id)));
            }
            if entries.iter().any(|x: &Entry| x.id == e.id) {
                return Err(corrupt(format!("section {} appears twice", e.id)));
            }
            entries.push(e);
        }
        Ok(Sections { entries })
    }

    /// Section `id` of `bytes` (the bytes [`Sections::check`] checked) as an array of `T`;
    /// an empty array when the snapshot has no such section.
    pub fn get<'b, T: Pod>(&self, bytes: &'b [u8], id: u32) -> Result<&'b [T]> {
        let Some(e) = self.entries.iter().find(|e| e.id == id) else {
            return Ok(&[]);
        };
        if e.elem as usize != std::mem::size_of::<T>() {
            return Err(corrupt(format!(
                "section {id} has {}-byte elements, not {}",
                e.elem,
                std::mem::size_of::<T>()
            )));
        }
        let raw = bytes
            .get(e.offset..e.offset + e.len)
            .ok_or_else(|| corrupt(format!("section {id} lies outside the file")))?;
        bytemuck::try_cast_slice(raw).map_err(|_| {
            corrupt(format!(
                "section {id} is not aligned (the snapshot bytes must start on an 8-byte boundary)"
            ))
        })
    }

    /// Whether the snapshot has section `id`.
    pub fn has(&self, id: u32) -> bool {
        self.entries.iter().any(|e| e.id == id)
    }
}

/// The library version that wrote a checked snapshot.
pub(crate) fn written_by(bytes: &[u8]) -> String {
    let v = &bytes[16..32];
    let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
    String::from_utf8_lossy(&v[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let words: Vec<u64> = (0..5).collect();
        let text = "héllo";
        let mut w = Writer::default();
        w.add(7, &words);
        w.add(3, text.as_bytes());
        w.add(9, &[1u32, 2, 3]);
        let mut out = Vec::new();
        w.write_to(&mut out).unwrap();
        out
    }

    #[test]
    fn sections_read_back() {
        let bytes = crate::snapshot::SnapshotBytes::copy(&sample());
        let s = Sections::check(&bytes).unwrap();
        assert_eq!(s.get::<u64>(&bytes, 7).unwrap(), &[0, 1, 2, 3, 4]);
        assert_eq!(s.get::<u8>(&bytes, 3).unwrap(), "héllo".as_bytes());
        assert_eq!(s.get::<u32>(&bytes, 9).unwrap(), &[1, 2, 3]);
        assert!(s.get::<u32>(&bytes, 4).unwrap().is_empty());
        assert_eq!(
            s.get::<u32>(&bytes, 7).unwrap_err().kind(),
            ErrorKind::CorruptSnapshot
        );
        assert_eq!(written_by(&bytes), env!("CARGO_PKG_VERSION"));
    }

    /// Every truncation and every flipped byte is an error of its own kind, never a panic.
    #[test]
    fn every_truncation_and_flip_is_refused() {
        let good = sample();
        for n in 0..good.len() {
            let kind = Sections::check(&good[..n]).unwrap_err().kind();
            let want = if n == 0 {
                ErrorKind::NotASnapshot
            } else {
                ErrorKind::CorruptSnapshot
            };
            assert_eq!(kind, want, "cut at {n}");
        }
        for i in 0..good.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = good.clone();
                bad[i] ^= bit;
                let kind = Sections::check(&bad).unwrap_err().kind();
                let want = match i {
                    0..8 => ErrorKind::NotASnapshot,
                    8..12 => ErrorKind::SnapshotVersion,
                    _ => ErrorKind::CorruptSnapshot,
                };
                assert_eq!(kind, want, "byte {i} flipped by {bit:#x}");
            }
        }
    }

    #[test]
    fn foreign_and_newer_files_are_named() {
        let json = br#"{"id": "pk", "kind": "LOC", "name": "Pakistan"}"#;
        let e = Sections::check(json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotASnapshot);
        assert!(e.to_string().contains("JSON"), "{e}");
        let mut newer = sample();
        newer[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        let e = Sections::check(&newer).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SnapshotVersion);
        assert!(
            e.to_string()
                .contains(&format!("version {}", FORMAT_VERSION + 1))
                && e.to_string().contains(&format!("reads ({FORMAT_VERSION})")),
            "{e}"
        );
    }
}
