package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.CommandTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * Commands of a {@link RemoteHost}: one exec channel each, with {@code LC_ALL=C}, stdin fed and
 * stdout and stderr drained concurrently, a deadline, and {@code KILL} for a command that outlives
 * it. Not API.
 */
final class RemoteCommands {

    private final RemoteHost host;

    RemoteCommands(RemoteHost host) {
        this.host = host;
    }

    /** Runs a command as {@link RemoteHost#exec} describes. */
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        List<String> checked = List.copyOf(command);
        if (checked.isEmpty() || checked.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(stdin, "stdin");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
        String line = "LC_ALL=C LANG=C " + ShellQuoting.join(checked);
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
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = pump(() -> cmd.getErrorStream().transferTo(err), "stderr");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread outReader = pump(() -> cmd.getInputStream().transferTo(out), "stdout");
            long left = deadline - System.nanoTime();
            try {
                cmd.join(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (ConnectionException e) {
                if (!cmd.isOpen() && !host.client().isConnected()) {
                    throw new IOException("connection to " + host.name() + " lost while running " + checked.get(0), e);
                }
                // The channel stays open on the server until the command ends; its permit is released then.
                releaseLater = true;
                closeInBackground(cmd, session);
                throw new CommandTimeoutException(checked, timeout);
            }
            join(outReader, deadline);
            join(errReader, deadline);
            feeder.interrupt();
            String stdout;
            String stderr;
            synchronized (out) {
                stdout = out.toString(StandardCharsets.UTF_8);
            }
            synchronized (err) {
                stderr = err.toString(StandardCharsets.UTF_8);
            }
            return new CommandResult(checked, exitCode(cmd, checked), stdout, stderr);
        } finally {
            if (!releaseLater) {
                closeQuietly(session);
                host.release();
            }
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

    private void closeInBackground(Session.Command cmd, Session session) {
        Thread t = new Thread(() -> {
            try {
                cmd.signal(Signal.KILL);
            } catch (IOException ignored) {
                // the channel is closed below either way
            }
            closeQuietly(session);
            host.release();
        }, "ssh-kill-" + host.name());
        t.setDaemon(true);
        t.start();
    }

    private static void join(Thread t, long deadline) throws InterruptedIOException {
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
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
