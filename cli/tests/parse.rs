//! `newswire parse`: inputs, error records, offsets and exit codes.

mod common;

use common::*;
use serde_json::{Value, json};

const TEXT_FILES: [&str; 3] = ["app.txt", "reuters.txt", "unicode.txt"];

#[test]
fn text_files_are_one_article_each() {
    let run = newswire(&["parse", "app.txt", "reuters.txt", "unicode.txt"], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Parse);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, TEXT_FILES);
    for (record, name) in records.iter().zip(TEXT_FILES) {
        check_spans(record, &sample(name), Unit::Chars);
        assert!(
            !record["sentences"].as_array().unwrap().is_empty(),
            "{name}: no sentences"
        );
    }
    let app = &records[0]["dateline"];
    assert_eq!(app["locations"], serde_json::json!(["ISLAMABAD"]));
    assert_eq!(app["agency"], "APP");
}

#[test]
fn jsonl_ids_and_line_numbers() {
    let run = newswire(&["parse", "articles.jsonl"], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Parse);
    // Line 3 is blank: skipped, but counted, so the record on line 4 is `articles.jsonl:4`.
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["app-1", "42", "articles.jsonl:4", "dpa-7"]);
    let texts = jsonl_texts("articles.jsonl", "text");
    for (record, text) in records.iter().zip(&texts) {
        check_spans(record, text, Unit::Chars);
    }
}

#[test]
fn renamed_text_and_id_fields() {
    let run = newswire(
        &[
            "parse",
            "--text-field",
            "body",
            "--id-field",
            "doc_id",
            "fields.jsonl",
        ],
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Parse);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["w1", "7", "fields.jsonl:3"]);
    let texts = jsonl_texts("fields.jsonl", "body");
    for (record, text) in records.iter().zip(&texts) {
        check_spans(record, text, Unit::Chars);
    }
    // The text really came from `body`: the dateline of line 1 is there, not in "not this one".
    assert_eq!(
        records[0]["dateline"]["locations"],
        serde_json::json!(["WASHINGTON"])
    );
}

#[test]
fn jsonl_flag_reads_any_name_as_jsonl() {
    let dir = scratch("jsonl_flag");
    std::fs::copy(data_dir().join("articles.jsonl"), dir.join("articles.txt")).unwrap();
    let as_text = newswire_in(&dir, &["parse", "articles.txt"], None);
    assert_eq!(
        as_text.records().len(),
        1,
        "without --jsonl a .txt file is one article"
    );
    let as_jsonl = newswire_in(&dir, &["parse", "--jsonl", "articles.txt"], None);
    assert_eq!(as_jsonl.code, Some(0), "{}", as_jsonl.stderr);
    let ids: Vec<String> = as_jsonl
        .records()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["app-1", "42", "articles.txt:4", "dpa-7"]);
}

#[test]
fn gzipped_inputs_read_like_plain_ones() {
    let dir = scratch("gzip");
    let plain = std::fs::read(data_dir().join("articles.jsonl")).unwrap();
    std::fs::write(dir.join("articles.jsonl"), &plain).unwrap();
    std::fs::write(dir.join("articles.jsonl.gz"), gzip(&plain)).unwrap();
    // Two gzip members back to back (what `cat a.gz b.gz` gives) are one stream.
    let half = plain.len() / 2;
    let cut = half + plain[half..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut multi = gzip(&plain[..cut]);
    multi.extend(gzip(&plain[cut..]));
    std::fs::write(dir.join("multi.jsonl.gz"), multi).unwrap();
    std::fs::write(dir.join("app.txt.gz"), gzip(sample("app.txt").as_bytes())).unwrap();

    let want = newswire_in(&dir, &["parse", "articles.jsonl"], None);
    assert_eq!(want.code, Some(0), "{}", want.stderr);
    let want = want.records();
    for name in ["articles.jsonl.gz", "multi.jsonl.gz"] {
        let got = newswire_in(&dir, &["parse", name], None);
        assert_eq!(got.code, Some(0), "{name}: {}", got.stderr);
        let got = got.records();
        validate(&got, Kind::Parse);
        let strip = |rs: &[Value]| -> Vec<Value> {
            rs.iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.as_object_mut().unwrap().remove("id");
                    r
                })
                .collect()
        };
        assert_eq!(strip(&got), strip(&want), "{name}");
        assert_eq!(got[2]["id"], format!("{name}:4"));
    }
    let text = newswire_in(&dir, &["parse", "app.txt.gz"], None);
    assert_eq!(text.code, Some(0), "{}", text.stderr);
    let text = text.records();
    assert_eq!(text.len(), 1);
    check_spans(&text[0], &sample("app.txt"), Unit::Chars);
}

#[test]
fn standard_input() {
    let jsonl = std::fs::read(data_dir().join("articles.jsonl")).unwrap();
    for args in [&["parse", "--jsonl"][..], &["parse", "--jsonl", "-"]] {
        let run = newswire(args, Some(&jsonl));
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        let ids: Vec<String> = run
            .records()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids, ["app-1", "42", "-:4", "dpa-7"], "{args:?}");
    }
    // Gzip on standard input is recognised by its magic number.
    let run = newswire(&["parse", "--jsonl"], Some(&gzip(&jsonl)));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.records().len(), 4);
    // Without --jsonl, standard input is one article.
    let text = sample("reuters.txt");
    let run = newswire(&["parse"], Some(text.as_bytes()));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Parse);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "-");
    check_spans(&records[0], &text, Unit::Chars);
}

/// The lines of a file with bad lines mixed in, and what each should give.
fn mixed_lines() -> Vec<(Vec<u8>, Option<&'static str>)> {
    vec![
        (
            br#"{"id": "good-1", "text": "LONDON, March 3 (Reuters) - Shares rose."}"#.to_vec(),
            None,
        ),
        (
            b"{\"id\": \"utf8\", \"text\": \"caf\xe9\"}".to_vec(),
            Some("invalid UTF-8"),
        ),
        (
            br#"{"text": "Paris is calm.""#.to_vec(),
            Some("invalid JSON"),
        ),
        (b"this is not json".to_vec(), Some("invalid JSON")),
        (
            br#"["text", "an array"]"#.to_vec(),
            Some("expected a JSON object"),
        ),
        (b"   \t".to_vec(), None), // blank: no record
        (
            br#"{"id": "no-text", "body": "Where is the text?"}"#.to_vec(),
            Some("missing field `text`"),
        ),
        (
            br#"{"id": "num-text", "text": 12}"#.to_vec(),
            Some("not a string"),
        ),
        (
            br#"{"id": "null-text", "text": null}"#.to_vec(),
            Some("not a string"),
        ),
        (b"".to_vec(), None), // blank
        (
            "{\"text\": \"MOSCOW, Jan 5 (Reuters) - Снег в Москве.\"}\r"
                .as_bytes()
                .to_vec(),
            None,
        ),
        (br#"{"id": "good-3", "text": ""}"#.to_vec(), None),
    ]
}

#[test]
fn bad_lines_give_error_records_in_place() {
    let dir = scratch("bad_lines");
    let lines = mixed_lines();
    let mut file = Vec::new();
    for (line, _) in &lines {
        file.extend_from_slice(line);
        file.push(b'\n');
    }
    std::fs::write(dir.join("mixed.jsonl"), &file).unwrap();
    let run = newswire_in(&dir, &["parse", "mixed.jsonl", "missing.jsonl"], None);
    assert_eq!(run.code, Some(1), "a failed record makes the exit code 1");
    let records = run.records();
    validate(&records, Kind::Parse);
    let wanted: Vec<(usize, Option<&str>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, (line, _))| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, (_, err))| (i + 1, *err))
        .collect();
    assert_eq!(
        records.len(),
        wanted.len() + 1,
        "one record per non-blank line, plus the missing file"
    );
    for (record, (line_no, err)) in records.iter().zip(&wanted) {
        match err {
            Some(err) => {
                assert_eq!(record["file"], "mixed.jsonl", "{record}");
                assert_eq!(record["line"], *line_no as u64, "{record}");
                let msg = record["error"].as_str().unwrap();
                assert!(
                    msg.contains(err),
                    "line {line_no}: {msg:?} should say {err:?}"
                );
            }
            None => {
                assert!(!is_error(record), "line {line_no} should succeed: {record}");
                assert!(record["id"].is_string(), "{record}");
            }
        }
    }
    // Error records keep the id when the line had a readable one.
    let by_line = |n: u64| records.iter().find(|r| r["line"] == n).unwrap();
    assert_eq!(by_line(7)["id"], "no-text");
    assert_eq!(by_line(8)["id"], "num-text");
    assert!(
        by_line(2).get("id").is_none(),
        "an unreadable line has no id"
    );
    assert_eq!(records[wanted.len() - 2]["id"], "mixed.jsonl:11");
    let missing = records.last().unwrap();
    assert_eq!(missing["file"], "missing.jsonl");
    assert!(
        missing.get("line").is_none(),
        "an unreadable file has no line: {missing}"
    );
    assert!(is_error(missing));
}

#[test]
fn only_good_lines_exit_zero_and_only_bad_lines_exit_one() {
    let dir = scratch("exit_codes");
    std::fs::write(dir.join("bad.jsonl"), "[1]\n{}\n").unwrap();
    std::fs::write(dir.join("empty.jsonl"), "").unwrap();
    let run = newswire_in(&dir, &["parse", "bad.jsonl"], None);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.records().len(), 2);
    let run = newswire_in(&dir, &["parse", "empty.jsonl"], None);
    assert_eq!((run.code, run.stdout.len()), (Some(0), 0));
    // An invalid UTF-8 text file is an error record naming it.
    std::fs::write(dir.join("latin1.txt"), b"Z\xfcrich").unwrap();
    let run = newswire_in(&dir, &["parse", "latin1.txt"], None);
    assert_eq!(run.code, Some(1));
    let records = run.records();
    validate(&records, Kind::Parse);
    assert_eq!(records[0]["file"], "latin1.txt");
    assert!(
        records[0]["error"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 at byte offset 1")
    );
}

#[test]
fn unreadable_inputs_give_error_records_without_line() {
    let dir = scratch("unreadable");
    let plain = std::fs::read(data_dir().join("articles.jsonl")).unwrap();
    let gz = gzip(&plain);
    std::fs::write(dir.join("cut.jsonl.gz"), &gz[..gz.len() - 12]).unwrap();
    std::fs::create_dir(dir.join("folder.txt")).unwrap();
    std::fs::write(dir.join("ok.txt"), "PARIS (AFP) - Calm returned.").unwrap();
    let run = newswire_in(
        &dir,
        &["parse", "folder.txt", "cut.jsonl.gz", "ok.txt"],
        None,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Parse);
    assert_eq!(records[0]["file"], "folder.txt");
    assert!(
        is_error(&records[0]) && records[0].get("line").is_none(),
        "{}",
        records[0]
    );
    // A cut gzip stream: the lines before the cut, then one error record for the file.
    let cut: Vec<&Value> = records[1..records.len() - 1].iter().collect();
    let last = cut.last().unwrap();
    assert!(is_error(last) && last.get("line").is_none(), "{last}");
    assert_eq!(last["file"], "cut.jsonl.gz");
    assert!(cut[..cut.len() - 1].iter().all(|r| !is_error(r)));
    assert_eq!(
        records.last().unwrap()["id"],
        "ok.txt",
        "the run goes on after a bad file"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["parse", "-"])
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        &["parse", "--reference-date", "2024-13-01"][..],
        &["parse", "--offsets", "lines"],
        &["parse", "--no-such-flag"],
        &["frobnicate"],
        &[],
    ] {
        let run = newswire(args, Some(b""));
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn char_and_byte_offsets_slice_the_same_text() {
    for name in ["unicode.txt", "app.txt"] {
        let text = sample(name);
        let chars = newswire(&["parse", name], None);
        let bytes = newswire(&["parse", "--offsets", "bytes", name], None);
        assert_eq!(
            (chars.code, bytes.code),
            (Some(0), Some(0)),
            "{}{}",
            chars.stderr,
            bytes.stderr
        );
        let (chars, bytes) = (&chars.records()[0], &bytes.records()[0]);
        validate(&[chars.clone(), bytes.clone()], Kind::Parse);
        let (cs, bs) = (spans(chars), spans(bytes));
        assert!(!cs.is_empty(), "{name}: no spans");
        assert_eq!(cs.len(), bs.len(), "{name}");
        for ((cp, c0, c1), (bp, b0, b1)) in cs.iter().zip(&bs) {
            assert_eq!(cp, bp);
            let by_char = slice(&text, *c0, *c1, Unit::Chars);
            let by_byte = slice(&text, *b0, *b1, Unit::Bytes);
            assert!(by_char.is_some(), "{name} {cp}: {c0}..{c1}");
            assert_eq!(by_char, by_byte, "{name} {cp}");
        }
        if name == "unicode.txt" {
            assert_ne!(
                cs, bs,
                "non-ASCII text must give different char and byte offsets"
            );
        }
    }
}

#[test]
fn reference_date_gives_the_year() {
    let with = newswire(
        &["parse", "--reference-date", "2024-12-20", "app.txt"],
        None,
    );
    let without = newswire(&["parse", "app.txt"], None);
    assert_eq!(
        (with.code, without.code),
        (Some(0), Some(0)),
        "{}",
        with.stderr
    );
    assert_eq!(
        with.records()[0]["dateline"]["date"],
        serde_json::json!({"year": 2024, "month": 12, "day": 12})
    );
    assert_eq!(
        without.records()[0]["dateline"]["date"]["year"],
        Value::Null
    );
}

#[test]
fn closed_output_pipe_ends_quietly() {
    let dir = scratch("closed_pipe_parse");
    // Error records only: this exercises the writer whatever the parser does.
    let lines: String = (0..200_000).map(|i| format!("[{i}]\n")).collect();
    std::fs::write(dir.join("many.jsonl"), lines).unwrap();
    closed_pipe(&dir, &["parse", "many.jsonl"]);
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_whole_lines() {
    let text = sample("reuters.txt");
    let input: String = (0..3000)
        .map(|i| format!("{}\n", json!({"id": i, "text": text})))
        .collect();
    interrupted(&["parse", "--jsonl"], input.into_bytes());
}

#[test]
fn progress_bar_only_when_asked_off_a_terminal() {
    let quiet = newswire(&["parse", "app.txt"], None);
    assert_eq!(quiet.code, Some(0), "{}", quiet.stderr);
    assert!(
        quiet.stderr.is_empty(),
        "no bar when stderr is not a terminal: {}",
        quiet.stderr
    );
    let shown = newswire(&["parse", "--progress", "app.txt", "reuters.txt"], None);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(shown.stderr.contains("2 articles"), "{}", shown.stderr);
    assert_eq!(shown.records().len(), 2, "the bar never reaches stdout");
}

/// The texts of a JSON Lines sample, blank lines skipped.
fn jsonl_texts(name: &str, field: &str) -> Vec<String> {
    sample(name)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()[field]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}
