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
