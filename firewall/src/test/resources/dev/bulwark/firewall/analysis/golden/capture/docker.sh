#!/bin/bash
# Captures the scenarios docker-iptables (dockerd alone) and docker-ufw (real ufw first, then
# dockerd, plus one DOCKER-USER rule): Debian's dockerd 20.10 (iptables-nft backend) run in the
# server namespace (nsenter, so that /sys/fs/cgroup stays visible) inside a private mount
# namespace (empty /run), with a private data-root, exec-root, pidfile and API socket, vfs storage.
# The image is a tarball of Debian's busybox-static imported with `docker import` (no pull).
# The container runs busybox httpd on 80 and is published with -p 8080:80 -p 8443:8443/udp;
# Python listeners in its network namespace echo UDP 8443 and accept TCP 9000 (not published).
. "$(dirname "$0")/lab.sh"
D=/tmp/gd-docker
export DOCKER_HOST=unix://$D/docker.sock
for scenario in docker-iptables docker-ufw; do
    OUT=$HERE/../$scenario; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json "$OUT"/*.log "$OUT"/*.sh
    lab_up
    rm -rf $D; mkdir -p $D/run $D/data $D/exec $D/rootfs/bin
    cp /bin/busybox $D/rootfs/bin/; for c in sh httpd; do ln -s busybox $D/rootfs/bin/$c; done
    tar -C $D/rootfs -cf $D/bb.tar .
    if [ $scenario = docker-ufw ]; then
        tmp=$(mktemp -d); cp -a /etc/ufw "$tmp/etc"; cp /etc/default/ufw "$tmp/default"; mkdir "$tmp/run"
        for f in user.rules user6.rules; do cp /usr/share/ufw/$f "$tmp/etc/$f"; done
        printf '%s\n' "ufw --force enable" "ufw allow 22/tcp" "ufw allow 80,443/tcp" > "$OUT/ufw-commands.sh"
        n $SRV unshare -m --propagation private sh -c "mount --bind $tmp/etc /etc/ufw && mount --bind $tmp/default /etc/default/ufw && mount --bind $tmp/run /run && sh -ex $OUT/ufw-commands.sh && ufw status verbose" > "$OUT/ufw-commands.log" 2>&1
        rm -rf "$tmp"
    fi
    nsenter --net=/run/netns/$SRV unshare -m --propagation private sh -c "mount --bind $D/run /run && exec dockerd --data-root $D/data --exec-root $D/exec --pidfile $D/docker.pid -H $DOCKER_HOST --iptables=true --storage-driver vfs" > $D/dockerd.log 2>&1 &
    for _ in $(seq 150); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
    docker import $D/bb.tar gd-bb:1 >/dev/null
    docker run -d --name web -p 8080:80 -p 8443:8443/udp gd-bb:1 httpd -f -p 80 >/dev/null
    CPID=$(docker inspect -f '{{.State.Pid}}' web); CIP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' web)
    lab_listen "nsenter --net=/proc/$CPID/ns/net" udp/0.0.0.0/8443 tcp/0.0.0.0/9000
    if [ $scenario = docker-ufw ]; then
        echo "iptables -I DOCKER-USER -i eth0 -s 198.51.100.66 -j DROP" > "$OUT/docker-user.sh"
        n $SRV sh -ex "$OUT/docker-user.sh" 2>> "$OUT/ufw-commands.log"
    fi
    { dockerd --version; docker version; docker ps; docker inspect -f '{{.NetworkSettings.IPAddress}}' web; } > "$OUT/docker.log" 2>&1
    lab_server_listen
    EXTRA_TCP="4444 8080"; EXTRA_UDP="4444 8443"; lab_probe_all
    PROBE_PREFIX="nsenter --net=/proc/$CPID/ns/net" lab_probe container - docker0 $CIP
    printf '# client\tsource\tiface\tdestination\tproto\tport\tresult\n' > "$OUT/routed.tsv"
    lab_probe_to routed.tsv public gd-pub eth0 "198.51.100.2 tcp $CIP 80" "198.51.100.2 udp $CIP 8443" \
        "198.51.100.2 tcp $CIP 9000" "198.51.100.66 tcp $CIP 80"
    lab_probe_to routed.tsv private gd-priv eth1 "10.20.0.2 tcp $CIP 80" "10.20.0.2 udp $CIP 8443" "10.20.0.2 tcp $CIP 9000"
    lab_capture iptables-nft nft
    docker rm -f web >/dev/null; kill "$(cat $D/docker.pid)"
    for _ in $(seq 100); do [ -e $D/docker.pid ] || break; sleep 0.2; done
    lab_down
done
