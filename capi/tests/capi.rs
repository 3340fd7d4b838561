//! The C API as C sees it: the committed header (`include/newswire.h` at the repository
//! root) is what cbindgen makes of this crate's `src`, it compiles as C99 and C++, and the
//! programs in `capi/tests/c` (plus `examples/c/annotate.c`) build with `-std=c99 -Wall
//! -Wextra -Werror -pedantic` against both the static and the shared library, pass, pass
//! again under valgrind with no errors and no leaks, and the threads test passes under
//! ThreadSanitizer. Every export runs its body inside the one panic boundary.
//!
//! The libraries come from `cargo build --lib` of this crate, run here with the profile and
//! target directory of this test binary, so they are always those of the current sources.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const C_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g"];
/// The C test programs, and whether each takes a scratch directory argument.
const PROGRAMS: &[(&str, bool)] = &[
    ("test_api", true),
    ("test_errors", true),
    ("test_threads", false),
    ("bad_input", true),
    ("test_snapshot", true),
    ("test_dedup", true),
];

/// This crate's directory: `Cargo.toml`, `cbindgen.toml`, `src/`, `tests/c/`.
fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository root: `include/newswire.h`, `examples/c/`.
fn repo_dir() -> &'static Path {
    manifest_dir().parent().expect("the repository root")
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn show(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run(cmd: &mut Command) -> Result<Output, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!("{cmd:?} failed\n{}", show(&out)))
    }
}

/// Where this test's libraries and programs live.
struct Build {
    /// The profile directory holding `libnewswire.a` and `libnewswire.so`.
    lib_dir: PathBuf,
    /// A scratch directory for programs and files.
    work: PathBuf,
}

/// Build the static and shared libraries once, with this binary's profile and target dir.
fn build() -> &'static Build {
    static BUILD: OnceLock<Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let exe = std::env::current_exe().expect("test binary path");
        // <target>/[<triple>/]<profile>/deps/capi-<hash>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("profile directory")
            .to_path_buf();
        let parent = profile_dir.parent().expect("target directory");
        // Cargo marks its target directory with CACHEDIR.TAG, but a directory another tool
        // made first (maturin, say) may lack it: a name without the dashes of a target
        // triple (`x86_64-unknown-linux-gnu`) is taken for the target directory too.
        let looks_like_triple = parent
            .file_name()
            .and_then(|t| t.to_str())
            .is_some_and(|t| t.matches('-').count() >= 2);
        let (target_dir, triple) = if parent.join("CACHEDIR.TAG").exists() || !looks_like_triple {
            (parent.to_path_buf(), None)
        } else {
            let triple = parent
                .file_name()
                .and_then(|t| t.to_str())
                .map(str::to_string);
            (
                parent.parent().expect("target directory").to_path_buf(),
                triple,
            )
        };
        let profile = match profile_dir.file_name().and_then(|p| p.to_str()) {
            Some("debug") | None => "dev".to_string(),
            Some(p) => p.to_string(),
        };
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--lib", "--quiet", "--profile", &profile])
            .arg("--target-dir")
            .arg(&target_dir)
            .arg("--manifest-path")
            .arg(manifest_dir().join("Cargo.toml"));
        if let Some(triple) = &triple {
            cmd.args(["--target", triple]);
        }
        run(&mut cmd).unwrap_or_else(|e| panic!("building the library: {e}"));
        for lib in ["libnewswire.a", "libnewswire.so"] {
            assert!(
                profile_dir.join(lib).exists(),
                "{lib} not in {}",
                profile_dir.display()
            );
        }
        let work = profile_dir.join("capi-tests");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).expect("scratch directory");
        Build {
            lib_dir: profile_dir,
            work,
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Link {
    Static,
    Shared,
}

/// Compile one C file against the header and one of the libraries.
fn compile(source: &Path, name: &str, link: Link, extra: &[&str]) -> Result<PathBuf, String> {
    let b = build();
    let exe = b
        .work
        .join(format!("{name}-{link:?}{}", extra.join("")).to_lowercase());
    let mut cmd = Command::new("gcc");
    cmd.args(C_FLAGS)
        .args(extra)
        .arg("-I")
        .arg(repo_dir().join("include"))
        .arg("-I")
        .arg(manifest_dir().join("tests/c"))
        .arg(source)
        .arg("-o")
        .arg(&exe);
    match link {
        Link::Static => {
            cmd.arg(b.lib_dir.join("libnewswire.a"))
                .args(["-lpthread", "-ldl", "-lm"]);
        }
        Link::Shared => {
            cmd.arg("-L")
                .arg(&b.lib_dir)
                .arg("-lnewswire")
                .arg(format!("-Wl,-rpath,{}", b.lib_dir.display()));
        }
    }
    run(&mut cmd)?;
    Ok(exe)
}

/// Every C program, compiled once for each link mode (the tests run in parallel and share
/// them), with the arguments to run it with.
fn programs(link: Link) -> Vec<(String, Vec<PathBuf>, PathBuf)> {
    static STATIC: OnceLock<Vec<(String, Vec<PathBuf>, PathBuf)>> = OnceLock::new();
    static SHARED: OnceLock<Vec<(String, Vec<PathBuf>, PathBuf)>> = OnceLock::new();
    let cell = match link {
        Link::Static => &STATIC,
        Link::Shared => &SHARED,
    };
    cell.get_or_init(|| compile_programs(link)).clone()
}

fn compile_programs(link: Link) -> Vec<(String, Vec<PathBuf>, PathBuf)> {
    let b = build();
    let mut all = Vec::new();
    for &(name, takes_dir) in PROGRAMS {
        let exe = compile(
            &manifest_dir().join(format!("tests/c/{name}.c")),
            name,
            link,
            &["-pthread"],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let args = if takes_dir {
            let dir = b.work.join(format!("{name}-{link:?}-files"));
            std::fs::create_dir_all(&dir).expect("scratch directory");
            vec![dir]
        } else {
            Vec::new()
        };
        all.push((name.to_string(), args, exe));
    }
    let example = compile(
        &repo_dir().join("examples/c/annotate.c"),
        "annotate",
        link,
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sample = b.work.join(format!("article-{link:?}.txt"));
    std::fs::write(
        &sample,
        "ISLAMABAD, Dec 12 (APP): Pakistan and India met in Geneva.\n\n\
         The talks in Geneva ended on Monday.\n",
    )
    .expect("sample article");
    all.push(("annotate".to_string(), vec![sample], example));
    all
}

/// The example's output must name Pakistan at its byte offsets.
fn check_example(out: &Output) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().any(|l| l.starts_with("25\t33\tPakistan\t")),
        "annotate printed no Pakistan mention:\n{}",
        show(out)
    );
}

fn run_programs(link: Link) {
    for (name, args, exe) in programs(link) {
        let out = run(Command::new(&exe).args(&args))
            .unwrap_or_else(|e| panic!("{name} ({link:?}): {e}"));
        if name == "annotate" {
            check_example(&out);
        } else {
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("checks passed"), "{name}: {}", show(&out));
            eprint!("{link:?}: {stdout}");
        }
    }
}

#[test]
fn header_is_fresh() {
    let dir = manifest_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let path = repo_dir().join("include/newswire.h");
    if std::env::var_os("NEWSWIRE_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("writing the header");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    if committed != fresh {
        let fresh = String::from_utf8_lossy(&fresh);
        let committed = String::from_utf8_lossy(&committed);
        let first = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b);
        panic!(
            "include/newswire.h is stale (first difference at line {}); regenerate it with \
             `NEWSWIRE_BLESS=1 cargo test -p newswire-capi --test capi header_is_fresh`",
            first.map_or(fresh.lines().count().min(committed.lines().count()), |i| i) + 1
        );
    }
}

/// Every exported function runs its body inside `boundary::run` under its own name (the
/// name that starts its error messages): the one panic boundary, which the free functions
/// and the getters that return no status go through too.
#[test]
fn every_export_runs_inside_the_boundary() {
    let mut exports = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("src"))
        .expect("src/")
        .map(|e| e.expect("src/ entry").path())
        .collect();
    files.sort();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("a source file");
        // Each export, from its attribute to the next export's.
        let mut pieces = source.split("#[unsafe(no_mangle)]");
        let before = pieces.next().unwrap_or_default();
        assert!(
            !before.contains("extern \"C\" fn"),
            "{}: an extern \"C\" fn without #[unsafe(no_mangle)]",
            file.display()
        );
        for piece in pieces {
            let name = piece
                .split_once("extern \"C\" fn ")
                .and_then(|(_, rest)| rest.split_once('('))
                .map(|(name, _)| name.trim())
                .unwrap_or_else(|| {
                    panic!("{}: no function after an export attribute", file.display())
                });
            assert!(
                piece.matches("extern \"C\" fn ").count() == 1,
                "{}: an extern \"C\" fn after {name} without #[unsafe(no_mangle)]",
                file.display()
            );
            assert!(
                piece.contains(&format!("run(\"{name}\", ")),
                "{}: {name} does not run its body inside `run(\"{name}\", ...)`",
                file.display()
            );
            exports.push(name.to_string());
        }
    }
    // And every function of the header is one of them.
    let header = std::fs::read_to_string(repo_dir().join("include/newswire.h")).expect("header");
    let mut declared: Vec<&str> = header
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()) && !l.starts_with("typedef"))
        .filter_map(|l| l.split_once('(').map(|(head, _)| head))
        .filter_map(|head| head.rsplit([' ', '*']).next())
        .collect();
    declared.sort_unstable();
    exports.sort_unstable();
    assert_eq!(
        declared, exports,
        "the header's functions against the exports"
    );
}

#[test]
fn header_compiles_as_c_and_cpp() {
    if !have("gcc") || !have("g++") {
        eprintln!("note: gcc/g++ not found; header compile checks skipped");
        return;
    }
    let header = repo_dir().join("include/newswire.h");
    run(Command::new("gcc")
        .args(C_FLAGS)
        .args(["-fsyntax-only", "-x", "c"])
        .arg(&header))
    .unwrap_or_else(|e| panic!("{e}"));
    for std in ["-std=c++11", "-std=c++17"] {
        run(Command::new("g++")
            .args([
                std,
                "-Wall",
                "-Wextra",
                "-Werror",
                "-pedantic",
                "-fsyntax-only",
                "-x",
                "c++",
            ])
            .arg(&header))
        .unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn c_programs_static() {
    if !have("gcc") {
        eprintln!("note: gcc not found; C programs skipped");
        return;
    }
    run_programs(Link::Static);
}

#[test]
fn c_programs_shared() {
    if !have("gcc") {
        eprintln!("note: gcc not found; C programs skipped");
        return;
    }
    run_programs(Link::Shared);
}

#[test]
fn c_programs_under_valgrind() {
    if !have("gcc") || !have("valgrind") {
        eprintln!("note: gcc or valgrind not found; valgrind runs skipped");
        return;
    }
    // Valgrind is slow and single-threaded: run every program at once, the threads test
    // in its quick mode (ThreadSanitizer covers its concurrency), the snapshot test on a
    // sample of its byte positions, and the built-in
    // gazetteer, whose matcher takes long to build there, only through the example over
    // the shared library (the static one holds the same code).
    let mut running = Vec::new();
    for link in [Link::Static, Link::Shared] {
        for (name, args, exe) in programs(link) {
            // A scratch directory of its own: the native runs of the same programs
            // (`c_programs_static`, `c_programs_shared`) run beside this test and write
            // files of the same names into theirs.
            let mut args: Vec<PathBuf> = args
                .into_iter()
                .map(|arg| {
                    if !arg.is_dir() {
                        return arg;
                    }
                    let mut dir = arg.into_os_string();
                    dir.push("-valgrind");
                    let dir = PathBuf::from(dir);
                    std::fs::create_dir_all(&dir).expect("scratch directory");
                    dir
                })
                .collect();
            match name.as_str() {
                "test_threads" | "test_api" | "test_snapshot" => args.push(PathBuf::from("quick")),
                "annotate" if link == Link::Static => continue,
                _ => {}
            }
            let child = Command::new("valgrind")
                .args([
                    "--error-exitcode=1",
                    "--leak-check=full",
                    "--errors-for-leak-kinds=definite,indirect",
                    "--quiet",
                ])
                .arg(&exe)
                .args(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("valgrind {name}: {e}"));
            running.push((name, link, child));
        }
    }
    let mut failures = Vec::new();
    for (name, link, child) in running {
        let out = child.wait_with_output().expect("valgrind output");
        if !out.status.success() {
            failures.push(format!("{name} ({link:?}) under valgrind:\n{}", show(&out)));
        } else if name == "annotate" {
            check_example(&out);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn threads_under_thread_sanitizer() {
    if !have("gcc") {
        eprintln!("note: gcc not found; ThreadSanitizer run skipped");
        return;
    }
    let source = manifest_dir().join("tests/c/test_threads.c");
    for link in [Link::Static, Link::Shared] {
        let exe = match compile(
            &source,
            "test_threads_tsan",
            link,
            &["-pthread", "-fsanitize=thread", "-O1"],
        ) {
            Ok(exe) => exe,
            Err(e) if e.contains("libtsan") || e.contains("cannot find -ltsan") => {
                eprintln!("note: ThreadSanitizer runtime not installed; skipped\n{e}");
                return;
            }
            Err(e) => panic!("{e}"),
        };
        let out = run(Command::new(&exe).env("TSAN_OPTIONS", "halt_on_error=1 exitcode=66"))
            .unwrap_or_else(|e| panic!("test_threads ({link:?}) under ThreadSanitizer: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("WARNING: ThreadSanitizer"),
            "{}",
            show(&out)
        );
    }
}
