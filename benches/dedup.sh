#!/usr/bin/env bash
# Near-duplicate benchmarks (issue 16), each a JSON file in OUT:
#
#   dedup_quality.json    recall and precision of the index against the exact answer on
#                         Reuters-21578 (benches/dedup_quality.rs), window = the corpus;
#   dedup_tune.jsonl      the same for shingle lengths 3-8 and 64-256 hashes (full runs
#                         only): how the defaults were chosen;
#   dedup_speed.json      one thread: parse + sign + index against the UAX#29 sentence pass
#                         (benches/bench_dedup.rs);
#   dedup_datasketch.json datasketch's MinHashLSH on the same shingles (dedup_datasketch.py);
#   dedup_cli.json        `newswire annotate` against `annotate --near-duplicates` on
#                         Reuters-21578, one thread, rounds interleaved, medians;
#   dedup_stream.json     `annotate --near-duplicates` and `dedupe` over the large corpora
#                         (300 MB and 1 GB), peak RSS, window stated.
#
#   bash benches/dedup.sh [--quick] --out OUT
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
QUICK=0
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --out) OUT="$2"; shift ;;
    *) echo "usage: bash benches/dedup.sh [--quick] --out DIR" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$OUT" ] || { echo "usage: bash benches/dedup.sh [--quick] --out DIR" >&2; exit 2; }
mkdir -p "$OUT"
PY="${PY:-$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)}"
CLI="${NEWSWIRE_BIN:-target/release/newswire}"
BIN=target/release
REUTERS="$ROOT/../shared/data/reuters21578.jsonl"
if [ ! -f "$REUTERS" ]; then
  echo "note: $REUTERS is absent: near-duplicates are not measured" >&2
  echo '{"skipped": "corpora absent"}' > "$OUT/dedup_quality.json"
  exit 0
fi
fail=0

echo "dedup_quality (defaults) ..." >&2
"$BIN/dedup_quality" "$REUTERS" > "$OUT/dedup_quality.json" || fail=1
cat "$OUT/dedup_quality.json" >&2

: > "$OUT/dedup_tune.jsonl"
if [ "$QUICK" = 0 ]; then
  for s in 3 4 5 6 8; do
    for h in 64 128 256; do
      "$BIN/dedup_quality" --shingle-len "$s" --num-hashes "$h" "$REUTERS" 2>/dev/null >> "$OUT/dedup_tune.jsonl" || fail=1
    done
  done
fi

SHINGLES="$(mktemp)"
trap 'rm -f "$SHINGLES" "$SHINGLES".time' EXIT
echo "bench_dedup ..." >&2
"$BIN/bench_dedup" --shingles "$SHINGLES" $([ "$QUICK" = 1 ] && echo "--rounds 3") "$REUTERS" > "$OUT/dedup_speed.json" || fail=1
cat "$OUT/dedup_speed.json" >&2
echo "datasketch ..." >&2
"$PY" benches/dedup_datasketch.py "$SHINGLES" > "$OUT/dedup_datasketch.json" || fail=1
cat "$OUT/dedup_datasketch.json" >&2

# The CLI, one thread, the built-in gazetteer: rounds interleaved so that a change of load
# falls on both alike; medians of wall time.
ROUNDS=$([ "$QUICK" = 1 ] && echo 3 || echo 5)
: > "$SHINGLES.cli"
for r in $(seq "$ROUNDS"); do
  for mode in plain near; do
    flag=$([ "$mode" = near ] && echo --near-duplicates)
    /usr/bin/time -f '%e %U %M' -o "$SHINGLES.time" "$CLI" annotate --threads 1 $flag --jsonl "$REUTERS" > /dev/null || fail=1
    echo "$mode $(cat "$SHINGLES.time")" >> "$SHINGLES.cli"
  done
done
"$PY" - "$SHINGLES.cli" "$OUT/dedup_cli.json" "$CLI annotate --threads 1 [--near-duplicates] --jsonl $REUTERS" <<'PYEOF'
import json, os, statistics, sys
runs = {"plain": [], "near": []}
for line in open(sys.argv[1]):
    mode, wall, user, kb = line.split()
    runs[mode].append((float(wall), float(user), int(kb)))
med = lambda m, i: statistics.median(r[i] for r in runs[m])
doc = {"command": sys.argv[3], "rounds": len(runs["plain"]),
       "annotate_seconds": med("plain", 0), "near_duplicates_seconds": med("near", 0),
       "annotate_user_seconds": med("plain", 1), "near_duplicates_user_seconds": med("near", 1),
       "annotate_peak_rss_kb": max(r[2] for r in runs["plain"]),
       "near_duplicates_peak_rss_kb": max(r[2] for r in runs["near"]),
       "load_average": os.getloadavg()[0]}
doc["extra_time"] = doc["near_duplicates_seconds"] / doc["annotate_seconds"] - 1
doc["extra_user_time"] = doc["near_duplicates_user_seconds"] / doc["annotate_user_seconds"] - 1
json.dump(doc, open(sys.argv[2], "w"), indent=1)
print(json.dumps(doc), file=sys.stderr)
PYEOF
rm -f "$SHINGLES.cli"

# `annotate --near-duplicates` and `dedupe` over the large corpora (repeated Reuters and
# BBC: every article has copies in the window), peak RSS against size with the default
# window of 100,000 articles. 300 MB (some 285,000 articles) is past the point where the
# window is full, so the index's memory is at its ceiling from there on.
: > "$SHINGLES.stream"
mkdir -p target/bench
for mb in $([ "$QUICK" = 1 ] && echo "5 20" || echo "300 1000"); do
  corpus="target/bench/corpus-${mb}MB.jsonl"
  [ -f "$corpus" ] || "$PY" benches/make_corpus.py "$mb" "$corpus" >&2 || { fail=1; continue; }
  /usr/bin/time -f '%e %M' -o "$SHINGLES.time" "$CLI" dedupe --threads 2 --jsonl "$corpus" > "$SHINGLES.groups" || fail=1
  /usr/bin/time -f '%e %M' -o "$SHINGLES.time2" "$CLI" annotate --near-duplicates --threads 2 --jsonl "$corpus" > /dev/null || fail=1
  echo "$mb $(stat -c %s "$corpus") $(wc -l < "$corpus") $(wc -l < "$SHINGLES.groups") $(cat "$SHINGLES.time") $(cat "$SHINGLES.time2")" >> "$SHINGLES.stream"
done
rm -f "$SHINGLES.groups"
"$PY" - "$SHINGLES.stream" "$OUT/dedup_stream.json" "$CLI dedupe --threads 2 --jsonl CORPUS" <<'PYEOF'
import json, os, sys
runs = []
for line in open(sys.argv[1]):
    mb, size, articles, groups, wall, kb, a_wall, a_kb = line.split()
    runs.append({"size_mb": int(mb), "file_bytes": int(size), "articles": int(articles),
                 "groups": int(groups), "seconds": float(wall), "peak_rss_kb": int(kb),
                 "file_mb_s": int(size) / 1e6 / max(float(wall), 1e-9),
                 "annotate_seconds": float(a_wall), "annotate_peak_rss_kb": int(a_kb)})
doc = {"command": sys.argv[3], "annotate_command": sys.argv[3].replace("dedupe", "annotate --near-duplicates"),
       "window_articles": 100000, "runs": runs,
       "load_average": os.getloadavg()[0]}
json.dump(doc, open(sys.argv[2], "w"), indent=1)
print(json.dumps(doc), file=sys.stderr)
PYEOF
rm -f "$SHINGLES.stream"
exit $fail
