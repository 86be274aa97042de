package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.config.Directive;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdKeyword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A backup of sshd's main file and included files in a private directory on the host, with a
 * restore script and the timed revert that runs it. Not API.
 */
final class SshdBackup {

    private static final String COPY = "umask 077; set -e; main=$1; shift; b=$(mktemp -d /var/tmp/bulwark-sshd.XXXXXXXX);"
            + " printf '%s\\n' \"$b\"; cd \"$(dirname -- \"$main\")\"; n=0;"
            + " for f in \"$main\" \"$@\"; do for g in $f; do [ -f \"$g\" ] || continue; n=$((n+1));"
            + " cp -p -- \"$g\" \"$b/$n\"; case $g in /*) a=$g;; *) a=$PWD/$g;; esac; printf '%s\\t%s\\n' \"$n\" \"$a\"; done; done";

    private final Host root;
    private final String dir;
    private final Duration step;
    private String revertPid;

    private SshdBackup(Host root, String dir, Duration step) {
        this.root = root;
        this.dir = dir;
        this.step = step;
    }

    /** Copies the main file and every file its {@code Include} lines name, and writes the restore script. */
    static SshdBackup create(Host root, Path configFile, SshdConfig config, List<String> reload, Duration step)
            throws IOException {
        return create(root, configFile, config, reload, Optional.empty(), step);
    }

    /**
     * Like {@link #create(Host, Path, SshdConfig, List, Duration)}; the restore script's reload starts
     * {@code daemon} again instead when its process is gone (a reload that killed it, with nobody
     * connected to notice), so that the timed revert also revives a dead sshd.
     */
    static SshdBackup create(Host root, Path configFile, SshdConfig config, List<String> reload,
                             Optional<SshdDaemon> daemon, Duration step) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", COPY, "sh", configFile.toString()));
        for (Directive include : config.directives(SshdKeyword.INCLUDE)) {
            for (String pattern : include.arguments()) { // where sshd looks (relative: /etc/ssh), not the main file's folder
                command.add(config.includeRoot().map(r -> r.resolve(pattern)).orElse(pattern));
            }
        }
        String[] out = root.run(command, step).requireSuccess().stdout().split("\n");
        String dir = out[0].strip();
        if (!dir.startsWith("/var/tmp/bulwark-sshd.")) {
            throw new IOException("backing up sshd's configuration on " + root.name() + " printed no backup directory");
        }
        StringBuilder script = new StringBuilder("set -e\n");
        for (int i = 1; i < out.length; i++) {
            String[] f = out[i].split("\t", 2);
            String target = f[1];
            String staged = target + ".bulwark-restore";
            script.append("cp -p -- ").append(ShellQuoting.quote(dir + "/" + f[0])).append(' ')
                    .append(ShellQuoting.quote(staged)).append(" && mv -f -- ").append(ShellQuoting.quote(staged))
                    .append(' ').append(ShellQuoting.quote(target)).append('\n');
        }
        if (daemon.isPresent() && daemon.get().canDie()) {
            script.append("if [ \"$1\" = reload ]; then\n  if kill -0 ").append(daemon.get().pid())
                    .append(" 2>/dev/null; then ").append(ShellQuoting.join(reload)).append("\n  else ")
                    .append(ShellQuoting.join(daemon.get().restartCommand())).append("\n  fi\nfi\n");
        } else {
            script.append("if [ \"$1\" = reload ]; then ").append(ShellQuoting.join(reload)).append("; fi\n");
        }
        SshdBackup backup = new SshdBackup(root, dir, step);
        root.writeFile(Path.of(dir, "restore.sh"), script.toString().getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
        return backup;
    }

    String directory() {
        return dir;
    }

    /** Starts a detached {@code sleep; restore; reload} on the host that outlives this connection. */
    void armRevert(Duration after) throws IOException {
        String arm = "setsid nohup sh -c 'sleep \"$1\"; [ -e \"$2/committed\" ] || sh \"$2/restore.sh\" reload' sh \"$1\" \"$2\""
                + " >/dev/null 2>&1 </dev/null & printf '%s' \"$!\" > \"$2/revert.pid\"; printf '%s' \"$!\"";
        String pid = root.run(List.of("sh", "-c", arm, "sh", Long.toString(after.getSeconds()), dir), step)
                .requireSuccess().stdout().strip();
        if (!pid.matches("[0-9]+")) {
            throw new IOException("arming the revert on " + root.name() + " printed no process id");
        }
        revertPid = pid;
    }

    /** Cancels the revert: the new configuration stays. */
    void commit() throws IOException {
        cancel();
    }

    /** Cancels the revert and restores the old files now (and reloads sshd when {@code reload}). */
    void restore(boolean reload) throws IOException {
        cancel();
        List<String> command = new ArrayList<>(List.of("sh", dir + "/restore.sh"));
        if (reload) {
            command.add("reload");
        }
        root.run(command, step).requireSuccess();
    }

    private void cancel() throws IOException {
        root.run(List.of("sh", "-c", "touch \"$1/committed\"; kill -TERM \"-$2\" 2>/dev/null || kill -TERM \"$2\" 2>/dev/null;"
                + " true", "sh", dir, revertPid), step).requireSuccess();
    }
}
