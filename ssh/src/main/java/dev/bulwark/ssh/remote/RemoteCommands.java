package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.CommandTimeoutException;
import dev.bulwark.core.host.OutputCapture;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands of a {@link RemoteHost}: one exec channel each, with {@code LC_ALL=C}, stdin fed and
 * stdout and stderr drained concurrently (each kept up to {@link ConnectOptions#outputLimit()};
 * past it, or when a reader fails, the command is killed at once and the caller told), and a deadline. The login shell sshd starts for a
 * channel leads its own process group, and the command replaces that shell ({@code exec}), so
 * everything a command starts shares one group; a command that outlives its deadline is sent
 * {@code KILL} and its whole group is killed over a second channel before the timeout is
 * reported. Not API.
 */
final class RemoteCommands {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);

    private final RemoteHost host;

    RemoteCommands(RemoteHost host) {
        this.host = host;
    }

    /**
     * Runs a command as {@link RemoteHost#exec} describes; {@code killVia} goes in front of the
     * {@code kill} of a timed-out command's process group (e.g. {@code sudo -n --} for root's).
     */
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout, List<String> killVia) throws IOException {
        List<String> checked = List.copyOf(command);
        if (checked.isEmpty() || checked.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(stdin, "stdin");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
        // The first line on stderr names the process group (the login shell's pid, which exec keeps).
        String marker = "bulwark-pgid-" + HexFormat.of().toHexDigits(RANDOM.nextLong());
        String line = "echo " + marker + " $$ >&2; LC_ALL=C LANG=C exec " + ShellQuoting.join(checked);
        long deadline = System.nanoTime() + timeout.toNanos();
        host.acquire(timeout, checked);
        boolean releaseLater = false;
        Session session = null;
        try {
            session = host.client().startSession();
            Session.Command cmd = session.exec(line);
            Thread feeder = pump(() -> {
                try (OutputStream in = cmd.getOutputStream()) {
                    in.write(stdin);
                }
                return null;
            }, "stdin");
            long limit = host.options().outputLimit();
            OutputCapture err = OutputCapture.start(cmd.getErrorStream(), "stderr", limit, "ssh-stderr-" + host.name());
            OutputCapture out = OutputCapture.start(cmd.getInputStream(), "stdout", limit, "ssh-stdout-" + host.name());
            CompletableFuture<Object> trouble = OutputCapture.trouble(out, err);
            boolean exited = awaitExit(cmd, trouble, deadline);
            if (!exited || trouble.isDone()) {
                if (!exited && !trouble.isDone() && !cmd.isOpen() && !host.client().isConnected()) {
                    throw new IOException("connection to " + host.name() + " lost while running " + checked.get(0));
                }
                // The channel stays open on the server until the command ends; its permit is released then.
                releaseLater = true;
                OptionalLong group = processGroup(err.text(), marker);
                if (group.isPresent()) {
                    killGroup(group.getAsLong(), killVia);
                    closeInBackground(null, session);
                } else {
                    closeInBackground(cmd, session);
                }
                out.rethrow(checked);
                err.rethrow(checked);
                throw new CommandTimeoutException(checked, timeout);
            }
            awaitQuietly(out, deadline);
            awaitQuietly(err, deadline);
            feeder.interrupt();
            out.rethrow(checked);
            err.rethrow(checked);
            return new CommandResult(checked, exitCode(cmd, checked), out.text(), withoutMarker(err.text(), marker));
        } finally {
            if (!releaseLater) {
                closeQuietly(session);
                host.release();
            }
        }
    }

    /**
     * Waits for the command's channel to close, at most until {@code deadline}; returns early (false)
     * when an output stream is in trouble. sshj's own {@code join} runs on a helper thread, so that a
     * reader's failure does not wait for the deadline.
     */
    private boolean awaitExit(Session.Command cmd, CompletableFuture<Object> trouble, long deadline)
            throws InterruptedIOException {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                cmd.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                closed.complete(null);
            } catch (ConnectionException | RuntimeException e) {
                closed.completeExceptionally(e);
            }
        }, "ssh-wait-" + host.name());
        waiter.setDaemon(true);
        waiter.start();
        try {
            CompletableFuture.anyOf(closed, trouble).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        return closed.isDone() && !closed.isCompletedExceptionally() && !trouble.isDone();
    }

    private static void awaitQuietly(OutputCapture capture, long deadline) throws InterruptedIOException {
        try {
            capture.await(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** The process group named by the marker line on stderr, once the shell has printed it. */
    static OptionalLong processGroup(String stderr, String marker) {
        int at = stderr.indexOf(marker + " ");
        int end = at < 0 ? -1 : stderr.indexOf('\n', at);
        if (end < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(stderr.substring(at + marker.length() + 1, end)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Stderr without the marker line (which comes before anything the command writes). */
    static String withoutMarker(String stderr, String marker) {
        int at = stderr.indexOf(marker + " ");
        int end = at < 0 ? -1 : stderr.indexOf('\n', at);
        return end < 0 ? stderr : stderr.substring(0, at) + stderr.substring(end + 1);
    }

    /** Kills what is left of a timed-out command's process group, over a new channel; best effort. */
    private void killGroup(long group, List<String> via) {
        List<String> kill = new ArrayList<>(via);
        // "--" is needed by dash and refused by busybox: try both forms
        kill.addAll(List.of("sh", "-c", "kill -s KILL -- \"-$1\" 2>/dev/null || kill -s KILL \"-$1\" 2>/dev/null; true",
                "sh", Long.toString(group)));
        try {
            exec(kill, new byte[0], KILL_TIMEOUT, List.of());
        } catch (IOException e) {
            LOG.debug("killing process group {} on {} failed: {}", group, host.name(), e.toString());
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // the connection is gone; nothing to close
            }
        }
    }

    private int exitCode(Session.Command cmd, List<String> command) throws IOException {
        Integer status = cmd.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = cmd.getExitSignal();
        if (signal != null) {
            return 128 + signalNumber(signal);
        }
        throw new IOException("the server reported no exit status for " + command.get(0) + " on " + host.name());
    }

    private static int signalNumber(Signal s) {
        switch (s) {
            case HUP: return 1;
            case INT: return 2;
            case QUIT: return 3;
            case ILL: return 4;
            case ABRT: return 6;
            case FPE: return 8;
            case KILL: return 9;
            case USR1: return 10;
            case SEGV: return 11;
            case USR2: return 12;
            case PIPE: return 13;
            case ALRM: return 14;
            default: return 15;
        }
    }

    /**
     * Closes a timed-out command's channel, first sending {@code KILL} to the command when
     * {@code signalled} is not null. A channel request for a channel the server has already closed
     * is a protocol error that ends the whole connection, so no signal follows a group kill.
     */
    private void closeInBackground(Session.Command signalled, Session session) {
        Thread t = new Thread(() -> {
            try {
                if (signalled != null) {
                    signalled.signal(Signal.KILL);
                }
            } catch (IOException ignored) {
                // the channel is closed below either way
            }
            closeQuietly(session);
            host.release();
        }, "ssh-kill-" + host.name());
        t.setDaemon(true);
        t.start();
    }

    private interface IoTask {
        Object run() throws IOException;
    }

    private Thread pump(IoTask task, String what) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException ignored) {
                // a closed channel ends the stream; the exit status tells what happened
            }
        }, "ssh-" + what + "-" + host.name());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
