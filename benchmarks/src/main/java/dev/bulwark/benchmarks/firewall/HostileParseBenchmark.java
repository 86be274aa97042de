package dev.bulwark.benchmarks.firewall;

import dev.bulwark.core.ParseException;
import dev.bulwark.firewall.parse.IptablesSave;
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
 * How {@link IptablesSave#parse} grows on hostile shapes of input, at a size and at eight times that
 * size: near-linear parsing takes about 8x as long for the larger one, a quadratic path about 64x.
 * The shapes are the ones that had (or could have had) such a path: a run of {@code !} after a
 * target, many tables, many addresses before the protocol whose module later options load
 * implicitly, deep quoting, one line of very many options, and many short rules. Run with
 * {@code java -jar benchmarks.jar HostileParseBenchmark} and compare each shape's two sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HostileParseBenchmark {

    /** The shape of the input. */
    @Param({"bangs", "tables", "implicit", "quoting", "options", "rules"})
    public String shape;

    /** The size: words, tables or rules. */
    @Param({"10000", "80000"})
    public int size;

    private String text;

    /** The input for a shape and a size. */
    public static String input(String shape, int n) {
        String head = "*filter\n:INPUT DROP [0:0]\n";
        switch (shape) {
            case "bangs":
                return head + "-A INPUT -j LOG " + "! ".repeat(n) + "\nCOMMIT\n";
            case "tables": {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    b.append('*');
                    for (int k = i; ; k /= 26) {
                        b.append((char) ('a' + k % 26));
                        if (k < 26) {
                            break;
                        }
                    }
                    b.append("\nCOMMIT\n");
                }
                return b.toString();
            }
            case "implicit":
                return head + "-A INPUT " + "-s 10.0.0.1 ".repeat(n / 2) + "-p tcp" + " --dport 22 -s 10.0.0.1".repeat(n / 2)
                        + " -j ACCEPT\nCOMMIT\n";
            case "quoting":
                return head + "-A INPUT -m comment --comment \"" + "\\\"\\\\".repeat(n) + "\" -j ACCEPT\nCOMMIT\n";
            case "options":
                return head + "-A INPUT -m conntrack" + " --ctorigsrc 10.0.0.1".repeat(n) + " -j ACCEPT\nCOMMIT\n";
            case "rules":
                return head + "-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT\n".repeat(n) + "COMMIT\n";
            default:
                throw new IllegalArgumentException("unknown shape " + shape);
        }
    }

    /** Builds the input once per trial. */
    @Setup
    public void setUp() {
        text = input(shape, size);
    }

    /** Parses the input; hostile input may fail, which is measured too. */
    @Benchmark
    public Object parse() {
        try {
            return IptablesSave.parse(text);
        } catch (ParseException e) {
            return e;
        }
    }
}
