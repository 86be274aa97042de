#!/bin/bash
# Captures the scenarios whose producers cannot run here (Debian 12 has docker.io 20.10 only and no
# kube-proxy): docker29-iptables, docker29-nftables and kube-proxy-iptables.
# Their rules were written by hand from the producers' source (each scenario's README.md names
# the source and commit) and are loaded as the producer leaves them: iptables-nft-restore of
# reproduced.rules(6), nft -f reproduced.nft, or kube-jumps.sh (kubelet's and kube-proxy's single
# iptables commands) followed by iptables-nft-restore --noflush of kube-proxy-restore.rules (the
# payload of kube-proxy's RestoreAll). Everything after loading is real: the lab of lab.sh, a
# container namespace behind docker0 (172.17.0.2, fd00:17::2; TCP 80 and 9000, UDP 8443) or two
# pod namespaces behind cni0 (10.244.0.2, 10.244.0.3; TCP 80), every reader's view, and probes.
# (docker28-iptables is captured from a real dockerd 28 by docker-modern.sh.)
. "$(dirname "$0")/lab.sh"
docker_lab() {
    lab_container docker0 172.17.0.1/16 172.17.0.2/16 gd-ctr
    ip -n gd-srv addr add fd00:17::1/64 dev docker0 nodad
    ip -n gd-ctr addr add fd00:17::2/64 dev eth0 nodad; ip -n gd-ctr -6 route add default via fd00:17::1
    # --userland-proxy=false: dockerd sets route_localnet on the bridge (hairpin NAT from loopback)
    n $SRV sysctl -qw net.ipv4.conf.docker0.route_localnet=1
    # and puts the container's bridge port in hairpin mode (a container reaches its own published port)
    ip -n gd-srv link set vgd-ctr type bridge_slave hairpin on
    lab_listen "ip netns exec gd-ctr" tcp/0.0.0.0/80 tcp/::/80 udp/0.0.0.0/8443 udp/::/8443 tcp/0.0.0.0/9000 tcp/::/9000
}
for scenario in docker29-iptables docker29-nftables kube-proxy-iptables; do
    OUT=$HERE/../$scenario; rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.json
    lab_up
    case $scenario in
    docker*-iptables)
        docker_lab
        n $SRV iptables-nft-restore < "$OUT/reproduced.rules"
        n $SRV ip6tables-nft-restore < "$OUT/reproduced.rules6";;
    docker29-nftables)
        docker_lab
        n $SRV nft -f "$OUT/reproduced.nft";;
    kube-proxy-iptables)
        lab_container cni0 10.244.0.1/24 10.244.0.2/24 gd-pod1
        lab_container cni0 10.244.0.1/24 10.244.0.3/24 gd-pod2
        n $SRV sysctl -qw net.ipv4.conf.all.route_localnet=1
        lab_listen "ip netns exec gd-pod1" tcp/0.0.0.0/80
        lab_listen "ip netns exec gd-pod2" tcp/0.0.0.0/80
        n $SRV sh "$OUT/kube-jumps.sh"
        n $SRV iptables-nft-restore --noflush < "$OUT/kube-proxy-restore.rules";;
    esac
    lab_server_listen
    printf '# client\tsource\tiface\tdestination\tproto\tport\tresult\n' > "$OUT/routed.tsv"
    case $scenario in
    kube-proxy-iptables)
        EXTRA_TCP="4444 30080"; EXTRA_UDP=4444; lab_probe_all
        lab_probe container gd-pod1 cni0 10.244.0.2
        lab_probe_to routed.tsv public gd-pub eth0 "198.51.100.2 tcp 10.244.0.2 80" "198.51.100.2 tcp 10.244.0.3 80"
        lab_probe_to routed.tsv private gd-priv eth1 "10.20.0.2 tcp 10.244.0.2 80"
        lab_capture iptables-nft nft;;
    *)
        EXTRA_TCP="4444 8080"; EXTRA_UDP="4444 8443"; lab_probe_all
        lab_probe container gd-ctr docker0 172.17.0.2 fd00:17::2
        lab_probe_to routed.tsv public gd-pub eth0 "198.51.100.2 tcp 172.17.0.2 80" "198.51.100.2 udp 172.17.0.2 8443" \
            "198.51.100.2 tcp 172.17.0.2 9000" "2001:db8:51::2 tcp fd00:17::2 80" "2001:db8:51::2 tcp fd00:17::2 9000"
        lab_probe_to routed.tsv private gd-priv eth1 "10.20.0.2 tcp 172.17.0.2 80" "fd00:20::2 tcp fd00:17::2 80"
        if [ $scenario = docker29-nftables ]; then lab_capture nft; else lab_capture iptables-nft nft; fi;;
    esac
    lab_down
done
