"""Readers for the files benches/run.sh writes into a results folder, shared by
benches/plot.py and benches/report.py. Every reader returns None for a file that is absent
or that records a skipped measurement."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path
from typing import Any, Optional

Json = dict[str, Any]


def read_json(path: Path) -> Optional[Json]:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or data.get("skipped"):
        return None
    return data


def machine(d: Path) -> Optional[Json]:
    return read_json(d / "machine.json")


def criterion(d: Path) -> list[Json]:
    data = read_json(d / "criterion.json")
    return data["benchmarks"] if data else []


def scaling(d: Path, curve: str) -> Optional[Json]:
    data = read_json(d / f"scaling_{curve}.json")
    return data if data and data.get("points") else None


def build_cost(d: Path) -> list[Json]:
    """Median per (label, what) over the repeats: load_s, build_s, peak_rss_mb, rss_mb."""
    path = d / "build.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
    groups: dict[tuple[str, str], list[Json]] = {}
    for r in rows:
        groups.setdefault((r["label"], r["what"]), []).append(r)
    out = []
    for (label, what), rs in groups.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("load_s", "build_s", "peak_rss_mb", "rss_mb")}
        out.append({"label": label, "what": what, "names": rs[0]["names"], "reps": len(rs), **med,
                    "keys": rs[0].get("keys"), "automaton_mb": rs[0].get("automaton_mb")})
    out.sort(key=lambda r: (r["names"], r["what"]))
    return out


def large_batch(d: Path) -> Optional[Json]:
    data = read_json(d / "large_batch.json")
    return data if data and data.get("runs") else None


def stress(d: Path) -> Optional[Json]:
    """What scripts/stress.sh --json wrote: runs of {mb, lines_in, lines_out, ...}."""
    data = read_json(d / "stress.json")
    return data if data and data.get("runs") else None


def sentence_peers(d: Path) -> Optional[Json]:
    return read_json(d / "sentence_peers.json")


def python_peers(d: Path) -> Optional[Json]:
    """The markdown table benches/python_peers.py prints, as rows of {tool, mb_s, ratio,
    matches, build_s, note}, plus the header line of the repeats."""
    path = d / "python_peers.md"
    if not path.exists():
        return None
    lines = [l for l in path.read_text().splitlines() if l.startswith("|")]
    if len(lines) < 3:
        return None
    header = [c.strip() for c in lines[0].strip("|").split("|")]

    def col(word: str) -> Optional[int]:
        return next((i for i, h in enumerate(header) if word.lower() in h.lower()), None)

    i_speed, i_ratio, i_matches, i_build = col("MB/s"), col("fastest"), col("matches"), col("build")
    i_threads, i_cores = col("÷ 1 thread"), col("cores it had")
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]

        def num(i: Optional[int]) -> Optional[float]:
            if i is None or i >= len(cells):
                return None
            m = re.fullmatch(r"[\d,]+(\.\d+)?", cells[i])
            return float(cells[i].replace(",", "")) if m else None

        rows.append({
            "tool": cells[0],
            "mb_s": num(i_speed),
            "ratio": num(i_ratio),
            "matches": num(i_matches),
            "build_s": num(i_build),
            "threads_ratio": num(i_threads),
            "cores": num(i_cores),
            "note": "" if num(i_speed) is not None else (cells[i_speed] if i_speed is not None and i_speed < len(cells) else ""),
        })
    return {"header": header, "rows": rows, "table": "\n".join(lines)}


PEER_WORDS = ("pyahocorasick", "ahocorasick_rs", "flashtext", "spacy")


def is_peer(tool: str) -> bool:
    t = tool.lower()
    return any(w in t for w in PEER_WORDS)
