#!/bin/bash
# Captures the scenario whose producer cannot run here (no kube-proxy package, and it needs an API
# server): kube-proxy-iptables. Its rules were written by hand from the producer's source (the
# scenario's README.md names the source and commit) and are loaded as the producer leaves them:
# kube-jumps.sh (kubelet's and kube-proxy's single iptables commands) followed by
# iptables-nft-restore --noflush of kube-proxy-restore.rules (the payload of kube-proxy's
# RestoreAll). Everything after loading is real: the lab of lab.sh, two pod namespaces behind cni0
# (10.244.0.2, 10.244.0.3; TCP 80), every reader's view, and probes.
# (The Docker 28/29 scenarios once reproduced here are captured from real dockerds by docker-modern.sh.)
. "$(dirname "$0")/lab.sh"
for scenario in kube-proxy-iptables; do
    OUT=$HERE/../$scenario; rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.json
    lab_up
    lab_container cni0 10.244.0.1/24 10.244.0.2/24 gd-pod1
    lab_container cni0 10.244.0.1/24 10.244.0.3/24 gd-pod2
    n $SRV sysctl -qw net.ipv4.conf.all.route_localnet=1
    lab_listen "ip netns exec gd-pod1" tcp/0.0.0.0/80
    lab_listen "ip netns exec gd-pod2" tcp/0.0.0.0/80
    n $SRV sh "$OUT/kube-jumps.sh"
    n $SRV iptables-nft-restore --noflush < "$OUT/kube-proxy-restore.rules"
    lab_server_listen
    printf '# client\tsource\tiface\tdestination\tproto\tport\tresult\n' > "$OUT/routed.tsv"
    EXTRA_TCP="4444 30080"; EXTRA_UDP=4444; lab_probe_all
    lab_probe container gd-pod1 cni0 10.244.0.2
    lab_probe_to routed.tsv public gd-pub eth0 "198.51.100.2 tcp 10.244.0.2 80" "198.51.100.2 tcp 10.244.0.3 80"
    lab_probe_to routed.tsv private gd-priv eth1 "10.20.0.2 tcp 10.244.0.2 80"
    lab_capture iptables-nft nft
    lab_down
done
