#!/usr/bin/env bash
# The whole benchmark suite, one command:
#
#   bash benches/run.sh            # full: results into benches/results/, then BENCHMARKS.md
#   bash benches/run.sh --quick    # small slices, a few minutes; results into benches/out/quick/
#
# What runs, in order (each step's output is kept in the results folder):
#   1. the machine (cores, CPU, memory, load) and a virtualenv (.venv) with
#      benches/requirements.txt from PyPI, and the newswire Python package (./python);
#   2. the GeoNames gazetteers (benches/gazetteers.py; 1k, 10k, 100k, 357k, 1.2M names);
#   3. release builds of the CLI, the measuring programs and every criterion bench (the
#      `newswire-bench` package in this folder);
#   4. criterion: parse, matching, batch, gazetteer, capi (benches/*.rs), medians to
#      criterion.json (`--quick` runs criterion's quick mode on small slices, and leaves
#      out `matching`, which needs the whole corpus and the 357k-name gazetteer);
#   5. scaling curves (benches/bench_scaling.rs): throughput against gazetteer size (beside
#      the naive scan and daachorse), article size and threads (beside the naive scan on
#      one thread), each point beside its baseline in the same run;
#   6. gazetteer load and build time and peak memory against size, one process each
#      (benches/bench_build.rs), the naive automaton beside it;
#  6b. matcher snapshots (benches/snapshot.sh, benches/bench_snapshot.rs): `newswire compile`
#      size and peak memory, load against build and against a file read, matching from a
#      snapshot, memory shared by 4 processes, `annotate --threads 2` against 1 on a
#      snapshot, and a check that the CLI's output is the same from a snapshot (357k and
#      1.2M names; --quick: 10k and 100k);
#   7. large batches through `newswire annotate` and the Rust batch API
#      (benches/large_batch.sh: 100 MB and 1 GB; --quick: 5 and 20 MB), and the stress run
#      (scripts/stress.sh: 1% bad lines, SIGINT; 100 MB and 1 GB; --quick: 2 and 8 MB);
#   8. the Python peers for matching (benches/python_peers.py) and for sentence splitting
#      (benches/sentence_peers.py), and pickling a matcher through its snapshot against
#      building it (benches/python_snapshot.py; skipped, with a note, by a package without
#      Matcher.load);
#  8c. the Python Arrow path (benches/python_arrow.py: annotate_arrow against the CLI, text to
#      pandas through Arrow against Document objects, the Spark example in local mode);
#  8d. near-duplicates (benches/dedup.sh: quality against exact Jaccard, speed, memory);
#   9. the plots (benches/plot.py) and the report (benches/report.py -> BENCHMARKS.md).
#
# A step that fails is reported and the others still run; the command then exits 1.
# Data that is absent (../shared/data) is skipped with a note, as the benches do.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

QUICK=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) echo "usage: bash benches/run.sh [--quick]" >&2; exit 2 ;;
  esac
done

if [ "$QUICK" = 1 ]; then
  OUT="benches/out/quick"
  export NEWSWIRE_BENCH_QUICK=1
  CRIT_ARGS=(--quick)
else
  OUT="benches/results"
  unset NEWSWIRE_BENCH_QUICK
  CRIT_ARGS=()
fi
mkdir -p "$OUT"
LOG="$OUT/run.log"
: > "$LOG"
START=$(date +%s)
FAILED=()
# Steps run in a pipeline (a subshell), so what they skip is noted in a file.
SKIPS="$OUT/skipped.txt"
: > "$SKIPS"
skip() { say "note: $*"; printf '%s\n' "$*" >> "$SKIPS"; }

say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }

# rec KEY COMMAND...: note the exact command under KEY (the report quotes it), then run it.
COMMANDS="$OUT/commands.tsv"
: > "$COMMANDS"
rec() {
  local key="$1"; shift
  printf '%s\t%s\n' "$key" "$*" >> "$COMMANDS"
  "$@"
}

# step NAME COMMAND...: run it, log its output, time it, remember a failure.
step() {
  local name="$1"; shift
  local t0=$(date +%s)
  say ""
  say "== $name   (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$@" 2>&1 | tee -a "$LOG" >&2
  local rc=${PIPESTATUS[0]}
  local dt=$(( $(date +%s) - t0 ))
  if [ "$rc" -ne 0 ]; then
    say "!! $name FAILED (exit $rc) after ${dt}s"
    FAILED+=("$name")
  else
    say "-- $name: ${dt}s"
  fi
  return 0
}

DATA="$ROOT/../shared/data"
if [ ! -f "$DATA/reuters21578.jsonl" ] || [ ! -f "$DATA/bbc.jsonl" ]; then
  skip "$DATA is absent: the benches skip their measurements"
fi

# ---- 1. machine, virtualenv -------------------------------------------------------------
machine() {
  local cpu mem
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  mem="$(free -b | awk '/^Mem:/ {print $2}')"
  cat > "$OUT/machine.json" <<EOF
{"mode": "$([ "$QUICK" = 1 ] && echo quick || echo full)",
 "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)",
 "nproc": $(nproc),
 "cpu": "$cpu",
 "memory_bytes": $mem,
 "kernel": "$(uname -sr)",
 "rustc": "$(rustc --version)",
 "python": "$("$PY" --version 2>&1)",
 "load_start": "$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF
  cat "$OUT/machine.json"
}

PY="$ROOT/.venv/bin/python"
venv() {
  if [ ! -x "$PY" ]; then
    "$(command -v python3.11 || command -v python3)" -m venv "$ROOT/.venv" || return 1
  fi
  local stamp="$ROOT/.venv/.newswire-bench-requirements"
  if ! cmp -s benches/requirements.txt "$stamp"; then
    "$PY" -m pip install --quiet --disable-pip-version-check -r benches/requirements.txt || return 1
    cp benches/requirements.txt "$stamp"
  fi
  if [ -d python ]; then
    # A full run measures this tree's package, built for release; a quick run reuses one
    # already installed (python/run_tests.sh installs it just before, in the test command,
    # built with the quicker `test-wheel` profile: a quick run checks that the Python
    # benches work, its figures are not for comparison).
    if [ "$QUICK" = 0 ] || ! "$PY" -c 'import newswire' 2>/dev/null; then
      "$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python || return 1
    fi
  fi
  return 0
}

step "virtualenv and PyPI packages" venv
step "machine" machine

# ---- 2. gazetteers -------------------------------------------------------------------------
gazetteers() {
  "$PY" benches/gazetteers.py $([ "$QUICK" = 1 ] && echo --quick) > "$OUT/gazetteers.json" || return 1
  cat "$OUT/gazetteers.json"
  if [ ! -e target/bench/gazetteers/geonames-357k.jsonl ]; then
    skip "no GeoNames gazetteers (../shared/tools is absent): the benches that need them skip"
    return 0
  fi
  # benches/matching.rs reads GeoNames 15000 from here.
  [ -e target/geonames-15000.jsonl ] || ln -s bench/gazetteers/geonames-357k.jsonl target/geonames-15000.jsonl
}
step "GeoNames gazetteers" gazetteers

# ---- 3. builds ---------------------------------------------------------------------------
BENCHES=(parse matching batch gazetteer)
[ -f benches/capi.rs ] && BENCHES+=(capi)
# One cargo invocation for everything (a different set of packages would unify features
# differently and build the shared dependencies again), and `cargo bench --profile release`
# with the same packages, so that running a criterion bench finds it built (the `bench`
# profile, though it inherits from `release`, would build everything again too).
PKGS=(-p newswire-cli -p newswire-bench)
build() {
  cargo build --release --quiet "${PKGS[@]}" --bins --benches
}
BUILD_START=$(date +%s)
step "release builds" build
BUILD_S=$(( $(date +%s) - BUILD_START ))
# The CLI just built, for the large batches and the stress run (rather than a build of their own).
export NEWSWIRE_BIN=target/release/newswire

# ---- 4. criterion ------------------------------------------------------------------------
criterion() {
  rm -rf target/criterion
  local run=("${BENCHES[@]}")
  if [ "$QUICK" = 1 ]; then
    run=()
    local b
    for b in "${BENCHES[@]}"; do [ "$b" = matching ] || run+=("$b"); done
    skip "quick mode leaves out the criterion bench \`matching\` (whole corpus, 357k names)"
  fi
  local rc=0 b
  for b in "${run[@]}"; do
    say "-- criterion: $b"
    rec "criterion:$b" cargo bench --quiet --profile release "${PKGS[@]}" --bench "$b" -- "${CRIT_ARGS[@]}" || rc=1
  done
  "$PY" benches/criterion_json.py target/criterion "$OUT/criterion.json" || rc=1
  return $rc
}
step "criterion benches" criterion

# ---- 5. scaling curves -------------------------------------------------------------------
SCALING=target/release/bench_scaling
scaling() {
  if [ "$QUICK" = 1 ]; then
    rec scaling_gazetteer $SCALING gazetteer --labels 1k,10k --mb 1 --rounds 3 > "$OUT/scaling_gazetteer.json" &&
      rec scaling_article $SCALING article --gazetteer 10k --mb 0.5 --rounds 2 > "$OUT/scaling_article.json" &&
      rec scaling_threads $SCALING threads --gazetteer 10k --mb 1 --rounds 3 --threads 1,2 > "$OUT/scaling_threads.json"
  else
    rec scaling_gazetteer $SCALING gazetteer --labels 1k,10k,100k,357k,1.2M --mb 4 --rounds 7 > "$OUT/scaling_gazetteer.json" &&
      rec scaling_article $SCALING article --gazetteer 357k --mb 2 --rounds 5 > "$OUT/scaling_article.json" &&
      rec scaling_threads $SCALING threads --gazetteer 357k --mb 0 --rounds 9 --threads 1,2,3,4 > "$OUT/scaling_threads.json"
  fi
}
step "scaling curves" scaling

# ---- 6. build cost -----------------------------------------------------------------------
build_cost() {
  local labels reps label what i
  if [ "$QUICK" = 1 ]; then labels="1k 10k"; reps=1; else labels="1k 10k 100k 357k 1.2M"; reps=3; fi
  : > "$OUT/build.jsonl"
  printf 'build\t%s\n' "for each of $labels, $reps times: target/release/bench_build matcher|naive target/bench/gazetteers/geonames-LABEL.jsonl" >> "$COMMANDS"
  for label in $labels; do
    if [ ! -f "target/bench/gazetteers/geonames-$label.jsonl" ]; then
      skip "gazetteer build cost: geonames-$label.jsonl is absent; skipped"
      continue
    fi
    for i in $(seq "$reps"); do
      for what in matcher naive; do
        target/release/bench_build "$what" "target/bench/gazetteers/geonames-$label.jsonl" |
          "$PY" -c 'import json,sys; r=json.load(sys.stdin); r["label"]=sys.argv[1]; r["rep"]=int(sys.argv[2]); print(json.dumps(r))' "$label" "$i" \
          >> "$OUT/build.jsonl" || return 1
      done
    done
    tail -n 2 "$OUT/build.jsonl"
  done
}
step "gazetteer build cost" build_cost

# ---- 6b. matcher snapshots ----------------------------------------------------------------
# benches/snapshot.sh notes its own commands (KEY snapshot_*) and what it skips.
step "matcher snapshots" rec snapshot bash benches/snapshot.sh $([ "$QUICK" = 1 ] && echo --quick) \
  --out "$OUT" --commands "$COMMANDS" --skips "$SKIPS"

# ---- 7. large batches --------------------------------------------------------------------
step "large batches" rec large_batch bash benches/large_batch.sh $([ "$QUICK" = 1 ] && echo --quick) --out "$OUT/large_batch.json"

# ---- 7b. stress: bad lines in a long stream, and an interrupt ----------------------------
step "stress" rec stress bash scripts/stress.sh --sizes "$([ "$QUICK" = 1 ] && echo "2 8" || echo "100 1000")" --json "$OUT/stress.json"

# ---- 8. Python peers ---------------------------------------------------------------------
python_peers() {
  if ! "$PY" -c 'import newswire' 2>/dev/null; then
    skip "the newswire Python package is not installed: the Python benches are skipped"
    return 0
  fi
  if [ -f benches/python_peers.py ]; then
    if [ "$QUICK" = 1 ]; then
      rec python_peers .venv/bin/python benches/python_peers.py --quick --gazetteer target/bench/gazetteers/geonames-10k.jsonl > "$OUT/python_peers.md" || return 1
    else
      rec python_peers .venv/bin/python benches/python_peers.py --gazetteer target/bench/gazetteers/geonames-357k.jsonl > "$OUT/python_peers.md" || return 1
    fi
    cat "$OUT/python_peers.md"
  else
    skip "benches/python_peers.py is absent: the Python matching peers are skipped"
  fi
  rec sentence_peers .venv/bin/python benches/sentence_peers.py $([ "$QUICK" = 1 ] && echo --quick) --json "$OUT/sentence_peers.json"
}
step "Python peers" python_peers

python_snapshot() {
  local label rounds
  if [ "$QUICK" = 1 ]; then label=100k; rounds=3; else label=357k; rounds=5; fi
  rm -f "$OUT/python_snapshot.json"
  if ! "$PY" -c 'import newswire' 2>/dev/null; then
    skip "the newswire Python package is not installed: Python pickling is not measured"
    return 0
  fi
  if [ ! -f "target/bench/gazetteers/geonames-$label.jsonl" ]; then
    skip "Python pickling: geonames-$label.jsonl is absent; skipped"
    return 0
  fi
  rec python_snapshot .venv/bin/python benches/python_snapshot.py --gazetteer "target/bench/gazetteers/geonames-$label.jsonl" \
    --rounds "$rounds" --json "$OUT/python_snapshot.json" || return 1
  # A package without Matcher.load: the script printed why it measured nothing; noted
  # among the skips (not said again).
  local why
  why="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("skipped") or "")' "$OUT/python_snapshot.json")"
  [ -z "$why" ] || printf 'Python pickling: %s\n' "$why" >> "$SKIPS"
}
step "Python pickling through snapshots" python_snapshot

# ---- 8c. Python: the Arrow path (issue 14) -------------------------------------------------
# benches/python_arrow.py: annotate_arrow against `newswire annotate` on the same rows (100 MB,
# 357k names, 2 threads), text to pandas through Arrow against Document objects, and the
# Spark example in local mode (full runs only: the test suite already runs Spark once).
# Quick: a 2 MB slice, 10k names, one round, no Spark.
python_arrow() {
  rm -f "$OUT/python_arrow.json"
  if ! "$PY" -c 'import newswire, pyarrow; newswire.Matcher.annotate_arrow' 2>/dev/null; then
    skip "the Arrow path (newswire with annotate_arrow, and pyarrow) is not installed: not measured"
    return 0
  fi
  local corpus gaz
  if [ "$QUICK" = 1 ]; then
    corpus=target/bench/corpus-5MB.jsonl; gaz=target/bench/gazetteers/geonames-10k.jsonl
  else
    corpus=target/bench/corpus-100MB.jsonl; gaz=target/bench/gazetteers/geonames-357k.jsonl
  fi
  if [ ! -f "$corpus" ] && [ -f "$DATA/reuters21578.jsonl" ]; then
    "$PY" benches/make_corpus.py "$([ "$QUICK" = 1 ] && echo 5 || echo 100)" "$corpus" >&2 || return 1
  fi
  rec python_arrow .venv/bin/python benches/python_arrow.py --json "$OUT/python_arrow.json" \
    --corpus "$corpus" --gazetteer "$gaz" --threads 2 $([ "$QUICK" = 1 ] && echo --quick || echo --spark) || return 1
  local why
  why="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("skipped") or "")' "$OUT/python_arrow.json")"
  [ -z "$why" ] || printf 'Python Arrow path: %s\n' "$why" >> "$SKIPS"
}
step "Python: the Arrow path" python_arrow

# ---- 8d. near-duplicates (issue 16) ---------------------------------------------------------
# benches/dedup.sh: quality against the exact answer (and the grid the defaults came from),
# speed against the UAX#29 pass and datasketch, the CLI's extra cost, `dedupe`'s memory.
near_duplicates() {
  rec near_duplicates env PY="$PY" bash benches/dedup.sh $([ "$QUICK" = 1 ] && echo --quick) --out "$OUT"
}
step "near-duplicates" near_duplicates

# ---- 9. plots and report -----------------------------------------------------------------
report() {
  "$PY" benches/plot.py "$OUT" || return 1
  if [ "$QUICK" = 1 ]; then
    "$PY" benches/report.py "$OUT" --output "$OUT/BENCHMARKS.md"
  else
    "$PY" benches/report.py "$OUT" --output BENCHMARKS.md --snippet "$OUT/README-benchmarks.md"
  fi
}
"$PY" - "$OUT/machine.json" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( $(date +%s) - START ))" "$BUILD_S" <<'PYEOF' || true
import json, sys
m = json.load(open(sys.argv[1]))
m["load_end"] = sys.argv[2]
m["seconds_before_report"] = int(sys.argv[3])
m["build_seconds"] = int(sys.argv[4])
json.dump(m, open(sys.argv[1], "w"), indent=1)
PYEOF
step "plots and report" report

TOTAL=$(( $(date +%s) - START ))
say ""
say "== benchmarks ($([ "$QUICK" = 1 ] && echo quick || echo full)) finished in ${TOTAL}s (release builds ${BUILD_S}s, the rest $(( TOTAL - BUILD_S ))s); results in $OUT"
if [ -s "$SKIPS" ]; then say "   skipped:"; sed 's/^/     /' "$SKIPS" | tee -a "$LOG" >&2; fi
if [ ${#FAILED[@]} -gt 0 ]; then
  say "!! FAILED: ${FAILED[*]}"
  exit 1
fi
exit 0
