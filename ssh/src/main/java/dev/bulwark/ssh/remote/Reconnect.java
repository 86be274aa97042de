package dev.bulwark.ssh.remote;

import java.io.IOException;
import java.time.Duration;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Logs in over a new connection, retrying while sshd restarts listening after a reload. Not API. */
final class Reconnect {

    private static final long RETRY_MILLIS = 250;

    private Reconnect() {
    }

    private static final Pattern INODE = Pattern.compile("\\bino:(\\d+)");

    /**
     * The inodes of the TCP sockets listening on {@code port} ({@code ss -Hltne}); empty when ss is
     * missing. sshd re-executes itself on SIGHUP and opens new listening sockets, so new inodes
     * show that a reload has taken effect.
     */
    static Set<String> listenerInodes(Host host, int port, Duration timeout) {
        Set<String> out = new TreeSet<>();
        try {
            CommandResult r = host.run(List.of("ss", "-Hltne", "sport = :" + port), timeout);
            Matcher m = INODE.matcher(r.stdout());
            while (m.find()) {
                out.add(m.group(1));
            }
        } catch (IOException e) {
            return Set.of();
        }
        return out;
    }

    /**
     * Waits until the listeners on {@code port} are others than {@code before} (the reload has
     * happened), at most {@code wait}. Without inodes to compare it returns at once.
     */
    static void awaitNewListener(Host host, int port, Set<String> before, Duration wait) {
        if (before.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> now = listenerInodes(host, port, wait);
            if (!now.isEmpty() && !now.equals(before)) {
                return;
            }
            try {
                Thread.sleep(RETRY_MILLIS / 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What a reload did to the daemon. */
    enum Reload { RELOADED, DIED, UNKNOWN }

    /**
     * Waits until a reload has taken effect: new listeners on {@code port} ({@link Reload#RELOADED}),
     * or the daemon's process gone ({@link Reload#DIED}); {@link Reload#UNKNOWN} after {@code wait}.
     */
    static Reload awaitReload(Host root, SshdDaemon daemon, int port, Set<String> before, Duration wait, Duration step)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!daemon.alive(root, step)) {
                return Reload.DIED;
            }
            Set<String> now = listenerInodes(root, port, step);
            if (!now.isEmpty() && !now.equals(before)) {
                return Reload.RELOADED;
            }
            if (System.nanoTime() > deadline) {
                return Reload.UNKNOWN;
            }
            if (!pause(RETRY_MILLIS / 5)) {
                return Reload.UNKNOWN;
            }
        }
    }

    /** Waits until something listens on {@code port}, at most {@code wait}; returns whether it does. */
    static boolean awaitListening(Host root, int port, Duration wait, Duration step) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (listenerInodes(root, port, step).isEmpty()) {
            if (System.nanoTime() > deadline || !pause(RETRY_MILLIS / 5)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Empty when a new connection logged in and ran {@code true}; otherwise why it failed. */
    static Optional<String> tryLogin(SshConnector connector, SshTarget target, ConnectOptions options, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (RemoteHost fresh = connector.connect(target, options)) {
                fresh.run(List.of("true"), options.commandTimeout()).requireSuccess();
                return Optional.empty();
            } catch (AuthenticationFailedException | HostKeyRejectedException e) {
                return Optional.of(e.getMessage());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return Optional.of(e.getMessage());
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }
}
