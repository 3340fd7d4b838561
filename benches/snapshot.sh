#!/usr/bin/env bash
# Matcher snapshots (issue 13): compile, load, match, share, the CLI on them, and a check
# that the CLI's output is the same from a snapshot as from the JSON Lines gazetteer.
#
#   bash benches/snapshot.sh [--quick] --out DIR [--commands FILE] [--skips FILE]
#
# Writes into DIR:
#   snapshot_compile.json      `newswire compile` of each gazetteer: its time, peak memory
#                              (/usr/bin/time), the snapshot's size beside the JSON Lines file's;
#   snapshot_startup.json      `bench_snapshot startup`: Matcher::load against loading and
#                              building from JSON Lines and against reading the file once, each
#                              in fresh processes, rounds interleaved;
#   snapshot_match_LABEL.json  `bench_snapshot match`: find from the loaded snapshot against the
#                              freshly built matcher, same process, rounds interleaved;
#   snapshot_share.json        `bench_snapshot share`: summed PSS of 4 processes at once, each
#                              loading the snapshot and matching the same text, against one alone;
#   snapshot_cli_threads.json  `newswire annotate --threads 2` against `--threads 1` with the
#                              snapshot, whole process (/usr/bin/time), rounds alternating;
#   snapshot_identity.json     the check: `newswire annotate` on Reuters-21578 with
#                              `--gazetteer G.jsonl` and with `--gazetteer G.nwsnap`, byte for byte.
#
# Full: gazetteers of 357k and 1.2M names (startup and share on 1.2M, the CLI and the check
# on 357k, the CLI on the 100 MB corpus, 9 rounds). --quick: 10k and 100k names, 5 MB,
# few rounds. The snapshots are written to target/bench/snapshots/ by every run (so they are
# this build's). --commands FILE: the commands are appended to it (KEY<TAB>COMMAND, as
# benches/run.sh's `rec` does); --skips FILE: what is skipped is noted in it.
#
# Without the GeoNames gazetteers (benches/gazetteers.py, which needs ../shared/tools) or
# the corpora (../shared/data), the parts that need them are skipped with a note. The exit
# code is 1 when a measurement fails, or when the check finds a difference (or `match`
# finds that the loaded and the built matcher differ).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

QUICK=0
OUT=""
COMMANDS=""
SKIPS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --out) OUT="$2"; shift ;;
    --commands) COMMANDS="$2"; shift ;;
    --skips) SKIPS="$2"; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "usage: bash benches/snapshot.sh [--quick] --out DIR [--commands FILE] [--skips FILE]" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$OUT" ] || { echo "usage: bash benches/snapshot.sh [--quick] --out DIR [--commands FILE] [--skips FILE]" >&2; exit 2; }
mkdir -p "$OUT"

PY="${PYTHON:-python3}"
[ -x "$ROOT/.venv/bin/python" ] && PY="$ROOT/.venv/bin/python"
CLI="${NEWSWIRE_BIN:-target/release/newswire}"
BENCH="target/release/bench_snapshot"
GAZDIR="target/bench/gazetteers"
SNAPDIR="target/bench/snapshots"
DATA="$ROOT/../shared/data"
REUTERS="$DATA/reuters21578.jsonl"

if [ "$QUICK" = 1 ]; then
  LABELS="10k 100k"          # compiled, sized, and peak memory
  STARTUP=100k; STARTUP_ROUNDS=3
  MATCH="100k"; MATCH_MB=2; MATCH_ROUNDS=5
  SHARE=100k; SHARE_MB=1; SHARE_ROUNDS=1
  THREADS_LABEL=100k; THREADS_MB=5; THREADS_ROUNDS=3
  CHECK=10k
else
  LABELS="357k 1.2M"
  STARTUP=1.2M; STARTUP_ROUNDS=5
  MATCH="357k 1.2M"; MATCH_MB=0; MATCH_ROUNDS=9
  SHARE=1.2M; SHARE_MB=4; SHARE_ROUNDS=3
  THREADS_LABEL=357k; THREADS_MB=100; THREADS_ROUNDS=9
  CHECK=357k
fi

FAILED=0
note() {
  echo "note: $*" >&2
  if [ -n "$SKIPS" ]; then printf '%s\n' "$*" >> "$SKIPS"; fi
}
# rec KEY COMMAND...: note the command under KEY, then run it.
rec() {
  local key="$1"; shift
  if [ -n "$COMMANDS" ]; then printf '%s\t%s\n' "$key" "$*" >> "$COMMANDS"; fi
  "$@"
}
failed() { echo "!! snapshot: $*" >&2; FAILED=1; }
gaz() { echo "$GAZDIR/geonames-$1.jsonl"; }
snap() { echo "$SNAPDIR/geonames-$1.nwsnap"; }
have_snap() { [ -f "$(snap "$1")" ]; }
skipped() { printf '{"skipped": "%s"}\n' "$2" > "$OUT/$1"; }

rm -f "$OUT"/snapshot_*.json
for need in "$CLI" "$BENCH"; do
  [ -x "$need" ] || { echo "error: $need is missing (cargo build --release -p newswire-cli -p newswire-bench --bins)" >&2; exit 1; }
done
if ! "$CLI" compile --help >/dev/null 2>&1; then
  echo "error: $CLI has no \`compile\` (build it: cargo build --release -p newswire-cli)" >&2
  exit 1
fi
mkdir -p "$SNAPDIR"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# ---- compile: time, peak memory, sizes ------------------------------------------------------
: > "$TMP/compile.jsonl"
for label in $LABELS; do
  g="$(gaz "$label")"; s="$(snap "$label")"
  if [ ! -f "$g" ]; then
    note "snapshots: $g is absent (benches/gazetteers.py needs ../shared/tools); its snapshot is not compiled"
    continue
  fi
  rm -f "$s"
  echo "newswire compile $g -o $s ..." >&2
  if [ -n "$COMMANDS" ]; then
    printf 'snapshot_compile\t%s\n' "/usr/bin/time -f '%e %M' $CLI compile $g -o $s" >> "$COMMANDS"
  fi
  if ! /usr/bin/time -f '%e %M' -o "$TMP/time" "$CLI" compile "$g" -o "$s"; then
    failed "newswire compile $g failed"
    continue
  fi
  read -r secs kb < "$TMP/time"
  "$PY" - "$label" "$g" "$s" "$secs" "$kb" >> "$TMP/compile.jsonl" <<'PYEOF'
import json, os, sys
label, g, s, secs, kb = sys.argv[1:]
entities = names = 0
with open(g, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            entities += 1
            names += 1 + len(json.loads(line).get("aliases") or [])
print(json.dumps({"label": label, "gazetteer": g, "snapshot": s, "entities": entities, "names": names,
                  "gazetteer_bytes": os.path.getsize(g), "snapshot_bytes": os.path.getsize(s),
                  "seconds": float(secs), "peak_rss_kb": int(kb)}))
PYEOF
done
if [ -s "$TMP/compile.jsonl" ]; then
  "$PY" - "$TMP/compile.jsonl" "$OUT/snapshot_compile.json" <<'PYEOF'
import json, os, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
json.dump({"what": "compile", "load_average": os.getloadavg()[0], "runs": runs}, open(sys.argv[2], "w"), indent=1)
for r in runs:
    print(f"compile {r['label']:>5}: {r['names']:,} names, JSON Lines {r['gazetteer_bytes'] / 1e6:.1f} MB, "
          f"snapshot {r['snapshot_bytes'] / 1e6:.1f} MB, {r['seconds']:.2f} s, peak RSS {r['peak_rss_kb'] / 1024:.0f} MB", file=sys.stderr)
PYEOF
else
  skipped snapshot_compile.json "no gazetteers"
fi

# ---- load against build and against reading the file -------------------------------------------
if have_snap "$STARTUP"; then
  rec snapshot_startup "$BENCH" startup --snapshot "$(snap "$STARTUP")" --gazetteer "$(gaz "$STARTUP")" \
    --rounds "$STARTUP_ROUNDS" > "$OUT/snapshot_startup.json" || failed "bench_snapshot startup failed"
else
  note "snapshots: no $STARTUP snapshot; load and build not measured"
  skipped snapshot_startup.json "no $STARTUP snapshot"
fi

# ---- the corpora ---------------------------------------------------------------------------------
if [ ! -f "$REUTERS" ]; then
  note "snapshots: $REUTERS is absent; matching, memory sharing, the CLI and the check are skipped"
  for f in snapshot_share.json snapshot_cli_threads.json snapshot_identity.json; do skipped "$f" "corpora absent"; done
  exit "$FAILED"
fi

# ---- matching from the snapshot against the built matcher ---------------------------------------
for label in $MATCH; do
  if ! have_snap "$label"; then
    note "snapshots: no $label snapshot; matching not measured"
    continue
  fi
  rec snapshot_match "$BENCH" match --snapshot "$(snap "$label")" --gazetteer "$(gaz "$label")" \
    --mb "$MATCH_MB" --rounds "$MATCH_ROUNDS" > "$TMP/match.json" || { failed "bench_snapshot match ($label) failed"; continue; }
  "$PY" - "$TMP/match.json" "$label" "$OUT/snapshot_match_$label.json" <<'PYEOF' || failed "match ($label): the loaded and the built matcher differ"
import json, sys
r = json.load(open(sys.argv[1]))
r["label"] = sys.argv[2]
json.dump(r, open(sys.argv[3], "w"), indent=1)
sys.exit(0 if r.get("identical", True) else 1)
PYEOF
done

# ---- memory shared by processes --------------------------------------------------------------
if have_snap "$SHARE"; then
  rec snapshot_share "$BENCH" share --snapshot "$(snap "$SHARE")" --mb "$SHARE_MB" --procs 4 \
    --rounds "$SHARE_ROUNDS" > "$OUT/snapshot_share.json" || failed "bench_snapshot share failed"
else
  note "snapshots: no $SHARE snapshot; memory sharing not measured"
  skipped snapshot_share.json "no $SHARE snapshot"
fi

# ---- the CLI: --threads 2 against --threads 1, whole process ------------------------------------
corpus="target/bench/corpus-${THREADS_MB}MB.jsonl"
if [ ! -f "$corpus" ] && [ -f "$DATA/bbc.jsonl" ]; then
  "$PY" benches/make_corpus.py "$THREADS_MB" "$corpus" >&2 || failed "make_corpus.py $THREADS_MB failed"
fi
if have_snap "$THREADS_LABEL" && [ -f "$corpus" ]; then
  s="$(snap "$THREADS_LABEL")"
  if [ -n "$COMMANDS" ]; then
    printf 'snapshot_cli_threads\t%s\n' "for $THREADS_ROUNDS rounds, N = 1 then 2 (2 then 1 in every other round): /usr/bin/time -f '%e %U %S %M' $CLI annotate --gazetteer $s --threads N --jsonl $corpus > /dev/null" >> "$COMMANDS"
  fi
  : > "$TMP/threads.jsonl"
  for r in $(seq "$THREADS_ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="1 2"; else order="2 1"; fi
    for t in $order; do
      if ! /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$CLI" annotate --gazetteer "$s" --threads "$t" --jsonl "$corpus" > /dev/null; then
        failed "newswire annotate --threads $t failed"
        break 2
      fi
      read -r e u sy kb < "$TMP/time"
      printf '{"round": %s, "threads": %s, "seconds": %s, "user_s": %s, "sys_s": %s, "peak_rss_kb": %s}\n' "$r" "$t" "$e" "$u" "$sy" "$kb" >> "$TMP/threads.jsonl"
      echo "annotate round $r, --threads $t: $e s wall, $u s user, $sy s sys" >&2
    done
  done
  "$PY" - "$TMP/threads.jsonl" "$OUT/snapshot_cli_threads.json" "$THREADS_LABEL" "$s" "$corpus" "$THREADS_ROUNDS" <<'PYEOF' || failed "the CLI threads summary failed"
import json, os, statistics, sys
path, out, label, snap, corpus, rounds = sys.argv[1:]
runs = [json.loads(l) for l in open(path) if l.strip()]
by = {}
for r in runs:
    r["cores_used"] = (r["user_s"] + r["sys_s"]) / r["seconds"] if r["seconds"] > 0 else None
    by.setdefault(r["round"], {})[r["threads"]] = r
pairs = [(v[1], v[2]) for v in by.values() if 1 in v and 2 in v]
speedups = [a["seconds"] / b["seconds"] for a, b in pairs if b["seconds"] > 0]
med = lambda xs: statistics.median(xs) if xs else None  # noqa: E731
doc = {
    "what": "cli_threads", "gazetteer": label, "snapshot": snap, "snapshot_bytes": os.path.getsize(snap),
    "corpus": corpus, "corpus_bytes": os.path.getsize(corpus), "rounds": int(rounds), "cores": os.cpu_count(),
    "one": {"median_s": med([a["seconds"] for a, _ in pairs]), "cores_used": med([a["cores_used"] for a, _ in pairs]),
            "peak_rss_kb": med([a["peak_rss_kb"] for a, _ in pairs])},
    "two": {"median_s": med([b["seconds"] for _, b in pairs]), "cores_used": med([b["cores_used"] for _, b in pairs]),
            "peak_rss_kb": med([b["peak_rss_kb"] for _, b in pairs])},
    "speedup": med(speedups), "speedups": speedups, "load_average": os.getloadavg()[0], "runs": runs,
}
json.dump(doc, open(out, "w"), indent=1)
print(f"annotate --threads 2 over --threads 1: ×{doc['speedup']:.2f} (median of {len(speedups)} rounds; "
      f"2 threads had {doc['two']['cores_used']:.2f} cores' worth of CPU time)", file=sys.stderr)
PYEOF
else
  note "snapshots: no $THREADS_LABEL snapshot or no $corpus; the CLI threads comparison is skipped"
  skipped snapshot_cli_threads.json "no $THREADS_LABEL snapshot or corpus"
fi

# ---- the check: the same output from the snapshot as from the JSON Lines gazetteer --------------
if have_snap "$CHECK"; then
  g="$(gaz "$CHECK")"; s="$(snap "$CHECK")"
  echo "newswire annotate on $REUTERS with $g and with $s ..." >&2
  rec snapshot_identity "$CLI" annotate --gazetteer "$g" --jsonl "$REUTERS" > "$TMP/from-jsonl.out" 2> "$TMP/from-jsonl.err" || failed "annotate --gazetteer $g failed"
  rec snapshot_identity "$CLI" annotate --gazetteer "$s" --jsonl "$REUTERS" > "$TMP/from-snapshot.out" 2> "$TMP/from-snapshot.err" || failed "annotate --gazetteer $s failed"
  cat "$TMP/from-jsonl.err" "$TMP/from-snapshot.err" >&2
  "$PY" - "$TMP/from-jsonl.out" "$TMP/from-snapshot.out" "$OUT/snapshot_identity.json" "$CHECK" "$g" "$s" "$REUTERS" <<'PYEOF' || failed "the CLI's output differs between $g and $s"
import hashlib, json, sys
a, b, out, label, g, s, corpus = sys.argv[1:]
def digest(p):
    h, lines, size = hashlib.sha256(), 0, 0
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk); size += len(chunk); lines += chunk.count(b"\n")
    return {"sha256": h.hexdigest(), "bytes": size, "lines": lines}
da, db = digest(a), digest(b)
first = None
if da != db:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        for n, (x, y) in enumerate(zip(fa, fb), 1):
            if x != y:
                first = n
                break
mentions = 0
with open(b, encoding="utf-8") as f:
    for line in f:
        mentions += len(json.loads(line).get("mentions") or [])
doc = {"what": "identity", "gazetteer": label, "jsonl": g, "snapshot": s, "corpus": corpus,
       "from_jsonl": da, "from_snapshot": db, "identical": da == db, "first_different_line": first,
       "mentions": mentions}
json.dump(doc, open(out, "w"), indent=1)
print(f"check: {da['lines']:,} lines, {da['bytes'] / 1e6:.1f} MB from {g}; {db['lines']:,} lines, "
      f"{db['bytes'] / 1e6:.1f} MB from {s}: {'identical' if da == db else f'DIFFERENT (first at line {first})'}", file=sys.stderr)
sys.exit(0 if da == db else 1)
PYEOF
  rm -f "$TMP"/from-*.out
else
  note "snapshots: no $CHECK snapshot; the CLI output check is skipped"
  skipped snapshot_identity.json "no $CHECK snapshot"
fi

exit "$FAILED"
