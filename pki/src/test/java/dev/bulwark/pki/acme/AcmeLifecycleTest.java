package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.JWSAlgorithm;
import dev.bulwark.pki.CaSettings;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.OcspResponder;
import dev.bulwark.pki.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Revocation (feeding the CRL and OCSP), renewal information, short-lived certificates, expiry and rate limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeLifecycleTest {

    @TempDir
    static Path dir;

    AcmeFixture fixture;
    final MutableClock clock = new MutableClock(Instant.now());
    AcmeServer shortLived;
    AcmeServer limited;

    @BeforeAll
    void start() throws Exception {
        fixture = new AcmeFixture(dir);
        CaStore clocked = CaStore.open(fixture.store.directory(), AcmeFixture.PASSPHRASE.clone(), CaSettings.defaults().withClock(clock));
        fixture.server = fixture.builder(clocked).orderLifetime(Duration.ofDays(7)).start();
        shortLived = fixture.builder().certificateValidity(Duration.ofDays(6)).start();
        limited = fixture.builder().ordersPerAccount(2, Duration.ofHours(1)).start();
    }

    @AfterAll
    void stop() {
        limited.close();
        shortLived.close();
        fixture.close();
    }

    private X509Certificate issue(AcmeTestClient client, KeyPair key, String name) {
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, client, name);
        AcmeTestClient.Reply finalized = client.finalizeOrder(order, key, List.of(name));
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        return Pem.parseCertificates(client.postAsGet((String) finalized.json().get("certificate")).body(), "chain").get(0);
    }

    private static String certificate(X509Certificate cert) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cert.getEncoded());
    }

    @Test
    void theAccountRevokesItsCertificateAndTheCrlAndOcspSayRevoked() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        X509Certificate cert = issue(client, KeyAlgorithm.EC_P256.generate(new SecureRandom()), "gone.example.com");
        AcmeTestClient mallory = fixture.client(AcmeTestClient.AccountKey.ec256());
        mallory.newAccount();
        AcmeTestClient.Reply foreign = mallory.post(mallory.url("revokeCert"), Map.of("certificate", certificate(cert)));
        assertThat(foreign.status()).isEqualTo(403);

        AcmeTestClient.Reply revoked = client.post(client.url("revokeCert"), Map.of("certificate", certificate(cert), "reason", 4));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        AcmeTestClient.Reply again = client.post(client.url("revokeCert"), Map.of("certificate", certificate(cert)));
        assertThat(again.problemType()).isEqualTo("urn:ietf:params:acme:error:alreadyRevoked");

        X509CRL crl = fixture.store.authority().crl();
        assertThat(crl.getRevokedCertificate(cert.getSerialNumber())).isNotNull();
        assertThat(ocspSaysRevoked(cert)).isTrue();
    }

    @Test
    void theCertificatesOwnKeyRevokesItWithoutTheAccount() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        KeyPair certKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X509Certificate cert = issue(client, certKey, "leaked.example.com");
        AcmeTestClient.AccountKey asJwk = new AcmeTestClient.AccountKey(certKey,
                new ECKey.Builder(Curve.P_256, (ECPublicKey) certKey.getPublic()).build(), JWSAlgorithm.ES256);
        AcmeTestClient byKey = fixture.client(asJwk);
        AcmeTestClient.Reply reply = byKey.post(byKey.url("revokeCert"), Map.of("certificate", certificate(cert), "reason", 1));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(fixture.store.authority().crl().getRevokedCertificate(cert.getSerialNumber()).getRevocationReason())
                .hasToString("KEY_COMPROMISE");
        assertThat(ocspSaysRevoked(cert)).isTrue();
        // the compromised key is never certified again, through ACME as through every other path
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, client, "leaked.example.com");
        AcmeTestClient.Reply refused = client.finalizeOrder(order, certKey, List.of("leaked.example.com"));
        assertThat(refused.problemType()).isEqualTo("urn:ietf:params:acme:error:badCSR");
        assertThat((String) refused.json().get("detail")).contains("was revoked for keyCompromise");
    }

    @Test
    void anotherAccountRevokesOnlyWithValidAuthorizationsForEveryNameInTheCertificate() throws Exception {
        AcmeTestClient owner = fixture.client(AcmeTestClient.AccountKey.ec256());
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, owner, "third-a.example.com", "third-b.example.com");
        AcmeTestClient.Reply finalized = owner.finalizeOrder(order, KeyAlgorithm.EC_P256.generate(new SecureRandom()),
                List.of("third-a.example.com", "third-b.example.com"));
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        X509Certificate cert = Pem.parseCertificates(owner.postAsGet((String) finalized.json().get("certificate")).body(), "c").get(0);

        AcmeTestClient other = fixture.client(AcmeTestClient.AccountKey.ec256());
        AcmeFlows.readyOrder(fixture, other, "third-a.example.com");   // a valid authorization for one of the two names
        AcmeTestClient.Reply partial = other.post(other.url("revokeCert"), Map.of("certificate", certificate(cert)));
        assertThat(partial.status()).isEqualTo(403);
        assertThat(partial.problemType()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat(partial.json()).containsEntry("detail", "the certificate was not issued to this account, and the account"
                + " holds no valid authorization for 'third-b.example.com'");
        assertThat(fixture.store.authority().crl().getRevokedCertificate(cert.getSerialNumber())).isNull();

        AcmeFlows.readyOrder(fixture, other, "third-b.example.com");
        clock.advance(Duration.ofDays(7).plusSeconds(1));   // the authorizations have expired
        try {
            AcmeTestClient.Reply expired = other.post(other.url("revokeCert"), Map.of("certificate", certificate(cert)));
            assertThat(expired.status()).isEqualTo(403);
            assertThat(expired.json()).containsEntry("detail", "the certificate was not issued to this account, and the account"
                    + " holds no valid authorization for 'third-a.example.com, third-b.example.com'");
        } finally {
            clock.advance(Duration.ofDays(-7).minusSeconds(1));
        }
        AcmeTestClient.Reply revoked = other.post(other.url("revokeCert"), Map.of("certificate", certificate(cert), "reason", 4));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(fixture.store.authority().crl().getRevokedCertificate(cert.getSerialNumber()).getRevocationReason())
                .hasToString("SUPERSEDED");
        assertThat(ocspSaysRevoked(cert)).isTrue();
    }

    private boolean ocspSaysRevoked(X509Certificate cert) throws Exception {
        X509Certificate issuer = fixture.store.authority().certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        byte[] answer = OcspResponder.of(fixture.store.authority()).respond(new OCSPReqBuilder().addRequest(id).build().getEncoded());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(answer).getResponseObject();
        return basic.getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }

    @Test
    void renewalInfoSuggestsTheLastThirdOfAShortLivedCertificateAndNowOnceRevoked() throws Exception {
        AcmeTestClient client = new AcmeTestClient(shortLived.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, client, "short.example.com");
        AcmeTestClient.Reply finalized = client.finalizeOrder(order, KeyAlgorithm.EC_P256.generate(new SecureRandom()), List.of("short.example.com"));
        X509Certificate cert = Pem.parseCertificates(client.postAsGet((String) finalized.json().get("certificate")).body(), "c").get(0);
        Duration lifetime = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertThat(lifetime).isEqualTo(Duration.ofDays(6).plusMinutes(1));

        String certId = certId(cert);
        AcmeTestClient.Reply info = client.get(client.url("renewalInfo") + "/" + certId);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.header("Retry-After")).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> window = (Map<String, Object>) info.json().get("suggestedWindow");
        Instant notBefore = cert.getNotBefore().toInstant();
        assertThat(Instant.parse((String) window.get("start"))).isEqualTo(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)));
        assertThat(Instant.parse((String) window.get("end"))).isEqualTo(notBefore.plus(lifetime.multipliedBy(5).dividedBy(6)));

        // a renewal order names the certificate it replaces
        AcmeTestClient.Reply renewal = client.post(client.url("newOrder"), Map.of("identifiers",
                List.of(Map.of("type", "dns", "value", "short.example.com")), "replaces", certId));
        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(201);
        assertThat(renewal.json()).containsEntry("replaces", certId);

        client.post(client.url("revokeCert"), Map.of("certificate", certificate(cert)));
        @SuppressWarnings("unchecked")
        Map<String, Object> revokedWindow = (Map<String, Object>) client.get(client.url("renewalInfo") + "/" + certId).json().get("suggestedWindow");
        assertThat(Instant.parse((String) revokedWindow.get("end"))).isBeforeOrEqualTo(Instant.now());
        assertThat(client.get(client.url("renewalInfo") + "/AAAA.AQ").status()).isEqualTo(404);
    }

    static String certId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(keyId) + "." + b64.encodeToString(cert.getSerialNumber().toByteArray());
    }

    @Test
    void anExpiredOrderCanNeitherBeValidatedNorFinalized() {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        client.newAccount();
        AcmeTestClient.Reply created = client.newOrder("late.example.com");
        @SuppressWarnings("unchecked")
        String authzUrl = ((List<String>) created.json().get("authorizations")).get(0);
        Map<String, Object> challenge = client.challenge(client.postAsGet(authzUrl).json(), "http-01");
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        try {
            assertThat(client.postAsGet(created.header("Location")).json()).containsEntry("status", "invalid");
            assertThat(client.postAsGet(authzUrl).json()).containsEntry("status", "expired");
            AcmeTestClient.Reply respond = client.post((String) challenge.get("url"), Map.of());
            assertThat(respond.status()).isEqualTo(400);
            assertThat((String) respond.json().get("detail")).isEqualTo("the authorization is expired; its challenges can no longer be answered");
            AcmeTestClient.Reply finalized = client.finalizeOrder(created.json(), KeyAlgorithm.EC_P256.generate(new SecureRandom()),
                    List.of("late.example.com"));
            assertThat(finalized.problemType()).isEqualTo("urn:ietf:params:acme:error:orderNotReady");
        } finally {
            clock.advance(Duration.ofDays(-7).minusSeconds(1));
        }
    }

    @Test
    void theThirdOrderWithinTheWindowIsRateLimited() {
        AcmeTestClient client = new AcmeTestClient(limited.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
        client.newAccount();
        assertThat(client.newOrder("r1.example.com").status()).isEqualTo(201);
        assertThat(client.newOrder("r2.example.com").status()).isEqualTo(201);
        AcmeTestClient.Reply third = client.newOrder("r3.example.com");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.problemType()).isEqualTo("urn:ietf:params:acme:error:rateLimited");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(3000L, 3600L);
        AcmeTestClient other = new AcmeTestClient(limited.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
        other.newAccount();
        assertThat(other.newOrder("r3.example.com").status()).isEqualTo(201);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
