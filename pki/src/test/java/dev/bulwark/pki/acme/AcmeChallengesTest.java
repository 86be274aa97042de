package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.Pem;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * dns-01 (through the embedder's resolver), tls-alpn-01 (a real TLS handshake with ALPN acme-tls/1)
 * and the safety of validation: only allowed addresses are contacted, redirects only as RFC 8555
 * allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeChallengesTest {

    @TempDir
    static Path dir;

    AcmeFixture fixture;
    TlsAlpnResponder alpn;
    AcmeTestClient client;

    @BeforeAll
    void start() throws Exception {
        fixture = new AcmeFixture(dir);
        alpn = new TlsAlpnResponder();
        fixture.start(b -> b.tlsAlpnPort(alpn.port()));
        client = fixture.client(AcmeTestClient.AccountKey.ec256());
        assertThat(client.newAccount().status()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        alpn.close();
        fixture.close();
    }

    /** Orders one name and returns its authorization URL and the challenge of this type. */
    @SuppressWarnings("unchecked")
    private Map.Entry<String, Map<String, Object>> authorization(String name, String type) {
        AcmeTestClient.Reply order = client.newOrder(name);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String authzUrl = ((List<String>) order.json().get("authorizations")).get(0);
        return Map.entry(authzUrl, client.challenge(client.postAsGet(authzUrl).json(), type));
    }

    private Map<String, Object> respond(Map.Entry<String, Map<String, Object>> authz) {
        client.post((String) authz.getValue().get("url"), Map.of());
        return client.pollUntilSettled(authz.getKey());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(AcmeTestClient client, Map<String, Object> authz, String type) {
        return (Map<String, Object>) client.challenge(authz, type).get("error");
    }

    @Test
    void dns01IsValidatedFromTheTxtRecordTheResolverReturns() throws Exception {
        var authz = authorization("txt.example.com", "dns-01");
        String keyAuthorization = client.keyAuthorization((String) authz.getValue().get("token"));
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII)));
        fixture.txt.put("_acme-challenge.txt.example.com", List.of("unrelated", digest));
        assertThat(respond(authz)).containsEntry("status", "valid");
    }

    @Test
    void dns01WithoutTheRightRecordIsInvalid() {
        var authz = authorization("notxt.example.com", "dns-01");
        fixture.txt.put("_acme-challenge.notxt.example.com", List.of("wrong"));
        Map<String, Object> result = respond(authz);
        assertThat(result).containsEntry("status", "invalid");
        assertThat(error(client, result, "dns-01")).containsEntry("type", "urn:ietf:params:acme:error:incorrectResponse");
    }

    @Test
    void tlsAlpn01IsValidatedOverARealHandshake() throws Exception {
        var authz = authorization("alpn.example.com", "tls-alpn-01");
        alpn.answer("alpn.example.com", client.keyAuthorization((String) authz.getValue().get("token")), true);
        assertThat(respond(authz)).containsEntry("status", "valid");
    }

    @Test
    void tlsAlpn01RefusesANonCriticalAcmeIdentifierAndAWrongDigest() throws Exception {
        var authz = authorization("alpn2.example.com", "tls-alpn-01");
        alpn.answer("alpn2.example.com", client.keyAuthorization((String) authz.getValue().get("token")), false);
        Map<String, Object> result = respond(authz);
        assertThat(result).containsEntry("status", "invalid");
        assertThat(error(client, result, "tls-alpn-01")).containsEntry("detail",
                "tls-alpn-01: the certificate has no critical acmeIdentifier extension");

        var other = authorization("alpn3.example.com", "tls-alpn-01");
        alpn.answer("alpn3.example.com", "some.other-key-authorization", true);
        Map<String, Object> wrong = respond(other);
        assertThat(error(client, wrong, "tls-alpn-01")).containsEntry("type", "urn:ietf:params:acme:error:incorrectResponse");
    }

    @Test
    void aNameResolvingOutsideTheValidationNetworksIsNeverContacted() throws Exception {
        fixture.addresses.put("far.example.com", List.of(InetAddress.getByName("192.0.2.10")));
        var authz = authorization("far.example.com", "http-01");
        fixture.responder.tokens.put((String) authz.getValue().get("token"), client.keyAuthorization((String) authz.getValue().get("token")));
        int before = fixture.responder.requests.get();
        Map<String, Object> result = respond(authz);
        assertThat(result).containsEntry("status", "invalid");
        assertThat(error(client, result, "http-01")).containsEntry("type", "urn:ietf:params:acme:error:rejectedIdentifier")
                .containsEntry("detail", "far.example.com resolves to [/192.0.2.10], none of which this server may contact to"
                        + " validate (validation networks: [127.0.0.0/8])");
        assertThat(fixture.responder.requests.get()).isEqualTo(before);
    }

    @Test
    void http01FollowsARedirectOnTheValidationPortButNotToAnotherPort() {
        var followed = authorization("moved.example.com", "http-01");
        String token = (String) followed.getValue().get("token");
        fixture.responder.redirects.put(token, "http://moved-to.example.com:" + fixture.responder.port() + "/.well-known/acme-challenge/final-" + token);
        fixture.responder.tokens.put("final-" + token, client.keyAuthorization(token));
        assertThat(respond(followed)).containsEntry("status", "valid");

        var refused = authorization("moved2.example.com", "http-01");
        String token2 = (String) refused.getValue().get("token");
        fixture.responder.redirects.put(token2, "http://moved2.example.com:1/" + token2);
        Map<String, Object> result = respond(refused);
        assertThat(result).containsEntry("status", "invalid");
        assertThat((String) error(client, result, "http-01").get("detail"))
                .isEqualTo("http-01: redirects are followed only to http (port 80 or " + fixture.responder.port()
                        + ") or https (port 443 or " + alpn.port() + "), not to 'http://moved2.example.com:1/" + token2 + "'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWildcardIsOfferedOnlyDns01AndIssuedWhereThePolicyAllowsWildcards() throws Exception {
        CaPolicy wildcards = CaPolicy.builder().allowDnsSuffix("example.com").wildcards(true).maxValidity(Duration.ofDays(90)).build();
        try (AcmeServer server = fixture.builder(fixture.store, wildcards).start()) {
            AcmeTestClient wild = new AcmeTestClient(server.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
            wild.newAccount();
            AcmeTestClient.Reply order = wild.newOrder("*.wild.example.com");
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            String authzUrl = ((List<String>) order.json().get("authorizations")).get(0);
            Map<String, Object> authz = wild.postAsGet(authzUrl).json();
            assertThat(authz).containsEntry("wildcard", true).containsEntry("identifier", Map.of("type", "dns", "value", "wild.example.com"));
            assertThat((List<Object>) authz.get("challenges")).hasSize(1);
            Map<String, Object> challenge = wild.challenge(authz, "dns-01");
            String keyAuthorization = wild.keyAuthorization((String) challenge.get("token"));
            fixture.txt.put("_acme-challenge.wild.example.com", List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII)))));
            wild.post((String) challenge.get("url"), Map.of());
            assertThat(wild.pollUntilSettled(authzUrl)).containsEntry("status", "valid");
            AcmeTestClient.Reply finalized = wild.finalizeOrder(order.json(), KeyAlgorithm.EC_P256.generate(new SecureRandom()),
                    List.of("*.wild.example.com"));
            assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
            X509Certificate cert = Pem.parseCertificates(wild.postAsGet((String) finalized.json().get("certificate")).body(), "c").get(0);
            assertThat(cert.getSubjectAlternativeNames().iterator().next().get(1)).isEqualTo("*.wild.example.com");
        }
    }

    @Test
    void anIpIdentifierIsOfferedHttp01AndValidatedAtThatAddress() {
        var authz = authorization("127.0.0.1", "http-01");
        @SuppressWarnings("unchecked")
        List<Object> challenges = (List<Object>) client.postAsGet(authz.getKey()).json().get("challenges");
        assertThat(challenges).hasSize(1);
        String token = (String) authz.getValue().get("token");
        fixture.responder.tokens.put(token, client.keyAuthorization(token));
        assertThat(respond(authz)).containsEntry("status", "valid");
    }
}
