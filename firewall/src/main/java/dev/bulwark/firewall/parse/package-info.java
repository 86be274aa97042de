/**
 * Parsers of deployed firewall rulesets, each into typed values that describe what a machine runs
 * (not an intended policy):
 * <ul>
 * <li>{@link dev.bulwark.firewall.parse.IptablesSave} reads {@code iptables-save}/{@code ip6tables-save};
 * {@link dev.bulwark.firewall.parse.NftJson} reads {@code nft -j list ruleset};
 * {@link dev.bulwark.firewall.parse.NftText} reads {@code nft list ruleset} — all three into a
 * {@link dev.bulwark.firewall.parse.Ruleset} of tables, chains and rules
 * ({@link dev.bulwark.firewall.parse.Match}, {@link dev.bulwark.firewall.parse.Target}) that the
 * exposure analysis walks;</li>
 * <li>{@link dev.bulwark.firewall.parse.UfwUserRules} reads ufw's {@code user.rules} tuples and
 * {@link dev.bulwark.firewall.parse.UfwStatus} its {@code status} output (plain, verbose, numbered);</li>
 * <li>{@link dev.bulwark.firewall.parse.FirewalldZones} reads firewalld zone files.</li>
 * </ul>
 * Anything not understood is kept verbatim and listed, never dropped. Every parser throws
 * {@link dev.bulwark.core.ParseException} with source, line and column; most also have a lenient mode.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables-save.8.html">iptables-save(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables-extensions.8.html">iptables-extensions(8)</a>
 * @see <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>
 * @see <a href="https://manpages.ubuntu.com/manpages/jammy/man8/ufw.8.html">ufw(8)</a>
 * @see <a href="https://firewalld.org/documentation/man-pages/firewalld.zone.html">firewalld.zone(5)</a>
 */
package dev.bulwark.firewall.parse;
