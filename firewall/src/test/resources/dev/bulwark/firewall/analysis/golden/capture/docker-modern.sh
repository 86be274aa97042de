#!/bin/bash
# Captures Docker 28/29 scenarios from a real dockerd given by path (neither is packaged for
# Debian 12; each scenario's README.md says how its binary was obtained):
#
#   DOCKERD=/path/to/dockerd-28 bash capture/docker-modern.sh docker28-iptables
#   DOCKERD=/path/to/dockerd-29 DOCKERD_ARGS="--feature time-namespaces=false" \
#       bash capture/docker-modern.sh docker29-iptables docker29-nftables
#
# DOCKERD_ARGS adds flags (Docker 29 gives containers a time namespace, which Debian 12's runc
# 1.1.5 does not know; its feature flag time-namespaces=false turns that off).
# A scenario named *-nftables runs dockerd with --firewall-backend=nftables, any other with the
# iptables backend (iptables-nft here). As docker.sh: dockerd runs in the server namespace
# (nsenter --net) inside a private mount namespace (empty /run) with its own data-root,
# exec-root, pidfile and API socket, vfs storage, the system's containerd and runc; the image is
# Debian's busybox-static imported with `docker import` (no pull). Flags:
# --userland-proxy=false --ipv6 --fixed-cidr-v6 fd00:17::/64, and
# `docker run -p 8080:80 -p 8443:8443/udp`; busybox httpd serves TCP 80 in the container, Python
# listeners there echo UDP 8443 and accept the unpublished TCP 9000 (both families). Then one
# user rule in DOCKER-USER (iptables backends: docker-user.sh) or, with the nftables backend (which
# has no DOCKER-USER), in a table of the user's own at forward priority filter - 1
# (docker-user.nft), dropping the public client's second address .66 / ::66 on eth0.
. "$(dirname "$0")/lab.sh"
: "${DOCKERD:?DOCKERD must name the dockerd binary}"
D=/tmp/gd-docker
export DOCKER_HOST=unix://$D/docker.sock
# the dockerd's own docker-proxy (if any) before the system's containerd and runc
export PATH=$(dirname "$DOCKERD"):$PATH
for scenario in "$@"; do
    OUT=$HERE/../$scenario; mkdir -p "$OUT"
    rm -f "$OUT"/*.t* "$OUT"/*.json "$OUT"/*.log "$OUT"/*.sh "$OUT"/*.nft "$OUT"/*.rules "$OUT"/*.rules6
    case $scenario in *-nftables) backend=nftables;; *) backend=iptables;; esac
    lab_up
    rm -rf $D; mkdir -p $D/run $D/data $D/exec $D/rootfs/bin
    cp /bin/busybox $D/rootfs/bin/; for c in sh httpd; do ln -s busybox $D/rootfs/bin/$c; done
    tar -C $D/rootfs -cf $D/bb.tar .
    args="--data-root $D/data --exec-root $D/exec --pidfile $D/docker.pid -H $DOCKER_HOST --storage-driver vfs
 --iptables=true --userland-proxy=false --ipv6 --fixed-cidr-v6 fd00:17::/64"
    # Docker 28 has no --firewall-backend (iptables only)
    [ $backend = nftables ] && args="$args --firewall-backend=nftables"
    args="$args ${DOCKERD_ARGS:-}"
    nsenter --net=/run/netns/$SRV unshare -m --propagation private sh -c "mount --bind $D/run /run && exec $DOCKERD $(echo $args)" > $D/dockerd.log 2>&1 &
    for _ in $(seq 300); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
    docker version >/dev/null 2>&1 || { tail -20 $D/dockerd.log; lab_down; exit 1; }
    docker import $D/bb.tar gd-bb:1 >/dev/null
    docker run -d --name web -p 8080:80 -p 8443:8443/udp gd-bb:1 httpd -f -p 80 >/dev/null
    CPID=$(docker inspect -f '{{.State.Pid}}' web)
    [ "${CPID:-0}" != 0 ] || { tail -20 $D/dockerd.log; kill "$(cat $D/docker.pid)"; lab_down; exit 1; }
    CIP=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' web)
    CIP6=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.GlobalIPv6Address}}' web)
    lab_listen "nsenter --net=/proc/$CPID/ns/net" udp/0.0.0.0/8443 udp/::/8443 tcp/0.0.0.0/9000 tcp/::/9000
    if [ $backend = nftables ]; then
        printf '%s\n' 'table inet gd-user {' \
            '	chain forward {' \
            '		type filter hook forward priority filter - 1; policy accept;' \
            '		iifname "eth0" ip saddr 198.51.100.66 drop' \
            '		iifname "eth0" ip6 saddr 2001:db8:51::66 drop' \
            '	}' '}' > "$OUT/docker-user.nft"
        n $SRV nft -f "$OUT/docker-user.nft"
    else
        printf '%s\n' "iptables -I DOCKER-USER -i eth0 -s 198.51.100.66 -j DROP" \
            "ip6tables -I DOCKER-USER -i eth0 -s 2001:db8:51::66 -j DROP" > "$OUT/docker-user.sh"
        n $SRV sh -e "$OUT/docker-user.sh"
    fi
    { echo "dockerd $(echo $args)"; "$DOCKERD" --version; docker version; docker ps; echo "container $CIP $CIP6"
      n $SRV sysctl net.ipv4.ip_forward net.ipv6.conf.all.forwarding net.ipv4.conf.docker0.route_localnet
      ip -n $SRV -d link show master docker0 | grep -o 'hairpin [a-z]*'; } > "$OUT/docker.log" 2>&1
    lab_server_listen
    EXTRA_TCP="4444 8080"; EXTRA_UDP="4444 8443"; lab_probe_all
    PROBE_PREFIX="nsenter --net=/proc/$CPID/ns/net" lab_probe container - docker0 $CIP $CIP6
    printf '# client\tsource\tiface\tdestination\tproto\tport\tresult\n' > "$OUT/routed.tsv"
    lab_probe_to routed.tsv public gd-pub eth0 "198.51.100.2 tcp $CIP 80" "198.51.100.2 udp $CIP 8443" \
        "198.51.100.2 tcp $CIP 9000" "198.51.100.66 tcp $CIP 80" "2001:db8:51::2 tcp $CIP6 80" "2001:db8:51::2 tcp $CIP6 9000"
    lab_probe_to routed.tsv private gd-priv eth1 "10.20.0.2 tcp $CIP 80" "10.20.0.2 udp $CIP 8443" \
        "10.20.0.2 tcp $CIP 9000" "fd00:20::2 tcp $CIP6 80"
    if [ $backend = nftables ]; then lab_capture nft; else lab_capture iptables-nft nft; fi
    docker rm -f web >/dev/null; kill "$(cat $D/docker.pid)"
    for _ in $(seq 100); do [ -e $D/docker.pid ] || break; sleep 0.2; done
    lab_down
done
