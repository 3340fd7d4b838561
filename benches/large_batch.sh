#!/usr/bin/env bash
# Large batches: a corpus made by repeating the real Reuters-21578 and BBC News articles
# with fresh ids (benches/make_corpus.py), streamed through `newswire annotate` and through
# the Rust batch API (benches/bench_stream.rs), at two or more input sizes. Reports
# throughput and peak resident memory (VmHWM, from /usr/bin/time or /proc) for each, so
# that memory can be seen to stay flat as the input grows.
#
#   bash benches/large_batch.sh [--quick] [--out FILE.json]
#
# Full: 100 MB and 1000 MB with the GeoNames 357k-name gazetteer; --quick: 5 MB and 20 MB
# with the 10k-name one. Expects `cargo build --release -p newswire-cli -p newswire-bench
# --bins` and `benches/gazetteers.py` to have run (benches/run.sh does both). The corpora are
# written to target/bench/ and kept for the next run. NEWSWIRE_BIN overrides the CLI's path.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

QUICK=0
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --out) OUT="$2"; shift ;;
    *) echo "usage: bash benches/large_batch.sh [--quick] [--out FILE.json]" >&2; exit 2 ;;
  esac
  shift
done

PY="${PYTHON:-python3}"
[ -x "$ROOT/.venv/bin/python" ] && PY="$ROOT/.venv/bin/python"
if [ "$QUICK" = 1 ]; then SIZES="5 20"; LABEL=10k; else SIZES="100 1000"; LABEL=357k; fi
THREADS="${NEWSWIRE_BENCH_THREADS:-$(nproc)}"
GAZ="target/bench/gazetteers/geonames-$LABEL.jsonl"
CLI="${NEWSWIRE_BIN:-target/release/newswire}"
STREAM="target/release/bench_stream"
DATA="$ROOT/../shared/data"

if [ ! -f "$DATA/reuters21578.jsonl" ] || [ ! -f "$DATA/bbc.jsonl" ]; then
  echo "note: $DATA is absent; large-batch bench skipped" >&2
  [ -n "$OUT" ] && echo '{"skipped": "corpora absent"}' > "$OUT"
  exit 0
fi
for need in "$GAZ" "$STREAM"; do
  [ -e "$need" ] || { echo "error: $need is missing (run benches/run.sh)" >&2; exit 1; }
done
if ! "$CLI" annotate --help >/dev/null 2>&1; then
  echo "error: $CLI has no working \`annotate\` (build it: cargo build --release -p newswire-cli)" >&2
  exit 1
fi

RUNS="$(mktemp)"
trap 'rm -f "$RUNS" "$RUNS".time' EXIT

for mb in $SIZES; do
  corpus="target/bench/corpus-${mb}MB.jsonl"
  if [ ! -f "$corpus" ]; then
    "$PY" benches/make_corpus.py "$mb" "$corpus" >&2
  fi
  bytes=$(stat -c %s "$corpus")
  articles=$(wc -l < "$corpus")

  echo "newswire annotate --threads $THREADS on $corpus ..." >&2
  /usr/bin/time -f '%e %M' -o "$RUNS.time" \
    "$CLI" annotate --gazetteer "$GAZ" --threads "$THREADS" --jsonl "$corpus" > /dev/null
  read -r secs kb < "$RUNS.time"
  printf '{"tool": "newswire annotate (CLI)", "threads": %s, "size_mb": %s, "file_bytes": %s, "articles": %s, "seconds": %s, "peak_rss_kb": %s, "command": "%s"}\n' \
    "$THREADS" "$mb" "$bytes" "$articles" "$secs" "$kb" \
    "/usr/bin/time -f '%e %M' $CLI annotate --gazetteer $GAZ --threads $THREADS --jsonl $corpus > /dev/null" >> "$RUNS"

  echo "Batch::stream --threads $THREADS on $corpus ..." >&2
  /usr/bin/time -f '%e %M' -o "$RUNS.time" \
    "$STREAM" --gazetteer "$GAZ" --threads "$THREADS" "$corpus" > "$RUNS.stream"
  read -r secs kb < "$RUNS.time"
  "$PY" - "$RUNS.stream" "$mb" "$secs" "$kb" \
    "/usr/bin/time -f '%e %M' $STREAM --gazetteer $GAZ --threads $THREADS $corpus" >> "$RUNS" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["command"] = sys.argv[5]
# `seconds` is the whole process's wall time, as for the CLI; the stream alone is apart.
r["stream_seconds"] = r.pop("seconds")
r.update({"tool": "Rust Batch::stream", "size_mb": float(sys.argv[2]), "seconds": float(sys.argv[3]), "peak_rss_kb": int(sys.argv[4])})
print(json.dumps(r))
PYEOF
  rm -f "$RUNS.stream"
done

"$PY" - "$RUNS" "$LABEL" "$GAZ" "${OUT:-/dev/stdout}" <<'PYEOF'
import json, os, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in runs:
    r["file_mb_s"] = r["file_bytes"] / 1e6 / (r.get("seconds") or 1e-9)
    r["peak_rss_mb"] = r["peak_rss_kb"] / 1024
gaz = sys.argv[3]
names = sum(1 + len(json.loads(l).get("aliases") or []) for l in open(gaz) if l.strip())
doc = {"gazetteer": sys.argv[2], "names": names, "load_average": os.getloadavg()[0], "runs": runs}
with open(sys.argv[4], "w") as f:
    f.write(json.dumps(doc, indent=1) + "\n")
for r in runs:
    print(f"{r['tool']:28} {r['size_mb']:>6} MB  {r['file_mb_s']:7.1f} MB/s  peak RSS {r['peak_rss_mb']:7.1f} MB", file=sys.stderr)
PYEOF
