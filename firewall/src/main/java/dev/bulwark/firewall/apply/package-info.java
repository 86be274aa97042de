/**
 * Applying a policy safely on a local or remote {@link dev.bulwark.core.host.Host}: atomic
 * whole-table replacement ({@code iptables-restore(8)}, {@code nft(8)} transactions), the xtables
 * lock waited for, and the administrator's SSH access kept. See
 * {@link dev.bulwark.firewall.apply.FirewallApplier}.
 */
package dev.bulwark.firewall.apply;
