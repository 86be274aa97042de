package dev.bulwark.pki.acme;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What every server under test and every client share: the names ({@code *.acme.test}, all
 * 127.0.0.1 through {@link Dnsmasq}), the validation ports (http-01 and tls-alpn-01 on
 * loopback, chosen free at start), and the TLS identity the ACME servers serve their own HTTPS
 * with (a throwaway root the clients are told to trust, and nothing else).
 */
final class Testbed implements AutoCloseable {

    /** Every certificate name in the interop tests lives under this zone. */
    static final String ZONE = "acme.test";

    private final Path dir;
    private final int httpPort;
    private final int tlsPort;
    private final Dnsmasq dns;
    private final IssuedCertificate https;
    private final X509Certificate httpsRoot;

    private Testbed(Path dir, int httpPort, int tlsPort, Dnsmasq dns, IssuedCertificate https, X509Certificate httpsRoot) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.dns = dns;
        this.https = https;
        this.httpsRoot = httpsRoot;
    }

    static Testbed start(Path dir) throws IOException, InterruptedException {
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Bulwark ACME interop HTTPS root")
                .withPolicy(CaPolicy.builder().allowDnsSuffix("localhost")
                        .allowIpRange(IpNetwork.parse("127.0.0.0/8")).build());
        IssuedCertificate https = root.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(2));
        Files.writeString(dir.resolve("https-cert.pem"), Pem.encode(https.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("https-key.pem"), Pem.encode(https.privateKey()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("https-trust.pem"), Pem.encode(root.certificate()), StandardCharsets.US_ASCII);
        Dnsmasq dns = Dnsmasq.start(dir.resolve("dns"), freePort());
        return new Testbed(dir, freePort(), freePort(), dns, https, root.certificate());
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    Path dir() {
        return dir;
    }

    /** Where the servers validate http-01 (the clients' responders listen on 127.0.0.1 here). */
    int httpPort() {
        return httpPort;
    }

    /** Where the servers validate tls-alpn-01. */
    int tlsPort() {
        return tlsPort;
    }

    Dnsmasq dns() {
        return dns;
    }

    /** The ACME servers' HTTPS identity (localhost, 127.0.0.1). */
    IssuedCertificate httpsIdentity() {
        return https;
    }

    Path httpsCertFile() {
        return dir.resolve("https-cert.pem");
    }

    Path httpsKeyFile() {
        return dir.resolve("https-key.pem");
    }

    /** The PEM file the clients trust the ACME servers' HTTPS with. */
    Path httpsTrustFile() {
        return dir.resolve("https-trust.pem");
    }

    /** A client-side TLS context that trusts only the ACME servers' HTTPS root. */
    SSLContext httpsClientContext() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("https-root", httpsRoot);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the HTTPS trust context", e);
        }
    }

    @Override
    public void close() throws IOException {
        dns.close();
    }
}
