/**
 * Renderers: a {@link dev.bulwark.firewall.FirewallPolicy} as text for a firewall tool.
 *
 * <ul>
 *   <li>{@link dev.bulwark.firewall.render.IptablesRenderer}: {@code iptables-restore} and
 *       {@code ip6tables-restore} files
 *       (<a href="https://man7.org/linux/man-pages/man8/iptables.8.html">iptables(8)</a>,
 *       <a href="https://man7.org/linux/man-pages/man8/iptables-extensions.8.html">iptables-extensions(8)</a>).</li>
 *   <li>{@link dev.bulwark.firewall.render.NftablesRenderer}: an {@code nft -f} file with one
 *       {@code inet} table
 *       (<a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>).</li>
 *   <li>{@link dev.bulwark.firewall.render.UfwRenderer}: {@code ufw} commands and
 *       {@code /etc/ufw/user.rules}
 *       (<a href="https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html">ufw(8)</a>).</li>
 *   <li>{@link dev.bulwark.firewall.render.FirewalldRenderer}: {@code firewall-cmd --permanent}
 *       commands and zone XML
 *       (<a href="https://firewalld.org/documentation/man-pages/firewalld.zone.html">firewalld.zone(5)</a>,
 *       <a href="https://firewalld.org/documentation/man-pages/firewalld.richlanguage.html">firewalld.richlanguage(5)</a>).</li>
 * </ul>
 *
 * <p>Commands are argument lists ({@code List<String>}) first; {@link
 * dev.bulwark.firewall.render.ShellScript} is the one place where they become shell text. Every
 * free-text field (comments, interface names, chain, table, set and zone names) is checked
 * against the target's grammar; what a target cannot carry, or a rule it cannot express, is a
 * {@link dev.bulwark.core.ValidationException} naming the rule and the backend. Output is
 * deterministic: the policy's order, no timestamps.
 */
package dev.bulwark.firewall.render;
