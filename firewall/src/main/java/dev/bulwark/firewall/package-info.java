/**
 * Bulwark's firewall model: a default-deny {@link dev.bulwark.firewall.FirewallPolicy} of ordered
 * {@link dev.bulwark.firewall.Rule}s that opens only what must be public, restricts private
 * services to named networks and keeps internal services to the machine itself; source NAT for a
 * {@link dev.bulwark.firewall.VpcGateway}. {@link dev.bulwark.firewall.Firewall} is the front door.
 */
package dev.bulwark.firewall;
