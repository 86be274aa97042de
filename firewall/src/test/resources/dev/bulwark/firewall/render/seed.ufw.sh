#!/bin/sh
set -eu
ufw --force reset
ufw logging low
ufw default deny incoming
ufw default allow outgoing
ufw default deny routed
ufw allow in proto tcp from 198.51.100.0/24 to any port 22 comment 'bulwark: management access'
ufw allow in proto tcp from any to any port 80,443 comment https
ufw allow in proto tcp from 192.0.2.0/24 to any port 22 comment ssh
ufw allow in proto tcp from 10.8.0.0/24 to any port 22 comment ssh
ufw allow in proto tcp from 2001:db8:1::/48 to any port 22 comment ssh
ufw deny in from any to any port 5432 comment postgres
ufw limit in proto tcp from any to any port 2222 comment 'legacy ssh'
ufw --force enable
