package dev.bulwark.pki.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real tool to completion with a given environment, its output (stdout and stderr) appended
 * to a log file, and returns the exit code with a bounded excerpt of what it printed.
 */
final class ToolRun {

    /** At most this many characters of a tool's output are quoted in an outcome or a message. */
    static final int EXCERPT = 1500;

    /** The exit code of a finished tool and the tail of its output. */
    record Result(String command, int exitCode, String tail) {

        boolean ok() {
            return exitCode == 0;
        }

        /** "ok", or the command, its exit code and the tail of its output. */
        String outcome() {
            return ok() ? "ok" : "failed: " + command + " exited " + exitCode + ":\n" + tail;
        }
    }

    private ToolRun() {
    }

    /** Runs {@code command} in {@code dir}, appending its output to {@code log}; kills it after {@code timeout}. */
    static Result run(List<String> command, Map<String, String> env, Path dir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long start = Files.size(log);
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        String name = Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1,
                Math.min(command.size(), 3)));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return new Result(name, -1, "timed out after " + timeout.toSeconds() + " s\n" + tail(log, start));
        }
        return new Result(name, process.exitValue(), tail(log, start));
    }

    /** The last {@link #EXCERPT} characters the log received after {@code start}. */
    static String tail(Path log, long start) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.max(start, all.length - (long) EXCERPT);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
