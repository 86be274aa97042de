package dev.bulwark.ssh.knownhosts;

import dev.bulwark.ssh.internal.lines.LineFile;

/**
 * One line of a known_hosts file: a {@link HostKeyEntry}, a {@link Comment} (or blank line), or
 * an {@link Invalid} line that a lenient parse kept verbatim. {@link #text()} is the line exactly
 * as read (without its line feed), so an unchanged file renders byte for byte.
 */
public sealed interface KnownHostsLine permits HostKeyEntry, KnownHostsLine.Comment, KnownHostsLine.Invalid {

    /** The line as read or rendered, without the line feed. */
    String text();

    /**
     * A comment ({@code #} after optional blanks) or a blank line.
     *
     * @param text the line as written
     */
    record Comment(String text) implements KnownHostsLine {
        /** Validates that the text is a single blank or comment line. */
        public Comment {
            LineFile.checkComment(text);
        }
    }

    /**
     * A line that could not be parsed, kept as read; ssh skips such lines.
     *
     * @param text   the line as read
     * @param reason why it could not be parsed, with its position
     */
    record Invalid(String text, String reason) implements KnownHostsLine {
        /** Validates the components. */
        public Invalid {
            LineFile.checkInvalid(text, reason);
        }
    }

}
