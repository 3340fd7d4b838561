//! `newswire compile` and snapshots given to `annotate --gazetteer`: the same output as the
//! gazetteer they were compiled from, options fixed at compile time, usage errors that name
//! what is wrong.

mod common;

use common::*;

const INPUTS: [&str; 4] = ["articles.jsonl", "app.txt", "reuters.txt", "unicode.txt"];

/// `newswire ARGS` in the data folder, expecting success; its standard output.
fn ok(args: &[&str]) -> Run {
    let run = newswire(args, None);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run
}

#[test]
fn a_snapshot_annotates_as_its_gazetteers_do() {
    let dir = scratch("compile-same");
    let snap = dir.join("names.nwsnap");
    let snap = snap.to_str().unwrap();
    for gazetteers in [
        &["gazetteer.jsonl"][..],
        &["gazetteer.tsv"],
        &["default"],
        &["gazetteer.jsonl", "default"],
    ] {
        let mut compile = vec!["compile"];
        compile.extend_from_slice(gazetteers);
        compile.extend(["-o", snap]);
        let run = ok(&compile);
        assert!(
            run.stderr.contains("wrote") && run.stderr.contains("entities"),
            "{}",
            run.stderr
        );
        for offsets in ["chars", "bytes"] {
            let mut from_files = vec!["annotate", "--offsets", offsets];
            for g in gazetteers {
                from_files.extend(["--gazetteer", g]);
            }
            from_files.extend(INPUTS);
            let mut from_snapshot = vec!["annotate", "--offsets", offsets, "--gazetteer", snap];
            from_snapshot.extend(INPUTS);
            let (a, b) = (ok(&from_files), ok(&from_snapshot));
            assert!(!a.stdout.is_empty());
            assert_eq!(a.stdout, b.stdout, "{gazetteers:?} {offsets}");
        }
    }
}

#[test]
fn a_snapshot_is_told_by_its_bytes_not_its_name() {
    let dir = scratch("compile-name");
    let odd = dir.join("looks-like.jsonl");
    let odd = odd.to_str().unwrap();
    ok(&["compile", "gazetteer.jsonl", "-o", odd]);
    let a = ok(&["annotate", "--gazetteer", "gazetteer.jsonl", "app.txt"]);
    let b = ok(&["annotate", "--gazetteer", odd, "app.txt"]);
    assert_eq!(a.stdout, b.stdout);
    // And a snapshot is a gazetteer to compile from, with other options.
    let again = dir.join("again.nwsnap");
    let again = again.to_str().unwrap();
    ok(&[
        "compile",
        odd,
        "default",
        "--case",
        "insensitive",
        "-o",
        again,
    ]);
    let c = ok(&["annotate", "--gazetteer", again, "app.txt"]);
    assert!(!c.stdout.is_empty());
}

#[test]
fn a_snapshots_options_are_fixed() {
    let dir = scratch("compile-options");
    let snap = dir.join("exact.nwsnap");
    let snap = snap.to_str().unwrap();
    ok(&[
        "compile",
        "default",
        "--case",
        "exact",
        "--overlaps",
        "all",
        "--min-alias-len",
        "3",
        "-o",
        snap,
    ]);
    // The options compiled in are the ones used.
    let built = ok(&[
        "annotate",
        "--case",
        "exact",
        "--overlaps",
        "all",
        "--min-alias-len",
        "3",
        "app.txt",
    ]);
    let loaded = ok(&["annotate", "--gazetteer", snap, "app.txt"]);
    assert_eq!(built.stdout, loaded.stdout);
    // Given again and the same: fine.
    let same = ok(&[
        "annotate",
        "--gazetteer",
        snap,
        "--case",
        "exact",
        "app.txt",
    ]);
    assert_eq!(same.stdout, loaded.stdout);
    // Given and different: a usage error naming both.
    for (args, given, own) in [
        (&["--case", "smart"][..], "--case smart", "--case exact"),
        (
            &["--overlaps", "longest"],
            "--overlaps longest",
            "--overlaps all",
        ),
        (
            &["--min-alias-len", "2"],
            "--min-alias-len 2",
            "--min-alias-len 3",
        ),
        (&["--no-variants"], "--no-variants", "spacing variants on"),
    ] {
        let mut all = vec!["annotate", "--gazetteer", snap];
        all.extend_from_slice(args);
        all.push("app.txt");
        let run = newswire(&all, None);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains(given) && run.stderr.contains(own) && run.stderr.contains(snap),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_snapshots_kind_lists_are_sets() {
    // The filter takes a kind list as a set, in any case: the same set given beside the
    // snapshot in another order or case agrees with it; another set does not.
    let dir = scratch("compile-kinds");
    let snap = dir.join("kinds.nwsnap");
    let snap = snap.to_str().unwrap();
    ok(&[
        "compile",
        "default",
        "--include-kinds",
        "LOC,ORG",
        "--exclude-alias-kinds",
        "demonym,former",
        "-o",
        snap,
    ]);
    let loaded = ok(&["annotate", "--gazetteer", snap, "app.txt"]);
    for same in [
        &["--include-kinds", "ORG,LOC"][..],
        &["--include-kinds", "loc,Org,LOC"],
        &["--exclude-alias-kinds", "former,demonym"],
    ] {
        let mut args = vec!["annotate", "--gazetteer", snap];
        args.extend_from_slice(same);
        args.push("app.txt");
        assert_eq!(ok(&args).stdout, loaded.stdout, "{same:?}");
    }
    for other in [
        &["--include-kinds", "LOC"][..],
        &["--include-kinds", "LOC,ORG,PERSON"],
        &["--exclude-alias-kinds", "demonym"],
    ] {
        let mut args = vec!["annotate", "--gazetteer", snap];
        args.extend_from_slice(other);
        args.push("app.txt");
        let run = newswire(&args, None);
        assert_eq!(run.code, Some(2), "{other:?}: {}", run.stderr);
        assert!(run.stderr.contains(other[0]), "{other:?}: {}", run.stderr);
    }
}

#[test]
fn snapshot_usage_errors() {
    let dir = scratch("compile-errors");
    let snap = dir.join("names.nwsnap");
    let snap = snap.to_str().unwrap();
    ok(&["compile", "gazetteer.jsonl", "-o", snap]);
    // A snapshot beside another gazetteer.
    let run = newswire(
        &[
            "annotate",
            "--gazetteer",
            snap,
            "--gazetteer",
            "default",
            "app.txt",
        ],
        None,
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("must be the only --gazetteer"),
        "{}",
        run.stderr
    );
    // A damaged snapshot: truncated, then one byte changed.
    let bytes = std::fs::read(snap).unwrap();
    let bad = dir.join("bad.nwsnap");
    for (damaged, says) in [
        (bytes[..bytes.len() / 2].to_vec(), "truncated"),
        (
            {
                let mut b = bytes.clone();
                let last = b.len() - 3;
                b[last] ^= 1;
                b
            },
            "checksum",
        ),
    ] {
        std::fs::write(&bad, damaged).unwrap();
        let run = newswire(
            &["annotate", "--gazetteer", bad.to_str().unwrap(), "app.txt"],
            None,
        );
        assert_eq!(run.code, Some(2));
        assert!(
            run.stderr.contains(bad.to_str().unwrap()) && run.stderr.contains(says),
            "{}",
            run.stderr
        );
    }
    // An unwritable output.
    let run = newswire(
        &[
            "compile",
            "gazetteer.jsonl",
            "-o",
            "/proc/no/such/dir/x.nwsnap",
        ],
        None,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot write the snapshot"),
        "{}",
        run.stderr
    );
    // A bad gazetteer names its file and line.
    let broken = dir.join("broken.jsonl");
    std::fs::write(&broken, "{\"id\": \"a\", \"kind\": \"LOC\"}\n").unwrap();
    let run = newswire(&["compile", broken.to_str().unwrap(), "-o", snap], None);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("broken.jsonl:1:"), "{}", run.stderr);
}

#[test]
fn the_filter_says_what_it_left_out() {
    let dir = scratch("compile-dropped");
    let g = dir.join("towns.jsonl");
    std::fs::write(
        &g,
        concat!(
            "{\"id\": \"t1\", \"kind\": \"LOC\", \"name\": \"March\"}\n",
            "{\"id\": \"t2\", \"kind\": \"LOC\", \"name\": \"Most\", \"aliases\": [\"X\"]}\n",
            "{\"id\": \"t3\", \"kind\": \"LOC\", \"name\": \"Karachi\"}\n",
        ),
    )
    .unwrap();
    let snap = dir.join("towns.nwsnap");
    let run = ok(&["compile", g.to_str().unwrap(), "-o", snap.to_str().unwrap()]);
    assert!(
        run.stderr
            .contains("the alias filter left out 3 of 4 names (stop word 2, too short 1)"),
        "{}",
        run.stderr
    );
    let run = ok(&[
        "annotate",
        "--gazetteer",
        g.to_str().unwrap(),
        "--no-stop-list",
        "app.txt",
    ]);
    assert!(
        run.stderr.contains("left out 1 of 4 names (too short 1)"),
        "{}",
        run.stderr
    );
}

/// `-o` naming a pipe: the snapshot goes into it (renaming a file over it, the way a
/// regular file is replaced, would leave a file where the pipe was, and the reader waiting
/// on it with nothing; as root, `-o /dev/full` replaced the device and said it wrote it).
#[cfg(unix)]
#[test]
fn a_snapshot_written_into_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("compile-pipe");
    let fifo = dir.join("snapshot.pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        // Blocks until the writer opens the pipe (with the bug: forever, and the test fails
        // on the checks below).
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let run = ok(&["compile", "gazetteer.jsonl", "-o", fifo.to_str().unwrap()]);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the pipe was replaced: {}",
        run.stderr
    );
    let bytes = reader.join().unwrap();
    let copy = dir.join("copy.nwsnap");
    std::fs::write(&copy, &bytes).unwrap();
    let size = format!("{:.1} MB", bytes.len() as f64 / 1e6);
    assert!(run.stderr.contains(&size), "{} lacks {size}", run.stderr);
    let a = ok(&["annotate", "--gazetteer", "gazetteer.jsonl", "app.txt"]);
    let b = ok(&["annotate", "--gazetteer", copy.to_str().unwrap(), "app.txt"]);
    assert_eq!(a.stdout, b.stdout);
}

/// `-o` naming a link: the file it names gets the snapshot and the link stays (renamed
/// over, the link became a file of its own and nothing was written where it pointed, as
/// with `-o /dev/stdout > file`); a link to a file not made yet makes it.
#[cfg(unix)]
#[test]
fn a_snapshot_written_through_a_link() {
    let dir = scratch("compile-link");
    let reference = dir.join("reference.nwsnap");
    ok(&[
        "compile",
        "gazetteer.jsonl",
        "-o",
        reference.to_str().unwrap(),
    ]);
    let want = std::fs::read(&reference).unwrap();
    for (name, target_exists) in [("to-file", true), ("dangling", false)] {
        let target = dir.join(format!("{name}.nwsnap"));
        let link = dir.join(format!("{name}.link"));
        if target_exists {
            std::fs::write(&target, b"old").unwrap();
        }
        std::os::unix::fs::symlink(&target, &link).unwrap();
        ok(&["compile", "gazetteer.jsonl", "-o", link.to_str().unwrap()]);
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "{name}: the link was replaced"
        );
        assert_eq!(std::fs::read(&target).unwrap(), want, "{name}");
    }
}
