package dev.bulwark.firewall.analysis.internal;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The first packet of a new connection to a listening socket, as far as the analysis fixes it: the
 * family, protocol, destination port, the interface it arrives on, and the destination address when
 * the socket is bound to one. The source address is what the analysis solves for. Not API.
 *
 * @param ipv6        whether the packet is IPv6
 * @param protocol    {@code tcp}, {@code udp}, {@code sctp}, ...
 * @param port        the destination port
 * @param iface       the incoming interface's name (a representative of a class of names)
 * @param destination the destination address, or empty for a wildcard-bound socket (any local unicast address)
 * @param forwarded   whether the packet is being routed (FORWARD path after DNAT) rather than delivered
 */
public record Query(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> destination,
                    boolean forwarded) {

    /** The same packet arriving on another interface. */
    public Query withIface(String name) {
        return new Query(ipv6, protocol, port, name, destination, forwarded);
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
