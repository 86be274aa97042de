package dev.bulwark.core.sockets;

import java.util.Objects;

/**
 * A line of an {@code ss} listing that a lenient parse could not read, kept verbatim so that
 * nothing is dropped silently: a socket line with an error, an info line that belonged to it, or
 * an info line with no socket above it.
 *
 * @param lineNumber the 1-based line number in the listing
 * @param text       the line as it was, without its line break
 * @param problem    why it was not read, without position (as {@code ParseException.reason()})
 */
public record UnparsedLine(int lineNumber, String text, String problem) {

    /** Validates the components. */
    public UnparsedLine {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line number " + lineNumber + " is below 1");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(problem, "problem");
    }
}
