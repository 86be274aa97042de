package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Account keys ready to verify with, by the JWK text an account record stores: each distinct key is
 * parsed and made ready ({@link JwsVerifier#verifying}) once instead of on every request, so that
 * BouncyCastle also keeps its precomputed multiples of the key's point. The text is the whole key,
 * so an entry can never be stale: a key change stores another text, which is looked up afresh; the
 * account record itself is still read on every request. At most {@value #CAPACITY} keys are kept
 * (all are dropped when it is full). Not API.
 */
final class AccountKeys {

    static final int CAPACITY = 10_000;

    private final ConcurrentMap<String, JwsVerifier.VerifyingKey> keys = new ConcurrentHashMap<>();

    /** The stored key of this account, ready to verify with. */
    JwsVerifier.VerifyingKey of(AccountRecord account) {
        JwsVerifier.VerifyingKey known = keys.get(account.jwk());
        if (known != null) {
            return known;
        }
        JwsVerifier.VerifyingKey made;
        try {
            made = JwsVerifier.verifying(JWK.parse(account.jwk()));
        } catch (java.text.ParseException | JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("stored account key of " + account.id() + " cannot be read", e);
        }
        if (keys.size() >= CAPACITY) {
            keys.clear();
        }
        keys.put(account.jwk(), made);
        return made;
    }
}
