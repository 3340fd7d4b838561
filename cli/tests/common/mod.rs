//! Running the built `newswire` binary and checking what it writes.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Standard output as lines of JSON, each one checked to be a whole line.
    pub fn records(&self) -> Vec<Value> {
        let text = std::str::from_utf8(&self.stdout).expect("output is UTF-8");
        assert!(
            text.is_empty() || text.ends_with('\n'),
            "output ends inside a line: {text:?}"
        );
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
}

/// The folder of the sample inputs; runs start there so that paths (and ids) stay short.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
}

/// A fresh scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("newswire-cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Run `newswire ARGS` in the data folder, with `stdin` as its standard input.
pub fn newswire(args: &[&str], stdin: Option<&[u8]>) -> Run {
    newswire_in(&data_dir(), args, stdin)
}

/// Run `newswire ARGS` in `dir`.
pub fn newswire_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newswire");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        let input = input.to_vec();
        // A separate writer: a large input must not deadlock against a full output pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("wait for newswire");
    let run = Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "newswire panicked: {}",
        run.stderr
    );
    run
}

/// The record schema, compiled for one of its definitions.
fn validator(def: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/record.schema.json");
    let text = std::fs::read_to_string(&path).expect("read schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let root = if def.is_empty() {
        schema
    } else {
        json!({
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            "$ref": format!("#/$defs/{def}"),
        })
    };
    jsonschema::validator_for(&root).expect("schema compiles")
}

/// Which records a command writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Parse,
    Annotate,
}

/// Check every record against the schema: the whole schema, then the definition the record
/// must meet (an error, a parsed article, an annotated document).
pub fn validate(records: &[Value], kind: Kind) {
    static WHOLE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static ERROR: OnceLock<jsonschema::Validator> = OnceLock::new();
    static ARTICLE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static DOCUMENT: OnceLock<jsonschema::Validator> = OnceLock::new();
    for record in records {
        let whole = WHOLE.get_or_init(|| validator(""));
        let errors: Vec<String> = whole.iter_errors(record).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "record breaks the schema: {errors:?}\n{record}"
        );
        let specific = if record.get("error").is_some() {
            ERROR.get_or_init(|| validator("error"))
        } else if kind == Kind::Annotate {
            DOCUMENT.get_or_init(|| validator("document"))
        } else {
            ARTICLE.get_or_init(|| validator("article"))
        };
        let errors: Vec<String> = specific
            .iter_errors(record)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "record breaks the schema: {errors:?}\n{record}"
        );
        if kind == Kind::Parse {
            assert!(
                record.get("mentions").is_none(),
                "parse wrote mentions: {record}"
            );
        }
    }
}

/// Check every line against one definition of the schema (`duplicate_group`, ...).
pub fn validate_as(records: &[Value], def: &str) {
    let validator = validator(def);
    for record in records {
        let errors: Vec<String> = validator
            .iter_errors(record)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "line breaks the schema ({def}): {errors:?}\n{record}"
        );
    }
}

/// Whether a record is an error record.
pub fn is_error(record: &Value) -> bool {
    record.get("error").is_some()
}

/// The unit offsets are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Chars,
    Bytes,
}

/// `text[start..end]` in `unit`, or `None` when out of bounds or (bytes) off a char boundary.
pub fn slice(text: &str, start: usize, end: usize, unit: Unit) -> Option<String> {
    if start > end {
        return None;
    }
    match unit {
        Unit::Bytes => text.get(start..end).map(str::to_owned),
        Unit::Chars => {
            if end > text.chars().count() {
                return None;
            }
            Some(text.chars().skip(start).take(end - start).collect())
        }
    }
}

/// Every `{start, end}` in a record, in document order, with the path to it.
pub fn spans(record: &Value) -> Vec<(String, usize, usize)> {
    fn walk(v: &Value, path: &str, out: &mut Vec<(String, usize, usize)>) {
        match v {
            Value::Object(map) => {
                if let (Some(s), Some(e)) = (
                    map.get("start").and_then(Value::as_u64),
                    map.get("end").and_then(Value::as_u64),
                ) {
                    out.push((path.to_string(), s as usize, e as usize));
                }
                for (k, v) in map {
                    walk(v, &format!("{path}.{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(record, "", &mut out);
    out
}

/// Every span of `record` lies inside `text` and slices it cleanly; every mention's `text`
/// and every dateline location is exactly what its span covers.
pub fn check_spans(record: &Value, text: &str, unit: Unit) {
    for (path, start, end) in spans(record) {
        assert!(
            slice(text, start, end, unit).is_some(),
            "{path} = {start}..{end} does not slice the text ({unit:?}): {record}"
        );
    }
    for m in record
        .get("mentions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            slice(text, s, e, unit).as_deref(),
            m["text"].as_str(),
            "mention {m}"
        );
    }
}

/// The JSON Lines text of `articles` as `{"id", "text"}` records.
pub fn jsonl_of(articles: &[(String, String)]) -> String {
    articles
        .iter()
        .map(|(id, text)| format!("{}\n", json!({"id": id, "text": text})))
        .collect()
}

/// The sample text articles, by file name.
pub fn sample(name: &str) -> String {
    std::fs::read_to_string(data_dir().join(name)).expect("sample article")
}

/// gzip `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

/// Read one line of `newswire ARGS`, close the pipe, and check it ends without a panic.
pub fn closed_pipe(dir: &std::path::Path, args: &[&str]) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.ends_with('\n'));
    drop(out);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "a closed pipe is no error to report: {stderr}"
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
}

/// Feed `input` to `newswire ARGS` on a standard input left open (a live stream), interrupt
/// it with SIGINT once output has begun, and check that it stops with code 130 having
/// written only whole records.
#[cfg(unix)]
pub fn interrupted(args: &[&str], input: Vec<u8>) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(args)
        .current_dir(data_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
        // Hold standard input open until the test is over.
        let _ = done_rx.recv();
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout
        .read_exact(&mut first)
        .expect("some output before the interrupt");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    drop(done_tx);
    let _ = feeder.join();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let mut all = first.to_vec();
    all.extend(rest);
    let text = String::from_utf8(all).unwrap();
    assert!(text.ends_with('\n'), "interrupted inside a line");
    for line in text.lines() {
        serde_json::from_str::<Value>(line)
            .unwrap_or_else(|e| panic!("half a record ({e}): {line}"));
    }
    assert_eq!(output.status.code(), Some(130), "{stderr}");
}
