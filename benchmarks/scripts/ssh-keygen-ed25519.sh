#!/usr/bin/env bash
# Ed25519 key generation: Bulwark (generate + encode to OpenSSH text) vs the JDK's raw
# KeyPairGenerator in the same JMH run, then ssh-keygen on this machine for reference
# (ssh-keygen's figure includes process start-up, so it is context, not a like-for-like ratio).
#
# Usage: benchmarks/scripts/ssh-keygen-ed25519.sh   (after building benchmarks/target/benchmarks.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=benchmarks/target/benchmarks.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

java -jar "$jar" Ed25519KeyGeneration -f 1 -wi 2 -i 3 -w 2s -r 2s -rf json -rff "$out/jmh.json" >"$out/jmh.log"
python3 - "$out/jmh.json" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
raw = rows["jdkRawKeyPairGenerator"]
ours = rows["bulwarkGenerateAndEncodeOpenSsh"]
enc = rows["bulwarkEncodeOnly"]
print(f"JDK raw KeyPairGenerator        {raw:10.0f} key pairs/s")
print(f"Bulwark generate + OpenSSH text {ours:10.0f} key pairs/s")
print(f"ratio Bulwark/raw               {ours / raw:10.2%}  (goal >= 80%)")
print(f"Bulwark encoding alone          {enc:10.0f} pairs/s = {1e6 / enc:.1f} us per pair")
print(f"ratio implied by encoding cost  {1 / (1 + raw / enc):10.2%}  (raw generation + encoding, load-independent)")
PY

java -cp "$jar" dev.bulwark.benchmarks.ssh.Ed25519InterleavedComparison

n=200
start=$(date +%s%N)
for i in $(seq "$n"); do
  rm -f "$out/k" "$out/k.pub"
  ssh-keygen -q -t ed25519 -N '' -f "$out/k" </dev/null
done
end=$(date +%s%N)
python3 -c "print(f'ssh-keygen -t ed25519 (incl. process start) {$n / (($end - $start) / 1e9):10.0f} key pairs/s')"
