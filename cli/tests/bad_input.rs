//! The command-line layer of the bad-input matrix (docs/bad-input.md): odd articles in
//! JSON Lines and text files, odd lines, and bad gazetteers. Every input line gives one
//! record in place (blank lines none), bad ones an error record naming file and line; a bad
//! gazetteer stops the run before any output with `file:line` on stderr and exit code 2.

mod common;

use common::*;
use serde_json::{Value, json};

/// Run `newswire annotate` on one JSON Lines file holding `lines` in a fresh folder.
fn annotate_lines(test: &str, lines: &[Vec<u8>], extra: &[&str]) -> (Option<i32>, Vec<Value>) {
    let dir = scratch(test);
    let mut file = Vec::new();
    for line in lines {
        file.extend_from_slice(line);
        file.push(b'\n');
    }
    std::fs::write(dir.join("in.jsonl"), &file).unwrap();
    let mut args = vec!["annotate", "in.jsonl"];
    args.extend_from_slice(extra);
    let run = newswire_in(&dir, &args, None);
    let records = run.records();
    validate(&records, Kind::Annotate);
    (run.code, records)
}

fn record(id: &str, text: &str) -> Vec<u8> {
    json!({"id": id, "text": text}).to_string().into_bytes()
}

fn mention_texts(r: &Value) -> Vec<&str> {
    r["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

#[test]
fn odd_articles_are_annotated() {
    // (id, text, mentions)
    let cases: &[(&str, &str, &[&str])] = &[
        ("empty", "", &[]),
        ("white space", " \t\r\n\u{a0}\u{2003}\n\n", &[]),
        ("NUL", "\0Pakistan\0and\0India\0", &["Pakistan", "India"]),
        (
            "controls",
            "\u{1}\u{7f}\u{202e}Pakistan\u{feff}",
            &["Pakistan"],
        ),
        (
            "BOM",
            "\u{feff}ISLAMABAD, Dec 12 (APP):Pakistan said.",
            &["ISLAMABAD", "APP", "Pakistan"],
        ),
        ("marks", "\u{301}\u{308} Pakistan", &["Pakistan"]),
    ];
    let lines: Vec<Vec<u8>> = cases.iter().map(|(id, t, _)| record(id, t)).collect();
    let (code, records) = annotate_lines("odd_articles", &lines, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), cases.len());
    for (r, (id, text, mentions)) in records.iter().zip(cases) {
        assert_eq!(r["id"], *id);
        check_spans(r, text, Unit::Chars);
        assert_eq!(mention_texts(r), *mentions, "{id}");
    }
    // The same texts in byte offsets.
    let (_, records) = annotate_lines("odd_articles_bytes", &lines, &["--offsets", "bytes"]);
    for (r, (_, text, _)) in records.iter().zip(cases) {
        check_spans(r, text, Unit::Bytes);
    }
}

#[test]
fn bad_lines_each_give_one_error_record_in_place() {
    let deep_ignored = format!(
        r#"{{"id": "deep-ok", "meta": {}{}, "text": "Pakistan"}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_text = format!(
        r#"{{"id": "deep-text", "text": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_top = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // (line, Some(error) or None for an article)
    let lines: Vec<(Vec<u8>, Option<&str>)> = vec![
        (record("good", "Pakistan"), None),
        (
            b"{\"id\": \"latin1\", \"text\": \"Z\xfcrich\"}".to_vec(),
            Some("invalid UTF-8"),
        ),
        (
            b"{\"id\": \"raw-nul\", \"text\": \"a\0b\"}".to_vec(),
            Some("invalid JSON"),
        ),
        (deep_ignored.into_bytes(), None),
        (deep_text.into_bytes(), Some("field `text` is an array")),
        (
            deep_top.into_bytes(),
            Some("expected a JSON object, found an array"),
        ),
        (
            b"42".to_vec(),
            Some("expected a JSON object, found a number"),
        ),
        (
            br#"{"id": "no-text"}"#.to_vec(),
            Some("missing field `text`"),
        ),
        (
            br#"{"id": "obj", "text": {"a": 1}}"#.to_vec(),
            Some("field `text` is an object"),
        ),
        (br#"{"text": "cut"#.to_vec(), Some("invalid JSON")),
        (b"\x00\x00\x00".to_vec(), Some("invalid JSON")),
        (record("last", "India"), None),
    ];
    let raw: Vec<Vec<u8>> = lines.iter().map(|(l, _)| l.clone()).collect();
    let (code, records) = annotate_lines("bad_lines", &raw, &[]);
    assert_eq!(code, Some(1), "a bad line makes the exit code 1");
    assert_eq!(records.len(), lines.len(), "one record per line");
    for (n, (r, (_, want))) in records.iter().zip(&lines).enumerate() {
        match want {
            Some(err) => {
                assert!(is_error(r), "line {}: {r}", n + 1);
                assert_eq!(r["file"], "in.jsonl");
                assert_eq!(r["line"], n as u64 + 1);
                let msg = r["error"].as_str().unwrap();
                assert!(msg.contains(err), "line {}: {msg:?} lacks {err:?}", n + 1);
                assert!(msg.len() < 200, "an error message, not the line: {msg}");
            }
            None => assert!(!is_error(r), "line {}: {r}", n + 1),
        }
    }
    assert_eq!(mention_texts(&records[3]), ["Pakistan"]);
    assert_eq!(records[4]["id"], "deep-text", "the id survives a bad text");
}

/// A line of this many bytes with no space in it (10 MB, as the matrix asks; the debug
/// binary reads and annotates it in about a second).
const LONG: usize = 10 << 20;

#[test]
fn a_ten_megabyte_line_without_spaces() {
    let word = "Pakistan".repeat(LONG / 8);
    let glued = "Pakistan,".repeat(LONG / 9 / 8);
    let lines = vec![
        record("word", &word),
        record("glued", &glued),
        record("after", "India"),
    ];
    let (code, records) = annotate_lines("long_line", &lines, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(records.len(), 3);
    assert!(
        mention_texts(&records[0]).is_empty(),
        "no mention inside one word"
    );
    let sentences = records[0]["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 1);
    assert_eq!(sentences[0]["end"], word.len() as u64);
    assert_eq!(mention_texts(&records[1]).len(), LONG / 9 / 8);
    assert_eq!(mention_texts(&records[2]), ["India"]);

    // The same as a plain text file, one article.
    let dir = scratch("long_text_file");
    std::fs::write(dir.join("long.txt"), &word).unwrap();
    let run = newswire_in(&dir, &["parse", "long.txt"], None);
    assert_eq!(run.code, Some(0));
    let r = run.records();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["body"]["end"], word.len() as u64);
}

#[test]
fn odd_text_files() {
    let dir = scratch("odd_text_files");
    let files: &[(&str, &[u8], Option<&str>)] = &[
        ("empty.txt", b"", None),
        ("blank.txt", b" \n\t\r\n", None),
        ("nul.txt", b"\0Pakistan\0", None),
        ("bom.txt", "\u{feff}Pakistan".as_bytes(), None),
        (
            "latin1.txt",
            b"Z\xfcrich",
            Some("invalid UTF-8 at byte offset 1"),
        ),
        (
            "binary.txt",
            &[0xff, 0xfe, 0x00, 0x41],
            Some("invalid UTF-8 at byte offset 0"),
        ),
    ];
    let mut args = vec!["annotate"];
    for (name, bytes, _) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
        args.push(name);
    }
    let run = newswire_in(&dir, &args, None);
    assert_eq!(run.code, Some(1));
    let records = run.records();
    validate(&records, Kind::Annotate);
    assert_eq!(records.len(), files.len(), "one record per file");
    for (r, (name, bytes, err)) in records.iter().zip(files) {
        match err {
            Some(err) => {
                assert_eq!(r["file"], *name);
                assert!(r["error"].as_str().unwrap().contains(err), "{r}");
            }
            None => {
                assert_eq!(r["id"], *name);
                check_spans(r, std::str::from_utf8(bytes).unwrap(), Unit::Chars);
            }
        }
    }
    assert_eq!(mention_texts(&records[2]), ["Pakistan"]);
    assert_eq!(mention_texts(&records[3]), ["Pakistan"]);
}

#[test]
fn bad_gazetteers_stop_before_any_output() {
    let dir = scratch("bad_gazetteers");
    std::fs::write(dir.join("in.jsonl"), record("a", "Pakistan")).unwrap();
    let good = r#"{"id": "a", "kind": "LOC", "name": "Alpha"}"#;
    let deep = format!(
        r#"{{"id": "d", "kind": "LOC", "name": "Deep", "attrs": {}1{}}}"#,
        r#"{"a":"#.repeat(50_000),
        "}".repeat(50_000)
    );
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "empty_alias.jsonl",
            format!(
                "{good}\n{}",
                r#"{"id": "b", "kind": "LOC", "name": "B", "aliases": [""]}"#
            ),
            "empty_alias.jsonl:2: alias 1 is empty",
        ),
        (
            "duplicate.jsonl",
            format!("{good}\n{good}"),
            "duplicate.jsonl:2: duplicate id `a` (first on line 1)",
        ),
        (
            "deep.jsonl",
            format!("{good}\n{deep}"),
            "deep.jsonl:2: invalid JSON: recursion limit exceeded",
        ),
        (
            "missing.jsonl",
            r#"{"id": "a", "name": "A"}"#.into(),
            "missing.jsonl:1: missing field `kind`",
        ),
        (
            "array.jsonl",
            "[]".into(),
            "array.jsonl:1: expected a JSON object",
        ),
        (
            "empty_alias.tsv",
            "a\tLOC\tA\tB||C\n".into(),
            "empty_alias.tsv:1: alias 2 is empty",
        ),
    ];
    for (name, text, says) in cases {
        std::fs::write(dir.join(name), &text).unwrap();
        let run = newswire_in(&dir, &["annotate", "--gazetteer", name, "in.jsonl"], None);
        assert_eq!(run.code, Some(2), "{name}: {}", run.stderr);
        assert!(
            run.stdout.is_empty(),
            "{name}: output before the gazetteer loaded"
        );
        assert!(
            run.stderr.contains(says),
            "{name}: {:?} lacks {says:?}",
            run.stderr
        );
    }
    std::fs::write(dir.join("latin1.tsv"), b"a\tLOC\tZ\xfcrich\n").unwrap();
    let run = newswire_in(
        &dir,
        &["annotate", "--gazetteer", "latin1.tsv", "in.jsonl"],
        None,
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("latin1.tsv:1: invalid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn unusual_gazetteers_load_and_match() {
    let dir = scratch("unusual_gazetteers");
    let long = "Ab".repeat(5_000);
    let gazetteer = format!(
        "{}\n{}\n",
        json!({"id": "long", "kind": "LOC", "name": "Long", "aliases": [long]}),
        json!({"id": "punct", "kind": "MISC", "name": "...", "aliases": ["!!!", "--", "’’", "(*)"]}),
    );
    std::fs::write(dir.join("g.jsonl"), gazetteer).unwrap();
    let text = format!("Before {long}, after... what!!! -- (*) ’’");
    std::fs::write(dir.join("in.jsonl"), record("a", &text)).unwrap();
    let run = newswire_in(
        &dir,
        &["annotate", "--gazetteer", "g.jsonl", "in.jsonl"],
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Annotate);
    check_spans(&records[0], &text, Unit::Chars);
    let found = mention_texts(&records[0]);
    assert_eq!(found.first(), Some(&long.as_str()), "{found:?}");
}

#[test]
fn a_byte_order_mark_before_a_record_is_skipped() {
    // What a Windows editor saves, and what `cat` makes of two such files: the mark before
    // each record is no part of it, and a line of nothing else is blank.
    let dir = scratch("bom_jsonl");
    let mut file = b"\xef\xbb\xbf".to_vec();
    file.extend_from_slice(&record("first", "Pakistan"));
    file.extend_from_slice(b"\r\n\xef\xbb\xbf");
    file.extend_from_slice(&record("second", "India"));
    file.extend_from_slice(b"\n\xef\xbb\xbf \n\xef\xbb\xbf{\"text\": x}\n");
    std::fs::write(dir.join("bom.jsonl"), &file).unwrap();
    let run = newswire_in(&dir, &["annotate", "bom.jsonl"], None);
    let records = run.records();
    validate(&records, Kind::Annotate);
    assert_eq!(records.len(), 3, "{records:?}");
    assert_eq!(records[0]["id"], "first");
    assert_eq!(mention_texts(&records[0]), ["Pakistan"]);
    assert_eq!(records[1]["id"], "second");
    assert_eq!(mention_texts(&records[1]), ["India"]);
    // Columns still count from the start of the line.
    assert_eq!(records[2]["line"], 4);
    assert_eq!(
        records[2]["error"],
        "invalid JSON at column 13: expected value"
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn an_id_in_two_merged_gazetteers_names_both() {
    let dir = scratch("merged_duplicate");
    std::fs::write(dir.join("in.jsonl"), record("a", "Pakistan")).unwrap();
    std::fs::write(
        dir.join("first.jsonl"),
        r#"{"id": "x", "kind": "LOC", "name": "Alpha"}"#,
    )
    .unwrap();
    std::fs::write(dir.join("second.tsv"), "y\tLOC\tBeta\nz\tLOC\tGamma\n").unwrap();
    std::fs::write(
        dir.join("third.jsonl"),
        "{\"id\": \"w\", \"kind\": \"LOC\", \"name\": \"Delta\"}\n\
         {\"id\": \"z\", \"kind\": \"LOC\", \"name\": \"Again\"}\n",
    )
    .unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["first.jsonl", "second.tsv", "third.jsonl"],
            "third.jsonl: duplicate id `z` (also in second.tsv)",
        ),
        (
            &["third.jsonl", "first.jsonl", "third.jsonl"],
            "third.jsonl: duplicate id `w` (also in third.jsonl)",
        ),
        (&["default", "default"], "default: duplicate id `"),
    ];
    for (specs, says) in cases {
        let mut annotate = vec!["annotate"];
        for spec in *specs {
            annotate.extend(["--gazetteer", spec]);
        }
        annotate.push("in.jsonl");
        let mut compile = vec!["compile", "-o", "out.nwsnap"];
        compile.extend(*specs);
        for args in [annotate, compile] {
            let run = newswire_in(&dir, &args, None);
            assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{args:?}");
            assert!(
                run.stderr.contains(says),
                "{args:?}: {:?} lacks {says:?}",
                run.stderr
            );
        }
    }
}
