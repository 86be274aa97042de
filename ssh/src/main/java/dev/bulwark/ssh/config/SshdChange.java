package dev.bulwark.ssh.config;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.config.internal.UnifiedDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An edit's result: the configuration before and after, and the files that changed.
 *
 * @param before the configuration before the edit
 * @param after  the configuration after the edit
 */
public record SshdChange(SshdConfig before, SshdConfig after) {

    /** Validates the components. */
    public SshdChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The files whose text differs (new files included), in the order sshd reads them. */
    public List<SshdConfigFile> changedFiles() {
        Map<String, SshdConfigFile> old = byName(before);
        List<SshdConfigFile> out = new ArrayList<>();
        for (SshdConfigFile f : after.files()) {
            SshdConfigFile o = old.get(f.name());
            if (o == null || !o.text().equals(f.text())) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether anything changed. */
    public boolean isEmpty() {
        return changedFiles().isEmpty();
    }

    /** A unified diff of every changed file ({@code patch -p0} applies it), empty when nothing changed. */
    public String diff() {
        Map<String, SshdConfigFile> old = byName(before);
        StringBuilder sb = new StringBuilder();
        for (SshdConfigFile f : changedFiles()) {
            SshdConfigFile o = old.get(f.name());
            sb.append(UnifiedDiff.diff(o == null ? "/dev/null" : o.name(), f.name(),
                    o == null ? List.of() : o.lines(), f.lines(), 3));
        }
        return sb.toString();
    }

    /**
     * Writes every changed file atomically with mode 0644 (what Debian ships for sshd_config and its
     * drop-ins). Run {@code sshd -t} before reloading sshd.
     *
     * @throws ValidationException when a changed file did not come from the file system
     * @throws IOException         when writing fails; each file is then either old or new, never partial
     */
    public void write() throws IOException {
        List<SshdConfigFile> files = writableFiles();
        for (SshdConfigFile f : files) {
            Path path = f.path().orElseThrow();
            SafeFiles.writeString(path, f.text(), FileMode.PUBLIC);
        }
    }

    /**
     * Writes every changed file on a {@link Host} (atomically, mode 0644), e.g. a server over SSH.
     *
     * @throws ValidationException when a changed file did not come from a file system
     * @throws IOException         when writing fails
     */
    public void write(Host host) throws IOException {
        List<SshdConfigFile> files = writableFiles();
        for (SshdConfigFile f : files) {
            host.writeFile(f.path().orElseThrow(), f.text().getBytes(StandardCharsets.UTF_8), FileMode.PUBLIC);
        }
    }

    /** The changed files, each known to have come from a file system. */
    private List<SshdConfigFile> writableFiles() {
        List<SshdConfigFile> files = changedFiles();
        for (SshdConfigFile f : files) {
            if (f.path().isEmpty()) {
                throw new ValidationException("cannot write " + f.name() + ": it was parsed from a string, not read "
                        + "from a file");
            }
        }
        return files;
    }

    private static Map<String, SshdConfigFile> byName(SshdConfig config) {
        Map<String, SshdConfigFile> map = new LinkedHashMap<>();
        for (SshdConfigFile f : config.files()) {
            map.put(f.name(), f);
        }
        return map;
    }

    @Override
    public String toString() {
        return "SshdChange of " + changedFiles().size() + " file(s)";
    }
}
