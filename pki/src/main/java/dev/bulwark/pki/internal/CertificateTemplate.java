package dev.bulwark.pki.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.LeafProfile;
import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Everything that goes into one certificate. {@code leaf} is set for end-entity certificates,
 * {@code pathLength} (negative: none) and the name constraints for CA certificates. Not API.
 *
 * @param subject             the subject name
 * @param publicKey           the subject's key
 * @param serial              the serial number
 * @param notBefore           start of validity
 * @param notAfter            end of validity
 * @param leaf                the leaf profile, or empty for a CA certificate
 * @param names               subjectAltName entries (leaves)
 * @param pathLength          CA path length constraint, negative for none
 * @param permittedDns        name constraints: permitted DNS subtrees
 * @param permittedIps        name constraints: permitted IP ranges
 * @param excludedDns         name constraints: excluded DNS subtrees
 * @param excludedIps         name constraints: excluded IP ranges
 * @param crlUrl              cRLDistributionPoints URL
 * @param caIssuersUrl        authorityInfoAccess caIssuers URL
 */
public record CertificateTemplate(X500Principal subject, PublicKey publicKey, BigInteger serial,
                                  Instant notBefore, Instant notAfter, Optional<LeafProfile> leaf,
                                  List<String> names, int pathLength,
                                  List<String> permittedDns, List<IpNetwork> permittedIps,
                                  List<String> excludedDns, List<IpNetwork> excludedIps,
                                  Optional<URI> crlUrl, Optional<URI> caIssuersUrl) {

    /** The key type of the subject key. */
    public KeyAlgorithm keyAlgorithm() {
        return KeyAlgorithm.of(publicKey);
    }

    /** Whether any name constraint is set. */
    public boolean hasNameConstraints() {
        return !permittedDns.isEmpty() || !permittedIps.isEmpty() || !excludedDns.isEmpty() || !excludedIps.isEmpty();
    }
}
