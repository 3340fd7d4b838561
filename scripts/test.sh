#!/usr/bin/env bash
# Every test, from a clean clone on a fresh machine: the Rust unit, integration and doc
# tests (the C programs in capi/tests/c are built and run from capi/tests/capi.rs), the Python
# package's suite, and the benchmarks' quick mode so that they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

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
