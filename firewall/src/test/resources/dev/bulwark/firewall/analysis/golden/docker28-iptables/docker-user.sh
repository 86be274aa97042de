iptables -I DOCKER-USER -i eth0 -s 198.51.100.66 -j DROP
ip6tables -I DOCKER-USER -i eth0 -s 2001:db8:51::66 -j DROP
