/**
 * Applying a policy safely on a local or remote {@link dev.bulwark.core.host.Host}: atomic
 * whole-table replacement
 * (<a href="https://man7.org/linux/man-pages/man8/iptables-restore.8.html">iptables-restore(8)</a>,
 * <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a> transactions), the xtables
 * lock waited for, and the administrator's SSH access kept. See
 * {@link dev.bulwark.firewall.apply.FirewallApplier}.
 */
package dev.bulwark.firewall.apply;
