package dev.bulwark.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built launcher ({@code target/bulwark}, the system property {@code bulwark.launcher} that
 * the cli pom sets for the *IT tests) as a user would: a fresh process, no terminal, stdin empty.
 */
final class Launcher {

    private Launcher() {
    }

    /** What a run printed and how it exited. */
    record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** The launcher script. */
    static Path path() {
        String launcher = System.getProperty("bulwark.launcher");
        if (launcher == null) {
            throw new IllegalStateException("bulwark.launcher is not set: run the *IT tests through Maven's"
                    + " integration-test phase (./mvnw verify -pl cli -am), after package built target/bulwark");
        }
        return Path.of(launcher);
    }

    /** Runs {@code bulwark args...} in {@code dir}. */
    static Run run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** Runs {@code bulwark args...} in {@code dir} with extra environment variables. */
    static Run run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SSH_AUTH_SOCK");
        // the launcher's own options; these only make the many short-lived test JVMs start cheaper
        builder.environment().put("BULWARK_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bulwark " + String.join(" ", args) + " did not finish in 180 s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /** A fixture of src/test/resources/dev/bulwark/cli, copied into {@code dir}. */
    static Path fixture(Path dir, String name) throws IOException {
        try {
            Path source = Path.of(Launcher.class.getResource(name).toURI());
            return Files.copy(source, dir.resolve(name));
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("no fixture " + name, e);
        }
    }
}
