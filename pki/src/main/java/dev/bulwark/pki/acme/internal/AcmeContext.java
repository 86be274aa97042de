package dev.bulwark.pki.acme.internal;

import dev.bulwark.pki.CertificateAuthority;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import javax.crypto.SecretKey;

/**
 * What the ACME handlers share: the CA (with the embedder's policy), the durable state, nonces,
 * the validator and its threads, the URLs and the settings. Not API.
 *
 * @param baseUrl        {@code https://host:port/acme}, no trailing slash
 * @param challengeTypes the challenge types offered for DNS names
 */
public record AcmeContext(CertificateAuthority ca, AcmeStore store, Nonces nonces, Validator validator,
                          ExecutorService validations, RateLimiter rateLimiter, String baseUrl, Clock clock,
                          Duration certificateValidity, Duration orderLifetime, Set<String> challengeTypes,
                          Map<String, SecretKey> externalAccountKeys) {

    public AcmeContext {
        challengeTypes = Set.copyOf(challengeTypes);
        externalAccountKeys = Map.copyOf(externalAccountKeys);
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public String accountUrl(String accountId) {
        return baseUrl + "/acct/" + accountId;
    }

    public String orderUrl(OrderRecord order) {
        return baseUrl + "/order/" + order.accountId() + "/" + order.id();
    }

    public String authzUrl(String accountId, String authzId) {
        return baseUrl + "/authz/" + accountId + "/" + authzId;
    }

    public String challengeUrl(AuthzRecord authz, String type) {
        return baseUrl + "/chall/" + authz.accountId() + "/" + authz.id() + "/" + type;
    }
}
