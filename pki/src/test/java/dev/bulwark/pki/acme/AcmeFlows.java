package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.pki.KeyAlgorithm;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/** Whole flows the tests repeat. */
final class AcmeFlows {

    private AcmeFlows() {
    }

    /** Creates the account when needed, orders the names, answers http-01 for each, and returns the ready order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readyOrder(AcmeFixture fixture, AcmeTestClient client, String... names) {
        if (client.accountUrl == null) {
            assertThat(client.newAccount().status()).isIn(200, 201);
        }
        AcmeTestClient.Reply created = client.newOrder(names);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> order = created.json();
        for (String authzUrl : (List<String>) order.get("authorizations")) {
            Map<String, Object> challenge = client.challenge(client.postAsGet(authzUrl).json(), "http-01");
            String token = (String) challenge.get("token");
            fixture.responder.tokens.put(token, client.keyAuthorization(token));
            client.post((String) challenge.get("url"), Map.of());
            assertThat(client.pollUntilSettled(authzUrl)).containsEntry("status", "valid");
        }
        order.put("url", created.header("Location"));
        return order;
    }

    /** The whole flow; returns the certificate download. */
    static AcmeTestClient.Reply certificate(AcmeFixture fixture, AcmeTestClient client, String... names) {
        Map<String, Object> order = readyOrder(fixture, client, names);
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        AcmeTestClient.Reply finalized = client.finalizeOrder(order, key, List.of(names));
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        AcmeTestClient.Reply download = client.postAsGet((String) finalized.json().get("certificate"));
        assertThat(download.status()).isEqualTo(200);
        return download;
    }
}
