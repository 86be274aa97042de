package dev.bulwark.examples;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Output captured on the target, replayed as a read-only {@link Host}: the audits "run" their
 * commands and read their files, and get what the target printed. A command that was not captured
 * is a missing program (the audit then says it could not look); files are read from the
 * directory's {@code etc/...} copy, re-rooted so that nothing outside the directory is read (a
 * symbolic link that leaves it is refused). Capture on the target, as root:
 *
 * <pre>
 * ss -plunt                  &gt; ss.txt
 * sshd -T                    &gt; sshd-T.txt              (or copy /etc/ssh to etc/ssh)
 * iptables-save              &gt; iptables-save.txt       (or: nft -j list ruleset &gt; nft-ruleset.json)
 * apt-config dump            &gt; apt-config-dump.txt
 * apt-cache policy           &gt; apt-cache-policy.txt
 * ip -o address              &gt; ip-address.txt          (where sshd's ListenAddress lines are)
 * cp /etc/os-release etc/os-release
 * </pre>
 */
public final class CapturedFiles implements Host {

    /** The captured command outputs by file name, and the command each stands for. */
    public static final Map<String, List<String>> OUTPUTS = Map.of(
            "ss.txt", List.of("ss", "-plunt"),
            "sshd-T.txt", List.of("sshd", "-T"),
            "iptables-save.txt", List.of("iptables-save"),
            "nft-ruleset.json", List.of("nft", "-j", "list", "ruleset"),
            "apt-config-dump.txt", List.of("apt-config", "dump"),
            "apt-cache-policy.txt", List.of("apt-cache", "policy"),
            "ip-address.txt", InterfaceAddresses.COMMAND);

    private final Path directory;

    private CapturedFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * The captured files in {@code directory}.
     *
     * @throws IOException when it holds none of {@link #OUTPUTS} and no {@code etc/ssh/sshd_config}
     */
    public static CapturedFiles in(Path directory) throws IOException {
        CapturedFiles files = new CapturedFiles(Objects.requireNonNull(directory, "directory"));
        boolean any = Files.isRegularFile(files.directory.resolve("etc/ssh/sshd_config"));
        for (String name : OUTPUTS.keySet()) {
            any |= Files.isRegularFile(files.directory.resolve(name));
        }
        if (!any) {
            throw new NoSuchFileException(directory.toString(), null, "holds none of the captured files ("
                    + String.join(", ", OUTPUTS.keySet().stream().sorted().toList()) + ", etc/ssh/sshd_config)");
        }
        return files;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    @Override
    public String name() {
        return directory.toString();
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        for (Map.Entry<String, List<String>> output : OUTPUTS.entrySet()) {
            List<String> captured = output.getValue();
            if (command.size() >= captured.size() && command.subList(0, captured.size()).equals(captured)) {
                Path file = directory.resolve(output.getKey());
                if (Files.isRegularFile(file)) {
                    return new CommandResult(command, 0, Files.readString(file), "");
                }
            }
        }
        if (command.size() == 8 && command.get(0).equals("find") && command.subList(2, 8)
                .equals(List.of("-mindepth", "1", "-maxdepth", "1", "-type", "f"))) {
            return find(command);
        }
        throw new CommandNotFoundException(command.get(0), "its output was not captured in " + directory);
    }

    /** {@code find DIR -mindepth 1 -maxdepth 1 -type f} on the copy, as sshd_config's Include globs list it. */
    private CommandResult find(List<String> command) throws IOException {
        Path dir = local(Path.of(command.get(1)));
        StringBuilder out = new StringBuilder();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.append(Path.of(command.get(1)).resolve(p.getFileName().toString())).append('\n');
                    }
                }
            }
        }
        return new CommandResult(command, 0, out.toString(), "");
    }

    @Override
    public byte[] readFile(Path path) throws IOException {
        return Files.readAllBytes(local(path));
    }

    @Override
    public boolean exists(Path path) throws IOException {
        try {
            return Files.exists(local(path));
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "captured files are read-only");
    }

    /** The copy of the target's {@code path} in the directory; refuses a path or link that leaves it. */
    private Path local(Path path) throws IOException {
        Path inside = directory.resolve(path.toString().replaceFirst("^/+", "")).normalize();
        if (!inside.startsWith(directory)) {
            throw new AccessDeniedException(path.toString(), null, "outside the captured files in " + directory);
        }
        if (Files.exists(inside) && !inside.toRealPath().startsWith(directory.toRealPath())) {
            throw new AccessDeniedException(path.toString(), null, "a link out of the captured files in " + directory);
        }
        return inside;
    }

    @Override
    public String toString() {
        return "CapturedFiles[" + directory + "]";
    }
}
