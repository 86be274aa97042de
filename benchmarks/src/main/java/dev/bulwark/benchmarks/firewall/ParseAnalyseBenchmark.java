package dev.bulwark.benchmarks.firewall;

import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureAnalysis;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.parse.IptablesSave;
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
 * Parsing a generated {@code iptables-save} of 10,000 and 100,000 rules, and parsing plus the
 * exposure analysis of eight listening sockets. Compare with {@code iptables-restore --test} on the
 * same file: {@code benchmarks/scripts/iptables-parse-vs-restore-test.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseAnalyseBenchmark {

    /** The number of generated rules. */
    @Param({"10000", "100000"})
    public int rules;

    private String text;
    private SocketTable sockets;
    private Ruleset parsed;

    /** Generates the file once per trial. */
    @Setup
    public void setUp() {
        text = IptablesSaveGenerator.generate(rules, 42);
        sockets = SocketTable.parse(IptablesSaveGenerator.sockets());
        parsed = IptablesSave.parse(text);
    }

    /** Parsing alone. */
    @Benchmark
    public Ruleset parse() {
        return IptablesSave.parse(text);
    }

    /** The analysis alone, of an already parsed ruleset. */
    @Benchmark
    public List<SocketExposure> analyse() {
        return ExposureAnalysis.analyze(parsed, sockets);
    }

    /** Parsing and analysing, as an audit does. */
    @Benchmark
    public List<SocketExposure> parseAndAnalyse() {
        return ExposureAnalysis.analyze(IptablesSave.parse(text), sockets);
    }
}
