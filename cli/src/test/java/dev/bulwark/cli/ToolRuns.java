package dev.bulwark.cli;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real tool (openssl, ssh-keygen, wg) for the launcher tests' checks. */
final class ToolRuns {

    private ToolRuns() {
    }

    /** Runs {@code tool args...} in {@code dir} with {@code stdin}; stdout and stderr together. */
    static Launcher.Run run(Path dir, String stdin, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Tools.path(tool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(tool + " did not finish");
        }
        return new Launcher.Run(p.exitValue(), out, "");
    }
}
