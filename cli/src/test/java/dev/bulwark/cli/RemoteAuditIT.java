package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.JsonSchemas;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark audit ... --target} against a real sshd on a loopback port (TestSshd), through
 * the built launcher: strict host keys, key login, exit status 3 when the connection fails.
 */
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "ss"})
class RemoteAuditIT {

    @TempDir
    static Path dir;

    private static TestSshd sshd;
    private static String target;

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(dir.resolve("sshd")));
        SshKeyPair key = SshKeyPair.generate();
        key.write(dir.resolve("id_ed25519"), null);
        Files.writeString(sshd.authorizedKeysFile(), key.publicKey().toOpenSsh() + "\n");
        Files.copy(sshd.knownHostsFile(), dir.resolve("known_hosts"));
        target = TestSshd.user() + "@127.0.0.1:" + sshd.port();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void auditsSshdAndServicesOverSsh() throws Exception {
        Launcher.Run sshdAudit = Launcher.run(dir, "audit", "sshd", "--target", target, "-i", "id_ed25519",
                "--known-hosts", "known_hosts", "--format", "json", "--fail-on", "none");
        Launcher.Run services = Launcher.run(dir, "audit", "services", "--target", target, "-i", "id_ed25519",
                "--known-hosts", "known_hosts", "--fail-on", "none");

        assertThat(sshdAudit.exitCode()).as(sshdAudit.toString()).isZero();
        assertThat(JsonSchemas.bulwarkProblems(sshdAudit.stdout())).isEmpty();
        assertThat(sshdAudit.stdout()).contains("\"id\": \"ssh.");
        assertThat(services.exitCode()).as(services.toString()).isZero();
        // the test's own sshd listens on the loopback port: ss -plunt over SSH sees it
        assertThat(services.stdout()).contains(Integer.toString(sshd.port())).contains("sshd");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithStatusThree() throws Exception {
        Files.writeString(dir.resolve("empty_known_hosts"), "");

        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--target", target, "-i", "id_ed25519",
                "--known-hosts", "empty_known_hosts");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONNECTION);
        // before it, a progress line may say "connecting to ..." (the login can take over a second)
        assertThat(lastLine(run.stderr())).startsWith("bulwark: cannot log in to " + target + ": host key of 127.0.0.1:"
                + sshd.port() + " refused (unknown)");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aClosedPortIsStatusThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Launcher.Run run = Launcher.run(dir, "audit", "updates", "--target", "root@127.0.0.1:" + port,
                "-i", "id_ed25519", "--known-hosts", "known_hosts");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(lastLine(run.stderr())).startsWith("bulwark: cannot log in to root@127.0.0.1:" + port + ": ")
                .contains("Connection refused");
    }

    @Test
    void fromAndTargetTogetherAreRefused() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--target", target, "--from", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: give either --from FILE or --target USER@HOST, not both\n");
    }

    private static String lastLine(String text) {
        return text.lines().reduce((a, b) -> b).orElse("");
    }
}
