package dev.bulwark.vpn.openvpn;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pem;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Checks and PEM text of the certificates an OpenVPN config inlines. Not API. */
final class Identities {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Identities() {
    }

    /** Refuses a certificate without the extended key usage the other end's {@code remote-cert-tls} demands. */
    static void requireUsage(IssuedCertificate identity, String usage, String role, String method) {
        List<String> usages;
        try {
            usages = identity.certificate().getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new ValidationException("the " + role + " certificate's extended key usage cannot be read", e);
        }
        if (usages == null || !usages.contains(usage)) {
            throw new ValidationException("the " + role + " certificate lacks extended key usage "
                    + (usage.equals(SERVER_AUTH) ? "serverAuth" : "clientAuth") + ", which remote-cert-tls "
                    + role + " requires; issue it with CertificateAuthority." + method);
        }
    }

    /** The CA's CRL when it has revoked anything, else empty. */
    static Optional<X509CRL> crlOf(CertificateAuthority ca) {
        return ca.entries().stream().anyMatch(e -> e.isRevoked()) ? Optional.of(ca.crl()) : Optional.empty();
    }

    /** The trust anchors: the CA's chain up to the root. */
    static String caPem(CertificateAuthority ca) {
        return Pem.encode(ca.chain());
    }

    static String certificatePem(IssuedCertificate identity) {
        List<X509Certificate> chain = identity.chain();
        return Pem.encode(chain.subList(0, Math.max(1, chain.size() - 1)));
    }
}
