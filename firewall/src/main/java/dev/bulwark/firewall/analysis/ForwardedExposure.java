package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.NatAddress;
import dev.bulwark.firewall.parse.Rule;
import java.util.List;
import java.util.Objects;

/**
 * A port the host forwards by destination NAT in nat PREROUTING, and who gets through: to another
 * machine (a container, a VM, a host behind it: Docker's published ports, port forwards,
 * kube-proxy services) — exposure whether or not a process on the host listens on the port —, or
 * to another port of this host ({@code REDIRECT}, a DNAT to one of its own addresses, firewalld's
 * forward ports), where whoever listens on the new port answers.
 *
 * @param protocol the protocol ({@code tcp}, {@code udp}, ...)
 * @param ipv6     whether this is the IPv6 side
 * @param ports    the host's ports that are forwarded (connections to any of them)
 * @param to       where they go (address and port as the rule says)
 * @param toHost   whether they go to this host itself (REDIRECT, DNAT to its own address)
 * @param rule     the DNAT rule that sends them there
 * @param level    PUBLIC, PRIVATE or INTERNAL (nobody from outside gets through FORWARD)
 * @param sources  the outside networks whose new connections reach the destination
 * @param via      the same per incoming interface
 * @param notes    what the analysis assumed, in plain words ("assumed reachable because …")
 */
public record ForwardedExposure(String protocol, boolean ipv6, PortRange ports, NatAddress to, boolean toHost,
                                Rule rule, Exposure level, List<IpNetwork> sources, List<InterfaceReach> via,
                                List<String> notes) {

    /** Validates and copies the components. */
    public ForwardedExposure {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        sources = List.copyOf(sources);
        via = List.copyOf(via);
        notes = List.copyOf(notes);
        if ((level == Exposure.INTERNAL) != sources.isEmpty()) {
            throw new IllegalArgumentException("a " + level.wireName() + " forward with sources " + sources);
        }
    }

    @Override
    public String toString() {
        String port = ports.first() == ports.last() ? Integer.toString(ports.first()) : ports.toString();
        String where = toHost ? "redirected to this host" + (to.ports().isPresent() ? "'s port " + to.ports().get() : "")
                : "forwarded to " + to;
        return port + "/" + protocol + (ipv6 ? " (IPv6)" : "") + " " + where + " by " + rule.position()
                + ", " + (level == Exposure.PUBLIC ? "reachable from anyone"
                : level == Exposure.PRIVATE ? "reachable from " + sources : "not reachable from outside");
    }
}
