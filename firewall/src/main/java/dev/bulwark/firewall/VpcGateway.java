package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A host that is the NAT gateway of a private network, its sole way out: routed traffic from the
 * private network arriving on the private interface may leave by the public interface, with its
 * source rewritten to the gateway's public address ({@code MASQUERADE}); nothing else is
 * forwarded (replies pass as established connections). The kernel must forward packets:
 * {@link #sysctl()}.
 *
 * <pre>{@code
 * VpcGateway gw = VpcGateway.of(IpNetwork.parse("10.10.0.0/16"), "ens4", "ens3");
 * FirewallPolicy policy = gw.addTo(FirewallPolicy.builder()
 *         .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("10.10.0.0/16")))).build();
 * }</pre>
 *
 * @param privateNetwork   the network behind the gateway
 * @param privateInterface the interface facing it
 * @param publicInterface  the interface facing the internet
 */
public record VpcGateway(IpNetwork privateNetwork, String privateInterface, String publicInterface) {

    /** Validates the components. */
    public VpcGateway {
        Objects.requireNonNull(privateNetwork, "privateNetwork");
        Objects.requireNonNull(privateInterface, "privateInterface");
        Objects.requireNonNull(publicInterface, "publicInterface");
        if (privateInterface.equals(publicInterface)) {
            throw new ValidationException("gateway of " + privateNetwork + ": private and public interface are both "
                    + publicInterface);
        }
        new Masquerade(privateNetwork, publicInterface);
        new Masquerade(privateNetwork, privateInterface);
    }

    /** The gateway of {@code privateNetwork} between two interfaces. */
    public static VpcGateway of(IpNetwork privateNetwork, String privateInterface, String publicInterface) {
        return new VpcGateway(privateNetwork, privateInterface, publicInterface);
    }

    /** The one routed rule: from the private network, in on the private interface, out on the public one. */
    public Rule forwardRule() {
        return Rule.allow().routed().inInterface(privateInterface).outInterface(publicInterface)
                .from(privateNetwork).comment("vpc gateway " + privateNetwork).build();
    }

    /** Adds the routed rule and the masquerade to {@code builder} (whose routed default should stay deny). */
    public FirewallPolicyBuilder addTo(FirewallPolicyBuilder builder) {
        return builder.rule(forwardRule()).masquerade(privateNetwork, publicInterface);
    }

    /** The kernel settings the gateway needs: {@code net.ipv4.ip_forward=1} (IPv6: {@code net.ipv6.conf.all.forwarding=1}). */
    public Map<String, String> sysctl() {
        Map<String, String> out = new TreeMap<>();
        out.put(privateNetwork.isIpv4() ? "net.ipv4.ip_forward" : "net.ipv6.conf.all.forwarding", "1");
        return out;
    }

    /** {@link #sysctl()} as a file for {@code /etc/sysctl.d/}, so that it survives a reboot. */
    public String sysctlConf() {
        StringBuilder out = new StringBuilder("# NAT gateway of ").append(privateNetwork).append(" (Bulwark)\n");
        sysctl().forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }

    /** {@link #sysctl()} as one {@code sysctl -w} command to apply now. */
    public List<String> sysctlCommand() {
        List<String> out = new java.util.ArrayList<>(List.of("sysctl", "-w"));
        sysctl().forEach((k, v) -> out.add(k + "=" + v));
        return List.copyOf(out);
    }
}
