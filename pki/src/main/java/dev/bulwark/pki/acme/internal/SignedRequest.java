package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;

import java.util.Map;
import java.util.Optional;

/**
 * A verified JWS request (RFC 8555 §6.2): its protected header, the key that signed it (the
 * {@code jwk} it carried, or the key of the {@code kid} account), the account when it was signed
 * with {@code kid}, and the payload ({@code ""} for POST-as-GET). Not API.
 */
public record SignedRequest(JWSHeader header, JWK key, Optional<AccountRecord> account, String payload) {

    /** Whether this is a POST-as-GET (an empty payload). */
    public boolean isPostAsGet() {
        return payload.isEmpty();
    }

    /** The payload as a JSON object; {@code malformed} when it is not one. */
    public Map<String, Object> json() {
        if (payload.isEmpty()) {
            throw Problem.malformed("this resource needs a JSON object payload, not POST-as-GET");
        }
        return Json.parse(payload, "payload", JwsVerifier.MAX_BODY);
    }

    /** The account of a {@code kid} request. */
    public AccountRecord requireAccount() {
        return account.orElseThrow(() -> Problem.malformed("this resource needs a request signed with 'kid', not 'jwk'"));
    }
}
