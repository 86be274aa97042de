package dev.bulwark.benchmarks.sockets;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code ss -tunap} listing the socket benchmarks read: {@code lines} sockets from
 * {@link SsListingGenerator} (seed 42), generated once in memory so that they measure parsing,
 * not disk reads.
 */
@State(Scope.Benchmark)
public class GeneratedListing {

    /** Sockets in the listing. */
    @Param("1000000")
    public int lines;

    private byte[] bytes;

    /** Generates the listing. */
    @Setup
    public void generate() {
        bytes = SsListingGenerator.bytes(lines, 42);
    }

    /** The listing as UTF-8 bytes (shared: do not modify). */
    byte[] bytes() {
        return bytes;
    }
}
