package dev.bulwark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile text for the parsers' fuzz properties (real lines, real lines with
 * one character changed, and soups of a format's fragments, arbitrary characters and long runs),
 * and the check that an error points into the text.
 */
public final class HostileText {

    private HostileText() {
    }

    /**
     * Up to eight lines, each a real line (3 in 10), a real line with one character changed (4 in
     * 10), a soup (2 in 10), or a blank or comment line.
     */
    public static Arbitrary<String> lines(Arbitrary<String> realLines, Arbitrary<String> soup) {
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(3, realLines), Tuple.of(4, mutated(realLines)),
                Tuple.of(2, soup), Tuple.of(1, Arbitraries.of("", "# comment", "  \t# x")));
        return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
    }

    /** A line with one character inserted, deleted or replaced at a random place. */
    public static Arbitrary<String> mutated(Arbitrary<String> lines) {
        return Combinators.combine(lines, Arbitraries.integers().between(0, 10_000), Arbitraries.chars(),
                Arbitraries.integers().between(0, 2)).as((line, at, c, how) -> {
                    int i = line.isEmpty() ? 0 : at % line.length();
                    if (how == 0 || line.isEmpty()) {
                        return line.substring(0, i) + c + line.substring(i);
                    }
                    return line.substring(0, i) + (how == 1 ? "" : String.valueOf(c)) + line.substring(i + 1);
                });
    }

    /**
     * Up to twenty pieces joined: the format's fragments (6 in 9), arbitrary strings of up to 40
     * characters (2 in 9), or a 9,000-character run of {@code runChars} (1 in 9).
     */
    public static Arbitrary<String> soup(List<String> fragments, char... runChars) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(fragments)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars(runChars).ofMinLength(9000).ofMaxLength(9000)));
        return piece.list().ofMaxSize(20).map(parts -> String.join("", parts));
    }

    /** Asserts that a parse error of {@code text} names {@code source} and a line and column that exist in it. */
    public static void assertPointsInto(ParseException e, String source, String text) {
        assertThat(e.position().source()).isEqualTo(source);
        assertThat(e.position().line()).isBetween(1, text.split("\n", -1).length);
        assertThat(e.position().column()).isBetween(1, text.length() + 1);
    }
}
