package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ListeningService;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key deployment and remote audits against a real sshd on loopback. */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "ss"})
class RemoteOperationsInteropTest {

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static SshKeyPair key;
    static final SshConnector CONNECTOR = SshConnector.create();

    @BeforeAll
    static void start() throws Exception {
        key = SshKeyPair.generate(SshKeyType.ED25519);
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        sshd = TestSshd.start(dir);
    }

    @AfterAll
    static void stop() {
        sshd.close();
    }

    static RemoteHost connect(SshKeyPair with) throws Exception {
        return CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()),
                ConnectOptions.builder().key(with).hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build());
    }

    @Test
    void deploysASecondKeyThatThenLogsInAndRemovingItLocksItOut() throws Exception {
        SshKeyPair second = SshKeyPair.generate(SshKeyType.ECDSA_P256).withComment("second");
        Path file = sshd.homeAuthorizedKeysFile();
        try (RemoteHost host = connect(key)) {
            RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.at(host, file, TestSshd.user());
            assertThat(keys.fingerprints()).isEmpty();
            assertThat(keys.deploy(second.publicKey())).isTrue();
            assertThat(keys.deploy(second.publicKey())).as("idempotent").isFalse();
            assertThat(keys.fingerprints()).containsExactly(second.publicKey().fingerprintSha256());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(TestSshd.user());
        assertThat(Files.readAllLines(file)).hasSize(1);
        try (RemoteHost asSecond = connect(second)) {
            assertThat(asSecond.run(List.of("true"), java.time.Duration.ofSeconds(20)).isSuccess()).isTrue();
            assertThat(RemoteAuthorizedKeys.at(asSecond, file, TestSshd.user()).remove(second.publicKey())).isTrue();
        }
        assertThatThrownBy(() -> connect(second)).isInstanceOf(AuthenticationFailedException.class);
        try (RemoteHost host = connect(key)) {
            assertThat(RemoteAuthorizedKeys.at(host, file, TestSshd.user()).list()).isEmpty();
        }
    }

    @Test
    void findsRootsAuthorizedKeysFileThroughTheHomeDirectory() throws Exception {
        try (RemoteHost host = connect(key)) {
            RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.forUser(host, TestSshd.user());
            String home = System.getProperty("user.home");
            assertThat(keys.file()).isEqualTo(Path.of(home, ".ssh", "authorized_keys"));
            assertThatThrownBy(() -> RemoteAuthorizedKeys.forUser(host, "no-such-user-bulwark"))
                    .hasMessage("no user no-such-user-bulwark with a home directory on 127.0.0.1:" + sshd.port());
        }
    }

    @Test
    void remoteServiceAuditFindsTheTestSshdsOwnListeningSocket() throws Exception {
        try (RemoteHost host = connect(key)) {
            ServiceReport report = RemoteAudits.services(host, ServicePolicy.empty());
            List<ListeningService> ours = report.services().stream()
                    .filter(s -> s.port() == sshd.port()).collect(Collectors.toList());
            assertThat(ours).isNotEmpty();
            assertThat(ours.get(0).toString()).contains("sshd");
            assertThat(report.host()).isEqualTo("127.0.0.1:" + sshd.port());
        }
    }

    @Test
    void remoteSshdAuditReadsTheEffectiveConfigWithSshdDashT() throws Exception {
        try (RemoteHost host = connect(key)) {
            RemoteAudits.SshdSource source = RemoteAudits.sshdConfig(host, "sshd", sshd.configFile());
            assertThat(source.effective()).isTrue();
            List<Finding> findings = source.config().audit();
            assertThat(findings).extracting(Finding::id).contains("ssh.no-allow-list").doesNotContain("ssh.password-authentication");
            assertThat(RemoteAudits.sshd(host, "sshd", sshd.configFile())).isEqualTo(findings);
        }
    }

    @Test
    void remoteSshdAuditFallsBackToTheFileWhenSshdCannotBeRun() throws Exception {
        try (RemoteHost host = connect(key)) {
            RemoteAudits.SshdSource source = RemoteAudits.sshdConfig(host, "/nonexistent/sshd", sshd.configFile());
            assertThat(source.effective()).isFalse();
            assertThat(source.config().mainFile().text()).isEqualTo(Files.readString(sshd.configFile()));
        }
    }
}
