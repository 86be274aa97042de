package dev.bulwark.benchmarks.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.benchmarks.acme.HttpsConnection.Response;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pki;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator's HTTP/1.1 client against real TLS servers on 127.0.0.1: the JDK's
 * {@code HttpsServer} (as Bulwark's ACME server uses) and a hand-written one for chunked trailers,
 * closes and oversized answers.
 */
class HttpsConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static CertificateAuthority root;
    private static SSLContext serverTls;
    private static SSLContext clientTls;
    private static HttpsServer https;
    private static final AtomicInteger NONCES = new AtomicInteger();

    @BeforeAll
    static void servers() throws Exception {
        root = Pki.createRoot("CN=HttpsConnectionTest root").withPolicy(Pki.policy().allowDnsSuffix("test")
                .allowIpRange(IpNetwork.parse("127.0.0.0/8")).build());
        serverTls = serverContext(root.issueServer(List.of("127.0.0.1"), Duration.ofDays(1)));
        clientTls = AcmeLoadMain.trusting(List.of(root.certificate()));
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.createContext("/echo", HttpsConnectionTest::echo);
        https.start();
    }

    @AfterAll
    static void stop() {
        https.stop(0);
    }

    /** Answers with nonce, Location and Link headers and a body describing the request; HEAD without body. */
    private static void echo(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " type=" + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " length=" + exchange.getRequestHeaders().getFirst("Content-Length")
                    + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Replay-Nonce", "nonce-" + NONCES.incrementAndGet());
            exchange.getResponseHeaders().add("Location", "https://127.0.0.1/acme/order/1");
            exchange.getResponseHeaders().add("Link", "<https://127.0.0.1/acme/directory>;rel=\"index\"");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            // the query asks for chunked encoding: the JDK server uses it for a response length of 0
            exchange.sendResponseHeaders(201, "chunked".equals(exchange.getRequestURI().getQuery()) ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static URI echoUri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + pathAndQuery);
    }

    private static SSLContext serverContext(IssuedCertificate identity) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", identity.privateKey(), password,
                identity.chain().toArray(new java.security.cert.X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void sendsGetHeadAndPostOverOneKeptAliveConnection() throws IOException {
        try (HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            int port = https.getAddress().getPort();
            Response get = http.get(echoUri("/echo/directory"));
            assertThat(get.status()).isEqualTo(201);
            assertThat(get.body()).isEqualTo("GET /echo/directory host=127.0.0.1:" + port + " type=null length=null body=");

            Response head = http.head(echoUri("/echo/new-nonce"));
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("replay-nonce").orElseThrow()).matches("nonce-\\d+");

            Response post = http.post(echoUri("/echo/order?x=1"), "application/jose+json",
                    "{\"payload\":\"é\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(post.body()).isEqualTo("POST /echo/order?x=1 host=127.0.0.1:" + port
                    + " type=application/jose+json length=16 body={\"payload\":\"é\"}");
            assertThat(post.header("LOCATION")).hasValue("https://127.0.0.1/acme/order/1");
            assertThat(post.header("Link")).hasValue("<https://127.0.0.1/acme/directory>;rel=\"index\"");
            assertThat(post.header("Replay-Nonce")).isNotEqualTo(head.header("Replay-Nonce"));
            assertThat(post.header("X-Absent")).isEmpty();
            assertThat(http.connects()).isEqualTo(1);
        }
    }

    @Test
    void decodesTheJdkServersChunkedBody() throws IOException {
        try (HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            Response response = http.get(echoUri("/echo/cert?chunked"));
            assertThat(response.header("Transfer-Encoding")).hasValue("chunked");
            assertThat(response.body()).startsWith("GET /echo/cert?chunked host=");
            assertThat(http.get(echoUri("/echo/again")).body()).startsWith("GET /echo/again ");
            assertThat(http.connects()).isEqualTo(1);
        }
    }

    @Test
    void checksTheServersNameAgainstItsCertificate() throws Exception {
        HttpsServer other = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        other.setHttpsConfigurator(new HttpsConfigurator(
                serverContext(root.issueServer(List.of("other.test"), Duration.ofDays(1)))));
        other.createContext("/echo", HttpsConnectionTest::echo);
        other.start();
        try (HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThatThrownBy(() -> http.get(URI.create("https://127.0.0.1:" + other.getAddress().getPort() + "/echo")))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(http.connects()).isZero();
        } finally {
            other.stop(0);
        }
    }

    @Test
    void decodesChunksWithExtensionsAndTrailersAndKeepsTheConnection() throws IOException {
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nReplay-Nonce: abc\r\n\r\n"
                    + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
            c.read();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
            c.read();
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            Response chunked = http.get(server.uri("/chunked"));
            assertThat(chunked.body()).isEqualTo("hello, world");
            assertThat(chunked.header("Replay-Nonce")).hasValue("abc");
            assertThat(http.get(server.uri("/fixed")).body()).isEqualTo("abc");
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void reconnectsAfterConnectionClose() throws IOException {
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n" + c.number());
            c.read(); // stays open: only the client's close ends the connection (a request here would stall)
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThat(http.get(server.uri("/a")).body()).isEqualTo("1");
            assertThat(http.get(server.uri("/b")).body()).isEqualTo("2");
            assertThat(http.connects()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void retriesOnANewConnectionWhenAKeptAliveOneWasClosedBeforeAnswering() throws IOException {
        // the first connection answers one request without "Connection: close", then closes (an idle timeout)
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + c.number());
            if (c.number() > 1) {
                c.read();
            }
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThat(http.get(server.uri("/a")).body()).isEqualTo("1");
            assertThat(http.post(server.uri("/b"), "text/plain", new byte[] {'x'}).body()).isEqualTo("2");
            assertThat(http.connects()).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1)).startsWith("POST /b HTTP/1.1\r\n").endsWith("\r\n\r\nx");
        }
    }

    @Test
    void doesNotRetryWhenAFreshConnectionClosesBeforeAnswering() throws IOException {
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, ScriptedTlsServer.Connection::read);
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThatThrownBy(() -> http.get(server.uri("/a")))
                    .isInstanceOf(EOFException.class)
                    .hasMessage(server.uri("/a") + " closed the connection before answering");
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void doesNotRetryOnceTheResponseHasBegun() throws IOException {
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA");
            c.read();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThat(http.get(server.uri("/a")).body()).isEqualTo("A");
            assertThatThrownBy(() -> http.get(server.uri("/b")))
                    .isInstanceOf(EOFException.class)
                    .hasMessage(server.uri("/b") + " closed the connection after 3 of 10 body bytes");
            assertThat(server.requests()).hasSize(2);
            assertThat(http.connects()).isEqualTo(1);
        }
    }

    @Test
    void acceptsAHeaderBlockUpToTheLimitAndRefusesALargerOne() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Big: ";
        int fits = HttpsConnection.MAX_HEADER_BYTES - head.length() - 4; // the header's CRLF and the blank line
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.write(head + "a".repeat(fits) + "\r\n\r\nok");
            c.read();
            c.write(head + "a".repeat(fits + 1) + "\r\n\r\nok");
            c.read();
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThat(http.get(server.uri("/fits")).header("x-big")).hasValue("a".repeat(fits));
            assertThatThrownBy(() -> http.get(server.uri("/big")))
                    .isInstanceOf(IOException.class)
                    .hasMessage(server.uri("/big") + " answered with a header block over the limit of 65536 bytes");
        }
    }

    @Test
    void refusesABodyOverTheLimitByContentLengthOrChunks() throws IOException {
        String chunk = Integer.toHexString(HttpsConnection.MAX_BODY_BYTES / 2) + "\r\n"
                + "b".repeat(HttpsConnection.MAX_BODY_BYTES / 2) + "\r\n";
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            if (c.number() == 1) {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 1048577\r\n\r\n");
            } else {
                c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk
                        + "1\r\nb\r\n0\r\n\r\n");
            }
            c.read();
        });
             HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThatThrownBy(() -> http.get(server.uri("/length")))
                    .isInstanceOf(IOException.class)
                    .hasMessage(server.uri("/length") + " answered with a body of 1048577 bytes, over the limit of 1048576");
            assertThatThrownBy(() -> http.get(server.uri("/chunks")))
                    .isInstanceOf(IOException.class)
                    .hasMessage(server.uri("/chunks") + " answered with a chunked body over the limit of 1048576 bytes");
            assertThat(http.connects()).isEqualTo(2);
        }
    }

    @Test
    void failsWithSocketTimeoutExceptionWhenTheServerStopsAnswering() throws IOException {
        try (ScriptedTlsServer server = new ScriptedTlsServer(serverTls, c -> {
            c.read();
            c.read(); // never answers: waits for the client to give up and close
        });
             HttpsConnection http = new HttpsConnection(clientTls, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> http.get(server.uri("/stalled")))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void refusesWhatWouldInjectIntoTheRequestHead() {
        try (HttpsConnection http = new HttpsConnection(clientTls, TIMEOUT)) {
            assertThatThrownBy(() -> http.post(echoUri("/echo"), "text/plain\r\nX-Injected: 1", new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("content type has a control, space or non-ASCII character at index 10:"
                            + " 'text/plain??X-Injected: 1'");
            assertThatThrownBy(() -> http.get(URI.create("http://127.0.0.1/plain")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an https URL with a host: 'http://127.0.0.1/plain'");
            assertThat(http.connects()).isZero();
        }
    }
}
