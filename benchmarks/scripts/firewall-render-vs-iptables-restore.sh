#!/usr/bin/env bash
# Renders the same generated policy (RenderCorpus: N distinct rules) with Bulwark's
# IptablesRenderer under JMH, then times `iptables-restore --test` checking that very file inside
# a throw-away network namespace, in the same run, and prints both and the ratio.
#
#   sudo benchmarks/scripts/firewall-render-vs-iptables-restore.sh          # 100000 rules
#   sudo benchmarks/scripts/firewall-render-vs-iptables-restore.sh 10000
#
# Needs: root (ip netns), a JDK, iptables-restore, hyperfine. Builds benchmarks.jar when missing.
# Never touches the machine's own firewall: iptables-restore runs in its own namespace, --test only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
N=${1:-100000}

for tool in java ip iptables-restore hyperfine; do
  command -v "$tool" >/dev/null || { echo "firewall-render: $tool is not installed" >&2; exit 2; }
done
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true)
fi

WORK=$(mktemp -d)
NS="bwrender$$"
trap 'ip netns delete "$NS" 2>/dev/null || true; rm -rf "$WORK"' EXIT
ip netns add "$NS"

java -cp "$JAR" dev.bulwark.benchmarks.firewall.RenderCorpus "$WORK" "$N"
file="$WORK/rules-$N.v4"
echo "file: $(wc -l < "$file") lines, $(wc -c < "$file") bytes"

java -jar "$JAR" 'RenderBenchmark.iptablesIpv4' -p rules="$N" -f 1 -wi 2 -i 3 -w 2s -r 2s \
  -rf csv -rff "$WORK/jmh.csv" > "$WORK/jmh.log"
render_ms=$(awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$WORK/jmh.csv")

hyperfine --runs 3 --export-json "$WORK/restore.json" \
  "ip netns exec $NS iptables-restore -w 5 --test $file" > "$WORK/hyperfine.log"
restore_s=$(sed -n 's/.*"mean": \([0-9.e-]*\),.*/\1/p' "$WORK/restore.json" | head -1)

awk -v n="$N" -v r="$render_ms" -v t="$restore_s" 'BEGIN {
  printf "%d rules: Bulwark render %.1f ms (JMH avg), iptables-restore --test %.1f ms (hyperfine mean); ratio %.1fx\n",
    n, r, t * 1000, t * 1000 / r
}'
