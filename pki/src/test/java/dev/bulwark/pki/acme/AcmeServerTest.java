package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.Pem;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole RFC 8555 flow against a real server on 127.0.0.1, validated over real sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeServerTest {

    @TempDir
    static Path dir;

    AcmeFixture fixture;

    @BeforeAll
    void setUp() throws Exception {
        fixture = new AcmeFixture(dir);
        fixture.start();
    }

    @AfterAll
    void tearDown() {
        fixture.close();
    }

    @Test
    void directoryListsTheResourcesAtTheDocumentedUrl() {
        assertThat(fixture.server.directoryUrl().toString()).isEqualTo("https://localhost:" + fixture.server.port() + "/acme/directory");
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        Map<String, Object> directory = client.directory();
        String base = "https://localhost:" + fixture.server.port() + "/acme/";
        assertThat(directory).containsEntry("newNonce", base + "new-nonce").containsEntry("newAccount", base + "new-account")
                .containsEntry("newOrder", base + "new-order").containsEntry("revokeCert", base + "revoke-cert")
                .containsEntry("keyChange", base + "key-change").containsEntry("renewalInfo", base + "renewal-info");
        assertThat(directory).doesNotContainKey("newAuthz");   // no pre-authorization: RFC 8555 7.4.1 says leave it out
        assertThat(client.head(base + "new-nonce").header("Replay-Nonce")).matches("[A-Za-z0-9_-]{32}");
    }

    /** The certificate a fresh TLS handshake (no session to resume) gets, verified against the CA's root for localhost. */
    private X509Certificate presented(AcmeServer server) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", fixture.root.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost", server.port())) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void theServersOwnCertificateIsRenewedWhileItRunsAndPresentedFromTheNextHandshake() throws Exception {
        try (AcmeServer server = fixture.builder().serverCertificateValidity(java.time.Duration.ofSeconds(6)).start()) {
            X509Certificate first = presented(server);
            assertThat(first).isEqualTo(server.certificateChain().get(0));
            assertThat(first.getNotAfter().getTime() - first.getNotBefore().getTime()).isLessThan(java.time.Duration.ofMinutes(2).toMillis());
            // renewal is due four seconds after start: wait for it, bounded (each attempt is a real handshake)
            X509Certificate next = first;
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (next.equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                next = presented(server);
            }
            assertThat(next.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(next.getPublicKey()).isNotEqualTo(first.getPublicKey());
            assertThat(next.getNotAfter()).isAfter(first.getNotAfter());
            assertThat(server.certificateChain().get(0)).isEqualTo(next);
            // the server still answers ACME over the renewed certificate
            AcmeTestClient client = new AcmeTestClient(server.directoryUrl(), fixture.root.certificate(), AcmeTestClient.AccountKey.ec256());
            assertThat(client.newAccount().status()).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "RS256", "EdDSA"})
    void anAccountOfEachKeyTypeGetsACertificateThroughHttp01(String alg) throws Exception {
        AcmeTestClient client = fixture.client(key(alg));
        AcmeTestClient.Reply account = client.newAccount();
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        assertThat(client.accountUrl).startsWith("https://localhost:" + fixture.server.port() + "/acme/acct/");

        AcmeTestClient.Reply created = client.newOrder("www.example.com", "example.com");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderUrl = created.header("Location");
        Map<String, Object> order = created.json();
        assertThat(order.get("status")).isEqualTo("pending");
        @SuppressWarnings("unchecked")
        List<String> authorizations = (List<String>) order.get("authorizations");
        assertThat(authorizations).hasSize(2);
        for (String authzUrl : authorizations) {
            Map<String, Object> authz = client.postAsGet(authzUrl).json();
            Map<String, Object> challenge = client.challenge(authz, "http-01");
            String token = (String) challenge.get("token");
            fixture.responder.tokens.put(token, client.keyAuthorization(token));
            AcmeTestClient.Reply started = client.post((String) challenge.get("url"), Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            assertThat(client.pollUntilSettled(authzUrl)).containsEntry("status", "valid");
        }
        assertThat(client.postAsGet(orderUrl).json()).containsEntry("status", "ready");

        KeyPair certKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        AcmeTestClient.Reply finalized = client.finalizeOrder(order, certKey, List.of("example.com", "www.example.com"));
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        assertThat(finalized.json()).containsEntry("status", "valid");
        AcmeTestClient.Reply download = client.postAsGet((String) finalized.json().get("certificate"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/pem-certificate-chain");
        List<X509Certificate> chain = Pem.parseCertificates(download.body(), "download");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getPublicKey()).isEqualTo(certKey.getPublic());
        assertThat(chain.get(0).getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)))
                .containsExactlyInAnyOrder("example.com", "www.example.com");
        assertThat(fixture.store.index()).anyMatch(e -> e.serial().equals(chain.get(0).getSerialNumber()));
    }

    @Test
    @RequiresTool("openssl")
    void opensslVerifiesTheDownloadedChainStrictlyAgainstTheRoot() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        String chain = AcmeFlows.certificate(fixture, client, "api.example.com").body();
        Path rootFile = dir.resolve("root.pem");
        Files.writeString(rootFile, Pem.encode(fixture.root.certificate()), StandardCharsets.US_ASCII);
        List<X509Certificate> certs = Pem.parseCertificates(chain, "chain");
        Path leaf = dir.resolve("leaf.pem");
        Path untrusted = dir.resolve("untrusted.pem");
        Files.writeString(leaf, Pem.encode(certs.get(0)), StandardCharsets.US_ASCII);
        Files.writeString(untrusted, Pem.encode(certs.subList(1, certs.size())), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(Tools.path("openssl"), "verify", "-x509_strict", "-purpose", "sslserver",
                "-CAfile", rootFile.toString(), "-untrusted", untrusted.toString(), leaf.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains(": OK");
    }

    static AcmeTestClient.AccountKey key(String alg) {
        switch (alg) {
            case "ES256":
                return AcmeTestClient.AccountKey.ec256();
            case "ES384":
                return AcmeTestClient.AccountKey.ec384();
            case "RS256":
                return AcmeTestClient.AccountKey.rsa2048();
            default:
                return AcmeTestClient.AccountKey.ed25519();
        }
    }
}
