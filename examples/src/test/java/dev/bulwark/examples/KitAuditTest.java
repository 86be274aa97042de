package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit part of the kit comes from its target, over SSH (a real sshd on a loopback port) or from
 * files captured there, and REPORT.md says whose findings they are and where they came from.
 */
class KitAuditTest {

    @TempDir
    Path temp;

    /** What a SecureBaseline run printed and returned. */
    record Outcome(int status, String out, String err) {
    }

    /** SecureBaseline in this JVM. */
    static Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecureBaseline.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path captured() throws URISyntaxException {
        return Path.of(KitAuditTest.class.getResource("captured-debian12").toURI());
    }

    @Test
    void auditsTheCapturedFilesUnderTheTargetsNameAndSaysSo() throws Exception {
        Path dir = captured();
        try (KitResult kit = Kit.generate(BaselineSpecParser.parse(SecureBaseline.sample(), "baseline.spec"),
                temp.resolve("kit"), KitAudit.fromFiles(dir))) {
            String report = Files.readString(temp.resolve("kit/REPORT.md"));
            String via = "from the files captured in " + dir.toAbsolutePath();
            assertThat(report).contains("## Findings on web1.example.com (" + kit.targetFindings().size() + ")\n\n"
                    + "Audited " + via + ".\n");
            assertThat(kit.audited()).isTrue();
            assertThat(kit.targetFindings()).extracting(Finding::id)
                    .contains("services.unexpected-public", "ssh.password-authentication", "firewall.manager-detected",
                            "updates.no-report");
            // the listeners are ss.txt's (port 2024 on 0.0.0.0 without a process), named after the target
            assertThat(Files.readString(temp.resolve("kit/audit/services.md")))
                    .contains("web1.example.com (" + via + ")", "2024");
            // the hardening started from the captured /etc/ssh and its drop-in, not from this machine's
            assertThat(Files.readString(temp.resolve("kit/ssh/sshd_config.diff"))).contains("/etc/ssh/sshd_config");
            assertThat(Files.readString(temp.resolve("kit/ssh/sshd_config.d/50-cloud-init.conf")))
                    .contains("PasswordAuthentication no");
            assertThat(report).doesNotContain("Debian's default sshd_config");
        }
    }

    @Test
    void capturedFilesNeverLeadOutOfTheirDirectory() throws IOException {
        Path dir = temp.resolve("captured");
        Files.createDirectories(dir.resolve("etc/ssh"));
        Files.createSymbolicLink(dir.resolve("etc/ssh/sshd_config"), Path.of("/etc/hostname"));
        Files.writeString(dir.resolve("ss.txt"), "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");
        CapturedFiles files = CapturedFiles.in(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.readFile(Path.of("/etc/ssh/sshd_config")))
                .hasMessageContaining("a link out of the captured files in " + dir.toRealPath());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.readFile(Path.of("/etc/../../../etc/passwd")))
                .hasMessageContaining("outside the captured files");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.run(List.of("id", "-u"), java.time.Duration.ZERO))
                .isInstanceOf(dev.bulwark.core.host.CommandNotFoundException.class);
        try (KitResult kit = Kit.generate(BaselineSpecParser.parse(SecureBaseline.sample(), "baseline.spec"),
                temp.resolve("kit"), KitAudit.fromFiles(dir))) {
            assertThat(kit.notes()).anyMatch(n -> n.startsWith("/etc/ssh/sshd_config of web1.example.com (from the files"
                    + " captured in " + dir.toAbsolutePath() + ") could not be read (") && n.contains("a link out of"));
        }
    }

    @Test
    void theCommandLineReadsCapturedFilesAndNamesTheSourceInItsSummary() throws Exception {
        Path dir = captured();
        Outcome o = run(List.of("--out", temp.resolve("kit").toString(), "--from-files", dir.toString()));
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(o.out().lines().toList().get(2)).matches("Findings that remain: \\d+ in the kit's files; \\d+ on"
                + " web1\\.example\\.com \\(audited from the files captured in " + java.util.regex.Pattern.quote(
                dir.toAbsolutePath().toString()) + "\\); notes: \\d+ \\(see REPORT\\.md\\)\\.");
        Outcome empty = run(List.of("--out", temp.resolve("kit2").toString(), "--from-files", temp.toString()));
        assertThat(empty.status()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("SecureBaseline: cannot read --from-files: " + temp + ": holds none of the"
                + " captured files (apt-cache-policy.txt, apt-config-dump.txt, ip-address.txt, iptables-save.txt, nft-ruleset.json,"
                + " ss.txt, sshd-T.txt, etc/ssh/sshd_config)\n");
    }

    @Test
    @Tag("interop")
    @RequiresRoot
    @RequiresTool({"sshd", "ssh", "ssh-keygen", "ss"})
    void auditsTheTargetOverSshWithStrictHostKeys() throws Exception {
        Path identity = temp.resolve("id_ed25519");
        try (TestSshd sshd = sshdWithKey(temp, identity)) {
            String target = TestSshd.user() + "@127.0.0.1:" + sshd.port();
            Outcome o = run(List.of("--out", temp.resolve("kit").toString(), "--target", target,
                    "--known-hosts", sshd.knownHostsFile().toString(), "--identity", identity.toString()));
            assertThat(o.status()).as(o.err()).isZero();
            String via = "over SSH as " + TestSshd.user() + "@127.0.0.1:" + sshd.port();
            assertThat(o.out()).contains(" on web1.example.com (audited " + via + ")");
            String report = Files.readString(temp.resolve("kit/REPORT.md"));
            assertThat(report).contains("## Findings on web1.example.com (", "Audited " + via + ".\n");
            // the target's listeners include the sshd the kit connected to
            assertThat(Files.readString(temp.resolve("kit/audit/services.md")))
                    .contains("web1.example.com (" + via + ")", ":" + sshd.port());

            Path stranger = temp.resolve("known_hosts_other");
            Files.writeString(stranger, "[127.0.0.1]:" + sshd.port() + " " + SshKeyPair.generate().publicKey().toOpenSsh() + "\n");
            Outcome refused = run(List.of("--out", temp.resolve("kit2").toString(), "--target", target,
                    "--known-hosts", stranger.toString(), "--identity", identity.toString()));
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).startsWith("SecureBaseline: cannot audit --target " + target + ": ").hasLineCount(1);
            assertThat(temp.resolve("kit2")).doesNotExist();
        }
    }

    @Test
    @Tag("interop")
    @RequiresRoot
    @RequiresTool({"sshd", "ssh", "ssh-keygen", "ss"})
    void anEncryptedIdentityTakesItsPassphraseFromTheNamedVariableAndAWrongOneIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("sshd"));
        Path identity = temp.resolve("enc_ed25519");
        String passphrase = "kit passphrase horse";
        Run.tool(List.of(dev.bulwark.testing.Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", passphrase,
                "-f", identity.toString()));
        Files.copy(Path.of(identity + ".pub"), dir.resolve("authorized_keys"));
        try (TestSshd sshd = TestSshd.start(dir)) {
            String target = TestSshd.user() + "@127.0.0.1:" + sshd.port();
            List<String> args = List.of("--target", target, "--known-hosts", sshd.knownHostsFile().toString(),
                    "--identity", identity.toString());

            Outcome ok = java(temp.resolve("kit"), args, Map.of("KIT_KEY_PASS", passphrase), "--identity-passphrase-env",
                    "KIT_KEY_PASS");
            Outcome wrong = java(temp.resolve("kit2"), args, Map.of("KIT_KEY_PASS", "wrong horse"),
                    "--identity-passphrase-env", "KIT_KEY_PASS");
            Outcome none = java(temp.resolve("kit3"), args, Map.of());

            assertThat(ok.status()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("(audited over SSH as " + target + ")");
            assertThat(ok.out() + ok.err()).doesNotContain(passphrase).doesNotContain("horse");
            assertThat(wrong.status()).isEqualTo(2);
            assertThat(wrong.err()).isEqualTo("SecureBaseline: --identity " + identity
                    + ": wrong passphrase (from the environment variable KIT_KEY_PASS)\n");
            assertThat(wrong.out()).isEmpty();
            assertThat(none.status()).isEqualTo(2);
            assertThat(none.err()).isEqualTo("SecureBaseline: --identity " + identity + " is encrypted: give"
                    + " --identity-passphrase-env VAR (the variable holding its passphrase), run in a terminal to be"
                    + " asked, or load it into ssh-agent (ssh-add) and leave out --identity\n");
            assertThat(temp.resolve("kit2")).doesNotExist();
            assertThat(temp.resolve("kit3")).doesNotExist();
        }
    }

    /** A real sshd on a loopback port (in {@code temp/sshd}) that admits a new unencrypted key written to {@code identity}. */
    static TestSshd sshdWithKey(Path temp, Path identity) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("sshd"));
        SshKeyPair user = SshKeyPair.generate();
        user.write(identity, null);
        Files.writeString(dir.resolve("authorized_keys"), user.publicKey().toOpenSsh() + "\n");
        return TestSshd.start(dir);
    }

    /** SecureBaseline in its own JVM (no console, stdin empty) with extra environment variables. */
    private static Outcome java(Path out, List<String> args, Map<String, String> env, String... more)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecureBaseline.class.getName(), "--out", out.toString()));
        command.addAll(args);
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        builder.environment().remove("SSH_AUTH_SOCK");
        builder.environment().putAll(env);
        Process p = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), stdout, new String(stderr.join(), StandardCharsets.UTF_8));
    }
}
