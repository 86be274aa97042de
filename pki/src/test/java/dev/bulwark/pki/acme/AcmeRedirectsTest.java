package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * http-01 redirects as RFC 8555 §8.3 and Let's Encrypt follow them: to http or https, on the
 * standard or the configured validation ports, a bounded number of hops, every hop's address
 * checked before it is contacted, https without certificate validation. The https hops reach a real
 * HTTPS server on 127.0.0.1 (the configured tls-alpn-01 port) whose certificate no one trusts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeRedirectsTest {

    @TempDir
    static Path dir;

    AcmeFixture fixture;
    HttpsServer https;
    final Map<String, String> httpsTokens = new ConcurrentHashMap<>();
    final AtomicInteger httpsRequests = new AtomicInteger();
    AcmeTestClient client;

    @BeforeAll
    void start() throws Exception {
        fixture = new AcmeFixture(dir);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(untrustedContext()));
        https.createContext("/", exchange -> {
            httpsRequests.incrementAndGet();
            String body = httpsTokens.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        https.setExecutor(Executors.newFixedThreadPool(2));
        https.start();
        fixture.start(b -> b.tlsAlpnPort(https.getAddress().getPort()));
        client = fixture.client(AcmeTestClient.AccountKey.ec256());
        assertThat(client.newAccount().status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        https.stop(0);
        ((java.util.concurrent.ExecutorService) https.getExecutor()).shutdownNow();
        fixture.close();
    }

    /** A certificate from a CA nobody trusts, for a name that is not the one validated. */
    private static SSLContext untrustedContext() throws Exception {
        IssuedCertificate identity = CertificateAuthority.createRoot("CN=Nobody Trusts This Root")
                .withPolicy(dev.bulwark.pki.CaPolicy.builder().allowNames(List.of("unrelated.test")).build())
                .issueServer(List.of("unrelated.test"), Duration.ofDays(1));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("k", identity.privateKey(), new char[0], identity.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private int httpsPort() {
        return https.getAddress().getPort();
    }

    /** Orders the name, lets the http-01 responder redirect its token to {@code location}, answers, and returns the settled authorization. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> redirected(String name, java.util.function.Function<String, String> location) {
        AcmeTestClient.Reply order = client.newOrder(name);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String authzUrl = ((List<String>) order.json().get("authorizations")).get(0);
        Map<String, Object> challenge = client.challenge(client.postAsGet(authzUrl).json(), "http-01");
        String token = (String) challenge.get("token");
        fixture.responder.redirects.put(token, location.apply(token));
        httpsTokens.put("/.well-known/acme-challenge/final-" + token, client.keyAuthorization(token));
        client.post((String) challenge.get("url"), Map.of());
        return client.pollUntilSettled(authzUrl);
    }

    @SuppressWarnings("unchecked")
    private String detail(Map<String, Object> authz) {
        return (String) ((Map<String, Object>) client.challenge(authz, "http-01").get("error")).get("detail");
    }

    @Test
    void aRedirectToHttpsOnTheConfiguredPortIsFollowedWithoutTrustingTheCertificate() {
        int before = httpsRequests.get();
        Map<String, Object> authz = redirected("secure.example.com",
                t -> "https://secure-host.example.com:" + httpsPort() + "/.well-known/acme-challenge/final-" + t);
        assertThat(authz).containsEntry("status", "valid");
        assertThat(httpsRequests.get()).isEqualTo(before + 1);
    }

    @Test
    void aPortlessHttpsRedirectGoesToTheConfiguredPortAndARelativeOneStaysOnHttp() {
        assertThat(redirected("portless.example.com", t -> "https://portless.example.com/.well-known/acme-challenge/final-" + t))
                .containsEntry("status", "valid");
        Map<String, Object> relative = redirected("relative.example.com", t -> "/.well-known/acme-challenge/again-" + t);
        // the relative hop asks the http-01 responder for a token it does not know
        assertThat(relative).containsEntry("status", "invalid");
        assertThat(detail(relative)).isEqualTo("http-01: relative.example.com answered HTTP 404");
    }

    @Test
    void aRedirectToAnotherPortOrSchemeIsRefusedWithoutContact() {
        int before = httpsRequests.get();
        Map<String, Object> otherPort = redirected("port.example.com", t -> "https://port.example.com:8443/x");
        assertThat(otherPort).containsEntry("status", "invalid");
        assertThat(detail(otherPort)).isEqualTo("http-01: redirects are followed only to http (port 80 or "
                + fixture.responder.port() + ") or https (port 443 or " + httpsPort() + "), not to 'https://port.example.com:8443/x'");
        Map<String, Object> ftp = redirected("ftp.example.com", t -> "ftp://ftp.example.com/x");
        assertThat(detail(ftp)).startsWith("http-01: redirects are followed only to http (port 80");
        assertThat(httpsRequests.get()).isEqualTo(before);
    }

    @Test
    void aRedirectToANameOutsideTheValidationNetworksIsNeverContacted() throws Exception {
        fixture.addresses.put("elsewhere.example.net", List.of(InetAddress.getByName("192.0.2.7")));
        int before = httpsRequests.get();
        Map<String, Object> authz = redirected("escape.example.com",
                t -> "https://elsewhere.example.net:" + httpsPort() + "/.well-known/acme-challenge/final-" + t);
        assertThat(authz).containsEntry("status", "invalid");
        assertThat(detail(authz)).isEqualTo("elsewhere.example.net resolves to [/192.0.2.7], none of which this server may"
                + " contact to validate (validation networks: [127.0.0.0/8])");
        assertThat(httpsRequests.get()).isEqualTo(before);
    }

    @Test
    void aRedirectLoopStopsAfterTenHops() {
        int before = fixture.responder.requests.get();
        Map<String, Object> authz = redirected("loop.example.com", t -> "/.well-known/acme-challenge/" + t);
        assertThat(authz).containsEntry("status", "invalid");
        assertThat(detail(authz)).isEqualTo("more than 10 redirects");
        assertThat(fixture.responder.requests.get() - before).isEqualTo(11);
    }
}
