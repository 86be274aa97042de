package dev.bulwark.firewall.parse;

import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ufw rule as {@code /etc/ufw/user.rules} records it in its {@code ### tuple ###} line.
 *
 * @param position     where the tuple line is
 * @param action       {@code allow}, {@code deny}, {@code reject} or {@code limit}
 * @param log          the logging suffix: empty, {@code log} or {@code log-all}
 * @param routed       whether it is a {@code ufw route} rule (FORWARD)
 * @param inbound      whether it applies to incoming traffic ({@code in}) rather than outgoing
 * @param protocol     {@code tcp}, {@code udp}, {@code any}, ...
 * @param ports        destination ports; empty for any
 * @param destination  the destination network
 * @param sourcePorts  source ports; empty for any
 * @param source       the source network
 * @param application  the destination application profile, if the rule names one
 * @param interfaceIn  the incoming interface, if any
 * @param interfaceOut the outgoing interface, if any
 * @param comment      the comment, decoded from ufw's hex form
 * @param ipv6         whether it came from {@code user6.rules}
 */
public record UfwRule(Position position, String action, String log, boolean routed, boolean inbound, String protocol,
                      List<PortRange> ports, IpNetwork destination, List<PortRange> sourcePorts, IpNetwork source,
                      Optional<String> application, Optional<String> interfaceIn, Optional<String> interfaceOut,
                      Optional<String> comment, boolean ipv6) {

    /** Validates and copies the components. */
    public UfwRule {
        Objects.requireNonNull(position, "position");
        if (!List.of("allow", "deny", "reject", "limit").contains(action)) {
            throw new ValidationException("action '" + action + "' is not allow, deny, reject or limit");
        }
        if (!List.of("", "log", "log-all").contains(log)) {
            throw new ValidationException("log '" + log + "' is not log or log-all");
        }
        protocol = protocol.toLowerCase(Locale.ROOT);
        ports = List.copyOf(ports);
        sourcePorts = List.copyOf(sourcePorts);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(interfaceIn, "interfaceIn");
        Objects.requireNonNull(interfaceOut, "interfaceOut");
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * Whether {@code other} is the same rule apart from action, logging and comment: ufw then
     * updates this rule in place instead of adding one ("Rule updated").
     */
    public boolean sameTupleAs(UfwRule other) {
        return routed == other.routed && inbound == other.inbound && protocol.equals(other.protocol)
                && ports.equals(other.ports) && destination.equals(other.destination)
                && sourcePorts.equals(other.sourcePorts) && source.equals(other.source)
                && application.equals(other.application) && interfaceIn.equals(other.interfaceIn)
                && interfaceOut.equals(other.interfaceOut) && ipv6 == other.ipv6;
    }

    @Override
    public String toString() {
        return action + " " + (inbound ? "in" : "out") + interfaceIn.map(i -> " on " + i).orElse("")
                + " " + protocol + " " + (ports.isEmpty() ? "any" : ports) + " from " + source
                + " to " + destination + comment.map(c -> " # " + c).orElse("");
    }
}
