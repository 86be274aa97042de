package dev.bulwark.benchmarks.scaling;

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
 * Each parser on a valid shape and on the hostile shapes that once made one superlinear, at a size
 * n and at 10n. Near-linear parsing takes about 10x as long at 10n; the exponent
 * log10(t(10n)/t(n)) is 1 for linear and 2 for quadratic; the goal is at most 1.15. The iptables-save
 * shapes are {@link dev.bulwark.benchmarks.firewall.HostileParseBenchmark}'s. {@link ScalingTable}
 * runs this and prints the exponents.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParserScalingBenchmark {

    /** parser:shape, a key of {@link ScalingInputs#CASES}. */
    @Param({"ss:valid", "sshd_config:valid", "sshd_config:unknown-keywords", "authorized_keys:valid",
        "authorized_keys:invalid-lines", "known_hosts:valid", "known_hosts:invalid-lines", "iptables-save:valid",
        "iptables-save:bangs", "iptables-save:options", "wireguard:valid", "wireguard:allowed-ips", "apt.conf:valid",
        "apt.conf:stray-braces", "apt.conf:clears", "automatic.conf:valid", "automatic.conf:continuations"})
    public String parser;

    /** Lines, peers, words or statements. */
    @Param({"5000", "50000"})
    public int size;

    private ScalingInputs.Case subject;
    private String text;

    /** Builds the input once per trial. */
    @Setup
    public void setUp() {
        subject = ScalingInputs.CASES.get(parser);
        if (subject == null) {
            throw new IllegalArgumentException("unknown case " + parser + "; known: " + ScalingInputs.CASES.keySet());
        }
        text = subject.input().apply(size);
    }

    /** Parses the input; hostile input may fail, which is measured too. */
    @Benchmark
    public Object parse() {
        return ScalingInputs.run(subject, text);
    }
}
