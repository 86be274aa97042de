package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.CommandTimeoutException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RemoteHost against a real OpenSSH sshd on loopback: login with a Bulwark key, commands, files, host keys. */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "pgrep"})
class RemoteHostInteropTest {

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

    static SshTarget target() {
        return SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port());
    }

    static ConnectOptions options(HostKeyPolicy policy) {
        return ConnectOptions.builder().key(key).hostKeys(policy).build();
    }

    static RemoteHost connect() throws Exception {
        return CONNECTOR.connect(target(), options(HostKeyPolicy.knownHosts(sshd.knownHostsFile())));
    }

    @Test
    void logsInWithABulwarkKeyAndRunsAnArgumentListWithoutTheShellReinterpretingIt() throws Exception {
        List<String> hostile = List.of("it's", "$HOME", "a b", "`id`", "x;rm -rf /nonexistent", "*", "line\nbreak", "");
        try (RemoteHost host = connect()) {
            CommandResult r = host.run(List.of("printf", "[%s]", hostile.get(0), hostile.get(1), hostile.get(2),
                    hostile.get(3), hostile.get(4), hostile.get(5), hostile.get(6), hostile.get(7)), Duration.ofSeconds(20));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("[it's][$HOME][a b][`id`][x;rm -rf /nonexistent][*][line\nbreak][]");
            assertThat(host.hostKey()).isEqualTo(SshPublicKey.read(sshd.hostPublicKeyFile()));
            assertThat(host.acceptedHostKey()).isEmpty();
        }
        assertThat(sshd.awaitLog("Accepted publickey for " + TestSshd.user())).contains("Accepted publickey for " + TestSshd.user());
    }

    @Test
    void feedsStdinReportsExitCodesAndRunsInTheCLocale() throws Exception {
        try (RemoteHost host = connect()) {
            CommandResult cat = host.run(List.of("cat"), "hello\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
            assertThat(cat.stdout()).isEqualTo("hello\n");
            assertThat(host.run(List.of("sh", "-c", "echo oops >&2; exit 3"), Duration.ofSeconds(20)))
                    .extracting(CommandResult::exitCode, CommandResult::stderr).containsExactly(3, "oops\n");
            assertThat(host.run(List.of("sh", "-c", "printf %s \"$LC_ALL\""), Duration.ofSeconds(20)).stdout()).isEqualTo("C");
        }
    }

    @Test
    void aMissingProgramIsCommandNotFoundAndASlowOneTimesOut() throws Exception {
        try (RemoteHost host = connect()) {
            assertThatThrownBy(() -> host.run(List.of("no-such-program-bulwark"), Duration.ofSeconds(20)))
                    .isInstanceOf(CommandNotFoundException.class).hasMessageContaining("no-such-program-bulwark");
            assertThatThrownBy(() -> host.run(List.of("sleep", "30"), Duration.ofMillis(500)))
                    .isInstanceOf(CommandTimeoutException.class);
            assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
        }
    }

    @Test
    void aTimedOutCommandIsKilledWithEverythingItStarted() throws Exception {
        // A unique duration names this test's sleeps in the process table.
        String duration = "3000." + Long.toUnsignedString(System.nanoTime());
        try (RemoteHost host = connect()) {
            assertThatThrownBy(() -> host.run(List.of("sh", "-c", "sleep " + duration + " & sleep " + duration + "; true"),
                    Duration.ofMillis(1500))).isInstanceOf(CommandTimeoutException.class);
            assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
        }
        assertThat(processesNamed("sleep " + duration)).isEmpty();
    }

    @Test
    void stderrIsExactlyWhatTheCommandWrote() throws Exception {
        try (RemoteHost host = connect()) {
            CommandResult r = host.run(List.of("sh", "-c", "printf 'one\\ntwo' >&2"), Duration.ofSeconds(20));
            assertThat(r.stderr()).isEqualTo("one\ntwo");
            assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).stderr()).isEmpty();
        }
    }

    /**
     * The processes whose command line contains {@code text}, once the ones being killed are gone: a
     * killed process leaves the table within the bound, a surviving one stays.
     */
    static List<String> processesNamed(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> found;
        do {
            found = ToolRun.run(Tools.path("pgrep"), "-a", "-f", text).stdout().lines()
                    .filter(l -> !l.contains("pgrep")).toList();
        } while (!found.isEmpty() && System.nanoTime() < deadline && pause());
        return found;
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }

    @Test
    void writesFilesAtomicallyWithTheModeAndReadsThemBack() throws Exception {
        Path file = dir.resolve("written/secret.txt");
        Files.createDirectories(file.getParent());
        try (RemoteHost host = connect()) {
            host.writeFile(file, "one\n".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
            host.writeFile(file, "two\n".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
            assertThat(new String(host.readFile(file), StandardCharsets.UTF_8)).isEqualTo("two\n");
            assertThat(host.exists(file)).isTrue();
            assertThat(host.exists(dir.resolve("written/none"))).isFalse();
            assertThatThrownBy(() -> host.readFile(dir.resolve("written/none"))).isInstanceOf(NoSuchFileException.class);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var names = Files.list(file.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
    }

    @Test
    void refusesAChangedHostKeyWithTheTypedErrorCarryingThePresentedFingerprint() throws Exception {
        SshPublicKey other = SshKeyPair.generate().publicKey();
        KnownHosts wrong = KnownHosts.empty().withHost("127.0.0.1", sshd.port(), other);
        SshPublicKey real = SshPublicKey.read(sshd.hostPublicKeyFile());
        assertThatThrownBy(() -> CONNECTOR.connect(target(), options(HostKeyPolicy.knownHosts(wrong))))
                .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HostKeyRejectedException.Reason.CHANGED);
                    assertThat(e.fingerprint()).isEqualTo(real.fingerprintSha256());
                    assertThat(e.getMessage()).contains(other.fingerprintSha256());
                });
    }

    @Test
    void refusesAnUnknownHostUnlessTrustOnFirstUseIsAskedForAndThenHandsTheKeyBack() throws Exception {
        SshPublicKey real = SshPublicKey.read(sshd.hostPublicKeyFile());
        assertThatThrownBy(() -> CONNECTOR.connect(target(), options(HostKeyPolicy.knownHosts(KnownHosts.empty()))))
                .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HostKeyRejectedException.Reason.UNKNOWN);
                    assertThat(e.presentedKey()).isEqualTo(real);
                });
        try (RemoteHost host = CONNECTOR.connect(target(), options(HostKeyPolicy.trustOnFirstUse(KnownHosts.empty())))) {
            assertThat(host.acceptedHostKey()).contains(real);
        }
    }

    @Test
    void acceptsThePinnedFingerprintAndRefusesAnother() throws Exception {
        SshPublicKey real = SshPublicKey.read(sshd.hostPublicKeyFile());
        try (RemoteHost host = CONNECTOR.connect(target(), options(HostKeyPolicy.pinned(real.fingerprintSha256())))) {
            assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
        }
        String other = SshKeyPair.generate().publicKey().fingerprintSha256();
        assertThatThrownBy(() -> CONNECTOR.connect(target(), options(HostKeyPolicy.pinned(other))))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining(real.fingerprintSha256()).hasMessageContaining("the pinned key is " + other);
    }

    @Test
    void anUnlistedKeyFailsAuthenticationNamingItsFingerprint() throws Exception {
        SshKeyPair stranger = SshKeyPair.generate();
        ConnectOptions opts = ConnectOptions.builder().key(stranger)
                .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
        assertThatThrownBy(() -> CONNECTOR.connect(target(), opts))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessage("authentication as " + TestSshd.user() + " on 127.0.0.1:" + sshd.port()
                        + " failed with key(s) [" + stranger.publicKey().fingerprintSha256() + "]");
    }

    @Test
    void logsInWithAnEncryptedKeyFileAndWipesThePassphrase() throws Exception {
        Path file = dir.resolve("id_encrypted");
        char[] pass = "correct horse".toCharArray();
        key.write(file, pass.clone());
        char[] given = "correct horse".toCharArray();
        ConnectOptions opts = ConnectOptions.builder().keyFile(file, given)
                .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
        assertThat(given).containsOnly('\0');
        try (RemoteHost host = CONNECTOR.connect(target(), opts)) {
            assertThat(host.isConnected()).isTrue();
        }
        assertThat(opts.toString()).doesNotContain("correct horse").contains(key.publicKey().fingerprintSha256());
    }

    @Test
    void theFrontDoorConnectsThroughTheSharedConnector() throws Exception {
        try (RemoteHost host = dev.bulwark.ssh.Ssh.connect(TestSshd.user(), "127.0.0.1", sshd.port(), key,
                sshd.knownHostsFile())) {
            assertThat(host.run(List.of("printf", "ok"), Duration.ofSeconds(20)).stdout()).isEqualTo("ok");
            assertThat(host.name()).isEqualTo("127.0.0.1:" + sshd.port());
        }
        assertThat(dev.bulwark.ssh.Ssh.connector()).isSameAs(dev.bulwark.ssh.Ssh.connector());
    }

    @Test
    void aCommandPrintingPastTheOutputLimitIsKilledAtOnceWithATypedError() throws Exception {
        Path pidFile = dir.resolve("yes.pid");
        ConnectOptions limited = options(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).toBuilder()
                .outputLimit(1024 * 1024).build();
        try (RemoteHost host = CONNECTOR.connect(target(), limited)) {
            // The timeout is far beyond the test's run: only the limit can end the command.
            assertThatThrownBy(() -> host.run(List.of("sh", "-c", "echo $$ > \"$0\"; exec yes", pidFile.toString()),
                    Duration.ofDays(1)))
                    .isInstanceOf(dev.bulwark.core.host.CommandOutputTooLargeException.class)
                    .hasMessage("'sh -c echo $$ > \"$0\"; exec yes " + pidFile + "' wrote more than 1048576 bytes to"
                            + " stdout and was killed (raise the output limit if that much is expected)");
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            // The process group was killed on the host before the exception: the process ends without our help.
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            assertThat(host.run(List.of("echo", "still usable"), Duration.ofSeconds(20)).stdout()).isEqualTo("still usable\n");
        }
    }

    @Test
    void outputUpToTheLimitIsKeptAndStderrHasTheSameLimit() throws Exception {
        ConnectOptions limited = options(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).toBuilder()
                .outputLimit(5000).build();
        try (RemoteHost host = CONNECTOR.connect(target(), limited)) {
            assertThat(host.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x"), Duration.ofSeconds(20))
                    .stdout()).hasSize(5000);
            assertThatThrownBy(() -> host.run(List.of("sh", "-c", "head -c 6000 /dev/zero >&2; sleep 600"), Duration.ofDays(1)))
                    .isInstanceOf(dev.bulwark.core.host.CommandOutputTooLargeException.class)
                    .hasMessageContaining("wrote more than 5000 bytes to stderr");
        }
    }
}
