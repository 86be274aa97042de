package dev.bulwark.cli.keys;

import java.util.Locale;

/** {@code --type}: the key types Bulwark generates (never DSA). */
enum KeyTypeOption {
    /** Ed25519, the default. */
    ED25519,
    /** ECDSA on P-256. */
    ECDSA_P256,
    /** ECDSA on P-384. */
    ECDSA_P384,
    /** ECDSA on P-521. */
    ECDSA_P521,
    /** RSA, 3072 bits unless {@code --bits}. */
    RSA;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
