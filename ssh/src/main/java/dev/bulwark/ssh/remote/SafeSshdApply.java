package dev.bulwark.ssh.remote;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.SshdChange;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdHardening;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes sshd's configuration on a host without locking the operator out. In order: read the
 * main file, compute the change (a dry run stops here with the diff), check that this session could
 * still log in ({@link LockoutChecks}), back up the main file and every included file, arm a timed
 * revert <em>on the host</em> (a detached {@code sleep; restore; reload} that survives a dropped
 * connection), install the new files atomically, validate with {@code sshd -t}, compare
 * {@code sshd -T -C user=…,addr=…} with what the change intends, check that the host has every
 * address sshd would listen on, reload, log in over a <em>new</em> connection, and then either
 * commit (cancel the revert) or restore and reload at once. The original session stays open
 * throughout.
 *
 * <p>A reload can kill sshd (an address it cannot bind, a resource it cannot get). Before changing
 * anything, the daemon listening on the session's port is identified with the means that started
 * it: its systemd unit, or its command line. When the daemon is gone after a reload, the old files
 * are restored and sshd is started again that way ({@link SshdApplyResult.Outcome#RESTARTED}); the
 * timed revert on the host does the same when the connection was lost. A daemon that cannot be
 * identified is a refusal, before anything changes.
 *
 * <pre>{@code
 * SshdApplyResult r = SafeSshdApply.builder().build().harden(session, connector, HardeningBaseline.SEED);
 * }</pre>
 *
 * <p>The main file and the files it includes are read from the host ({@link SshdConfig#read(Host, Path)}),
 * so an edit such as {@link SshdHardening} can rewrite a drop-in's line too; whatever still
 * overrides an intended value shows up as {@code NOT_AS_INTENDED}.
 */
public final class SafeSshdApply {

    private static final Logger LOG = LoggerFactory.getLogger(SafeSshdApply.class);
    private static final Duration STEP = Duration.ofSeconds(60);

    private final Path configFile;
    private final String sshd;
    private final List<String> reloadCommand;
    private final Duration revertAfter;
    private final Duration reconnectWait;
    private final boolean dryRun;
    private final boolean preChecks;

    private SafeSshdApply(Builder b) {
        this.configFile = b.configFile;
        this.sshd = b.sshd;
        this.reloadCommand = List.copyOf(b.reloadCommand);
        this.revertAfter = b.revertAfter;
        this.reconnectWait = b.reconnectWait;
        this.dryRun = b.dryRun;
        this.preChecks = b.preChecks;
    }

    /** A builder with Debian's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Applies a hardening baseline ({@link SshdHardening}) lockout-safely. */
    public SshdApplyResult harden(RemoteHost session, SshConnector connector, HardeningBaseline baseline)
            throws IOException {
        return apply(session, connector, config -> SshdHardening.harden(config, baseline).change());
    }

    /**
     * Applies an edit of the main file lockout-safely; the new connection uses the session's own
     * target and options.
     *
     * @param edit computes the change from the configuration as read from the host
     */
    public SshdApplyResult apply(RemoteHost session, SshConnector connector, Function<SshdConfig, SshdChange> edit)
            throws IOException {
        Objects.requireNonNull(connector, "connector");
        Host root = session.privileged();
        SshdConfig before = SshdConfig.read(root, configFile);
        SshdChange change = edit.apply(before);
        String diff = change.diff();
        if (change.isEmpty()) {
            return new SshdApplyResult(SshdApplyResult.Outcome.NO_CHANGE, "", List.of(), Optional.empty());
        }
        if (dryRun) {
            return new SshdApplyResult(SshdApplyResult.Outcome.DRY_RUN, diff, List.of(), Optional.empty());
        }
        ConnectionSpec spec = sessionSpec(session);
        if (preChecks) {
            List<String> problems = new LockoutChecks(spec, session.keyAlgorithms(), connector.algorithms())
                    .problems(change.after());
            if (!problems.isEmpty()) {
                return new SshdApplyResult(SshdApplyResult.Outcome.REFUSED, diff, problems, Optional.empty());
            }
        }
        int port = spec.localPort();
        SshdDaemon daemon;
        try {
            daemon = SshdDaemon.find(root, port, STEP);
        } catch (IOException e) {
            return new SshdApplyResult(SshdApplyResult.Outcome.REFUSED, diff, List.of(e.getMessage()), Optional.empty());
        }
        SshdBackup backup = SshdBackup.create(root, configFile, before, reloadCommand, Optional.of(daemon), STEP);
        String backupDir = backup.directory();
        backup.armRevert(revertAfter);
        LOG.debug("armed revert of {} on {} in {}", configFile, session.name(), revertAfter);
        change.write(root);
        CommandResult test = root.run(List.of(sshd, "-t", "-f", configFile.toString()), STEP);
        if (!test.isSuccess()) {
            backup.restore(false);
            return new SshdApplyResult(SshdApplyResult.Outcome.INVALID, diff, lines(test.stderr()), Optional.of(backupDir));
        }
        CommandResult shown = root.run(List.of(sshd, "-T", "-f", configFile.toString(), "-C", spec.toTestSpec()), STEP);
        List<String> differences = shown.isSuccess()
                ? IntendedValues.differences(before, change.after(), spec, shown.stdout())
                : lines("sshd -T failed: " + shown.stderr());
        if (!differences.isEmpty()) {
            backup.restore(false);
            return new SshdApplyResult(SshdApplyResult.Outcome.NOT_AS_INTENDED, diff, differences, Optional.of(backupDir));
        }
        if (preChecks) {
            List<String> notLocal = ListenAddresses.notLocal(root, IntendedValues.shownLines(shown.stdout(), "listenaddress"), STEP);
            if (!notLocal.isEmpty()) {
                backup.restore(false);
                return new SshdApplyResult(SshdApplyResult.Outcome.REFUSED, diff, notLocal, Optional.of(backupDir));
            }
        }
        java.util.Set<String> listeners = Reconnect.listenerInodes(root, port, STEP);
        CommandResult reload = root.run(reloadCommand, STEP);
        boolean died = reload.isSuccess() && Reconnect.awaitReload(root, daemon, port, listeners, reconnectWait, STEP)
                == Reconnect.Reload.DIED;
        if (died) {
            return revive(session, connector, daemon, backup, diff, port,
                    "sshd exited when reloaded with the new configuration (no process listens on port " + port + " any more)");
        }
        Optional<String> failure = reload.isSuccess()
                ? Reconnect.tryLogin(connector, session.target(), session.options(), reconnectWait)
                : Optional.of("the reload command failed: " + String.join(" ", lines(reload.stderr())));
        if (failure.isEmpty()) {
            backup.commit();
            return new SshdApplyResult(SshdApplyResult.Outcome.APPLIED, diff, List.of(), Optional.of(backupDir));
        }
        listeners = Reconnect.listenerInodes(root, port, STEP);
        backup.restore(true);
        if (Reconnect.awaitReload(root, daemon, port, listeners, reconnectWait, STEP) == Reconnect.Reload.DIED) {
            return revive(session, connector, daemon, backup, diff, port, "a new connection failed after the reload ("
                    + failure.get() + "), and sshd exited when reloaded with the restored configuration");
        }
        List<String> details = new ArrayList<>();
        details.add("a new connection failed after the reload: " + failure.get());
        Reconnect.tryLogin(connector, session.target(), session.options(), reconnectWait).ifPresentOrElse(
                f -> details.add("after restoring, a new connection still fails: " + f),
                () -> details.add("restored the previous configuration; new connections work again"));
        return new SshdApplyResult(SshdApplyResult.Outcome.ROLLED_BACK, diff, details, Optional.of(backupDir));
    }

    /**
     * sshd is gone: restores the old files (if not yet), starts sshd the way the host started it,
     * waits for it to listen and logs in over a new connection.
     */
    private SshdApplyResult revive(RemoteHost session, SshConnector connector, SshdDaemon daemon, SshdBackup backup,
                                   String diff, int port, String why) throws IOException {
        Host root = session.privileged();
        LOG.warn("{} on {}; restoring and starting it again through {}", why, session.name(), daemon.means());
        List<String> details = new ArrayList<>();
        details.add(why);
        // The restore script starts sshd instead of reloading it when its process is gone.
        backup.restore(true);
        details.add("restored the previous configuration and started sshd again through " + daemon.means());
        if (!Reconnect.awaitListening(root, port, reconnectWait, STEP)) {
            details.add("after restarting, nothing listens on port " + port + " within " + reconnectWait);
        }
        Reconnect.tryLogin(connector, session.target(), session.options(), reconnectWait).ifPresentOrElse(
                f -> details.add("after restarting, a new connection still fails: " + f),
                () -> details.add("new connections work again"));
        return new SshdApplyResult(SshdApplyResult.Outcome.RESTARTED, diff, details, Optional.of(backup.directory()));
    }

    private static ConnectionSpec sessionSpec(RemoteHost session) throws IOException {
        Host host = session;
        String conn = host.run(List.of("sh", "-c", "printf %s \"$SSH_CONNECTION\""), STEP).requireSuccess().stdout().strip();
        String[] f = conn.split(" ");
        if (f.length != 4) {
            throw new IOException("the session on " + session.name() + " has no SSH_CONNECTION to tell which address "
                    + "and port sshd sees");
        }
        String groups = host.run(List.of("id", "-Gn"), STEP).requireSuccess().stdout().strip();
        return ConnectionSpec.of(session.target().user(), f[0], f[0]).withGroups(groups.split("\\s+"))
                .withLocal(f[2], Integer.parseInt(f[3]));
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SafeSshdApply[" + configFile + ", reload " + reloadCommand + ", revert after " + revertAfter
                + (dryRun ? ", dry run" : "") + (preChecks ? "" : ", NO pre-checks") + "]";
    }

    /** Builds a {@link SafeSshdApply}. */
    public static final class Builder {
        private Path configFile = RemoteAudits.SSHD_CONFIG;
        private String sshd = "sshd";
        private List<String> reloadCommand = List.of("systemctl", "reload", "ssh");
        private Duration revertAfter = Duration.ofSeconds(120);
        private Duration reconnectWait = Duration.ofSeconds(15);
        private boolean dryRun;
        private boolean preChecks = true;

        private Builder() {
        }

        /** The main configuration file on the host; default {@code /etc/ssh/sshd_config}. */
        public Builder configFile(Path file) {
            RemoteFiles.absolute(file);
            this.configFile = file;
            return this;
        }

        /** The sshd program on the host; default {@code sshd} (found on root's PATH). */
        public Builder sshd(String program) {
            this.sshd = Objects.requireNonNull(program, "program");
            return this;
        }

        /** The command that makes sshd re-read its configuration; default {@code systemctl reload ssh} (Debian). */
        public Builder reloadCommand(List<String> command) {
            if (command.isEmpty()) {
                throw new ValidationException("reloadCommand must not be empty");
            }
            this.reloadCommand = List.copyOf(command);
            return this;
        }

        /** When the armed revert restores the old configuration unless committed; default 120 s. */
        public Builder revertAfter(Duration delay) {
            if (delay.getSeconds() < 5) {
                throw new ValidationException("revertAfter must be at least 5 seconds, not " + delay);
            }
            this.revertAfter = delay;
            return this;
        }

        /** How long the new connection is retried while sshd restarts listening; default 15 s. */
        public Builder reconnectWait(Duration wait) {
            this.reconnectWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** Only compute the diff; default false. */
        public Builder dryRun(boolean dry) {
            this.dryRun = dry;
            return this;
        }

        /**
         * Whether the lockout pre-checks run; default true. Turning them off leaves only the
         * new-connection check and the armed revert as the safety net (tests use this to prove it).
         */
        public Builder preChecks(boolean check) {
            this.preChecks = check;
            return this;
        }

        /** The configured apply. */
        public SafeSshdApply build() {
            if (revertAfter.compareTo(reconnectWait.multipliedBy(2).plusSeconds(10)) < 0) {
                throw new ValidationException("revertAfter " + revertAfter + " must leave time for the new connection ("
                        + "at least twice reconnectWait " + reconnectWait + " plus 10 s)");
            }
            return new SafeSshdApply(this);
        }
    }
}
