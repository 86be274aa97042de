package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.ChainConstraints;
import dev.bulwark.pki.internal.KeyChecks;
import dev.bulwark.pki.internal.Ledger;
import dev.bulwark.pki.internal.Names;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The one gate every certificate a {@link CertificateAuthority} signs passes before it is signed:
 * issuing with a generated key, issuing for a held key, signing a CSR, renewing with the same or a
 * new key, creating an intermediate and cross-signing (and an ACME front end, which must call it
 * the same way). It checks, in this order: the key (a supported, strong type; never a key revoked
 * for keyCompromise), the validity, the {@link CaPolicy} (names, key types, maximum validity) and
 * what the CA's chain allows (name constraints of every certificate in it, path lengths).
 * Package-private: the CA is the API.
 */
final class IssuanceGate {

    private final CaPolicy policy;
    private final ChainConstraints chain;
    private final Ledger ledger;

    IssuanceGate(List<X509Certificate> chain, CaPolicy policy, Ledger ledger) {
        this.policy = policy;
        this.chain = ChainConstraints.of(chain);
        this.ledger = ledger;
    }

    /**
     * Checks a leaf for a key the CA generates now (a new key cannot have been compromised) and
     * returns its names normalized.
     */
    List<String> leaf(List<String> names, KeyAlgorithm keyAlgorithm, Duration validity) {
        CaRules.requirePositive(validity);
        List<String> normalized = Names.normalize(names);
        policy.check(normalized, keyAlgorithm, validity);
        chain.checkLeaf(normalized, Issuer.leafSubject(normalized));
        return normalized;
    }

    /**
     * Checks names alone, before any key or validity is known (an ACME order): the policy's names
     * and the chain's constraints, as {@link #leaf} will check them again at signing.
     */
    List<String> names(List<String> names) {
        List<String> normalized = Names.normalize(names);
        policy.checkNames(normalized);
        chain.checkLeaf(normalized, Issuer.leafSubject(normalized));
        return normalized;
    }

    /** Checks a leaf for a key someone holds (a CSR, a same-key renewal) and returns its names normalized. */
    List<String> leaf(List<String> names, PublicKey key, Duration validity) {
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.of(key);
        requireNeverCompromised(key);
        return leaf(names, keyAlgorithm, validity);
    }

    /**
     * Checks a CA certificate (intermediate or cross-certificate) with this subject and path length
     * ({@code -1}: none); {@code heldKey} is the key when it was not generated for it.
     */
    void ca(X500Principal subject, int pathLength, Duration validity, Optional<PublicKey> heldKey) {
        if (heldKey.isPresent()) {
            CaRules.requireCaKey(KeyAlgorithm.of(heldKey.get()));
            requireNeverCompromised(heldKey.get());
        }
        CaRules.requirePositive(validity);
        chain.checkCa(subject, pathLength);
    }

    private void requireNeverCompromised(PublicKey key) {
        for (IndexEntry entry : ledger.compromised()) {
            X509Certificate revoked = ledger.certificate(entry.serial()).orElseThrow(() -> new ValidationException(
                    "cannot tell whether the key was revoked for keyCompromise: the certificate of serial "
                            + entry.serialHex() + " is missing"));
            if (KeyChecks.sameKey(revoked.getPublicKey(), key)) {
                throw new ValidationException("the key of serial " + entry.serialHex() + " was revoked for keyCompromise at "
                        + entry.revokedAt().orElseThrow() + ": a compromised key is never certified again;"
                        + " use renewWithNewKey, or a request with a new key");
            }
        }
    }
}
