package dev.bulwark.examples.login;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real {@code sshd -D -e} in the lab's server namespace, started with the kit's own
 * {@code sshd_config} file, unchanged. The only adjustments are paths given on sshd's command
 * line, where they win over the file: {@code -h} the test-made host key (the kit makes none) and
 * {@code -o PidFile=} a pid file in the test's directory (not the machine's {@code /run/sshd.pid}).
 * Policy (port, users, authentication methods, PAM, algorithms) is the kit's alone. sshd's log
 * (stderr) is kept for the tests to read why a login was refused.
 */
final class LabSshd implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Process process;
    private final List<String> log = new ArrayList<>();

    private LabSshd(Process process) {
        this.process = process;
    }

    /** Starts sshd and waits (bounded) until it listens on {@code port} on both families. */
    static LabSshd start(NetworkNamespace ns, Path config, Path hostKey, Path pidFile, int port) throws IOException {
        Files.createDirectories(Path.of("/run/sshd"));
        Process p = new ProcessBuilder(ns.wrap(List.of(Tools.path("sshd"), "-D", "-e", "-f", config.toString(),
                "-h", hostKey.toString(), "-o", "PidFile=" + pidFile))).redirectErrorStream(true).start();
        p.getOutputStream().close();
        LabSshd sshd = new LabSshd(p);
        Thread reader = new Thread(sshd::readLog, "lab-sshd-log");
        reader.setDaemon(true);
        reader.start();
        boolean listening = sshd.await(0, l -> l.contains("Server listening on 0.0.0.0 port " + port + "."))
                && sshd.await(0, l -> l.contains("Server listening on :: port " + port + "."));
        if (!listening) {
            sshd.close();
            throw new IOException("sshd did not start listening on port " + port + ":\n" + sshd.logSince(0));
        }
        return sshd;
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (log) {
                log.add("(log reader: " + e + ")");
            }
        } finally {
            synchronized (log) {
                log.add(null);
                log.notifyAll();
            }
        }
    }

    /** How many log lines there are now: pass it to {@link #await} to look only at later lines. */
    int mark() {
        synchronized (log) {
            return log.size();
        }
    }

    /**
     * Waits (at most 15 s) for a log line from index {@code from} on that matches; false when sshd
     * exits or the time is up first. sshd may write a line just after the client has seen the result.
     */
    boolean await(int from, Predicate<String> line) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (log) {
            for (int i = from; ; ) {
                for (; i < log.size(); i++) {
                    if (log.get(i) == null) {
                        return false;
                    }
                    if (line.test(log.get(i))) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    log.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** The log from line {@code from} on, for failure messages. */
    String logSince(int from) {
        synchronized (log) {
            StringBuilder b = new StringBuilder();
            for (int i = from; i < log.size() && log.get(i) != null; i++) {
                b.append(log.get(i)).append('\n');
            }
            return b.toString();
        }
    }

    /**
     * Stops sshd and every session process it forked (a session may still be closing after its
     * client has exited; its account can only be deleted once it is gone), waiting for each to exit.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                p.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("sshd process " + p.pid() + " does not exit", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
