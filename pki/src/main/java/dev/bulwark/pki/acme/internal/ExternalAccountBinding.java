package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * External Account Binding (RFC 8555 §7.3.4): a JWS MACed (HS256/HS384/HS512) with a key the CA gave
 * out of band, over the new account's key, naming the newAccount URL and the MAC key's id. Not API.
 */
final class ExternalAccountBinding {

    private static final Set<String> FIELDS = Set.of("protected", "payload", "signature");
    private static final List<String> MACS = List.of("HS256", "HS384", "HS512");

    private ExternalAccountBinding() {
    }

    /** Verifies the binding and returns its key id. */
    static String verify(Map<String, Object> binding, AcmeContext context, JWK accountKey) {
        for (String field : binding.keySet()) {
            if (!FIELDS.contains(field)) {
                throw Problem.malformed("externalAccountBinding has a field " + Problem.excerpt(field));
            }
        }
        JWSObject jws;
        try {
            jws = new JWSObject(new Base64URL(Json.string(binding, "protected")), new Base64URL(Json.string(binding, "payload")),
                    new Base64URL(Json.string(binding, "signature")));
        } catch (java.text.ParseException | RuntimeException e) {
            throw Problem.malformed("externalAccountBinding is not a JWS");
        }
        String alg = jws.getHeader().getAlgorithm().getName();
        if (!MACS.contains(alg)) {
            throw Problem.badSignatureAlgorithm("externalAccountBinding must be MACed with HS256, HS384 or HS512, not "
                    + Problem.excerpt(alg), MACS);
        }
        if (jws.getHeader().getCustomParam("nonce") != null || jws.getHeader().getJWK() != null) {
            throw Problem.malformed("externalAccountBinding must have neither 'nonce' nor 'jwk'");
        }
        JwsVerifier.checkUrl(jws.getHeader(), context.url("/new-account"));
        String kid = jws.getHeader().getKeyID();
        if (kid == null || kid.length() > 128) {
            throw Problem.malformed("externalAccountBinding needs a 'kid' of at most 128 characters");
        }
        SecretKey macKey = context.externalAccountKeys().get(kid);
        if (macKey == null) {
            throw Problem.unauthorized("unknown external account key " + Problem.excerpt(kid));
        }
        boolean ok;
        try {
            ok = jws.verify(new MACVerifier(macKey.getEncoded()));
        } catch (JOSEException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw Problem.unauthorized("the externalAccountBinding MAC does not verify");
        }
        try {
            JWK bound = JWK.parse(jws.getPayload().toString());
            if (!JwsVerifier.thumbprint(bound).equals(JwsVerifier.thumbprint(accountKey))) {
                throw Problem.unauthorized("externalAccountBinding binds another key than the account's");
            }
        } catch (java.text.ParseException e) {
            throw Problem.malformed("the externalAccountBinding payload is not a JWK");
        }
        return kid;
    }
}
