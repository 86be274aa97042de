package dev.bulwark.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import dev.bulwark.pki.internal.KeyChecks;

/**
 * A certificate the CA issued together with the private key it generated for it: an identity a
 * server or client can use ({@link MutualTls}, {@link Pkcs12}). The private key is a secret:
 * {@link #toString()} never shows it, and it only comes out through {@link #privateKey()}.
 */
public final class IssuedCertificate {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    /**
     * An identity from its parts; the key must match the certificate.
     *
     * @param privateKey the private key of the certificate
     * @param chain      the certificate first, then each issuer up to (and optionally including) the root
     */
    public static IssuedCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        IssuedCertificate issued = new IssuedCertificate(privateKey, chain);
        KeyChecks.requireMatch(privateKey, issued.certificate.getPublicKey());
        return issued;
    }

    /** For keys this module just generated for the certificate: no match check. */
    IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
        Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new dev.bulwark.core.ValidationException("the chain must hold at least the certificate");
        }
        this.certificate = this.chain.get(0);
        this.privateKey = privateKey;
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key (a secret: handle with care, write it only with owner-only permissions). */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The key pair of the certificate. */
    public KeyPair keyPair() {
        return new KeyPair(certificate.getPublicKey(), privateKey);
    }

    /** The certificate, then its issuers in order, ending with the root CA's certificate. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The certificate without the key, for sharing. */
    public SignedCertificate withoutKey() {
        return new SignedCertificate(chain);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName()
                + ", serial " + dev.bulwark.pki.internal.Serials.hex(certificate.getSerialNumber())
                + ", notAfter " + certificate.getNotAfter().toInstant() + ", private key [redacted]]";
    }
}
