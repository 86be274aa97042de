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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This machine as a {@link Host}: commands run through {@link ProcessBuilder}, files through
 * {@link java.nio.file.Files} and {@link SafeFiles}.
 *
 * <p>Output is read by one thread per stream while the command runs, so neither pipe fills up;
 * each is kept in memory up to {@link #outputLimit()} bytes. On timeout, when output passes the
 * limit, or when a reader fails, the command and every process it started (as far as they are still
 * its descendants) are killed with SIGKILL at once and the caller gets the reason.
 */
public final class LocalHost implements Host {

    /** How long to wait for output pipes to close once the command has exited or been killed. */
    private static final long DRAIN_MILLIS = 5_000;
    /** How long output may still be drained after a command exited right at its deadline. */
    private static final long DRAIN_GRACE_MILLIS = 1_000;

    private final String name;
    private final long outputLimit;

    private LocalHost(String name, long outputLimit) {
        this.name = name;
        this.outputLimit = outputLimit;
    }

    /**
     * This host keeping at most {@code bytes} of each of a command's stdout and stderr; default
     * {@link OutputCapture#DEFAULT_LIMIT} (64 MiB). A command that writes more is killed at once and
     * {@link CommandOutputTooLargeException} is thrown.
     */
    public LocalHost withOutputLimit(long bytes) {
        if (bytes < 1) {
            throw new ValidationException("outputLimit must be at least 1 byte, not " + bytes);
        }
        return new LocalHost(name, bytes);
    }

    /** How many bytes of each output stream a command may write. */
    public long outputLimit() {
        return outputLimit;
    }

    /** This machine, named by its kernel host name (no DNS lookup), or {@code localhost}. */
    public static LocalHost create() {
        for (Path source : List.of(Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname"))) {
            try {
                String hostname = Files.readString(source).strip();
                if (!hostname.isEmpty() && hostname.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    return new LocalHost(hostname, OutputCapture.DEFAULT_LIMIT);
                }
            } catch (IOException | RuntimeException unreadable) {
                // Try the next source.
            }
        }
        return new LocalHost("localhost", OutputCapture.DEFAULT_LIMIT);
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
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), "stdout", outputLimit, label + " stdout");
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), "stderr", outputLimit, label + " stderr");
        CompletableFuture<Object> trouble = OutputCapture.trouble(stdout, stderr);
        try {
            boolean exited = awaitExitOrTrouble(process, trouble, timeout);
            // Once the command has exited, its pipes hold at most a buffer each: allow a moment to drain.
            long left = Math.max(DRAIN_GRACE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            // A background child may keep the pipes open after the command exits: that counts as running.
            boolean drained = exited && !trouble.isDone() && stdout.await(left) && stderr.await(left);
            if (!drained || trouble.isDone()) {
                killTree(process);
                finish(input, stdout, stderr);
                stdout.rethrow(checked);
                stderr.rethrow(checked);
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

    /** Whether the process exited within the timeout; returns early (false) when an output stream is in trouble. */
    private static boolean awaitExitOrTrouble(Process process, CompletableFuture<Object> trouble, Duration timeout)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(process.onExit(), trouble).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process failed", e);
        }
        return !trouble.isDone() && !process.isAlive();
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

    private static void finish(StreamPump input, OutputCapture... outputs) {
        settle(input::await, input::abandon);
        for (OutputCapture output : outputs) {
            settle(output::await, output::abandon);
        }
    }

    private interface Await {
        boolean await(long millis) throws InterruptedException;
    }

    /** Waits a moment for a stream's thread to end, and closes the stream under it when it does not. */
    private static void settle(Await await, Runnable abandon) {
        try {
            if (!await.await(DRAIN_MILLIS)) {
                abandon.run();
            }
        } catch (InterruptedException e) {
            abandon.run();
            Thread.currentThread().interrupt();
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
