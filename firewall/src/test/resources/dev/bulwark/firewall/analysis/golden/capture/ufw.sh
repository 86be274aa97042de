#!/bin/bash
# Captures the scenario ufw: real ufw (iptables-nft backend) configured by ufw commands inside
# the server namespace, with private copies of /etc/ufw, /etc/default/ufw and an empty /run
# bind-mounted in a private mount namespace (the host's ufw state is untouched).
. "$(dirname "$0")/lab.sh"
OUT=$HERE/../ufw; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json
lab_up
tmp=$(mktemp -d); cp -a /etc/ufw "$tmp/etc"; cp /etc/default/ufw "$tmp/default"; mkdir "$tmp/run"
# start from ufw's pristine rule files, whatever the host's copy holds
for f in user.rules user6.rules; do cp /usr/share/ufw/$f "$tmp/etc/$f" 2>/dev/null || true; done
cat > "$tmp/commands" <<'CMDS'
ufw --force enable
ufw allow 22/tcp
ufw limit 22/tcp
ufw allow 80,443/tcp
ufw allow 53/udp
ufw allow from 10.20.0.0/24 to any port 5432 proto tcp
ufw allow in on wg0 to any port 9090 proto tcp
ufw allow in on wg0 to any port 161 proto udp
ufw allow in on eth1 to 10.20.0.1 port 6379 proto tcp
ufw reject 3000/tcp
ufw insert 1 deny from 198.51.100.66
ufw allow from 2001:db8:51::66 to any port 3000 proto tcp
ufw route allow in on eth0 out on eth1 to 10.20.0.0/24 port 8000 proto tcp
CMDS
n $SRV unshare -m --propagation private sh -c "mount --bind $tmp/etc /etc/ufw && mount --bind $tmp/default /etc/default/ufw && mount --bind $tmp/run /run && sh -ex $tmp/commands && ufw status verbose" > "$OUT/ufw-commands.log" 2>&1
cp "$tmp/etc/user.rules" "$OUT/ufw-user.rules"; cp "$tmp/etc/user6.rules" "$OUT/ufw-user6.rules"
cp "$tmp/commands" "$OUT/ufw-commands.sh"
rm -rf "$tmp"
lab_server_listen
lab_probe_all
lab_capture iptables-nft nft
lab_down
