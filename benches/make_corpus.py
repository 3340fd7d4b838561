#!/usr/bin/env python3
"""Write a large JSON Lines corpus by repeating the real articles with fresh ids.

    python3 benches/make_corpus.py MEGABYTES OUT.jsonl

Reuters-21578 and BBC News (../shared/data/*.jsonl), in that order, again and again, until
OUT holds at least MEGABYTES × 10^6 bytes. Each copy of an article gets a fresh id
(`reuters-17~3` is the fourth copy of `reuters-17`), its text unchanged. Prints the number
of articles and bytes written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SOURCES = ["reuters21578.jsonl", "bbc.jsonl"]


def articles() -> list[tuple[str, str]]:
    out = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                text = record.get("text")
                if isinstance(text, str) and text:
                    # The text is encoded once; each copy only formats a new id around it.
                    out.append((str(record.get("id", "")), json.dumps(text, ensure_ascii=False)))
    return out


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target = int(float(sys.argv[1]) * 1_000_000)
    out = Path(sys.argv[2])
    base = articles()
    if not base:
        sys.exit(f"no articles in {DATA}")
    written = count = copy = 0
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        while written < target:
            for ident, text in base:
                line = f'{{"id": {json.dumps(f"{ident}~{copy}")}, "text": {text}}}\n'
                f.write(line)
                written += len(line.encode("utf-8"))
                count += 1
                if written >= target:
                    break
            copy += 1
    tmp.replace(out)
    print(f"{out}: {count} articles, {written} bytes, {copy} passes over {len(base)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
