package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sshd daemon that listens on a port, and how the host started it: a systemd unit, or a
 * command line (read from {@code /proc/PID/cmdline}; OpenSSH overwrites it with a title such as
 * {@code sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups}, which still names the program
 * and its arguments). Used to tell whether a reload killed the daemon and to start it again the
 * way it was started. Not API.
 */
final class SshdDaemon {

    /** Prints the listening process's name and pid, its command line (arguments separated by 0x1f) and its cgroups. */
    private static final String PROBE = "line=$(ss -Hltnp \"sport = :$1\" | grep -o 'users:((\"[^\"]*\",pid=[0-9]*' | head -n 1);"
            + " [ -n \"$line\" ] || exit 3; name=${line#*\\\"}; name=${name%%\\\"*}; pid=${line##*pid=};"
            + " printf 'name %s\\npid %s\\ncmdline ' \"$name\" \"$pid\"; tr '\\0' '\\037' < \"/proc/$pid/cmdline\"; echo;"
            + " sed 's/^/cgroup /' \"/proc/$pid/cgroup\"";
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@._:\\-]+\\.service");
    private static final Pattern TITLE = Pattern.compile("sshd: (/\\S.*?)(?: \\[listener\\].*)?");

    private final long pid;
    private final List<String> commandLine;
    private final Optional<String> unit;
    private final boolean socketActivated;

    private SshdDaemon(long pid, List<String> commandLine, Optional<String> unit, boolean socketActivated) {
        this.pid = pid;
        this.commandLine = List.copyOf(commandLine);
        this.unit = unit;
        this.socketActivated = socketActivated;
    }

    /**
     * The daemon listening on {@code port}, or why it cannot be told (then a dying daemon could not be
     * restarted, and the caller should not reload).
     */
    static SshdDaemon find(Host root, int port, Duration step) throws IOException {
        CommandResult r = root.run(List.of("sh", "-c", PROBE, "sh", Integer.toString(port)), step);
        if (!r.isSuccess()) {
            throw new IOException("cannot tell which process listens on port " + port + " of " + root.name()
                    + " (ss -ltnp names none), so sshd could not be started again if a reload killed it");
        }
        return parse(r.stdout(), port, root.name());
    }

    /** Reads the probe's output. */
    static SshdDaemon parse(String probe, int port, String hostName) throws IOException {
        String name = "";
        long pid = -1;
        String cmdline = "";
        Optional<String> unit = Optional.empty();
        for (String line : probe.split("\n")) {
            if (line.startsWith("name ")) {
                name = line.substring(5);
            } else if (line.startsWith("pid ")) {
                pid = Long.parseLong(line.substring(4).strip());
            } else if (line.startsWith("cmdline ")) {
                cmdline = line.substring(8);
            } else if (line.startsWith("cgroup ")) {
                String path = line.substring(line.lastIndexOf(':') + 1);
                String last = path.substring(path.lastIndexOf('/') + 1);
                if (UNIT.matcher(last).matches() && !last.startsWith("user@")) {
                    unit = Optional.of(last);
                }
            }
        }
        if (pid < 0) {
            throw new IOException("no process id for the listener on port " + port + " of " + hostName);
        }
        if (name.equals("systemd")) {
            // Socket activation: systemd listens and starts sshd per connection; there is no daemon to die.
            return new SshdDaemon(pid, List.of(), Optional.empty(), true);
        }
        List<String> argv = arguments(cmdline);
        if (unit.isEmpty() && (argv.isEmpty() || !argv.get(0).startsWith("/"))) {
            throw new IOException("the sshd listening on port " + port + " of " + hostName + " (pid " + pid
                    + ") was started neither by a systemd unit nor with a command line Bulwark can read back ('"
                    + excerpt(cmdline) + "'), so it could not be started again if a reload killed it");
        }
        return new SshdDaemon(pid, argv, unit, false);
    }

    /** The arguments of a {@code /proc/PID/cmdline} read with 0x1f between arguments. */
    static List<String> arguments(String cmdline) {
        String text = cmdline.endsWith("\u001f") ? cmdline.substring(0, cmdline.length() - 1) : cmdline;
        List<String> argv = new ArrayList<>();
        if (text.indexOf('\u001f') >= 0) {
            argv.addAll(List.of(text.split("\u001f", -1)));
            return argv;
        }
        Matcher title = TITLE.matcher(text);
        String words = title.matches() ? title.group(1) : text;
        for (String w : words.strip().split(" +")) {
            if (!w.isEmpty()) {
                argv.add(w);
            }
        }
        return argv;
    }

    private static String excerpt(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    long pid() {
        return pid;
    }

    /** Whether the daemon can die on a reload at all (not when systemd's socket activation listens). */
    boolean canDie() {
        return !socketActivated;
    }

    /** The command that starts sshd again as the host started it; empty under socket activation. */
    List<String> restartCommand() {
        if (socketActivated) {
            return List.of();
        }
        if (unit.isPresent()) {
            return List.of("systemctl", "restart", unit.get());
        }
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "setsid nohup \"$@\" >/dev/null 2>&1 </dev/null & exit 0", "sh"));
        command.addAll(commandLine);
        return command;
    }

    /** How {@link #restartCommand()} starts it, for the result's details. */
    String means() {
        return unit.map(u -> "its systemd unit (systemctl restart " + u + ")")
                .orElse("the command line it was started with (" + String.join(" ", commandLine) + ")");
    }

    /** Whether the process is still there. */
    boolean alive(Host root, Duration step) throws IOException {
        if (socketActivated) {
            return true;
        }
        return root.run(List.of("sh", "-c", "kill -0 \"$1\" 2>/dev/null", "sh", Long.toString(pid)), step).isSuccess();
    }

    @Override
    public String toString() {
        return "SshdDaemon[pid " + pid + ", " + (socketActivated ? "socket-activated" : means()) + "]";
    }
}
