package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * What a known_hosts file says about a host key presented by a server
 * ({@link KnownHosts#verify}): {@link Match}, {@link Certified} (a host certificate signed by a CA
 * trusted for the host), {@link Mismatch} (the host is known with other keys), {@link Unknown} or
 * {@link Revoked} (a {@code @revoked} line for the key or its CA; this always wins).
 */
public sealed interface HostKeyStatus {

    /** Whether the key may be trusted: only a {@link Match} or a {@link Certified} certificate is. */
    default boolean trusted() {
        return this instanceof Match || this instanceof Certified;
    }

    /**
     * The key is listed for the host.
     *
     * @param entry the first line that lists it
     */
    record Match(HostKeyEntry entry) implements HostKeyStatus {
        /** Validates the entry. */
        public Match {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * The host is known, but with other keys: the key may have changed, or someone is in the middle.
     *
     * @param known the lines that list the host with other keys (at least one)
     */
    record Mismatch(List<HostKeyEntry> known) implements HostKeyStatus {
        /** Validates and copies the entries. */
        public Mismatch {
            known = List.copyOf(known);
            if (known.isEmpty()) {
                throw new ValidationException("a mismatch needs at least one known entry");
            }
        }
    }

    /**
     * The host certificate is signed by a CA that a {@code @cert-authority} line trusts for the
     * host, and valid for it ({@link KnownHosts#verify(String, int, dev.bulwark.ssh.cert.SshCertificate, java.time.Instant)}).
     *
     * @param authority the {@code @cert-authority} line that lists the CA
     */
    record Certified(HostKeyEntry authority) implements HostKeyStatus {
        /** Validates the entry. */
        public Certified {
            Objects.requireNonNull(authority, "authority");
        }
    }

    /** No line lists the host. */
    record Unknown() implements HostKeyStatus {
    }

    /**
     * The key is revoked for the host ({@code @revoked}); it must never be accepted.
     *
     * @param revocation the {@code @revoked} line
     */
    record Revoked(HostKeyEntry revocation) implements HostKeyStatus {
        /** Validates the entry. */
        public Revoked {
            Objects.requireNonNull(revocation, "revocation");
        }
    }
}
