#!/usr/bin/env bash
# The huge cases of the bad-input matrix, too big for CI: single articles of 10 and 100 MB
# and a gazetteer of 5 million aliases, through `target/release/newswire`. Prints, for each,
# the time and peak resident memory, and checks the answer.
#
#   scripts/huge_inputs.sh [--mb 100] [--aliases 5000000] [--no-gazetteer]
#
# Articles (one text file each, `newswire annotate FILE`, default gazetteer):
#   word     one word of N MB, no space anywhere: one sentence, no mention
#   wire     N MB of ordinary wire copy as one article (paragraphs, quotes, acronyms)
#   glued    10 MB of `Pakistan,OIC;` with no space: 2 mentions per 13 bytes
#   acronym  10 MB: an acronym defined and used thousands of times
# Gazetteer: 5M aliases in 1M entities (JSON Lines), loaded, compiled and used on one
# article (`newswire annotate --gazetteer FILE`); --no-gazetteer leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."

mb=100
aliases=5000000
gazetteer=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift ;;
    --aliases) aliases="$2"; shift ;;
    --no-gazetteer) gazetteer=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "scripts/huge_inputs.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
command -v python3 >/dev/null || { echo "huge_inputs.sh needs python3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "huge_inputs.sh needs /usr/bin/time (GNU time)" >&2; exit 2; }

echo "== building target/release/newswire"
cargo build --release -q -p newswire-cli
bin=$PWD/target/release/newswire
work=$(mktemp -d "${TMPDIR:-/tmp}/newswire-huge.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Counts records, error records and mentions in newswire's output without holding a line.
cat > "$work/count.py" <<'PY'
import sys
records = errors = mentions = 0
tail = b""
data = sys.stdin.buffer
while True:
    chunk = data.read(1 << 20)
    if not chunk:
        break
    block = tail + chunk
    records += block.count(b"\n")
    errors += block.count(b'"error":')
    mentions += block.count(b'"via":')
    tail = block[-16:]
    # Patterns split across the boundary are counted once: drop what the tail repeats.
    errors -= tail.count(b'"error":')
    mentions -= tail.count(b'"via":')
    records -= tail.count(b"\n")
records += tail.count(b"\n"); errors += tail.count(b'"error":'); mentions += tail.count(b'"via":')
print(records, errors, mentions)
PY

report=()
# run NAME EXPECTED_MENTIONS(or -) ARGS...: one record, no error, the mentions expected.
run() {
  local name=$1 want=$2
  shift 2
  set +e
  /usr/bin/time -f "%M %e" -o "$work/time" "$bin" "$@" 2> "$work/stderr" | python3 "$work/count.py" > "$work/count"
  local code=${PIPESTATUS[0]}
  set -e
  read -r kb secs < <(tail -n 1 "$work/time")
  read -r records errors mentions < "$work/count"
  local line
  line=$(printf '%-34s %7.1f s  peak RSS %6d MB  exit %s  %s record(s), %s mention(s)' \
    "$name" "$secs" $((kb / 1024)) "$code" "$records" "$mentions")
  echo "   $line"
  report+=("$line")
  if [ "$code" != 0 ] || [ "$records" != 1 ] || [ "$errors" != 0 ]; then
    echo "!! $name: expected one record and exit 0" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  if [ "$want" != - ] && [ "$mentions" != "$want" ]; then
    echo "!! $name: $mentions mentions, expected $want" >&2
    exit 1
  fi
}

echo "== generating articles"
python3 - "$work" "$mb" <<'PY'
import sys
work, mb = sys.argv[1], int(sys.argv[2])
def write(name, unit, size, head=""):
    n = (size - len(head)) // len(unit)
    with open(f"{work}/{name}.txt", "w") as f:
        f.write(head)
        f.write(unit * n)
    with open(f"{work}/{name}.n", "w") as f:
        f.write(str(n))
for size, tag in [(10 << 20, "10"), (mb << 20, str(mb))]:
    write(f"word-{tag}", "Pakistan", size)
    para = ("ISLAMABAD, Dec 12 (APP): Pakistan and the Organisation of Islamic Cooperation (OIC) "
            "met in Geneva on Monday. \"We agree,\" said Mr. Khan, the U.S. envoy.The OIC said so.\n\n")
    write(f"wire-{tag}", para, size)
write("glued-10", "Pakistan,OIC;", 10 << 20)
write("acronym-10", "OIC,", 10 << 20, head="The Organisation of Islamic Cooperation (OIC) met. ")
PY

echo "== single articles (newswire annotate FILE)"
for tag in 10 "$mb"; do
  run "one word, ${tag} MB" 0 annotate "$work/word-$tag.txt"
  run "wire copy, ${tag} MB" - annotate "$work/wire-$tag.txt"
done
n=$(cat "$work/glued-10.n")
run "glued names, 10 MB" $((2 * n)) annotate "$work/glued-10.txt"
n=$(cat "$work/acronym-10.n")
run "one acronym used throughout, 10 MB" $((n + 2)) annotate "$work/acronym-10.txt"

if [ "$gazetteer" = 1 ]; then
echo "== a gazetteer of $aliases aliases"
python3 - "$work" "$aliases" <<'PY'
import json, random, sys
work, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(5)
syll = ["ka", "lo", "mi", "zan", "tor", "vel", "qu", "ra", "shi", "don", "bel", "ex", "ny", "ost", "rim", "ul"]
def word():
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))).capitalize()
per = 5
with open(f"{work}/big.jsonl", "w") as f:
    for i in range(total // per):
        names = [f"{word()} {word()}" for _ in range(per)]
        f.write(json.dumps({"id": f"e{i}", "kind": "PERSON" if i % 3 == 0 else "ORG",
                            "name": names[0], "aliases": names[1:]}) + "\n")
        if i == 123456 % max(1, total // per):
            probe = names[2]
with open(f"{work}/probe.txt", "w") as f:
    f.write(f"GENEVA, March 3 (Reuters) - {probe} met officials on Monday.\n")
PY
ls -l "$work/big.jsonl" | awk '{printf "   gazetteer file: %.0f MB\n", $5 / 1e6}'
run "${aliases} aliases: load, build, annotate" - annotate --gazetteer "$work/big.jsonl" "$work/probe.txt"
[ "$(tail -n 1 "$work/count" | cut -d' ' -f3)" -ge 1 ] || { echo "!! the probe name was not found" >&2; exit 1; }
fi

echo
echo "== huge inputs summary ($(nproc) cores; command: scripts/huge_inputs.sh --mb $mb --aliases $aliases)"
printf '   %s\n' "${report[@]}"
