/**
 * Parsers of deployed firewall rulesets: {@link dev.bulwark.firewall.parse.IptablesSave} reads
 * {@code iptables-save}/{@code ip6tables-save} output into a {@link dev.bulwark.firewall.parse.Ruleset}
 * of tables, chains and rules ({@link dev.bulwark.firewall.parse.Match},
 * {@link dev.bulwark.firewall.parse.Target}). A {@code Ruleset} describes what a machine runs, not an
 * intended policy; anything not understood is kept verbatim.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables-save.8.html">iptables-save(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables-extensions.8.html">iptables-extensions(8)</a>
 */
package dev.bulwark.firewall.parse;
