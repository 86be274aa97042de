package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host certificates: a real sshd with a {@code HostCertificate} signed by {@code ssh-keygen -s},
 * and the same known_hosts file given to the real OpenSSH client ({@code StrictHostKeyChecking=yes})
 * and to Bulwark's {@link SshConnector}. Both must reach the same verdict (logged in, revoked, or
 * unknown host) for every certificate and every file.
 */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class HostCertificateInteropTest {

    static final SshConnector CONNECTOR = SshConnector.create();

    @TempDir
    static Path base;
    static SshKeyPair user;
    static Path identity;
    static Path ca;
    static String caLine;

    @BeforeAll
    static void keys() throws IOException {
        user = SshKeyPair.generate();
        identity = base.resolve("id_ed25519");
        user.write(identity, null);
        ca = base.resolve("host_ca");
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "host ca", "-f", ca.toString()).ok();
        caLine = Files.readString(Path.of(ca + ".pub")).strip();
    }

    /** A server whose host key is certified by {@code ssh-keygen -s host_ca -I web1 <signArgs>}. */
    static TestSshd serverWithCertificate(String name, String... signArgs) throws IOException {
        return serverWithCertificate(name, SshKeyType.ED25519, signArgs);
    }

    /** Like {@link #serverWithCertificate(String, String...)} with a host key of {@code type}. */
    static TestSshd serverWithCertificate(String name, SshKeyType type, String... signArgs) throws IOException {
        Path dir = Files.createDirectories(base.resolve(name));
        Path hostKey = TestSshd.hostKeyFile(dir);
        SshKeyPair.generate(type).write(hostKey, null);
        List<String> sign = new ArrayList<>(List.of(Tools.path("ssh-keygen"), "-q", "-s", ca.toString(), "-I", "web1"));
        sign.addAll(List.of(signArgs));
        sign.add(hostKey + ".pub");
        ToolRun.run(sign).ok();
        Files.writeString(dir.resolve("authorized_keys"), user.publicKey().toOpenSsh() + "\n");
        return TestSshd.start(dir, "HostCertificate " + hostKey + "-cert.pub");
    }

    static String caFor(TestSshd sshd) {
        return "@cert-authority [127.0.0.1]:" + sshd.port() + " " + caLine + "\n";
    }

    static SshPublicKey hostKey(TestSshd sshd) throws IOException {
        return SshPublicKey.read(sshd.hostPublicKeyFile());
    }

    /** What ssh says with {@code knownHosts} as its only known_hosts file. */
    static String sshVerdict(TestSshd sshd, String knownHosts) throws IOException {
        Files.writeString(sshd.knownHostsFile(), knownHosts);
        ToolRun run = sshd.login(identity, null);
        if (run.exitCode() == 0) {
            return "accepted";
        }
        if (run.stderr().contains("REVOKED HOST KEY")) {
            return "revoked";
        }
        if (run.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
            return "changed";
        }
        return run.stderr().contains("Host key verification failed") ? "unknown" : "ssh failed: " + run.stderr();
    }

    /** What Bulwark says with {@code knownHosts}. */
    static String bulwarkVerdict(TestSshd sshd, String knownHosts) throws IOException {
        return bulwarkVerdict(sshd, HostKeyPolicy.knownHosts(KnownHosts.parse(knownHosts)));
    }

    static String bulwarkVerdict(TestSshd sshd, HostKeyPolicy policy) throws IOException {
        ConnectOptions options = ConnectOptions.builder().key(user).hostKeys(policy).build();
        try (RemoteHost host = CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()), options)) {
            assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
            return "accepted";
        } catch (HostKeyRejectedException e) {
            return e.reason().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static void assertSameVerdicts(TestSshd sshd, Map<String, String> expected, Map<String, String> files)
            throws IOException {
        Map<String, String> ssh = new LinkedHashMap<>();
        Map<String, String> bulwark = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            ssh.put(file.getKey(), sshVerdict(sshd, file.getValue()));
            bulwark.put(file.getKey(), bulwarkVerdict(sshd, file.getValue()));
        }
        assertThat(ssh).as("OpenSSH's verdicts").isEqualTo(expected);
        assertThat(bulwark).as("Bulwark's verdicts").isEqualTo(expected);
    }

    @Test
    void aValidHostCertificateIsTrustedUnlessItsCaOrKeyIsRevokedOrTheCaIsNotForTheHost() throws Exception {
        try (TestSshd sshd = serverWithCertificate("valid", "-h", "-n", "127.0.0.1,web1.example.org", "-V", "-5m:+1h")) {
            String key = hostKey(sshd).toOpenSsh();
            Map<String, String> files = new LinkedHashMap<>();
            files.put("CA for the host", caFor(sshd));
            files.put("CA for all hosts", "@cert-authority * " + caLine + "\n");
            files.put("revoked CA", caFor(sshd) + "@revoked * " + caLine + "\n");
            files.put("revoked host key", caFor(sshd) + "@revoked [127.0.0.1]:" + sshd.port() + " " + key + "\n");
            files.put("revoked host key, also listed plainly",
                    "[127.0.0.1]:" + sshd.port() + " " + key + "\n@revoked * " + key + "\n");
            files.put("CA for another port", "@cert-authority [127.0.0.1]:" + (sshd.port() + 1) + " " + caLine + "\n");
            files.put("CA for other names", "@cert-authority *.example.org,!127.0.0.1 " + caLine + "\n");
            files.put("another CA", "@cert-authority * " + SshKeyPair.generate().publicKey().toOpenSsh() + "\n");
            files.put("the host key, no CA", "[127.0.0.1]:" + sshd.port() + " " + key + "\n");
            files.put("another key, no CA", "[127.0.0.1]:" + sshd.port() + " " + SshKeyPair.generate().publicKey().toOpenSsh() + "\n");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("CA for the host", "accepted");
            expected.put("CA for all hosts", "accepted");
            expected.put("revoked CA", "revoked");
            expected.put("revoked host key", "revoked");
            expected.put("revoked host key, also listed plainly", "revoked");
            expected.put("CA for another port", "unknown");
            expected.put("CA for other names", "unknown");
            expected.put("another CA", "unknown");
            expected.put("the host key, no CA", "accepted");
            expected.put("another key, no CA", "changed");
            assertSameVerdicts(sshd, expected, files);
        }
    }

    /** sshj implements ECDSA certificates; RSA ones with SHA-2 signatures are added by {@link ModernAlgorithms}. */
    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256", "ECDSA_P384", "ECDSA_P521", "RSA"})
    void certificatesOfEveryHostKeyTypeAreNegotiatedAndChecked(String typeName) throws Exception {
        SshKeyType type = (SshKeyType) SshKeyType.class.getField(typeName).get(null);
        try (TestSshd sshd = serverWithCertificate(typeName, type, "-h", "-n", "127.0.0.1")) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("CA for the host", caFor(sshd));
            files.put("revoked host key", caFor(sshd) + "@revoked * " + hostKey(sshd).toOpenSsh() + "\n");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("CA for the host", "accepted");
            expected.put("revoked host key", "revoked");
            assertSameVerdicts(sshd, expected, files);
        }
    }

    @Test
    void certificatesThatDoNotNameTheHostAtThisTimeFallBackToTheKeyAsSshDoes() throws Exception {
        String[][] certificates = {
                {"wrong principal", "-h", "-n", "web1.example.org", "-V", "-5m:+1h"},
                {"expired", "-h", "-n", "127.0.0.1", "-V", "-2h:-1h"},
                {"not yet valid", "-h", "-n", "127.0.0.1", "-V", "+1h:+2h"},
                {"critical option", "-h", "-n", "127.0.0.1", "-O", "force-command=/bin/true"},
                {"user certificate", "-n", "127.0.0.1"},
        };
        for (String[] certificate : certificates) {
            String[] signArgs = java.util.Arrays.copyOfRange(certificate, 1, certificate.length);
            try (TestSshd sshd = serverWithCertificate(certificate[0].replace(' ', '-'), signArgs)) {
                Map<String, String> files = new LinkedHashMap<>();
                files.put(certificate[0] + ", CA for the host", caFor(sshd));
                files.put(certificate[0] + ", CA and host key", caFor(sshd) + "[127.0.0.1]:" + sshd.port() + " "
                        + hostKey(sshd).toOpenSsh() + "\n");
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put(certificate[0] + ", CA for the host", "unknown");
                expected.put(certificate[0] + ", CA and host key", "accepted");
                assertSameVerdicts(sshd, expected, files);
            }
        }
    }

    @Test
    void aCertificateWithoutPrincipalsIsValidForEveryHostAsInOpenSsh() throws Exception {
        try (TestSshd sshd = serverWithCertificate("no-principals", "-h")) {
            assertSameVerdicts(sshd, Map.of("CA for the host", "accepted"), Map.of("CA for the host", caFor(sshd)));
        }
    }

    @Test
    void theRefusalSaysWhyTheCertificateDidNotCount() throws Exception {
        try (TestSshd sshd = serverWithCertificate("why", "-h", "-n", "web1.example.org")) {
            SshPublicKey key = hostKey(sshd);
            ConnectOptions options = ConnectOptions.builder().key(user)
                    .hostKeys(HostKeyPolicy.knownHosts(KnownHosts.parse(caFor(sshd)))).build();
            assertThatThrownBy(() -> CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()), options))
                    .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HostKeyRejectedException.Reason.UNKNOWN);
                        assertThat(e.presentedKey()).isEqualTo(key);
                        assertThat(e.getMessage()).endsWith("its host certificate is not trusted: '127.0.0.1' is not"
                                + " one of its principals [web1.example.org]");
                    });
        }
    }

    @Test
    void pinningAndTrustOnFirstUseUseTheCertifiedKey() throws Exception {
        try (TestSshd sshd = serverWithCertificate("pinned", "-h", "-n", "127.0.0.1")) {
            SshPublicKey key = hostKey(sshd);
            assertThat(bulwarkVerdict(sshd, HostKeyPolicy.pinned(key.fingerprintSha256()))).isEqualTo("accepted");
            ConnectOptions tofu = ConnectOptions.builder().key(user)
                    .hostKeys(HostKeyPolicy.trustOnFirstUse(KnownHosts.empty())).build();
            SshPublicKey accepted;
            try (RemoteHost host = CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()), tofu)) {
                accepted = host.acceptedHostKey().orElseThrow();
                assertThat(host.hostKey()).isEqualTo(key);
            }
            assertThat(accepted).isEqualTo(key);
            String saved = KnownHosts.empty().withHost("127.0.0.1", sshd.port(), accepted).render();
            assertThat(sshVerdict(sshd, saved)).isEqualTo("accepted");
            assertThat(bulwarkVerdict(sshd, saved)).isEqualTo("accepted");
        }
    }
}
