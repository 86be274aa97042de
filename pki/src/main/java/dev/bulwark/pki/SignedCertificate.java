package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate the CA signed for a key it does not hold (from a CSR, or renewed with the same key),
 * with its chain.
 *
 * @param chain the certificate first, then each issuer up to the root CA's certificate
 */
public record SignedCertificate(List<X509Certificate> chain) {

    /** Copies the chain and checks that it is not empty. */
    public SignedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new ValidationException("the chain must hold at least the certificate");
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        X509Certificate c = certificate();
        return "SignedCertificate[" + c.getSubjectX500Principal().getName() + ", serial "
                + dev.bulwark.pki.internal.Serials.hex(c.getSerialNumber()) + ", notAfter "
                + c.getNotAfter().toInstant() + "]";
    }
}
