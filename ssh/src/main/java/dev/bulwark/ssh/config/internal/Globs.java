package dev.bulwark.ssh.config.internal;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.config.SshdConfigFile;
import dev.bulwark.ssh.internal.lines.TextFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Include} resolution like glob(3): wildcards in the last path component, no dot files
 * unless the pattern asks for them, regular files only, sorted by name. Not API.
 */
public final class Globs {

    private Globs() {
    }

    /** Resolves against the file system, reading each file; I/O failures are unchecked. */
    public static ConfigParser.Resolver disk() {
        return pattern -> {
            List<SshdConfigFile> out = new ArrayList<>();
            for (Path p : expand(pattern)) {
                try {
                    out.add(new SshdConfigFile(p.toString(), Optional.of(p), TextFiles.readUtf8(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        };
    }

    /**
     * Resolves on a {@link Host} (this machine or one over SSH): a pattern with wildcards lists the
     * directory with {@code find -maxdepth 1 -type f} (no shell involved), then matches and sorts here.
     */
    public static ConfigParser.Resolver host(Host host) {
        return pattern -> {
            try {
                Path p = Path.of(pattern);
                String last = p.getFileName() == null ? "" : p.getFileName().toString();
                List<Path> paths = new ArrayList<>();
                if (p.getParent() == null || !hasWildcard(last)) {
                    if (host.exists(p)) {
                        paths.add(p);
                    }
                } else {
                    CommandResult r = host.run(List.of("find", p.getParent().toString(), "-mindepth", "1",
                            "-maxdepth", "1", "-type", "f"), Duration.ofSeconds(30));
                    if (r.exitCode() == 0) {
                        for (String line : r.stdout().split("\n")) {
                            Path found = Path.of(line.strip().isEmpty() ? "." : line.strip());
                            if (!line.isBlank() && found.getFileName() != null
                                    && nameMatches(last, found.getFileName().toString())) {
                                paths.add(found);
                            }
                        }
                    }
                    paths.sort((a, b) -> a.toString().compareTo(b.toString()));
                }
                List<SshdConfigFile> out = new ArrayList<>();
                for (Path f : paths) {
                    out.add(new SshdConfigFile(f.toString(), Optional.of(f), host.readString(f)));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Resolves against files already in memory (for re-parsing an edited configuration). */
    public static ConfigParser.Resolver memory(Map<String, SshdConfigFile> files) {
        return pattern -> {
            List<SshdConfigFile> out = new ArrayList<>();
            for (String name : sorted(files.keySet())) {
                if (matches(pattern, name)) {
                    out.add(files.get(name));
                }
            }
            return out;
        };
    }

    static List<Path> expand(String pattern) {
        Path p = Path.of(pattern);
        Path dir = p.getParent();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (dir == null || !hasWildcard(last)) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
            return out;
        }
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (Files.isRegularFile(e) && nameMatches(last, name)) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    /** Whether a full path matches a pattern (wildcards in the last component only). */
    public static boolean matches(String pattern, String path) {
        int ps = pattern.lastIndexOf('/');
        int fs = path.lastIndexOf('/');
        if (!pattern.substring(0, ps + 1).equals(path.substring(0, fs + 1))) {
            return false;
        }
        return nameMatches(pattern.substring(ps + 1), path.substring(fs + 1));
    }

    private static boolean nameMatches(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        return Patterns.wildcard(name, pattern);
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static List<String> sorted(Collection<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(String::compareTo);
        return out;
    }
}
