package dev.bulwark.benchmarks.sockets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What a parser of the listing {@link SocketParserBenchmark} parses could reach at best on this
 * machine, so that a throughput goal can be weighed before a parser is rewritten for it.
 *
 * <p>The scan is the fast half of a parser, written for speed and nothing else: it finds line ends
 * and column boundaries eight bytes at a time, checks the Netid and State words' characters, reads
 * the queue numbers, checks both endpoints' characters, brackets and port (0..65535), and walks
 * {@code users:(("name",pid=N,fd=N),…)} with its quoting rule, keeping only offsets: no object,
 * no string, no {@code Reader}. It leaves out what the real parser does besides (Unix, netlink and
 * packet forms, headers, {@code -i} info lines, extension fields, positioned errors, the typed
 * values), so its time per line is an optimistic estimate of a zero-allocation parser's, not a
 * proof of a bound. Bad input throws {@link IllegalStateException}; the generated listing has none.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScanFloorBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanFloorBenchmark {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long SPACES = 0x2020202020202020L;

    /** Scans every socket line; returns a checksum of what it read so the work is not optimised away. */
    @Benchmark
    public long scan(GeneratedListing listing) {
        return new Scan(listing.bytes()).all();
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

        /** Which bytes of {@code word} are zero, as the high bit of each such byte. */
        private static long zeroBytes(long word) {
            return (word - ONES) & ~word & HIGHS;
        }

        /** The index of the next {@code \n} at or after {@code from}, or the end of the listing. */
        private int lineEnd(int from) {
            int i = from;
            for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
                long found = zeroBytes((long) LONGS.get(b, i) ^ NEWLINES);
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            while (i < b.length && b[i] != '\n') {
                i++;
            }
            return i;
        }

        private void skipSpaces() {
            while (pos + Long.BYTES <= end) {
                long notSpace = (long) LONGS.get(b, pos) ^ SPACES;
                if (notSpace != 0) {
                    pos += Long.numberOfTrailingZeros(notSpace) >>> 3;
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
            if (start == end) {
                throw new IllegalStateException("line ends before a column");
            }
            while (pos + Long.BYTES <= end) {
                long space = zeroBytes((long) LONGS.get(b, pos) ^ SPACES);
                if (space != 0) {
                    pos += Long.numberOfTrailingZeros(space) >>> 3;
                    return start;
                }
                pos += Long.BYTES;
            }
            while (pos < end && b[pos] != ' ') {
                pos++;
            }
            return start;
        }

        private void word(int from, int to, boolean upper) {
            for (int i = from; i < to; i++) {
                int c = b[i];
                boolean letter = upper ? c >= 'A' && c <= 'Z' || c == '-' : c >= 'a' && c <= 'z';
                if (!letter && (c < '0' || c > '9') && c != '_') {
                    throw new IllegalStateException("not a word");
                }
            }
        }

        private long number(int from, int to) {
            if (from == to || to - from > 18) {
                throw new IllegalStateException("not a number");
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new IllegalStateException("not a number");
                }
                value = value * 10 + digit;
            }
            return value;
        }

        /** Checks {@code address:port} (bracketed, scoped or {@code *}); returns the port, 0 for {@code *}. */
        private long endpoint(int from, int to) {
            if (to - from == 1 && b[from] == '*') {
                return 0;
            }
            int colon = -1;
            int close = -1;
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xff;
                if (c <= ' ' || c == 0x7f) {
                    throw new IllegalStateException("control character in an endpoint");
                } else if (c == ':') {
                    colon = i;
                } else if (c == ']') {
                    close = i;
                }
            }
            if (colon < 0 || colon == to - 1) {
                throw new IllegalStateException("no port");
            }
            if (b[from] == '[' && (close < 0 || b[close + 1] != ':' && b[close + 1] != '%')) {
                throw new IllegalStateException("no ']' before the port");
            }
            if (to - colon == 2 && b[colon + 1] == '*') {
                return 0;
            }
            long port = number(colon + 1, to);
            if (port > 65535) {
                throw new IllegalStateException("port out of range");
            }
            return port;
        }

        private void line() {
            int start = column();
            word(start, pos, false);
            sum += b[start];
            start = column();
            word(start, pos, true);
            sum += pos - start;
            start = column();
            sum += number(start, pos);
            start = column();
            sum += number(start, pos);
            start = column();
            sum += endpoint(start, pos);
            start = column();
            sum += endpoint(start, pos);
            skipSpaces();
            if (pos < end) {
                processes();
            }
        }

        /** Walks {@code users:(("name",pid=N,fd=N),…)}; a name ends at the quote that such a tail follows. */
        private void processes() {
            pos += "users:(".length();
            while (true) {
                if (pos + 1 >= end || b[pos] != '(' || b[pos + 1] != '"') {
                    throw new IllegalStateException("no process entry");
                }
                int quote = pos + 2;
                while (!tail(quote)) {
                    quote++;
                    while (quote < end && b[quote] != '"') {
                        quote++;
                    }
                    if (quote >= end) {
                        throw new IllegalStateException("unterminated process entry");
                    }
                }
                sum += quote - pos;
                if (b[pos] == ')') {
                    pos++;
                    return;
                }
                pos++;
            }
        }

        /** Whether {@code ",pid=N,fd=N)} then {@code )} or {@code ,("} follows the quote; on a match moves there. */
        private boolean tail(int quote) {
            if (b[quote] != '"' || quote + 6 >= end || b[quote + 1] != ',' || b[quote + 2] != 'p'
                    || b[quote + 3] != 'i' || b[quote + 4] != 'd' || b[quote + 5] != '=') {
                return false;
            }
            int pidEnd = digits(quote + 6);
            if (pidEnd == quote + 6 || pidEnd + 4 >= end || b[pidEnd] != ',' || b[pidEnd + 1] != 'f'
                    || b[pidEnd + 2] != 'd' || b[pidEnd + 3] != '=') {
                return false;
            }
            int fdEnd = digits(pidEnd + 4);
            int next = fdEnd + 1;
            if (fdEnd == pidEnd + 4 || next >= end || b[fdEnd] != ')'
                    || b[next] != ')' && (next + 2 >= end || b[next] != ',' || b[next + 1] != '(' || b[next + 2] != '"')) {
                return false;
            }
            sum += number(quote + 6, pidEnd) + number(pidEnd + 4, fdEnd);
            pos = next;
            return true;
        }

        private int digits(int from) {
            int i = from;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i;
        }
    }
}
