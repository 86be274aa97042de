package dev.bulwark.firewall.parse;

import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A firewalld rich rule as a zone file stores it ({@code <rule>}).
 *
 * @param position   the zone file (the XML reader keeps no line numbers)
 * @param family     {@code ipv4}, {@code ipv6}, or empty for both
 * @param priority   the rule's priority (negative runs before the zone's ordinary rules, positive after)
 * @param source     the source network, if any
 * @param sourceNot  whether the source is inverted ({@code invert="true"})
 * @param service    the service name, if the rule names one
 * @param protocol   the port's protocol ({@code tcp}, {@code udp}), if the rule names a port
 * @param port       the port or range as written ({@code 5432}, {@code 8000-8100}), if any
 * @param action     {@code accept}, {@code reject}, {@code drop}, {@code mark}, or empty (log/audit only)
 * @param logged     whether the rule logs ({@code <log>} or {@code <audit>})
 */
public record FirewalldRichRule(Position position, Optional<String> family, int priority, Optional<IpNetwork> source,
                                boolean sourceNot, Optional<String> service, Optional<String> protocol,
                                Optional<String> port, Optional<String> action, boolean logged) {

    /** The section of the zone a priority-0 rich rule is placed in; firewalld runs them in this order. */
    public enum Bucket {
        /** Rich rules with a negative priority, lowest first. */
        BEFORE,
        /** Rules that only log. */
        LOG,
        /** Rules that reject or drop: they run before every allow of the zone. */
        DENY,
        /** Rules that accept, with the zone's services and ports. */
        ALLOW,
        /** Rich rules with a positive priority, lowest first. */
        AFTER
    }

    /** Validates the components. */
    public FirewalldRichRule {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(action, "action");
        if (priority < -32768 || priority > 32767) {
            throw new IllegalArgumentException("priority " + priority + " is outside -32768..32767");
        }
        action.ifPresent(a -> {
            if (!List.of("accept", "reject", "drop", "mark").contains(a)) {
                throw new IllegalArgumentException("action '" + a + "' is not accept, reject, drop or mark");
            }
        });
    }

    /** Where firewalld places this rule in the zone's evaluation order. */
    public Bucket bucket() {
        if (priority < 0) {
            return Bucket.BEFORE;
        }
        if (priority > 0) {
            return Bucket.AFTER;
        }
        if (action.isEmpty() || action.get().equals("mark")) {
            return Bucket.LOG;
        }
        return action.get().equals("accept") ? Bucket.ALLOW : Bucket.DENY;
    }
}
