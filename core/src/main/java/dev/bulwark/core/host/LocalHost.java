package dev.bulwark.core.host;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * This machine as a {@link Host}: commands run through {@link ProcessBuilder}, files through
 * {@link java.nio.file.Files} and {@link SafeFiles}.
 *
 * <p>Output is read by one thread per stream while the command runs, so neither pipe fills up;
 * both are kept in memory in full. On timeout the command and every process it started (as far as
 * they are still its descendants) are killed with SIGKILL.
 */
public final class LocalHost implements Host {

    /** How long to wait for output pipes to close once the command has exited or been killed. */
    private static final long DRAIN_MILLIS = 5_000;
    /** How long output may still be drained after a command exited right at its deadline. */
    private static final long DRAIN_GRACE_MILLIS = 1_000;

    private final String name;

    private LocalHost(String name) {
        this.name = name;
    }

    /** This machine, named by its kernel host name (no DNS lookup), or {@code localhost}. */
    public static LocalHost create() {
        for (Path source : List.of(Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname"))) {
            try {
                String hostname = Files.readString(source).strip();
                if (!hostname.isEmpty() && hostname.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    return new LocalHost(hostname);
                }
            } catch (IOException | RuntimeException unreadable) {
                // Try the next source.
            }
        }
        return new LocalHost("localhost");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        List<String> checked = Commands.check(command);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ValidationException("timeout " + timeout + " is not positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = start(checked);
        String label = checked.get(0) + "[" + process.pid() + "]";
        StreamPump input = StreamPump.feed(process.getOutputStream(), stdin.clone(), label + " stdin");
        StreamPump stdout = StreamPump.drain(process.getInputStream(), label + " stdout");
        StreamPump stderr = StreamPump.drain(process.getErrorStream(), label + " stderr");
        try {
            boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            // Once the command has exited, its pipes hold at most a buffer each: allow a moment to drain.
            long left = Math.max(DRAIN_GRACE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            // A background child may keep the pipes open after the command exits: that counts as running.
            if (!exited || !stdout.await(left) || !stderr.await(left)) {
                killTree(process);
                finish(input, stdout, stderr);
                throw new CommandTimeoutException(checked, timeout);
            }
            input.await(DRAIN_MILLIS);
            return new CommandResult(checked, process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            killTree(process);
            finish(input, stdout, stderr);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running '" + Commands.display(checked) + "'");
        }
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        try {
            return builder.start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("error=2,")) {
                String program = command.get(0);
                String where = program.contains("/") ? "no such file"
                        : "not on PATH=" + Objects.requireNonNullElse(environment.get("PATH"), "");
                CommandNotFoundException notFound = new CommandNotFoundException(program, where);
                notFound.initCause(e);
                throw notFound;
            }
            throw e;
        }
    }

    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void finish(StreamPump... pumps) {
        for (StreamPump pump : pumps) {
            try {
                if (!pump.await(DRAIN_MILLIS)) {
                    pump.abandon();
                }
            } catch (InterruptedException e) {
                pump.abandon();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public byte[] readFile(Path path) throws IOException {
        return Files.readAllBytes(path);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        SafeFiles.write(path, content, mode);
    }

    @Override
    public String toString() {
        return "LocalHost[" + name + "]";
    }
}
