#!/usr/bin/env bash
# Times Bulwark's iptables-save parser + exposure analysis (JMH, ParseAnalyseBenchmark) and
# `iptables-restore --test` on the same generated 10,000- and 100,000-rule files, in the same run,
# and prints the ratios (for parsing alone, and for parsing plus analysis) and the 10k -> 100k growth
# of each.
#
# Needs root (iptables-restore runs inside a throwaway network namespace: ip netns add/delete),
# java, jq, and the benchmarks jar:
#   ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
# Usage: benchmarks/scripts/iptables-parse-vs-restore-test.sh [runs-of-iptables-restore]
# JMH settings can be overridden with JMH_OPTS (default: -f 1 -wi 3 -i 8 -w 1s -r 1s).
# PARSE_ONLY=1 runs only the parse benchmark (quicker) and prints the parse-only table.
# Both tools are reported by their best (fastest) run, the figure least disturbed by other load on a
# shared machine; the JMH averages are printed too. The load average is printed with the figures.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${BENCH_JAR:-$here/../target/benchmarks.jar}"
runs="${1:-3}"
jmh_opts="${JMH_OPTS:--f 1 -wi 3 -i 8 -w 1s -r 1s}"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root for ip netns" >&2; exit 2; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc" >&2; exit 2; }
parse_only="${PARSE_ONLY:-0}"
if [ "$parse_only" = 1 ]; then include='ParseAnalyseBenchmark\.parse$'; else include='ParseAnalyseBenchmark'; fi

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
java -Djmh.ignoreLock=true -jar "$jar" "$include" $jmh_opts -rf json -rff "$work/jmh.json" > "$work/jmh.log"
# best iteration (percentile 0) and average of the JMH iterations, in ms
score() { jq -r --arg b "$1" --arg n "$2" \
  '.[] | select((.benchmark | endswith("." + $b)) and .params.rules == $n) | .primaryMetric.scorePercentiles["0.0"]' "$work/jmh.json"; }
mean() { jq -r --arg b "$1" --arg n "$2" \
  '.[] | select((.benchmark | endswith("." + $b)) and .params.rules == $n) | .primaryMetric.score' "$work/jmh.json"; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
ratio() { echo "$1 / $2" | bc -l; }
printf '%-8s %12s %12s %14s %12s\n' rules parse_best parse_mean restore_test parse_ratio
printf '%-8s %12s %12s %14s %12s\n' "" ms ms best_ms ""
for n in 10000 100000; do
  p=$(score parse "$n"); pm=$(mean parse "$n")
  printf '%-8s %12.1f %12.1f %14d %12.2f\n' "$n" "$p" "$pm" "${restore_ms[$n]}" "$(ratio "${restore_ms[$n]}" "$p")"
done
p10=$(score parse 10000); p100=$(score parse 100000)
printf 'growth 10k -> 100k: bulwark parse x%.1f, iptables-restore --test x%.1f (x10 is linear)\n' \
  "$(ratio "$p100" "$p10")" "$(ratio "${restore_ms[100000]}" "${restore_ms[10000]}")"
echo "parse_ratio = iptables-restore --test best / Bulwark parse best (above 1: Bulwark parses faster)"
[ "$parse_only" = 1 ] && exit 0

echo
printf '%-8s %12s %16s %16s %14s %8s\n' rules analyse_best parse+analyse parse+analyse restore_test ratio
printf '%-8s %12s %16s %16s %14s %8s\n' "" ms best_ms mean_ms best_ms ""
for n in 10000 100000; do
  a=$(score analyse "$n"); pa=$(score parseAndAnalyse "$n"); pam=$(mean parseAndAnalyse "$n")
  printf '%-8s %12.1f %16.1f %16.1f %14d %8.2f\n' "$n" "$a" "$pa" "$pam" "${restore_ms[$n]}" \
    "$(ratio "${restore_ms[$n]}" "$pa")"
done
pa10=$(score parseAndAnalyse 10000); pa100=$(score parseAndAnalyse 100000)
printf 'growth 10k -> 100k: bulwark parse+analyse x%.1f, iptables-restore --test x%.1f (x10 is linear)\n' \
  "$(ratio "$pa100" "$pa10")" "$(ratio "${restore_ms[100000]}" "${restore_ms[10000]}")"
echo "ratio = iptables-restore --test best / Bulwark parse+analyse best (above 1: Bulwark is faster)"
