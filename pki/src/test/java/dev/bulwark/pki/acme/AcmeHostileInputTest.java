package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import dev.bulwark.pki.KeyAlgorithm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile protocol input: each request gets the right problem document and leaves every file of the
 * store (ACME state, index, certificates) as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeHostileInputTest {

    @TempDir
    static Path dir;

    AcmeFixture fixture;
    AcmeTestClient alice;
    AcmeTestClient mallory;

    @BeforeAll
    void startServer() throws Exception {
        fixture = new AcmeFixture(dir);
        fixture.start();
    }

    /** Fresh accounts for each test, on the server the class shares. */
    @BeforeEach
    void setUp() {
        alice = fixture.client(AcmeTestClient.AccountKey.ec256());
        mallory = fixture.client(AcmeTestClient.AccountKey.ec256());
        assertThat(alice.newAccount().status()).isEqualTo(201);
        assertThat(mallory.newAccount().status()).isEqualTo(201);
    }

    @AfterAll
    void tearDown() {
        fixture.close();
    }

    /** Runs the request and checks the problem type, the status and that no stored file changed. */
    private AcmeTestClient.Reply refused(Supplier<AcmeTestClient.Reply> request, int status, String type) {
        Map<String, String> before = StoreSnapshot.of(fixture.store.directory());
        AcmeTestClient.Reply reply = request.get();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.problemType()).as(reply.toString()).isEqualTo("urn:ietf:params:acme:error:" + type);
        assertThat(reply.header("Replay-Nonce")).isNotNull();
        assertThat(StoreSnapshot.of(fixture.store.directory())).isEqualTo(before);
        return reply;
    }

    @Test
    void aReplayedNonceIsRefusedWithBadNonce() {
        String nonce = alice.nonce();
        String body = alice.jws(alice.url("newOrder"), Map.of("identifiers", List.of(Map.of("type", "dns", "value", "a.example.com"))),
                nonce, alice.accountUrl, h -> { });
        assertThat(alice.postBody(alice.url("newOrder"), body, "application/jose+json").status()).isEqualTo(201);
        AcmeTestClient.Reply replay = refused(() -> alice.postBody(alice.url("newOrder"), body, "application/jose+json"),
                400, "badNonce");
        assertThat(replay.json().get("detail")).isEqualTo(
                "the nonce was not issued by this server or was used already; use the one in this response");
    }

    @Test
    void aNonceThisServerNeverIssuedIsRefused() {
        refused(() -> alice.postBody(alice.url("newOrder"), alice.jws(alice.url("newOrder"), Map.of("identifiers", List.of()),
                "AAAAAAAAAAAAAAAAAAAAAA", alice.accountUrl, h -> { }), "application/jose+json"), 400, "badNonce");
        refused(() -> alice.postBody(alice.url("newOrder"), alice.jws(alice.url("newOrder"), Map.of("identifiers", List.of()),
                null, alice.accountUrl, h -> { }), "application/jose+json"), 400, "badNonce");
    }

    @Test
    void aUrlHeaderForAnotherResourceIsRefused() {
        String signedFor = alice.url("newAccount");
        AcmeTestClient.Reply reply = refused(() -> alice.postBody(alice.url("newOrder"),
                alice.jws(signedFor, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "a.example.com"))),
                        alice.nonce(), alice.accountUrl, h -> { }), "application/jose+json"), 403, "unauthorized");
        assertThat((String) reply.json().get("detail")).startsWith("the JWS header's 'url' '" + signedFor);
    }

    @Test
    void aKidOfAnotherAccountDoesNotVerifyWithTheSignersKey() {
        // mallory signs with her key but names alice's account
        refused(() -> mallory.postBody(mallory.url("newOrder"),
                mallory.jws(mallory.url("newOrder"), Map.of("identifiers", List.of(Map.of("type", "dns", "value", "a.example.com"))),
                        mallory.nonce(), alice.accountUrl, h -> { }), "application/jose+json"), 400, "malformed");
    }

    @Test
    void anotherAccountsOrderAuthorizationAndCertificateAreNotServed() {
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, alice, "shop.example.com");
        @SuppressWarnings("unchecked")
        String authzUrl = ((List<String>) order.get("authorizations")).get(0);
        refused(() -> mallory.postAsGet((String) order.get("url")), 403, "unauthorized");
        refused(() -> mallory.postAsGet(authzUrl), 403, "unauthorized");
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        refused(() -> mallory.finalizeOrder(order, key, List.of("shop.example.com")), 403, "unauthorized");
    }

    @Test
    void aCsrNamingSomethingNotInTheOrderIsRefused() {
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, alice, "shop.example.com");
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        AcmeTestClient.Reply reply = refused(() -> alice.finalizeOrder(order, key, List.of("shop.example.com", "admin.example.com")),
                400, "badCSR");
        assertThat(reply.json().get("detail")).isEqualTo(
                "the CSR must name exactly the order's identifiers; not in the order: 'admin.example.com'");
        refused(() -> alice.finalizeOrder(order, key, List.of("other.example.com")), 400, "badCSR");
    }

    @Test
    void anOrderForANameOutsideThePolicyIsRefusedBeforeAnythingIsStoredOrContacted() {
        int contacts = fixture.responder.requests.get();
        AcmeTestClient.Reply reply = refused(() -> alice.newOrder("www.example.com", "evil.org"), 400, "rejectedIdentifier");
        assertThat((String) reply.json().get("detail")).isEqualTo("the CA's policy refuses evil.org");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> subproblems = (List<Map<String, Object>>) reply.json().get("subproblems");
        assertThat(subproblems).hasSize(1);
        assertThat(subproblems.get(0).get("identifier")).isEqualTo(Map.of("type", "dns", "value", "evil.org"));
        refused(() -> alice.newOrder("10.1.2.3"), 400, "rejectedIdentifier");
        refused(() -> alice.newOrder("*.example.com"), 400, "rejectedIdentifier");
        assertThat(fixture.responder.requests.get()).isEqualTo(contacts);
    }

    @Test
    void aWrongKeyAuthorizationInvalidatesTheChallengeAndTheOrder() {
        AcmeTestClient.Reply created = alice.newOrder("wrong.example.com");
        @SuppressWarnings("unchecked")
        String authzUrl = ((List<String>) created.json().get("authorizations")).get(0);
        Map<String, Object> challenge = alice.challenge(alice.postAsGet(authzUrl).json(), "http-01");
        String token = (String) challenge.get("token");
        fixture.responder.tokens.put(token, token + "." + mallory.key.thumbprint());
        alice.post((String) challenge.get("url"), Map.of());
        Map<String, Object> authz = alice.pollUntilSettled(authzUrl);
        assertThat(authz.get("status")).isEqualTo("invalid");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) alice.challenge(authz, "http-01").get("error");
        assertThat(error).containsEntry("type", "urn:ietf:params:acme:error:incorrectResponse");
        assertThat(alice.postAsGet(created.header("Location")).json()).containsEntry("status", "invalid");
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        Map<String, Object> order = created.json();
        refused(() -> alice.finalizeOrder(order, key, List.of("wrong.example.com")), 403, "orderNotReady");
    }

    @Test
    void malformedJwsAndBodiesGetMalformed() {
        String url = alice.url("newOrder");
        refused(() -> alice.postBody(url, "not json", "application/jose+json"), 400, "malformed");
        refused(() -> alice.postBody(url, "{\"protected\":\"e30\",\"payload\":\"\",\"signature\":\"\"}", "application/jose+json"),
                400, "malformed");
        refused(() -> alice.postBody(url, "[]", "application/jose+json"), 400, "malformed");
        // a valid JWS with an unprotected header field
        String body = alice.jws(url, Map.of("identifiers", List.of()), alice.nonce(), alice.accountUrl, h -> { });
        refused(() -> alice.postBody(url, body.replaceFirst("\\{", "{\"header\":{\"kid\":\"x\"},"), "application/jose+json"),
                400, "malformed");
        // a tampered signature
        JWSObject jws = AcmeTestClient.sign(url, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "a.example.com"))),
                alice.nonce(), alice.accountUrl, h -> { }, alice.key);
        Map<String, Object> flat = AcmeTestClient.flattened(jws);
        flat.put("payload", com.nimbusds.jose.util.Base64URL.encode("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"b.example.com\"}]}").toString());
        refused(() -> alice.postBody(url, com.nimbusds.jose.util.JSONObjectUtils.toJSONString(flat), "application/jose+json"),
                400, "malformed");
        refused(() -> alice.postBody(url, body, "application/json"), 415, "malformed");
    }

    @Test
    void anOversizedJwsIsRefusedWithoutBeingParsed() {
        String url = alice.url("newOrder");
        String huge = "{\"protected\":\"" + "A".repeat(70_000) + "\",\"payload\":\"\",\"signature\":\"\"}";
        AcmeTestClient.Reply reply = refused(() -> alice.postBody(url, huge, "application/jose+json"), 413, "malformed");
        assertThat(reply.json().get("detail")).isEqualTo("the request body is larger than 65536 bytes");
    }

    @Test
    void unacceptedAlgorithmsAndJwkWhereKidBelongsAreRefused() {
        String url = alice.url("newOrder");
        // HS256 with a made-up header: badSignatureAlgorithm, listing what is accepted
        String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"HS256\",\"nonce\":\"" + alice.nonce()
                + "\",\"url\":\"" + url + "\",\"kid\":\"" + alice.accountUrl + "\"}").toString();
        AcmeTestClient.Reply reply = refused(() -> alice.postBody(url, "{\"protected\":\"" + header + "\",\"payload\":\"\",\"signature\":\"AAAA\"}",
                "application/jose+json"), 400, "badSignatureAlgorithm");
        assertThat(reply.json().get("algorithms")).isEqualTo(List.of("ES256", "ES384", "RS256", "EdDSA"));
        // newOrder signed with jwk instead of kid
        refused(() -> alice.postBody(url, alice.jws(url, Map.of("identifiers", List.of()), alice.nonce(), null, h -> { }),
                "application/jose+json"), 400, "malformed");
    }

    @Test
    void aKidThatIsNotAnAccountGetsAccountDoesNotExist() {
        String url = alice.url("newOrder");
        refused(() -> alice.postBody(url, alice.jws(url, Map.of("identifiers", List.of()), alice.nonce(),
                alice.accountUrl + "x", h -> { }), "application/jose+json"), 400, "accountDoesNotExist");
        refused(() -> alice.postBody(url, alice.jws(url, Map.of("identifiers", List.of()), alice.nonce(),
                "https://elsewhere.example/acct/1", h -> { }), "application/jose+json"), 400, "accountDoesNotExist");
    }
}
