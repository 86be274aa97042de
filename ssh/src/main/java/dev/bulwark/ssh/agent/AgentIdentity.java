package dev.bulwark.ssh.agent;

import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.Objects;

/**
 * A key an SSH agent holds: its public key (a plain key, or an OpenSSH certificate, which
 * {@link SshPublicKey} keeps as an {@link KeyAlgorithm#OPAQUE} key) and the comment the agent gave.
 *
 * <p>The comment is untrusted text from another process: it may hold control characters or
 * terminal escapes. {@link #toString()} escapes them; print {@link #comment()} only after escaping.
 *
 * @param publicKey the key (or certificate); its own comment is empty
 * @param comment   the agent's comment for it, as sent (malformed UTF-8 replaced by U+FFFD)
 */
public record AgentIdentity(SshPublicKey publicKey, String comment) {

    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    /** Validates the components. */
    public AgentIdentity {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(comment, "comment");
    }

    /** Whether the identity is an OpenSSH certificate ({@code *-cert-v01@openssh.com}). */
    public boolean isCertificate() {
        return publicKey.type().endsWith(CERT_SUFFIX);
    }

    /**
     * The algorithm of the key that signs: the key's own, or for a certificate the algorithm of the
     * certified key ({@link KeyAlgorithm#OPAQUE} when Bulwark does not know it).
     */
    public KeyAlgorithm signingAlgorithm() {
        String type = publicKey.type();
        return isCertificate() ? KeyAlgorithm.fromWireName(type.substring(0, type.length() - CERT_SUFFIX.length()))
                : publicKey.keyType();
    }

    /**
     * The type, fingerprint and quoted comment, e.g. {@code ssh-ed25519 SHA256:… "alice@laptop"};
     * control, format and line separator characters, quotes and backslashes in the comment appear as
     * Java-style escapes (ESC as backslash, {@code u001b}), and it is cut at 200 characters.
     */
    @Override
    public String toString() {
        return publicKey.type() + " " + publicKey.fingerprintSha256() + " \"" + escape(comment) + "\"";
    }

    /** {@code text} with control characters, quotes and backslashes escaped, shortened to 200 characters. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(text.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '"' || c == '\\'
                    || Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append('…');
        }
        return out.toString();
    }
}
