//! Load snapshot bytes that were damaged on purpose: a matcher built from the case's names
//! (the `Case` format of `newswire_fuzz`, after a header of edits) is written to bytes, the
//! edits flip bytes of it, and — when the flags byte asks — the checksum is made right
//! again, so that the damage reaches the checks of the tables themselves, as a file made
//! to pass the checksum would. Loading must give a matcher or an error of a snapshot kind,
//! never a panic; a loaded matcher must match and annotate without one; the undamaged
//! bytes must give back a matcher that finds what the built one finds.
//!
//! Input: `[flags] [n] n × [position: u32 LE, xor: u8] [Case ...]`; flags bit 0: reseal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::{ErrorKind, Matcher};
use newswire_fuzz::{Case, reseal_snapshot};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some((&n, rest)) = rest.split_first() else {
        return;
    };
    let Some(edits) = rest.get(..5 * n as usize) else {
        return;
    };
    let Some(case) = Case::read(&rest[5 * n as usize..]) else {
        return;
    };
    let (built, _) = case.matchers();
    let mut bytes = built.to_bytes();
    for edit in edits.chunks_exact(5) {
        let at = u32::from_le_bytes([edit[0], edit[1], edit[2], edit[3]]) as usize % bytes.len();
        bytes[at] ^= edit[4];
    }
    if flags & 1 != 0 {
        reseal_snapshot(&mut bytes);
    }
    let damaged = bytes != built.to_bytes();
    match Matcher::from_bytes(bytes) {
        Ok(loaded) => {
            let text = case.text.as_str();
            let found = loaded.find(text);
            for m in &found {
                assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
            }
            let doc = loaded.annotate(text);
            for m in doc.mentions() {
                let _ = doc.entity(m.entities()[0]).id();
            }
            if !damaged {
                assert_eq!(found, built.find(text), "an undamaged snapshot finds the same");
            }
        }
        Err(e) => {
            assert!(damaged, "undamaged bytes were refused: {e}");
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::NotASnapshot | ErrorKind::SnapshotVersion | ErrorKind::CorruptSnapshot
                ),
                "{e}"
            );
        }
    }
});
