//! Near-duplicates on the command line: `annotate --near-duplicates` and `newswire dedupe`,
//! on articles written for these tests.

mod common;

use common::*;
use serde_json::{Value, json};

/// A story (written for these tests) and what becomes of it on the wire.
const STORY: &str = "BRUSSELS, Oct 3 (Reuters) - European Union ministers agreed on Tuesday to \
    cap the price of natural gas traded on the bloc's exchanges for a year, after months of \
    talks in which Germany and the Netherlands held out against the limit.\n\n    The cap \
    will apply from January and can be suspended if supplies run short, the Czech presidency \
    said in a statement after the meeting in Brussels.";

/// Input lines: the story, another story, an exact re-send under another dateline, a
/// one-word correction, an empty body, and the story again much later.
fn input() -> Vec<u8> {
    let resend = STORY.replacen("BRUSSELS, Oct 3 (Reuters) -", "BRUSSELS (AP) -", 1);
    let corrected = STORY.replacen("January", "February", 1);
    let lines = [
        json!({"id": "first", "text": STORY}),
        json!({"id": "other", "text": "TOKYO, Oct 3 (Reuters) - Japan's Nikkei share average closed up 1.2 percent on Tuesday."}),
        json!({"id": "resend", "text": resend}),
        json!({"id": "fix", "text": corrected}),
        json!({"id": "empty", "text": "  \n "}),
        json!({"id": "late", "text": STORY}),
    ];
    lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect()
}

#[test]
fn annotate_gives_each_record_its_earlier_near_duplicates() {
    let input = input();
    let run = newswire(
        &["annotate", "--near-duplicates", "--jsonl", "-"],
        Some(&input),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = run.records();
    validate(&records, Kind::Annotate);
    let by_id = |id: &str| records.iter().find(|r| r["id"] == id).unwrap();
    for id in ["first", "other", "empty"] {
        assert_eq!(by_id(id)["duplicate_of"], json!([]), "{id}");
    }
    let resend = &by_id("resend")["duplicate_of"];
    assert_eq!(
        *resend,
        json!([{"id": "first", "similarity": 1.0, "exact": true}])
    );
    let fix = &by_id("fix")["duplicate_of"];
    assert_eq!(ids(fix), ["first", "resend"]);
    assert_eq!(fix[0]["exact"], false);
    let s = fix[0]["similarity"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&s), "{s}");
    // Best first: the exact copies before the corrected one.
    assert_eq!(
        ids(&by_id("late")["duplicate_of"]),
        ["first", "resend", "fix"]
    );
    // Without the flag, no field.
    let run = newswire(&["annotate", "--jsonl", "-"], Some(&input));
    assert!(
        run.records()
            .iter()
            .all(|r| r.get("duplicate_of").is_none())
    );
}

#[test]
fn dedupe_writes_one_line_per_group() {
    let input = input();
    let run = newswire(&["dedupe", "--jsonl", "-"], Some(&input));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let groups = run.records();
    validate_as(&groups, "duplicate_group");
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["ids"], json!(["first", "resend", "fix", "late"]));
    assert_eq!(groups[0]["exact"], false);
    // Exact copies only: a group of its own, exact.
    let run = newswire(
        &["dedupe", "--jsonl", "--threshold", "1", "-"],
        Some(&input),
    );
    let groups = run.records();
    assert_eq!(groups[0]["ids"], json!(["first", "resend", "late"]));
    assert_eq!(
        (&groups[0]["exact"], &groups[0]["similarity"]),
        (&json!(true), &json!(1.0))
    );
}

/// `n` words of a made-up text: `prefix0 prefix1 ...`.
fn words(prefix: &str, n: usize) -> String {
    (0..n).map(|i| format!("{prefix}{i} ")).collect()
}

#[test]
fn an_article_near_two_groups_merges_them() {
    // Two versions of a story, each with 15 words of its own after 90 shared ones: each is
    // within 0.8 of the shared part alone (86 of 101 shingles) but not of the other (86 of
    // 116). Each is re-sent, making two groups; the shared part alone, filed after them, is
    // near all four and joins the two groups into one.
    let shared = words("harvest", 90);
    let east = format!("{shared}{}", words("east", 15));
    let west = format!("{shared}{}", words("west", 15));
    let line = |id: &str, body: &str| {
        format!(
            "{}\n",
            json!({"id": id, "text": format!("ROME, May 2 (Reuters) - {body}")})
        )
    };
    let lines = [
        line("east", &east),
        line("east-again", &east),
        line("zinc", &words("zinc", 40)),
        line("zinc-again", &words("zinc", 40)),
        line("west", &west),
        line("west-again", &west),
        line("other", &words("unrelated", 40)),
        line("shared", &shared),
        // Near the east version alone (101 of 111 shingles; 86 of 111 of the shared part):
        // it joins the merged group through the east version's articles.
        line("east-late", &format!("{east}{}", words("late", 10))),
    ];
    let input = lines.concat();
    let run = newswire(&["dedupe", "--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let groups = run.records();
    // Written at the end of the input in the order the groups were opened: the merged one
    // (opened by the east version) before the zinc story's.
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert_eq!(
        groups[0]["ids"],
        json!([
            "east",
            "east-again",
            "west",
            "west-again",
            "shared",
            "east-late"
        ])
    );
    assert_eq!(groups[0]["exact"], false);
    let s = groups[0]["similarity"].as_f64().unwrap();
    assert!((0.8..0.9).contains(&s), "{s}");
    assert_eq!(groups[1]["ids"], json!(["zinc", "zinc-again"]));
    // Without the bridge, three groups.
    let input = lines[..7].concat();
    let run = newswire(&["dedupe", "--jsonl", "-"], Some(input.as_bytes()));
    let groups: Vec<Value> = run.records().iter().map(|g| g["ids"].clone()).collect();
    assert_eq!(
        groups,
        [
            json!(["east", "east-again"]),
            json!(["zinc", "zinc-again"]),
            json!(["west", "west-again"])
        ]
    );
}

#[test]
fn a_window_of_days_writes_each_group_once_it_has_left() {
    let line = |id: &str, date: &str, body: &str| {
        format!(
            "{}\n",
            json!({"id": id, "text": format!("LONDON, {date} (Reuters) - {body}")})
        )
    };
    let (x, y) = (words("grain", 40), words("steel", 40));
    let input = [
        line("x1", "Oct 1", &x),
        line("x2", "Oct 1", &x),
        line("y1", "Oct 2", &y),
        line("y2", "Oct 2", &y),
        // Three days on, the first of x is still in a window of three days.
        line("x3", "Oct 4", &x),
        // Oct 6: Oct 1 and Oct 2 leave the window, and with them all of y: y's group is
        // written here, before x's, which is still open at the end of the input.
        line("z", "Oct 6", &words("copper", 40)),
    ]
    .concat();
    let run = newswire(
        &["dedupe", "--jsonl", "--window-days", "3", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let groups: Vec<Value> = run.records().iter().map(|g| g["ids"].clone()).collect();
    assert_eq!(groups, [json!(["y1", "y2"]), json!(["x1", "x2", "x3"])]);
    // Without the window of days, both stay open to the end: written in the order they
    // were opened.
    let run = newswire(&["dedupe", "--jsonl", "-"], Some(input.as_bytes()));
    let groups: Vec<Value> = run.records().iter().map(|g| g["ids"].clone()).collect();
    assert_eq!(groups, [json!(["x1", "x2", "x3"]), json!(["y1", "y2"])]);
}

#[test]
fn a_window_of_articles_forgets_the_older_ones() {
    let input = input();
    // One article back at most: `resend` sees `other` only, `fix` sees `resend`, `late`
    // sees `empty`.
    let run = newswire(&["dedupe", "--jsonl", "--window", "1", "-"], Some(&input));
    let groups = run.records();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["ids"], json!(["resend", "fix"]));
    // Two back: every copy is linked to the one before, one group again.
    let run = newswire(&["dedupe", "--jsonl", "--window", "2", "-"], Some(&input));
    assert_eq!(
        run.records()[0]["ids"],
        json!(["first", "resend", "fix", "late"])
    );
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &["dedupe", "--threshold", "0", "-"][..],
        &["dedupe", "--threshold", "1.5", "-"],
        &["dedupe", "--window", "0", "-"],
        &["annotate", "--near-duplicates", "--shingle-len", "0", "-"],
        &["dedupe", "--num-hashes", "5000", "-"],
    ] {
        let run = newswire(args, Some(b""));
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains("near-duplicates:"), "{}", run.stderr);
    }
}
