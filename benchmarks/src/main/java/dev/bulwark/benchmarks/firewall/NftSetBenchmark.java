package dev.bulwark.benchmarks.firewall;

import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureAnalysis;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.NftText;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.List;
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
 * An nftables ruleset with a 100,000-element interval set and 1,000 rules ({@link NftSetGenerator}),
 * read from {@code nft -j list ruleset} and from {@code nft list ruleset}, and analysed for eight
 * listening sockets. Issue 13's goal: parse and analyse in under a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NftSetBenchmark {

    /** The number of set elements. */
    @Param({"100000"})
    public int elements;

    /** The number of rules. */
    @Param({"1000"})
    public int rules;

    private String json;
    private String text;
    private SocketTable sockets;
    private Ruleset parsed;

    /** Generates the ruleset once per trial. */
    @Setup
    public void setUp() {
        json = NftSetGenerator.json(elements, rules, 42);
        text = NftSetGenerator.text(elements, rules, 42);
        sockets = SocketTable.parse(IptablesSaveGenerator.sockets());
        parsed = NftJson.parse(json);
    }

    /** The analysis alone. */
    @Benchmark
    public List<SocketExposure> analyse() {
        return ExposureAnalysis.analyze(parsed, sockets);
    }

    /** {@code nft -j} JSON parsed and analysed. */
    @Benchmark
    public List<SocketExposure> jsonParseAndAnalyse() {
        return ExposureAnalysis.analyze(NftJson.parse(json), sockets);
    }

    /** {@code nft list} text parsed and analysed. */
    @Benchmark
    public List<SocketExposure> textParseAndAnalyse() {
        return ExposureAnalysis.analyze(NftText.parse(text), sockets);
    }
}
