package dev.bulwark.firewall.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.firewall.parse.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text reader builds exactly the items that real {@code nft -j list ruleset} printed for the
 * same kernel: each {@code nft-text/NAME[-FLAGS].txt} was printed by {@code nft FLAGS list ruleset}
 * and {@code NAME[-FLAGS].json} by {@code nft -j FLAGS list ruleset} after {@code nft -f NAME.nft}
 * in a throwaway network namespace (nftables 1.0.6; {@link NftTextLiveTest} does the same live). The comparison's few normalisations are listed on {@link NftTextItems}.
 */
class NftTextItemsTest {

    /** The hand-written inputs, and Bulwark's own renderer output ({@code render/seed.nft}, {@code render/gateway.nft}). */
    static final List<String> INPUTS = List.of("families", "sets", "rules", "statements", "renderer-seed", "renderer-gateway");
    static final List<String> FLAGS = List.of("", "-a", "-s", "-t", "-nn", "-y", "-p", "-T");

    static String resource(String name) {
        try (InputStream in = NftTextItemsTest.class.getResourceAsStream("/dev/bulwark/firewall/parse/nft-text/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<String> captures() {
        return INPUTS.stream().flatMap(i -> FLAGS.stream().map(f -> i + f)).filter(n -> resource(n + ".txt") != null);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void buildsTheItemsNftJsonPrintsForTheSameKernel(String capture) {
        String text = resource(capture + ".txt");
        String json = resource(capture + ".json");
        List<Object> items = new NftTextReader(capture + ".txt", null).items(text);
        sameItems(NftTextItems.mine(items, json), NftTextItems.real(json, items));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void readsTheHandWrittenInputLikeItsListing(String capture) {
        String name = capture.replaceAll("-.*", "");
        if (!capture.equals(name)) {
            return;
        }
        List<Object> items = new NftTextReader(name + ".nft", null).items(resource(name + ".nft"));
        assertThat(items).isNotEmpty();
    }

    @Test
    void readsTheXtMatchesIptablesNftLeavesUntranslated() {
        String json = resource("iptables-nft-xt.json");
        List<Object> items = new NftTextReader("iptables-nft-xt.txt", null).items(resource("iptables-nft-xt.txt"));
        List<String> mine = NftTextItems.mine(items, json);
        List<String> real = NftTextItems.real(json, items);
        assertThat(mine).hasSameSizeAs(real);
        // the text translates TCPMSS and drops the comment match; the untranslated xt matches are the same items
        assertThat(mine.get(2)).isEqualTo(real.get(2)).contains("{\"xt\":{\"name\":\"recent\",\"type\":\"match\"}}");
        assertThat(mine.get(5)).isEqualTo(real.get(5)).contains("hashlimit");
        assertThat(mine.get(3)).contains("{\"mangle\":{\"key\":{\"tcp option\":{\"field\":\"size\",\"name\":\"maxseg\"}},\"value\":1400}}");
    }

    @Test
    void buildsTheItemsOfTheOlderCaptureOfOneKernel() {
        String json = Resources.text("nft-j-list-ruleset.json");
        List<Object> items = new NftTextReader("nft-list-ruleset.txt", null).items(Resources.text("nft-list-ruleset.txt"));
        sameItems(NftTextItems.mine(items, json), NftTextItems.real(json, items));
    }

    /** Item by item, so that a failure shows the first item that differs. */
    static void sameItems(List<String> mine, List<String> real) {
        for (int i = 0; i < Math.min(mine.size(), real.size()); i++) {
            assertThat(mine.get(i)).as("item %d", i + 1).isEqualTo(real.get(i));
        }
        assertThat(mine).hasSameSizeAs(real);
    }
}
