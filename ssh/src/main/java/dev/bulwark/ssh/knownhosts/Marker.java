package dev.bulwark.ssh.knownhosts;

import java.util.Optional;

/** The markers a known_hosts line may start with. */
public enum Marker {
    /** The key is a CA trusted to sign host certificates for the matching hosts. */
    CERT_AUTHORITY("@cert-authority"),
    /** The key is revoked and must never be accepted. */
    REVOKED("@revoked");

    private final String wireName;

    Marker(String wireName) {
        this.wireName = wireName;
    }

    /** The marker as written, e.g. {@code @revoked}. */
    public String wireName() {
        return wireName;
    }

    /** The marker with this wire name, if it is one. */
    public static Optional<Marker> of(String wireName) {
        for (Marker m : values()) {
            if (m.wireName.equals(wireName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
