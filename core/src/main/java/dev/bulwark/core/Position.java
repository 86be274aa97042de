package dev.bulwark.core;

import java.util.Objects;

/**
 * A place in a named text source: the source's name and a 1-based line and column.
 *
 * <p>{@code toString()} gives the compiler-style form {@code sshd_config:12:1}.
 *
 * @param source a name for the text (a file name, {@code "<string>"} for text given directly)
 * @param line   the 1-based line number
 * @param column the 1-based column number
 */
public record Position(String source, int line, int column) {

    /** The source name used for text that did not come from a file. */
    public static final String STRING_SOURCE = "<string>";

    /** Validates the components. */
    public Position {
        Objects.requireNonNull(source, "source");
        if (line < 1) {
            throw new ValidationException("line " + line + " is below 1");
        }
        if (column < 1) {
            throw new ValidationException("column " + column + " is below 1");
        }
    }

    /** A position at {@code line}, column 1, of {@code source}. */
    public static Position of(String source, int line) {
        return new Position(source, line, 1);
    }

    /** A position in text given directly as a string. */
    public static Position inString(int line, int column) {
        return new Position(STRING_SOURCE, line, column);
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
