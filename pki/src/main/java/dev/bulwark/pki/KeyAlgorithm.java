package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.Providers;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The key types this CA generates, signs with and accepts, with their wire names.
 *
 * <p>Policy: CA keys must be {@link #EC_P256} (the default), {@link #EC_P384}, {@link #ED25519},
 * {@link #RSA_3072} or {@link #RSA_4096}; {@link #RSA_2048} is accepted for leaf certificates only
 * (it is the CA/Browser Forum minimum, too weak for a CA that lives for years). RSA keys below 2048
 * bits, DSA keys and other curves are refused everywhere. Signatures never use SHA-1: ECDSA P-256
 * signs with SHA-256, P-384 with SHA-384, RSA with SHA-256.
 */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 (secp256r1), signing with SHA256withECDSA. The default. */
    EC_P256("ec-p256", "EC", 256, "SHA256withECDSA"),
    /** ECDSA on NIST P-384 (secp384r1), signing with SHA384withECDSA. */
    EC_P384("ec-p384", "EC", 384, "SHA384withECDSA"),
    /** EdDSA on Curve25519 (RFC 8410). */
    ED25519("ed25519", "Ed25519", 255, "Ed25519"),
    /** RSA with a 2048-bit modulus: leaf certificates only. */
    RSA_2048("rsa-2048", "RSA", 2048, "SHA256withRSA"),
    /** RSA with a 3072-bit modulus. */
    RSA_3072("rsa-3072", "RSA", 3072, "SHA256withRSA"),
    /** RSA with a 4096-bit modulus. */
    RSA_4096("rsa-4096", "RSA", 4096, "SHA256withRSA");

    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P384_ORDER = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16);

    private final String wireName;
    private final String jcaName;
    private final int bits;
    private final String signatureAlgorithm;

    KeyAlgorithm(String wireName, String jcaName, int bits, String signatureAlgorithm) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used in files and messages, e.g. {@code ec-p256}. */
    public String wireName() {
        return wireName;
    }

    /** The key size in bits (255 for Ed25519). */
    public int bits() {
        return bits;
    }

    /** The JCA signature algorithm a key of this type signs certificates and CRLs with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Whether this is an RSA key type (whose leaf certificates also get keyEncipherment). */
    public boolean isRsa() {
        return jcaName.equals("RSA");
    }

    /** Whether a CA may hold a key of this type (all but {@link #RSA_2048}). */
    public boolean allowedForCa() {
        return this != RSA_2048;
    }

    /** Generates a new key pair of this type. */
    public KeyPair generate(SecureRandom random) {
        try {
            if (this == EC_P256) {
                return Providers.generateEc("secp256r1", random);
            }
            if (this == EC_P384) {
                return Providers.generateEc("secp384r1", random);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            if (this == ED25519) {
                generator.initialize(NamedParameterSpec.ED25519, random);
            } else {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + wireName + " keys", e);
        }
    }

    /**
     * The key type of a public key; weak or unknown keys are refused with what to use instead.
     *
     * @throws ValidationException for RSA below 2048 bits, DSA, curves other than P-256/P-384, Ed448
     */
    public static KeyAlgorithm of(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            int size = ((RSAPublicKey) key).getModulus().bitLength();
            if (size < 2048) {
                throw new ValidationException("RSA key of " + size
                        + " bits is too weak; use at least 2048 bits (3072 recommended) or EC P-256");
            }
            return size >= 4096 ? RSA_4096 : size >= 3072 ? RSA_3072 : RSA_2048;
        }
        if (key instanceof ECPublicKey) {
            BigInteger order = ((ECPublicKey) key).getParams().getOrder();
            if (order.equals(P256_ORDER)) {
                return EC_P256;
            }
            if (order.equals(P384_ORDER)) {
                return EC_P384;
            }
            throw new ValidationException("EC key on an unsupported curve ("
                    + order.bitLength() + "-bit order); use NIST P-256 or P-384");
        }
        String algorithm = key.getAlgorithm();
        if (algorithm.equals("Ed25519") || algorithm.equals("EdDSA") && key.getEncoded().length == 44) {
            return ED25519;
        }
        if (algorithm.equals("DSA")) {
            throw new ValidationException("DSA keys are refused; use EC P-256 or Ed25519");
        }
        throw new ValidationException("unsupported key algorithm " + algorithm + "; use EC P-256, P-384, Ed25519 or RSA");
    }

    /** The key type with the given wire name. */
    public static KeyAlgorithm fromWireName(String wireName) {
        for (KeyAlgorithm a : values()) {
            if (a.wireName.equals(wireName)) {
                return a;
            }
        }
        throw new ValidationException("unknown key algorithm '" + wireName + "'; use one of ec-p256, ec-p384, ed25519, rsa-2048, rsa-3072, rsa-4096");
    }
}
