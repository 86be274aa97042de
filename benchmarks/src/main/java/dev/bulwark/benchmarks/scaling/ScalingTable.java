package dev.bulwark.benchmarks.scaling;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ParserScalingBenchmark} and prints, for each parser and shape, the mean times at n
 * and 10n and the exponent log10(t(10n)/t(n)), marking those above 1.15. Arguments: optionally a
 * regular expression of cases (default all), n (default 5000).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.scaling.ScalingTable
 * java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.scaling.ScalingTable 'wireguard.*' 5000
 * }</pre>
 */
public final class ScalingTable {

    /** The goal: at most this exponent. */
    static final double GOAL = 1.15;

    private ScalingTable() {
    }

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws RunnerException {
        String filter = args.length > 0 ? args[0] : ".*";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String[] cases = ScalingInputs.CASES.keySet().stream().filter(k -> k.matches(filter)).toArray(String[]::new);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ParserScalingBenchmark.class.getName())
                .param("parser", cases)
                .param("size", String.valueOf(n), String.valueOf(10 * n))
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .build()).run();
        Map<String, double[]> times = new TreeMap<>();
        for (RunResult r : results) {
            String parser = r.getParams().getParam("parser");
            int size = Integer.parseInt(r.getParams().getParam("size"));
            times.computeIfAbsent(parser, k -> new double[2])[size == n ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        System.out.printf("%n| parser:shape | t(n=%d) ms | t(10n) ms | exponent |%n|---|---|---|---|%n", n);
        times.forEach((parser, t) -> {
            double exponent = Math.log10(t[1] / t[0]);
            System.out.printf("| %s | %.3f | %.3f | %.2f%s |%n", parser, t[0], t[1], exponent,
                    exponent > GOAL ? " **over " + GOAL + "**" : "");
        });
    }
}
