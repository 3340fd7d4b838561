#!/usr/bin/env python3
"""Sentence splitting: newswire against the Python sentence splitters, same text, one run.

    .venv/bin/python benches/sentence_peers.py [--mb 1] [--sample 400] [--repeats 3] [--json OUT]
    .venv/bin/python benches/sentence_peers.py --quick

Text: Reuters-21578 and BBC News articles (../shared/data), half and half by bytes, handed
to each tool one article at a time. Rows:

- newswire ``parse`` (the whole article parse: dateline, headline, paragraphs, sentences,
  quotes, dates...; sentences are one of its outputs),
- blingfire ``text_to_sentences_and_offsets``,
- pySBD ``Segmenter(language="en", clean=False, char_span=True)``,
- syntok ``segmenter.analyze``,
- NLTK Punkt ``PunktSentenceTokenizer.span_tokenize``. NLTK's pretrained Punkt models are
  a separate download that no PyPI package of NLTK ships, so Punkt is trained here, as it
  was designed to be (unsupervised), on the benchmark's own text; the training time is
  reported apart and not counted in the throughput.

Throughput is MB/s of UTF-8 text, the median of the repeats. Agreement is measured on a
sample of articles against newswire's sentences: a boundary is where a sentence ends
(trailing spaces dropped); boundaries before newswire's first sentence (datelines,
headlines) and at the end of the text are left out; precision is the share of a tool's
boundaries that newswire also has, recall the share of newswire's that the tool finds.
A tool that is not installed is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

Spans = list[tuple[int, int]]


def load(name: str, limit: int) -> list[str]:
    out, size = [], 0
    with (DATA / name).open(encoding="utf-8") as f:
        for line in f:
            if size >= limit:
                break
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                out.append(text)
                size += len(text.encode("utf-8"))
    return out


def corpus(megabytes: float) -> list[str]:
    half = int(megabytes * 1_000_000 / 2)
    return load("reuters21578.jsonl", half) + load("bbc.jsonl", half)


def sample_of(texts: list[str], n: int) -> list[str]:
    """Every k-th article, so that the sample spans both corpora."""
    if n >= len(texts):
        return texts
    step = len(texts) / n
    return [texts[int(i * step)] for i in range(n)]


class Tool:
    def __init__(self, name: str, note: str = "") -> None:
        self.name = name
        self.note = note
        self.split: Optional[Callable[[str], Spans]] = None
        self.setup_s: Optional[float] = None
        self.runs: list[float] = []
        self.sentences = 0
        self.precision: Optional[float] = None
        self.recall: Optional[float] = None
        self.agree = True


def newswire_tool() -> Tool:
    tool = Tool("newswire `parse` (whole article)")
    try:
        import newswire
    except ImportError:
        tool.note = "not installed (pip install ./python)"
        return tool

    def split(text: str) -> Spans:
        return [(s.start, s.end) for s in newswire.parse(text).sentences]

    tool.split = split
    return tool


def blingfire_tool() -> Tool:
    tool = Tool("blingfire `text_to_sentences_and_offsets`")
    try:
        import blingfire
    except ImportError:
        tool.note = "not installed"
        return tool

    def split(text: str) -> Spans:
        return list(blingfire.text_to_sentences_and_offsets(text)[1])

    tool.split = split
    return tool


def blingfire_plain_tool() -> Tool:
    """blingfire's fastest call: sentences as one string, no offsets (throughput only)."""
    tool = Tool("blingfire `text_to_sentences` (no offsets)")
    tool.agree = False
    try:
        import blingfire
    except ImportError:
        tool.note = "not installed"
        return tool

    def split(text: str) -> Spans:
        return [(0, 0)] * (blingfire.text_to_sentences(text).count("\n") + 1)

    tool.split = split
    return tool


def pysbd_tool() -> Tool:
    tool = Tool("pySBD `Segmenter(char_span=True)`")
    try:
        import pysbd
    except ImportError:
        tool.note = "not installed"
        return tool
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> Spans:
        return [(s.start, s.end) for s in seg.segment(text)]

    tool.split = split
    return tool


def syntok_tool() -> Tool:
    tool = Tool("syntok `segmenter.analyze`")
    try:
        from syntok import segmenter
    except ImportError:
        tool.note = "not installed"
        return tool

    def split(text: str) -> Spans:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                if sentence:
                    last = sentence[-1]
                    out.append((sentence[0].offset, last.offset + len(last.value)))
        return out

    tool.split = split
    return tool


def punkt_tool(train_on: list[str]) -> Tool:
    tool = Tool("NLTK Punkt, trained on this text")
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    except ImportError:
        tool.note = "not installed"
        return tool
    t = time.perf_counter()
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(train_on), finalize=True)
    tok = PunktSentenceTokenizer(trainer.get_params())
    tool.setup_s = time.perf_counter() - t

    def split(text: str) -> Spans:
        return list(tok.span_tokenize(text))

    tool.split = split
    return tool


def ends(text: str, spans: Iterable[tuple[int, int]], first: int) -> set[int]:
    """Sentence ends with trailing spaces dropped, after `first`, short of the text's end."""
    last = len(text.rstrip())
    out = set()
    for _, end in spans:
        end = min(end, len(text))
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if first < end < last:
            out.add(end)
    return out


def agreement(tool: Tool, reference: Tool, sample: list[str]) -> None:
    assert tool.split is not None and reference.split is not None
    both = ours = theirs = 0
    for text in sample:
        ref_spans = reference.split(text)
        first = ref_spans[0][0] if ref_spans else 0
        ref = ends(text, ref_spans, first)
        got = ends(text, tool.split(text), first)
        both += len(ref & got)
        ours += len(ref)
        theirs += len(got)
    tool.precision = both / theirs if theirs else None
    tool.recall = both / ours if ours else None


def measure(tool: Tool, texts: list[str], repeats: int) -> None:
    assert tool.split is not None
    for _ in range(repeats):
        t = time.perf_counter()
        n = sum(len(tool.split(text)) for text in texts)
        tool.runs.append(time.perf_counter() - t)
        tool.sentences = n


def fmt(x: Optional[float], pattern: str = "{:.1f}") -> str:
    return pattern.format(x) if x is not None else ""


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=1.0, help="megabytes of text for throughput")
    p.add_argument("--sample", type=int, default=400, help="articles for agreement")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--json", type=Path, help="write the results here as JSON")
    p.add_argument("--quick", action="store_true", help="0.1 MB, 60 articles, 1 repeat")
    args = p.parse_args(argv)
    if args.quick:
        args.mb, args.sample, args.repeats = 0.1, 60, 1
    if not (DATA / "reuters21578.jsonl").exists() or not (DATA / "bbc.jsonl").exists():
        print(f"note: the corpora in {DATA} are absent; nothing measured", file=sys.stderr)
        return 0
    texts = corpus(args.mb)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    sample = sample_of(texts, args.sample)
    reference = newswire_tool()
    if reference.split is None:
        print(f"error: newswire is {reference.note}", file=sys.stderr)
        return 1
    tools = [reference, blingfire_tool(), blingfire_plain_tool(), pysbd_tool(), syntok_tool(), punkt_tool(texts)]
    print(
        f"{len(texts)} articles, {nbytes / 1e6:.2f} MB; agreement on {len(sample)} articles",
        file=sys.stderr,
    )
    for tool in tools:
        if tool.split is None:
            print(f"  {tool.name}: {tool.note}", file=sys.stderr)
            continue
        print(f"  {tool.name} ...", file=sys.stderr)
        measure(tool, texts, args.repeats)
        if tool is not reference and tool.agree:
            agreement(tool, reference, sample)

    ours = reference.runs and nbytes / 1e6 / statistics.median(reference.runs)
    rows: list[dict[str, Any]] = []
    for tool in tools:
        mb_s = nbytes / 1e6 / statistics.median(tool.runs) if tool.runs else None
        rows.append(
            {
                "tool": tool.name,
                "note": tool.note,
                "mb_s": mb_s,
                "newswire_ratio": (ours / mb_s) if (mb_s and ours) else None,
                "sentences": tool.sentences if tool.runs else None,
                "precision": tool.precision,
                "recall": tool.recall,
                "setup_s": tool.setup_s,
                "runs_s": tool.runs,
            }
        )
    lines = [
        f"| tool | MB/s (median of {args.repeats}) | newswire × | sentences | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r["mb_s"] is None:
            lines.append(f"| {r['tool']} | {r['note']} | | | | |")
            continue
        lines.append(
            f"| {r['tool']} | {r['mb_s']:.2f} | {fmt(r['newswire_ratio'])} | {r['sentences']:,} | "
            f"{fmt(r['precision'], '{:.3f}')} | {fmt(r['recall'], '{:.3f}')} |"
        )
    print("\n".join(lines))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "articles": len(texts),
                    "bytes": nbytes,
                    "sample_articles": len(sample),
                    "repeats": args.repeats,
                    "rows": rows,
                },
                indent=1,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
