package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openssl ocsp} queries a real HTTP responder on 127.0.0.1 backed by {@link OcspResponder}. */
class OcspResponderTest {

    @TempDir
    Path dir;

    private CertificateAuthority root;
    private CertificateAuthority issuing;
    private HttpServer http;

    @BeforeEach
    void start() throws IOException {
        root = CertificateAuthority.createRoot("CN=OCSP Root");
        issuing = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=OCSP Issuing CA").build()));
        OcspResponder responder = OcspResponder.of(issuing);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] response = responder.respond(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    @RequiresTool("openssl")
    void opensslGetsVerifiedGoodRevokedAndUnknownAnswersWithItsNonce() throws Exception {
        IssuedCertificate good = issuing.issueServer(List.of("good.example.com"), Duration.ofDays(30));
        IssuedCertificate bad = issuing.issueServer(List.of("bad.example.com"), Duration.ofDays(30));
        // same issuer name, serial this CA never issued: openssl asks about it under our issuer's name and key
        CertificateAuthority twin = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=OCSP Issuing CA").build()));
        IssuedCertificate stranger = twin.issueServer(List.of("stranger.example.com"), Duration.ofDays(30));
        issuing.revoke(bad.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        Openssl openssl = new Openssl(dir);
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        String issuingPem = openssl.write("issuing.pem", issuing.certificate());
        String rootPem = openssl.write("root.pem", root.certificate());
        String goodPem = openssl.write("good.pem", good.certificate());
        String badPem = openssl.write("bad.pem", bad.certificate());
        String strangerPem = openssl.write("stranger.pem", stranger.certificate());
        for (String digest : List.of("-sha1", "-sha256")) {
            assertThat(query(openssl, digest, issuingPem, goodPem, rootPem, url)).as(digest)
                    .startsWith("Response verify OK\n" + goodPem + ": good\n");
            assertThat(query(openssl, digest, issuingPem, badPem, rootPem, url)).as(digest)
                    .startsWith("Response verify OK\n" + badPem + ": revoked\n").contains("Reason: keyCompromise");
            assertThat(query(openssl, digest, issuingPem, strangerPem, rootPem, url)).as(digest)
                    .startsWith("Response verify OK\n" + strangerPem + ": unknown\n");
        }
    }

    private static String query(Openssl openssl, String digest, String issuer, String cert, String root, String url)
            throws Exception {
        Openssl.Result result = openssl.run("ocsp", digest, "-issuer", issuer, "-cert", cert, "-CAfile", root, "-url", url);
        assertThat(result.exitCode()).as(result.output()).isZero();
        // openssl checks the nonce it sent and warns when it is missing
        assertThat(result.output()).doesNotContain("WARNING");
        return result.output();
    }

    @Test
    void malformedRequestsGetAMalformedRequestResponse() throws IOException {
        OCSPResp response = new OCSPResp(OcspResponder.of(issuing).respond(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}));
        assertThat(response.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(OcspResponder.of(issuing).respond(new byte[0])).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }
}
