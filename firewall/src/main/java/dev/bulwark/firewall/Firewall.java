package dev.bulwark.firewall;

import dev.bulwark.core.host.Host;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureAnalysis;
import dev.bulwark.firewall.analysis.ExposureReport;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.apply.FirewallApplier;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Ruleset;
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
 *
 * Ruleset deployed = Firewall.parseIptablesSave(iptablesSave);
 * List<SocketExposure> exposed = Firewall.analyze(deployed, SocketTable.parse(ssLntu));
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

    /** Applies policies on {@code host} safely, keeping {@code management} open ({@link FirewallApplier}). */
    public static FirewallApplier applier(Host host, ManagementAccess management) {
        return FirewallApplier.on(host, management);
    }

    /** The NAT gateway of {@code privateNetwork}, between its private and public interfaces. */
    public static VpcGateway gateway(IpNetwork privateNetwork, String privateInterface, String publicInterface) {
        return VpcGateway.of(privateNetwork, privateInterface, publicInterface);
    }

    /** Parses {@code iptables-save} or {@code ip6tables-save} output strictly (see {@link IptablesSave}). */
    public static Ruleset parseIptablesSave(String text) {
        return IptablesSave.parse(text);
    }

    /** Parses {@code nft -j list ruleset} output strictly (see {@link dev.bulwark.firewall.parse.NftJson}). */
    public static Ruleset parseNftJson(String json) {
        return dev.bulwark.firewall.parse.NftJson.parse(json);
    }

    /** Parses {@code nft list ruleset} text strictly (see {@link dev.bulwark.firewall.parse.NftText}). */
    public static Ruleset parseNftText(String text) {
        return dev.bulwark.firewall.parse.NftText.parse(text);
    }

    /** Reads the {@code ### tuple ###} rules of ufw's {@code user.rules} (see {@link dev.bulwark.firewall.parse.UfwUserRules}). */
    public static java.util.List<dev.bulwark.firewall.parse.UfwRule> parseUfwUserRules(String text) {
        return dev.bulwark.firewall.parse.UfwUserRules.parse(text);
    }

    /**
     * Parses {@code ufw status}, {@code status verbose} or {@code status numbered} output (see
     * {@link dev.bulwark.firewall.parse.UfwStatus}).
     */
    public static dev.bulwark.firewall.parse.UfwStatus parseUfwStatus(String text) {
        return dev.bulwark.firewall.parse.UfwStatus.parse(text);
    }

    /** Parses a firewalld zone file (see {@link dev.bulwark.firewall.parse.FirewalldZones}). */
    public static dev.bulwark.firewall.parse.FirewalldZone parseFirewalldZone(String name, String xml) {
        return dev.bulwark.firewall.parse.FirewalldZones.parse(name, xml);
    }

    /** Who can reach each listening socket through the deployed rules (see {@link ExposureAnalysis}). */
    public static java.util.List<SocketExposure> analyze(Ruleset rules, SocketTable sockets) {
        return ExposureAnalysis.analyze(rules, sockets);
    }

    /** The exposures and the findings, judged against the intended exposure per port. */
    public static ExposureReport audit(Ruleset rules, SocketTable sockets, java.util.Map<Integer, Exposure> intent) {
        return ExposureAnalysis.audit(rules, sockets, intent);
    }
}
