iptables -I DOCKER-USER -i eth0 -s 198.51.100.66 -j DROP
