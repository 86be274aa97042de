#!/bin/sh
set -eu
set -f
if ! firewall-cmd --permanent --info-zone=public >/dev/null 2>&1; then firewall-cmd --permanent --new-zone=public; fi
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="-1" family="ipv4" source address="198.51.100.0/24" port port="22" protocol="tcp" accept'
items=$(firewall-cmd --permanent --zone=public --list-services); for item in $items; do firewall-cmd --permanent --zone=public --remove-service="$item"; done
items=$(firewall-cmd --permanent --zone=public --list-ports); for item in $items; do firewall-cmd --permanent --zone=public --remove-port="$item"; done
items=$(firewall-cmd --permanent --zone=public --list-protocols); for item in $items; do firewall-cmd --permanent --zone=public --remove-protocol="$item"; done
items=$(firewall-cmd --permanent --zone=public --list-source-ports); for item in $items; do firewall-cmd --permanent --zone=public --remove-source-port="$item"; done
items=$(firewall-cmd --permanent --zone=public --list-forward-ports); for item in $items; do firewall-cmd --permanent --zone=public --remove-forward-port="$item"; done
items=$(firewall-cmd --permanent --zone=public --list-icmp-blocks); for item in $items; do firewall-cmd --permanent --zone=public --remove-icmp-block="$item"; done
lines=$(firewall-cmd --permanent --zone=public --list-rich-rules); printf '%s\n' "$lines" | while IFS= read -r line; do if [ -n "$line" ] && [ "$line" != 'rule priority="-1" family="ipv4" source address="198.51.100.0/24" port port="22" protocol="tcp" accept' ]; then firewall-cmd --permanent --zone=public --remove-rich-rule="$line"; fi; done
firewall-cmd --permanent --zone=public --remove-masquerade
firewall-cmd --permanent --zone=public --remove-icmp-block-inversion
if firewall-cmd --permanent --zone=public --query-forward >/dev/null 2>&1; then firewall-cmd --permanent --zone=public --remove-forward; fi
firewall-cmd --permanent --zone=public --set-target=DROP
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="-1" family="ipv4" source address="198.51.100.0/24" port port="22" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="1" port port="80" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="1" port port="443" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="2" family="ipv4" source address="192.0.2.0/24" port port="22" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="2" family="ipv4" source address="10.8.0.0/24" port port="22" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="2" family="ipv6" source address="2001:db8:1::/48" port port="22" protocol="tcp" accept'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="3" port port="5432" protocol="tcp" drop'
firewall-cmd --permanent --zone=public '--add-rich-rule=rule priority="3" port port="5432" protocol="udp" drop'
firewall-cmd --reload
