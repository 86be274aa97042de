package dev.bulwark.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A cache that reads an index along as pieces are appended to it (whole lines, torn lines completed
 * later, duplicates, garbage, control characters) always gives what a cache reading the file whole
 * gives: the same entries, or the same positioned error.
 */
class IndexCachePropertiesTest {

    private static final Instant T = Instant.parse("2027-01-02T03:04:05Z");

    @Property(tries = 150)
    void readingAlongGivesWhatReadingWholeGives(@ForAll("pieces") List<String> pieces) throws IOException {
        Path dir = Files.createTempDirectory("index-cache-property");
        try {
            Path index = dir.resolve("index.txt");
            Files.writeString(index, IndexFormat.render(List.of(IndexEntry.valid(BigInteger.ONE, T, "CN=first"))));
            StoreLock lock = new StoreLock(dir, ".lock");
            IndexCache along = new IndexCache(index, lock);
            along.read();
            for (String piece : pieces) {
                Files.write(index, piece.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
                assertThat(outcome(along)).isEqualTo(outcome(new IndexCache(index, lock)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Object outcome(IndexCache cache) {
        try {
            return cache.read().entries();
        } catch (ParseException e) {
            return e.getMessage();
        }
    }

    @Provide
    Arbitrary<List<String>> pieces() {
        Arbitrary<String> line = Arbitraries.integers().between(1, 12).flatMap(serial -> Arbitraries.of(
                IndexFormat.renderLines(List.of(IndexEntry.valid(BigInteger.valueOf(serial), T, "CN=h" + serial))),
                IndexFormat.renderLines(List.of(IndexEntry.valid(BigInteger.valueOf(serial), T, "CN=h" + serial)
                        .revoked(T, RevocationReason.KEY_COMPROMISE)))));
        Arbitrary<String> torn = line.flatMap(l -> Arbitraries.integers().between(0, l.length() - 1).map(cut -> l.substring(0, cut)));
        Arbitrary<String> noise = Arbitraries.strings().withChars("V\t0A-%\n\r\u0000é").ofMaxLength(20);
        return Arbitraries.frequencyOf(
                Tuple.of(6, line), Tuple.of(2, torn), Tuple.of(1, noise))
                .list().ofMaxSize(12);
    }
}
