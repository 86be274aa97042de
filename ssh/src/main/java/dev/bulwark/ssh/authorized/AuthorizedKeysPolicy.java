package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ValidationException;

/**
 * What an authorized_keys audit expects. DSA keys are always reported; RSA keys below
 * {@code minimumRsaBits}, ECDSA keys when not allowed, and keys without {@code from=} when source
 * restriction is required.
 *
 * @param minimumRsaBits            the smallest acceptable RSA modulus, at least 2048 (default 2048)
 * @param ecdsaAllowed              whether ECDSA keys are acceptable (default true)
 * @param sourceRestrictionRequired whether every key needs a {@code from=} option (default false)
 */
public record AuthorizedKeysPolicy(int minimumRsaBits, boolean ecdsaAllowed, boolean sourceRestrictionRequired) {

    /** RSA of at least 2048 bits, ECDSA allowed, {@code from=} not required. */
    public static final AuthorizedKeysPolicy DEFAULT = new AuthorizedKeysPolicy(2048, true, false);

    /** RSA of at least 3072 bits, no ECDSA, every key restricted by {@code from=}. */
    public static final AuthorizedKeysPolicy STRICT = new AuthorizedKeysPolicy(3072, false, true);

    /** Validates the RSA minimum. */
    public AuthorizedKeysPolicy {
        if (minimumRsaBits < 2048) {
            throw new ValidationException("minimumRsaBits " + minimumRsaBits
                    + " is below 2048; RSA keys under 2048 bits are weak (use 3072, or Ed25519 keys)");
        }
    }

    /** A copy with this RSA minimum. */
    public AuthorizedKeysPolicy withMinimumRsaBits(int bits) {
        return new AuthorizedKeysPolicy(bits, ecdsaAllowed, sourceRestrictionRequired);
    }

    /** A copy that allows or forbids ECDSA keys. */
    public AuthorizedKeysPolicy withEcdsaAllowed(boolean allowed) {
        return new AuthorizedKeysPolicy(minimumRsaBits, allowed, sourceRestrictionRequired);
    }

    /** A copy that requires (or not) a {@code from=} option on every key. */
    public AuthorizedKeysPolicy withSourceRestrictionRequired(boolean required) {
        return new AuthorizedKeysPolicy(minimumRsaBits, ecdsaAllowed, required);
    }
}
