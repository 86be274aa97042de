package dev.bulwark.firewall.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsValuesIntoOrderedMapsListsAndDecimals() {
        Object v = Json.parse("{\"b\": [1, -2.5e3, \"x\\u00e9\\n\", true, false, null], \"a\": {}, \"c\": 12345678901234567890}", "s");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("b", "a", "c"));
        assertThat(m.get("b")).isEqualTo(List.of(BigDecimal.ONE, new BigDecimal("-2.5e3"), "x\u00e9\n", true, false,
                Json.NULL));
        assertThat(m.get("a")).isEqualTo(Map.of());
        assertThat(m.get("c")).isEqualTo(new BigDecimal("12345678901234567890"));
        assertThat(Json.parse(" [\"\ud83d\ude00\"] ", "s")).isEqualTo(List.of("\ud83d\ude00"));
        assertThat(Json.parse("1e999999999", "s")).isEqualTo(new BigDecimal("1e999999999"));
    }

    @Test
    void reportsErrorsWithOurOwnReasonsAndPositions() {
        assertError("{\"nftables\": [1,]}", "x:1:17: unexpected character ']' in ']}'");
        assertError("{\"a\":1,\n \"a\":2}", "x:2:2: duplicate key 'a' in '\"a\":2}'");
        assertError("{\"a\" 1}", "x:1:6: unexpected character '1' in '1}'");
        assertError("{\"a\":1,}", "x:1:8: unexpected character '}'");
        assertError("[\"ab\u0001\"]", "x:1:5: control character in a string in '\\u0001\"]'");
        assertError("[\"a\\q\"]", "x:1:5: bad escape in 'q\"]'");
        assertError("[\"\\u12\"]", "x:1:7: bad escape in '\"]'");
        assertError("[\"abc", "x:1:6: unterminated string in ''");
        assertError("[1, 2", "x:1:6: unexpected end of JSON in ''");
        assertError("", "x:1:1: unexpected end of JSON in ''");
        assertError("  \n ", "x:2:2: unexpected end of JSON in ''");
        assertError("[01]", "x:1:3: malformed number in '1]'");
        assertError("[-]", "x:1:3: malformed number in ']'");
        assertError("[1] [2]", "x:1:5: text after the JSON value in '[2]'");
        assertError("[1] x", "x:1:5: unexpected character 'x'");
        assertError("[1]\n\n  }", "x:3:3: unexpected character '}'");
        assertError("{'a': 1}", "x:1:2: unexpected character ''' in ''a': 1}'");
        assertError("[1] // c", "x:1:5: unexpected character '/' in '// c'");
        assertError("[\"\\ud800\"]", "x:1:2: unpaired surrogate in a string in '\"\\ud800\"]'");
        assertError("{\"\udc00\": 1}", "x:1:2: unpaired surrogate in a string in '\"\udc00\": 1}'");
    }

    @Test
    void boundsNestingNumbersAndStrings() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertError(deep, "x:1:257: JSON nested deeper than 256 in '" + "[".repeat(20) + "'");
        assertThat(Json.parse("[".repeat(256) + "]".repeat(256), "x")).isInstanceOf(List.class);
        assertError("[" + "1".repeat(65) + "]", "x:1:2: number longer than 64 characters in '" + "1".repeat(20) + "'");
        assertThat(Json.parse("[" + "1".repeat(64) + "]", "x")).isEqualTo(List.of(new BigDecimal("1".repeat(64))));
        String longString = "[\"" + "a".repeat(Json.MAX_STRING_LENGTH + 1) + "\"]";
        assertThatThrownBy(() -> Json.parse(longString, "x")).isInstanceOf(ParseException.class)
                .hasMessage("x:1:2: string longer than 1000000 characters in '\"" + "a".repeat(19) + "'");
        assertThat((List<?>) Json.parse("[\"" + "a".repeat(Json.MAX_STRING_LENGTH) + "\"]", "x")).hasSize(1);
    }

    @Property(tries = 500)
    void hostileTextOnlyYieldsAValueOrOurParseException(@ForAll("hostile") String text) {
        try {
            Json.parse(text, "h.json");
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("h.json");
            assertThat(e.position().line()).isBetween(1, text.split("\n", -1).length);
            assertThat(e.getMessage()).doesNotContainIgnoringCase("jackson").doesNotContain("(code ")
                    .doesNotContain("StreamReadConstraints").doesNotContain("[Source").hasSizeLessThan(1000);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "true", "nul", "-", "0", "1e",
                        "9999999999", "\"a\"", "\n", " ", "/*", "'", "\u0000", "\ud800", "\udc00", "\"nftables\""),
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.strings().withChars("[{\"1").ofMinLength(300).ofMaxLength(600));
        return piece.list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text, "x")).isInstanceOf(ParseException.class).hasMessage(message);
    }
}
