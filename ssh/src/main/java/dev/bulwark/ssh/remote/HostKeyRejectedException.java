package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.util.Objects;

/**
 * The server presented a host key that the {@link HostKeyPolicy} does not trust. Carries the key
 * and its SHA256 fingerprint so that an operator can compare it out of band and, when it is right,
 * add it to known_hosts.
 */
public final class HostKeyRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the key was refused. */
    public enum Reason {
        /** The host is not listed (and trust-on-first-use was not asked for). */
        UNKNOWN,
        /** The host is listed with other keys, or the key is not the pinned one: it changed, or someone is in the middle. */
        CHANGED,
        /** A {@code @revoked} line revokes the key, or the CA that signed its host certificate. */
        REVOKED
    }

    private final transient SshPublicKey presented;
    private final String fingerprint;
    private final Reason reason;

    HostKeyRejectedException(String host, int port, Reason reason, SshPublicKey presented, String detail) {
        super("host key of " + host + ":" + port + " refused (" + reason.name().toLowerCase(java.util.Locale.ROOT)
                + "): " + presented.type() + " " + presented.fingerprintSha256() + "; " + detail);
        this.presented = Objects.requireNonNull(presented, "presented");
        this.fingerprint = presented.fingerprintSha256();
        this.reason = reason;
    }

    /** Why the key was refused. */
    public Reason reason() {
        return reason;
    }

    /** The presented key's fingerprint, {@code SHA256:…} (for a host certificate, its certified key's). */
    public String fingerprint() {
        return fingerprint;
    }

    /** The key the server presented; for a host certificate, the key it certifies. */
    public SshPublicKey presentedKey() {
        return presented;
    }
}
