# Golden-scenario lab (bash, sourced; run as root). Builds network namespaces, never touches the
# host's own ruleset, and sends traffic only between the namespaces it creates.
#
#   gd-pub  (public client)  eth0 198.51.100.2, .66  2001:db8:51::2, ::66 --- eth0 of gd-srv
#   gd-priv (private client) eth0 10.20.0.2  fd00:20::2                  --- eth1 of gd-srv
#   gd-vpn  (VPN peer)       eth0 10.66.0.2  fd66::2                     --- wg0  of gd-srv
#   gd-ctr  (container)      eth0 172.17.0.2/16 on the server's bridge docker0 (lab_container)
#
# The server gd-srv: eth0 198.51.100.1/24 2001:db8:51::1/64 (default routes), eth1 10.20.0.1/24
# fd00:20::1/64, wg0 10.66.0.1/24 fd66::1/64 (a veth named like a WireGuard device), forwarding on.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LISTENERS=$HERE/listen.py
SRV=gd-srv
TIMEOUT=${TIMEOUT:-1.5}
# the server's listeners: proto/address/port (IPv6 ones are v6-only)
SRV_LISTEN="tcp/0.0.0.0/22 tcp/::/22 tcp/0.0.0.0/80 tcp/::/80 tcp/0.0.0.0/443 tcp/0.0.0.0/3000 tcp/::/3000
 tcp/0.0.0.0/5432 tcp/::/5432 tcp/10.20.0.1/6379 tcp/10.66.0.1/9090 tcp/fd66::1/9090 tcp/127.0.0.1/9100
 udp/0.0.0.0/53 udp/::/53 udp/0.0.0.0/161 udp/0.0.0.0/51820"
# ports probed on every server address besides the listeners' (forwarded ports, one closed port)
EXTRA_TCP=${EXTRA_TCP:-4444}
EXTRA_UDP=${EXTRA_UDP:-4444}
PIDS=()

n() { ip netns exec "$@"; }

lab_up() {
    lab_down 2>/dev/null
    for ns in gd-srv gd-pub gd-priv gd-vpn; do ip netns add $ns; ip -n $ns link set lo up; done
    ip link add eth0 netns gd-srv type veth peer name eth0 netns gd-pub
    ip link add eth1 netns gd-srv type veth peer name eth0 netns gd-priv
    ip link add wg0 netns gd-srv type veth peer name eth0 netns gd-vpn
    ip -n gd-srv addr add 198.51.100.1/24 dev eth0; ip -n gd-srv addr add 2001:db8:51::1/64 dev eth0 nodad
    ip -n gd-srv addr add 10.20.0.1/24 dev eth1;    ip -n gd-srv addr add fd00:20::1/64 dev eth1 nodad
    ip -n gd-srv addr add 10.66.0.1/24 dev wg0;     ip -n gd-srv addr add fd66::1/64 dev wg0 nodad
    ip -n gd-pub addr add 198.51.100.2/24 dev eth0; ip -n gd-pub addr add 198.51.100.66/24 dev eth0
    ip -n gd-pub addr add 2001:db8:51::2/64 dev eth0 nodad; ip -n gd-pub addr add 2001:db8:51::66/64 dev eth0 nodad
    ip -n gd-priv addr add 10.20.0.2/24 dev eth0; ip -n gd-priv addr add fd00:20::2/64 dev eth0 nodad
    ip -n gd-vpn addr add 10.66.0.2/24 dev eth0;  ip -n gd-vpn addr add fd66::2/64 dev eth0 nodad
    for ns in gd-srv gd-pub gd-priv gd-vpn; do
        for d in $(ip -n $ns -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do ip -n $ns link set "$d" up; done
    done
    ip -n gd-srv route add default via 198.51.100.2; ip -n gd-srv -6 route add default via 2001:db8:51::2
    # the public client can try the server's other addresses and the container network (routed)
    ip -n gd-pub route add 10.0.0.0/8 via 198.51.100.1; ip -n gd-pub route add 172.16.0.0/12 via 198.51.100.1
    ip -n gd-pub -6 route add fd00::/8 via 2001:db8:51::1
    ip -n gd-priv route add default via 10.20.0.1; ip -n gd-priv -6 route add default via fd00:20::1
    ip -n gd-vpn route add default via 10.66.0.1; ip -n gd-vpn -6 route add default via fd66::1
    n gd-srv sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

# A container namespace gd-ctr on a bridge docker0 of the server (for the reproduced kube-proxy pods).
lab_container() {
    local br=${1:-docker0} gw=${2:-172.17.0.1/16} addr=${3:-172.17.0.2/16} ns=${4:-gd-ctr}
    ip netns add $ns; ip -n $ns link set lo up
    ip -n gd-srv link show $br >/dev/null 2>&1 || { ip -n gd-srv link add $br type bridge; ip -n gd-srv addr add $gw dev $br; ip -n gd-srv link set $br up; }
    ip link add "v$ns" netns gd-srv type veth peer name eth0 netns $ns
    ip -n gd-srv link set "v$ns" master $br up
    ip -n $ns addr add $addr dev eth0; ip -n $ns link set eth0 up
    ip -n $ns route add default via ${gw%/*}
}

# Starts listeners.py in a namespace (or with a command prefix) and waits for "ready".
lab_listen() {
    local prefix=$1; shift
    local out; out=$(mktemp)
    $prefix python3 "$LISTENERS" "$@" >"$out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do grep -q ready "$out" && return 0; sleep 0.1; done
    cat "$out"; return 1
}

lab_server_listen() { lab_listen "ip netns exec gd-srv" $SRV_LISTEN; }

# probe_lines CLIENT_SOURCES... : every (source, proto, server address of the family, port)
_server_addrs() { ip -n gd-srv -j addr | python3 -c '
import json,sys
for i in json.load(sys.stdin):
    if i["ifname"]=="lo": continue
    for a in i.get("addr_info",[]):
        if a.get("scope")=="global": print(a["local"])'; }
_ports() { # proto
    local p=$1 extra; if [ "$p" = tcp ]; then extra=$EXTRA_TCP; else extra=$EXTRA_UDP; fi
    { for l in $SRV_LISTEN; do case $l in $p/*) echo "${l##*/}";; esac; done; for e in $extra; do echo "$e"; done; } | sort -nu
}

# lab_probe CLASS NS IFACE SRC... : appends "class src iface dst proto port result" to $OUT/observed.tsv
lab_probe() {
    local class=$1 ns=$2 iface=$3; shift 3
    local req; req=$(mktemp)
    local addrs; addrs=$(_server_addrs)
    for src in "$@"; do
        for dst in $addrs; do
            case "$src$dst" in *:*:*) [[ $src == *:* && $dst == *:* ]] || continue;; esac
            [[ $src == *:* ]] && [[ $dst != *:* ]] && continue
            for proto in tcp udp; do for port in $(_ports $proto); do echo "$src $proto $dst $port"; done; done
        done
    done > "$req"
    local p=(ip netns exec "$ns"); [ "$ns" = "-" ] && p=(${PROBE_PREFIX})
    "${p[@]}" python3 "$HERE/probe.py" "$TIMEOUT" < "$req" | while read -r src proto dst port res; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$class" "$src" "$iface" "$dst" "$proto" "$port" "$res"
    done >> "$OUT/observed.tsv"
    rm -f "$req"
}

# lab_probe_to FILE CLASS NS IFACE "src proto dst port"... : probes exactly the given lines
lab_probe_to() {
    local file=$1 class=$2 ns=$3 iface=$4; shift 4
    local p=(ip netns exec "$ns"); [ "$ns" = "-" ] && p=(${PROBE_PREFIX})
    printf '%s\n' "$@" | "${p[@]}" python3 "$HERE/probe.py" "$TIMEOUT" | while read -r src proto dst port res; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$class" "$src" "$iface" "$dst" "$proto" "$port" "$res"
    done >> "$OUT/$file"
}

lab_probe_all() {
    printf '# client\tsource\tiface\tdestination\tproto\tport\tresult\n' > "$OUT/observed.tsv"
    lab_probe public gd-pub eth0 198.51.100.2 198.51.100.66 2001:db8:51::2 2001:db8:51::66
    lab_probe private gd-priv eth1 10.20.0.2 fd00:20::2
    lab_probe vpn gd-vpn wg0 10.66.0.2 fd66::2
}

# lab_capture READERS... : readers among iptables-nft iptables-legacy nft
lab_capture() {
    local r
    for r in "$@"; do case $r in
        iptables-nft) n $SRV iptables-nft-save > "$OUT/iptables-save.txt"; n $SRV ip6tables-nft-save > "$OUT/ip6tables-save.txt";;
        iptables-legacy) n $SRV iptables-legacy-save > "$OUT/iptables-save.txt"; n $SRV ip6tables-legacy-save > "$OUT/ip6tables-save.txt";;
        nft) n $SRV nft list ruleset > "$OUT/nft-list-ruleset.txt"; n $SRV nft -j list ruleset > "$OUT/nft-j-list-ruleset.json";;
    esac; done
    n $SRV ss -lntu > "$OUT/ss-lntu.txt"
    n $SRV ss -lntup > "$OUT/ss-lntup.txt"
    n $SRV ip -j addr > "$OUT/ip-j-addr.json"
    n $SRV ip -j route > "$OUT/ip-j-route.json"
    n $SRV ip -6 -j route > "$OUT/ip-6-j-route.json"
}

lab_down() {
    local p
    for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
    PIDS=()
    for ns in gd-srv gd-pub gd-priv gd-vpn gd-ctr gd-ctr2 gd-pod1 gd-pod2; do ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null; ip netns del $ns 2>/dev/null; done
    return 0
}
