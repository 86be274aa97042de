package dev.bulwark.ssh.key;

import java.util.Optional;

/**
 * The kinds of SSH key Bulwark recognises, with their wire names. {@link #OPAQUE} stands for every
 * other type ({@code sk-*} FIDO keys, post-quantum hybrids, …): such keys are kept byte for byte
 * but cannot be converted to JDK keys.
 */
public enum KeyAlgorithm {
    /** Ed25519 ({@code ssh-ed25519}), the default for new keys. */
    ED25519("ssh-ed25519"),
    /** ECDSA on NIST P-256 ({@code ecdsa-sha2-nistp256}). */
    ECDSA_P256("ecdsa-sha2-nistp256"),
    /** ECDSA on NIST P-384 ({@code ecdsa-sha2-nistp384}). */
    ECDSA_P384("ecdsa-sha2-nistp384"),
    /** ECDSA on NIST P-521 ({@code ecdsa-sha2-nistp521}). */
    ECDSA_P521("ecdsa-sha2-nistp521"),
    /** RSA ({@code ssh-rsa} key format; signatures use rsa-sha2-256/512). */
    RSA("ssh-rsa"),
    /** DSA ({@code ssh-dss}): read for auditing, never generated. */
    DSA("ssh-dss"),
    /** Any other key type; the wire name is the key's own {@link SshPublicKey#type()}. */
    OPAQUE("");

    private final String wireName;

    KeyAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name, e.g. {@code ssh-ed25519}; empty for {@link #OPAQUE}. */
    public String wireName() {
        return wireName;
    }

    /** The algorithm with this wire name, or {@link #OPAQUE} for any other name. */
    public static KeyAlgorithm fromWireName(String name) {
        for (KeyAlgorithm a : values()) {
            if (a != OPAQUE && a.wireName.equals(name)) {
                return a;
            }
        }
        return OPAQUE;
    }

    /** The algorithm with this wire name, if Bulwark handles it. */
    public static Optional<KeyAlgorithm> forWireName(String name) {
        KeyAlgorithm a = fromWireName(name);
        return a == OPAQUE ? Optional.empty() : Optional.of(a);
    }
}
