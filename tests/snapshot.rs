//! Matcher snapshots: a loaded matcher is the matcher that was saved (same matches, same
//! documents, same gazetteer, same options, same bytes written back), and a bad snapshot is
//! a clear error of its own kind, never a panic.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use newswire::{AliasFilter, CaseMode, Entity, ErrorKind, Gazetteer, Matcher, Overlaps, json};

const TEXTS: &[&str] = &[
    "ISLAMABAD, Dec 12 (APP): The Organisation of Islamic Cooperation (OIC) met in Pakistan. \
     The OIC praised Pakistani exports; Apple and Toyota were named.",
    "GENEVA, March 3 (Reuters) - The World Health Organization said São Paulo and Sao Paulo \
     reported cases, as did New York and Washington.",
    "WASHINGTON, May 12 (Reuters) - U.S. officials met Al-Qaeda experts from the UAE.",
    "",
    "no entity here at all",
];

/// A small gazetteer with every kind of name: aliases with a case and a kind, attributes,
/// a name shared by two entities, accents, a hyphen.
fn small_gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new();
    let attrs = |json: &str| serde_json::from_str(json).unwrap();
    g.add(
        Entity::new("pk", "LOC", "Pakistan")
            .with_alias(newswire::Alias::new("Pakistani").with_kind("demonym"))
            .with_attrs(attrs(
                r#"{"iso2": "PK", "population": 241, "capital": {"name": "Islamabad"}}"#,
            )),
    )
    .unwrap();
    g.add(Entity::new("sp", "LOC", "São Paulo").with_alias("Sampa"))
        .unwrap();
    g.add(Entity::new("ga", "LOC", "Georgia")).unwrap();
    g.add(
        Entity::new("ga-us", "LOC", "Georgia")
            .with_alias(newswire::Alias::new("Ga.").with_case(CaseMode::Exact)),
    )
    .unwrap();
    g.add(Entity::new("aq", "ORG", "Al-Qaeda")).unwrap();
    g.add(Entity::new("oic", "ORG", "Organisation of Islamic Cooperation").with_alias("OIC"))
        .unwrap();
    g
}

fn temp_path(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    std::env::temp_dir().join(format!(
        "newswire-test-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Every observable part of two matchers agrees.
fn assert_same(built: &Matcher, loaded: &Matcher, texts: &[&str]) {
    assert_eq!(built.case(), loaded.case());
    assert_eq!(built.overlaps(), loaded.overlaps());
    assert_eq!(built.variants(), loaded.variants());
    assert_eq!(built.folds_diacritics(), loaded.folds_diacritics());
    assert_eq!(built.filter(), loaded.filter());
    assert_eq!(built.key_count(), loaded.key_count());
    let (g, h) = (built.gazetteer(), loaded.gazetteer());
    assert_eq!(g.len(), h.len());
    assert_eq!(g.filter(), h.filter());
    for (a, b) in g.entities().zip(h.entities()) {
        assert_eq!(a, b);
        assert_eq!(a.to_entity(), b.to_entity());
        assert_eq!(h.get(a.id()).map(|(id, _)| id), Some(a.index()));
    }
    assert!(h.get("no such id").is_none());
    for text in texts {
        assert_eq!(built.find(text), loaded.find(text), "{text:?}");
        let (d, e) = (built.annotate(text), loaded.annotate(text));
        assert_eq!(
            json::document_to_string(None, text, &d, json::Offsets::Bytes),
            json::document_to_string(None, text, &e, json::Offsets::Bytes),
            "{text:?}"
        );
    }
}

#[test]
fn round_trips_in_memory_and_on_disk() {
    for g in [small_gazetteer(), Gazetteer::builtin()] {
        let mut options = Matcher::builder();
        let variants = [
            options.clone(),
            options.case(CaseMode::Insensitive).clone(),
            options
                .case(CaseMode::Exact)
                .overlaps(Overlaps::All)
                .variants(false)
                .fold_diacritics(false)
                .clone(),
            Matcher::builder()
                .filter(AliasFilter::none().exclude_alias_kinds(["demonym"]))
                .stop_list(true)
                .clone(),
        ];
        for options in variants {
            let built = options.build(g.clone()).unwrap();
            let bytes = built.to_bytes();
            // In memory.
            let loaded = Matcher::from_bytes(bytes.clone()).unwrap();
            assert_same(&built, &loaded, TEXTS);
            // The same bytes, written back from the loaded matcher.
            assert_eq!(loaded.to_bytes(), bytes);
            // On disk, mapped.
            let path = temp_path("round-trip.nwsnap");
            built.save(&path).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
            let mapped = Matcher::load(&path).unwrap();
            assert_same(&built, &mapped, TEXTS);
            // A clone and a document outlive the matcher they came from.
            let doc = mapped.annotate(TEXTS[0]);
            let clone = mapped.clone();
            drop(mapped);
            std::fs::remove_file(&path).unwrap();
            assert_eq!(clone.find(TEXTS[1]), built.find(TEXTS[1]));
            assert_eq!(doc.mentions(), built.annotate(TEXTS[0]).mentions());
        }
    }
}

#[test]
fn the_same_gazetteer_and_options_give_the_same_bytes() {
    let a = Matcher::new(Gazetteer::builtin()).unwrap().to_bytes();
    let b = Matcher::new(Gazetteer::builtin()).unwrap().to_bytes();
    assert_eq!(a, b);
    let c = Matcher::builder()
        .case(CaseMode::Insensitive)
        .build(Gazetteer::builtin())
        .unwrap()
        .to_bytes();
    assert_ne!(a, c);
}

#[test]
fn a_loaded_gazetteer_can_grow_and_be_written_out() {
    let loaded = Matcher::from_bytes(Matcher::new(small_gazetteer()).unwrap().to_bytes()).unwrap();
    let mut g: Gazetteer = (**loaded.gazetteer()).clone();
    g.add(Entity::new("ke", "LOC", "Kenya")).unwrap();
    assert_eq!(
        g.add(Entity::new("pk", "LOC", "Pakistan"))
            .unwrap_err()
            .kind(),
        ErrorKind::DuplicateId
    );
    assert_eq!(g.len(), loaded.gazetteer().len() + 1);
    assert_eq!(g.get("ke").unwrap().1.name(), "Kenya");
    assert_eq!(
        g.get("sp").unwrap().1.aliases().next().unwrap().text(),
        "Sampa"
    );
    // Written back as JSON Lines, it reads back as the same entities.
    let lines: String = loaded
        .gazetteer()
        .entities()
        .map(|e| serde_json::to_string(&e).unwrap() + "\n")
        .collect();
    let again = Gazetteer::from_jsonl_str(&lines, "<memory>").unwrap();
    for (a, b) in loaded.gazetteer().entities().zip(again.entities()) {
        assert_eq!(a, b);
    }
}

/// Bytes at every offset from an eight-byte boundary: kept in place when aligned, copied
/// when not; the matcher is the same either way.
#[test]
fn bytes_at_any_alignment_load() {
    let built = Matcher::new(small_gazetteer()).unwrap();
    let bytes = built.to_bytes();
    for k in 0..8 {
        let mut buffer = vec![0u8; k];
        buffer.extend_from_slice(&bytes);
        let buffer: &'static [u8] = Box::leak(buffer.into_boxed_slice());
        let loaded = Matcher::from_bytes(&buffer[k..]).unwrap();
        assert_same(&built, &loaded, TEXTS);
    }
}

/// Every truncation and a flipped byte at every position of a small snapshot: each an error
/// of the right kind, never a panic.
#[test]
fn bad_snapshots_are_clear_errors() {
    let good = Matcher::new(small_gazetteer()).unwrap().to_bytes();
    for n in 0..good.len() {
        let e = Matcher::from_bytes(good[..n].to_vec()).unwrap_err();
        let want = if n == 0 {
            ErrorKind::NotASnapshot
        } else {
            ErrorKind::CorruptSnapshot
        };
        assert_eq!(e.kind(), want, "cut at {n}: {e}");
    }
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0x20;
        let e = Matcher::from_bytes(bad).unwrap_err();
        let want = match i {
            0..8 => ErrorKind::NotASnapshot,
            8..12 => ErrorKind::SnapshotVersion,
            _ => ErrorKind::CorruptSnapshot,
        };
        assert_eq!(e.kind(), want, "byte {i} flipped: {e}");
    }
    // Another format version, named with both versions.
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&7u32.to_le_bytes());
    let e = Matcher::from_bytes(newer).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SnapshotVersion);
    assert!(
        e.to_string().contains("version 7") && e.to_string().contains("(1)"),
        "{e}"
    );
    // Files: empty, a JSON Lines gazetteer, a missing one.
    let empty = temp_path("empty.nwsnap");
    std::fs::write(&empty, b"").unwrap();
    let e = Matcher::load(&empty).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotASnapshot);
    assert!(
        e.to_string().starts_with(&empty.display().to_string()),
        "{e}"
    );
    assert!(e.to_string().contains("empty"), "{e}");
    let jsonl = temp_path("names.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"pk\", \"kind\": \"LOC\", \"name\": \"Pakistan\"}\n",
    )
    .unwrap();
    let e = Matcher::load(&jsonl).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotASnapshot);
    assert!(e.to_string().contains("JSON"), "{e}");
    let e = Matcher::load(temp_path("absent.nwsnap")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    for p in [empty, jsonl] {
        std::fs::remove_file(p).unwrap();
    }
}

/// A document from a loaded matcher equals one from a freshly built matcher — ids, names,
/// attributes, offsets — on the whole Reuters corpus.
#[test]
fn loaded_equals_built_on_reuters() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reuters21578.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} is absent; skipped", path.display());
        return;
    };
    let built = Matcher::new(Gazetteer::builtin()).unwrap();
    let loaded = Matcher::from_bytes(built.to_bytes()).unwrap();
    let mut n = 0;
    for line in corpus.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = record["text"].as_str().unwrap();
        let (d, e) = (built.annotate(text), loaded.annotate(text));
        assert_eq!(d.mentions(), e.mentions());
        for (a, b) in d.entities().iter().zip(e.entities()) {
            assert_eq!(a, b);
            assert_eq!(d.entity(a.entity()), e.entity(b.entity()));
        }
        assert_eq!(
            json::document_to_string(None, text, &d, json::Offsets::Chars),
            json::document_to_string(None, text, &e, json::Offsets::Chars)
        );
        n += 1;
    }
    assert!(n > 19_000, "{n} articles");
}

/// A gazetteer alone, and a matcher's tables alone with the gazetteer they were compiled
/// from: the pieces a pickled matcher and its gazetteer travel as.
#[test]
fn gazetteers_and_tables_travel_apart() {
    let built = Matcher::builder()
        .case(CaseMode::Insensitive)
        .build(small_gazetteer())
        .unwrap();
    let g_bytes = built.gazetteer().snapshot().to_bytes();
    let gazetteer = std::sync::Arc::new(Gazetteer::from_bytes(g_bytes.clone()).unwrap());
    assert_eq!(gazetteer.len(), built.gazetteer().len());
    for (a, b) in gazetteer.entities().zip(built.gazetteer().entities()) {
        assert_eq!(a, b);
    }
    assert_eq!(gazetteer.filter(), built.gazetteer().filter());
    let tables = built.tables_snapshot();
    let mut t_bytes = vec![0u8; tables.len()];
    tables.write_into(&mut t_bytes).unwrap();
    assert!(t_bytes.len() + g_bytes.len() < built.to_bytes().len() + 4096);
    let loaded = Matcher::from_tables(gazetteer.clone(), t_bytes.clone()).unwrap();
    assert!(std::sync::Arc::ptr_eq(loaded.gazetteer(), &gazetteer));
    assert_same(&built, &loaded, TEXTS);
    // Tables with another gazetteer, or the pieces swapped: clear errors.
    let other = std::sync::Arc::new(Gazetteer::builtin());
    let e = Matcher::from_tables(other, t_bytes.clone()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidOption);
    assert!(e.to_string().contains("another gazetteer"), "{e}");
    for (e, says) in [
        (
            Matcher::from_bytes(t_bytes.clone()).unwrap_err(),
            "tables without their gazetteer",
        ),
        (
            Matcher::from_bytes(g_bytes.clone()).unwrap_err(),
            "a gazetteer alone",
        ),
        (
            Gazetteer::from_bytes(built.to_bytes()).unwrap_err(),
            "holds a matcher",
        ),
        (
            Matcher::from_tables(gazetteer, g_bytes).unwrap_err(),
            "a gazetteer alone",
        ),
    ] {
        assert_eq!(e.kind(), ErrorKind::NotASnapshot, "{e}");
        assert!(e.to_string().contains(says), "{e}");
    }
    // A buffer of the wrong size is refused before anything is written.
    let mut short = vec![0u8; tables.len() - 1];
    assert_eq!(
        tables.write_into(&mut short).unwrap_err().kind(),
        ErrorKind::InvalidOption
    );
}
