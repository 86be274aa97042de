package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.host.CommandFailedException;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandTimeoutException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sudo -n} path ({@link RemoteHost#privileged()} with {@link ConnectOptions#sudo()})
 * over a real connection as a non-root user.
 *
 * <p><b>This test changes the machine's accounts and /etc/sudoers.d</b> (it needs root): it creates
 * two throwaway users with unique names ({@code bks…} with sudo rights, {@code bkn…} without),
 * each with a home directory and {@code ~/.ssh/authorized_keys} (0600, owned by the user), and one
 * sudoers drop-in {@code /etc/sudoers.d/bulwark-test-…} (0440, checked with {@code visudo -cf}
 * before it is renamed into place) granting only the first user {@code NOPASSWD: ALL}. The
 * {@code @AfterAll} method removes the drop-in and both users ({@code userdel -f -r}) even when
 * tests fail. Nothing else outside the temporary directory is touched.
 */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "sudo", "useradd", "userdel", "visudo", "pgrep", "runuser"})
class SudoInteropTest {

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static final String SUFFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    static final String SUDOER = "bks" + SUFFIX;
    static final String PLAIN = "bkn" + SUFFIX;
    /** A user whose home the symbolic link tests rearrange (as that user). */
    static final String VICTIM = "bkv" + SUFFIX;
    static final Path DROP_IN = Path.of("/etc/sudoers.d/bulwark-test-" + SUFFIX);
    static final List<String> CREATED = new ArrayList<>();
    static SshKeyPair key;
    static Path data;
    static final SshConnector CONNECTOR = SshConnector.create();

    @BeforeAll
    static void setUp() throws Exception {
        key = SshKeyPair.generate(SshKeyType.ED25519);
        for (String user : List.of(SUDOER, PLAIN, VICTIM)) {
            createUser(user);
        }
        Path staged = DROP_IN.resolveSibling(".bulwark-test-" + SUFFIX + ".tmp");   // sudo ignores names with a dot
        Files.writeString(staged, SUDOER + " ALL=(root) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("r--r-----"));
        ToolRun check = ToolRun.run(Tools.path("visudo"), "-cf", staged.toString());
        if (check.exitCode() != 0) {
            Files.delete(staged);
            throw new AssertionError("visudo rejected the drop-in: " + check.stdout() + check.stderr());
        }
        Files.move(staged, DROP_IN, StandardCopyOption.ATOMIC_MOVE);
        // the users reach files under dir/data: dir is root's 0700 temporary directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = TestSshd.start(dir, true, "Match User " + SUDOER + "," + PLAIN, "AuthorizedKeysFile .ssh/authorized_keys");
    }

    private static void createUser(String user) throws IOException {
        ToolRun.run(Tools.path("useradd"), "--system", "--create-home", "--shell", "/bin/sh", "--password", "*", user).ok();
        CREATED.add(user);
        Path ssh = Files.createDirectory(home(user).resolve(".ssh"));
        Path keys = ssh.resolve("authorized_keys");
        Files.writeString(keys, key.publicKey().toOpenSsh() + "\n");
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        ToolRun.run("chown", "-R", user + ":", ssh.toString()).ok();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (sshd != null) {
            sshd.close();
        }
        List<String> problems = new ArrayList<>();
        Files.deleteIfExists(DROP_IN.resolveSibling(".bulwark-test-" + SUFFIX + ".tmp"));
        Files.deleteIfExists(DROP_IN);
        for (String user : CREATED) {
            ToolRun r = ToolRun.run(Tools.path("userdel"), "-f", "-r", user);
            if (ToolRun.run("getent", "passwd", user).exitCode() == 0) {
                problems.add("userdel " + user + ": " + r.stderr());
            }
        }
        assertThat(problems).as("cleanup").isEmpty();
    }

    private static Path home(String user) {
        return Path.of(ToolRun.run("getent", "passwd", user).ok().strip().split(":")[5]);
    }

    private static RemoteHost connect(String user, boolean sudo) throws Exception {
        return CONNECTOR.connect(SshTarget.of(user, "127.0.0.1", sshd.port()), ConnectOptions.builder().key(key)
                .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).sudo(sudo).build());
    }

    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void privilegedCommandsRunAsRootAndPlainOnesAsTheUser() throws Exception {
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThat(host.run(List.of("id", "-un"), T).requireSuccess().stdout()).isEqualTo(SUDOER + "\n");
            Host root = host.privileged();
            assertThat(root).isNotSameAs(host);
            assertThat(root.run(List.of("id", "-u"), T).requireSuccess().stdout()).isEqualTo("0\n");
            assertThat(root.run(List.of("printf", "[%s]", "a b", "it's", "$HOME", "-n", "line\nbreak"), T)
                    .requireSuccess().stdout()).isEqualTo("[a b][it's][$HOME][-n][line\nbreak]");
            assertThat(root.run(List.of("sh", "-c", "echo $LC_ALL"), T).stdout()).isEqualTo("C\n");
            assertThat(root.run(List.of("cat"), "stdin reaches root".getBytes(StandardCharsets.UTF_8), T).stdout())
                    .isEqualTo("stdin reaches root");
        }
        try (RemoteHost host = connect(SUDOER, false)) {
            assertThat(host.privileged()).isSameAs(host);
        }
    }

    @Test
    void aTimedOutPrivilegedStepIsKilledWithEverythingItStartedAsRoot() throws Exception {
        String duration = "3000." + Long.toUnsignedString(System.nanoTime());
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThatThrownBy(() -> host.privileged().run(List.of("sh", "-c", "sleep " + duration + " & sleep "
                    + duration + "; true"), Duration.ofMillis(1500)))
                    .isInstanceOf(CommandTimeoutException.class);
            assertThat(host.privileged().run(List.of("true"), T).isSuccess()).isTrue();
        }
        assertThat(RemoteHostInteropTest.processesNamed("sleep " + duration)).isEmpty();
    }

    @Test
    void readsARootOnlyFileByteForByteThroughSudoAndNotWithout() throws Exception {
        byte[] binary = new byte[1024];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        byte[] tricky = {'a', '\r', '\n', (byte) 0xff, (byte) 0xc3, 0, '\n', '\n'};
        Path file = data.resolve("secret.bin");
        Files.write(file, concat(binary, tricky));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThat(host.privileged().readFile(file)).isEqualTo(concat(binary, tricky));
            assertThat(host.privileged().exists(file)).isTrue();
            assertThatThrownBy(() -> host.readFile(file)).isInstanceOf(IOException.class)
                    .hasMessage(file + ": Permission denied");
            assertThatThrownBy(() -> host.privileged().readFile(data.resolve("missing")))
                    .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessage(data.resolve("missing").toString());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void writesIntoARootOwnedDirectoryAtomicallyWithTheModeOwnedByRoot() throws Exception {
        Path file = data.resolve("app.conf");
        Files.writeString(file, "old\n");
        try (RemoteHost host = connect(SUDOER, true)) {
            host.privileged().writeFile(file, "new\n".getBytes(StandardCharsets.UTF_8), FileMode.of(0640));
            assertThat(Files.readString(file)).isEqualTo("new\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
            assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");

            assertThatThrownBy(() -> host.writeFile(file, "user\n".getBytes(StandardCharsets.UTF_8), FileMode.PUBLIC))
                    .isInstanceOf(IOException.class).hasMessage(file + ": Permission denied");
            assertThatThrownBy(() -> ((SudoHost) host.privileged()).writeFile(file,
                    "bad owner\n".getBytes(StandardCharsets.UTF_8), FileMode.PUBLIC, "nosuchuser" + SUFFIX))
                    .isInstanceOf(CommandFailedException.class).hasMessageContaining("nosuchuser" + SUFFIX);
            assertThatThrownBy(() -> host.privileged().writeFile(data, new byte[0], FileMode.PUBLIC))
                    .isInstanceOf(CommandFailedException.class).hasMessageContaining("bulwark: the target is a directory");
        }
        assertThat(Files.readString(file)).as("the old file is intact after failed writes").isEqualTo("new\n");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".bulwark."));
        }
    }

    @Test
    void hostilePathNamesAreArgumentsNeverCode() throws Exception {
        List<String> names = List.of("with space", "it's", "a\"quote", "-rf", "--", "line\nbreak", "$(touch pwned)",
                "`touch pwned`", "semi;colon", "trailing newline\n", "*");
        try (RemoteHost host = connect(SUDOER, true)) {
            Host root = host.privileged();
            for (String name : names) {
                Path sub = Files.createDirectory(data.resolve("dir " + names.indexOf(name) + " " + name));
                Path file = sub.resolve(name);
                byte[] content = ("content of " + name).getBytes(StandardCharsets.UTF_8);
                root.writeFile(file, content, FileMode.SECRET);
                assertThat(Files.readAllBytes(file)).as(name).isEqualTo(content);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                assertThat(root.readFile(file)).as(name).isEqualTo(content);
                assertThat(root.exists(file)).isTrue();
                try (Stream<Path> files = Files.list(sub)) {
                    assertThat(files).containsExactly(file);
                }
            }
        }
        for (Path place : List.of(home(SUDOER), Path.of("/root"), data)) {
            assertThat(place.resolve("pwned")).doesNotExist();
        }
    }

    @Test
    void aUserWithoutSudoRightsGetsATypedErrorAtOnceInsteadOfAPasswordPrompt() throws Exception {
        try (RemoteHost host = connect(PLAIN, true)) {
            String expected = "sudo -n as " + PLAIN + " on 127.0.0.1:" + sshd.port() + " refused to run a privileged"
                    + " step without a password: privileged steps need NOPASSWD rights in sudoers (such as '" + PLAIN
                    + " ALL=(root) NOPASSWD: ALL' in a file of /etc/sudoers.d), or connect as root";
            assertThatThrownBy(() -> host.privileged().run(List.of("id", "-u"), T))
                    .isInstanceOf(SudoRefusedException.class).hasMessage(expected);
            assertThatThrownBy(() -> host.privileged().readFile(data))
                    .isInstanceOf(SudoRefusedException.class).hasMessage(expected);
        }
    }

    @Test
    void aProgramMissingUnderSudoIsCommandNotFound() throws Exception {
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThatThrownBy(() -> host.privileged().run(List.of("no-such-program-" + SUFFIX), T))
                    .isInstanceOf(CommandNotFoundException.class)
                    .hasMessage("no-such-program-" + SUFFIX + ": command not found (not found by root's shell under sudo on "
                            + host.name() + ")");
        }
    }

    @Test
    void deploysAKeyForAnotherUserThroughSudoAndThatUserLogsInWithIt() throws Exception {
        SshKeyPair second = SshKeyPair.generate(SshKeyType.ECDSA_P256);
        try (RemoteHost host = connect(SUDOER, true)) {
            RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.forUser(host.privileged(), PLAIN);
            assertThat(keys.fingerprints()).containsExactly(key.publicKey().fingerprintSha256());
            assertThat(keys.deploy(second.publicKey())).isTrue();
            assertThat(keys.deploy(second.publicKey())).isFalse();
            Path file = keys.file();
            assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo(PLAIN);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (RemoteHost asPlain = CONNECTOR.connect(SshTarget.of(PLAIN, "127.0.0.1", sshd.port()), ConnectOptions.builder()
                .key(second).hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build())) {
            assertThat(asPlain.run(List.of("id", "-un"), T).requireSuccess().stdout()).isEqualTo(PLAIN + "\n");
        }
    }

    @Test
    void auditsTheEffectiveSshdConfigurationThroughSudo() throws Exception {
        try (RemoteHost host = connect(SUDOER, true)) {
            RemoteAudits.SshdSource source = RemoteAudits.sshdConfig(host.privileged(), "sshd", sshd.configFile());
            assertThat(source.effective()).isTrue();
            assertThat(source.config().render()).contains("port " + sshd.port() + "\n");
            String local = ToolRun.run(Tools.path("sshd"), "-T", "-f", sshd.configFile().toString()).ok();
            assertThat(RemoteAudits.sshd(host.privileged(), "sshd", sshd.configFile()))
                    .isEqualTo(SshdConfig.parse(local, host.name() + ": sshd -T").audit());
            // without sudo, sshd -T cannot read the host key: the audit falls back to the file as written
            RemoteAudits.SshdSource files = RemoteAudits.sshdConfig(host, Tools.path("sshd"), sshd.configFile());
            assertThat(files.effective()).isFalse();
            assertThat(files.config().render()).isEqualTo(SshdConfig.read(sshd.configFile()).render());
            // the user's PATH lacks /usr/sbin: a plain "sshd" is not found, which also means the files
            assertThat(host.run(List.of("sh", "-c", "command -v sshd || echo none"), T).stdout()).isEqualTo("none\n");
            RemoteAudits.SshdSource plainName = RemoteAudits.sshdConfig(host, "sshd", sshd.configFile());
            assertThat(plainName.effective()).isFalse();
            assertThat(plainName.config().render()).isEqualTo(files.config().render());
        }
    }

    @Test
    void appliesALockoutSafeSshdHardeningThroughSudoAsANonRootUser() throws Exception {
        Path second = Files.createDirectory(dir.resolve("sshd2"));
        java.util.Set<Path> backupsBefore = SafeSshdApplyInteropTest.backups();
        try (TestSshd other = TestSshd.start(second, true, "Match User " + SUDOER + "," + PLAIN,
                "AuthorizedKeysFile .ssh/authorized_keys")) {
            ConnectOptions options = ConnectOptions.builder().key(key)
                    .hostKeys(HostKeyPolicy.knownHosts(other.knownHostsFile())).sudo(true).build();
            SshTarget target = SshTarget.of(SUDOER, "127.0.0.1", other.port());
            try (RemoteHost session = CONNECTOR.connect(target, options)) {
                SshdApplyResult r = SafeSshdApply.builder().configFile(other.configFile())
                        .reloadCommand(other.reloadCommand()).build()
                        .harden(session, CONNECTOR, HardeningBaseline.SEED.withAllowUsers(SUDOER));
                assertThat(r.outcome()).as(r.details() + other.log()).isEqualTo(SshdApplyResult.Outcome.APPLIED);
                // root logins are switched off: the realistic case where only sudo reaches root
                assertThat(Files.readString(other.configFile())).contains("AllowUsers " + SUDOER)
                        .contains("PermitRootLogin no");
                assertThat(Files.getOwner(other.configFile(), LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
                assertThat(session.run(List.of("true"), T).isSuccess()).isTrue();
            }
            try (RemoteHost fresh = CONNECTOR.connect(target, options)) {
                assertThat(fresh.run(List.of("id", "-un"), T).requireSuccess().stdout()).isEqualTo(SUDOER + "\n");
            }
        } finally {
            for (Path made : SafeSshdApplyInteropTest.backups()) {
                if (!backupsBefore.contains(made)) {
                    try (Stream<Path> files = Files.walk(made)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
    }

    /** Runs a shell command as the victim user, the way that user would rearrange their own home. */
    private static void asVictim(String script) {
        ToolRun.run(Tools.path("runuser"), "-u", VICTIM, "--", "sh", "-c", script, "sh", home(VICTIM).toString()).ok();
    }

    /** A root-owned 0700 directory holding a root-only 0600 file. */
    private static Path rootOnlyDirectory(String name) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Path secret = root.resolve("authorized_keys");
        Files.writeString(secret, "# root-only secret " + SUFFIX + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return root;
    }

    @Test
    void rootDoesNotFollowAUsersSymlinkedSshDirectoryToARootOwnedOne() throws Exception {
        Path root = rootOnlyDirectory("root-ssh-dir");
        asVictim("rm -rf \"$1/.ssh\" && ln -s " + root + " \"$1/.ssh\"");
        Path ssh = home(VICTIM).resolve(".ssh");
        String refusal = "refusing to read %s:" + ssh.resolve("authorized_keys") + " as " + VICTIM + ": " + ssh
                + " is a symbolic link; refusing to follow it";
        SshKeyPair other = SshKeyPair.generate(SshKeyType.ED25519);
        dev.bulwark.core.host.LocalHost local = dev.bulwark.core.host.LocalHost.create();
        assertThatThrownBy(() -> RemoteAuthorizedKeys.forUser(local, VICTIM).deploy(other.publicKey()))
                .isInstanceOf(IOException.class).hasMessage(String.format(refusal, local.name()));
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThatThrownBy(() -> RemoteAuthorizedKeys.forUser(host.privileged(), VICTIM).deploy(other.publicKey()))
                    .isInstanceOf(IOException.class).hasMessage(String.format(refusal, host.name()));
        }
        assertThat(Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(Files.getOwner(root.resolve("authorized_keys"), LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(root.resolve("authorized_keys")).hasContent("# root-only secret " + SUFFIX);
        try (var files = Files.list(root)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void rootDoesNotReadAUsersAuthorizedKeysLinkedToARootOnlyFile() throws Exception {
        Path root = rootOnlyDirectory("root-keys");
        asVictim("rm -rf \"$1/.ssh\" && mkdir -m 700 \"$1/.ssh\" && ln -s " + root.resolve("authorized_keys")
                + " \"$1/.ssh/authorized_keys\"");
        Path file = home(VICTIM).resolve(".ssh/authorized_keys");
        dev.bulwark.core.host.LocalHost local = dev.bulwark.core.host.LocalHost.create();
        assertThatThrownBy(() -> RemoteAuthorizedKeys.forUser(local, VICTIM).read())
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to read " + local.name() + ":" + file + " as " + VICTIM + ": " + file
                        + " is a symbolic link; refusing to follow it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        try (RemoteHost host = connect(SUDOER, true)) {
            assertThatThrownBy(() -> RemoteAuthorizedKeys.forUser(host.privileged(), VICTIM).list())
                    .isInstanceOf(IOException.class).hasMessageContaining("is a symbolic link; refusing to follow it");
        }
        assertThat(root.resolve("authorized_keys")).hasContent("# root-only secret " + SUFFIX);
    }

    @Test
    void rootDeploysIntoAUsersHomeAsThatUserWithStrictModes() throws Exception {
        asVictim("rm -rf \"$1/.ssh\"");
        SshKeyPair other = SshKeyPair.generate(SshKeyType.ED25519);
        RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.forUser(dev.bulwark.core.host.LocalHost.create(), VICTIM);
        assertThat(keys.deploy(other.publicKey())).isTrue();
        assertThat(keys.deploy(other.publicKey())).isFalse();
        assertThat(keys.fingerprints()).containsExactly(other.publicKey().fingerprintSha256());
        Path ssh = home(VICTIM).resolve(".ssh");
        for (Path p : List.of(ssh, ssh.resolve("authorized_keys"))) {
            assertThat(Files.isSymbolicLink(p)).isFalse();
            assertThat(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo(VICTIM);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh.resolve("authorized_keys"))))
                .isEqualTo("rw-------");
        // A directory the user does not own is refused too (sshd's StrictModes would ignore the file).
        ToolRun.run("chown", "root:root", ssh.toString()).ok();
        assertThatThrownBy(() -> keys.deploy(SshKeyPair.generate(SshKeyType.ED25519).publicKey()))
                .isInstanceOf(IOException.class).hasMessageEndingWith(ssh + " is not owned by " + VICTIM);
    }
}
