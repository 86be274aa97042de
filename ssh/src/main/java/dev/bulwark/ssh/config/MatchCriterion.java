package dev.bulwark.ssh.config;

import dev.bulwark.ssh.config.internal.Patterns;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One criterion of a {@code Match} line, e.g. {@code User alice,!bob} or {@code Address 10.0.0.0/8}.
 *
 * @param attribute the attribute tested
 * @param patterns  the comma-separated pattern list as written (empty for {@code All})
 */
public record MatchCriterion(Attribute attribute, String patterns) {

    /** The attributes OpenSSH 9.2 understands on a {@code Match} line. */
    public enum Attribute {
        ALL("All"), USER("User"), GROUP("Group"), HOST("Host"), ADDRESS("Address"),
        LOCAL_ADDRESS("LocalAddress"), LOCAL_PORT("LocalPort"), RDOMAIN("RDomain");

        private final String wireName;

        Attribute(String wireName) {
            this.wireName = wireName;
        }

        /** The attribute as sshd_config(5) spells it. */
        public String wireName() {
            return wireName;
        }

        /** The attribute for a name in any case. */
        public static Optional<Attribute> lookup(String name) {
            for (Attribute a : values()) {
                if (a.wireName.equalsIgnoreCase(name)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** Validates the components. */
    public MatchCriterion {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(patterns, "patterns");
    }

    /** Whether the connection satisfies this criterion, with sshd's semantics. */
    public boolean matches(ConnectionSpec c) {
        switch (attribute) {
            case ALL:
                return true;
            case USER:
                return !c.user().isEmpty() && Patterns.list(c.user(), patterns, false) == 1;
            case GROUP:
                return !c.user().isEmpty() && Patterns.groups(c.groups(), patterns);
            case HOST:
                return !c.host().isEmpty() && Patterns.list(c.host().toLowerCase(Locale.ROOT), patterns, true) == 1;
            case ADDRESS:
                return !c.address().isEmpty() && Patterns.addresses(c.address(), patterns) == Patterns.AddressMatch.MATCH;
            case LOCAL_ADDRESS:
                return !c.localAddress().isEmpty()
                        && Patterns.addresses(c.localAddress(), patterns) == Patterns.AddressMatch.MATCH;
            case LOCAL_PORT:
                return c.localPort() != 0 && Integer.parseInt(patterns) == c.localPort();
            case RDOMAIN:
                return !c.rdomain().isEmpty() && Patterns.list(c.rdomain(), patterns, false) == 1;
            default:
                throw new IllegalStateException("unknown attribute " + attribute);
        }
    }

    @Override
    public String toString() {
        return attribute == Attribute.ALL ? "All" : attribute.wireName() + " " + patterns;
    }
}
