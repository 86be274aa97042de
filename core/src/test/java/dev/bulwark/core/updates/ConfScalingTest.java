package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile apt.conf and automatic.conf shapes that took time quadratic in their size: every error
 * on a long line copied the whole line (a million {@code "};"} took 319 s leniently), every
 * {@code #clear} scanned every key, every unclosed {@code /*} searched to the end again, and every
 * continuation line copied the value so far. They now take milliseconds; the timeouts are generous
 * so that a loaded machine never fails them while the old paths would. How their time grows is
 * measured in {@code ParserScalingBenchmark} (benchmarks module).
 */
class ConfScalingTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lenientAptConfOfHalfAMillionStrayBracesOnOneLineIsLinear() {
        ParseResult<AptConf> result = AptConf.parseLenient("};".repeat(500_000), "t");

        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(result.diagnostics().get(100)).hasMessage("t:1:201: unexpected '}' (no block is open) in '..."
                + "};".repeat(57) + "...'");
    }

    @Test
    void aTenMegabyteLineGivesABoundedMessage() {
        String word = "x".repeat(10_000_000);

        assertThatThrownBy(() -> AptConf.parse("A " + word + " B;", "t"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(ParseException.MAX_REASON
                        + ParseException.MAX_QUOTED + 100))
                .hasMessageStartingWith("t:1:" + (word.length() + 4) + ": expected ';' after 'xxxx");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyClearsOfManyKeysAreLinear() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append("A::k").append(i).append(" \"v\";\n");
        }
        text.append("#clear B;\n".repeat(50_000)).append("#clear A;\nC \"1\";\n");

        AptConf conf = AptConf.parse(text.toString(), "t");

        assertThat(conf.keys()).containsExactly("C");
    }

    @Test
    void clearRemovesTheKeyAndItsSubkeysOnly() {
        AptConf conf = AptConf.parse("A \"1\"; A::B \"2\"; A::B::C \"3\"; AB \"4\"; A:C \"5\"; #clear A::B; #clear a;", "t");

        assertThat(conf.keys()).containsExactly("AB", "A:C");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyUnclosedCommentsAreSearchedForOnce() {
        ParseResult<AptConf> result = AptConf.parseLenient("/*;\n".repeat(200_000), "t");

        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS)
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo("unterminated '/*' comment"));
    }

    @Test
    void refusesNulInAptValuesAndKeys() {
        assertThatThrownBy(() -> AptConf.parse("A \"x\0y\";", "t"))
                .isInstanceOf(ParseException.class)
                .hasMessage("t:1:5: a NUL character (U+0000) is not allowed in apt.conf in 'A \"x\\u0000y\";'");
        assertThatThrownBy(() -> AptConf.parse("A x\0y;", "t"))
                .hasMessageStartingWith("t:1:4: a NUL character (U+0000) is not allowed in apt.conf");
        assertThatThrownBy(() -> AptConf.parse("A\0 \"1\";", "t"))
                .hasMessageStartingWith("t:1:2: a NUL character (U+0000) is not allowed in apt.conf");
        ParseResult<AptConf> lenient = AptConf.parseLenient("A \"x\0y\";\nB \"1\";", "t");
        assertThat(lenient.value().value("A")).isEmpty();
        assertThat(lenient.value().value("B")).contains("1");
    }

    @Test
    void refusesNulInDnfAutomaticValues() {
        assertThatThrownBy(() -> DnfAutomaticConf.parse("[commands]\napply_updates = yes\0no\n", "automatic.conf"))
                .isInstanceOf(ParseException.class)
                .hasMessage("automatic.conf:2:20: a NUL character (U+0000) is not allowed in dnf-automatic's "
                        + "configuration in 'apply_updates = yes\\u0000no'");
        assertThatThrownBy(() -> DnfAutomaticConf.parse("[commands]\nemit_via = motd\n  stdio\0\n", "automatic.conf"))
                .hasMessageStartingWith("automatic.conf:3:8: a NUL character");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyContinuationLinesAreLinear() {
        String text = "[emitters]\nemit_via = motd\n" + "  stdio\n".repeat(200_000) + "[commands]\napply_updates = yes\n";

        DnfAutomaticConf conf = DnfAutomaticConf.parse(text, "automatic.conf");

        assertThat(conf.value("emitters", "emit_via").orElseThrow()).hasSize(4 + 6 * 200_000).startsWith("motd\nstdio\n");
        assertThat(conf.value("commands", "apply_updates")).contains("yes");
    }
}
