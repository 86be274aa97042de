package dev.bulwark.ssh.key;

import dev.bulwark.core.ValidationException;
import java.util.Objects;

/**
 * What kind of key to generate: an algorithm and, for RSA, a size. The constants are the vetted
 * choices; {@link #rsa(int)} makes other RSA sizes. DSA is never generated.
 */
public final class SshKeyType {

    /** Ed25519, the default and the recommended choice. */
    public static final SshKeyType ED25519 = new SshKeyType(KeyAlgorithm.ED25519, 256);
    /** ECDSA on NIST P-256. */
    public static final SshKeyType ECDSA_P256 = new SshKeyType(KeyAlgorithm.ECDSA_P256, 256);
    /** ECDSA on NIST P-384. */
    public static final SshKeyType ECDSA_P384 = new SshKeyType(KeyAlgorithm.ECDSA_P384, 384);
    /** ECDSA on NIST P-521. */
    public static final SshKeyType ECDSA_P521 = new SshKeyType(KeyAlgorithm.ECDSA_P521, 521);
    /** RSA with 3072 bits, ssh-keygen's default size. */
    public static final SshKeyType RSA = new SshKeyType(KeyAlgorithm.RSA, 3072);

    /** The smallest RSA size Bulwark generates. */
    public static final int MIN_RSA_BITS = 2048;
    /** The largest RSA size Bulwark generates (OpenSSH's limit). */
    public static final int MAX_RSA_BITS = 16384;

    private final KeyAlgorithm algorithm;
    private final int bits;

    private SshKeyType(KeyAlgorithm algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    /**
     * RSA with {@code bits} bits (2048 to 16384, a multiple of 8).
     *
     * @throws ValidationException for sizes below 2048 bits, naming what to use instead
     */
    public static SshKeyType rsa(int bits) {
        if (bits < MIN_RSA_BITS) {
            throw new ValidationException("RSA keys of " + bits + " bits are too weak; use Ed25519 (SshKeyType.ED25519)"
                    + " or RSA with at least " + MIN_RSA_BITS + " bits (SshKeyType.RSA is 3072)");
        }
        if (bits > MAX_RSA_BITS || bits % 8 != 0) {
            throw new ValidationException("RSA key size " + bits + " must be a multiple of 8 and at most " + MAX_RSA_BITS);
        }
        return bits == 3072 ? RSA : new SshKeyType(KeyAlgorithm.RSA, bits);
    }

    /**
     * The type to generate for an algorithm at its default size.
     *
     * @throws ValidationException for DSA (use Ed25519) and opaque types
     */
    public static SshKeyType of(KeyAlgorithm algorithm) {
        switch (Objects.requireNonNull(algorithm, "algorithm")) {
            case ED25519:
                return ED25519;
            case ECDSA_P256:
                return ECDSA_P256;
            case ECDSA_P384:
                return ECDSA_P384;
            case ECDSA_P521:
                return ECDSA_P521;
            case RSA:
                return RSA;
            case DSA:
                throw new ValidationException("DSA keys are not generated: DSA is limited to 1024 bits and"
                        + " removed from OpenSSH; use Ed25519 (SshKeyType.ED25519)");
            default:
                throw new ValidationException("Bulwark cannot generate opaque key types; use Ed25519 (SshKeyType.ED25519)");
        }
    }

    /** The algorithm. */
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** The key size in bits. */
    public int bits() {
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshKeyType && ((SshKeyType) o).algorithm == algorithm && ((SshKeyType) o).bits == bits;
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + bits;
    }

    /** The wire name and size, e.g. {@code ssh-rsa 4096}. */
    @Override
    public String toString() {
        return algorithm.wireName() + " " + bits;
    }
}
