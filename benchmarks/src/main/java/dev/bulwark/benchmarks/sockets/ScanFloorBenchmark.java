package dev.bulwark.benchmarks.sockets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * A lower bound for any parser of the listing {@link SocketParserBenchmark} parses: the time to
 * walk the same bytes doing less than any real parser must, so that a throughput goal can be
 * checked against what the machine allows before a parser is rewritten for it.
 *
 * <p>The scan finds line ends and skips the column padding eight bytes at a time, splits each
 * {@code tcp ESTAB 0 0 local peer users:((…))} line into its columns, hashes the two words, reads
 * the queue numbers and the two ports and walks the process entries, assuming the generator's
 * exact shape. It builds no object, reads no {@code Reader}, validates almost nothing (no
 * character classes, no address syntax, no process-name quoting, no info or extension fields) and
 * reports no positioned errors: every real parser does strictly more per line, so its time per
 * line cannot be below this one's on the same machine. It is a measuring stick, not a parser.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScanFloorBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanFloorBenchmark {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long SPACES = 0x2020202020202020L;

    /** Sockets in the listing. */
    @Param("1000000")
    public int lines;

    private byte[] listing;

    /** Generates the listing {@link SocketParserBenchmark} parses (same generator, same seed). */
    @Setup
    public void generate() {
        listing = SsListingGenerator.bytes(lines, 42);
    }

    /** Scans every socket line; returns a checksum of what it read so the work is not optimised away. */
    @Benchmark
    public long scan() {
        return new Scan(listing).all();
    }

    /** The cursor over the listing; one per benchmark call. */
    private static final class Scan {
        private final byte[] b;
        private int pos;
        private int end;
        private long sum;

        Scan(byte[] listing) {
            this.b = listing;
        }

        long all() {
            int lineStart = lineEnd(0) + 1; // the header
            while (lineStart < b.length) {
                end = lineEnd(lineStart);
                pos = lineStart;
                line();
                lineStart = end + 1;
            }
            return sum;
        }

        /** The index of the next {@code \n} at or after {@code from}, or the end of the listing. */
        private int lineEnd(int from) {
            int i = from;
            for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
                long x = (long) LONGS.get(b, i) ^ NEWLINES;
                long zeroBytes = (x - ONES) & ~x & HIGHS;
                if (zeroBytes != 0) {
                    return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
                }
            }
            while (i < b.length && b[i] != '\n') {
                i++;
            }
            return i;
        }

        private void skipSpaces() {
            while (pos + Long.BYTES <= end) {
                long x = (long) LONGS.get(b, pos) ^ SPACES;
                if (x != 0) {
                    pos += Long.numberOfTrailingZeros(x) >>> 3;
                    return;
                }
                pos += Long.BYTES;
            }
            while (pos < end && b[pos] == ' ') {
                pos++;
            }
        }

        /** Skips to the next column and past it; returns where it started. */
        private int column() {
            skipSpaces();
            int start = pos;
            while (pos < end && b[pos] != ' ') {
                pos++;
            }
            return start;
        }

        private long number(int from, int to) {
            long value = 0;
            for (int i = from; i < to; i++) {
                value = value * 10 + (b[i] - '0');
            }
            return value;
        }

        private int hash(int from, int to) {
            int h = to - from;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            return h;
        }

        /** The port after the last ':' of {@code address:port}; 0 for {@code *}. */
        private long port(int from, int to) {
            int colon = to - 1;
            while (colon > from && b[colon] != ':') {
                colon--;
            }
            return b[colon + 1] == '*' ? 0 : number(colon + 1, to);
        }

        private void line() {
            int start = column();
            sum += hash(start, pos);
            start = column();
            sum += hash(start, pos);
            start = column();
            sum += number(start, pos);
            start = column();
            sum += number(start, pos);
            start = column();
            sum += port(start, pos);
            start = column();
            sum += port(start, pos);
            skipSpaces();
            if (pos < end) {
                processes();
            }
        }

        /** Walks {@code users:(("name",pid=N,fd=N),…)}, assuming no name holds {@code ",p}. */
        private void processes() {
            pos += "users:(".length();
            while (true) {
                int quote = pos + 2;
                while (b[quote] != '"' || b[quote + 1] != ',' || b[quote + 2] != 'p') {
                    quote++;
                }
                sum += hash(pos + 2, quote);
                int pidEnd = quote + 6;
                while (b[pidEnd] >= '0' && b[pidEnd] <= '9') {
                    pidEnd++;
                }
                int fdEnd = pidEnd + 4;
                while (b[fdEnd] >= '0' && b[fdEnd] <= '9') {
                    fdEnd++;
                }
                sum += number(quote + 6, pidEnd) + number(pidEnd + 4, fdEnd);
                pos = fdEnd + 1;
                if (b[pos] == ')') {
                    return;
                }
                pos++;
            }
        }
    }
}
