#!/usr/bin/env bash
# Audits the same 50 SSH targets (loopback sshds started here on free ports, one generated key and
# known_hosts) three ways in one run: Bulwark's Fleet (10 at a time, `ss -plunt` parsed and audited
# per host), a shell loop of OpenSSH `ssh … ss -plunt`, and Ansible ad-hoc
# (`ansible all -i inventory -f 10 -m command -a 'ss -plunt'`). Prints hosts per second of each
# (wall clock, JVM and Python start-up included) and the ratios.
#
#   benchmarks/scripts/fleet-vs-ansible.sh            # 50 targets on 5 sshds, concurrency 10
#   benchmarks/scripts/fleet-vs-ansible.sh 100 5 10   # targets, sshds, concurrency
#
# Needs root (sshd must switch users), sshd, ssh, ssh-keygen, ansible, python3 and a JDK.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
TARGETS=${1:-50}
SERVERS=${2:-5}
CONC=${3:-10}
USER_NAME=$(id -un)
SSHD=$(command -v sshd || echo /usr/sbin/sshd)

for tool in java ssh ssh-keygen ansible python3 "$SSHD"; do
  command -v "$tool" >/dev/null || { echo "fleet-vs-ansible: $tool is not installed" >&2; exit 2; }
done
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true)
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p /run/sshd

ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
cp "$WORK/id_ed25519.pub" "$WORK/authorized_keys"
: > "$WORK/known_hosts"
PORTS=()
for i in $(seq 1 "$SERVERS"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$WORK/sshd_config.$i" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.$i.pid
AuthorizedKeysFile $WORK/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
MaxStartups 100:30:200
LogLevel ERROR
CFG
  "$SSHD" -f "$WORK/sshd_config.$i"
  for _ in $(seq 1 100); do [ -s "$WORK/sshd.$i.pid" ] && break; sleep 0.05; done
  PIDS+=("$(cat "$WORK/sshd.$i.pid")")
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$WORK/host_key.pub")" >> "$WORK/known_hosts"
  PORTS+=("$port")
done

: > "$WORK/targets.txt"
{ echo "[all]"; } > "$WORK/inventory.ini"
for i in $(seq 1 "$TARGETS"); do
  port=${PORTS[$(( (i - 1) % SERVERS ))]}
  echo "$USER_NAME 127.0.0.1 $port" >> "$WORK/targets.txt"
  printf 'h%03d ansible_host=127.0.0.1 ansible_port=%s ansible_user=%s\n' "$i" "$port" "$USER_NAME" >> "$WORK/inventory.ini"
done
cat >> "$WORK/inventory.ini" <<INV
[all:vars]
ansible_ssh_private_key_file=$WORK/id_ed25519
ansible_ssh_common_args=-o UserKnownHostsFile=$WORK/known_hosts -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes
ansible_python_interpreter=/usr/bin/python3
INV

printf '[defaults]\nhost_key_checking = True\nlocalhost_warning = False\n' > "$WORK/ansible.cfg"

now() { date +%s.%N; }

t0=$(now)
java -cp "$JAR" dev.bulwark.benchmarks.ssh.FleetAuditMain "$WORK/targets.txt" "$WORK/id_ed25519" "$WORK/known_hosts" "$CONC" \
  > "$WORK/bulwark.out" 2> "$WORK/bulwark.err"
t1=$(now)
bw_ok=$(sed -n 's/.*ok=\([0-9]*\).*/\1/p' "$WORK/bulwark.out")
bw_inner=$(sed -n 's/.*hosts_per_second=\([0-9.]*\).*/\1/p' "$WORK/bulwark.out")

loop_ok=0
t2=$(now)
while read -r user host port; do
  if ssh -n -F /dev/null -i "$WORK/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
      -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -p "$port" "$user@$host" ss -plunt > /dev/null; then
    loop_ok=$((loop_ok + 1))
  fi
done < "$WORK/targets.txt"
t3=$(now)

t4=$(now)
ANSIBLE_CONFIG="$WORK/ansible.cfg" ansible all -i "$WORK/inventory.ini" -f "$CONC" -m command -a 'ss -plunt' > "$WORK/ansible.out" 2>&1 || true
t5=$(now)
an_ok=$(grep -c '| CHANGED |' "$WORK/ansible.out" || true)

echo "targets: $TARGETS on $SERVERS loopback sshds, concurrency $CONC; $(ansible --version 2>/dev/null | sed -n 1p); $(ssh -V 2>&1); $(java -version 2>&1 | head -1)"
awk -v n="$TARGETS" -v b="$(echo "$t1 - $t0" | bc)" -v bok="$bw_ok" -v bi="$bw_inner" \
    -v l="$(echo "$t3 - $t2" | bc)" -v lok="$loop_ok" -v a="$(echo "$t5 - $t4" | bc)" -v aok="$an_ok" 'BEGIN {
  printf "%-22s %5s %9s %10s\n", "tool", "ok", "seconds", "hosts/s"
  printf "%-22s %5d %9.2f %10.1f   (%.1f hosts/s inside the JVM, start-up excluded)\n", "bulwark fleet", bok, b, n / b, bi
  printf "%-22s %5d %9.2f %10.1f\n", "ssh loop (sequential)", lok, l, n / l
  printf "%-22s %5d %9.2f %10.1f\n", "ansible -f", aok, a, n / a
  printf "bulwark/ansible: %.1fx   bulwark/ssh-loop: %.1fx\n", a / b, l / b
}'
