package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParseExceptionTest {

    @Test
    void messageNamesSourceLineColumnAndQuotesTheOffendingText() {
        ParseException e = new ParseException(new Position("sshd_config", 12, 1),
                "unknown keyword", "PermitRootLogn yes");
        assertThat(e).hasMessage("sshd_config:12:1: unknown keyword in 'PermitRootLogn yes'");
        assertThat(e.position().line()).isEqualTo(12);
        assertThat(e.offendingText()).contains("PermitRootLogn yes");
    }

    @Test
    void doesNotQuoteTwiceWhenTheReasonAlreadyQuotes() {
        ParseException e = new ParseException(Position.inString(3, 7), "bad port 'x'", "x");
        assertThat(e).hasMessage("<string>:3:7: bad port 'x'");
    }

    @Test
    void secretParseErrorsQuoteNothing() {
        ParseException e = new ParseException(Position.of("id_ed25519", 2), "bad base64");
        assertThat(e).hasMessage("id_ed25519:2:1: bad base64");
        assertThat(e.offendingText()).isEmpty();
    }

    @Test
    void controlCharactersAreEscapedAndLongTextElided() {
        ParseException e = new ParseException(Position.inString(1, 1), "bad", "a\nb\u0007" + "x".repeat(500));
        assertThat(e.getMessage()).contains("a\\nb\\u0007").endsWith("...'").doesNotContain("\n");
    }

    @Test
    void positionsAreOneBased() {
        assertThatThrownBy(() -> new Position("f", 0, 1)).hasMessage("line 0 is below 1");
        assertThatThrownBy(() -> new Position("f", 1, 0)).hasMessage("column 0 is below 1");
        assertThat(new Position("f", 2, 3)).hasToString("f:2:3");
    }

    @Test
    void parseResultKeepsAtMostTheBoundOfDiagnostics() {
        var many = java.util.stream.IntStream.rangeClosed(1, ParseResult.MAX_DIAGNOSTICS + 5)
                .mapToObj(i -> new ParseException(Position.inString(i, 1), "bad"))
                .toList();
        ParseResult<String> result = new ParseResult<>("v", many);
        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(result.isClean()).isFalse();
    }

    @Test
    void aLongReasonIsCutAndItsControlCharactersEscaped() {
        ParseException e = new ParseException(Position.inString(1, 1), "bad 'a\nb" + "x".repeat(10_000_000) + "'",
                "y".repeat(10_000_000));

        assertThat(e.getMessage()).startsWith("<string>:1:1: bad 'a\\nbxxx").doesNotContain("\n")
                .endsWith("xxx... in '" + "y".repeat(ParseException.MAX_QUOTED) + "...'");
        assertThat(e.reason()).hasSize(ParseException.MAX_REASON + 3);
        assertThat(e.offendingText().orElseThrow()).hasSize(1024);
    }

    @Test
    void anExcerptIsTheBoundedWindowOfTheLineAroundAPlace() {
        String text = "first line\n" + "a".repeat(100) + "X" + "b".repeat(200) + "\nlast";

        assertThat(ParseException.excerpt(text, 3)).isEqualTo("first line");
        assertThat(ParseException.excerpt(text, 111)).isEqualTo("..." + "a".repeat(40) + "X" + "b".repeat(73) + "...");
        assertThat(ParseException.excerpt(text, text.length())).isEqualTo("last");
        assertThat(ParseException.excerpt("", 0)).isEmpty();
        assertThat(ParseException.excerpt("a\r\nb", 3)).isEqualTo("b");
    }
}
