/**
 * Bulwark's firewall model: a default-deny {@link dev.bulwark.firewall.FirewallPolicy} of ordered
 * {@link dev.bulwark.firewall.Rule}s that opens only what must be public, restricts private
 * services to named networks and keeps internal services to the machine itself; source NAT for a
 * {@link dev.bulwark.firewall.VpcGateway}. {@link dev.bulwark.firewall.Firewall} is the front door.
 *
 * <p>The model is what the usual tools can all express:
 * <a href="https://man7.org/linux/man-pages/man8/iptables.8.html">iptables(8)</a> with
 * <a href="https://man7.org/linux/man-pages/man8/iptables-extensions.8.html">iptables-extensions(8)</a>,
 * <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>,
 * <a href="https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html">ufw(8)</a> and
 * <a href="https://firewalld.org/documentation/man-pages/firewalld.zone.html">firewalld.zone(5)</a>.
 */
package dev.bulwark.firewall;
