#!/usr/bin/env bash
# Stress the command line with a long JSON Lines stream (benches/run.sh runs it; its quick
# mode, with small sizes, runs in CI).
#
#   scripts/stress.sh [--sizes "100 1000"] [--no-interrupt] [--json FILE]
#
# For each size (in MB, default 100 and 1000) a stream of generated articles, 1% of its
# lines bad (invalid JSON, not an object, no `text`, a `text` that is not a string, invalid
# UTF-8), is piped through `target/release/newswire annotate --jsonl -`, and the output is
# checked as it streams by: exactly one line per input line, in input order, every line
# whole JSON (every 1000th one fully parsed), the bad lines as error records naming their
# line. The run must exit 1 (some records failed). Peak resident memory of newswire is
# measured with /usr/bin/time; it must stay flat from the smallest size to the largest.
#
# Then the interrupt test: the stream is cut by SIGINT mid-run, and every line written so
# far must be complete JSON, in order, with exit code 130.
#
# Nothing is written to disk but the interrupted run's output; the figures are printed at
# the end and, with --json, written to FILE (benches/run.sh passes
# benches/results/stress.json, from which benches/report.py writes BENCHMARKS.md's table).
# NEWSWIRE_BIN names a CLI already built (benches/run.sh builds it with the benches);
# otherwise target/release/newswire is built first.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="100 1000"
interrupt=1
json_out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --no-interrupt) interrupt=0 ;;
    --json) json_out="$2"; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "scripts/stress.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

command -v python3 >/dev/null || { echo "stress.sh needs python3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "stress.sh needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }

bin="${NEWSWIRE_BIN:-target/release/newswire}"
if [ -z "${NEWSWIRE_BIN:-}" ]; then
  echo "== building target/release/newswire"
  cargo build --release -q -p newswire-cli
fi
[ -x "$bin" ] || { echo "stress.sh: $bin is not an executable" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/newswire-stress.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The generator: deterministic articles written here, ids n1, n2, ...; every 100th line
# (line numbers 100, 200, ...) is bad, cycling through the kinds of bad line.
cat > "$work/gen.py" <<'PY'
import json, sys

target = int(sys.argv[1]) * 1_000_000
places = ["ISLAMABAD", "GENEVA", "WASHINGTON", "NAIROBI", "Mumbai", "São Paulo", "BEIJING", "LONDON"]
agencies = ["APP", "Reuters", "AFP", "Xinhua", "PTI", "AP"]
actors = ["Pakistan", "Switzerland", "the United States", "Kenya", "India", "Brazil", "China", "Britain"]
orgs = ["the Organisation of Islamic Cooperation (OIC)", "the World Health Organization (WHO)",
        "the United Nations", "the European Union", "the World Bank", "NATO"]
months = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
sentences = [
    "{actor} and {org} agreed on Monday to extend talks on trade, energy and security.",
    "\"We will not accept any delay,\" said a senior official, who asked not to be named.",
    "Officials from {actor} said the plan would cost about $2.5 billion over three years.",
    "The {org} envoy met ministers in {place2} before flying to {place3}.",
    "Prices rose 1.5 pct in the last three months, the central bank said.The index fell.",
    "Mr. Khan told reporters in {place2} that {actor} expected a decision by Dec. 12.",
]
texts = []
for i in range(240):
    place, agency = places[i % len(places)], agencies[i % len(agencies)]
    fill = dict(actor=actors[i % len(actors)], org=orgs[i % len(orgs)],
                place2=places[(i + 3) % len(places)].title(), place3=places[(i + 5) % len(places)].title())
    body = []
    for p in range(2 + i % 7):
        para = " ".join(sentences[(i + p + k) % len(sentences)].format(**fill) for k in range(2 + (i + p) % 4))
        body.append(para)
    text = f"{place}, {months[i % 12]} {1 + i % 28} ({agency}) - " + "\n\n".join(body)
    if i % 10 == 0:
        text += "\n\n(Reporting by A. Writer; Editing by B. Editor)"
    texts.append(json.dumps(text, ensure_ascii=(i % 2 == 0)))
bad = [
    b'{"id": "bad", "text": "cut off',
    b'["not", "an", "object"]',
    b'{"id": "%d-no-text", "body": "where is the text?"}',
    b'{"text": 42}',
    b'{"text": "caf\xe9 au lait"}',
]
out = sys.stdout.buffer
written = lines = 0
buf = []
while written < target:
    lines += 1
    if lines % 100 == 0:
        line = bad[(lines // 100) % len(bad)].replace(b"%d", str(lines).encode()) + b"\n"
    else:
        line = ('{"id":"n%d","text":%s}\n' % (lines, texts[lines % len(texts)])).encode()
    buf.append(line)
    written += len(line)
    if len(buf) >= 1000:
        out.write(b"".join(buf))
        buf.clear()
out.write(b"".join(buf))
out.flush()
with open(sys.argv[2], "w") as f:
    f.write(f"{lines} {written}\n")
PY

# The checker: reads newswire's output as it comes, line by line.
cat > "$work/check.py" <<'PY'
import json, sys

expected_lines = None
n = 0
errors = 0
partial = sys.argv[1] == "partial"
data = sys.stdin.buffer
for raw in data:
    n += 1
    if not raw.endswith(b"\n"):
        sys.exit(f"line {n}: not a whole line ({raw[:80]!r}...)")
    bad = n % 100 == 0
    if bad:
        errors += 1
        rec = json.loads(raw)
        if rec.get("line") != n or "error" not in rec or rec.get("file") != "-":
            sys.exit(f"line {n}: expected an error record for line {n}, got {raw[:200]!r}")
    else:
        prefix = b'{"id":"n%d",' % n
        if not raw.startswith(prefix) or b'"error":' in raw:
            sys.exit(f"line {n}: expected the record of n{n}, got {raw[:120]!r}")
        if n % 1000 == 1 or partial:
            rec = json.loads(raw)
            if "mentions" not in rec or "sentences" not in rec:
                sys.exit(f"line {n}: not a document: {raw[:200]!r}")
print(n, errors)
PY

report=()
declare -A rss
for mb in $sizes; do
  echo "== ${mb} MB stream"
  set +e
  start=$(date +%s.%N)
  python3 "$work/gen.py" "$mb" "$work/gen-$mb.txt" \
    | /usr/bin/time -f "%M %e" -o "$work/time-$mb.txt" "$bin" annotate --jsonl - \
    | python3 "$work/check.py" full > "$work/check-$mb.txt"
  codes=("${PIPESTATUS[@]}")
  end=$(date +%s.%N)
  set -e
  read -r lines_in bytes_in < "$work/gen-$mb.txt"
  read -r lines_out errors_out < "$work/check-$mb.txt" || { lines_out="?"; errors_out="?"; }
  # GNU time writes "Command exited with non-zero status N" before its figures.
  read -r peak_kb secs < <(tail -n 1 "$work/time-$mb.txt")
  rss[$mb]=$peak_kb
  line="${mb} MB: ${lines_in} lines in ($bytes_in bytes), ${lines_out} lines out, ${errors_out} error records, exit ${codes[1]}, peak RSS $((peak_kb / 1024)) MB, $(printf '%.1f' "$secs") s wall time of newswire, generator included ($(python3 -c "print(round($bytes_in / 1e6 / $secs, 1))") MB/s)"
  echo "   $line"
  report+=("$line")
  printf '%s %s %s %s %s %s %s %s\n' "$mb" "$lines_in" "$bytes_in" "$lines_out" "$errors_out" \
    "${codes[1]}" "$peak_kb" "$secs" >> "$work/figures.txt"
  [ "${codes[2]}" = 0 ] || { echo "!! the output check failed (see above)" >&2; exit 1; }
  [ "$lines_in" = "$lines_out" ] || { echo "!! $lines_in lines in, $lines_out out" >&2; exit 1; }
  [ "${codes[1]}" = 1 ] || { echo "!! exit code ${codes[1]}, expected 1 (some records failed)" >&2; exit 1; }
done

first=${sizes%% *}
last=${sizes##* }
if [ "$first" != "$last" ]; then
  # Flat: the largest run may not need more than half again the memory of the smallest.
  if [ "${rss[$last]}" -gt $(( rss[$first] * 3 / 2 + 8192 )) ]; then
    echo "!! peak RSS grew from ${rss[$first]} KB at $first MB to ${rss[$last]} KB at $last MB" >&2
    exit 1
  fi
  report+=("peak RSS flat: ${rss[$first]} KB at $first MB, ${rss[$last]} KB at $last MB")
fi

if [ "$interrupt" = 1 ]; then
  echo "== SIGINT mid-run"
  out="$work/interrupted.jsonl"
  # A live stream that outlasts the test: newswire is interrupted, not starved.
  python3 "$work/gen.py" 100000 "$work/gen-int.txt" 2>/dev/null | "$bin" annotate --jsonl - > "$out" &
  nw_pid=$!
  # Let it write some output (5 MB), then interrupt it.
  for _ in $(seq 1 600); do
    [ "$(stat -c %s "$out")" -gt 5000000 ] && break
    sleep 0.1
  done
  kill -INT "$nw_pid"
  set +e
  wait "$nw_pid"
  code=$?
  set -e
  size=$(stat -c %s "$out")
  if [ "$size" -gt 0 ] && [ "$(tail -c 1 "$out" | od -An -c | tr -d ' ')" != '\n' ]; then
    echo "!! the interrupted output ends inside a line" >&2
    exit 1
  fi
  read -r got _ < <(python3 "$work/check.py" partial < "$out") || { echo "!! interrupted output broken" >&2; exit 1; }
  [ "$code" = 130 ] || { echo "!! exit code $code after SIGINT, expected 130" >&2; exit 1; }
  line="SIGINT after $size bytes of output: exit $code, $got whole lines, every one complete JSON in order"
  echo "   $line"
  report+=("$line")
  printf '%s %s %s\n' "$size" "$code" "$got" > "$work/interrupt.txt"
fi

if [ -n "$json_out" ]; then
  python3 - "$work" "$json_out" "$sizes" "$(nproc)" <<'PY'
import json, os, sys, time
work, out, sizes, cores = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
runs = []
for row in open(os.path.join(work, "figures.txt")):
    mb, lines_in, bytes_in, lines_out, errors, code, peak_kb, secs = row.split()
    runs.append({
        "mb": int(mb), "lines_in": int(lines_in), "bytes_in": int(bytes_in),
        "lines_out": int(lines_out), "error_records": int(errors), "exit": int(code),
        "peak_rss_kb": int(peak_kb), "seconds": float(secs),
    })
interrupted = None
path = os.path.join(work, "interrupt.txt")
if os.path.exists(path):
    size, code, lines = open(path).read().split()
    interrupted = {"output_bytes": int(size), "exit": int(code), "whole_lines": int(lines)}
json.dump({
    "command": f'scripts/stress.sh --sizes "{sizes}"',
    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "cores": cores,
    "bad_line_every": 100,
    "runs": runs,
    "interrupted": interrupted,
}, open(out, "w"), indent=1)
print(f"figures written to {out}")
PY
fi

echo
echo "== stress summary ($(nproc) cores; command: scripts/stress.sh --sizes \"$sizes\")"
printf '   %s\n' "${report[@]}"
