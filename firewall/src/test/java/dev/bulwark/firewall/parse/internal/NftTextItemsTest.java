package dev.bulwark.firewall.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.firewall.parse.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
    void readsHandWrittenFormsAsNftJsonPrintsWhatWasLoaded() {
        String json = resource("input-forms.json");
        List<Object> items = new NftTextReader("input-forms.nft", null).items(resource("input-forms.nft"));
        sameItems(NftTextItems.mine(items, json), NftTextItems.real(json, items));
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

    private static String rule(String text) {
        List<Object> items = new NftTextReader("x", null).items("table inet t { chain c { " + text + " } }");
        return JsonWriter.write(((Map<?, ?>) ((Map<?, ?>) items.get(items.size() - 1)).get("rule")).get("expr"));
    }

    /**
     * Forms this machine's kernel cannot load (no flowtable, queue, tproxy, synproxy or osf
     * modules), checked against the JSON nft's printer writes for them (libnftables-json(5)).
     */
    @Test
    void buildsTheDocumentedItemsOfFormsThisKernelCannotLoad() {
        List<Object> items = new NftTextReader("x", null).items("table inet t {\n flags dormant\n chain c {\n"
                + "  flow add @ft\n }\n flowtable ft {\n  hook ingress priority filter + 10\n  devices = { eth0, eth1 }\n"
                + " }\n}\n");
        assertThat(items.stream().map(JsonWriter::write)).containsExactly(
                "{\"table\":{\"family\":\"inet\",\"name\":\"t\",\"flags\":\"dormant\"}}",
                "{\"flowtable\":{\"family\":\"inet\",\"name\":\"ft\",\"table\":\"t\",\"hook\":\"ingress\",\"prio\":10,"
                        + "\"dev\":[\"eth0\",\"eth1\"]}}",
                "{\"chain\":{\"family\":\"inet\",\"table\":\"t\",\"name\":\"c\"}}",
                "{\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"c\",\"expr\":[{\"flow\":{\"op\":\"add\","
                        + "\"flowtable\":\"@ft\"}}]}}");
        assertThat(rule("queue num 1 bypass")).isEqualTo("[{\"queue\":{\"num\":1,\"flags\":\"bypass\"}}]");
        assertThat(rule("queue flags bypass,fanout num 2-3"))
                .isEqualTo("[{\"queue\":{\"num\":{\"range\":[2,3]},\"flags\":[\"bypass\",\"fanout\"]}}]");
        assertThat(rule("queue")).isEqualTo("[{\"queue\":null}]");
        assertThat(rule("meta l4proto tcp tproxy ip to 127.0.0.1:8080")).endsWith(
                "{\"tproxy\":{\"family\":\"ip\",\"addr\":\"127.0.0.1\",\"port\":8080}}]");
        assertThat(rule("tcp dport 80 synproxy mss 1460 wscale 7 timestamp sack-perm")).endsWith(
                "{\"synproxy\":{\"mss\":1460,\"wscale\":7,\"flags\":[\"timestamp\",\"sack-perm\"]}}]");
        assertThat(rule("ipsec in ip saddr 10.0.0.1 accept")).startsWith(
                "[{\"match\":{\"op\":\"==\",\"left\":{\"ipsec\":{\"dir\":\"in\",\"family\":\"ip\",\"key\":\"saddr\"}}");
        assertThat(rule("osf ttl loose name \"Linux\" accept")).startsWith(
                "[{\"match\":{\"op\":\"==\",\"left\":{\"osf\":{\"ttl\":\"loose\",\"key\":\"name\"}},\"right\":\"Linux\"}}");
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
