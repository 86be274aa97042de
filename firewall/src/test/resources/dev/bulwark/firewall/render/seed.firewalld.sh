#!/bin/sh
set -eu
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
