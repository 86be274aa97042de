#!/usr/bin/env bash
# Parses the same generated `ss -tunap` listings with Bulwark's streaming SocketParser and with
# `jc --ss`, in the same run, and prints throughput and peak memory (max RSS from /usr/bin/time)
# of each, plus the throughput ratios. Sizes default to 100k and 1M lines; pass others as arguments.
# Throughput is given per wall-clock second and per CPU second (user + sys, all threads, JVM start
# and JIT included): on a shared machine the CPU figure is the steadier one. The `jc-lib` row is
# jc's parser alone, called in-process (`jc.parse`, CPU time of that call: no interpreter start,
# no JSON output), jc at its fastest.
#
#   benchmarks/scripts/ss-vs-jc.sh            # 100000 and 1000000 lines
#   benchmarks/scripts/ss-vs-jc.sh 250000     # one size
#
# Needs: a JDK, jc, /usr/bin/time (Debian package `time`). Builds benchmarks.jar when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)

for tool in java jc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "ss-vs-jc: $tool is not installed" >&2; exit 2; }
done
# jc's own interpreter (its shebang): another python3 on the PATH may not have the jc module.
JC_PYTHON=$(sed -n '1s/^#! *//p' "$(command -v jc)" | cut -d' ' -f1)
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true)
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "jc: $(jc --version 2>/dev/null | head -1 | tr -s ' ')   java: $(java -version 2>&1 | head -1)   JAVA_OPTS: $JAVA_OPTS"
printf '%-9s %-8s %8s %8s %13s %13s %13s %12s\n' lines tool wall_s cpu_s lines/s_wall lines/s_cpu lines/s_parse peak_rss_MB
for n in "${SIZES[@]}"; do
  file="$WORK/ss-tunap-$n.txt"
  java -cp "$JAR" dev.bulwark.benchmarks.sockets.SsListingGenerator "$file" "$n"

  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/bulwark.time" \
    java $JAVA_OPTS -cp "$JAR" dev.bulwark.benchmarks.sockets.SsParseMain "$file" > "$WORK/bulwark.out"
  read -r bw_wall bw_rss bw_user bw_sys < "$WORK/bulwark.time"
  bw_parsed=$(sed -n 's/.*sockets=\([0-9]*\).*/\1/p' "$WORK/bulwark.out")
  bw_rate=$(sed -n 's/.*lines_per_second=\([0-9]*\).*/\1/p' "$WORK/bulwark.out")
  [ "$bw_parsed" = "$n" ] || { echo "Bulwark parsed $bw_parsed of $n sockets" >&2; exit 1; }

  /usr/bin/time -f '%e %M %U %S' -o "$WORK/jc.time" jc --ss < "$file" > "$WORK/jc.json"
  read -r jc_wall jc_rss jc_user jc_sys < "$WORK/jc.time"
  jc_parsed=$(grep -o '"netid":' "$WORK/jc.json" | wc -l)
  [ "$jc_parsed" = "$n" ] || { echo "jc parsed $jc_parsed of $n sockets" >&2; exit 1; }
  rm -f "$WORK/jc.json"

  jc_lib_rate=$("$JC_PYTHON" - "$file" <<'PY'
import sys, time, jc
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
sockets = len(jc.parse("ss", text, quiet=True))
print(round(sockets / (time.process_time() - start)))
PY
)

  awk -v n="$n" -v jl="$jc_lib_rate" -v bw="$bw_wall" -v bwr="$bw_rate" -v bm="$bw_rss" -v bu="$bw_user" -v bs="$bw_sys" \
      -v jw="$jc_wall" -v jm="$jc_rss" -v ju="$jc_user" -v js="$jc_sys" 'BEGIN {
    bc = bu + bs; jcpu = ju + js
    printf "%-9d %-8s %8.2f %8.2f %13.0f %13.0f %13.0f %12.1f\n", n, "bulwark", bw, bc, n / bw, n / bc, bwr, bm / 1024
    printf "%-9d %-8s %8.2f %8.2f %13.0f %13.0f %13s %12.1f\n", n, "jc", jw, jcpu, n / jw, n / jcpu, "-", jm / 1024
    printf "%-9d %-8s %8s %8s %13s %13s %13.0f %12s\n", n, "jc-lib", "-", "-", "-", "-", jl, "-"
    printf "%-9d bulwark/jc throughput: %.1fx per wall second, %.1fx per CPU second; peak RSS %.1f MB vs %.1f MB\n",
      n, jw / bw, jcpu / bc, bm / 1024, jm / 1024
  }'
done
