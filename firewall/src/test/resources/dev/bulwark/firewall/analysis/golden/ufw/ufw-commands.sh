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
