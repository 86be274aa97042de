package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.Placement;
import dev.bulwark.ssh.config.SshdKeyword;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
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
@RequiresTool({"sshd", "ssh", "ssh-keygen", "setsid", "ss", "ip"})
class SafeSshdApplyInteropTest {

    @TempDir
    Path dir;
    TestSshd sshd;
    SshKeyPair key;
    String original;
    static final SshConnector CONNECTOR = SshConnector.create();

    java.util.Set<Path> backupsBefore;

    static java.util.Set<Path> backups() throws java.io.IOException {
        try (var list = Files.list(Path.of("/var/tmp"))) {
            return list.filter(p -> p.getFileName().toString().startsWith("bulwark-sshd."))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @BeforeEach
    void start() throws Exception {
        backupsBefore = backups();
        key = SshKeyPair.generate();
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        sshd = TestSshd.start(dir);
        original = Files.readString(sshd.configFile());
    }

    /** sshd processes a test's apply started again (after the fixture's own one died): stopped after the test. */
    final List<Long> restarted = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        sshd.close();
        for (long pid : restarted) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().join();
            });
        }
        // The backups this test made are kept on a real host by design; here they are test litter.
        for (Path made : backups()) {
            if (!backupsBefore.contains(made)) {
                try (var files = Files.walk(made)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
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

    @Test
    void theBackupCopiesARelativeIncludeFromEtcSshWhereSshdReadsIt() throws Exception {
        String name = "bulwark-test-" + java.util.UUID.randomUUID() + ".conf";
        Path live = Path.of("/etc/ssh", name);
        Files.writeString(dir.resolve(name), "MaxAuthTries 5\n"); // beside the main file: not what sshd reads
        Path main = dir.resolve("relative_sshd_config");
        Files.writeString(main, "Include " + name + "\n");
        try (RemoteHost session = connect()) {
            Files.writeString(live, "MaxAuthTries 3\n");
            SshdBackup backup = SshdBackup.create(session, main, dev.bulwark.ssh.config.SshdConfig.read(main),
                    List.of("true"), Duration.ofSeconds(20));
            String restore = Files.readString(Path.of(backup.directory(), "restore.sh"));
            assertThat(restore).contains("mv -f -- " + live + ".bulwark-restore " + live + "\n").doesNotContain(dir.resolve(name).toString());
            assertThat(Files.readString(Path.of(backup.directory(), "2"))).isEqualTo("MaxAuthTries 3\n");
        } finally {
            Files.deleteIfExists(live);
        }
    }

    @Test
    void hardeningRewritesAnIncludedDropInAndBacksItUp() throws Exception {
        sshd.close();
        Path dropIns = Files.createDirectories(dir.resolve("conf.d"));
        Path dropIn = dropIns.resolve("50-cloud.conf");
        Files.writeString(dropIn, "X11Forwarding yes\n");
        sshd = TestSshd.start(dir, "Include " + dropIns + "/*.conf");
        original = Files.readString(sshd.configFile());
        HardeningBaseline baseline = HardeningBaseline.SEED.with(SshdKeyword.PERMIT_ROOT_LOGIN, "prohibit-password");
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().harden(session, CONNECTOR, baseline);
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.APPLIED);
            assertThat(Files.readString(dropIn)).isEqualTo("X11Forwarding no\n");
            assertThat(r.backup()).hasValueSatisfying(b -> {
                assertThat(Path.of(b, "1")).hasContent(original);
                assertThat(Path.of(b, "2")).hasContent("X11Forwarding yes\n");
            });
            stillAnswers(session);
        }
    }

    /** The pid of the sshd listening on the fixture's port (sshd writes its pid file only after it listens). */
    long daemonPid() throws Exception {
        return SshdDaemon.find(dev.bulwark.core.host.LocalHost.create(), sshd.port(), Duration.ofSeconds(20)).pid();
    }

    @Test
    void aListenAddressTheHostLacksIsRefusedBeforeAnyReload() throws Exception {
        long pid = daemonPid();
        try (RemoteHost session = connect()) {
            SshdApplyResult r = apply().build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.LISTEN_ADDRESS, "10.254.254.254"));
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.REFUSED);
            assertThat(r.details()).containsExactly("ListenAddress 10.254.254.254:" + sshd.port() + " is not an address of "
                    + session.name() + " (not in its local routing table), so sshd cannot listen there; with no address"
                    + " left to listen on, a reload stops sshd");
            assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
            assertThat(sshd.log()).doesNotContain("Received SIGHUP");
            assertThat(daemonPid()).isEqualTo(pid);
            stillAnswers(session);
        }
    }

    @Test
    void anSshdThatDiesOnReloadIsStartedAgainWithItsCommandLineFromTheRestoredConfig() throws Exception {
        long pid = daemonPid();
        try (RemoteHost session = connect()) {
            // Without the pre-checks the unbindable address reaches the reload, and the real sshd exits.
            SshdApplyResult r = apply().preChecks(false).build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.LISTEN_ADDRESS, "10.254.254.254"));
            assertThat(sshd.awaitLog("Cannot bind any address")).contains("Cannot bind any address");
            long now = daemonPid();
            if (now != pid) {
                restarted.add(now);
            }
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.RESTARTED);
            assertThat(r.details()).containsExactly(
                    "sshd exited when reloaded with the new configuration (no process listens on port " + sshd.port()
                            + " any more)",
                    "restored the previous configuration and started sshd again through the command line it was started"
                            + " with (" + Tools.path("sshd") + " -D -e -f " + sshd.configFile() + ")",
                    "new connections work again");
            assertThat(ProcessHandle.of(pid)).isEmpty();
            assertThat(now).isNotEqualTo(pid);
            assertThat(ProcessHandle.of(now)).isPresent();
            assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
            stillAnswers(session);
        }
    }

    @Test
    void theTimedRevertStartsAnSshdThatDiedOnReloadWhenNobodyIsLeftToDoIt() throws Exception {
        long pid = daemonPid();
        Path revertPidFile;
        try (RemoteHost session = connect()) {
            SshdDaemon daemon = SshdDaemon.find(session, sshd.port(), Duration.ofSeconds(20));
            SshdBackup backup = SshdBackup.create(session, sshd.configFile(),
                    dev.bulwark.ssh.config.SshdConfig.parse(original, sshd.configFile().toString()),
                    sshd.reloadCommand(), java.util.Optional.of(daemon), Duration.ofSeconds(20));
            backup.armRevert(Duration.ofSeconds(5));
            revertPidFile = Path.of(backup.directory(), "revert.pid");
            session.writeFile(sshd.configFile(), original.replace("ListenAddress 127.0.0.1", "ListenAddress 10.254.254.254")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), dev.bulwark.core.io.FileMode.PUBLIC);
            session.run(sshd.reloadCommand(), Duration.ofSeconds(20)).requireSuccess();
        }
        assertThat(sshd.awaitLog("Cannot bind any address")).contains("Cannot bind any address");
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        long revert = Long.parseLong(Files.readString(revertPidFile).strip());
        ProcessHandle.of(revert).ifPresent(h -> h.onExit().join());
        assertThat(Files.readString(sshd.configFile())).isEqualTo(original);
        RemoteHost fresh = null;
        for (int i = 0; i < 100 && fresh == null; i++) {
            try {
                fresh = connect();
            } catch (java.net.ConnectException notYetListening) {
                Thread.sleep(100);
            }
        }
        assertThat(fresh).as("a new connection to the restarted sshd").isNotNull();
        try (RemoteHost session = fresh) {
            restarted.add(daemonPid());
            assertThat(daemonPid()).isNotEqualTo(pid);
            assertThat(session.run(List.of("true"), Duration.ofSeconds(20)).isSuccess()).isTrue();
        }
    }

    @Test
    void aListenAddressWithoutPortIsAppliedAsSshdMeansIt() throws Exception {
        sshd.close();
        sshd = TestSshd.start(dir, "ListenAddress 127.0.0.2");
        try (RemoteHost session = connect()) {
            // sshd -T shows the address with the port ("127.0.0.1:PORT"): the same thing as intended.
            SshdApplyResult r = apply().build().apply(session, CONNECTOR,
                    c -> c.set(Placement.global(), SshdKeyword.LISTEN_ADDRESS, "127.0.0.1"));
            assertThat(r.outcome()).as(r.details() + sshd.log()).isEqualTo(SshdApplyResult.Outcome.APPLIED);
            assertThat(r.diff()).contains("-ListenAddress 127.0.0.2");
            assertThat(session.run(List.of("ss", "-Hltn", "sport = :" + sshd.port()), Duration.ofSeconds(20)).stdout())
                    .contains("127.0.0.1:" + sshd.port()).doesNotContain("127.0.0.2");
            stillAnswers(session);
        }
    }
}
