package dev.bulwark.firewall;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.render.FirewalldRenderer;
import dev.bulwark.firewall.render.IptablesRenderer;
import dev.bulwark.firewall.render.NftablesRenderer;
import dev.bulwark.firewall.render.UfwRenderer;

/**
 * The front door of Bulwark's firewall module: static methods that lead to the rest (policies, renderers, parsers, exposure analysis).
 * Type {@code Firewall.} and press Tab in JShell to see what you can do.
 *
 * <pre>{@code
 * FirewallPolicy policy = Firewall.policy().publicService("https", Protocol.TCP, Ports.of(443)).build();
 * String v4 = Firewall.iptables().render(policy, IpVersion.IPV4);
 * String nft = Firewall.nftables().render(policy);
 * }</pre>
 */
public final class Firewall {

    private Firewall() {
    }

    /** A policy builder: incoming deny, outgoing allow, routed deny. */
    public static FirewallPolicyBuilder policy() {
        return FirewallPolicy.builder();
    }

    /** The iptables-restore renderer (chains {@code bulwark-*}). */
    public static IptablesRenderer iptables() {
        return IptablesRenderer.standard();
    }

    /** The nft -f renderer (table {@code inet bulwark}). */
    public static NftablesRenderer nftables() {
        return NftablesRenderer.standard();
    }

    /** The ufw renderer (commands and user.rules). */
    public static UfwRenderer ufw() {
        return UfwRenderer.standard();
    }

    /** The firewalld renderer (zone {@code public}). */
    public static FirewalldRenderer firewalld() {
        return FirewalldRenderer.standard();
    }

    /** The NAT gateway of {@code privateNetwork}, between its private and public interfaces. */
    public static VpcGateway gateway(IpNetwork privateNetwork, String privateInterface, String publicInterface) {
        return VpcGateway.of(privateNetwork, privateInterface, publicInterface);
    }
}
