# Run by real ufw 0.36.2 in a network namespace with a private copy of /etc/ufw, /etc/default/ufw and /run
# bind-mounted in a mount namespace (ip netns exec NS unshare -m --propagation private sh -c 'mount --bind ...'),
# plus an 'Apache Full' profile (ports=80,443/tcp) in the copy's applications.d; it made the
# ufw-status*-wide-columns.txt and ufw-user*.rules-wide-columns files beside it.
ufw --force enable
ufw logging low
ufw allow OpenSSH
ufw allow 'Apache Full'
ufw allow in on eth0 to 2001:db8:1234:5678::/64
ufw allow from 10.0.0.0/8 to 10.0.0.0/8 port 5432 proto tcp
ufw allow 80,443/tcp
ufw allow 6000:6007/udp
ufw deny out to 192.168.0.1 port 25 proto tcp
ufw limit 2222/tcp comment 'rate limited ssh'
ufw reject from 203.0.113.0/24 to any port 8080:8090 proto tcp
ufw allow log-all from 192.168.100.200 to 192.168.100.201 port 3306 proto tcp
ufw allow log 53
ufw route allow in on wg0 out on eth0 from 10.8.0.0/24
ufw route deny in on eth1 out on eth2 to 2001:db8:ffff:ffff:ffff::/80 port 443 proto tcp
ufw allow from 2001:db8:abcd:ef01:2345:6789:abcd:ef01 to 2001:db8:abcd:ef01:2345:6789:abcd:ef02 port 22 proto tcp comment 'host to host'
ufw allow proto tcp from 198.51.100.0/24
ufw allow proto udp from any port 123 to any port 123
ufw allow from 192.168.0.1 to any app OpenSSH
ufw allow to 192.168.0.1 app 'Apache Full'
ufw deny in on eth0 from 192.168.0.1
ufw allow out on eth1 to 10.0.0.0/8 port 53 proto udp
ufw allow 9000/tcp comment 'ALLOW IN # (log) 10.0.0.1 DENY'
ufw deny out log-all 465/tcp
ufw allow proto esp from 203.0.113.5
ufw reject in on eth0 to 10.20.30.40 port 6000:6007,7000 proto udp
ufw allow in on eth0 from fe80::/10 to ff02::1:2 port 547 proto udp
ufw route allow proto tcp from 2001:db8:1234:5678:9abc:def0:1234:5678 to 2001:db8:9999::1 port 8443 comment 'long v6 route'
