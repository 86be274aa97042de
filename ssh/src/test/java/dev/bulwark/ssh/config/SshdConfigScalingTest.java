package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many invalid lines read leniently took over 20 s for 200,000: each unknown keyword was compared
 * by edit distance with every keyword, and every diagnostic was kept alive though only a thousand
 * are returned. The timeout is generous so that a loaded machine never fails it; how the time grows
 * is measured in {@code ParserScalingBenchmark} (benchmarks module).
 */
class SshdConfigScalingTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoHundredThousandInvalidLinesAreReadLeniently() {
        ParseResult<SshdConfig> result = SshdConfig.parseLenient("PermitRootLogn yes\n".repeat(200_000) + "Port 2222\n");

        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(result.diagnostics().get(999))
                .hasMessage("sshd_config:1000:1: unknown keyword 'PermitRootLogn' (did you mean PermitRootLogin?)");
        assertThat(result.value().effective().value(SshdKeyword.PORT)).contains("2222");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void distinctUnknownKeywordsStillGetSuggestions() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append("PermitRootLog").append(i % 10).append(" yes\n");
        }

        ParseResult<SshdConfig> result = SshdConfig.parseLenient(text.toString());

        assertThat(result.diagnostics().get(3)).hasMessageContaining("(did you mean PermitRootLogin?)");
    }
}
