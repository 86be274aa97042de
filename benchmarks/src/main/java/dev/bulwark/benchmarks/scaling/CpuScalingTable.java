package dev.bulwark.benchmarks.scaling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cases of {@link ParserScalingBenchmark} timed in this thread's CPU time rather than wall
 * time, at n, 10n and 100n: the fastest of many rounds, each round as many parses as take about
 * the same work at every size. Other processes on a shared machine add wall time, not this
 * thread's CPU time, so the exponents hold under load where JMH's do not (the collector's threads
 * are not counted; JMH's {@code -prof gc} shows allocation). Each case is followed by a reference
 * that does linear work over the same input (copying it and counting its bytes): an exponent it
 * shares is the memory hierarchy's, not the parser's. Arguments: a regular expression of cases,
 * n (default 5000), rounds (default 20).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.scaling.CpuScalingTable 'krl:key-ids' 5000 20
 * }</pre>
 */
public final class CpuScalingTable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuScalingTable() {
    }

    /** Prints one row per case and one for its reference. */
    public static void main(String[] args) {
        String filter = args.length > 0 ? args[0] : ".*";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<String> cases = ScalingInputs.CASES.keySet().stream().filter(k -> k.matches(filter))
                .collect(Collectors.toList());
        System.out.printf("| parser:shape | cpu ms at n=%d | 10n | 100n | exponent n→10n | 10n→100n |%n"
                + "|---|---|---|---|---|---|%n", n);
        for (String name : cases) {
            ScalingInputs.Case c = ScalingInputs.CASES.get(name);
            String[] texts = new String[3];
            for (int i = 0; i < 3; i++) {
                texts[i] = c.input().apply(n * (int) Math.pow(10, i));
            }
            row(name, texts, rounds, t -> ScalingInputs.run(c, t));
            row(name + " (reference: copy and count)", texts, rounds, t -> {
                byte[] copy = t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                int lines = 0;
                for (byte b : copy) {
                    lines += b == '\n' ? 1 : 0;
                }
                return lines;
            });
        }
    }

    private static void row(String name, String[] texts, int rounds, java.util.function.Function<String, Object> op) {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 3; i++) {
                int reps = Math.max(1, 100 / (int) Math.pow(10, i));
                long start = THREADS.getCurrentThreadCpuTime();
                for (int k = 0; k < reps; k++) {
                    sink += op.apply(texts[i]).hashCode();
                }
                double perOp = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / reps;
                if (round >= rounds / 4) { // the first quarter warms the compiler up
                    best[i] = Math.min(best[i], perOp);
                }
            }
        }
        System.out.printf("| %s | %.3f | %.3f | %.3f | %.2f | %.2f |%s%n", name, best[0], best[1], best[2],
                Math.log10(best[1] / best[0]), Math.log10(best[2] / best[1]), sink == 42 ? " " : "");
    }
}
