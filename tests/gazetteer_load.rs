//! Loading gazetteers: formats, bad lines with `file:line`, code-built gazetteers.

use std::path::PathBuf;

use newswire::{AliasFilter, CaseMode, Entity, ErrorKind, Gazetteer};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newswire-gazetteer-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn jsonl_schema() {
    let text = concat!(
        r#"{"id": "geonames:1", "kind": "LOC", "name": "Andorra la Vella", "aliases": ["Andorra la Vieja", {"text": "ALV", "case": "exact", "kind": "abbreviation"}], "attrs": {"country": "AD", "population": 20430}}"#,
        "\n\n",
        r#"{"id": "geonames:2", "kind": "LOC", "name": "Kabul", "aliases": [], "extra": 1}"#,
        "\r\n",
        r#"{"id": "org:OIC", "kind": "ORG", "name": "OIC", "aliases": null, "attrs": null}"#,
    );
    let g = Gazetteer::from_jsonl_str(text, "g.jsonl").unwrap();
    assert_eq!(g.len(), 3);
    assert_eq!(g.filter(), &AliasFilter::standard());
    let (id, e) = g.get("geonames:1").unwrap();
    assert_eq!(id.index(), 0);
    assert_eq!(e.kind(), "LOC");
    assert_eq!(e.name(), "Andorra la Vella");
    assert_eq!(e.aliases().len(), 2);
    assert_eq!(e.aliases().get(0).unwrap().text(), "Andorra la Vieja");
    assert_eq!(e.aliases().get(0).unwrap().case(), None);
    assert_eq!(e.aliases().get(1).unwrap().case(), Some(CaseMode::Exact));
    assert_eq!(e.aliases().get(1).unwrap().kind(), Some("abbreviation"));
    assert_eq!(e.attrs().unwrap()["population"], 20430);
    assert!(g.get("org:OIC").unwrap().1.attrs().is_none());
    assert!(g.get("nope").is_none());
}

#[test]
fn tsv_format() {
    let text = "# comment\n\npk\tLOC\tPakistan\tIslamic Republic of Pakistan|Pak\r\noic\tORG\tOIC\n  \nx\tLOC\tX\t\n";
    let g = Gazetteer::from_tsv_str(text, "g.tsv").unwrap();
    assert_eq!(g.len(), 3);
    let pk = g.get("pk").unwrap().1;
    let aliases: Vec<&str> = pk.aliases().map(|a| a.text()).collect();
    assert_eq!(aliases, ["Islamic Republic of Pakistan", "Pak"]);
    assert!(g.get("oic").unwrap().1.aliases().is_empty());
    assert!(g.get("x").unwrap().1.aliases().is_empty());
}

/// (source text, expected kind, expected message start incl. `file:line: `, expected fragment)
#[test]
fn bad_jsonl_lines() {
    let good = r#"{"id":"a","kind":"LOC","name":"A1"}"#;
    let cases: &[(&str, ErrorKind, &str)] = &[
        ("{not json", ErrorKind::Syntax, "invalid JSON"),
        ("[1, 2]", ErrorKind::Syntax, "expected a JSON object"),
        (
            r#"{"kind":"LOC","name":"N"}"#,
            ErrorKind::MissingField,
            "missing field `id`",
        ),
        (
            r#"{"id":"b","name":"N"}"#,
            ErrorKind::MissingField,
            "missing field `kind`",
        ),
        (
            r#"{"id":"b","kind":"LOC"}"#,
            ErrorKind::MissingField,
            "missing field `name`",
        ),
        (
            r#"{"id":"","kind":"LOC","name":"N"}"#,
            ErrorKind::MissingField,
            "empty field `id`",
        ),
        (
            r#"{"id":"b","kind":" ","name":"N"}"#,
            ErrorKind::MissingField,
            "empty field `kind`",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"  "}"#,
            ErrorKind::EmptyAlias,
            "empty field `name`",
        ),
        (
            r#"{"id":7,"kind":"LOC","name":"N"}"#,
            ErrorKind::Syntax,
            "field `id` must be a string, found a number",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":["N"]}"#,
            ErrorKind::Syntax,
            "field `name` must be a string",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":"M"}"#,
            ErrorKind::Syntax,
            "field `aliases` must be an array",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":["M",""]}"#,
            ErrorKind::EmptyAlias,
            "alias 2 is empty",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[" "]}"#,
            ErrorKind::EmptyAlias,
            "alias 1 is empty",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"text":""}]}"#,
            ErrorKind::EmptyAlias,
            "alias 1 is empty",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[3]}"#,
            ErrorKind::Syntax,
            "alias 1 must be a string or an object",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"case":"exact"}]}"#,
            ErrorKind::MissingField,
            "alias 1: missing field `text`",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"text":1}]}"#,
            ErrorKind::Syntax,
            "alias 1: field `text` must be a string",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"text":"M","case":"loud"}]}"#,
            ErrorKind::InvalidOption,
            "alias 1: bad case `loud`",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"text":"M","case":true}]}"#,
            ErrorKind::Syntax,
            "alias 1: field `case` must be a string",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","aliases":[{"text":"M","kind":2}]}"#,
            ErrorKind::Syntax,
            "alias 1: field `kind` must be a string",
        ),
        (
            r#"{"id":"b","kind":"LOC","name":"N","attrs":[1]}"#,
            ErrorKind::Syntax,
            "field `attrs` must be an object",
        ),
        (
            r#"{"id":"a","kind":"LOC","name":"A again"}"#,
            ErrorKind::DuplicateId,
            "duplicate id `a` (first on line 1)",
        ),
    ];
    for (bad, kind, reason) in cases {
        // The bad line is line 3: after a good line and a blank one.
        let text = format!("{good}\n\n{bad}\n{good}\n");
        let err = Gazetteer::from_jsonl_str(&text, "data/g.jsonl").unwrap_err();
        assert_eq!(err.kind(), *kind, "{bad}: {err}");
        let msg = err.to_string();
        assert!(msg.starts_with("data/g.jsonl:3: "), "{bad}: {msg}");
        assert!(err.reason().contains(reason), "{bad}: {msg}");
        let loc = err.location().unwrap();
        assert_eq!(
            (loc.source.to_str().unwrap(), loc.line),
            ("data/g.jsonl", 3)
        );
    }
}

#[test]
fn bad_tsv_lines() {
    let good = "a\tLOC\tA1";
    let cases: &[(&str, ErrorKind, &str)] = &[
        ("b\tLOC", ErrorKind::Syntax, "found 2"),
        ("b", ErrorKind::Syntax, "found 1"),
        ("b\tLOC\tN\tM\textra", ErrorKind::Syntax, "found 5"),
        ("\tLOC\tN", ErrorKind::MissingField, "empty field `id`"),
        ("b\t\tN", ErrorKind::MissingField, "empty field `kind`"),
        ("b\tLOC\t ", ErrorKind::EmptyAlias, "empty field `name`"),
        ("b\tLOC\tN\tM||P", ErrorKind::EmptyAlias, "alias 2 is empty"),
        (
            "a\tLOC\tA again",
            ErrorKind::DuplicateId,
            "duplicate id `a` (first on line 2)",
        ),
    ];
    for (bad, kind, reason) in cases {
        let text = format!("# header comment\n{good}\n{bad}\n");
        let err = Gazetteer::from_tsv_str(&text, "x.tsv").unwrap_err();
        assert_eq!(err.kind(), *kind, "{bad:?}: {err}");
        assert!(err.to_string().starts_with("x.tsv:3: "), "{bad:?}: {err}");
        assert!(err.reason().contains(reason), "{bad:?}: {err}");
    }
}

#[test]
fn bad_utf8_names_the_line() {
    let mut bytes = b"{\"id\":\"a\",\"kind\":\"LOC\",\"name\":\"A\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"b\",\"kind\":\"LOC\",\"name\":\"B\xff\"}\n");
    let err = Gazetteer::from_jsonl_reader(&bytes[..], "bad.jsonl").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
    assert!(
        err.to_string().starts_with("bad.jsonl:2: invalid UTF-8"),
        "{err}"
    );

    let path = temp_file("bad.tsv", b"a\tLOC\tA\nb\tLOC\tB\n# ok\nc\tLOC\t\xc3\x28\n");
    let err = Gazetteer::from_path(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
    assert_eq!(err.location().unwrap().line, 4);
    assert!(
        err.to_string()
            .starts_with(&format!("{}:4: ", path.display())),
        "{err}"
    );
}

#[test]
fn from_path_picks_the_format_by_extension() {
    let jsonl = temp_file("g.jsonl", br#"{"id":"a","kind":"LOC","name":"Alpha"}"#);
    assert_eq!(Gazetteer::from_path(&jsonl).unwrap().len(), 1);
    let json = temp_file("g.JSON", br#"{"id":"a","kind":"LOC","name":"Alpha"}"#);
    assert_eq!(Gazetteer::from_path(&json).unwrap().len(), 1);
    let tsv = temp_file("g.tsv", b"a\tLOC\tAlpha\tAl\n");
    assert_eq!(
        Gazetteer::from_path(&tsv)
            .unwrap()
            .get("a")
            .unwrap()
            .1
            .aliases()
            .len(),
        1
    );

    let csv = temp_file("g.csv", b"a,LOC,Alpha\n");
    let err = Gazetteer::from_path(&csv).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOption);
    assert!(err.to_string().contains("g.csv"), "{err}");

    let err =
        Gazetteer::from_path(std::env::temp_dir().join("newswire-no-such-file.jsonl")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(
        err.to_string().contains("newswire-no-such-file.jsonl"),
        "{err}"
    );

    let bad = temp_file("bad.jsonl", b"{\"id\":\"a\",\"kind\":\"LOC\",\"name\":\"A\"}\n{\"id\":\"a\",\"kind\":\"LOC\",\"name\":\"B\"}\n");
    let err = Gazetteer::from_path(&bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}:2: duplicate id `a` (first on line 1)", bad.display())
    );
}

#[test]
fn built_in_code() {
    let mut g = Gazetteer::new();
    assert_eq!(g.filter(), &AliasFilter::none());
    let a = g
        .add(Entity::new("a", "LOC", "Alpha").with_alias("Al"))
        .unwrap();
    assert_eq!(a.index(), 0);
    let cases: &[(Entity, ErrorKind)] = &[
        (Entity::new("a", "LOC", "Again"), ErrorKind::DuplicateId),
        (Entity::new("", "LOC", "Empty id"), ErrorKind::MissingField),
        (Entity::new("k", "", "Empty kind"), ErrorKind::MissingField),
        (Entity::new("n", "LOC", " "), ErrorKind::EmptyAlias),
        (
            Entity::new("al", "LOC", "Name").with_alias(""),
            ErrorKind::EmptyAlias,
        ),
    ];
    for (e, kind) in cases {
        assert_eq!(g.add(e.clone()).unwrap_err().kind(), *kind, "{e:?}");
    }
    assert_eq!(g.len(), 1);

    let mut other = Gazetteer::new();
    other.add(Entity::new("b", "ORG", "Beta")).unwrap();
    other.add(Entity::new("a", "ORG", "Alpha Org")).unwrap();
    assert_eq!(g.merge(other).unwrap_err().kind(), ErrorKind::DuplicateId);
    assert_eq!(g.len(), 1, "a failed merge adds nothing");

    let mut other = Gazetteer::new();
    other.add(Entity::new("b", "ORG", "Beta")).unwrap();
    g.merge(other).unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g.get("b").unwrap().0.index(), 1);
    assert_eq!(g.entity(g.get("b").unwrap().0).name(), "Beta");
}

#[test]
fn builtin_loads() {
    let g = Gazetteer::builtin();
    assert!(!g.is_empty());
    assert_eq!(g.filter(), &AliasFilter::standard());
    assert_eq!(Gazetteer::builtin().len(), g.len());
}
