//! The command line's JSON Lines reader, linked from its sources (the command is a binary,
//! not a library).
//!
//! 1. One line through `jsonl::parse_line`, against serde_json's own reading of the line
//!    as a differential oracle: an article exactly when the line is a JSON object whose text
//!    field is a string and whose id is absent, null, a string or a number; the text and id
//!    the same as serde_json reads them (a number id as it is written).
//! 2. The whole input as a file through `input::Items`: one item per non-blank line, in
//!    order, each what `parse_line` says of its line; the same items from a gzipped copy;
//!    and as a plain text file, one article holding the whole input or one error.
#![no_main]

#[allow(dead_code)]
#[path = "../../cli/src/jsonl.rs"]
mod jsonl;

#[allow(dead_code)]
#[path = "../../cli/src/input.rs"]
mod input;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use input::{InputOptions, Item};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check_line(line: &[u8]) {
    let got = jsonl::parse_line(line, "text", "id");
    // A byte order mark before the record is no part of it (the reader skips one).
    let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    let value = serde_json::from_slice::<Value>(line);
    if let Err(e) = &value {
        let e = e.to_string();
        // serde_json builds a `Value` recursively and stops at depth 128; the reader skips
        // the fields it does not want without recursing, so reads deeper lines, and must
        // not crash on them. Skipping a field also leaves the pairing of its `\u` surrogate
        // escapes unchecked, so a lone surrogate there (not valid in a string) does not spoil
        // the line either: serde_json calls a leading one that no `\u` follows "unexpected
        // end of hex escape", and names the surrogate in its other such errors.
        if e.starts_with("recursion limit exceeded")
            || e.contains("surrogate")
            || e.starts_with("unexpected end of hex escape")
        {
            return;
        }
    }
    let want = match value {
        Ok(Value::Object(o)) => {
            let id = match o.get("id") {
                None | Some(Value::Null) => Some(None),
                Some(Value::String(s)) => Some(Some(s.clone())),
                // A number is kept as it is written.
                Some(Value::Number(_)) => Some(raw_id(line)),
                Some(_) => None,
            };
            match (o.get("text"), id) {
                (Some(Value::String(t)), Some(id)) => Some((id, t.clone())),
                _ => None,
            }
        }
        _ => None,
    };
    match (&got, want) {
        (Ok(rec), Some((id, text))) => {
            assert_eq!(rec.text, text, "text");
            assert_eq!(rec.id, id, "id");
        }
        (Err(bad), None) => assert!(!bad.error.is_empty(), "an error without a reason"),
        (got, want) => panic!(
            "{:?}: reader says {got:?}, serde_json says {want:?}",
            String::from_utf8_lossy(line)
        ),
    }
}

/// The text of the line's (last) `id` value as written.
fn raw_id(line: &[u8]) -> Option<String> {
    let fields: std::collections::HashMap<String, &serde_json::value::RawValue> =
        serde_json::from_slice(line).ok()?;
    fields.get("id").map(|raw| raw.get().to_string())
}

fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("newswire-fuzz-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a temporary directory");
        d
    })
}

/// Items as comparable tuples: (article?, id, text or error, line).
fn read(path: &Path, jsonl: bool) -> Vec<(bool, Option<String>, String, Option<u64>)> {
    let options = InputOptions {
        jsonl,
        text_field: "text".into(),
        id_field: "id".into(),
    };
    input::Items::new(&[path.to_path_buf()], &options)
        .map(|item| match item {
            Item::Article { id, text, line, .. } => (true, Some(id), text, line),
            Item::Failed(e) => (false, e.id, e.error, e.line),
        })
        .collect()
}

fn check_file(data: &[u8]) {
    let plain = dir().join("in.jsonl");
    std::fs::write(&plain, data).expect("write");
    let items = read(&plain, true);
    if data.starts_with(&[0x1f, 0x8b]) {
        // Read as gzip by its magic number; whatever comes of it, one item at least.
        return;
    }
    let mut want = Vec::new();
    for (i, raw) in data.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if jsonl::is_blank(line) {
            continue;
        }
        let n = i as u64 + 1;
        want.push(match jsonl::parse_line(line, "text", "id") {
            Ok(r) => (
                true,
                Some(r.id.unwrap_or_else(|| format!("{}:{n}", plain.display()))),
                r.text,
                Some(n),
            ),
            Err(b) => (false, b.id, b.error, Some(n)),
        });
    }
    assert_eq!(items, want, "items from the file");

    let gz = dir().join("in.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip");
    std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
    let from_gz = read(&gz, true);
    let rename = |id: Option<String>| {
        id.map(|s| match s.strip_prefix(&*gz.display().to_string()) {
            Some(rest) => format!("{}{rest}", plain.display()),
            None => s,
        })
    };
    let from_gz: Vec<_> = from_gz
        .into_iter()
        .map(|(ok, id, t, l)| (ok, rename(id), t, l))
        .collect();
    assert_eq!(from_gz, want, "items from the gzipped file");

    let txt = dir().join("in.txt");
    std::fs::write(&txt, data).expect("write");
    let whole = read(&txt, false);
    assert_eq!(whole.len(), 1, "a text file is one item");
    match std::str::from_utf8(data) {
        Ok(s) => assert!(whole[0].0 && whole[0].2 == s, "text file as one article"),
        Err(_) => assert!(!whole[0].0, "invalid UTF-8 text file as an error"),
    }
}

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        check_line(line.strip_suffix(b"\r").unwrap_or(line));
    }
    check_file(data);
});
