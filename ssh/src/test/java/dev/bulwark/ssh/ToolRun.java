package dev.bulwark.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool to completion and captures its output (test support).
 *
 * @param exitCode the exit status
 * @param stdout   standard output
 * @param stderr   standard error
 */
public record ToolRun(int exitCode, String stdout, String stderr) {

    /** Runs {@code command} with empty standard input; fails the test after 120 seconds. */
    public static ToolRun run(String... command) {
        return run(List.of(command));
    }

    /** Runs {@code command} with empty standard input; fails the test after 120 seconds. */
    public static ToolRun run(List<String> command) {
        return run(java.util.Map.of(), command);
    }

    /** Runs {@code command} with extra environment variables; fails the test after 120 seconds. */
    public static ToolRun run(java.util.Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
            builder.environment().putAll(env);
            Process p = builder.start();
            p.getOutputStream().close();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.completeExceptionally(e);
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new ToolRun(p.exitValue(), out, err.get());
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Standard output; fails with both streams when the exit status is not 0. */
    public String ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return stdout;
    }

    /** Stops a long-running process a fixture started: TERM, then KILL when it has not ended within 10 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
