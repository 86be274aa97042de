package dev.bulwark.firewall.analysis.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The first packet of a new connection at one point of the kernel's path, as far as the analysis
 * fixes it: family, protocol, destination port and address, the interfaces it comes in on and goes
 * out by, its conntrack phase and whether it was destination-NATed. The source address is what the
 * analysis solves for. Not API.
 *
 * @param ipv6         whether the packet is IPv6
 * @param protocol     {@code tcp}, {@code udp}, {@code sctp}, ...
 * @param port         the destination port
 * @param iface        the incoming interface's name (a representative of a class of names)
 * @param destination  the destination address, or empty when it is one of {@code candidates}
 * @param candidates   the addresses the destination may be when {@code destination} is empty (the
 *                     host's own addresses of the family; empty when unknown)
 * @param oif          the outgoing interface: {@code ""} on the way in (PREROUTING, INPUT), a name
 *                     when routed and known, empty when routed and unknown
 * @param forwarded    whether the packet is being routed (FORWARD) rather than delivered
 * @param phase        where conntrack is for this packet
 * @param dnat         whether its destination was rewritten by NAT
 */
public record Query(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> destination,
                    List<InetAddress> candidates, Optional<String> oif, boolean forwarded, Phase phase, boolean dnat) {

    /** Where connection tracking is for the packet. */
    public enum Phase {
        /** Before conntrack ran (priority below -200 in PREROUTING): {@code ct state} sees INVALID. */
        BEFORE_CONNTRACK,
        /** A tracked new connection. */
        NEW,
        /** Exempted from tracking by a notrack rule. */
        UNTRACKED
    }

    /** A new connection arriving on {@code iface} to {@code port}, before conntrack. */
    public static Query arriving(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> destination,
                                 List<InetAddress> candidates) {
        return new Query(ipv6, protocol, port, iface, destination, List.copyOf(candidates), Optional.of(""), false,
                Phase.BEFORE_CONNTRACK, false);
    }

    /** The same packet arriving on another interface. */
    public Query withIface(String name) {
        return new Query(ipv6, protocol, port, name, destination, candidates, oif, forwarded, phase, dnat);
    }

    /** The same packet in another conntrack phase. */
    public Query withPhase(Phase p) {
        return new Query(ipv6, protocol, port, iface, destination, candidates, oif, forwarded, p, dnat);
    }

    /**
     * The packet after destination NAT to {@code address} (empty: a local address) and {@code newPort},
     * delivered locally ({@code local}) or routed on.
     */
    public Query natted(Optional<InetAddress> address, int newPort, boolean local) {
        return new Query(ipv6, protocol, newPort, iface, address, address.isPresent() ? List.of() : candidates, oif,
                !local, phase, true);
    }

    /** The packet routed out by {@code out} (empty: unknown). */
    public Query routed(Optional<String> out) {
        return new Query(ipv6, protocol, port, iface, destination, candidates, out, true, phase, dnat);
    }

    /** The IANA protocol number of {@link #protocol()}, or -1. */
    public int protocolNumber() {
        return switch (protocol) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "sctp" -> 132;
            case "udplite" -> 136;
            case "dccp" -> 33;
            default -> -1;
        };
    }
}
