package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.internal.Providers;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and verifies the flattened JWS JSON of an ACME request with Nimbus JOSE+JWT (RFC 8555
 * §6.2): only ES256, ES384, RS256 and EdDSA (Ed25519, verified with the JDK's EdDSA, so Nimbus needs
 * no Tink); exactly one of {@code jwk} and {@code kid}; {@code url} equal to the request's URL;
 * no unprotected header; a private {@code jwk} is refused. Nonces and accounts are the caller's
 * (see {@link AcmeProtocol}). Not API.
 */
public final class JwsVerifier {

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;

    static final List<String> ALGORITHMS = List.of("ES256", "ES384", "RS256", "EdDSA");
    private static final Set<String> FIELDS = Set.of("protected", "payload", "signature");
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private JwsVerifier() {
    }

    /** Parses the flattened JWS; the signature is not checked yet. */
    public static JWSObject parse(String body) {
        Map<String, Object> json = Json.parse(body, "request body", MAX_BODY);
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw Problem.malformed("the JWS has a field " + Problem.excerpt(field)
                        + "; an ACME request is a flattened JWS with only 'protected', 'payload' and 'signature'");
            }
        }
        String protectedPart = Json.string(json, "protected");
        String payload = Json.string(json, "payload");
        String signature = Json.string(json, "signature");
        JWSObject jws;
        try {
            jws = new JWSObject(new Base64URL(protectedPart), new Base64URL(payload), new Base64URL(signature));
        } catch (java.text.ParseException | RuntimeException e) {
            throw Problem.malformed("the JWS protected header cannot be read");
        }
        JWSHeader header = jws.getHeader();
        String alg = header.getAlgorithm().getName();
        if (!ALGORITHMS.contains(alg)) {
            throw Problem.badSignatureAlgorithm("signature algorithm " + Problem.excerpt(alg) + " is not accepted",
                    ALGORITHMS);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw Problem.malformed("the JWS header marks parameters critical that this server does not process");
        }
        if ((header.getJWK() == null) == (header.getKeyID() == null)) {
            throw Problem.malformed("the JWS header must have exactly one of 'jwk' and 'kid'");
        }
        if (header.getJWK() != null && header.getJWK().isPrivate()) {
            throw Problem.malformed("the JWS header's 'jwk' holds a private key; send the public key only");
        }
        return jws;
    }

    /** The header's {@code url}, which must equal the URL the request was sent to. */
    public static void checkUrl(JWSHeader header, String requestUrl) {
        Object url = header.getCustomParam("url");
        if (!(url instanceof String)) {
            throw Problem.unauthorized("the JWS header has no 'url'");
        }
        if (!url.equals(requestUrl)) {
            throw Problem.unauthorized("the JWS header's 'url' " + Problem.excerpt((String) url)
                    + " is not the URL this request was sent to");
        }
    }

    /** Checks the signature with this key, after checking the key suits the algorithm. */
    public static void verify(JWSObject jws, JWK key) {
        VerifyingKey verifying;
        try {
            verifying = verifying(key);
        } catch (Problem p) {
            throw p;
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            throw Problem.malformed("the JWS signature does not verify");
        }
        verify(jws, verifying);
    }

    /** Checks the signature with a key made ready by {@link #verifying(JWK)}, after checking the key suits the algorithm. */
    public static void verify(JWSObject jws, VerifyingKey key) {
        String alg = jws.getHeader().getAlgorithm().getName();
        JWK jwk = key.jwk();
        if (jwk instanceof ECKey) {
            Curve curve = ((ECKey) jwk).getCurve();
            if (!(alg.equals("ES256") && Curve.P_256.equals(curve) || alg.equals("ES384") && Curve.P_384.equals(curve))) {
                throw Problem.badSignatureAlgorithm("algorithm " + alg + " does not match the key's curve " + curve, ALGORITHMS);
            }
        } else if (jwk instanceof RSAKey) {
            if (!alg.equals("RS256")) {
                throw Problem.badSignatureAlgorithm("algorithm " + alg + " does not suit an RSA key", ALGORITHMS);
            }
        } else if (!alg.equals(JWSAlgorithm.EdDSA.getName())) {
            throw Problem.badSignatureAlgorithm("algorithm " + alg + " does not suit an Ed25519 key", ALGORITHMS);
        }
        boolean ok;
        try {
            if (key.verifier() != null) {
                ok = jws.verify(key.verifier());
            } else {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key.ed25519());
                verifier.update(jws.getSigningInput());
                ok = verifier.verify(jws.getSignature().decode());
            }
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw Problem.malformed("the JWS signature does not verify");
        }
    }

    /**
     * The key made ready to verify signatures: an EC key as a BouncyCastle key with its verifier, an
     * RSA key's verifier, an Ed25519 key as a JDK key; key types not accepted are {@code badPublicKey}.
     * Making one costs more than a verification, so {@link AccountKeys} keeps them.
     */
    public static VerifyingKey verifying(JWK key) throws JOSEException, GeneralSecurityException {
        if (key instanceof ECKey) {
            ECDSAVerifier verifier = new ECDSAVerifier(bcKey(((ECKey) key).toECPublicKey()));
            verifier.getJCAContext().setProvider(Providers.BC);
            return new VerifyingKey(key, verifier, null);
        }
        if (key instanceof RSAKey) {
            return new VerifyingKey(key, new RSASSAVerifier((RSAKey) key), null);
        }
        if (key instanceof OctetKeyPair && Curve.Ed25519.equals(((OctetKeyPair) key).getCurve())) {
            return new VerifyingKey(key, null, publicKey(key));
        }
        throw Problem.of("badPublicKey", 400, "key type " + key.getKeyType() + " is not accepted; use EC P-256,"
                + " P-384, RSA (2048 bits or more) or Ed25519");
    }

    /**
     * A key ready to verify with: its JWK and either a Nimbus verifier (EC, RSA) or an Ed25519 JDK
     * key. Verifiers hold no per-call state, so one serves concurrent requests.
     */
    public record VerifyingKey(JWK jwk, JWSVerifier verifier, PublicKey ed25519) {
    }

    /**
     * The key as a BouncyCastle key, so that ECDSA verification uses BouncyCastle's named-curve
     * arithmetic (SunEC's P-256 is several times slower on JDK 17; see {@link Providers}).
     */
    private static java.security.interfaces.ECPublicKey bcKey(java.security.interfaces.ECPublicKey key)
            throws GeneralSecurityException {
        return (java.security.interfaces.ECPublicKey) KeyFactory.getInstance("EC", Providers.BC)
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    /** The JDK public key of an account key; keys {@link KeyAlgorithm#of} refuses are {@code badPublicKey}. */
    public static PublicKey publicKey(JWK jwk) {
        PublicKey key;
        try {
            if (jwk instanceof ECKey) {
                key = ((ECKey) jwk).toECPublicKey();
            } else if (jwk instanceof RSAKey) {
                key = ((RSAKey) jwk).toRSAPublicKey();
            } else if (jwk instanceof OctetKeyPair && Curve.Ed25519.equals(((OctetKeyPair) jwk).getCurve())) {
                byte[] x = ((OctetKeyPair) jwk).getX().decode();
                if (x.length != 32) {
                    throw Problem.of("badPublicKey", 400, "an Ed25519 key has 32 bytes, not " + x.length);
                }
                byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
                System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } else {
                throw Problem.of("badPublicKey", 400, "key type " + jwk.getKeyType() + " is not accepted; use EC P-256,"
                        + " P-384, RSA (2048 bits or more) or Ed25519");
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw Problem.of("badPublicKey", 400, "the key cannot be read");
        }
        try {
            KeyAlgorithm.of(key);
        } catch (ValidationException e) {
            throw Problem.of("badPublicKey", 400, e.getMessage());
        }
        return key;
    }

    /** The RFC 7638 SHA-256 thumbprint, base64url. */
    public static String thumbprint(JWK jwk) {
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
