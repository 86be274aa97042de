package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Protocol;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The first packet of a new connection, as the model sees it: used to ask a
 * {@link FirewallPolicy} whether a source can reach a port ({@link FirewallPolicy#verdict(Packet)}).
 *
 * @param direction    incoming, outgoing or routed
 * @param source       the sender's address
 * @param destination  the receiver's address (same IP version as the source)
 * @param protocol     the protocol
 * @param port         the destination port (0 for protocols without ports)
 * @param inInterface  the arrival interface, when known
 * @param outInterface the departure interface, when known
 */
public record Packet(Direction direction, InetAddress source, InetAddress destination, Protocol protocol, int port,
                     Optional<String> inInterface, Optional<String> outInterface) {

    /** Validates the components. */
    public Packet {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(inInterface, "inInterface");
        Objects.requireNonNull(outInterface, "outInterface");
        if (IpVersion.of(source) != IpVersion.of(destination)) {
            throw new ValidationException("packet from " + source.getHostAddress() + " to "
                    + destination.getHostAddress() + " mixes IP versions");
        }
        if (port < 0 || port > 65535) {
            throw new ValidationException("port " + port + " is outside 0-65535");
        }
    }

    /** A new incoming connection from {@code source} to {@code destination}, arriving on {@code inInterface}. */
    public static Packet incoming(InetAddress source, InetAddress destination, Protocol protocol, int port,
                                  String inInterface) {
        return new Packet(Direction.IN, source, destination, protocol, port, Optional.of(inInterface), Optional.empty());
    }

    /** The packet's IP version. */
    public IpVersion version() {
        return IpVersion.of(source);
    }
}
