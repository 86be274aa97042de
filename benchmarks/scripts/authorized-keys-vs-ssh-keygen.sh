#!/usr/bin/env bash
# authorized_keys lines parsed per second: Bulwark (JMH) vs `ssh-keygen -l -f` (hyperfine), same file, same run.
# Build first: ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
# Usage: benchmarks/scripts/authorized-keys-vs-ssh-keygen.sh [extra JMH options, default: -f 1 -wi 2 -i 3 -w 2s -r 2s]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || { echo "missing $jar: build the benchmarks first" >&2; exit 1; }
jmh_opts=("$@")
[[ ${#jmh_opts[@]} -gt 0 ]] || jmh_opts=(-f 1 -wi 2 -i 3 -w 2s -r 2s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lines=10000

# The corpus: ssh-keygen keys (8 Ed25519, 8 ECDSA P-256, 1 RSA 3072); every 10th line a comment,
# even lines with restrict,command="...",from="...", odd lines plain. Same layout as the JMH built-in corpus.
keys=()
for i in 0 1 2 3 4 5 6 7; do
  ssh-keygen -q -t ed25519 -N '' -C "ed$i@bench" -f "$work/ed$i"
  ssh-keygen -q -t ecdsa -b 256 -N '' -C "ec$i@bench" -f "$work/ec$i"
  keys+=("$(cat "$work/ed$i.pub")" "$(cat "$work/ec$i.pub")")
done
ssh-keygen -q -t rsa -b 3072 -N '' -C "rsa@bench" -f "$work/rsa"
keys+=("$(cat "$work/rsa.pub")")
corpus="$work/authorized_keys"
for ((i = 0; i < lines; i++)); do
  key=${keys[$((i % ${#keys[@]}))]}
  if ((i % 10 == 0)); then
    echo "# entry $i"
  elif ((i % 2 == 0)); then
    echo "restrict,command=\"/usr/bin/backup --to \\\"/srv/b$i\\\"\",from=\"10.0.0.0/8\" $key"
  else
    echo "$key"
  fi
done > "$corpus"

echo "== ssh-keygen -l -f (parse + SHA-256 fingerprint of every key), $lines lines"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/hf.json" "ssh-keygen -l -f $corpus" >/dev/null
keygen=$(python3 -c "import json,sys; m=json.load(open('$work/hf.json'))['results'][0]['mean']; print($lines/m)")
printf 'ssh-keygen -l: %.0f lines/s\n' "$keygen"

echo "== Bulwark JMH (${jmh_opts[*]})"
java -jar "$jar" 'AuthorizedKeysBenchmark' -p corpus="$corpus" "${jmh_opts[@]}" -rf json -rff "$work/jmh.json" | grep -E '^Benchmark|AuthorizedKeysBenchmark\.' || true
python3 - "$work/jmh.json" "$keygen" <<'PY'
import json, sys
results = {r['benchmark'].rsplit('.', 1)[1]: r['primaryMetric']['score'] for r in json.load(open(sys.argv[1]))}
keygen = float(sys.argv[2])
for name, score in results.items():
    print(f"Bulwark {name}: {score:,.0f} lines/s = {score / keygen:.1f}x ssh-keygen -l ({keygen:,.0f} lines/s)")
PY
