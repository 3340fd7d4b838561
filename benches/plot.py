#!/usr/bin/env python3
"""Draw the benchmark plots (PNG, matplotlib) from the results benches/run.sh wrote.

    .venv/bin/python benches/plot.py [RESULTS_DIR]     # default: benches/results

Each plot is drawn only when its results are there; the PNGs go into RESULTS_DIR:
gazetteer_size.png, build_cost.png, article_size.png, threads.png, large_batch.png,
python_peers.png, sentence_peers.png. Prints the files written.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdata  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OURS = "#c0392b"
BASE = "#7f8c8d"
OTHER = ["#2471a3", "#27ae60", "#8e44ad", "#d68910", "#17a589"]


def subtitle(d: Path) -> str:
    m = benchdata.machine(d) or {}
    load = m.get("load_start", "?").split()[0] if m.get("load_start") else "?"
    return f"{m.get('nproc', '?')} cores, {m.get('cpu', '')}; load average {load} at start"


def save(fig: plt.Figure, path: Path, written: list[Path]) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path)


def gazetteer_size(d: Path, written: list[Path]) -> None:
    data = benchdata.scaling(d, "gazetteer")
    if not data:
        return
    pts = data["points"]
    names = [p["names"] for p in pts]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.plot(names, [p["newswire_find"]["mb_s"] for p in pts], "o-", color=OURS, label="newswire Matcher::find (every check)")
    ax.plot(names, [p["naive"]["mb_s"] for p in pts], "s--", color=BASE, label="naive Aho–Corasick scan (no checks)")
    charwise = [p for p in pts if "daachorse" in p]
    if charwise:
        ax.plot([p["names"] for p in charwise], [p["daachorse"]["mb_s"] for p in charwise], "^:", color=OTHER[1], label="daachorse charwise double array (no checks)")
    for p in pts:
        ax.annotate(f"×{p['ratio']:.2f}", (p["names"], p["newswire_find"]["mb_s"]), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("gazetteer names (GeoNames)")
    ax.set_ylabel("MB/s, one thread (median)")
    ax.set_title(f"Matching throughput against gazetteer size\n{data['bytes'] / 1e6:.1f} MB of Reuters-21578; {subtitle(d)}", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    save(fig, d / "gazetteer_size.png", written)


def build_cost(d: Path, written: list[Path]) -> None:
    rows = benchdata.build_cost(d)
    if not rows:
        return
    m = [r for r in rows if r["what"] == "matcher"]
    n = [r for r in rows if r["what"] == "naive"]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot([r["names"] for r in m], [r["build_s"] for r in m], "o-", color=OURS, label="newswire Matcher::new")
    a.plot([r["names"] for r in m], [r["load_s"] + r["build_s"] for r in m], "o:", color=OURS, alpha=0.5, label="newswire load + build")
    a.plot([r["names"] for r in n], [r["build_s"] for r in n], "s--", color=BASE, label="naive automaton build")
    a.set_xscale("log")
    a.set_yscale("log")
    a.set_xlabel("gazetteer names")
    a.set_ylabel("seconds (median)")
    a.set_title("Build time", fontsize=10)
    a.legend(fontsize=8)
    a.grid(alpha=0.3, which="both")
    b.plot([r["names"] for r in m], [r["peak_rss_mb"] for r in m], "o-", color=OURS, label="newswire: load + build, peak RSS")
    b.plot([r["names"] for r in n], [r["peak_rss_mb"] for r in n], "s--", color=BASE, label="naive: names + automaton, peak RSS")
    b.set_xscale("log")
    b.set_yscale("log")
    b.set_xlabel("gazetteer names")
    b.set_ylabel("MB")
    b.set_title("Peak memory (one process each)", fontsize=10)
    b.legend(fontsize=8)
    b.grid(alpha=0.3, which="both")
    fig.suptitle(f"Gazetteer build cost; {subtitle(d)}", fontsize=9)
    save(fig, d / "build_cost.png", written)


def article_size(d: Path, written: list[Path]) -> None:
    data = benchdata.scaling(d, "article")
    if not data:
        return
    pts = data["points"]
    x = [p["mean_size"] for p in pts]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    series = [
        ("parse", "newswire Parser::parse", OURS, "o-"),
        ("uax29_sentences", "UAX#29 sentence bounds", BASE, "s--"),
        ("newswire_find", "newswire Matcher::find", OTHER[0], "o-"),
        ("naive", "naive Aho–Corasick scan", OTHER[0], "s:"),
        ("annotate", "newswire annotate (parse + match + link)", OTHER[1], "o-"),
    ]
    for key, label, color, style in series:
        ax.plot(x, [p[key]["mb_s"] for p in pts], style, color=color, label=label)
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("article size, bytes (mean)")
    ax.set_ylabel("MB/s, one thread (median)")
    ax.set_title(f"Throughput against article size; {data['names']:,} names\n{subtitle(d)}", fontsize=9)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    save(fig, d / "article_size.png", written)


def threads(d: Path, written: list[Path]) -> None:
    data = benchdata.scaling(d, "threads")
    if not data:
        return
    pts = data["points"]
    t = [p["threads"] for p in pts]
    one = pts[0]["mb_s"] if pts[0]["threads"] == 1 else None
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(t, [p["mb_s"] for p in pts], "o-", color=OURS, label="newswire Batch::annotate")
    if one:
        cores = data.get("cores") or max(t)
        ax.plot(t, [one * min(x, cores) for x in t], ":", color=BASE, label=f"linear up to {cores} cores")
    for p in pts:
        ax.annotate(f"×{p['speedup']:.2f}", (p["threads"], p["mb_s"]), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)
    ax.set_xticks(t)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("worker threads")
    ax.set_ylabel("MB/s (median)")
    ax.set_title(f"Batch annotation against threads; {data['bytes'] / 1e6:.1f} MB, {data['names']:,} names\n{subtitle(d)}", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    save(fig, d / "threads.png", written)


def large_batch(d: Path, written: list[Path]) -> None:
    data = benchdata.large_batch(d)
    if not data:
        return
    tools = sorted({r["tool"] for r in data["runs"]})
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for i, tool in enumerate(tools):
        rs = sorted((r for r in data["runs"] if r["tool"] == tool), key=lambda r: r["file_bytes"])
        x = [r["file_bytes"] / 1e6 for r in rs]
        a.plot(x, [r["file_mb_s"] for r in rs], "o-", color=OTHER[i], label=tool)
        b.plot(x, [r["peak_rss_mb"] for r in rs], "o-", color=OTHER[i], label=tool)
    for ax in (a, b):
        ax.set_xscale("log")
        ax.set_ylim(0, max(1.0, ax.get_ylim()[1]) * 1.15)
        ax.set_xlabel("input, MB of JSON Lines")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    a.set_ylabel("MB/s (wall, whole process)")
    a.set_title("Throughput", fontsize=10)
    b.set_ylabel("peak RSS, MB")
    b.set_title("Peak resident memory", fontsize=10)
    fig.suptitle(f"Large batches, {data['names']:,} names; {subtitle(d)}", fontsize=9)
    save(fig, d / "large_batch.png", written)


def python_peers(d: Path, written: list[Path]) -> None:
    data = benchdata.python_peers(d)
    if not data:
        return
    rows = [r for r in data["rows"] if r["mb_s"] is not None]
    if not rows:
        return
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.5))
    labels = [textwrap.fill(r["tool"].replace("`", ""), 38) for r in rows]
    colors = [BASE if benchdata.is_peer(r["tool"]) else OURS for r in rows]
    ax.barh(range(len(rows)), [r["mb_s"] for r in rows], color=colors)
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    for i, r in enumerate(rows):
        ax.text(r["mb_s"], i, f" {r['mb_s']:.1f}", va="center", fontsize=7)
    ax.set_xlabel("MB/s (median), log scale")
    ax.set_title(f"Python: newswire against the matching peers\n{subtitle(d)}", fontsize=9)
    ax.grid(alpha=0.3, axis="x")
    save(fig, d / "python_peers.png", written)


def sentence_peers(d: Path, written: list[Path]) -> None:
    data = benchdata.sentence_peers(d)
    if not data:
        return
    rows = [r for r in data["rows"] if r["mb_s"] is not None]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.5))
    ax.barh(range(len(rows)), [r["mb_s"] for r in rows], color=[OURS if i == 0 else BASE for i in range(len(rows))])
    ax.set_yticks(range(len(rows)), [textwrap.fill(r["tool"].replace("`", ""), 38) for r in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    for i, r in enumerate(rows):
        agree = f"  P {r['precision']:.2f} R {r['recall']:.2f}" if r.get("precision") is not None else ""
        ax.text(r["mb_s"], i, f" {r['mb_s']:.2f}{agree}", va="center", fontsize=7)
    ax.set_xlabel("MB/s (median), log scale")
    ax.set_title(f"Python: sentence splitting, {data['bytes'] / 1e6:.1f} MB of Reuters + BBC\n{subtitle(d)}", fontsize=9)
    ax.grid(alpha=0.3, axis="x")
    save(fig, d / "sentence_peers.png", written)


def main() -> int:
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benches" / "results"
    if not d.is_dir():
        sys.exit(f"{d} is not a folder")
    written: list[Path] = []
    for draw in (gazetteer_size, build_cost, article_size, threads, large_batch, python_peers, sentence_peers):
        draw(d, written)
    for p in written:
        print(os.path.relpath(p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
