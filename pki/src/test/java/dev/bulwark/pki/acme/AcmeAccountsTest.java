package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Accounts: lookup by key, update, deactivation, key change, and External Account Binding on a closed server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeAccountsTest {

    static final byte[] EAB_SECRET = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    AcmeFixture fixture;
    AcmeServer closed;

    @BeforeAll
    void start() throws Exception {
        fixture = new AcmeFixture(dir);
        fixture.start();
        closed = fixture.builder().externalAccountKey("kid-1", new SecretKeySpec(EAB_SECRET, "HmacSHA256"))
                .externalAccountKey("kid-2", new SecretKeySpec(EAB_SECRET, "HmacSHA256")).start();
    }

    @AfterAll
    void stop() {
        closed.close();
        fixture.close();
    }

    @Test
    void theSameKeyFindsTheSameAccountAndOnlyReturnExistingCreatesNothing() {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("onlyReturnExisting", true);
        AcmeTestClient.Reply missing = client.newAccount(lookup);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemType()).isEqualTo("urn:ietf:params:acme:error:accountDoesNotExist");
        AcmeTestClient.Reply created = client.newAccount();
        assertThat(created.status()).isEqualTo(201);
        String url = client.accountUrl;
        assertThat(client.newAccount().status()).isEqualTo(200);
        assertThat(client.accountUrl).isEqualTo(url);
        AcmeTestClient.Reply found = client.newAccount(lookup);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("Location")).isEqualTo(url);
        assertThat(found.json()).containsEntry("status", "valid").containsEntry("orders", url + "/orders");
    }

    @Test
    void contactsAreUpdatedAndAnAccountCanBeDeactivatedForGood() {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        client.newAccount();
        AcmeTestClient.Reply updated = client.post(client.accountUrl, Map.of("contact", List.of("mailto:new@example.com")));
        assertThat(updated.json()).containsEntry("contact", List.of("mailto:new@example.com"));
        AcmeTestClient.Reply bad = client.post(client.accountUrl, Map.of("contact", List.of("mailto:a@example.com\nBcc: x@evil.org")));
        assertThat(bad.problemType()).isEqualTo("urn:ietf:params:acme:error:invalidContact");
        assertThat(client.postAsGet(client.accountUrl).json()).containsEntry("contact", List.of("mailto:new@example.com"));

        assertThat(client.post(client.accountUrl, Map.of("status", "deactivated")).json()).containsEntry("status", "deactivated");
        AcmeTestClient.Reply after = client.newOrder("x.example.com");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.problemType()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat((String) after.json().get("detail")).isEqualTo("the account is deactivated");
    }

    @Test
    void anAccountCannotUpdateAnother() {
        AcmeTestClient alice = fixture.client(AcmeTestClient.AccountKey.ec256());
        AcmeTestClient mallory = fixture.client(AcmeTestClient.AccountKey.ec256());
        alice.newAccount();
        mallory.newAccount();
        AcmeTestClient.Reply reply = mallory.post(alice.accountUrl, Map.of("status", "deactivated"));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(alice.postAsGet(alice.accountUrl).json()).containsEntry("status", "valid");
    }

    @Test
    void keyChangeMovesTheAccountToTheNewKeyAndRetiresTheOld() {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        client.newAccount();
        AcmeTestClient.AccountKey oldKey = client.key;
        AcmeTestClient.AccountKey newKey = AcmeTestClient.AccountKey.ed25519();
        String url = client.url("keyChange");
        JWSObject inner = AcmeTestClient.sign(url, Map.of("account", client.accountUrl, "oldKey", oldKey.jwk().toJSONObject()),
                null, null, h -> { }, newKey);
        AcmeTestClient.Reply changed = client.post(url, AcmeTestClient.flattened(inner));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        client.key = newKey;
        assertThat(client.postAsGet(client.accountUrl).status()).isEqualTo(200);
        AcmeTestClient old = fixture.client(oldKey);
        Map<String, Object> lookup = Map.of("onlyReturnExisting", true);
        assertThat(old.newAccount(new LinkedHashMap<>(lookup)).problemType()).isEqualTo("urn:ietf:params:acme:error:accountDoesNotExist");
        AcmeTestClient byNewKey = fixture.client(newKey);
        assertThat(byNewKey.newAccount(new LinkedHashMap<>(lookup)).header("Location")).isEqualTo(client.accountUrl);
    }

    @Test
    void keyChangeToAKeyAnotherAccountHoldsIsAConflict() {
        AcmeTestClient alice = fixture.client(AcmeTestClient.AccountKey.ec256());
        AcmeTestClient bob = fixture.client(AcmeTestClient.AccountKey.ec256());
        alice.newAccount();
        bob.newAccount();
        String url = alice.url("keyChange");
        JWSObject inner = AcmeTestClient.sign(url, Map.of("account", alice.accountUrl, "oldKey", alice.key.jwk().toJSONObject()),
                null, null, h -> { }, bob.key);
        AcmeTestClient.Reply reply = alice.post(url, AcmeTestClient.flattened(inner));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.header("Location")).isEqualTo(bob.accountUrl);
    }

    @Test
    void aClosedServerWantsABindingAndEachKeyBindsOneAccount() throws Exception {
        AcmeTestClient client = new AcmeTestClient(closed.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
        assertThat(client.directory().get("meta")).isEqualTo(Map.of("externalAccountRequired", true));
        AcmeTestClient.Reply without = client.newAccount();
        assertThat(without.problemType()).isEqualTo("urn:ietf:params:acme:error:externalAccountRequired");

        AcmeTestClient.Reply wrongMac = client.newAccount(withBinding(client, "kid-1", "wrong secret wrong secret wrong!!".getBytes()));
        assertThat(wrongMac.status()).isEqualTo(403);
        assertThat(wrongMac.problemType()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        AcmeTestClient.Reply unknown = client.newAccount(withBinding(client, "kid-9", EAB_SECRET));
        assertThat(unknown.problemType()).isEqualTo("urn:ietf:params:acme:error:unauthorized");

        AcmeTestClient.Reply bound = client.newAccount(withBinding(client, "kid-1", EAB_SECRET));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        assertThat(bound.json()).containsEntry("externalAccountBinding", Map.of("kid", "kid-1"));

        AcmeTestClient other = new AcmeTestClient(closed.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
        AcmeTestClient.Reply reused = other.newAccount(withBinding(other, "kid-1", EAB_SECRET));
        assertThat(reused.status()).isEqualTo(403);
        assertThat((String) reused.json().get("detail")).isEqualTo("the external account key 'kid-1' is bound to another account already");
    }

    /** A newAccount payload with an External Account Binding over the client's key. */
    private static Map<String, Object> withBinding(AcmeTestClient client, String kid, byte[] secret) throws Exception {
        JWSObject binding = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid)
                .customParam("url", client.url("newAccount")).build(), new Payload(client.key.jwk().toJSONObject()));
        binding.sign(new MACSigner(secret));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("termsOfServiceAgreed", true);
        payload.put("externalAccountBinding", AcmeTestClient.flattened(binding));
        return payload;
    }
}
