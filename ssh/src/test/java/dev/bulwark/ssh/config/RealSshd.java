package dev.bulwark.ssh.config;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the installed sshd in test modes ({@code -t}, {@code -T}) against files in a temp dir. */
final class RealSshd {

    /** The outcome of one run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private RealSshd() {
    }

    /** Generates an Ed25519 host key in {@code dir} and returns its path; creates /run/sshd. */
    static Path hostKey(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path key = dir.resolve("ssh_host_ed25519_key");
        if (!Files.exists(key)) {
            run(List.of(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        }
        return key;
    }

    /** {@code sshd -t -f file}. */
    static Result check(Path file) throws IOException, InterruptedException {
        return run(List.of(Tools.path("sshd"), "-t", "-f", file.toString()));
    }

    /** {@code sshd -T -f file [-C spec]}. */
    static Result dump(Path file, String spec) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.path("sshd"), "-T", "-f", file.toString()));
        if (!spec.isEmpty()) {
            cmd.add("-C");
            cmd.add(spec);
        }
        return run(cmd);
    }

    /** Parses {@code sshd -T} output into keyword → values in order. */
    static Map<String, List<String>> parseDump(String out) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            String k = space < 0 ? line : line.substring(0, space);
            String v = space < 0 ? "" : line.substring(space + 1);
            map.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return map;
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, null);
    }

    /** Runs {@code cmd} in {@code workingDirectory} ({@code null}: this process's). */
    static Result run(List<String> cmd, Path workingDirectory) throws IOException, InterruptedException {
        Path err = Files.createTempFile("sshd-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(workingDirectory == null ? null : workingDirectory.toFile())
                    .redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            return new Result(code, out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
