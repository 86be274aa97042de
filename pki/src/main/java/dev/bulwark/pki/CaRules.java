package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.Names;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/** The checks and serial rule every {@link CertificateAuthority} operation applies. */
final class CaRules {

    private CaRules() {
    }

    /** {@code serialBits} random bits plus one fixed leading bit: positive and of constant length. */
    static BigInteger serial(CaSettings settings) {
        return new BigInteger(settings.serialBits(), settings.random()).setBit(settings.serialBits());
    }

    static X500Principal subject(String dn) {
        Objects.requireNonNull(dn, "subjectDn");
        try {
            X500Principal principal = new X500Principal(dn);
            if (principal.getEncoded().length <= 2) {
                throw new ValidationException("subjectDn must not be empty (e.g. CN=Example Root CA)");
            }
            return principal;
        } catch (IllegalArgumentException e) {
            if (e instanceof ValidationException) {
                throw e;
            }
            throw new ValidationException("subjectDn '" + Names.printable(dn)
                    + "' is not an RFC 2253 distinguished name (e.g. CN=Example Root CA,O=Example)");
        }
    }

    static void requireCaKey(KeyAlgorithm algorithm) {
        if (!algorithm.allowedForCa()) {
            throw new ValidationException("keyAlgorithm " + algorithm.wireName()
                    + " is too weak for a CA; use ec-p256, ec-p384, ed25519, rsa-3072 or rsa-4096");
        }
    }

    static void requireCaCertificate(X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new ValidationException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not a CA certificate (basicConstraints cA is false)");
        }
        requireCaKey(KeyAlgorithm.of(certificate.getPublicKey()));
    }

    static void requirePositive(Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new ValidationException("validity " + validity + " must be positive");
        }
    }
}
