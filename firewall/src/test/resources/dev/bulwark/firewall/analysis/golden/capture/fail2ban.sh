#!/bin/bash
# Captures the scenarios fail2ban-iptables and fail2ban-nftables: Debian's real fail2ban-server
# run in the server namespace with a copy of /etc/fail2ban (jail sshd on port 22, polling a
# temporary log file, database in memory, socket and pidfile in a temp dir), banaction
# iptables-multiport (iptables-nft backend) or nftables-multiport; then fail2ban-client bans
# 198.51.100.66 and 2001:db8:51::66 in jail sshd. No other firewall runs (INPUT accepts).
. "$(dirname "$0")/lab.sh"
for variant in iptables nftables; do
    OUT=$HERE/../fail2ban-$variant; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json "$OUT"/*.log "$OUT"/*.local
    lab_up
    tmp=$(mktemp -d); cp -a /etc/fail2ban "$tmp/etc"; touch "$tmp/auth.log"
    printf '[DEFAULT]\nsocket = %s/f2b.sock\npidfile = %s/f2b.pid\ndbfile = :memory:\nlogtarget = %s/f2b.log\n' \
        "$tmp" "$tmp" "$tmp" > "$tmp/etc/fail2ban.local"
    printf '[DEFAULT]\nbanaction = %s-multiport\nbanaction_allports = %s-allports\n\n[sshd]\nenabled = true\nport = 22\nbackend = polling\nlogpath = %s/auth.log\n' \
        "$variant" "$variant" "$tmp" > "$tmp/etc/jail.local"
    cp "$tmp/etc/jail.local" "$OUT/jail.local"; cp "$tmp/etc/fail2ban.local" "$OUT/fail2ban.local"
    n $SRV fail2ban-server -b -x -c "$tmp/etc" > "$OUT/fail2ban.log" 2>&1
    for _ in $(seq 100); do fail2ban-client -c "$tmp/etc" ping >/dev/null 2>&1 && break; sleep 0.2; done
    { fail2ban-client --version; fail2ban-client -c "$tmp/etc" set sshd banip 198.51.100.66 2001:db8:51::66
      sleep 1; fail2ban-client -c "$tmp/etc" status sshd; } >> "$OUT/fail2ban.log" 2>&1
    lab_server_listen
    lab_probe_all
    if [ $variant = iptables ]; then lab_capture iptables-nft nft; else lab_capture nft; fi
    fail2ban-client -c "$tmp/etc" stop >> "$OUT/fail2ban.log" 2>&1
    rm -rf "$tmp"
    lab_down
done
