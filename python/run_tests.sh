#!/usr/bin/env bash
# The Python package's checks, from a clean clone: a virtualenv (.venv at the repository
# root, reused when present), the test requirements from PyPI, a wheel built with maturin
# (the `test-wheel` profile of the root Cargo.toml: the same code, quicker to build) and
# installed, then pytest, mypy's stubtest, a type check of the package and the
# example, and a look inside the wheel for the stubs and py.typed.
#
#   bash python/run_tests.sh [PYTEST ARGS...]
#
# NEWSWIRE_VENV overrides the virtualenv's place; PYTHON the interpreter that makes it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

step() { printf '\n-- %s   (at %d s)\n' "$*" "$SECONDS"; }

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VENV="${NEWSWIRE_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
REQS="$ROOT/python/requirements-test.txt"
STAMP="$VENV/.newswire-test-requirements"

if [ ! -x "$PY" ]; then
  step "virtualenv $VENV ($("$PYTHON" --version))"
  "$PYTHON" -m venv "$VENV"
fi
if ! cmp -s "$REQS" "$STAMP"; then
  step "test requirements"
  "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQS"
  cp "$REQS" "$STAMP"
fi

# The Spark test (tests/test_spark_example.py) alone needs pyspark, a large download: its own
# requirements file, installed once and kept in the virtualenv; and Java 17 or newer, from
# Debian when there is none.
SPARK_REQS="$ROOT/python/requirements-spark.txt"
SPARK_STAMP="$VENV/.newswire-spark-requirements"
if [ -f "$SPARK_REQS" ] && ! cmp -s "$SPARK_REQS" "$SPARK_STAMP"; then
  step "Spark test requirements (once)"
  "$PY" -m pip install --quiet --disable-pip-version-check -r "$SPARK_REQS"
  cp "$SPARK_REQS" "$SPARK_STAMP"
fi
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "Java for the Spark test (Debian's openjdk-17-jre-headless)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  else
    echo "note: no java, and no apt-get as root to install it: the Spark test will skip" >&2
  fi
fi

step "build the wheel"
WHEELS="$ROOT/target/python-wheels"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --profile test-wheel --manifest-path python/Cargo.toml --interpreter "$PY" --out "$WHEELS"
WHEEL="$(ls "$WHEELS"/newswire-*.whl)"
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

step "wheel contents"
"$PY" - "$WHEEL" <<'PYEOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {"newswire/__init__.py", "newswire/_native.pyi", "newswire/py.typed"}
missing = sorted(need - names)
native = [n for n in names if n.startswith("newswire/_native.") and n.endswith((".so", ".pyd"))]
if missing or not native:
    sys.exit(f"wheel {sys.argv[1]} lacks {missing or 'the native module'}")
print(f"ok: {', '.join(sorted(need))} and {native[0]}")
PYEOF

# Run from a folder without a `newswire` directory, so that the installed package is tested.
cd "$ROOT"

step "stubtest"
"$PY" -m mypy.stubtest newswire

step "mypy"
"$PY" -m mypy --strict python/newswire
"$PY" -m mypy --ignore-missing-imports --check-untyped-defs examples/python benches/python_peers.py

step "pytest"
# The slowest tests are listed, so that a slow run's log says where its time went.
"$PY" -m pytest -q -p no:cacheprovider --durations=8 python/tests "$@"
