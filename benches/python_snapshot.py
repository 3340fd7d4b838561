#!/usr/bin/env python3
"""Python: a matcher pickled and unpickled (through its snapshot bytes) against building it.

    .venv/bin/python benches/python_snapshot.py --gazetteer target/bench/gazetteers/geonames-357k.jsonl \\
        [--rounds 5] [--json OUT.json]

Every round times, in an order that rotates from round to round:

- build: ``newswire.Matcher(gazetteer)``, the gazetteer loaded beforehand;
- from JSON Lines: ``newswire.Gazetteer.from_jsonl(path)`` then ``newswire.Matcher(...)``;
- pickle round trip: ``pickle.loads(pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))``;
- save and load: ``matcher.save(path)``, then ``newswire.Matcher.load(path)``;

and each of them includes one ``find`` on a short sentence, so that a matcher that would
finish its build on first use is not counted as ready. The target (issue 13): the round
trip at least 20 times faster than the build, as the median of the rounds' ratios. After
the rounds, the unpickled and the loaded matcher are checked against the built one: the
same mentions (offsets and entity ids) on the first articles of Reuters-21578 (or a few
sentences, without ``../shared/data``).

With a ``newswire`` package that has no ``Matcher.load`` (one whose pickles rebuild the
matcher from its gazetteer), the script prints a note and writes ``{"skipped": ...}``,
unless ``--allow-old`` is given: then it measures what it can (the old round trip) and
says so.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Optional

HERE = Path(__file__).resolve().parent
REUTERS = HERE.parent.parent / "shared" / "data" / "reuters21578.jsonl"
PROBE = "Officials in Buenos Aires and New York said on Monday that talks with Mexico would go on."
FALLBACK_TEXTS = [
    PROBE,
    "TOKYO, March 3 - Japan's trade surplus with the United States narrowed, officials in Tokyo said.",
    "The Bank of England and the Bundesbank in Frankfurt intervened; Paris and Rome followed.",
]


def note(msg: str, out: Optional[Path], extra: Optional[dict[str, Any]] = None) -> int:
    print(f"note: {msg}; skipped")
    if out:
        out.write_text(json.dumps({"skipped": msg, **(extra or {})}, indent=1) + "\n")
    return 0


def texts(megabytes: float) -> list[str]:
    if not REUTERS.exists():
        return FALLBACK_TEXTS
    limit, size, out = int(megabytes * 1_000_000), 0, []
    with REUTERS.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if isinstance(text, str) and text:
                out.append(text)
                size += len(text.encode("utf-8"))
                if size >= limit:
                    break
    return out


def mentions(matcher: Any, docs: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    return [(m.start, m.end, tuple(m.entity_ids)) for t in docs for m in matcher.find(t)]


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    r = f()
    return time.perf_counter() - t, r


def ready(m: Any) -> Any:
    """A matcher is ready when it has found something: one find on a short sentence."""
    m.find(PROBE)
    return m


def median(xs: list[float]) -> Optional[float]:
    return statistics.median(xs) if xs else None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gazetteer", type=Path, required=True, help="a JSON Lines gazetteer")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--mb", type=float, default=1.0, help="megabytes of Reuters-21578 for the check (default 1)")
    p.add_argument("--json", type=Path, help="write the results here")
    p.add_argument("--allow-old", action="store_true", help="measure even without Matcher.load (the old pickling)")
    args = p.parse_args()

    try:
        import newswire
    except ImportError as e:
        return note(f"the newswire Python package is not installed ({e})", args.json)
    version = getattr(newswire, "__version__", "?")
    has_snapshots = hasattr(newswire.Matcher, "load") and hasattr(newswire.Matcher, "save")
    if not has_snapshots and not args.allow_old:
        return note(
            f"the installed newswire ({version}) has no Matcher.load: pickling through snapshots "
            "is not measured (install this tree's package: pip install ./python)",
            args.json,
            {"newswire_version": version},
        )
    if not args.gazetteer.exists():
        return note(f"{args.gazetteer} is absent (benches/gazetteers.py needs ../shared/tools)", args.json)

    names = entities = 0
    with args.gazetteer.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                entities += 1
                names += 1 + len(json.loads(line).get("aliases") or [])
    load_s, gazetteer = timed(lambda: newswire.Gazetteer.from_jsonl(args.gazetteer))
    print(f"{args.gazetteer.name}: {entities:,} entities, {names:,} names, loaded in {load_s:.2f} s", file=sys.stderr)

    tmpdir = tempfile.mkdtemp(prefix="python_snapshot.")
    snap_path = os.path.join(tmpdir, "matcher.nwsnap")
    original = ready(newswire.Matcher(gazetteer))
    pickled = pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL)

    def build() -> dict[str, float]:
        s, _ = timed(lambda: ready(newswire.Matcher(gazetteer)))
        return {"build": s}

    def from_jsonl() -> dict[str, float]:
        s, _ = timed(lambda: ready(newswire.Matcher(newswire.Gazetteer.from_jsonl(args.gazetteer))))
        return {"from_jsonl": s}

    def roundtrip() -> dict[str, float]:
        d, data = timed(lambda: pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL))
        l, _ = timed(lambda: ready(pickle.loads(data)))
        return {"dumps": d, "loads": l, "roundtrip": d + l}

    def save_load() -> dict[str, float]:
        s, _ = timed(lambda: original.save(snap_path))
        l, _ = timed(lambda: ready(newswire.Matcher.load(snap_path)))
        os.remove(snap_path)
        return {"save": s, "load": l}

    steps: list[Callable[[], dict[str, float]]] = [build, from_jsonl, roundtrip]
    if has_snapshots:
        steps.append(save_load)
    rounds: list[dict[str, float]] = []
    try:
        for r in range(max(1, args.rounds)):
            row: dict[str, float] = {}
            for k in range(len(steps)):
                gc.collect()
                row.update(steps[(k + r) % len(steps)]())
            rounds.append(row)
            print(
                f"round {r + 1}: build {row['build']:.3f} s, from JSON Lines {row['from_jsonl']:.3f} s, "
                f"pickle round trip {row['roundtrip'] * 1e3:.1f} ms"
                + (f", save {row['save'] * 1e3:.1f} ms, load {row['load'] * 1e3:.1f} ms" if "load" in row else ""),
                file=sys.stderr,
            )

        docs = texts(args.mb)
        want = mentions(original, docs)
        checks = {"unpickled": mentions(pickle.loads(pickled), docs) == want}
        if has_snapshots:
            original.save(snap_path)
            checks["loaded"] = mentions(newswire.Matcher.load(snap_path), docs) == want
            os.remove(snap_path)
    finally:
        if os.path.exists(snap_path):
            os.remove(snap_path)
        os.rmdir(tmpdir)

    col = lambda k: [r[k] for r in rounds if k in r]  # noqa: E731
    summary = {k: {"median_s": median(col(k)), "seconds": col(k)} for k in rounds[0]}
    ratio = median([r["build"] / r["roundtrip"] for r in rounds if r["roundtrip"] > 0])
    ratio_jsonl = median([r["from_jsonl"] / r["roundtrip"] for r in rounds if r["roundtrip"] > 0])
    load_ratio = median([r["build"] / r["load"] for r in rounds if r.get("load")])
    doc = {
        "what": "python_snapshot",
        "newswire_version": version,
        "snapshot_api": has_snapshots,
        "python": sys.version.split()[0],
        "gazetteer": str(args.gazetteer),
        "entities": entities,
        "names": names,
        "gazetteer_load_s": load_s,
        "pickle_bytes": len(pickled),
        "rounds": len(rounds),
        "times": summary,
        "ratio": ratio,
        "ratio_from_jsonl": ratio_jsonl,
        "load_ratio": load_ratio,
        "check_texts": len(docs),
        "check_mentions": len(want),
        "identical": all(checks.values()),
        "checks": checks,
        "load_average": os.getloadavg()[0],
    }
    if args.json:
        args.json.write_text(json.dumps(doc, indent=1) + "\n")
    t = {k: v["median_s"] for k, v in summary.items()}
    print(
        f"newswire {version} (Python {doc['python']}), {names:,} names; medians of {len(rounds)} rounds:\n"
        f"  build Matcher(gazetteer)           {t['build']:8.3f} s\n"
        f"  Gazetteer.from_jsonl + Matcher     {t['from_jsonl']:8.3f} s\n"
        f"  pickle round trip ({len(pickled) / 1e6:.1f} MB pickle) {t['roundtrip']:8.4f} s "
        f"(dumps {t['dumps']:.4f}, loads {t['loads']:.4f}): build / round trip ×{ratio:.1f} (median of the rounds' ratios)"
        + (f"\n  save {t['save']:.4f} s, Matcher.load {t['load']:.4f} s: build / load ×{load_ratio:.1f}" if "load" in t else "")
        + f"\n  check on {len(docs):,} texts ({len(want):,} mentions): "
        + ", ".join(f"{k} {'same' if v else 'DIFFERENT'}" for k, v in checks.items())
    )
    if not has_snapshots:
        print("  (this package has no Matcher.load: the round trip is the old one, which rebuilds)")
    return 0 if doc["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
