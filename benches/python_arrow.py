#!/usr/bin/env python3
"""The Arrow path of the Python package (issue 14), each figure a ratio measured in one run.

    .venv/bin/python benches/python_arrow.py --json OUT.json [--quick] [--spark]

1. ``Matcher.annotate_arrow`` on an in-memory pyarrow table of a JSON Lines corpus
   (``--corpus``, default the 100 MB one of benches/make_corpus.py), ``--threads`` workers,
   against ``newswire annotate --threads N`` on the same file, less the command line's
   fixed cost (its run on the file's first line alone: start-up and loading the matcher).
   Both load the same matcher snapshot (compiled here from ``--gazetteer``), so neither
   builds anything. Rounds interleave the three runs.
2. Text to a pandas DataFrame of mentions: ``annotate_arrow(table).mentions.to_pandas()``
   against ``annotate_many`` followed by the ``to_pandas`` of before the Arrow path (kept as
   ``benches/to_pandas_baseline.py``), on ``--pandas-corpus`` (Reuters-21578).
3. With ``--spark``: ``examples/python/spark_batch.py`` in Spark's local mode (``local[N]``)
   on ``--spark-corpus`` (Reuters-21578), rows per second, against the command line on
   the same file, whole runs both (Spark's start-up and the command line's included).

Load averages are noted before and after; the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Optional

import newswire

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(HERE))
from to_pandas_baseline import to_pandas_baseline  # noqa: E402


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def run_cli(cli: Path, args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([str(cli), *args], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def read_table(path: Path, limit_bytes: Optional[int] = None) -> Any:
    """The corpus as a pyarrow table of ``id`` and ``text`` (not timed)."""
    import pyarrow as pa

    ids, texts, size = [], [], 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record.get("text")
            if not isinstance(text, str):
                continue
            ids.append(str(record.get("id")))
            texts.append(text)
            size += len(text.encode("utf-8"))
            if limit_bytes is not None and size >= limit_bytes:
                break
    return pa.table({"id": ids, "text": texts})


def text_bytes(table: Any) -> int:
    import pyarrow.compute as pc

    return int(pc.sum(pc.binary_length(table.column("text"))).as_py() or 0)


def arrow_against_cli(args: argparse.Namespace, snapshot: Path, tmp: Path) -> dict[str, Any]:
    corpus = args.corpus
    if args.quick:
        # A small slice of the corpus, as its own file, so that both read the same rows.
        small = tmp / "corpus-quick.jsonl"
        with corpus.open(encoding="utf-8") as f, small.open("w", encoding="utf-8") as out:
            size = 0
            for line in f:
                out.write(line)
                size += len(line)
                if size >= 2_000_000:
                    break
        corpus = small
    table = read_table(corpus)
    nbytes = text_bytes(table)
    one = tmp / "one-line.jsonl"
    with corpus.open(encoding="utf-8") as f:
        one.write_text(f.readline(), encoding="utf-8")
    matcher = newswire.Matcher.load(snapshot)
    threads = str(args.threads)
    cli_args = ["annotate", "--gazetteer", str(snapshot), "--threads", threads, "--jsonl"]
    rounds = []
    for _ in range(args.rounds):
        cli_s = run_cli(args.cli, [*cli_args, str(corpus)])
        fixed_s = run_cli(args.cli, [*cli_args, str(one)])
        arrow_s, out = timed(lambda: matcher.annotate_arrow(table, id="id", threads=args.threads))
        rounds.append({"cli_s": cli_s, "cli_fixed_s": fixed_s, "arrow_s": arrow_s})
        mentions = out.mentions.num_rows
        del out
    ratios = [(r["cli_s"] - r["cli_fixed_s"]) / r["arrow_s"] for r in rounds]
    med = lambda key: statistics.median(r[key] for r in rounds)  # noqa: E731
    return {
        "corpus": str(corpus),
        "rows": table.num_rows,
        "bytes": nbytes,
        "threads": args.threads,
        "mentions": mentions,
        "rounds": rounds,
        "arrow_mb_s": nbytes / 1e6 / med("arrow_s"),
        "cli_mb_s": nbytes / 1e6 / (med("cli_s") - med("cli_fixed_s")),
        "ratio": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
        "command": f"{args.cli} {' '.join(cli_args)} {corpus} (and on its first line alone)",
    }


def pandas_against_objects(args: argparse.Namespace, snapshot: Path) -> dict[str, Any]:
    import pyarrow as pa

    table = read_table(args.pandas_corpus, 1_000_000 if args.quick else None)
    texts = table.column("text").to_pylist()
    matcher = newswire.Matcher.load(snapshot)

    def arrow_path() -> int:
        frame = matcher.annotate_arrow(pa.table({"text": texts}), threads=args.threads).mentions.to_pandas()
        return len(frame)

    def objects_path() -> int:
        docs = list(matcher.annotate_many(texts, threads=args.threads))
        return len(to_pandas_baseline(docs))

    rounds = []
    for _ in range(args.rounds):
        arrow_s, arrow_rows = timed(arrow_path)
        objects_s, objects_rows = timed(objects_path)
        rounds.append({"arrow_s": arrow_s, "objects_s": objects_s})
    ratios = [r["objects_s"] / r["arrow_s"] for r in rounds]
    return {
        "corpus": str(args.pandas_corpus),
        "rows": len(texts),
        "bytes": text_bytes(table),
        "threads": args.threads,
        # One row per mention on the Arrow path; one per mention and candidate before.
        "arrow_rows": arrow_rows,
        "objects_rows": objects_rows,
        "rounds": rounds,
        "arrow_s": statistics.median(r["arrow_s"] for r in rounds),
        "objects_s": statistics.median(r["objects_s"] for r in rounds),
        "ratio": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
    }


def spark_against_cli(args: argparse.Namespace, snapshot: Path, tmp: Path) -> dict[str, Any]:
    example = REPO / "examples" / "python" / "spark_batch.py"
    corpus = args.spark_corpus
    rows = sum(1 for _ in corpus.open(encoding="utf-8"))
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    cmd = [
        sys.executable, str(example), str(corpus), str(tmp / "spark-out"),
        "--snapshot", str(snapshot), "--master", f"local[{args.threads}]",
    ]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    spark_s = time.perf_counter() - t
    cli_s = run_cli(args.cli, ["annotate", "--gazetteer", str(snapshot), "--threads", str(args.threads), "--jsonl", str(corpus)])
    return {
        "corpus": str(corpus),
        "rows": rows,
        "threads": args.threads,
        "spark_s": spark_s,
        "cli_s": cli_s,
        "spark_rows_s": rows / spark_s,
        "cli_rows_s": rows / cli_s,
        "ratio": cli_s / spark_s,
        "command": " ".join(cmd),
    }


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--json", type=Path, required=True, help="write the results here")
    p.add_argument("--corpus", type=Path, default=REPO / "target" / "bench" / "corpus-100MB.jsonl")
    p.add_argument("--gazetteer", type=Path, default=REPO / "target" / "bench" / "gazetteers" / "geonames-357k.jsonl")
    p.add_argument("--pandas-corpus", type=Path, default=DATA / "reuters21578.jsonl")
    p.add_argument("--spark-corpus", type=Path, default=DATA / "reuters21578.jsonl")
    p.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "newswire")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--spark", action="store_true", help="also time the Spark example in local mode")
    p.add_argument("--quick", action="store_true", help="2 MB and 1 MB slices, one round, no Spark")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.spark = 1, False
    missing = [path for path in (args.corpus, args.gazetteer, args.pandas_corpus, args.cli) if not path.exists()]
    if missing:
        why = f"absent: {', '.join(map(str, missing))}"
        print(f"note: python_arrow: {why}; nothing measured", file=sys.stderr)
        args.json.write_text(json.dumps({"skipped": why}))
        return 0
    result: dict[str, Any] = {"load_start": load(), "quick": args.quick, "gazetteer": str(args.gazetteer)}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        snapshot = tmp / "matcher.nwsnap"
        newswire.Matcher(newswire.Gazetteer.from_jsonl(args.gazetteer)).save(snapshot)
        print("  annotate_arrow against newswire annotate ...", file=sys.stderr)
        result["arrow_vs_cli"] = arrow_against_cli(args, snapshot, tmp)
        print("  text to pandas: the Arrow path against Document objects ...", file=sys.stderr)
        result["pandas"] = pandas_against_objects(args, snapshot)
        if args.spark:
            try:
                import pyspark  # noqa: F401
            except ImportError:
                result["spark"] = {"skipped": "pyspark is not installed (python/requirements-spark.txt)"}
            else:
                print("  the Spark example in local mode ...", file=sys.stderr)
                result["spark"] = spark_against_cli(args, snapshot, tmp)
    result["load_end"] = load()
    args.json.write_text(json.dumps(result, indent=1))
    a, pd_ = result["arrow_vs_cli"], result["pandas"]
    print(
        f"annotate_arrow {a['arrow_mb_s']:.1f} MB/s, CLI less its fixed cost {a['cli_mb_s']:.1f} MB/s: ×{a['ratio']:.2f}; "
        f"text to pandas ×{pd_['ratio']:.1f} ({pd_['arrow_s']:.2f} s against {pd_['objects_s']:.2f} s)",
        file=sys.stderr,
    )
    if "spark" in result and "ratio" in result["spark"]:
        s = result["spark"]
        print(f"Spark local[{s['threads']}] {s['spark_rows_s']:,.0f} rows/s, CLI {s['cli_rows_s']:,.0f} rows/s: ×{s['ratio']:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
