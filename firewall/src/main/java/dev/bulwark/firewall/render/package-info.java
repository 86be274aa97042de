/**
 * Renderers: a {@link dev.bulwark.firewall.FirewallPolicy} as text for a firewall tool.
 *
 * <ul>
 *   <li>{@link dev.bulwark.firewall.render.IptablesRenderer}: {@code iptables-restore} and
 *       {@code ip6tables-restore} files (iptables-extensions(8)).</li>
 *   <li>{@link dev.bulwark.firewall.render.NftablesRenderer}: an {@code nft -f} file with one
 *       {@code inet} table (nft(8)).</li>
 *   <li>{@link dev.bulwark.firewall.render.UfwRenderer}: {@code ufw} commands and
 *       {@code /etc/ufw/user.rules} (ufw(8)).</li>
 *   <li>{@link dev.bulwark.firewall.render.FirewalldRenderer}: {@code firewall-cmd --permanent}
 *       commands and zone XML (firewalld.zone(5), firewalld.richlanguage(5)).</li>
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
