package dev.bulwark.ssh.remote;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a server's host key is checked when connecting. Strict by default: {@link #knownHosts} trusts
 * only a key listed for the host (and never a revoked one), {@link #pinned} only the key with one
 * SHA256 fingerprint. {@link #trustOnFirstUse} also accepts the key of a host the file does not
 * list yet; the connection then reports it ({@link RemoteHost#acceptedHostKey()}) for the caller
 * to persist. A changed key is refused by every policy.
 *
 * <p>A server may present a host certificate instead of its key. It is trusted as OpenSSH's ssh
 * trusts one ({@link KnownHosts#verify(String, int, dev.bulwark.ssh.cert.SshCertificate, java.time.Instant)}):
 * through a {@code @cert-authority} line for the host, when it is a valid host certificate naming
 * the host; a {@code @revoked} line for its key or its CA refuses it. Otherwise, and for
 * {@link #pinned} and trust-on-first-use, the key it certifies is what is checked, pinned and
 * handed back, never the certificate.
 */
public sealed interface HostKeyPolicy {

    /** Trusts the keys a known_hosts file lists for the host. */
    static HostKeyPolicy knownHosts(KnownHosts knownHosts) {
        return new KnownHostsPolicy(knownHosts, false);
    }

    /** Reads a known_hosts file (strictly) and trusts the keys it lists for the host. */
    static HostKeyPolicy knownHosts(Path file) throws IOException {
        return new KnownHostsPolicy(KnownHosts.read(file), false);
    }

    /**
     * Like {@link #knownHosts(KnownHosts)}, but a host the file does not list is accepted once and its
     * key handed back. Use only where the first connection's network path is trusted.
     */
    static HostKeyPolicy trustOnFirstUse(KnownHosts knownHosts) {
        return new KnownHostsPolicy(knownHosts, true);
    }

    /** Trusts only the key with this fingerprint ({@code SHA256:} and unpadded base64, as ssh-keygen -l prints). */
    static HostKeyPolicy pinned(String sha256Fingerprint) {
        return new Pinned(sha256Fingerprint);
    }

    /**
     * Checks against known_hosts.
     *
     * @param knownHosts     the file's entries
     * @param trustFirstUse  whether an unlisted host is accepted (and reported)
     */
    record KnownHostsPolicy(KnownHosts knownHosts, boolean trustFirstUse) implements HostKeyPolicy {
        /** Validates the components. */
        public KnownHostsPolicy {
            Objects.requireNonNull(knownHosts, "knownHosts");
        }
    }

    /**
     * Checks against one fingerprint.
     *
     * @param sha256Fingerprint {@code SHA256:} followed by 43 base64 characters
     */
    record Pinned(String sha256Fingerprint) implements HostKeyPolicy {
        /** Validates the fingerprint's form. */
        public Pinned {
            Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
            if (!sha256Fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}")) {
                throw new ValidationException("a pinned host key fingerprint must be 'SHA256:' and 43 base64 "
                        + "characters, as 'ssh-keygen -l' prints it");
            }
        }
    }
}
