package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.firewall.parse.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What the nft JSON reader does with input it cannot lower, and with large input. */
class NftJsonErrorsTest {

    private static final Pattern JAVA_TEXTS = Pattern.compile(
            "For input string|No enum constant|out of bounds|Cannot invoke|class java|Rounding necessary|Overflow|"
                    + "cannot be cast|NullPointer|Division");

    private static String ruleset(String... exprs) {
        return "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}},"
                + " {\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"c\", \"type\": \"filter\", \"hook\": \"input\","
                + " \"prio\": 0, \"policy\": \"drop\"}},"
                + " {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [" + String.join(", ", exprs) + "]}}]}";
    }

    private static String match(String left, String op, String right) {
        return "{\"match\": {\"op\": \"" + op + "\", \"left\": " + left + ", \"right\": " + right + "}}";
    }

    private static final String DPORT = "{\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}";
    private static final String SADDR = "{\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}}";

    @Test
    void reportsMalformedValuesOfKnownExpressionsWithTheRuleQuoted() {
        assertThatThrownBy(() -> NftJson.parse(ruleset(match(DPORT, "==", "70000")), "x.json")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("x.json:3:1: port 70000 is not between 0 and 65535 in '{\"rule\":{\"family\":\"inet\"");
        assertThatThrownBy(() -> NftJson.parse(ruleset(match("{\"ct\": {\"key\": \"state\"}}", "==", "\"bogus\"")), "x.json"))
                .hasMessageStartingWith("x.json:3:1: unknown ct state 'bogus' in '{\"rule\"");
        assertThatThrownBy(() -> NftJson.parse(ruleset(match(SADDR, "==", "\"fd00::1\"")), "x.json"))
                .hasMessageStartingWith("x.json:3:1: 'fd00::1' is not an IPv4 address in '");
        assertThatThrownBy(() -> NftJson.parse(ruleset(match(SADDR, "==", "\"@nope\"")), "x.json"))
                .hasMessageStartingWith("x.json:3:1: set 'nope' is not declared in table inet t in '");
        assertThatThrownBy(() -> NftJson.parse(ruleset("{\"jump\": {\"target\": \"nowhere\"}}"), "x.json"))
                .hasMessageStartingWith("x.json:3:1: jump to chain 'nowhere' which is not in table inet t in '");
        assertThatThrownBy(() -> NftJson.parse(ruleset(match(DPORT, "~", "22")), "x.json"))
                .hasMessageStartingWith("x.json:3:1: unknown operator '~' in '");
        assertThatThrownBy(() -> NftJson.parse(ruleset(match(DPORT, "==", "{\"range\": [90, 80]}")), "x.json"))
                .hasMessageStartingWith("x.json:3:1: port range 90-80 ends before it starts in '");
        assertThatThrownBy(() -> NftJson.parse("{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"t\"}}}]}", "y.json"))
                .hasMessageStartingWith("y.json:1:1: 'add' is a command, not part of a ruleset listing in '{\"add\"");
        assertThatThrownBy(() -> NftJson.parse("{\"nftables\": 3}", "z.json")).hasMessage("z.json:1:1: 'nftables' is not a JSON array in '{\"nftables\": 3}'");
    }

    @Test
    void keepsWhatItDoesNotKnowVerbatimAndShort() {
        Ruleset r = NftJson.parse(ruleset("{\"osf\": 1e999999999}", match("{\"numgen\": {\"mode\": \"inc\", \"mod\": 2}}", "==", "1"),
                "{\"accept\": null}"));
        Rule rule = r.tables().get(0).chains().get(0).rules().get(0);
        assertThat(rule.notUnderstood()).containsExactly("{\"osf\":1E+999999999}",
                "{\"match\":{\"op\":\"==\",\"left\":{\"numgen\":{\"mode\":\"inc\",\"mod\":2}},\"right\":1}}");
        assertThat(rule.target()).isEqualTo(new Target.Accept());
    }

    @Test
    void lenientParsesKeepTheRulesTheyCannotReadAndReadTheOthers() {
        String text = ruleset(match(DPORT, "==", "70000"), "{\"accept\": null}").replace("]}}]}",
                "]}}, {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [{\"drop\": null}]}}]}");
        ParseResult<Ruleset> result = NftJson.parseLenient(text, "x.json");
        assertThat(result.diagnostics()).extracting(ParseException::reason).containsExactly("port 70000 is not between 0 and 65535");
        assertThat(result.value().unparsed()).singleElement().satisfies(u -> {
            assertThat(u.position().line()).isEqualTo(3);
            assertThat(u.reason()).isEqualTo("port 70000 is not between 0 and 65535");
            assertThat(u.text()).startsWith("{\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"c\",\"expr\":[{\"match\"");
        });
        assertThat(result.value().tables().get(0).chains().get(0).rules()).extracting(Rule::target).containsExactly(new Target.Drop());
    }

    @Test
    void readsChainDevicesAndNamedPrioritiesInTheFormsNewerNftPrints() {
        // nft 1.0.6 leaves devices out of -j output; libnftables-json(5) names them "dev" (string or array)
        Ruleset r = NftJson.parse("{\"nftables\": [{\"table\": {\"family\": \"netdev\", \"name\": \"n\"}},"
                + " {\"chain\": {\"family\": \"netdev\", \"table\": \"n\", \"name\": \"a\", \"type\": \"filter\", \"hook\": \"ingress\","
                + " \"prio\": \"filter - 5\", \"policy\": \"drop\", \"dev\": [\"eth0\", \"eth1\"]}},"
                + " {\"chain\": {\"family\": \"netdev\", \"table\": \"n\", \"name\": \"b\", \"type\": \"filter\", \"hook\": \"ingress\","
                + " \"prio\": 0, \"dev\": \"eth2\"}},"
                + " {\"flowtable\": {\"family\": \"netdev\", \"table\": \"n\", \"name\": \"ft\", \"hook\": \"ingress\", \"prio\": 0,"
                + " \"dev\": [\"eth0\"]}}]}");
        List<Chain> chains = r.tables().get(0).chains();
        assertThat(chains.get(0).devices()).containsExactly("eth0", "eth1");
        assertThat(chains.get(0).priority()).isEqualTo(-5);
        assertThat(chains.get(0).policy()).contains(Policy.DROP);
        assertThat(chains.get(1).devices()).containsExactly("eth2");
        assertThat(chains.get(1).policy()).contains(Policy.ACCEPT);
    }

    @Test
    void aTableNamedDormantHasNoBaseChains() {
        Ruleset r = NftJson.parse("{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"d\", \"flags\": [\"dormant\"]}},"
                + " {\"chain\": {\"family\": \"inet\", \"table\": \"d\", \"name\": \"c\", \"type\": \"filter\", \"hook\": \"input\","
                + " \"prio\": 0, \"policy\": \"drop\"}}]}");
        assertThat(r.tables().get(0).chains().get(0).isBase()).isFalse();
        assertThat(r.rulesNotUnderstood()).isEmpty();
    }

    @Test
    void readsASetLookupWrittenWithTheImplicitOperator() {
        Ruleset r = NftJson.parse(ruleset(match(DPORT, "in", "{\"set\": [22, 80]}"), "{\"accept\": null}"));
        assertThat(r.tables().get(0).chains().get(0).rules().get(0).matches()).containsExactly(new Match.Proto(false, "tcp"),
                new Match.Ports(Match.Side.DESTINATION, false, List.of(dev.bulwark.core.net.PortRange.of(22),
                        dev.bulwark.core.net.PortRange.of(80))));
    }

    @Test
    void theLoweringEntryTakesItemsBuiltByAnotherReaderWithTheirPositionsAndText() {
        Map<String, Object> table = Map.of("table", Map.of("family", "inet", "name", "t"));
        Map<String, Object> chain = Map.of("chain", Map.of("family", "inet", "table", "t", "name", "c", "type", "filter",
                "hook", "input", "prio", "filter - 1", "policy", "drop"));
        Map<String, Object> good = Map.of("rule", Map.of("family", "inet", "table", "t", "chain", "c", "expr",
                List.of(Map.of("match", Map.of("op", "==", "left", Map.of("payload", Map.of("protocol", "tcp", "field", "dport")),
                        "right", new BigDecimal(22))), Map.of("accept", Json.NULL))));
        Map<String, Object> bad = Map.of("rule", Map.of("family", "inet", "table", "t", "chain", "c", "expr",
                List.of(Map.of("jump", Map.of("target", "nowhere")))));
        Map<Object, dev.bulwark.core.Position> where = Map.of(good, new dev.bulwark.core.Position("r.nft", 4, 3),
                bad, new dev.bulwark.core.Position("r.nft", 5, 3));
        Map<Object, String> text = Map.of(good, "tcp dport 22 accept", bad, "jump nowhere");
        List<ParseException> problems = new ArrayList<>();
        Ruleset r = new dev.bulwark.firewall.parse.internal.NftJsonReader("r.nft", problems::add)
                .read(List.of(table, chain, good, bad), where::get, item -> text.getOrDefault(item, "?"));
        Rule rule = r.tables().get(0).chains().get(0).rules().get(0);
        assertThat(rule.position()).isEqualTo(new dev.bulwark.core.Position("r.nft", 4, 3));
        assertThat(rule.text()).isEqualTo("tcp dport 22 accept");
        assertThat(r.tables().get(0).chains().get(0).priority()).isEqualTo(-1);
        assertThat(problems).extracting(ParseException::getMessage).singleElement().asString()
                .startsWith("r.nft:5:3: jump to chain 'nowhere' which is not in table inet t in '");
        assertThat(r.unparsed()).singleElement().satisfies(u -> assertThat(u.text()).isEqualTo("jump nowhere"));
    }

    @Test
    void queueIsAVerdictTheAnalysisCannotDecide() {
        // the kernel here has no nft_queue: the form is libnftables-json(5)'s
        Ruleset r = NftJson.parse(ruleset(match(DPORT, "==", "25"), "{\"queue\": {\"num\": 3, \"flags\": [\"bypass\"]}}"));
        assertThat(r.tables().get(0).chains().get(0).rules().get(0).target())
                .isEqualTo(new Target.Other("queue", List.of("{\"queue\":{\"num\":3,\"flags\":[\"bypass\"]}}")));
    }

    @Test
    void rulesLookingUpOneLargeSetShareOneLoweredMatch() {
        int elements = 100_000;
        StringBuilder b = new StringBuilder("{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"t\"}},"
                + " {\"set\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"big\", \"type\": \"ipv4_addr\", \"elem\": [");
        for (int i = 0; i < elements; i++) {
            b.append(i == 0 ? "" : ",").append("\"10.").append(i >> 16).append('.').append((i >> 8) & 255).append('.').append(i & 255).append('"');
        }
        b.append("]}}, {\"chain\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"c\", \"type\": \"filter\", \"hook\": \"input\","
                + " \"prio\": 0, \"policy\": \"drop\"}}");
        for (int i = 0; i < 1000; i++) {
            b.append(", {\"rule\": {\"family\": \"ip\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [")
                    .append(match(SADDR, "==", "\"@big\"")).append(", ").append(match(DPORT, "==", String.valueOf(1 + i)))
                    .append(", {\"accept\": null}]}}");
        }
        Ruleset r = NftJson.parse(b.append("]}").toString());
        List<Rule> rules = r.tables().get(0).chains().get(0).rules();
        assertThat(rules).hasSize(1000);
        assertThat(((Match.Addr) rules.get(0).matches().get(0)).networks()).hasSize(elements);
        assertThat(rules.get(999).matches().get(0)).isSameAs(rules.get(0).matches().get(0));
    }

    @Provide
    Arbitrary<String> captures() {
        return Arbitraries.of("chains-hooks-priorities", "named-sets", "addresses-ports-protocols", "interfaces-ct-meta",
                "vmaps-concatenations", "nat", "statements", "raw-and-other-expressions", "dormant-table");
    }

    @Property(tries = 400)
    void mutatedRealCapturesOnlyYieldARulesetOrAParseException(@ForAll("captures") String capture, @ForAll long seed) {
        Random random = new Random(seed);
        Object json = Json.parse(Resources.text("nft/" + capture + ".json"), capture);
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            json = mutate(json, random, 0);
        }
        String text = write(json);
        for (boolean lenient : new boolean[] {false, true}) {
            try {
                Ruleset r = lenient ? NftJson.parseLenient(text, "m.json").value() : NftJson.parse(text, "m.json");
                assertThat(r).isNotNull();
            } catch (ParseException e) {
                assertThat(e.getMessage()).doesNotContainPattern(JAVA_TEXTS);
                assertThat(e.position().line()).isPositive();
            }
        }
    }

    private static final Object[] SCALARS = {"tcp", "ip", "saddr", "@admins4", "==", "!=", "in", "<", "accept", "jump", "ct", "state",
        "meta", "payload", "set", "concat", "range", "prefix", "", "\u0000", "10.0.0.0", "fd00::1", "filter - 1", "egress",
        new BigDecimal("-1"), BigDecimal.ZERO, new BigDecimal("65536"), new BigDecimal("1e999999999"), new BigDecimal("1.5"),
        new BigDecimal("4294967296"), Boolean.TRUE, Boolean.FALSE, Json.NULL};

    /** One random change somewhere in the value: a node replaced, a key dropped, an element doubled. */
    private static Object mutate(Object v, Random random, int depth) {
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty() && random.nextInt(4) != 0) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> copy.put((String) k, x));
            List<String> keys = new ArrayList<>(copy.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(8) == 0) {
                copy.remove(key);
            } else {
                copy.put(key, mutate(copy.get(key), random, depth + 1));
            }
            return copy;
        }
        if (v instanceof List && !((List<?>) v).isEmpty() && random.nextInt(4) != 0) {
            List<Object> copy = new ArrayList<>((List<?>) v);
            int i = random.nextInt(copy.size());
            if (random.nextInt(8) == 0) {
                copy.add(i, copy.get(i));
            } else {
                copy.set(i, mutate(copy.get(i), random, depth + 1));
            }
            return copy;
        }
        return switch (random.nextInt(5)) {
            case 0 -> List.of(SCALARS[random.nextInt(SCALARS.length)]);
            case 1 -> Map.of((String) SCALARS[random.nextInt(20)], SCALARS[random.nextInt(SCALARS.length)]);
            default -> SCALARS[random.nextInt(SCALARS.length)];
        };
    }

    private static String write(Object v) {
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            ((Map<?, ?>) v).forEach((k, x) -> b.append(b.length() > 1 ? "," : "").append(write(k)).append(':').append(write(x)));
            return b.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : (List<?>) v) {
                b.append(b.length() > 1 ? "," : "").append(write(x));
            }
            return b.append(']').toString();
        }
        if (v instanceof String) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : ((String) v).toCharArray()) {
                b.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return b.append('"').toString();
        }
        return String.valueOf(v);
    }
}
