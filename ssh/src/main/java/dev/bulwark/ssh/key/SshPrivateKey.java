package dev.bulwark.ssh.key;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * The private half of an SSH key pair: a secret. {@code toString()} says {@code [redacted]},
 * equality is constant-time, and the key material comes out only through
 * {@link #revealPrivateKey()}. Built only by {@link SshKeyPair}, which checks it against the public key.
 */
public final class SshPrivateKey {

    private final String type;
    private final PrivateKey privateKey;
    private final byte[] wire;
    private final boolean commentInWire;

    SshPrivateKey(String type, PrivateKey privateKey, byte[] wire, boolean commentInWire) {
        this.type = type;
        this.privateKey = privateKey;
        this.wire = wire;
        this.commentInWire = commentInWire;
    }

    /** The wire type name, e.g. {@code ssh-ed25519}. */
    public String type() {
        return type;
    }

    /** The kind of key; {@link KeyAlgorithm#OPAQUE} for types Bulwark only keeps. */
    public KeyAlgorithm keyType() {
        return KeyAlgorithm.fromWireName(type);
    }

    /**
     * The JDK private key, the one way key material leaves this object; empty for opaque keys
     * ({@code sk-*} keys hold only a hardware token handle, other types are not understood).
     */
    public Optional<PrivateKey> revealPrivateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** The private section encoding (type and fields); package use only, not copied. */
    byte[] wire() {
        return wire;
    }

    boolean commentInWire() {
        return commentInWire;
    }

    /** Constant-time comparison of the key material. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SshPrivateKey && MessageDigest.isEqual(wire, ((SshPrivateKey) o).wire);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    /** The type only: {@code ssh-ed25519 private key [redacted]}. */
    @Override
    public String toString() {
        return type + " private key [redacted]";
    }
}
