package dev.bulwark.ssh.config;

import dev.bulwark.core.ValidationException;
import java.util.Objects;

/**
 * Where an edit goes: globally (before the first {@code Match} block of the main file, or in
 * place of the line that currently wins), inside one {@code Match} block, or in a drop-in file of
 * the directory the main file includes (e.g. {@code sshd_config.d/10-bulwark.conf}).
 */
public sealed interface Placement permits Placement.Global, Placement.InMatch, Placement.DropIn {

    /** The global section. */
    static Placement global() {
        return new Global();
    }

    /** The {@code Match} block with this condition, e.g. {@code "User alice"}; created at the end if absent. */
    static Placement inMatch(String condition) {
        return new InMatch(condition);
    }

    /** The drop-in file with this name in the included directory, e.g. {@code "10-bulwark.conf"}. */
    static Placement dropIn(String fileName) {
        return new DropIn(fileName);
    }

    /** The global section. */
    record Global() implements Placement {
    }

    /**
     * A {@code Match} block, found by its condition (case and spacing of attribute names ignored).
     *
     * @param condition the criteria after {@code Match}
     */
    record InMatch(String condition) implements Placement {
        /** Validates the condition: no line breaks, control characters, {@code #} or quotes. */
        public InMatch {
            Objects.requireNonNull(condition, "condition");
            if (condition.isBlank() || !SafeText.isSafe(condition)) {
                throw new ValidationException("Match condition must be non-blank text without line breaks, "
                        + "control characters, '#' or quotes");
            }
        }
    }

    /**
     * A drop-in file.
     *
     * @param fileName the file name, e.g. {@code 10-bulwark.conf}
     */
    record DropIn(String fileName) implements Placement {
        /** Validates the name: a plain file name. */
        public DropIn {
            Objects.requireNonNull(fileName, "fileName");
            if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}")) {
                throw new ValidationException("drop-in file name must be letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit");
            }
        }
    }
}
