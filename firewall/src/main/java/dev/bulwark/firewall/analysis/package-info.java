/**
 * Exposure analysis of a deployed ruleset: {@link dev.bulwark.firewall.analysis.ExposureAnalysis}
 * walks the kernel's packet path (PREROUTING with notrack and NAT, the routing decision, INPUT or
 * FORWARD) through a {@link dev.bulwark.firewall.parse.Ruleset} for every listening socket of an
 * {@code ss} listing and every incoming interface of the host
 * ({@link dev.bulwark.firewall.analysis.HostInterfaces}), classifies each socket public, private
 * (with the source networks, per interface) or internal, and lists the ports destination NAT
 * forwards ({@link dev.bulwark.firewall.analysis.ForwardedExposure}); it also reports findings about the ruleset (ACCEPT policies, Docker publishing around
 * INPUT, fail2ban, the tools that wrote the rules, rules that never match) and about sockets more
 * exposed than intended.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables.8.html">iptables(8), TARGETS</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/ss.8.html">ss(8)</a>
 */
package dev.bulwark.firewall.analysis;
