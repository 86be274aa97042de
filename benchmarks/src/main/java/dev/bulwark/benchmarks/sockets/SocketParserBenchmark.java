package dev.bulwark.benchmarks.sockets;

import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Streams a generated {@code ss -tunap} listing of {@code lines} sockets through
 * {@link SocketParser}; the score is the time for the whole listing (divide {@code lines} by it
 * for lines per second).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SocketParserBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SocketParserBenchmark {

    /** Parses every socket of the listing; returns a count so the work is not optimised away. */
    @Benchmark
    public long parseStreaming(GeneratedListing listing) throws IOException {
        long processes = 0;
        try (SocketParser parser = SocketParser.strict(new InputStreamReader(new ByteArrayInputStream(listing.bytes()),
                StandardCharsets.UTF_8), "generated")) {
            while (parser.hasNext()) {
                SocketEntry entry = parser.next();
                processes += entry.processes().size();
            }
        }
        return processes;
    }
}
