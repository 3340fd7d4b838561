//! Matcher snapshots (`Matcher::load`, `docs/snapshot-format.md`) against building the
//! matcher, measured as issue 13 sets the targets. One JSON document on stdout.
//!
//! Drivers (each runs its rounds interleaved and reports medians and per-round ratios):
//!
//! ```text
//! bench_snapshot startup --snapshot S.nwsnap --gazetteer G.jsonl [--rounds 5]
//! bench_snapshot match   --snapshot S.nwsnap --gazetteer G.jsonl [--mb 0 (all)] [--rounds 9]
//! bench_snapshot share   --snapshot S.nwsnap [--mb 4] [--procs 4] [--rounds 3]
//! ```
//!
//! - `startup`: in every round, one fresh process for each of `load` (`Matcher::load`: map,
//!   header, length, checksum over every byte, table shapes), `build` (`Gazetteer::from_path`
//!   then `Matcher::new`, from JSON Lines), `read` (`std::fs::read` of the snapshot: reading
//!   the file once) and `from-bytes` (the snapshot read into memory first, untimed, then
//!   `Matcher::from_bytes`: the checks without the mapping's page faults), in an order that
//!   rotates from round to round. The page cache is warmed by one untimed read first.
//! - `match`: in one process, the matcher loaded from the snapshot and one built from the
//!   JSON Lines gazetteer, `Matcher::find` over the same Reuters-21578 text, the two timed
//!   back to back in every round (which goes first alternates); first an untimed pass of
//!   each, which also checks that the two find the same (spans and entity ids).
//! - `share`: processes that each load the snapshot, match the same text and read their
//!   own `/proc/self/smaps_rollup` before they exit: one alone, then `--procs` at once (a
//!   barrier holds them until every one has read its figures, so that each sees the
//!   others' mappings); rounds alternate between the two.
//!
//! The processes the drivers start are this program in one of its one-measurement modes,
//! each printing one JSON line:
//!
//! ```text
//! bench_snapshot load S.nwsnap | build G.jsonl | read S.nwsnap | from-bytes S.nwsnap
//! bench_snapshot pss S.nwsnap [--mb 4] [--barrier DIR --procs N]
//! ```
//!
//! Times are taken inside the process (process start-up is not in them). The text is the
//! `text` fields of `../shared/data/reuters21578.jsonl`; without it, `match` and `share`
//! print `{"skipped": ...}` with a note.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{arg, median};
use newswire::{Gazetteer, Matcher};
use serde_json::{Value, json};

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("error: bench_snapshot: {msg}");
    std::process::exit(1)
}

fn usage() -> ! {
    eprintln!(
        "usage: bench_snapshot startup|match|share [options]   (see the file's header)\n       \
         bench_snapshot load|read|from-bytes SNAPSHOT | build GAZETTEER.jsonl | pss SNAPSHOT [options]"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(mode) = args.first().cloned() else {
        usage()
    };
    let rounds = |default: usize| -> usize {
        arg(&args, "--rounds")
            .and_then(|r| r.parse().ok())
            .unwrap_or(default)
            .max(1)
    };
    let mb = |default: f64| -> f64 {
        arg(&args, "--mb")
            .and_then(|r| r.parse().ok())
            .unwrap_or(default)
    };
    let need = |name: &str| -> String {
        arg(&args, name).unwrap_or_else(|| fail(format!("{mode} needs {name}")))
    };
    let out = match mode.as_str() {
        // One measurement, in this process.
        "load" | "read" | "from-bytes" | "build" => {
            let path = args.get(1).cloned().unwrap_or_else(|| usage());
            one(&mode, Path::new(&path))
        }
        "pss" => {
            let path = args.get(1).cloned().unwrap_or_else(|| usage());
            let procs = arg(&args, "--procs")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            pss(
                Path::new(&path),
                mb(4.0),
                arg(&args, "--barrier").map(PathBuf::from),
                procs,
            )
        }
        // Drivers.
        "startup" => startup(&need("--snapshot"), &need("--gazetteer"), rounds(5)),
        "match" => matching(
            &need("--snapshot"),
            &need("--gazetteer"),
            mb(0.0),
            rounds(9),
        ),
        "share" => {
            let procs = arg(&args, "--procs")
                .and_then(|p| p.parse().ok())
                .unwrap_or(4);
            share(&need("--snapshot"), mb(4.0), procs, rounds(3))
        }
        _ => usage(),
    };
    if mode == "startup" || mode == "match" || mode == "share" {
        println!("{out:#}");
    } else {
        println!("{out}");
    }
}

/// Minor and major page faults of this process so far (/proc/self/stat fields 10 and 12).
fn faults() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // After ")": state is field 3, so field n is at index n - 3.
    (
        f.get(7).copied().unwrap_or(0),
        f.get(9).copied().unwrap_or(0),
    )
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| fail(format!("{}: {e}", path.display())))
        .len()
}

/// One measurement in this process: `load`, `read`, `from-bytes` or `build`.
fn one(mode: &str, path: &Path) -> Value {
    let (minflt0, majflt0) = faults();
    let mut extra = json!({});
    // Resident memory with what was loaded still alive (`rss_mb` is taken after it is dropped).
    let held_rss: f64;
    let cpu0 = common::thread_cpu_s();
    let t = Instant::now();
    let (entities, keys) = match mode {
        "load" => {
            let m = Matcher::load(path).unwrap_or_else(|e| fail(e));
            extra["seconds"] = json!(t.elapsed().as_secs_f64());
            extra["cpu_s"] = json!(common::thread_cpu_s() - cpu0);
            held_rss = common::rss_mb();
            (m.gazetteer().len(), m.key_count())
        }
        "read" => {
            let bytes =
                std::fs::read(path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
            extra["seconds"] = json!(t.elapsed().as_secs_f64());
            extra["cpu_s"] = json!(common::thread_cpu_s() - cpu0);
            held_rss = common::rss_mb();
            // Something of the bytes is used, so that the read cannot be left out.
            extra["checkbyte"] = json!(bytes.iter().step_by(4096).fold(0u8, |a, &b| a ^ b));
            (0, 0)
        }
        "from-bytes" => {
            let bytes =
                std::fs::read(path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
            let read_s = t.elapsed().as_secs_f64();
            let cpu1 = common::thread_cpu_s();
            let t = Instant::now();
            let m = Matcher::from_bytes(bytes).unwrap_or_else(|e| fail(e));
            extra["seconds"] = json!(t.elapsed().as_secs_f64());
            extra["cpu_s"] = json!(common::thread_cpu_s() - cpu1);
            extra["read_s"] = json!(read_s);
            held_rss = common::rss_mb();
            (m.gazetteer().len(), m.key_count())
        }
        "build" => {
            let g = Gazetteer::from_path(path).unwrap_or_else(|e| fail(e));
            let load_s = t.elapsed().as_secs_f64();
            let b = Instant::now();
            let m = Matcher::new(g).unwrap_or_else(|e| fail(e));
            extra["build_s"] = json!(b.elapsed().as_secs_f64());
            extra["load_s"] = json!(load_s);
            extra["seconds"] = json!(t.elapsed().as_secs_f64());
            extra["cpu_s"] = json!(common::thread_cpu_s() - cpu0);
            held_rss = common::rss_mb();
            (m.gazetteer().len(), m.key_count())
        }
        _ => usage(),
    };
    let (minflt, majflt) = faults();
    let mut out = json!({
        "mode": mode,
        "file": path.display().to_string(),
        "file_bytes": file_len(path),
        "entities": entities,
        "keys": keys,
        "minor_faults": minflt - minflt0,
        "major_faults": majflt - majflt0,
        "rss_mb": held_rss,
        "peak_rss_mb": common::peak_rss_mb(),
    });
    if let (Value::Object(o), Value::Object(e)) = (&mut out, extra) {
        o.extend(e);
    }
    out
}

/// Run this program with `args` in a fresh process and read the JSON line it prints.
fn child(args: &[&str]) -> Value {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(format!("current_exe: {e}")));
    let out = Command::new(exe)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| fail(format!("cannot start a measuring process: {e}")));
    if !out.status.success() {
        fail(format!(
            "`bench_snapshot {}` failed ({})",
            args.join(" "),
            out.status
        ));
    }
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        fail(format!(
            "`bench_snapshot {}` printed no JSON: {e}",
            args.join(" ")
        ))
    })
}

fn secs(v: &Value) -> f64 {
    v["seconds"].as_f64().unwrap_or(f64::NAN)
}

/// Median over the rounds of each round's `num / den`.
fn paired(num: &[f64], den: &[f64]) -> f64 {
    let r: Vec<f64> = num
        .iter()
        .zip(den)
        .filter(|(_, d)| **d > 0.0)
        .map(|(n, d)| n / d)
        .collect();
    median(&r)
}

fn startup(snapshot: &str, gazetteer: &str, rounds: usize) -> Value {
    // Warm the page cache with the files (not timed).
    for p in [snapshot, gazetteer] {
        let _ = std::fs::read(p).unwrap_or_else(|e| fail(format!("{p}: {e}")));
    }
    let modes = ["load", "build", "read", "from-bytes"];
    let mut runs: Vec<Vec<Value>> = vec![Vec::new(); modes.len()];
    for r in 0..rounds {
        for k in 0..modes.len() {
            let i = (k + r) % modes.len();
            let path = if modes[i] == "build" {
                gazetteer
            } else {
                snapshot
            };
            runs[i].push(child(&[modes[i], path]));
        }
        eprintln!(
            "startup round {}: load {:.4} s, build {:.3} s, read {:.4} s, from_bytes {:.4} s",
            r + 1,
            secs(runs[0].last().unwrap()),
            secs(runs[1].last().unwrap()),
            secs(runs[2].last().unwrap()),
            secs(runs[3].last().unwrap()),
        );
    }
    let times: Vec<Vec<f64>> = runs
        .iter()
        .map(|rs| rs.iter().map(secs).collect())
        .collect();
    let med: Vec<f64> = times.iter().map(|t| median(t)).collect();
    let cpu: Vec<Vec<f64>> = runs
        .iter()
        .map(|rs| {
            rs.iter()
                .map(|v| v["cpu_s"].as_f64().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let cpu_med: Vec<f64> = cpu.iter().map(|t| median(t)).collect();
    let field_median = |i: usize, f: &str| -> f64 {
        median(
            &runs[i]
                .iter()
                .filter_map(|v| v[f].as_f64())
                .collect::<Vec<_>>(),
        )
    };
    let load = &runs[0][0];
    let summary = |i: usize| -> Value {
        json!({
            "median_s": med[i],
            "seconds": times[i],
            "median_cpu_s": cpu_med[i],
            "cpu_s": cpu[i],
            "minor_faults": field_median(i, "minor_faults"),
            "peak_rss_mb": field_median(i, "peak_rss_mb"),
            "rss_mb": field_median(i, "rss_mb"),
        })
    };
    let mut build = summary(1);
    build["load_s"] = json!(field_median(1, "load_s"));
    build["build_s"] = json!(field_median(1, "build_s"));
    let mut from_bytes = summary(3);
    from_bytes["read_s"] = json!(field_median(3, "read_s"));
    eprintln!(
        "startup: load {:.1} ms, build {:.2} s, read {:.1} ms: load / build {:.4} (1/{:.0}), load / read {:.2} \
         (CPU time: load {:.1} ms, build {:.2} s, read {:.1} ms, from_bytes {:.1} ms)",
        med[0] * 1e3,
        med[1],
        med[2] * 1e3,
        med[0] / med[1],
        med[1] / med[0],
        med[0] / med[2],
        cpu_med[0] * 1e3,
        cpu_med[1],
        cpu_med[2] * 1e3,
        cpu_med[3] * 1e3,
    );
    json!({
        "what": "startup",
        "snapshot": snapshot,
        "gazetteer": gazetteer,
        "snapshot_bytes": file_len(Path::new(snapshot)),
        "gazetteer_bytes": file_len(Path::new(gazetteer)),
        "entities": load["entities"],
        "keys": load["keys"],
        "rounds": rounds,
        "load": summary(0),
        "build": build,
        "read": summary(2),
        "from_bytes": from_bytes,
        // Ratios of the medians (each a median of `rounds` processes) ...
        "load_over_build": med[0] / med[1],
        "load_over_read": med[0] / med[2],
        // ... and the medians of each round's ratio.
        "load_over_build_paired": paired(&times[0], &times[1]),
        "load_over_read_paired": paired(&times[0], &times[2]),
        // By the thread's CPU time (less disturbed by other processes on a shared machine).
        "cpu_load_over_build": cpu_med[0] / cpu_med[1],
        "cpu_load_over_read": cpu_med[0] / cpu_med[2],
        "load_average": common::load_average(),
    })
}

/// What a matcher found in some texts: spans and entity ids, for comparing two matchers.
fn found(m: &Matcher, texts: &[String]) -> Vec<(usize, usize, Vec<String>)> {
    let g = m.gazetteer();
    texts
        .iter()
        .flat_map(|t| m.find(t))
        .map(|f| {
            let ids = f
                .entities()
                .iter()
                .map(|&e| g.entity(e).id().to_string())
                .collect();
            (f.start(), f.end(), ids)
        })
        .collect()
}

fn matching(snapshot: &str, gazetteer: &str, mb: f64, rounds: usize) -> Value {
    let max_bytes = (mb > 0.0).then_some((mb * 1e6) as usize);
    let Some(texts) = common::reuters(max_bytes) else {
        return json!({"skipped": "../shared/data/reuters21578.jsonl is absent"});
    };
    let n = common::bytes(&texts);
    let t = Instant::now();
    let loaded = Matcher::load(snapshot).unwrap_or_else(|e| fail(e));
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let built = Matcher::new(Gazetteer::from_path(gazetteer).unwrap_or_else(|e| fail(e)))
        .unwrap_or_else(|e| fail(e));
    let build_s = t.elapsed().as_secs_f64();
    // The untimed first pass of each: the mapped pages and the caches warmed, and the
    // results compared.
    let a = found(&loaded, &texts);
    let b = found(&built, &texts);
    let identical = a == b;
    let first_difference = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())));
    if !identical {
        eprintln!(
            "warning: the loaded and the built matcher differ: {} and {} matches (first difference at match {:?})",
            a.len(),
            b.len(),
            first_difference
        );
    }
    let mut snap = common::Runs::default();
    let mut fresh = common::Runs::default();
    let count = |m: &Matcher| -> usize { texts.iter().map(|t| m.find(t).len()).sum() };
    for r in 0..rounds {
        if r % 2 == 0 {
            snap.run(|| count(&loaded));
            fresh.run(|| count(&built));
        } else {
            fresh.run(|| count(&built));
            snap.run(|| count(&loaded));
        }
    }
    // Snapshot MB/s over fresh MB/s, per round: the fresh matcher's time over the loaded's.
    let ratio = paired(&fresh.wall, &snap.wall);
    let cpu_ratio = paired(&fresh.cpu, &snap.cpu);
    eprintln!(
        "match: loaded {:.1} MB/s, built {:.1} MB/s: ×{ratio:.3} (CPU time ×{cpu_ratio:.3}); identical: {identical}",
        snap.mb_s(n),
        fresh.mb_s(n)
    );
    json!({
        "what": "match",
        "snapshot": snapshot,
        "gazetteer": gazetteer,
        "entities": built.gazetteer().len(),
        "keys": built.key_count(),
        "corpus": "reuters21578",
        "articles": texts.len(),
        "bytes": n,
        "rounds": rounds,
        "load_s": load_s,
        "build_s": build_s,
        "loaded": snap.json(n),
        "built": fresh.json(n),
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "matches": a.len(),
        "built_matches": b.len(),
        "identical": identical,
        "first_difference": first_difference,
        "load_average": common::load_average(),
    })
}

/// The fields of /proc/self/smaps_rollup, in kB.
fn smaps_rollup() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap_or_default();
    let mut out = serde_json::Map::new();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let mut parts = rest.split_whitespace();
        if let (Some(v), Some("kB")) = (parts.next(), parts.next())
            && let Ok(kb) = v.parse::<u64>()
        {
            out.insert(format!("{}_kb", key.trim().to_lowercase()), json!(kb));
        }
    }
    out
}

/// Wait until `n` processes have reached the barrier `name` in `dir` (each leaves a file).
fn barrier(dir: &Path, name: &str, n: usize) {
    let mine = dir.join(format!("{name}.{}", std::process::id()));
    std::fs::write(&mine, b"").unwrap_or_else(|e| fail(format!("{}: {e}", mine.display())));
    let start = Instant::now();
    loop {
        let here = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| {
                        e.file_name()
                            .to_str()
                            .is_some_and(|f| f.starts_with(&format!("{name}.")))
                    })
                    .count()
            })
            .unwrap_or(0);
        if here >= n {
            return;
        }
        if start.elapsed() > Duration::from_secs(300) {
            fail(format!(
                "barrier {name}: {here} of {n} processes after 300 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// One process of `share`: load, match `mb` of Reuters, read smaps_rollup (after the
/// barrier, when every process of the group has matched), then wait for the others to
/// have read theirs before exiting.
fn pss(path: &Path, mb: f64, barrier_dir: Option<PathBuf>, procs: usize) -> Value {
    let texts = common::reuters(Some((mb * 1e6) as usize)).unwrap_or_else(|| fail("no corpus"));
    let t = Instant::now();
    let m = Matcher::load(path).unwrap_or_else(|e| fail(e));
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let matches: usize = texts.iter().map(|t| m.find(t).len()).sum();
    let match_s = t.elapsed().as_secs_f64();
    if let Some(dir) = &barrier_dir {
        barrier(dir, "matched", procs);
    }
    let rollup = smaps_rollup();
    if let Some(dir) = &barrier_dir {
        barrier(dir, "read", procs);
    }
    let mut out = json!({
        "mode": "pss",
        "file": path.display().to_string(),
        "file_bytes": file_len(path),
        "bytes": common::bytes(&texts),
        "matches": matches,
        "load_s": load_s,
        "match_s": match_s,
        "procs": procs,
        "vm_hwm_mb": common::peak_rss_mb(),
    });
    if let Value::Object(o) = &mut out {
        o.extend(rollup);
    }
    drop(m);
    out
}

fn share(snapshot: &str, mb: f64, procs: usize, rounds: usize) -> Value {
    if !common::shared_data("reuters21578.jsonl").exists() {
        eprintln!("note: ../shared/data/reuters21578.jsonl is absent; share skipped");
        return json!({"skipped": "../shared/data/reuters21578.jsonl is absent"});
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(format!("current_exe: {e}")));
    let mb_arg = mb.to_string();
    let group = |n: usize, r: usize| -> Vec<Value> {
        let dir =
            std::env::temp_dir().join(format!("bench_snapshot.{}.{r}.{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
        let dir_arg = dir.display().to_string();
        let n_arg = n.to_string();
        let children: Vec<_> = (0..n)
            .map(|_| {
                Command::new(&exe)
                    .args([
                        "pss",
                        snapshot,
                        "--mb",
                        &mb_arg,
                        "--barrier",
                        &dir_arg,
                        "--procs",
                        &n_arg,
                    ])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .unwrap_or_else(|e| fail(format!("cannot start a measuring process: {e}")))
            })
            .collect();
        let out: Vec<Value> = children
            .into_iter()
            .map(|c| {
                let o = c.wait_with_output().unwrap_or_else(|e| fail(e));
                if !o.status.success() {
                    fail(format!("a `pss` process failed ({})", o.status));
                }
                serde_json::from_slice(&o.stdout)
                    .unwrap_or_else(|e| fail(format!("pss printed no JSON: {e}")))
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        out
    };
    let kb = |v: &Value, k: &str| v[k].as_u64().unwrap_or(0) as f64;
    let mut alone = Vec::new();
    let mut together = Vec::new();
    let mut ratios = Vec::new();
    for r in 0..rounds {
        let a = group(1, r);
        let g = group(procs, r);
        let alone_pss = kb(&a[0], "pss_kb");
        let sum: f64 = g.iter().map(|v| kb(v, "pss_kb")).sum();
        eprintln!(
            "share round {}: alone {:.1} MB PSS, {procs} at once {:.1} MB summed (×{:.2})",
            r + 1,
            alone_pss / 1024.0,
            sum / 1024.0,
            sum / alone_pss
        );
        ratios.push(sum / alone_pss);
        alone.push(a.into_iter().next().unwrap());
        together.push(g);
    }
    let med_of = |xs: Vec<f64>| median(&xs) / 1024.0;
    let alone_field = |k: &str| med_of(alone.iter().map(|v| kb(v, k)).collect());
    let sum_field = |k: &str| {
        med_of(
            together
                .iter()
                .map(|g| g.iter().map(|v| kb(v, k)).sum())
                .collect(),
        )
    };
    let ratio = median(&ratios);
    eprintln!("share: summed PSS of {procs} over one alone: ×{ratio:.2}");
    json!({
        "what": "share",
        "snapshot": snapshot,
        "snapshot_bytes": file_len(Path::new(snapshot)),
        "mb": mb,
        "bytes": alone[0]["bytes"],
        "procs": procs,
        "rounds": rounds,
        "alone": {
            "pss_mb": alone_field("pss_kb"),
            "pss_file_mb": alone_field("pss_file_kb"),
            "pss_anon_mb": alone_field("pss_anon_kb"),
            "rss_mb": alone_field("rss_kb"),
        },
        "together": {
            "pss_mb": sum_field("pss_kb"),
            "pss_file_mb": sum_field("pss_file_kb"),
            "pss_anon_mb": sum_field("pss_anon_kb"),
            "rss_mb": sum_field("rss_kb"),
        },
        "ratio": ratio,
        "ratios": ratios,
        "alone_runs": alone,
        "together_runs": together,
        "load_average": common::load_average(),
    })
}
