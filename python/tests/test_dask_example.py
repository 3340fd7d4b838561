"""examples/python/dask_batch.py end to end on a slice of the Reuters corpus, on a
LocalCluster of worker processes: map_partitions on the Arrow path, Parquet out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newswire
from conftest import REPO, SHARED_DATA

EXAMPLE = REPO / "examples" / "python" / "dask_batch.py"
CORPUS = SHARED_DATA / "reuters21578.jsonl"
LINES = 200


def test_dask_example_on_reuters_slice(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    if not CORPUS.exists():
        print(f"note: {CORPUS} is absent; skipping the Dask example run", file=sys.stderr)
        pytest.skip(f"{CORPUS} is absent")
    # A slice with a broken line and a record without text, to see error rows in place.
    with CORPUS.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(LINES)]
    lines[10] = "{broken json\n"
    lines[20] = json.dumps({"id": "no-text"}) + "\n"
    source = tmp_path / "slice.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), str(source), str(out), "--workers", "2", "--blocksize", "40kB", "--articles"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"annotated {LINES} lines" in proc.stderr
    mentions = pq.read_table(out / "mentions").to_pylist()
    articles = pq.read_table(out / "articles").to_pylist()
    assert len(articles) == LINES
    errors = [a for a in articles if a["error"] is not None]
    assert [(a["id"], a["error"]) for a in errors] == [(None, "text is null"), ("no-text", "text is null")]

    matcher = newswire.Matcher(newswire.Gazetteer.default())
    by_id: dict[str, list[tuple[int, int, str, str, str, int]]] = {}
    for m in mentions:
        by_id.setdefault(m["id"], []).append(
            (m["start"], m["end"], m["text"], m["entity_id"], m["via"], m["candidates"])
        )
    for n, line in enumerate(lines):
        if n in (10, 20):
            continue
        src = json.loads(line)
        text = src["text"]
        got = by_id.get(str(src["id"]), [])
        for start, end, found, *_ in got:
            assert text[start:end] == found
        if n % 37 == 0:
            doc = matcher.annotate(text)
            want = [(m.start, m.end, m.text, m.entity_ids[0], m.via, len(m.entity_ids)) for m in doc.mentions]
            assert got == want
    with_dateline = sum(1 for a in articles if a["dateline"])
    assert with_dateline > LINES // 2
    assert len(mentions) > LINES
