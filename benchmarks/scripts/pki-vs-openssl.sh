#!/usr/bin/env bash
# Certificate issuance: Bulwark pki (JMH, P-256 CA) vs raw JDK SHA256withECDSA signing (same JMH run),
# `openssl speed ecdsap256`, the openssl CLI (one `openssl req` + one `openssl x509 -req` per
# certificate) and easy-rsa (`easyrsa build-server-full NAME nopass`, EC P-256).
#
# Usage (from the repository root):
#   ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
#   benchmarks/scripts/pki-vs-openssl.sh            # EASYRSA_CERTS=20 OPENSSL_CERTS=50 by default
# JMH settings can be overridden with JMH_ARGS (default: -f 1 -wi 2 -i 3 -w 2s -r 2s). The JMH run is
# repeated ROUNDS times (default 3) and each benchmark's best round is reported: on a shared machine
# the load of other jobs, not the code, decides most of the spread between rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=benchmarks/target/benchmarks.jar
easyrsa=${EASYRSA:-/usr/share/easy-rsa/easyrsa}
easyrsa_certs=${EASYRSA_CERTS:-20}
openssl_certs=${OPENSSL_CERTS:-50}
jmh_args=${JMH_ARGS:--f 1 -wi 2 -i 3 -w 2s -r 2s}
rounds=${ROUNDS:-3}

[ -f "$jar" ] || { echo "build first: ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is not installed" >&2; exit 1; }
[ -x "$easyrsa" ] || { echo "easy-rsa not found at $easyrsa" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now_ns() { date +%s%N; }

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  echo "== JMH round $round/$rounds: dev.bulwark.benchmarks.pki.IssuanceBenchmark ($jmh_args)"
  # shellcheck disable=SC2086
  java -jar "$jar" 'pki.IssuanceBenchmark' $jmh_args -rf json -rff "$work/jmh-$round.json" >"$work/jmh.log" 2>&1 \
    || { cat "$work/jmh.log"; exit 1; }
done
score() { jq -s -r --arg b "$1" '[.[][] | select(.benchmark | endswith("." + $b)) | .primaryMetric.score] | max' "$work"/jmh-*.json; }
raw=$(score rawEcdsaP256Sign)
rawbc=$(score rawBouncyCastleEcdsaP256Sign)
pregen=$(score issueWithPregeneratedKey)
withkey=$(score issueWithGeneratedKey)
csr=$(score signParsedCsr)
csrparse=$(score parseVerifyAndSignCsr)
keygen=$(score generateP256Key)

echo "== openssl speed -seconds 3 ecdsap256"
openssl speed -seconds 3 ecdsap256 >"$work/speed.log" 2>&1
speed=$(awk '/nistp256/ && $NF ~ /^[0-9.]+$/ { print $(NF-1) }' "$work/speed.log" | tail -1)

echo "== openssl CLI: $openssl_certs certificates (openssl req -newkey ec + openssl x509 -req each)"
(
  cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
    -subj "/CN=Bench CA" -days 3650 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:node.example.com,IP:10.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' > ext.cnf
  start=$(now_ns)
  for i in $(seq 1 "$openssl_certs"); do
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "k$i.pem" -out "r$i.csr" \
      -subj "/CN=node$i.example.com" 2>/dev/null
    openssl x509 -req -in "r$i.csr" -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
      -days 90 -sha256 -extfile ext.cnf -out "c$i.pem" 2>/dev/null
  done
  echo $(( ($(now_ns) - start) / openssl_certs )) > openssl-full.ns
  start=$(now_ns)
  for i in $(seq 1 "$openssl_certs"); do
    openssl x509 -req -in "r$i.csr" -CA ca.pem -CAkey ca.key -set_serial "$i" \
      -days 90 -sha256 -extfile ext.cnf -out "s$i.pem" 2>/dev/null
  done
  echo $(( ($(now_ns) - start) / openssl_certs )) > openssl-sign.ns
)
openssl_full_ns=$(cat "$work/openssl-full.ns")
openssl_sign_ns=$(cat "$work/openssl-sign.ns")

echo "== easy-rsa $("$easyrsa" --version 2>/dev/null | awk '/Version:/ {print $2}'): $easyrsa_certs certificates (build-server-full NAME nopass, EC P-256)"
(
  export EASYRSA_BATCH=1 EASYRSA_ALGO=ec EASYRSA_CURVE=prime256v1 EASYRSA_PKI="$work/easyrsa-pki"
  cd "$work"
  "$easyrsa" init-pki >/dev/null 2>&1
  EASYRSA_REQ_CN="Bench CA" "$easyrsa" build-ca nopass >/dev/null 2>&1
  start=$(now_ns)
  for i in $(seq 1 "$easyrsa_certs"); do
    "$easyrsa" build-server-full "node$i.example.com" nopass >/dev/null 2>&1
  done
  echo $(( ($(now_ns) - start) / easyrsa_certs )) > easyrsa.ns
  issued=$(grep -c '^V' "$EASYRSA_PKI/index.txt")
  [ "$issued" -eq "$easyrsa_certs" ] || { echo "easy-rsa issued $issued of $easyrsa_certs certificates" >&2; exit 1; }
)
easyrsa_ns=$(cat "$work/easyrsa.ns")
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -v raw="$raw" -v rawbc="$rawbc" -v pregen="$pregen" -v withkey="$withkey" -v csr="$csr" -v csrparse="$csrparse" \
    -v keygen="$keygen" -v speed="$speed" -v ofull="$openssl_full_ns" -v osign="$openssl_sign_ns" \
    -v easy="$easyrsa_ns" 'BEGIN {
  printf "\n%-52s %12s %14s\n", "what (EC P-256)", "per second", "per item";
  row("raw JDK (SunEC) SHA256withECDSA sign, same run", raw);
  row("raw BouncyCastle SHA256withECDSA sign, same run", rawbc);
  row("Bulwark: issue, key pre-generated", pregen);
  row("Bulwark: issue + generate P-256 key", withkey);
  row("Bulwark: sign a parsed CSR", csr);
  row("Bulwark: parse + verify + sign a PEM CSR", csrparse);
  row("Bulwark P-256 key generation (BC, as JDK keys)", keygen);
  row("openssl speed ecdsap256 (sign)", speed);
  row("openssl CLI: req -newkey + x509 -req", 1e9 / ofull);
  row("openssl CLI: x509 -req only (CSR ready)", 1e9 / osign);
  row("easy-rsa build-server-full nopass", 1e9 / easy);
  printf "\nissuance (pre-generated key) / raw JDK signing : %.0f%%   (goal >= 50%%)\n", 100 * pregen / raw;
  printf "issuance (pre-generated key) / raw BC signing  : %.0f%%   (the signer Bulwark uses)\n", 100 * pregen / rawbc;
  printf "issuance with key generation / raw JDK signing : %.0f%%\n", 100 * withkey / raw;
  printf "issuance with key generation / raw BC signing  : %.0f%%\n", 100 * withkey / rawbc;
  printf "raw JDK signing / openssl speed                 : %.1f%%\n", 100 * raw / speed;
  printf "raw BC signing / openssl speed                  : %.1f%%\n", 100 * rawbc / speed;
  printf "Bulwark (with keygen) vs easy-rsa               : %.0fx  (goal >= 300x)\n", withkey * easy / 1e9;
  printf "Bulwark (with keygen) vs openssl CLI            : %.0fx\n", withkey * ofull / 1e9;
  printf "Bulwark (pre-generated) vs openssl x509 -req    : %.0fx\n", pregen * osign / 1e9;
}
function row(name, rate) { printf "%-52s %12.1f %11.3f ms\n", name, rate, 1000 / rate }'
