#!/usr/bin/env python3
"""datasketch's MinHashLSH on the same shingles as newswire's index, for the speed row of
the near-duplicate benchmarks.

    python benches/dedup_datasketch.py SHINGLES.jsonl [--num-perm 128] [--threshold 0.8]

SHINGLES.jsonl is what `bench_dedup --shingles` writes: one JSON array of 64-bit shingle
hashes per article, in input order. Each article's MinHash is made from its shingles (as
8-byte strings, datasketch's default SHA-1 hashing) and, in input order, the index is
queried for the article and then the article inserted: the streaming use newswire's index
makes. Loading the file is not timed. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shingles")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.8)
    args = ap.parse_args()
    try:
        import datasketch
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        print(json.dumps({"skipped": "datasketch is not installed"}))
        return 0
    with open(args.shingles) as f:
        docs = [[h.to_bytes(8, "little") for h in json.loads(line)] for line in f]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    candidates = 0
    for i, shingles in enumerate(docs):
        if not shingles:
            continue
        m = MinHash(num_perm=args.num_perm)
        m.update_batch(shingles)
        candidates += len(lsh.query(m))
        lsh.insert(i, m)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(json.dumps({
        "tool": f"datasketch {datasketch.__version__} MinHashLSH",
        "articles": len(docs),
        "num_perm": args.num_perm,
        "threshold": args.threshold,
        "candidates": candidates,
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "load_average": os.getloadavg()[0],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
