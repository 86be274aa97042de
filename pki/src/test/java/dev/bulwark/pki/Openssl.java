package dev.bulwark.pki;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl CLI and writes the PEM files it reads. */
final class Openssl {

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    /** Writes a PEM file into the working directory and returns its path as a string. */
    String write(String name, Object... values) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (Object value : values) {
            pem.append(Pem.encode(value));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file.toString();
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Tools.path("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
