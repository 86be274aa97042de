#!/usr/bin/env bash
# Times Bulwark's iptables-save parser + exposure analysis (JMH, ParseAnalyseBenchmark) and
# `iptables-restore --test` on the same generated 10,000- and 100,000-rule files, in the same run,
# and prints the ratios and the 10k -> 100k growth of each.
#
# Needs root (iptables-restore runs inside a throwaway network namespace: ip netns add/delete),
# java, jq, and the benchmarks jar:
#   ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
# Usage: benchmarks/scripts/iptables-parse-vs-restore-test.sh [runs-of-iptables-restore]
# JMH settings can be overridden with JMH_OPTS (default: -f 1 -wi 2 -i 3 -w 2s -r 2s).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${BENCH_JAR:-$here/../target/benchmarks.jar}"
runs="${1:-3}"
jmh_opts="${JMH_OPTS:--f 1 -wi 2 -i 3 -w 2s -r 2s}"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root for ip netns" >&2; exit 2; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 2; }

work="$(mktemp -d)"
ns="bwbench$$"
cleanup() { ip netns delete "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"

declare -A restore_ms
for n in 10000 100000; do
  java -cp "$jar" dev.bulwark.benchmarks.firewall.IptablesSaveGenerator "$n" > "$work/rules-$n.txt"
  ip netns exec "$ns" iptables-restore --test < "$work/rules-$n.txt"   # warm-up, and proves the file is valid
  best=""
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    ip netns exec "$ns" iptables-restore --test < "$work/rules-$n.txt"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  restore_ms[$n]=$best
done

# shellcheck disable=SC2086
java -Djmh.ignoreLock=true -jar "$jar" 'ParseAnalyseBenchmark' $jmh_opts -rf json -rff "$work/jmh.json" > "$work/jmh.log"
score() { jq -r --arg b "$1" --arg n "$2" \
  '.[] | select((.benchmark | endswith("." + $b)) and .params.rules == $n) | .primaryMetric.score' "$work/jmh.json"; }

printf '%-8s %14s %14s %14s %20s %10s\n' rules parse_ms analyse_ms parse+analyse restore_test_best_ms ratio
for n in 10000 100000; do
  p=$(score parse "$n"); a=$(score analyse "$n"); pa=$(score parseAndAnalyse "$n")
  printf '%-8s %14.1f %14.1f %14.1f %20d %10.2f\n' "$n" "$p" "$a" "$pa" "${restore_ms[$n]}" \
    "$(echo "${restore_ms[$n]} / $pa" | bc -l)"
done
pa10=$(score parseAndAnalyse 10000); pa100=$(score parseAndAnalyse 100000)
printf 'growth 10k -> 100k: bulwark parse+analyse x%.1f, iptables-restore --test x%.1f (x10 is linear)\n' \
  "$(echo "$pa100 / $pa10" | bc -l)" "$(echo "${restore_ms[100000]} / ${restore_ms[10000]}" | bc -l)"
echo "ratio = iptables-restore --test time / Bulwark parse+analyse time (above 1: Bulwark is faster)"
