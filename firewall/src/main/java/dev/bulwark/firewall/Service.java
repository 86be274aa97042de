package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service the policy was told about, in the seed's three kinds: public (anyone), private (only
 * from named networks) or internal (only from the machine itself). {@link FirewallPolicyBuilder}
 * turns each into rules and checks that no other rule contradicts its kind.
 *
 * @param name        what the service is; becomes the rules' comment
 * @param exposure    public, private or internal
 * @param protocol    the protocol, or empty for TCP and UDP
 * @param ports       its ports (never {@link Ports#ANY})
 * @param allowedFrom the networks a private service is reachable from (empty otherwise)
 */
public record Service(String name, Exposure exposure, Optional<Protocol> protocol, Ports ports,
                      List<IpNetwork> allowedFrom) {

    /** Validates the components. */
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        allowedFrom = List.copyOf(allowedFrom);
        if (name.isBlank()) {
            throw new ValidationException("a service needs a name");
        }
        if (ports.isAny()) {
            throw new ValidationException("service '" + name + "' needs ports");
        }
        if (exposure == Exposure.PRIVATE && allowedFrom.isEmpty()) {
            throw new ValidationException("private service '" + name + "' needs at least one network it is reachable from");
        }
        if (exposure != Exposure.PRIVATE && !allowedFrom.isEmpty()) {
            throw new ValidationException(exposure + " service '" + name + "' cannot have allowed networks;"
                    + " only private services do");
        }
    }

    /** Whether a packet to {@code protocol}/{@code port} is for this service. */
    public boolean serves(Protocol packetProtocol, int port) {
        return protocol.map(p -> p == packetProtocol).orElse(packetProtocol.hasPorts())
                && ports.contains(port);
    }

    /** Whether this service and a rule's protocol and ports share some traffic. */
    boolean overlaps(Rule rule) {
        boolean protocolOverlap = rule.protocol().isEmpty() && (protocol.isEmpty() || protocol.get().hasPorts())
                || protocol.isEmpty() && rule.protocol().map(Protocol::hasPorts).orElse(true)
                || protocol.equals(rule.protocol());
        return protocolOverlap && ports.overlaps(rule.ports());
    }
}
