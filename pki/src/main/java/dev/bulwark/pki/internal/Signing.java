package dev.bulwark.pki.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signers, key identifiers and conversions to JDK types. Not API. */
public final class Signing {

    private Signing() {
    }

    /** A content signer for the JCA algorithm, using BouncyCastle's (unregistered) provider. */
    public static ContentSigner signer(String algorithm, PrivateKey key) {
        return signer(algorithm, key, null);
    }

    /** Like {@link #signer(String, PrivateKey)}, drawing signature randomness (ECDSA nonces) from {@code random}. */
    public static ContentSigner signer(String algorithm, PrivateKey key, java.security.SecureRandom random) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC);
            return (random == null ? builder : builder.setSecureRandom(random)).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    /**
     * The key identifier of RFC 7093 §2 method 1: the leftmost 160 bits of the SHA-256 hash of the
     * subjectPublicKey BIT STRING value (no SHA-1 anywhere).
     */
    public static SubjectKeyIdentifier keyIdentifier(PublicKey key) {
        byte[] keyBits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyBits);
            return new SubjectKeyIdentifier(Arrays.copyOf(hash, 20));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The subjectKeyIdentifier of a certificate, or the RFC 7093 identifier of its key when absent. */
    public static byte[] keyIdentifierOf(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue("2.5.29.14");
        if (ext != null) {
            return SubjectKeyIdentifier.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        }
        return keyIdentifier(certificate.getPublicKey()).getKeyIdentifier();
    }

    /** The JDK form of a signed certificate. */
    public static X509Certificate toJdk(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("a certificate just signed does not parse", e);
        }
    }

    /** The JDK form of a signed CRL. */
    public static X509CRL toJdk(X509CRLHolder holder) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("a CRL just signed does not parse", e);
        }
    }
}
