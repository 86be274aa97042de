package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One firewall rule: what it matches and what it does. Empty lists and {@link Ports#ANY} mean
 * "any". Rules are built with {@link #allow()}, {@link #deny()}, {@link #reject()} or
 * {@link #limit()}:
 *
 * <pre>{@code
 * Rule ssh = Rule.limit().in().protocol(Protocol.TCP).ports(Ports.of(22)).comment("ssh").build();
 * }</pre>
 *
 * @param action       what happens to matching traffic
 * @param direction    incoming, outgoing or routed
 * @param versions     the IP versions the rule applies to, in enum order (never empty)
 * @param protocol     the protocol, or empty for any; ports without a protocol mean TCP and UDP
 * @param ports        the destination ports
 * @param sources      the source networks (any when empty)
 * @param sourceSet    a name for the source list where a backend has named sets (nftables)
 * @param destinations the destination networks (any when empty)
 * @param inInterface  the interface the traffic arrives on (IN and ROUTED only); a final {@code +}
 *                     makes it a prefix wildcard ({@code eth+}), which ufw and firewalld refuse
 * @param outInterface the interface the traffic leaves by (OUT and ROUTED only), wildcard as above
 * @param comment      a note carried into the backend where it has comments; empty for none
 */
public record Rule(Action action, Direction direction, List<IpVersion> versions, Optional<Protocol> protocol,
                   Ports ports, List<IpNetwork> sources, Optional<String> sourceSet, List<IpNetwork> destinations,
                   Optional<String> inInterface, Optional<String> outInterface, String comment) {

    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,59}");

    /** Validates what every backend needs; backend-specific limits are checked when rendering. */
    public Rule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(direction, "direction");
        versions = versions.stream().sorted().distinct().collect(java.util.stream.Collectors.toUnmodifiableList());
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        sources = List.copyOf(sources);
        Objects.requireNonNull(sourceSet, "sourceSet");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(inInterface, "inInterface");
        Objects.requireNonNull(outInterface, "outInterface");
        checkComment(comment);
        String self = "rule" + (comment.isEmpty() ? "" : " '" + comment + "'");
        if (versions.isEmpty()) {
            throw new ValidationException(self + ": no IP version left; its networks and protocol exclude each other");
        }
        if (!ports.isAny() && protocol.isPresent() && !protocol.get().hasPorts()) {
            throw new ValidationException(self + ": ports need tcp or udp, not " + protocol.get().wireName());
        }
        if (direction == Direction.IN && outInterface.isPresent()) {
            throw new ValidationException(self + ": an incoming rule has no out interface");
        }
        if (direction == Direction.OUT && inInterface.isPresent()) {
            throw new ValidationException(self + ": an outgoing rule has no in interface");
        }
        inInterface.ifPresent(name -> InterfaceName.check(self, name));
        outInterface.ifPresent(name -> InterfaceName.check(self, name));
        if (sourceSet.isPresent() && !SET_NAME.matcher(sourceSet.get()).matches()) {
            throw new ValidationException(self + ": set name '" + sourceSet.get()
                    + "' is not a letter followed by at most 59 letters, digits or underscores");
        }
        if (sourceSet.isPresent() && sources.isEmpty()) {
            throw new ValidationException(self + ": set name '" + sourceSet.get() + "' given without source networks");
        }
        for (IpNetwork n : sources) {
            requireVersion(self, "source", n, versions);
        }
        for (IpNetwork n : destinations) {
            requireVersion(self, "destination", n, versions);
        }
    }

    /** Refuses a comment that is not one line of text (control characters, line separators). */
    static void checkComment(String comment) {
        Objects.requireNonNull(comment, "comment");
        for (int i = 0; i < comment.length(); i++) {
            char c = comment.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new ValidationException("rule comment contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at index " + i + "; comments are one line of text");
            }
        }
    }

    /** A builder for a rule that allows traffic. */
    public static RuleBuilder allow() {
        return new RuleBuilder(Action.ALLOW);
    }

    /** A builder for a rule that drops traffic. */
    public static RuleBuilder deny() {
        return new RuleBuilder(Action.DENY);
    }

    /** A builder for a rule that rejects traffic. */
    public static RuleBuilder reject() {
        return new RuleBuilder(Action.REJECT);
    }

    /** A builder for a rule that allows new connections at a bounded rate per source ({@link Action#LIMIT}). */
    public static RuleBuilder limit() {
        return new RuleBuilder(Action.LIMIT);
    }

    /** Whether this rule matches {@code packet}. */
    public boolean matches(Packet packet) {
        if (packet.direction() != direction || !versions.contains(packet.version())) {
            return false;
        }
        if (protocol.isPresent() && protocol.get() != packet.protocol()) {
            return false;
        }
        if (!ports.isAny() && (!packet.protocol().hasPorts() || !ports.contains(packet.port()))) {
            return false;
        }
        if (!sources.isEmpty() && sources.stream().noneMatch(n -> n.contains(packet.source()))) {
            return false;
        }
        if (!destinations.isEmpty() && destinations.stream().noneMatch(n -> n.contains(packet.destination()))) {
            return false;
        }
        return interfaceMatches(inInterface, packet.inInterface()) && interfaceMatches(outInterface, packet.outInterface());
    }

    /** Whether every packet this rule's {@code other} matches is also matched by this rule. */
    public boolean covers(Rule other) {
        return direction == other.direction
                && versions.containsAll(other.versions)
                && (protocol.isEmpty() || protocol.equals(other.protocol))
                && ports.containsAll(other.ports)
                && networksCover(sources, other.sources)
                && networksCover(destinations, other.destinations)
                && (inInterface.isEmpty() || inInterface.equals(other.inInterface))
                && (outInterface.isEmpty() || outInterface.equals(other.outInterface));
    }

    /** Whether both rules match exactly the same traffic. */
    public boolean sameMatch(Rule other) {
        return covers(other) && other.covers(this);
    }

    /** This rule's match with another action. */
    public Rule withAction(Action newAction) {
        return new Rule(newAction, direction, versions, protocol, ports, sources, sourceSet, destinations,
                inInterface, outInterface, comment);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(action.wireName()).append(' ').append(direction.wireName());
        inInterface.ifPresent(i -> out.append(" on ").append(i));
        outInterface.ifPresent(i -> out.append(" out ").append(i));
        if (versions.size() == 1) {
            out.append(' ').append(versions.get(0).wireName());
        }
        out.append(' ').append(protocol.map(Protocol::wireName).orElse("any"));
        out.append(" from ").append(sources.isEmpty() ? "any" : sourceSet.map(s -> "@" + s + "=").orElse("") + sources);
        out.append(" to ").append(destinations.isEmpty() ? "any" : destinations.toString());
        if (!ports.isAny()) {
            out.append(" port ").append(ports);
        }
        if (!comment.isEmpty()) {
            out.append(" # ").append(comment);
        }
        return out.toString();
    }

    private static boolean interfaceMatches(Optional<String> rule, Optional<String> packet) {
        if (rule.isEmpty()) {
            return true;
        }
        if (packet.isEmpty()) {
            return false;
        }
        String r = rule.get();
        return r.endsWith("+") ? packet.get().startsWith(r.substring(0, r.length() - 1)) : r.equals(packet.get());
    }

    private static boolean networksCover(List<IpNetwork> outer, List<IpNetwork> inner) {
        if (outer.isEmpty()) {
            return true;
        }
        if (inner.isEmpty()) {
            return false;
        }
        return inner.stream().allMatch(i -> outer.stream().anyMatch(o -> o.contains(i)));
    }

    private static void requireVersion(String self, String what, IpNetwork network, List<IpVersion> versions) {
        if (!versions.contains(IpVersion.of(network.address()))) {
            throw new ValidationException(self + ": " + what + " " + network + " is not " + versions);
        }
    }
}
