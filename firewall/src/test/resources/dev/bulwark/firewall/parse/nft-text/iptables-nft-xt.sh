# run in a fresh network namespace; then nft list ruleset > iptables-nft-xt.txt, nft -j list ruleset > iptables-nft-xt.json
iptables-nft -A INPUT -m recent --name x --set
iptables-nft -A INPUT -p tcp -j TCPMSS --set-mss 1400
iptables-nft -A INPUT -m comment --comment "hello world" -j ACCEPT
iptables-nft -A INPUT -m hashlimit --hashlimit-above 10/sec --hashlimit-name h -j DROP
