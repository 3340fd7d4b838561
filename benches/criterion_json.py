#!/usr/bin/env python3
"""Gather criterion's results of the last run into one JSON file.

    python3 benches/criterion_json.py [CRITERION_DIR] OUT.json

CRITERION_DIR defaults to target/criterion. For every benchmark (each `new/` folder): its
id, the median time per iteration and its 95% interval from criterion's `estimates.json`,
and, where the benchmark declares a byte throughput, MB/s (10^6 bytes) from the median.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    args = sys.argv[1:]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    base = Path(args[0]) if len(args) == 2 else ROOT / "target" / "criterion"
    out = Path(args[-1])
    rows = []
    for meta_path in sorted(base.glob("**/new/benchmark.json")):
        meta = json.loads(meta_path.read_text())
        est = json.loads((meta_path.parent / "estimates.json").read_text())
        median = est["median"]["point_estimate"]
        ci = est["median"]["confidence_interval"]
        throughput = meta.get("throughput") or {}
        nbytes = throughput.get("Bytes") or throughput.get("BytesDecimal")
        rows.append(
            {
                "id": meta["full_id"],
                "group": meta["group_id"],
                "function": meta.get("function_id"),
                "median_ns": median,
                "median_ci_ns": [ci["lower_bound"], ci["upper_bound"]],
                "bytes": nbytes,
                "mb_s": (nbytes / 1e6) / (median / 1e9) if nbytes and median else None,
                "mb_s_ci": [(nbytes / 1e6) / (ci["upper_bound"] / 1e9), (nbytes / 1e6) / (ci["lower_bound"] / 1e9)]
                if nbytes and ci["lower_bound"] > 0
                else None,
            }
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"benchmarks": rows}, indent=1) + "\n")
    print(f"{out}: {len(rows)} criterion benchmarks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
