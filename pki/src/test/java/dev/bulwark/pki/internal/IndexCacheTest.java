package dev.bulwark.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCacheTest {

    private static final Instant T = Instant.parse("2027-01-02T03:04:05Z");

    private static List<IndexEntry> entries(int count) {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(IndexEntry.valid(BigInteger.valueOf(i), T, "CN=host" + i));
        }
        return entries;
    }

    @Test
    void givesTheEntriesOfEveryTextAsAWholeParseWould() {
        IndexCache cache = new IndexCache();
        List<IndexEntry> three = entries(3);
        String first = IndexFormat.render(three.subList(0, 2));
        String appended = IndexFormat.render(three);
        List<IndexEntry> revokedList = new ArrayList<>(three);
        revokedList.set(0, three.get(0).revoked(T.minusSeconds(9), RevocationReason.KEY_COMPROMISE));
        String revoked = IndexFormat.render(revokedList);

        assertThat(cache.parse(first, "index.txt")).isEqualTo(three.subList(0, 2));
        assertThat(cache.parse(first, "index.txt")).isEqualTo(three.subList(0, 2));
        assertThat(cache.parse(appended, "index.txt")).isEqualTo(three);
        assertThat(cache.parse(revoked, "index.txt")).isEqualTo(revokedList);
        assertThat(cache.parse(first, "index.txt")).isEqualTo(three.subList(0, 2));
    }

    @Test
    void findsErrorsInAppendedLinesAtTheirLineInTheFile() {
        IndexCache cache = new IndexCache();
        String two = IndexFormat.render(entries(2));
        cache.parse(two, "index.txt");
        assertThatThrownBy(() -> cache.parse(two + "V\t01\t2027-01-02T03:04:05Z\t-\t-\tCN=again\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:4:1: serial 01 is listed twice");
        assertThatThrownBy(() -> cache.parse(two + "V\t03\t2027-01-02T03:04:05Z\t-\t-\tCN=c\nV\tzz\tx\t-\t-\tCN=d\n", "index.txt"))
                .isInstanceOf(ParseException.class)
                .hasMessage("index.txt:5:3: serial must be 1 to 40 upper-case hex digits in 'zz'");
        assertThatThrownBy(() -> cache.parse(two + "V\t03\t2027-01-02T03:04:05Z\t-\t-\tCN=c", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:1:1: index is empty or its last line is incomplete");
        // a failed text leaves the cache as it was
        assertThat(cache.parse(two, "index.txt")).isEqualTo(entries(2));
    }

    @Test
    void returnsEntriesNoCallerCanChange() {
        List<IndexEntry> parsed = new IndexCache().parse(IndexFormat.render(entries(1)), "index.txt");
        assertThatThrownBy(() -> parsed.add(entries(2).get(1))).isInstanceOf(UnsupportedOperationException.class);
    }
}
