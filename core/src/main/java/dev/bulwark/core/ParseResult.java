package dev.bulwark.core;

import java.util.List;
import java.util.Objects;

/**
 * The result of a lenient parse: the value built from everything that could be parsed, and the
 * problems met on the way (bounded; see {@link #MAX_DIAGNOSTICS}).
 *
 * @param value       the parsed value; bad lines are kept in it where the format allows
 * @param diagnostics the problems, in input order, at most {@link #MAX_DIAGNOSTICS}
 * @param <T>         the parsed type
 */
public record ParseResult<T>(T value, List<ParseException> diagnostics) {

    /** The most diagnostics a lenient parse keeps; further ones are counted, not stored. */
    public static final int MAX_DIAGNOSTICS = 1000;

    /** Validates and copies the components. */
    public ParseResult {
        Objects.requireNonNull(value, "value");
        diagnostics = List.copyOf(diagnostics);
        if (diagnostics.size() > MAX_DIAGNOSTICS) {
            diagnostics = diagnostics.subList(0, MAX_DIAGNOSTICS);
        }
    }

    /** Whether the input parsed without problems. */
    public boolean isClean() {
        return diagnostics.isEmpty();
    }
}
