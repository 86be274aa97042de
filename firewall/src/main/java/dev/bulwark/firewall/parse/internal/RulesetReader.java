package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One ruleset format's reader, and the strict, optional and lenient parses that every format's
 * front class offers on top of it. Not API.
 */
@FunctionalInterface
public interface RulesetReader {

    /**
     * Reads the text; problems go to {@code lenient}, or are thrown when it is null.
     *
     * @throws ParseException on a problem when {@code lenient} is null, and on one no lenient parse survives
     */
    Ruleset read(String source, String text, Consumer<ParseException> lenient);

    /** Parses strictly, naming the text {@code source} in positions; throws the first {@link ParseException}. */
    default Ruleset parse(String text, String source) {
        return read(Objects.requireNonNull(source, "source"), Objects.requireNonNull(text, "text"), null);
    }

    /** The strictly parsed ruleset, or empty when the text cannot be read. */
    default Optional<Ruleset> tryParse(String text, String source) {
        try {
            return Optional.of(parse(text, source));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses leniently: the problems come back as diagnostics beside what could be read. */
    default ParseResult<Ruleset> parseLenient(String text, String source) {
        List<ParseException> diagnostics = new ArrayList<>();
        Ruleset ruleset = read(Objects.requireNonNull(source, "source"), Objects.requireNonNull(text, "text"),
                diagnostics::add);
        return new ParseResult<>(ruleset, diagnostics);
    }
}
