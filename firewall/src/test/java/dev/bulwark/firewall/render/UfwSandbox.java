package dev.bulwark.firewall.render;

import dev.bulwark.testing.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real ufw running in a test's network namespace without touching the machine's own: a private
 * mount namespace where copies of {@code /etc/ufw} and {@code /etc/default/ufw} are bind-mounted
 * over the real ones, and a private {@code /run} (ufw takes its lock there).
 */
public final class UfwSandbox {

    private final Path etc;
    private final Path defaults;
    private final Path run;
    private final Path dir;

    private UfwSandbox(Path dir) {
        this.dir = dir;
        this.etc = dir.resolve("ufw");
        this.defaults = dir.resolve("default-ufw");
        this.run = dir.resolve("run");
    }

    /** Copies the machine's ufw configuration under {@code dir}. */
    public static UfwSandbox create(Path dir) throws IOException {
        UfwSandbox sandbox = new UfwSandbox(dir);
        copyTree(Path.of("/etc/ufw"), sandbox.etc);
        // start from ufw's pristine rules, whatever this machine's own ufw holds
        for (String f : new String[] {"user.rules", "user6.rules"}) {
            Path pristine = Path.of("/usr/share/ufw", f);
            if (Files.isRegularFile(pristine)) {
                Files.copy(pristine, sandbox.etc.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(Path.of("/etc/default/ufw"), sandbox.defaults);
        Files.createDirectory(sandbox.run);
        return sandbox;
    }

    /** The private copy of {@code /etc/ufw}. */
    public Path etc() {
        return etc;
    }

    /** Runs the shell script {@code script} (its text) in {@code ns} with the private configuration. */
    public NetworkNamespace.ProcessResult runScript(NetworkNamespace ns, String script) throws IOException {
        Path file = Files.createTempFile(dir, "ufw", ".sh");
        Files.writeString(file, script);
        String inner = ShellScript.line(List.of("mount", "--bind", etc.toString(), "/etc/ufw")) + " && "
                + ShellScript.line(List.of("mount", "--bind", defaults.toString(), "/etc/default/ufw")) + " && "
                + ShellScript.line(List.of("mount", "--bind", run.toString(), "/run")) + " && "
                + ShellScript.line(List.of("sh", file.toString()));
        return ns.exec("unshare", "-m", "--propagation", "private", "sh", "-c", inner);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
