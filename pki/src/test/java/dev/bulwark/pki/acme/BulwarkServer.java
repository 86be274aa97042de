package dev.bulwark.pki.acme;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IntermediateSpec;
import dev.bulwark.pki.OcspResponder;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.Pki;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulwark's own ACME server ({@link Pki#acmeServer}) over a fresh CA store (a root and an issuing
 * intermediate constrained to {@code acme.test}), validating on the testbed's ports through its
 * dnsmasq, with loopback as the only validation network. Revocation is read the way a relying
 * party reads it: the store's CRL through {@code openssl crl} (signature checked) and the store's
 * {@link OcspResponder} over HTTP through {@code openssl ocsp}.
 */
final class BulwarkServer implements AcmeServerUnderTest {

    private static final char[] PASSPHRASE = "acme interop passphrase".toCharArray();

    private final AcmeServer acme;
    private final CaStore store;
    private final HttpServer ocsp;
    private final Path dir;

    private BulwarkServer(AcmeServer acme, CaStore store, HttpServer ocsp, Path dir) {
        this.acme = acme;
        this.store = store;
        this.ocsp = ocsp;
        this.dir = dir;
    }

    static BulwarkServer start(Testbed bed) throws IOException {
        Path dir = Files.createDirectories(bed.dir().resolve("bulwark"));
        CertificateAuthority root = Pki.createRoot("CN=Bulwark ACME interop root");
        CertificateAuthority issuing = root.createIntermediate(IntermediateSpec.builder("CN=Bulwark ACME interop issuing CA")
                .permitDns(Testbed.ZONE).permitIps(IpNetwork.parse("127.0.0.0/8")).build());
        CaStore store = Pki.createStore(dir.resolve("ca"), issuing, PASSPHRASE.clone());
        CaPolicy policy = Pki.policy().allowDnsSuffix(Testbed.ZONE).maxValidity(Duration.ofDays(90)).build();
        AcmeServer acme = Pki.acmeServer(store, policy).serverNames(List.of("127.0.0.1")).port(0)
                .resolver(AcmeResolver.dns(new InetSocketAddress(InetAddress.getLoopbackAddress(), bed.dns().port())))
                .validationNetworks(List.of(IpNetwork.parse("127.0.0.0/8")))
                .httpPort(bed.httpPort()).tlsAlpnPort(bed.tlsPort()).start();
        Files.writeString(dir.resolve("roots.pem"), Pem.encode(acme.trustAnchor()), StandardCharsets.US_ASCII);
        HttpServer ocsp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ocsp.createContext("/", exchange -> {
            try (exchange) {
                byte[] response = OcspResponder.of(store.authority()).respond(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, response.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        });
        ocsp.start();
        return new BulwarkServer(acme, store, ocsp, dir);
    }

    @Override
    public String name() {
        return "bulwark";
    }

    @Override
    public URI directory() {
        return acme.directoryUrl();
    }

    @Override
    public Path httpsTrust() {
        return dir.resolve("roots.pem");
    }

    @Override
    public List<X509Certificate> issuingRoots() {
        return List.of(acme.trustAnchor());
    }

    @Override
    public String revocationStatus(X509Certificate leaf, X509Certificate issuer) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("revocation"));
        Path leafFile = work.resolve("leaf.pem");
        Path issuerFile = work.resolve("issuer.pem");
        Path crlFile = work.resolve("crl.pem");
        Files.writeString(leafFile, Pem.encode(leaf), StandardCharsets.US_ASCII);
        Files.writeString(issuerFile, Pem.encode(issuer), StandardCharsets.US_ASCII);
        Files.writeString(crlFile, Pem.encode(store.authority().crl()), StandardCharsets.US_ASCII);
        String crl = crlStatus(work, crlFile, issuerFile, leaf);
        String ocspStatus = ocspStatus(work, leafFile, issuerFile);
        return crl.equals(ocspStatus) ? crl : "CRL says " + crl + ", OCSP says " + ocspStatus;
    }

    /**
     * {@code openssl crl} checks the CRL's signature with the issuer, then lists its serials into a
     * file (the list outgrows the bounded excerpt of a tool's output once many are revoked).
     */
    private static String crlStatus(Path work, Path crlFile, Path issuerFile, X509Certificate leaf)
            throws IOException, InterruptedException {
        ToolRun.Result verified = openssl(work, "crl", "-in", crlFile.toString(), "-CAfile", issuerFile.toString(), "-noout");
        if (!verified.ok() || !verified.tail().contains("verify OK")) {
            return "unreadable CRL: " + verified.outcome();
        }
        Path text = work.resolve("crl.txt");
        ToolRun.Result listed = openssl(work, "crl", "-in", crlFile.toString(), "-noout", "-text", "-out", text.toString());
        if (!listed.ok()) {
            return "unreadable CRL: " + listed.outcome();
        }
        String serial = leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        if (serial.length() % 2 == 1) {
            serial = "0" + serial;
        }
        return Files.readString(text, StandardCharsets.US_ASCII).contains("Serial Number: " + serial) ? "revoked" : "good";
    }

    /** {@code openssl ocsp} asks the store's responder over HTTP and checks the signed answer against the root. */
    private String ocspStatus(Path work, Path leafFile, Path issuerFile) throws IOException, InterruptedException {
        ToolRun.Result asked = openssl(work, "ocsp", "-issuer", issuerFile.toString(), "-cert", leafFile.toString(),
                "-CAfile", httpsTrust().toString(), "-url", "http://127.0.0.1:" + ocsp.getAddress().getPort() + "/");
        String verified = "Response verify OK\n" + leafFile + ": ";
        if (!asked.ok() || !asked.tail().startsWith(verified)) {
            return "unreadable OCSP answer: " + asked.outcome();
        }
        String status = asked.tail().substring(verified.length());
        return status.substring(0, status.indexOf('\n'));
    }

    private static ToolRun.Result openssl(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.path("openssl")));
        command.addAll(List.of(args));
        return ToolRun.run(command, Map.of(), work, work.resolve("openssl.log"), Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        ocsp.stop(0);
        acme.close();
    }
}
