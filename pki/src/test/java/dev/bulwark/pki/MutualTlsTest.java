package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS 1.3 handshakes with client authentication on 127.0.0.1 between contexts from {@link MutualTls}. */
class MutualTlsTest {

    private CertificateAuthority root;
    private CertificateAuthority issuing;
    private IssuedCertificate server;
    private IssuedCertificate client;

    @TempDir
    Path dir;

    @BeforeEach
    void issue() {
        root = CertificateAuthority.createRoot("CN=TLS Root");
        issuing = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=TLS Issuing CA").build()));
        server = issuing.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
        client = issuing.issueClient(List.of("client1.example.com"), Duration.ofDays(30));
    }

    /** What each side saw. */
    record Outcome(Throwable serverError, Throwable clientError, SSLSession clientSession) {
        boolean succeeded() {
            return serverError == null && clientError == null;
        }
    }

    private Outcome handshake(MutualTls serverTls, MutualTls clientTls) throws Exception {
        return handshake(serverTls, clientTls.clientContext(), clientTls.clientParameters());
    }

    private Outcome handshake(MutualTls serverTls, SSLContext clientContext, SSLParameters clientParameters) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverTls.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(serverTls.serverParameters());
            listener.setSoTimeout(30_000);
            CompletableFuture<Throwable> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(30_000);
                    socket.startHandshake();
                    socket.getOutputStream().write('!');
                    socket.getOutputStream().flush();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Throwable clientError = null;
            SSLSession session = null;
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setSSLParameters(clientParameters);
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                session = socket.getSession();
                // TLS 1.3: the server's verdict on our certificate arrives after our handshake completes
                if (socket.getInputStream().read() != '!') {
                    throw new IOException("server closed the connection");
                }
            } catch (IOException e) {
                clientError = e;
            }
            return new Outcome(serverSide.get(60, TimeUnit.SECONDS), clientError, session);
        }
    }

    private static String messages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Test
    void tls13HandshakeWithClientAuthenticationSucceedsWithIssuedCertificates() throws Exception {
        Outcome outcome = handshake(MutualTls.of(server, root.certificate()), MutualTls.of(client, root.certificate()));
        assertThat(outcome.succeeded()).as("%s / %s", outcome.serverError(), outcome.clientError()).isTrue();
        assertThat(outcome.clientSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(outcome.clientSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
    }

    @Test
    void withCrlCheckingTheHandshakeSucceedsForGoodAndFailsForARevokedClient() throws Exception {
        MutualTls serverTls = MutualTls.of(server, root.certificate()).withCrls(List.of(root.crl(), issuing.crl()));
        MutualTls clientTls = MutualTls.of(client, root.certificate()).withCrls(List.of(root.crl(), issuing.crl()));
        assertThat(handshake(serverTls, clientTls).succeeded()).isTrue();

        issuing.revoke(client.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        MutualTls checking = MutualTls.of(server, root.certificate()).withCrls(List.of(root.crl(), issuing.crl()));
        Outcome outcome = handshake(checking, clientTls);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(messages(outcome.serverError())).contains("Certificate has been revoked", "KEY_COMPROMISE");
        // without CRL checking the same revoked certificate is still accepted
        assertThat(handshake(MutualTls.of(server, root.certificate()), clientTls).succeeded()).isTrue();
    }

    @Test
    void clientRejectsARevokedServerWhenCheckingCrls() throws Exception {
        issuing.revoke(server.certificate().getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION);
        MutualTls clientTls = MutualTls.of(client, root.certificate()).withCrls(List.of(root.crl(), issuing.crl()));
        Outcome outcome = handshake(MutualTls.of(server, root.certificate()), clientTls);
        assertThat(outcome.clientError()).isNotNull();
        assertThat(messages(outcome.clientError())).contains("Certificate has been revoked");
    }

    @Test
    void handshakeFailsForAnExpiredClientCertificate() throws Exception {
        Clock twoYearsAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(730)), ZoneOffset.UTC);
        IssuedCertificate expired = issuing.withSettings(issuing.settings().withClock(twoYearsAgo))
                .issueClient(List.of("old-client.example.com"), Duration.ofDays(30));
        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
        Outcome outcome = handshake(MutualTls.of(server, root.certificate()), MutualTls.of(expired, root.certificate()));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(messages(outcome.serverError())).contains("CertificateExpiredException");
    }

    @Test
    void handshakeFailsForAClientFromAForeignCa() throws Exception {
        CertificateAuthority foreign = TestPolicy.allow(CertificateAuthority.createRoot("CN=Foreign Root"));
        IssuedCertificate stranger = foreign.issueClient(List.of("client1.example.com"), Duration.ofDays(30));
        // the JDK client sends no certificate for a CA the server did not name; make it send the stranger's
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(Pkcs12.keyStore(stranger, new char[] {'x'}), new char[] {'x'});
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(Pkcs12.trustStore(List.of(root.certificate())));
        SSLContext insistent = SSLContext.getInstance("TLSv1.3");
        insistent.init(new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) keys.getKeyManagers()[0])},
                trust.getTrustManagers(), null);
        MutualTls plain = MutualTls.of(stranger, root.certificate());
        Outcome outcome = handshake(MutualTls.of(server, root.certificate()), insistent, plain.clientParameters());
        assertThat(outcome.succeeded()).isFalse();
        assertThat(messages(outcome.serverError())).contains("unable to find valid certification path to requested target");
    }

    @Test
    void clientRefusesAServerWhoseNameDoesNotMatch() throws Exception {
        IssuedCertificate other = issuing.issueServer(List.of("other.example.com"), Duration.ofDays(30));
        Outcome outcome = handshake(MutualTls.of(other, root.certificate()), MutualTls.of(client, root.certificate()));
        assertThat(messages(outcome.clientError())).contains("No subject alternative names matching IP address 127.0.0.1 found");
    }

    @Test
    @RequiresTool("openssl")
    void opensslSClientVerifiesTheJdkServersChainAndAuthenticatesWithItsClientCertificate() throws Exception {
        Openssl openssl = new Openssl(dir);
        String rootPem = openssl.write("root.pem", root.certificate());
        String certPem = openssl.write("client.pem", client.certificate());
        String chainPem = openssl.write("chain.pem", issuing.certificate());
        String keyPem = openssl.write("client.key", client.privateKey());
        MutualTls serverTls = MutualTls.of(server, root.certificate());
        try (SSLServerSocket listener = (SSLServerSocket) serverTls.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(serverTls.serverParameters());
            listener.setSoTimeout(30_000);
            CompletableFuture<X509Certificate> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(30_000);
                    socket.startHandshake();
                    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Openssl.Result result = openssl.run("s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-CAfile", rootPem, "-verify_return_error", "-verify_ip", "127.0.0.1",
                    "-cert", certPem, "-cert_chain", chainPem, "-key", keyPem, "-tls1_3", "-brief");
            assertThat(result.output()).contains("CONNECTION ESTABLISHED", "Protocol version: TLSv1.3",
                    "Peer certificate: CN = localhost", "Verification: OK");
            assertThat(result.exitCode()).isZero();
            assertThat(peer.get(60, TimeUnit.SECONDS)).isEqualTo(client.certificate());
        }
    }

    /** A key manager that offers its one identity whatever CAs the server names. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresent(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, null, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, null, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
