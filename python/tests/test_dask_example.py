"""examples/python/dask_batch.py end to end on a slice of the Reuters corpus, on a
LocalCluster of worker processes."""

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
    if not CORPUS.exists():
        print(f"note: {CORPUS} is absent; skipping the Dask example run", file=sys.stderr)
        pytest.skip(f"{CORPUS} is absent")
    # A slice with a broken line and a record without text, to see error records in place.
    with CORPUS.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(LINES)]
    lines[10] = "{broken json\n"
    lines[20] = json.dumps({"id": "no-text"}) + "\n"
    source = tmp_path / "slice.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), str(source), str(out), "--workers", "2", "--partition-size", "40"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"wrote {LINES} records" in proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == LINES

    matcher = newswire.Matcher(newswire.Gazetteer.default())
    for n, (line, rec) in enumerate(zip(lines, records)):
        if n == 10:
            assert rec["id"] is None and "not JSON" in rec["error"]
            continue
        if n == 20:
            assert rec["id"] == "no-text" and "must be str" in rec["error"]
            continue
        src = json.loads(line)
        assert rec["id"] == src["id"]
        text = src["text"]
        for m in rec["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
        for s in rec["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
        if n % 37 == 0:
            local = {"id": src["id"], **matcher.annotate(text).to_dict()}
            assert rec == local
    with_dateline = sum(1 for r in records if r.get("dateline"))
    assert with_dateline > LINES // 2
    assert sum(len(r.get("mentions", [])) for r in records) > LINES
