//! The Rust layer of the bad-input matrix (see docs/bad-input.md): each input gets a
//! correct result or an error that names what and where, and never a panic.
//!
//! Texts: empty, only white space, NUL bytes and other control characters, a line of
//! megabytes with no spaces. Gazetteers: an empty alias, a duplicate id, deeply nested JSON,
//! a line that is not an object or lacks a field, invalid UTF-8, a 10k-character alias,
//! aliases of only punctuation. (Invalid UTF-8 text cannot reach the Rust API, which takes
//! `&str`; the C, Python and command-line layers test it.)

use std::sync::LazyLock;

use newswire::batch::Batch;
use newswire::{AliasFilter, Article, Document, Entity, ErrorKind, Gazetteer, Matcher, Span, json};
use serde_json::Value;

fn gazetteer_text() -> &'static str {
    concat!(
        r#"{"id": "pk", "kind": "LOC", "name": "Pakistan"}"#,
        "\n",
        r#"{"id": "isb", "kind": "LOC", "name": "Islamabad"}"#,
        "\n",
        r#"{"id": "oic", "kind": "ORG", "name": "Organisation of Islamic Cooperation", "aliases": ["OIC"]}"#,
        "\n",
    )
}

fn matcher() -> &'static Matcher {
    static M: LazyLock<Matcher> = LazyLock::new(|| {
        Matcher::new(Gazetteer::from_jsonl_str(gazetteer_text(), "test.jsonl").unwrap()).unwrap()
    });
    &M
}

/// Every span of the document inside the text on char boundaries, and the JSON records
/// valid in both units.
fn assert_sound(name: &str, text: &str, doc: &Document) {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let a = doc.article();
    let mut spans = vec![a.body()];
    spans.extend(a.dateline().map(|d| d.span()));
    spans.extend(a.headline());
    spans.extend(a.byline());
    spans.extend(a.paragraphs());
    spans.extend(a.sentences());
    spans.extend(a.trailers().iter().map(|t| t.span));
    spans.extend(doc.mentions().iter().map(|m| m.span()));
    for s in spans {
        assert!(
            ok(s),
            "{name}: span {s:?} off the text (len {})",
            text.len()
        );
    }
    if text.len() > 1 << 16 {
        // Records of long texts are left to scripts/stress.sh (in release): in a debug build
        // writing them costs several times more than annotating.
        return;
    }
    for offsets in [json::Offsets::Bytes, json::Offsets::Chars] {
        let record = json::document_to_string(Some(name), text, doc, offsets);
        let v: Value = serde_json::from_str(&record)
            .unwrap_or_else(|e| panic!("{name}: record is not JSON ({e})"));
        assert_eq!(v["id"], name);
    }
}

fn mention_texts<'t>(text: &'t str, doc: &Document) -> Vec<&'t str> {
    doc.mentions()
        .iter()
        .map(|m| m.span().slice(text))
        .collect()
}

#[test]
fn odd_texts() {
    // (name, text, mentions expected, sentences expected)
    let cases: &[(&str, &str, &[&str], usize)] = &[
        ("empty", "", &[], 0),
        ("spaces", "     ", &[], 0),
        (
            "white space",
            " \t\r\n\u{a0}\u{2003}\u{3000}\n\n \u{2028}",
            &[],
            0,
        ),
        ("one newline", "\n", &[], 0),
        ("NUL bytes only", "\0\0\0\0", &[], 1),
        (
            "NUL bytes around words",
            "\0ISLAMABAD, Dec 12 (APP):\0Pakistan\0said.\0",
            &["ISLAMABAD", "Pakistan"],
            1,
        ),
        (
            "control characters",
            "\u{1}\u{7f}\u{202e}Pakistan\u{feff} and \u{200b}Islamabad\u{200d}.",
            // A zero-width joiner binds to the letter before it (it is part of the word
            // in Indic scripts and emoji), so the mention keeps it.
            &["Pakistan", "Islamabad\u{200d}"],
            1,
        ),
        (
            "lone combining marks",
            "\u{301}\u{308} Pakistan \u{301}",
            &["Pakistan"],
            1,
        ),
        (
            "BOM and CRLF",
            "\u{feff}ISLAMABAD, Dec 12 (APP):Pakistan said.\r\n\r\nIt rained.\r\n",
            &["ISLAMABAD", "Pakistan"],
            2,
        ),
        ("only punctuation", "!!! ... --- ((( ))) \"\" '' ’’", &[], 1),
        (
            "unpaired quote and parenthesis",
            "\"Pakistan (OIC said",
            &["Pakistan", "OIC"],
            1,
        ),
    ];
    for &(name, text, mentions, sentences) in cases {
        let doc = matcher().annotate(text);
        assert_sound(name, text, &doc);
        assert_eq!(mention_texts(text, &doc), mentions, "{name}: mentions");
        assert_eq!(
            doc.article().sentences().len(),
            sentences,
            "{name}: sentences {:?}",
            doc.article().sentences()
        );
    }
    let empty = Article::parse("");
    assert!(empty.dateline().is_none() && empty.headline().is_none());
    assert!(empty.paragraphs().is_empty() && empty.trailers().is_empty());
    assert_eq!(empty.body(), Span::new(0, 0));
}

/// Size of the long lines (`NEWSWIRE_LONG_LINE` bytes, default 2 MB): large enough to show
/// a quadratic path, small enough for a debug build; scripts/huge_inputs.sh runs 10 MB and
/// 100 MB in release.
static LONG: LazyLock<usize> = LazyLock::new(|| {
    std::env::var("NEWSWIRE_LONG_LINE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2 << 20)
});

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

#[test]
fn long_line_without_spaces() {
    // A single word of megabytes: one sentence, nothing found inside the word.
    let text = repeat_to("Pakistan", *LONG);
    let doc = matcher().annotate(&text);
    assert_sound("one word", &text, &doc);
    assert!(doc.mentions().is_empty(), "Pakistan inside a longer word");
    assert_eq!(doc.article().sentences(), [Span::new(0, text.len())]);

    // Multi-byte letters, no boundary anywhere.
    let text = repeat_to("ü", *LONG);
    let doc = matcher().annotate(&text);
    assert_sound("one multi-byte word", &text, &doc);
    assert!(doc.mentions().is_empty());
}

#[test]
fn long_line_of_names_without_spaces() {
    // Every name a mention, glued with punctuation only.
    let unit = "Pakistan,OIC;";
    let text = repeat_to(unit, *LONG);
    let n = text.len() / unit.len();
    let doc = matcher().annotate(&text);
    assert_sound("glued names", &text, &doc);
    assert_eq!(doc.mentions().len(), 2 * n);
    let summary: Vec<(usize, &str)> = doc
        .entities()
        .iter()
        .map(|s| (s.count(), doc.entity(s.entity()).id()))
        .collect();
    assert_eq!(summary, [(n, "pk"), (n, "oic")]);
}

#[test]
fn long_line_with_an_acronym_used_throughout() {
    // The article defines OIC once, then uses it on every few bytes: linking every use must
    // stay linear.
    let mut text = String::from("The Organisation of Islamic Cooperation (OIC) met.");
    text.push_str(&repeat_to("OIC,", *LONG / 4));
    let doc = matcher().annotate(&text);
    assert_sound("acronym", &text, &doc);
    assert_eq!(doc.mentions().len(), 2 + (*LONG / 4) / 4);
}

#[test]
fn long_line_with_a_surname_used_throughout() {
    let mut g = Gazetteer::new();
    g.add(Entity::new("p", "PERSON", "Syed Aminul Haque"))
        .unwrap();
    let m = Matcher::new(g).unwrap();
    let mut text = String::from("Syed Aminul Haque spoke.");
    text.push_str(&repeat_to("Haque,", *LONG / 4));
    let doc = m.annotate(&text);
    assert_sound("surname", &text, &doc);
    assert_eq!(doc.mentions().len(), 1 + (*LONG / 4) / 6);
}

/// Expected outcome of loading a gazetteer.
enum Want {
    /// Loads with this many entities.
    Loads(usize),
    /// Fails with this kind, on this line, with a message containing this.
    Fails(ErrorKind, u64, &'static str),
}

#[test]
fn bad_gazetteer_lines() {
    let deep_attrs = format!(
        r#"{{"id": "d", "kind": "LOC", "name": "Deep", "attrs": {}1{}}}"#,
        r#"{"a":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    let deep_aliases = format!(
        r#"{{"id": "d", "kind": "LOC", "name": "Deep", "aliases": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let long_alias = format!(
        r#"{{"id": "l", "kind": "LOC", "name": "Long", "aliases": ["{}"]}}"#,
        "Ab".repeat(5_000)
    );
    let good = r#"{"id": "a", "kind": "LOC", "name": "Alpha"}"#;
    let cases: Vec<(&str, String, Want)> = vec![
        (
            "empty alias",
            format!("{good}\n{}", r#"{"id": "b", "kind": "LOC", "name": "Beta", "aliases": ["B", ""]}"#),
            Want::Fails(ErrorKind::EmptyAlias, 2, "alias 2 is empty"),
        ),
        (
            "blank alias",
            r#"{"id": "b", "kind": "LOC", "name": "Beta", "aliases": [{"text": " \t "}]}"#.into(),
            Want::Fails(ErrorKind::EmptyAlias, 1, "alias 1 is empty"),
        ),
        (
            "empty name",
            r#"{"id": "b", "kind": "LOC", "name": ""}"#.into(),
            Want::Fails(ErrorKind::EmptyAlias, 1, "name"),
        ),
        (
            "missing name",
            r#"{"id": "b", "kind": "LOC"}"#.into(),
            Want::Fails(ErrorKind::MissingField, 1, "missing field `name`"),
        ),
        (
            "missing id",
            r#"{"kind": "LOC", "name": "Beta"}"#.into(),
            Want::Fails(ErrorKind::MissingField, 1, "missing field `id`"),
        ),
        (
            "duplicate id",
            format!("{good}\n\n{}", r#"{"id": "a", "kind": "ORG", "name": "Alpha Corp"}"#),
            Want::Fails(ErrorKind::DuplicateId, 3, "duplicate id `a` (first on line 1)"),
        ),
        (
            "deeply nested attrs",
            format!("{good}\n{deep_attrs}"),
            Want::Fails(ErrorKind::Syntax, 2, "recursion limit"),
        ),
        (
            "deeply nested aliases",
            deep_aliases,
            Want::Fails(ErrorKind::Syntax, 1, "recursion limit"),
        ),
        (
            "not an object",
            format!("{good}\n[1, 2]"),
            Want::Fails(ErrorKind::Syntax, 2, "expected a JSON object, found an array"),
        ),
        (
            "truncated line",
            format!("{good}\n{{\"id\": \"b\", "),
            Want::Fails(ErrorKind::Syntax, 2, "invalid JSON"),
        ),
        (
            "id a number",
            r#"{"id": 5, "kind": "LOC", "name": "Five"}"#.into(),
            Want::Fails(ErrorKind::Syntax, 1, "field `id` must be a string"),
        ),
        (
            "NUL inside a line",
            "{\"id\": \"a\",\0 \"kind\": \"LOC\", \"name\": \"A\"}".into(),
            Want::Fails(ErrorKind::Syntax, 1, "invalid JSON"),
        ),
        ("10k-character alias", long_alias, Want::Loads(1)),
        (
            "aliases of only punctuation",
            r#"{"id": "p", "kind": "MISC", "name": "...", "aliases": ["!!!", "--", "’’", "(*)", "-"]}"#
                .into(),
            Want::Loads(1),
        ),
        ("only blank lines", "\n \n\t\n\r\n".into(), Want::Loads(0)),
        ("empty file", String::new(), Want::Loads(0)),
    ];
    for (name, text, want) in cases {
        let got = Gazetteer::from_jsonl_str(&text, "g.jsonl");
        check_load(name, got, want);
    }
}

fn check_load(name: &str, got: newswire::Result<Gazetteer>, want: Want) {
    match (got, want) {
        (Ok(g), Want::Loads(n)) => assert_eq!(g.len(), n, "{name}"),
        (Err(e), Want::Fails(kind, line, says)) => {
            assert_eq!(e.kind(), kind, "{name}: {e}");
            let loc = e
                .location()
                .unwrap_or_else(|| panic!("{name}: no location: {e}"));
            assert_eq!(loc.line, line, "{name}: {e}");
            let shown = e.to_string();
            assert!(
                shown.starts_with(&format!("{}:{line}: ", loc.source.display())),
                "{name}: {shown}"
            );
            assert!(shown.contains(says), "{name}: {shown:?} lacks {says:?}");
        }
        (Ok(g), Want::Fails(..)) => {
            panic!("{name}: loaded {} entities, expected an error", g.len())
        }
        (Err(e), Want::Loads(_)) => panic!("{name}: {e}"),
    }
}

#[test]
fn bad_gazetteer_bytes() {
    let bytes: &[u8] = b"{\"id\": \"a\", \"kind\": \"LOC\", \"name\": \"A\"}\n{\"id\": \"b\", \"kind\": \"LOC\", \"name\": \"caf\xe9\"}\n";
    for r in [
        Gazetteer::from_jsonl_reader(bytes, "g.jsonl"),
        Gazetteer::from_tsv_reader(&b"a\tLOC\tA\nb\tLOC\tcaf\xe9\n"[..], "g.jsonl"),
    ] {
        check_load(
            "invalid UTF-8",
            r,
            Want::Fails(ErrorKind::InvalidUtf8, 2, "invalid UTF-8"),
        );
    }
}

#[test]
fn bad_tsv_lines() {
    let cases: Vec<(&str, String, Want)> = vec![
        (
            "empty alias",
            "a\tLOC\tAlpha\nb\tLOC\tBeta\tB1||B2\n".into(),
            Want::Fails(ErrorKind::EmptyAlias, 2, "alias 2 is empty"),
        ),
        (
            "empty name",
            "a\tLOC\t \n".into(),
            Want::Fails(ErrorKind::EmptyAlias, 1, "name"),
        ),
        (
            "duplicate id",
            "# comment\na\tLOC\tAlpha\na\tLOC\tAgain\n".into(),
            Want::Fails(ErrorKind::DuplicateId, 3, "first on line 2"),
        ),
        (
            "too few columns",
            "a\tLOC\n".into(),
            Want::Fails(ErrorKind::Syntax, 1, "found 2"),
        ),
        (
            "too many columns",
            "a\tLOC\tAlpha\tA\tx\n".into(),
            Want::Fails(ErrorKind::Syntax, 1, "found 5"),
        ),
        (
            "10k-character alias",
            format!("l\tLOC\tLong\t{}\n", "Ab".repeat(5_000)),
            Want::Loads(1),
        ),
        (
            "aliases of only punctuation",
            "p\tMISC\t...\t!!!|--|’’|(*)|-\n".into(),
            Want::Loads(1),
        ),
        (
            "JSON in a TSV file",
            "{\"id\": \"a\"}\n".into(),
            Want::Fails(ErrorKind::Syntax, 1, "found 1"),
        ),
    ];
    for (name, text, want) in cases {
        check_load(name, Gazetteer::from_tsv_str(&text, "g.tsv"), want);
    }
}

#[test]
fn bad_gazetteer_files() {
    let missing = std::env::temp_dir().join("newswire-no-such-dir/none.jsonl");
    let e = Gazetteer::from_path(&missing).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.to_string().contains("none.jsonl"), "{e}");
    let e = Gazetteer::from_path("gazetteer.csv").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidOption);
    assert!(e.to_string().contains("gazetteer.csv"), "{e}");
}

#[test]
fn entities_built_in_code() {
    let mut g = Gazetteer::new();
    g.add(Entity::new("a", "LOC", "Alpha")).unwrap();
    let cases = [
        (
            Entity::new("b", "LOC", "Beta").with_alias(""),
            ErrorKind::EmptyAlias,
        ),
        (
            Entity::new("b", "LOC", "Beta").with_alias("\u{a0}\n"),
            ErrorKind::EmptyAlias,
        ),
        (Entity::new("b", "LOC", "  "), ErrorKind::EmptyAlias),
        (Entity::new("", "LOC", "Beta"), ErrorKind::MissingField),
        (Entity::new("b", "", "Beta"), ErrorKind::MissingField),
        (
            Entity::new("a", "LOC", "Alpha again"),
            ErrorKind::DuplicateId,
        ),
    ];
    for (e, kind) in cases {
        let err = g.add(e).unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
    }
    assert_eq!(g.len(), 1, "a refused entity is not added");
}

#[test]
fn long_alias_is_found() {
    let alias = "Ab".repeat(5_000);
    let g = Gazetteer::from_tsv_str(&format!("l\tLOC\tLong\t{alias}\n"), "g.tsv").unwrap();
    let m = Matcher::new(g).unwrap();
    let text = format!(
        "Before {alias}, after {alias}x and {}.",
        alias.to_uppercase()
    );
    let found: Vec<Span> = m.find(&text).iter().map(|x| x.span()).collect();
    let first = 7;
    let last = text.rfind(&alias.to_uppercase()).unwrap();
    assert_eq!(
        found,
        [
            Span::new(first, first + alias.len()),
            Span::new(last, last + alias.len())
        ]
    );
}

#[test]
fn punctuation_aliases_never_match_stray_punctuation() {
    let g = Gazetteer::from_tsv_str("p\tMISC\t...\t!!!|--|’’|(*)|-\n", "g.tsv").unwrap();
    let text = "Wait... what!!! -- a ’’quote’’ (*) - here.";
    for filter in [AliasFilter::standard(), AliasFilter::none()] {
        let mut b = Matcher::builder();
        b.filter(filter);
        let m = b.build(g.clone()).unwrap();
        let doc = m.annotate(text);
        assert_sound("punctuation", text, &doc);
        // Spans never cut a character, and any mention is the alias itself.
        for x in doc.mentions() {
            let s = x.span().slice(text);
            assert!(["...", "!!!", "--", "’’", "(*)", "-"].contains(&s), "{s:?}");
        }
    }
}

#[test]
fn batch_keeps_every_result_in_order() {
    let texts: Vec<String> = vec![
        String::new(),
        "Pakistan".into(),
        "\0\0".into(),
        " \n ".into(),
        repeat_to("Pakistan,", 1 << 20),
        "Islamabad.".into(),
        "\u{301}".into(),
    ];
    let batch = Batch::builder().threads(2).chunk_size(2).build().unwrap();
    let m = matcher();
    let got = batch.annotate(m, &texts);
    assert_eq!(got.len(), texts.len());
    for (text, doc) in texts.iter().zip(&got) {
        let doc = doc.as_ref().unwrap();
        assert_eq!(doc.mentions(), m.annotate(text).mentions());
    }
    let streamed: Vec<usize> = batch
        .stream(m, texts.iter())
        .map(|(_, d)| d.unwrap().mentions().len())
        .collect();
    let want: Vec<usize> = got
        .iter()
        .map(|d| d.as_ref().unwrap().mentions().len())
        .collect();
    assert_eq!(streamed, want);
}
