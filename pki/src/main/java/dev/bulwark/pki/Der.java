package dev.bulwark.pki;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** DER encoding and decoding of certificates, CRLs and PKCS#8 private keys. */
public final class Der {

    private static final Map<String, String> KEY_TYPES = Map.of(
            "1.2.840.10045.2.1", "EC", "1.2.840.113549.1.1.1", "RSA", "1.3.101.112", "Ed25519");

    private Der() {
    }

    /** The DER encoding of a certificate, CRL, private key (PKCS#8), public key (SPKI) or request. */
    public static byte[] encode(Object value) {
        try {
            if (value instanceof X509Certificate) {
                return ((X509Certificate) value).getEncoded();
            }
            if (value instanceof X509CRL) {
                return ((X509CRL) value).getEncoded();
            }
            if (value instanceof PrivateKey) {
                PrivateKey key = (PrivateKey) value;
                byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
                if (encoded == null) {
                    throw new ValidationException("private key has no PKCS#8 encoding (hardware keys cannot be exported)");
                }
                return encoded;
            }
            if (value instanceof PublicKey) {
                return ((PublicKey) value).getEncoded();
            }
            if (value instanceof CertificateRequest) {
                return ((CertificateRequest) value).encoded();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a parsed " + Pem.typeName(value), e);
        }
        throw new ValidationException("cannot encode " + Pem.typeName(value)
                + "; expected X509Certificate, X509CRL, PrivateKey, PublicKey or CertificateRequest");
    }

    static String label(Object value) {
        if (value instanceof X509Certificate) {
            return "CERTIFICATE";
        }
        if (value instanceof X509CRL) {
            return "X509 CRL";
        }
        if (value instanceof PrivateKey) {
            return "PRIVATE KEY";
        }
        if (value instanceof PublicKey) {
            return "PUBLIC KEY";
        }
        throw new ValidationException("cannot encode " + Pem.typeName(value)
                + "; expected X509Certificate, X509CRL, PrivateKey, PublicKey or CertificateRequest");
    }

    /** Decodes a DER certificate. */
    public static X509Certificate certificate(byte[] der) {
        return certificate(der, Position.of("<der>", 1));
    }

    /** Decodes a DER CRL. */
    public static X509CRL crl(byte[] der) {
        return crl(der, Position.of("<der>", 1));
    }

    /** Decodes a DER PKCS#8 private key (EC, RSA or Ed25519). */
    public static PrivateKey privateKey(byte[] der) {
        return privateKey(der, Position.of("<der>", 1));
    }

    static X509Certificate certificate(byte[] der, Position at) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ParseException(at, "not a DER X.509 certificate", null, e);
        }
    }

    static X509CRL crl(byte[] der, Position at) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ParseException(at, "not a DER X.509 CRL", null, e);
        }
    }

    static PrivateKey privateKey(byte[] der, Position at) {
        String type;
        try {
            type = KEY_TYPES.get(PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm().getId());
        } catch (RuntimeException e) {
            // no cause: the message of a parser exception could quote key bytes
            throw new ParseException(at, "not a PKCS#8 private key");
        }
        if (type == null) {
            throw new ParseException(at, "private key algorithm is not supported; use EC, RSA or Ed25519");
        }
        try {
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ParseException(at, "malformed " + type + " private key");
        }
    }
}
