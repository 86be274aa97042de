#!/bin/bash
# Captures the scenarios iptables-legacy and iptables-nft: the same hand-written policy
# (hand-policy.rules / .rules6) loaded with iptables-{legacy,nft}-restore into the lab's server.
. "$(dirname "$0")/lab.sh"
for backend in legacy nft; do
    OUT=$HERE/../iptables-$backend; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json
    lab_up
    n $SRV iptables-$backend-restore < "$HERE/hand-policy.rules"
    n $SRV ip6tables-$backend-restore < "$HERE/hand-policy.rules6"
    lab_server_listen
    EXTRA_TCP="4444 8080" lab_probe_all
    if [ $backend = nft ]; then lab_capture iptables-nft nft; else lab_capture iptables-legacy; fi
    lab_down
done
