package dev.bulwark.pki.internal;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks on keys. Not API. */
public final class KeyChecks {

    private static final byte[] CHALLENGE = "bulwark key match check".getBytes(StandardCharsets.US_ASCII);

    private KeyChecks() {
    }

    /**
     * Whether two public keys are the same key: EC by curve and point, RSA by modulus and exponent
     * (whatever their encodings), others by their encoding.
     */
    public static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof java.security.interfaces.ECPublicKey && b instanceof java.security.interfaces.ECPublicKey) {
            var x = (java.security.interfaces.ECPublicKey) a;
            var y = (java.security.interfaces.ECPublicKey) b;
            return x.getW().equals(y.getW()) && x.getParams().getCurve().equals(y.getParams().getCurve())
                    && x.getParams().getOrder().equals(y.getParams().getOrder());
        }
        if (a instanceof java.security.interfaces.RSAPublicKey && b instanceof java.security.interfaces.RSAPublicKey) {
            var x = (java.security.interfaces.RSAPublicKey) a;
            var y = (java.security.interfaces.RSAPublicKey) b;
            return x.getModulus().equals(y.getModulus()) && x.getPublicExponent().equals(y.getPublicExponent());
        }
        return java.security.MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
    }

    /** Throws unless the private key belongs to the public key (by signing and verifying). */
    public static void requireMatch(PrivateKey privateKey, PublicKey publicKey) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(publicKey);
        try {
            Signature signer = Signature.getInstance(algorithm.signatureAlgorithm());
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ValidationException("the private key does not belong to the certificate's public key ("
                    + algorithm.wireName() + ")", e);
        }
        throw new ValidationException("the private key does not belong to the certificate's public key ("
                + algorithm.wireName() + ")");
    }
}
