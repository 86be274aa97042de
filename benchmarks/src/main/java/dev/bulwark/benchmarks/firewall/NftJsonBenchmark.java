package dev.bulwark.benchmarks.firewall;

import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading {@code nft -j list ruleset} output with one named interval set of 100,000 prefixes
 * that every rule of an {@code inet} chain looks up ({@code ip saddr @big tcp dport { n, 8080 }
 * counter accept}): the set is lowered once, not once per rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NftJsonBenchmark {

    /** The number of rules looking up the set. */
    @Param({"1000", "10000"})
    public int rules;

    /** The number of set elements. */
    @Param({"100000"})
    public int elements;

    private String text;

    /** Generates the JSON once per trial. */
    @Setup
    public void setUp() {
        text = generate(elements, rules);
    }

    /** Parsing and lowering. */
    @Benchmark
    public Ruleset parse() {
        return NftJson.parse(text);
    }

    /** The JSON of a table with one set of {@code elements} prefixes and a chain of {@code rules} rules using it. */
    static String generate(int elements, int rules) {
        StringBuilder b = new StringBuilder(64 * elements + 300 * rules);
        b.append("{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}}, {\"set\": {\"family\": \"inet\","
                + " \"table\": \"t\", \"name\": \"big\", \"type\": \"ipv4_addr\", \"flags\": [\"interval\"], \"elem\": [");
        for (int i = 0; i < elements; i++) {
            b.append(i == 0 ? "" : ", ").append("{\"prefix\": {\"addr\": \"10.").append((i >> 16) & 255).append('.')
                    .append((i >> 8) & 255).append('.').append(i & 255).append("\", \"len\": 32}}");
        }
        b.append("]}}, {\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"c\", \"type\": \"filter\","
                + " \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}");
        for (int i = 0; i < rules; i++) {
            b.append(", {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": ["
                    + "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}},"
                    + " \"right\": \"@big\"}}, {\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\","
                    + " \"field\": \"dport\"}}, \"right\": {\"set\": [").append(1 + i % 65000).append(", 8080]}}},"
                    + " {\"counter\": {\"packets\": 0, \"bytes\": 0}}, {\"accept\": null}]}}");
        }
        return b.append("]}").toString();
    }
}
