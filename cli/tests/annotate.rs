//! `newswire annotate`: gazetteers, matcher options, threads, error records, pipes and
//! interrupts.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::{Value, json};

const TEXT_FILES: [&str; 3] = ["app.txt", "reuters.txt", "unicode.txt"];

/// The matched texts of a record's mentions.
fn mention_texts(record: &Value) -> BTreeSet<String> {
    record["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect()
}

/// The entity ids of a record's summary.
fn entity_ids(record: &Value) -> BTreeSet<String> {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Mentions in text order; the summary counts what the mentions say.
fn check_document(record: &Value) {
    let mentions = record["mentions"].as_array().unwrap();
    let starts: Vec<u64> = mentions
        .iter()
        .map(|m| m["start"].as_u64().unwrap())
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "mentions out of order: {record}"
    );
    for e in record["entities"].as_array().unwrap() {
        let named = mentions
            .iter()
            .filter(|m| {
                m["entities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["id"] == e["id"])
            })
            .count();
        assert_eq!(e["count"].as_u64().unwrap() as usize, named, "count of {e}");
    }
}

fn annotate(args: &[&str], stdin: Option<&[u8]>) -> Vec<Value> {
    let mut all = vec!["annotate"];
    all.extend_from_slice(args);
    let run = newswire(&all, stdin);
    assert_eq!(run.code, Some(0), "{all:?}: {}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Annotate);
    records
}

#[test]
fn default_gazetteer() {
    let records = annotate(&TEXT_FILES, None);
    assert_eq!(records.len(), 3);
    for (record, name) in records.iter().zip(TEXT_FILES) {
        assert_eq!(record["id"], name);
        check_spans(record, &sample(name), Unit::Chars);
        check_document(record);
    }
    let app = mention_texts(&records[0]);
    for want in ["ISLAMABAD", "Pakistan", "Turkey", "Jeddah"] {
        assert!(app.contains(want), "app.txt: {want} not in {app:?}");
    }
    let reuters = mention_texts(&records[1]);
    for want in ["LONDON", "China", "Geneva"] {
        assert!(
            reuters.contains(want),
            "reuters.txt: {want} not in {reuters:?}"
        );
    }
    // The built-in gazetteer knows no private analysts.
    assert!(!reuters.contains("Anna Keller"), "{reuters:?}");
    let unicode = mention_texts(&records[2]);
    for want in ["São Paulo", "Bogotá"] {
        assert!(
            unicode.contains(want),
            "unicode.txt: {want} not in {unicode:?}"
        );
    }
}

#[test]
fn byte_offsets() {
    let records = annotate(&["--offsets", "bytes", "unicode.txt", "app.txt"], None);
    check_spans(&records[0], &sample("unicode.txt"), Unit::Bytes);
    check_spans(&records[1], &sample("app.txt"), Unit::Bytes);
    assert!(!records[0]["mentions"].as_array().unwrap().is_empty());
}

#[test]
fn gazetteer_files_replace_the_builtin() {
    let tsv = annotate(
        &["--gazetteer", "gazetteer.tsv", "reuters.txt", "app.txt"],
        None,
    );
    let texts = mention_texts(&tsv[0]);
    for want in ["Halden Analytics", "Anna Keller"] {
        assert!(texts.contains(want), "{want} not in {texts:?}");
    }
    assert!(
        !texts.contains("China"),
        "the built-in gazetteer was replaced: {texts:?}"
    );
    assert!(entity_ids(&tsv[0]).contains("halden"));
    assert!(mention_texts(&tsv[1]).contains("Farah Qadir"));
    let summary = tsv[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "keller")
        .unwrap();
    assert_eq!(
        (&summary["kind"], &summary["name"]),
        (&json!("PERSON"), &json!("Anna Keller"))
    );

    let jsonl = annotate(&["--gazetteer", "gazetteer.jsonl", "reuters.txt"], None);
    let texts = mention_texts(&jsonl[0]);
    for want in ["Tom Ashdown", "Mary Fenn"] {
        assert!(texts.contains(want), "{want} not in {texts:?}");
    }
    assert!(
        !texts.contains("Halden Analytics") && !texts.contains("China"),
        "{texts:?}"
    );
    for record in tsv.iter().chain(&jsonl) {
        check_document(record);
    }
}

#[test]
fn repeated_gazetteers_merge_with_default() {
    let args = [
        "--gazetteer",
        "default",
        "--gazetteer",
        "gazetteer.tsv",
        "--gazetteer",
        "gazetteer.jsonl",
        "reuters.txt",
    ];
    let records = annotate(&args, None);
    let texts = mention_texts(&records[0]);
    for want in [
        "China",
        "Geneva",
        "Halden Analytics",
        "Anna Keller",
        "Tom Ashdown",
    ] {
        assert!(texts.contains(want), "{want} not in {texts:?}");
    }
    check_spans(&records[0], &sample("reuters.txt"), Unit::Chars);
    check_document(&records[0]);
}

#[test]
fn bad_gazetteers_are_usage_errors_with_file_and_line() {
    let dir = scratch("bad_gazetteer");
    std::fs::write(
        dir.join("short.tsv"),
        "# comment\nok\tORG\tGood Name\t\nbroken\tORG\n",
    )
    .unwrap();
    std::fs::write(dir.join("nokind.jsonl"), "{\"id\": \"a\", \"kind\": \"ORG\", \"name\": \"A Co\"}\n{\"id\": \"b\", \"name\": \"B Co\"}\n").unwrap();
    std::fs::write(
        dir.join("notjson.jsonl"),
        "{\"id\": \"a\", \"kind\": \"ORG\", \"name\": \"A Co\"}\n\n{oops\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("dup.tsv"),
        "x\tORG\tOne\t\ny\tORG\tTwo\t\nx\tORG\tThree\t\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "LONDON - Markets were calm.").unwrap();
    for (gazetteer, at) in [
        ("short.tsv", "short.tsv:3"),
        ("nokind.jsonl", "nokind.jsonl:2"),
        ("notjson.jsonl", "notjson.jsonl:3"),
        ("dup.tsv", "dup.tsv:3"),
        ("missing.tsv", "missing.tsv"),
    ] {
        let run = newswire_in(&dir, &["annotate", "--gazetteer", gazetteer, "a.txt"], None);
        assert_eq!(run.code, Some(2), "{gazetteer}: {}", run.stderr);
        assert!(
            run.stderr.contains(at),
            "{gazetteer}: stderr should name {at}: {}",
            run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "{gazetteer}: nothing is annotated with half a gazetteer"
        );
    }
    // Two files defining one id cannot be merged either.
    let copy = dir.join("again.tsv");
    std::fs::copy(data_dir().join("gazetteer.tsv"), &copy).unwrap();
    std::fs::copy(data_dir().join("gazetteer.tsv"), dir.join("once.tsv")).unwrap();
    let run = newswire_in(
        &dir,
        &[
            "annotate",
            "--gazetteer",
            "once.tsv",
            "--gazetteer",
            "again.tsv",
            "a.txt",
        ],
        None,
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn matcher_options_reach_the_matcher() {
    let dir = scratch("matcher_options");
    std::fs::write(
        dir.join("g.tsv"),
        "nw\tORG\tNorthwind Holdings\t\nny\tLOC\tNew York\t\nnyt\tORG\tNew York Times\t\nan\tORG\tAl-Noor Trust\t\nbog\tLOC\tBogotá\t\n",
    )
    .unwrap();
    let count = |args: &[&str], text: &str| -> usize {
        let mut all = vec!["annotate", "--gazetteer", "g.tsv"];
        all.extend_from_slice(args);
        let run = newswire_in(&dir, &all, Some(text.as_bytes()));
        assert_eq!(run.code, Some(0), "{all:?}: {}", run.stderr);
        let records = run.records();
        validate(&records, Kind::Annotate);
        check_spans(&records[0], text, Unit::Chars);
        records[0]["mentions"].as_array().unwrap().len()
    };
    let lower = "Shares of northwind holdings fell.";
    assert_eq!(
        count(&[], lower),
        0,
        "smart case: a capital in the name needs one in the text"
    );
    assert_eq!(count(&["--case", "insensitive"], lower), 1);
    let caps = "NORTHWIND HOLDINGS fell.";
    assert_eq!(
        count(&[], caps),
        1,
        "smart case: all capitals match a title-case name"
    );
    assert_eq!(count(&["--case", "exact"], caps), 0);
    let times = "The New York Times reported it.";
    assert_eq!(count(&[], times), 1, "longest overlaps: one mention");
    assert!(
        count(&["--overlaps", "all"], times) >= 2,
        "all overlaps: New York too"
    );
    let spaced = "The Al Noor Trust gave food.";
    assert_eq!(
        count(&[], spaced),
        1,
        "space and hyphen are interchangeable"
    );
    assert_eq!(count(&["--no-variants"], spaced), 0);
    let plain = "Flights to Bogota resumed.";
    assert_eq!(count(&[], plain), 1, "diacritics fold");
    assert_eq!(count(&["--no-fold-diacritics"], plain), 0);
}

/// Many JSON Lines records (more than one chunk), with bad lines mixed in.
fn many_records(n: usize) -> Vec<u8> {
    let texts: Vec<String> = TEXT_FILES.iter().map(|f| sample(f)).collect();
    let mut out = Vec::new();
    for i in 0..n {
        let line = match i % 97 {
            13 => "[\"not an object\"]".to_string(),
            50 => format!("{{\"id\": {i}}}"),
            _ => json!({"id": format!("a{i}"), "text": texts[i % texts.len()]}).to_string(),
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

#[test]
fn one_and_two_threads_write_the_same() {
    let dir = scratch("threads");
    let input = many_records(1300);
    std::fs::write(dir.join("many.jsonl"), &input).unwrap();
    let one = newswire_in(&dir, &["annotate", "--threads", "1", "many.jsonl"], None);
    let two = newswire_in(&dir, &["annotate", "--threads", "2", "many.jsonl"], None);
    assert_eq!(
        (one.code, two.code),
        (Some(1), Some(1)),
        "bad lines make the exit code 1: {}",
        two.stderr
    );
    assert!(
        one.stdout == two.stdout,
        "--threads 1 and --threads 2 differ"
    );
    let records = two.records();
    assert_eq!(records.len(), 1300, "one record per input line");
    validate(&records[..200], Kind::Annotate);
    for (i, record) in records.iter().enumerate() {
        match i % 97 {
            13 | 50 => {
                assert!(is_error(record), "{i}: {record}");
                assert_eq!(record["line"], (i + 1) as u64);
                assert_eq!(record["file"], "many.jsonl");
            }
            _ => assert_eq!(record["id"], format!("a{i}"), "records stay in input order"),
        }
    }
    // Standard input streams the same records (error records name `-` as their file).
    let piped = newswire_in(
        &dir,
        &["annotate", "--threads", "2", "--jsonl", "-"],
        Some(&input),
    );
    let piped = piped.records();
    assert_eq!(piped.len(), records.len());
    for (p, r) in piped.iter().zip(&records) {
        if is_error(r) {
            assert_eq!(p["file"], "-");
            assert_eq!((&p["line"], &p["error"]), (&r["line"], &r["error"]));
        } else {
            assert_eq!(p, r, "standard input gives other output than the file");
        }
    }
}

#[test]
fn annotate_reads_gzipped_jsonl_with_renamed_fields() {
    let dir = scratch("annotate_gzip");
    let plain = std::fs::read(data_dir().join("fields.jsonl")).unwrap();
    std::fs::write(dir.join("fields.jsonl.gz"), gzip(&plain)).unwrap();
    let run = newswire_in(
        &dir,
        &[
            "annotate",
            "--text-field",
            "body",
            "--id-field",
            "doc_id",
            "fields.jsonl.gz",
        ],
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Annotate);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["w1", "7", "fields.jsonl.gz:3"]);
    assert!(mention_texts(&records[0]).contains("Brazil"));
    assert!(mention_texts(&records[2]).contains("Kuala Lumpur"));
}

#[test]
fn closed_output_pipe_ends_quietly() {
    let dir = scratch("closed_pipe_annotate");
    std::fs::write(dir.join("many.jsonl"), many_records(20_000)).unwrap();
    closed_pipe(&dir, &["annotate", "--threads", "2", "many.jsonl"]);
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_whole_lines() {
    interrupted(
        &["annotate", "--jsonl", "--threads", "2"],
        many_records(3000),
    );
}

/// A feed piped in as the news comes: each article's record is written once it is done,
/// while standard input stays open, not when a chunk of articles has filled — nor held back
/// by a blank line after it (a keep-alive) or by a record's first half.
#[cfg(unix)]
#[test]
fn a_live_feed_gets_each_record_without_waiting_for_more_input() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["annotate", "--jsonl", "--threads", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (lines, got) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines() {
            if lines.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    // A wait far beyond any article's time, that ends the test instead of hanging it.
    let wait = Duration::from_secs(60);
    // (what is written at once, in pieces with a pause between them; the record's id
    // expected before anything more is written)
    let feed: &[(&[&str], &str)] = &[
        (
            &["{\"id\": \"first\", \"text\": \"Talks in Pakistan resumed.\"}\n"],
            "first",
        ),
        // Blank lines around a record without an id (named by its line, 4): the one after
        // it must not hold it back.
        (&["\n\r\n{\"text\": \"Japan agreed.\"}\n\n"], "-:4"),
        // A record whose end comes later.
        (
            &[
                "{\"id\": \"third\", \"te",
                "xt\": \"Oil fell in Kuwait.\"}\n",
            ],
            "third",
        ),
        (&["\n", "\n"], ""),
        (
            &["{\"id\": \"fourth\", \"text\": \"Rain.\"}\n \n"],
            "fourth",
        ),
    ];
    for (pieces, id) in feed {
        for piece in *pieces {
            stdin.write_all(piece.as_bytes()).unwrap();
            stdin.flush().unwrap();
            std::thread::sleep(Duration::from_millis(100));
        }
        if id.is_empty() {
            continue;
        }
        let line = got
            .recv_timeout(wait)
            .expect("a record while the input is open");
        let record: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(record["id"], *id, "{line}");
        assert!(record.get("error").is_none(), "{line}");
    }
    drop(stdin);
    assert!(got.recv_timeout(wait).is_err(), "no more records");
    assert!(child.wait().unwrap().success());
}
