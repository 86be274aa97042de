#!/usr/bin/env bash
# ACME issuance throughput: Bulwark's ACME server (pki, over an on-disk CA store) vs pebble, Let's
# Encrypt's test server (Debian package, PEBBLE_VA_NOSLEEP=1), in the same run on the same machine,
# each a process of its own (Bulwark's: dev.bulwark.benchmarks.acme.AcmeServerProcessMain). The load
# generator (dev.bulwark.benchmarks.acme.AcmeLoadMain, a third process) speaks the real protocol:
# ES256 JWS-signed requests from ACCOUNTS concurrent accounts, ORDERS orders in all (one name each),
# http-01 answered by an in-process responder the server really connects to, finalize with a CSR
# for a P-256 key made before the timed phase, certificate download. Both servers resolve the names
# through the same dnsmasq (*.acme.test -> 127.0.0.1). Everything listens on 127.0.0.1 only. Each
# account talks to the server over one persistent TLS connection of its own, blocking HTTP/1.1 with
# keep-alive (dev.bulwark.benchmarks.acme.HttpsConnection, not java.net.http.HttpClient), to keep the
# generator's own CPU per order small on a machine it shares with the server under test.
# Besides orders/s it reports each server's CPU time per timed order (user + system, from
# /proc/PID/stat, and the system part alone), the figure that stays comparable when other work
# shares the machine. WARMUP orders (default 3000, 30 per account) run on Bulwark before the timed
# ones: a JVM's JIT compilers are still busy for the first few thousand orders (13 % of the
# server's CPU in the timed phase after 200 warm-up orders, 15 % after 1000), and the goal is a
# running server's throughput. pebble, compiled Go with nothing to warm up, runs PEBBLE_WARMUP
# (default 200) first: its in-memory store deadlocks the sooner the more orders it has run.
#
# Usage (from the repository root):
#   ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
#   benchmarks/scripts/acme-vs-pebble.sh          # ACCOUNTS=100 ORDERS=1000 WARMUP=3000 PEBBLE_WARMUP=200 ROUNDS=1
#   SERVERS=pebble PEBBLE_ACCOUNTS=10 benchmarks/scripts/acme-vs-pebble.sh   # pebble alone, 10 accounts
#   ACCOUNTS=20 benchmarks/scripts/acme-vs-pebble.sh                         # both, 20 accounts
#   SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/acme.jfr,settings=profile ...   # profile Bulwark's server
#   (LOAD_JAVA_OPTS does the same for the load generator; SERVER_ARGS="--threads 64" passes options to the server)
# Needs: java, pebble, dnsmasq, openssl, python3 (to find free ports). Each round runs pebble then
# Bulwark (SERVERS, default "pebble bulwark"); each server's best round is reported. Debian's pebble
# 2.4.0 deadlocks in its in-memory store under 100 concurrent accounts (every request then waits on
# MemoryStore locks; a request times out after 60 s and counts as failed); PEBBLE_ACCOUNTS (default
# ACCOUNTS) runs pebble with fewer accounts, the same ORDERS in all.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=benchmarks/target/benchmarks.jar
accounts=${ACCOUNTS:-100}
orders=${ORDERS:-1000}
warmup=${WARMUP:-3000}
pebble_warmup=${PEBBLE_WARMUP:-200}
rounds=${ROUNDS:-1}
servers=${SERVERS:-pebble bulwark}
pebble_accounts=${PEBBLE_ACCOUNTS:-$accounts}

[ -f "$jar" ] || { echo "build first: ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true" >&2; exit 1; }
for tool in java pebble dnsmasq openssl python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is not installed" >&2; exit 1; }
done
dnsmasq=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)

work=$(mktemp -d)
pebble_pid=
bulwark_pid=
cleanup() {
  [ -n "$pebble_pid" ] && kill "$pebble_pid" 2>/dev/null || true
  [ -n "$bulwark_pid" ] && kill "$bulwark_pid" 2>/dev/null || true
  [ -f "$work/dnsmasq.pid" ] && kill "$(cat "$work/dnsmasq.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
dns_port=$(free_port); http_port=$(free_port); tls_port=$(free_port); acme_port=$(free_port)

printf '%s\n' "port=$dns_port" listen-address=127.0.0.1 bind-interfaces no-resolv no-hosts \
  address=/acme.test/127.0.0.1 local=/acme.test/ > "$work/dnsmasq.conf"
"$dnsmasq" --conf-file="$work/dnsmasq.conf" --pid-file="$work/dnsmasq.pid"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/https-key.pem" \
  -out "$work/https-cert.pem" -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 2 2>/dev/null
cat > "$work/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$acme_port", "managementListenAddress": "",
  "certificate": "$work/https-cert.pem", "privateKey": "$work/https-key.pem",
  "httpPort": $http_port, "tlsPort": $tls_port, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
start_pebble() {
  PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
    pebble -config "$work/pebble.json" -dnsserver "127.0.0.1:$dns_port" -strict=false >"$work/pebble.log" 2>&1 &
  pebble_pid=$!
  for _ in $(seq 1 300); do
    grep -q 'ACME directory available' "$work/pebble.log" && return 0
    kill -0 "$pebble_pid" 2>/dev/null || { cat "$work/pebble.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "pebble did not start" >&2; cat "$work/pebble.log" >&2; exit 1
}
stop_pebble() { kill "$pebble_pid" 2>/dev/null || true; wait "$pebble_pid" 2>/dev/null || true; pebble_pid=; }

start_bulwark() {   # a fresh store each round, in a JVM of its own; stdin from a FIFO that stop_bulwark closes
  rm -rf "$work/store" "$work/bulwark.in"; mkfifo "$work/bulwark.in"
  # shellcheck disable=SC2086
  java ${SERVER_JAVA_OPTS:-} -cp "$jar" dev.bulwark.benchmarks.acme.AcmeServerProcessMain --store "$work/store" \
    --dns "127.0.0.1:$dns_port" --http-port "$http_port" --trust-out "$work/bulwark-root.pem" ${SERVER_ARGS:-} \
    <"$work/bulwark.in" >"$work/bulwark.log" 2>&1 &
  bulwark_pid=$!
  exec 9>"$work/bulwark.in"
  for _ in $(seq 1 600); do
    bulwark_dir=$(sed -n 's/^directory=//p' "$work/bulwark.log")
    [ -n "$bulwark_dir" ] && return 0
    kill -0 "$bulwark_pid" 2>/dev/null || { cat "$work/bulwark.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "Bulwark's server did not start" >&2; cat "$work/bulwark.log" >&2; exit 1
}
stop_bulwark() { exec 9>&-; wait "$bulwark_pid" 2>/dev/null || true; bulwark_pid=; }

# shellcheck disable=SC2086
load() { java ${LOAD_JAVA_OPTS:-} -cp "$jar" dev.bulwark.benchmarks.acme.AcmeLoadMain --orders "$orders" \
  --http-port "$http_port" "$@"; }

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
: > "$work/results"
for round in $(seq 1 "$rounds"); do
  if [[ " $servers " == *" pebble "* ]]; then
    echo "== round $round/$rounds: pebble ($pebble_accounts accounts, $orders orders, $pebble_warmup warm-up orders)"
    start_pebble   # a fresh pebble each round: its in-memory state grows with every order
    load --server pebble --accounts "$pebble_accounts" --warmup "$pebble_warmup" --directory "https://127.0.0.1:$acme_port/dir" \
      --trust "$work/https-cert.pem" --server-pid "$pebble_pid" | tee -a "$work/results"
    stop_pebble
  fi
  if [[ " $servers " == *" bulwark "* ]]; then
    echo "== round $round/$rounds: Bulwark ($accounts accounts, $orders orders, $warmup warm-up orders)"
    start_bulwark
    load --server bulwark --accounts "$accounts" --warmup "$warmup" --directory "$bulwark_dir" --trust "$work/bulwark-root.pem" \
      --server-pid "$bulwark_pid" | tee -a "$work/results"
    stop_bulwark
  fi
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# every round's figures, then the best round of each server (by orders/s) against the goals
best_round() { grep "^server=$1 " "$work/results" | sort -t= -k7 -g | tail -1; }
get() { sed -n "s/.* $2=\([0-9.-]*\).*/\1/p" <<<"$1"; }
echo "pebble $(dpkg-query -W -f='${Version}' pebble 2>/dev/null || echo '?'); $(java -version 2>&1 | head -1)"
printf '\n%-46s %9s %8s %9s %9s %7s\n' "ACME, $orders timed orders" "orders/s" "failed" "server ms" "client ms" "req/ord"
printf '%-46s %9s %8s %9s %9s %7s\n' "" "(wall)" "" "CPU/order" "CPU/order" ""
while read -r result; do
  server=$(sed -n 's/^server=\([a-z]*\) .*/\1/p' <<<"$result")
  label="Bulwark (own process, on-disk store)"
  [ "$server" = pebble ] && label="pebble (PEBBLE_VA_NOSLEEP=1)"
  printf '%-46s %9s %8s %9s %9s %7s\n' "$label, $(get "$result" accounts) acc." "$(get "$result" orders_per_second)" \
    "$(get "$result" failed)" "$(get "$result" server_cpu_ms_per_order)" "$(get "$result" client_cpu_ms_per_order)" \
    "$(get "$result" requests_per_order)"
done < "$work/results"
b=$(best_round bulwark); p=$(best_round pebble)
awk -v b="$(get "$b" orders_per_second)" -v p="$(get "$p" orders_per_second)" -v bc="$(get "$b" server_cpu_ms_per_order)" \
    -v pc="$(get "$p" server_cpu_ms_per_order)" -v LOAD="$(cut -d" " -f1 /proc/loadavg)" -v ba="$(get "$b" accounts)" -v pa="$(get "$p" accounts)" 'BEGIN {
  print "";
  if (b != "" && p != "" && ba != pa) printf "note: Bulwark ran with %s accounts, pebble with %s\n", ba, pa;
  if (b != "" && p > 0) printf "Bulwark / pebble, orders/s: %.2fx (goal >= 2x)\n", b / p;
  if (b != "" && p != "" && p == 0) print "Bulwark / pebble: no ratio, pebble completed no order";
  if (bc != "" && bc != "-" && pc != "" && pc != "-" && bc > 0) printf "pebble / Bulwark, server CPU per order: %.2fx\n", pc / bc;
  if (b != "") printf "Bulwark >= 100 orders/s on this machine: %s (load average now: %s)\n", (b >= 100) ? "met" : "not met", LOAD;
}'
