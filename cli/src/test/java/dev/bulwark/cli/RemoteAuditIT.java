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
import java.util.List;
import java.util.Map;
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

    private static final String PASSPHRASE = "correct horse battery staple";

    private static TestSshd sshd;
    private static String target;

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(dir.resolve("sshd")));
        SshKeyPair key = SshKeyPair.generate();
        key.write(dir.resolve("id_ed25519"), null);
        // a passphrase-protected key as ssh-keygen writes it (OpenSSH format, bcrypt KDF)
        Launcher.Run keygen = ToolRuns.run(dir, "", "ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "enc",
                "-f", dir.resolve("enc_ed25519").toString());
        assertThat(keygen.exitCode()).as(keygen.stdout()).isZero();
        Files.writeString(sshd.authorizedKeysFile(), key.publicKey().toOpenSsh() + "\n"
                + Files.readString(dir.resolve("enc_ed25519.pub")));
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

    @Test
    void logsInWithAPassphraseProtectedKeyWhosePassphraseIsInAnEnvironmentVariable() throws Exception {
        Launcher.Run run = Launcher.run(dir, Map.of("AUDIT_KEY_PASS", PASSPHRASE), "audit", "sshd", "--target", target,
                "-i", "enc_ed25519", "--identity-passphrase-env", "AUDIT_KEY_PASS", "--known-hosts", "known_hosts",
                "--format", "json", "--fail-on", "none");
        Launcher.Run viaFile = Launcher.run(dir, Map.of(), "kit", "--out", "kit", "--target", target,
                "-i", "enc_ed25519", "--passphrase-file", passphraseFile().toString(), "--known-hosts", "known_hosts");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("\"id\": \"ssh.");
        assertThat(viaFile.exitCode()).as(viaFile.toString()).isZero();
        assertThat(viaFile.stdout()).contains("(audited over SSH as " + target + ")");
        for (Launcher.Run r : List.of(run, viaFile)) {
            assertThat(r.stdout() + r.stderr()).doesNotContain(PASSPHRASE).doesNotContain("horse");
        }
    }

    @Test
    void aWrongPassphraseIsOneLineWithStatusTwoAndNeverEchoed() throws Exception {
        Launcher.Run run = Launcher.run(dir, Map.of("AUDIT_KEY_PASS", "not it, horse"), "audit", "sshd", "--target",
                target, "-i", "enc_ed25519", "--identity-passphrase-env", "AUDIT_KEY_PASS", "--known-hosts", "known_hosts");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: --identity enc_ed25519: wrong passphrase (from the environment"
                + " variable AUDIT_KEY_PASS)\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anEncryptedKeyWithoutAPassphraseSourceOrTerminalIsRefused() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "services", "--target", target, "-i", "enc_ed25519",
                "--known-hosts", "known_hosts");
        Launcher.Run unset = Launcher.run(dir, "audit", "services", "--target", target, "-i", "enc_ed25519",
                "--identity-passphrase-env", "NO_SUCH_VARIABLE_SET", "--known-hosts", "known_hosts");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: no passphrase for the key enc_ed25519: give --passphrase-env VAR or"
                + " --passphrase-file FILE (or --identity-passphrase-env VAR), or run in a terminal to be asked\n");
        assertThat(unset.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unset.stderr()).isEqualTo("bulwark: --identity-passphrase-env: the environment variable"
                + " 'NO_SUCH_VARIABLE_SET' is not set\n");
    }

    private static Path passphraseFile() throws Exception {
        Path file = dir.resolve("key-passphrase");
        if (!Files.exists(file)) {
            Files.writeString(file, PASSPHRASE + "\n");
        }
        return file;
    }

    private static String lastLine(String text) {
        return text.lines().reduce((a, b) -> b).orElse("");
    }
}
