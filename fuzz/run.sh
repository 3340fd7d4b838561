#!/usr/bin/env bash
# Fuzz every target (or the ones named) for a fixed time each.
#
#   fuzz/run.sh [--short|--long|--seconds N] [TARGET ...]
#
# --short (the default, what the test command runs): 10 s per target; --long: 600 s.
# New corpus entries go to fuzz/corpus/<target> (not committed); the committed seeds in
# fuzz/seeds/<target> are read as a second corpus. A crash, a timeout or an out-of-memory
# stops that target, saves the input under fuzz/artifacts/<target>/ and makes the script
# exit non-zero after the other targets have run. Replay a saved input with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")"

seconds=10
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) seconds=10 ;;
    --long) seconds=600 ;;
    --seconds) seconds="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse gazetteer_jsonl gazetteer_tsv matcher annotate jsonl_reader snapshot dedup)
fi

# Sanitizer builds need unstable compiler flags; RUSTC_BOOTSTRAP lets the stable toolchain
# accept them.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

mkdir -p logs
failed=()
summary=()
for t in "${targets[@]}"; do
  if [ "$t" = jsonl_reader ] && [ ! -f ../cli/src/jsonl.rs ]; then
    echo "== $t: skipped (the command line's reader, cli/src/jsonl.rs, is not in this tree)"
    summary+=("$t: skipped")
    continue
  fi
  mkdir -p "corpus/$t"
  log="logs/$t.log"
  echo "== fuzzing $t for ${seconds}s (log: fuzz/$log)"
  # -timeout: an input that takes seconds is a bug (a quadratic path), not a slow machine.
  if cargo fuzz run "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$t")
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
  summary+=("$t: $status, ${runs:-?} executions, ${cov:-cov: ?}, corpus $(ls "corpus/$t" | wc -l) inputs")
  if [ "$status" = FAILED ]; then
    echo "!! $t FAILED; the end of its log:" >&2
    tail -n 40 "$log" >&2
  fi
done

echo
echo "== fuzzing summary (${seconds}s per target)"
printf '   %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "!! fuzzing found failures in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
