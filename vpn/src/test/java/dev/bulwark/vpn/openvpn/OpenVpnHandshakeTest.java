package dev.bulwark.vpn.openvpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.RevocationReason;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OpenVPN server and client, started from Bulwark's configs in two network namespaces,
 * complete a TLS 1.3 handshake; a revoked client and a wrong verify-x509-name are refused.
 */
@RequiresTool({"openvpn", "ip"})
@RequiresNetworkNamespaces
class OpenVpnHandshakeTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SERVER_IP = "192.168.211.1";

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.createRoot("CN=Handshake Test CA")
            .withPolicy(CaPolicy.builder().allowDnsSuffix("test.example").build());
    private final IssuedCertificate server = ca.issueServer(List.of("vpn.test.example"), Duration.ofDays(30));
    private final OpenVpnStaticKey tlsCrypt = OpenVpnStaticKey.generate();

    @BeforeAll
    static void tunDevice() throws Exception {
        // openvpn needs /dev/net/tun; create it when a container lacks it (mknod c 10 200).
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            Files.createDirectories(Path.of("/dev/net"));
            new ProcessBuilder("mknod", "/dev/net/tun", "c", "10", "200").inheritIO().start().waitFor();
        }
    }

    @Test
    void clientAndServerCompleteATls13Handshake() throws Exception {
        IssuedCertificate alice = ca.issueClient(List.of("alice.test.example"), Duration.ofDays(30));
        Run run = run(serverConfig(), client(alice, "vpn.test.example"));
        try (run) {
            assertThat(run.client.await("Initialization Sequence Completed", LIMIT)).as(run.client.text()).isTrue();
            assertThat(run.client.text()).contains("Control Channel: TLSv1.3");
            assertThat(run.client.text()).containsPattern("PUSH_REPLY,.*cipher AES-256-GCM");
        }
    }

    @Test
    void tlsCryptV2ClientKeysWrappedByBulwarkAreAcceptedByTheServer() throws Exception {
        OpenVpnTlsCryptV2Key serverKey = OpenVpnTlsCryptV2Key.generate();
        IssuedCertificate carol = ca.issueClient(List.of("carol.test.example"), Duration.ofDays(30));
        OpenVpnServerConfig config = OpenVpnServerConfig.builder(ca, server, serverKey)
                .network(IpNetwork.parse("10.88.0.0/24")).build();
        OpenVpnClientConfig client = OpenVpnClientConfig.builder(ca, carol,
                serverKey.newClientKey(Instant.now(), new SecureRandom())).remote(SERVER_IP, 1194)
                .serverName("vpn.test.example").build();
        assertThat(config.render()).contains("<tls-crypt-v2>").doesNotContain("<tls-crypt>");
        Run run = run(config, client);
        try (run) {
            assertThat(run.client.await("Initialization Sequence Completed", LIMIT)).as(run.client.text()).isTrue();
        }
        // a client key wrapped by another server key is refused before any TLS
        OpenVpnClientConfig stranger = OpenVpnClientConfig.builder(ca, carol,
                OpenVpnTlsCryptV2Key.generate().newClientKey(Instant.now(), new SecureRandom())).remote(SERVER_IP, 1194)
                .serverName("vpn.test.example").build();
        Run refused = run(config, stranger);
        try (refused) {
            assertThat(refused.server.await("tls-crypt-v2", LIMIT)).isTrue();
            assertThat(refused.server.await("client key authentication error", LIMIT)).as(refused.server.text()).isTrue();
        }
    }

    @Test
    void aRevokedClientIsRefusedThroughCrlVerify() throws Exception {
        IssuedCertificate mallory = ca.issueClient(List.of("mallory.test.example"), Duration.ofDays(30));
        ca.revoke(mallory.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        OpenVpnServerConfig config = serverConfig();
        assertThat(config.hasCrl()).isTrue();
        Run run = run(config, client(mallory, "vpn.test.example"));
        try (run) {
            assertThat(run.server.await("certificate revoked", LIMIT)).as(run.server.text()).isTrue();
            assertThat(run.client.text()).doesNotContain("Initialization Sequence Completed");
        }
    }

    @Test
    void aWrongVerifyX509NameFails() throws Exception {
        IssuedCertificate bob = ca.issueClient(List.of("bob.test.example"), Duration.ofDays(30));
        Run run = run(serverConfig(), client(bob, "other.test.example"));
        try (run) {
            assertThat(run.client.await("VERIFY X509NAME ERROR", LIMIT)).as(run.client.text()).isTrue();
            assertThat(run.client.text()).doesNotContain("Initialization Sequence Completed");
        }
    }

    private OpenVpnServerConfig serverConfig() {
        return OpenVpnServerConfig.builder(ca, server, tlsCrypt).network(IpNetwork.parse("10.88.0.0/24"))
                .pushRoute(IpNetwork.parse("10.89.0.0/24")).build();
    }

    private OpenVpnClientConfig client(IssuedCertificate identity, String serverName) {
        return OpenVpnClientConfig.builder(ca, identity, tlsCrypt).remote(SERVER_IP, 1194).serverName(serverName).build();
    }

    private Run run(OpenVpnServerConfig serverConfig, OpenVpnClientConfig clientConfig) throws Exception {
        Path serverFile = dir.resolve("server.conf");
        Path clientFile = dir.resolve("client.ovpn");
        SafeFiles.writeString(serverFile, serverConfig.render(), FileMode.SECRET);
        SafeFiles.writeString(clientFile, clientConfig.render(), FileMode.SECRET);
        NetworkNamespace serverNs = NetworkNamespace.create("ovsrv");
        NetworkNamespace clientNs = null;
        try {
            clientNs = NetworkNamespace.create("ovcli");
            NetworkNamespace.link(serverNs, SERVER_IP + "/24", clientNs, "192.168.211.2/24");
            // openvpn is in the namespace, so its fixed port 1194 cannot collide with anything else.
            LogWatcher serverLog = LogWatcher.of(serverNs.start(Tools.path("openvpn"), "--config", serverFile.toString()));
            if (!serverLog.await("Initialization Sequence Completed", LIMIT)) {
                throw new AssertionError("the server did not start:\n" + serverLog.text());
            }
            LogWatcher clientLog = LogWatcher.of(clientNs.start(Tools.path("openvpn"), "--config", clientFile.toString()));
            return new Run(serverNs, clientNs, serverLog, clientLog);
        } catch (Exception | AssertionError e) {
            // nothing owns the namespaces yet: remove them (and the openvpn processes in them) before failing
            close(clientNs, serverNs);
            throw e;
        }
    }

    /** Closes every namespace given (nulls skipped), even when closing one of them fails. */
    private static void close(NetworkNamespace... namespaces) throws IOException {
        NetworkNamespace.closeAll(java.util.Arrays.asList(namespaces));
    }

    private static final class Run implements AutoCloseable {
        final NetworkNamespace serverNs;
        final NetworkNamespace clientNs;
        final LogWatcher server;
        final LogWatcher client;

        Run(NetworkNamespace serverNs, NetworkNamespace clientNs, LogWatcher server, LogWatcher client) {
            this.serverNs = serverNs;
            this.clientNs = clientNs;
            this.server = server;
            this.client = client;
        }

        @Override
        public void close() throws Exception {
            OpenVpnHandshakeTest.close(clientNs, serverNs);
        }
    }
}
