#!/bin/sh
# Compares Bulwark's sshd_config parse + audit (JMH) with OpenSSH's own parser on the same
# 10,000-line file: `sshd -t` (parse + check) and `sshd -T -C` (parse + evaluate one connection),
# timed with hyperfine. Prints operations per second and the ratio.
# Usage: benchmarks/scripts/sshd-config-compare.sh   (after building benchmarks/target/benchmarks.jar)
set -eu
JAR=${JAR:-benchmarks/target/benchmarks.jar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$WORK/hk"
java -cp "$JAR" dev.bulwark.benchmarks.ssh.SshdConfigBenchmark "$WORK/sshd_config" "$WORK/hk"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
"$SSHD" -t -f "$WORK/sshd_config"
hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/h.json" \
  "$SSHD -t -f $WORK/sshd_config" \
  "$SSHD -T -f $WORK/sshd_config -C user=user17,host=host17.example.com,addr=10.0.17.5,laddr=10.0.0.1,lport=22" >/dev/null
java -Djmh.ignoreLock=true -jar "$JAR" 'SshdConfigBenchmark.parseAndAudit' -f 1 -wi 6 -i 4 -w 3s -r 3s -rf json -rff "$WORK/j.json" >/dev/null
python3 - "$WORK/h.json" "$WORK/j.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["results"]
j = json.load(open(sys.argv[2]))[0]["primaryMetric"]["score"]
print(f"Bulwark parse+audit (JMH):   {j:10.1f} ops/s")
for r in h:
    ops = 1.0 / r["mean"]
    print(f"{r['command'].split()[1]:3} {'sshd -t' if ' -t ' in r['command'] else 'sshd -T -C'} (hyperfine): {ops:10.1f} ops/s"
          f"  (mean {r['mean']*1000:.2f} ms, includes process start)  Bulwark/sshd = {j/ops:.2f}")
PY
