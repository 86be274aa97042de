#!/bin/bash
# Captures the scenario firewalld: Debian's real firewalld (nftables backend) run in the server
# namespace inside a private mount namespace (empty /run), with a copy of /etc/firewalld as its
# system config and a private D-Bus system bus (its own dbus-daemon on a socket in a temp dir);
# firewall-cmd configures it over that bus. The rules are read while firewalld runs.
. "$(dirname "$0")/lab.sh"
OUT=$HERE/../firewalld; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json "$OUT"/*.log
lab_up
tmp=$(mktemp -d); cp -a /etc/firewalld "$tmp/etc"; mkdir "$tmp/run" "$tmp/log"
cat > "$tmp/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$tmp/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
cat > "$tmp/commands" <<'CMDS'
firewall-cmd --zone=public --change-interface=eth0
firewall-cmd --zone=public --add-service=http --add-service=https --add-service=dns
firewall-cmd --zone=public --add-rich-rule='rule family="ipv4" source address="198.51.100.66" reject'
firewall-cmd --zone=public --add-rich-rule='rule family="ipv6" source address="2001:db8:51::66" port port="3000" protocol="tcp" accept'
firewall-cmd --zone=public --add-forward-port=port=8080:proto=tcp:toport=80
firewall-cmd --zone=internal --change-interface=eth1
firewall-cmd --zone=internal --add-port=5432/tcp --add-port=6379/tcp
firewall-cmd --zone=internal --add-service=dns
firewall-cmd --zone=internal --add-rich-rule='rule family="ipv4" source address="10.20.0.0/24" port port="161" protocol="udp" accept'
firewall-cmd --zone=trusted --change-interface=wg0
firewall-cmd --zone=work --add-source=2001:db8:51::66/128
firewall-cmd --zone=work --add-port=5432/tcp
firewall-cmd --get-active-zones
firewall-cmd --list-all-zones
CMDS
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$tmp/bus
n $SRV unshare -m --propagation private sh -c "mount --bind $tmp/run /run && mount --bind $tmp/log /var/log &&
    dbus-daemon --config-file=$tmp/bus.conf --fork --print-pid > $tmp/dbus.pid &&
    exec firewalld --nofork --nopid --debug --system-config $tmp/etc --log-target file --log-file $tmp/firewalld.log" &
FWPID=$!
for _ in $(seq 300); do n $SRV firewall-cmd --state >/dev/null 2>&1 && break; sleep 0.2; done
n $SRV firewall-cmd --state
n $SRV sh -x "$tmp/commands" > "$OUT/firewalld-commands.log" 2>&1
cp "$tmp/commands" "$OUT/firewalld-commands.sh"
lab_server_listen
EXTRA_TCP="4444 8080" lab_probe_all
lab_capture nft
kill $FWPID; wait $FWPID; kill "$(cat $tmp/dbus.pid)"
rm -rf "$tmp"
lab_down
