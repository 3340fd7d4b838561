#!/usr/bin/env bash
# Every test, from a clean clone on a fresh machine: the Rust unit, integration and doc
# tests (the C programs in capi/tests/c are built and run from capi/tests/capi.rs), the Python
# package's suite, and the benchmarks' quick mode so that they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says when it starts (seconds since the start), and the end sums them up: the
# whole run is meant to stay well under 20 minutes from a clean clone.
STEPS=()
LAST=""
step() {
  [ -n "$LAST" ] && STEPS+=("$LAST $((SECONDS - LAST_AT)) s")
  LAST="$*"
  LAST_AT=$SECONDS
  printf '\n== %s   (at %d s)\n' "$*" "$SECONDS"
}

step "cargo test (workspace)"
cargo test --workspace --exclude newswire-python

if [ -f python/run_tests.sh ]; then
  step "python package"
  bash python/run_tests.sh
fi

if [ -f benches/run.sh ]; then
  step "benchmarks, quick mode"
  bash benches/run.sh --quick
fi

if [ -f fuzz/run.sh ]; then
  step "fuzzing, short pass"
  bash fuzz/run.sh --short
fi

STEPS+=("$LAST $((SECONDS - LAST_AT)) s")
printf '== every test passed in %d s:\n' "$SECONDS"
printf '   %s\n' "${STEPS[@]}"
