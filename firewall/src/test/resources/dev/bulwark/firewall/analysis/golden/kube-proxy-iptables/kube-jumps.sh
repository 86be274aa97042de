# Reproduced, not captured: the jump rules kubelet and kube-proxy (iptables mode) install with
# single iptables commands (kubelet first: KUBE-FIREWALL and the canaries; then kube-proxy's
# iptablesJumpChains, each EnsureRule(Prepend) in list order). See README.md in this directory.
set -e
iptables -t mangle -N KUBE-KUBELET-CANARY
iptables -t nat -N KUBE-KUBELET-CANARY
iptables -t filter -N KUBE-KUBELET-CANARY
iptables -t filter -N KUBE-FIREWALL
iptables -t filter -I INPUT 1 -j KUBE-FIREWALL
iptables -t filter -I OUTPUT 1 -j KUBE-FIREWALL
iptables -t mangle -N KUBE-PROXY-CANARY
iptables -t nat -N KUBE-PROXY-CANARY
iptables -t filter -N KUBE-PROXY-CANARY
iptables -t filter -N KUBE-EXTERNAL-SERVICES
iptables -t filter -I INPUT 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
iptables -t filter -I FORWARD 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
iptables -t filter -N KUBE-NODEPORTS
iptables -t filter -I INPUT 1 -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
iptables -t filter -N KUBE-SERVICES
iptables -t filter -I FORWARD 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
iptables -t filter -I OUTPUT 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
iptables -t filter -N KUBE-FORWARD
iptables -t filter -I FORWARD 1 -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
iptables -t filter -N KUBE-PROXY-FIREWALL
iptables -t filter -I INPUT 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
iptables -t filter -I OUTPUT 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
iptables -t filter -I FORWARD 1 -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
iptables -t nat -N KUBE-SERVICES
iptables -t nat -I OUTPUT 1 -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
iptables -t nat -I PREROUTING 1 -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
iptables -t nat -N KUBE-POSTROUTING
iptables -t nat -I POSTROUTING 1 -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
