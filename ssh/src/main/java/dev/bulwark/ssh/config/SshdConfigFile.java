package dev.bulwark.ssh.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of one file of a configuration (the main sshd_config or a file it includes), kept
 * exactly as read so that an edit changes only the lines it means to change.
 *
 * @param name the name used in positions and findings (the path as given, or {@code sshd_config})
 * @param path where the file lives, if it came from (or goes to) the file system
 * @param text the file's text, unchanged
 */
public record SshdConfigFile(String name, Optional<Path> path, String text) {

    /** Validates the components. */
    public SshdConfigFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** The lines, without their line terminators. */
    public List<String> lines() {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }

    /** A copy with other text. */
    public SshdConfigFile withText(String newText) {
        return new SshdConfigFile(name, path, newText);
    }

    /** Joins lines into file text with a final newline (none for no lines). */
    static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    @Override
    public String toString() {
        return name + " (" + lines().size() + " lines)";
    }
}
