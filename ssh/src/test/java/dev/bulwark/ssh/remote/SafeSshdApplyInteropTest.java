package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.Placement;
import dev.bulwark.ssh.config.SshdKeyword;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockout-safe sshd changes against a real sshd on loopback, reloaded with SIGHUP. */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "setsid"})
class SafeSshdApplyInteropTest {

    @TempDir
    Path dir;
    TestSshd sshd;
    SshKeyPair key;
    String original;
    static final SshConnector CONNECTOR = SshConnector.create();

    @BeforeEach
    void start() throws Exception {
        key = SshKeyPair.generate();
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        sshd = TestSshd.start(dir);
        original = Files.readString(sshd.configFile());
    }

    @AfterEach
    void stop() {
        sshd.close();
    }

    RemoteHost connect() throws Exception {
        return CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()),
                ConnectOptions.builder().key(key).hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build());
    }

    SafeSshdApply.Builder apply() {
        return SafeSshdApply.builder().configFile(sshd.configFile()).reloadCommand(sshd.reloadCommand());
    }

    void stillAnswers(RemoteHost session) throws Exception {
        assertThat(session.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).as("original session").isTrue();
        try (RemoteHost fresh = connect()) {
            assertThat(fresh.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).as("new session").isTrue();
        }
    }

    @Test
    void appliesAGoodHardeningAndTheHostStillAnswers() throws Exception {
        HardeningBaseline baseline = HardeningBaseline.SEED.with(SshdKeyword.PERMIT_ROOT_LOGIN, "prohibit-password")
                .withAllowUsers(TestSshd.user());
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().harden(session, CONNECTOR, baseline);
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.APPLIED);
            assertThat(r.diff()).contains("+MaxAuthTries 3").contains("+AllowUsers " + TestSshd.user());
            assertThat(Files.readString(sshd.configFile())).contains("MaxAuthTries 3");
            assertThat(r.backup()).hasValueSatisfying(b -> assertThat(Path.of(b, "1")).hasContent(original));
            String shown = session.run(List.of("sshd", "-T", "-f", sshd.configFile().toString()), Duration.ofSeconds(20))
                    .stdout();
            assertThat(shown).contains("maxauthtries 3");
            stillAnswers(session);
        }
    }

    @Test
    void aDryRunShowsTheDiffAndChangesNothing() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().dryRun(true).build()
                    .apply(session, CONNECTOR, c -> c.set(Placement.global(), SshdKeyword.MAX_AUTH_TRIES, "2"));
            assertThat(r.outcome()).isEqualTo(SshdApplyResult.Outcome.DRY_RUN);
            assertThat(r.diff()).contains("+MaxAuthTries 2");
        }
        assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
    }

    @Test
    void refusesAllowUsersNobodyBeforeChangingAnything() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build()
                    .apply(session, CONNECTOR, c -> c.set(Placement.global(), SshdKeyword.ALLOW_USERS, "nobody"));
            assertThat(r.outcome()).isEqualTo(SshdApplyResult.Outcome.REFUSED);
            assertThat(r.details()).containsExactly("AllowUsers nobody would not allow " + TestSshd.user());
            assertThat(r.backup()).isEmpty();
        }
        assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
    }

    @Test
    void refusesPostQuantumOnlyKeyExchangeThatWouldLockSshjOut() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.KEX_ALGORITHMS, "sntrup761x25519-sha512@openssh.com"));
            assertThat(r.outcome()).isEqualTo(SshdApplyResult.Outcome.REFUSED);
            assertThat(r.details()).singleElement().asString()
                    .startsWith("KexAlgorithms sntrup761x25519-sha512@openssh.com shares no algorithm with this client");
        }
        assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
    }

    @Test
    void withoutPreChecksALockingConfigIsCaughtByTheNewConnectionAndRolledBack() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().preChecks(false).build()
                    .apply(session, CONNECTOR, c -> c.set(Placement.global(), SshdKeyword.ALLOW_USERS, "nobody"));
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.ROLLED_BACK);
            assertThat(r.details()).first().asString().startsWith("a new connection failed after the reload: authentication as");
            assertThat(r.details()).contains("restored the previous configuration; new connections work again");
            assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
            stillAnswers(session);
        }
    }

    @Test
    void aLockoutNoPreCheckCanSeeIsRolledBackToo() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.AUTHORIZED_KEYS_FILE, dir.resolve("empty").toString()));
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.ROLLED_BACK);
            assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
            stillAnswers(session);
        }
    }

    @Test
    void aConfigSshdRejectsIsRestoredBeforeAnyReload() throws Exception {
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.HOST_KEY, dir.resolve("no-such-host-key").toString()));
            assertThat(r.outcome()).as(r.details().toString()).isEqualTo(SshdApplyResult.Outcome.INVALID);
            assertThat(String.join("\n", r.details())).contains("no-such-host-key");
            assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
            stillAnswers(session);
        }
    }

    @Test
    void theArmedRevertRestoresTheOldConfigOnItsOwnAfterTheConnectionIsGone() throws Exception {
        Path revertPidFile;
        try (RemoteHost session = connect()) {
            SshdBackup backup = SshdBackup.create(session, sshd.configFile(),
                    dev.bulwark.ssh.config.SshdConfig.parse(original, sshd.configFile().toString()),
                    sshd.reloadCommand(), Duration.ofSeconds(20));
            backup.armRevert(Duration.ofSeconds(5));
            revertPidFile = Path.of(backup.directory(), "revert.pid");
            session.writeFile(sshd.configFile(), (original + "MaxAuthTries 2\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    dev.bulwark.core.io.FileMode.PUBLIC);
        }
        assertThat(Files.readString(sshd.configFile())).endsWith("MaxAuthTries 2\n");
        long pid = Long.parseLong(Files.readString(revertPidFile).strip());
        // The revert is a process on the host, independent of the closed connection: wait for it to finish.
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
        try (RemoteHost fresh = connect()) {
            assertThat(fresh.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
        }
    }

    @Test
    void committingCancelsTheRevertProcess() throws Exception {
        try (RemoteHost session = connect()) {
            SshdBackup backup = SshdBackup.create(session, sshd.configFile(),
                    dev.bulwark.ssh.config.SshdConfig.parse(original, sshd.configFile().toString()),
                    sshd.reloadCommand(), Duration.ofSeconds(20));
            backup.armRevert(Duration.ofSeconds(60));
            long pid = Long.parseLong(Files.readString(Path.of(backup.directory(), "revert.pid")).strip());
            assertThat(ProcessHandle.of(pid)).isPresent();
            backup.commit();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").equals("sleep 60")))
                    .isEmpty();
        }
    }
}
