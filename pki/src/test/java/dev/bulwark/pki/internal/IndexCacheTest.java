package dev.bulwark.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index cache on real files, changed by hand as other processes and crashes change them. */
class IndexCacheTest {

    private static final Instant T = Instant.parse("2027-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private Path index;
    private StoreLock lock;

    @BeforeEach
    void writeAnIndexOfTwo() throws IOException {
        index = dir.resolve("index.txt");
        Files.writeString(index, IndexFormat.render(entries(1, 2)));
        lock = new StoreLock(dir, ".lock");
    }

    private static List<IndexEntry> entries(int first, int last) {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            entries.add(entry(i));
        }
        return entries;
    }

    private static IndexEntry entry(int serial) {
        return IndexEntry.valid(BigInteger.valueOf(serial), T, "CN=host" + serial);
    }

    private IndexCache cache() {
        return new IndexCache(index, lock);
    }

    private void appendByHand(String text) throws IOException {
        Files.writeString(index, text, StandardOpenOption.APPEND);
    }

    /** Writes a new file and renames it over the index, as a revocation does. */
    private void replaceByRename(String text) throws IOException {
        Path next = dir.resolve("index.txt.new");
        Files.writeString(next, text);
        Files.move(next, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Appends as an issuer does: holding the store lock. */
    private void appendLocked(IndexCache cache, List<IndexEntry> added) {
        lock.locked(() -> UncheckedIo.run(() -> {
            cache.append(added);
            return null;
        }));
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(index, BasicFileAttributes.class).fileKey();
    }

    @Test
    void seesLinesAnotherWriterAppendedAndOnlyReadsTheBytesAddedSinceTheLastRead() throws IOException {
        IndexCache cache = cache();
        assertThat(cache.read().entries()).isEqualTo(entries(1, 2));
        // the first line changed in place (same size, same file): an incremental reader does not read it again
        String text = Files.readString(index);
        Files.writeString(index, text.replace("CN=host1", "CN=HOST1"), StandardOpenOption.WRITE);
        appendByHand(IndexFormat.renderLines(entries(3, 4)));

        assertThat(cache.read().entries()).isEqualTo(entries(1, 4));
        assertThat(cache.read().entry(BigInteger.valueOf(4))).contains(entry(4));
        // a cache that reads the file anew sees both
        assertThat(cache().read().entries().get(0).subject()).isEqualTo("CN=HOST1");
    }

    @Test
    void seesARewriteWithTheSameSizeAndTailThatRevokedAnEarlierEntry() throws IOException {
        String subject = "CN=host1";
        // the revocation time and reason take 31 characters more than "-" and "-": a subject that much longer before
        String before = IndexFormat.render(List.of(IndexEntry.valid(BigInteger.ONE, T, subject + "x".repeat(31)), entry(2)));
        replaceByRename(before);
        IndexCache cache = cache();
        assertThat(cache.read().compromised()).isEmpty();
        String after = IndexFormat.render(List.of(IndexEntry.valid(BigInteger.ONE, T, subject)
                .revoked(T.minusSeconds(60), RevocationReason.KEY_COMPROMISE), entry(2)));
        // what a cache keyed on size and tail alone cannot tell apart
        assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
        assertThat(after.substring(after.indexOf("\nV\t02"))).isEqualTo(before.substring(before.indexOf("\nV\t02")));
        Object heldKey = fileKey();
        replaceByRename(after);
        assertThat(fileKey()).isNotEqualTo(heldKey);

        IndexSnapshot read = cache.read();
        assertThat(read.entry(BigInteger.ONE).orElseThrow().reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(read.compromised()).extracting(IndexEntry::subject).containsExactly(subject);
        assertThat(read.entries()).hasSize(2);
    }

    @Test
    void seesAppendsAfterARewriteAndARewriteAfterAppends() throws IOException {
        IndexCache cache = cache();
        cache.read();
        appendByHand(IndexFormat.renderLines(entries(3, 3)));
        assertThat(cache.read().entries()).isEqualTo(entries(1, 3));
        List<IndexEntry> revoked = new ArrayList<>(entries(1, 3));
        revoked.set(1, entry(2).revoked(T, RevocationReason.SUPERSEDED));
        replaceByRename(IndexFormat.render(revoked));
        assertThat(cache.read().entries()).isEqualTo(revoked);
        appendByHand(IndexFormat.renderLines(entries(4, 4)));
        assertThat(cache.read().entries()).hasSize(4).startsWith(revoked.toArray(new IndexEntry[0]));
        assertThat(cache.read().entry(BigInteger.TWO).orElseThrow().isRevoked()).isTrue();
    }

    @Test
    void anUnterminatedLastLineIsNotWrittenYet() throws IOException {
        IndexCache cache = cache();
        String line = IndexFormat.renderLines(entries(3, 3));
        appendByHand(line.substring(0, 10));
        assertThat(cache.read().entries()).isEqualTo(entries(1, 2));
        assertThat(cache().read().entries()).isEqualTo(entries(1, 2));
        assertThat(cache.read().entry(BigInteger.valueOf(3))).isEmpty();
        appendByHand(line.substring(10));
        assertThat(cache.read().entries()).isEqualTo(entries(1, 3));
    }

    @Test
    void aCompleteLineThatDoesNotParseIsRefusedWithItsPositionAtEveryRead() throws IOException {
        IndexCache cache = cache();
        cache.read();
        appendByHand("garbage\n");
        assertThatThrownBy(cache::read).isInstanceOf(ParseException.class)
                .hasMessage(index + ":4:1: expected 6 tab-separated fields, found 1 in 'garbage'");
        assertThatThrownBy(cache::read).isInstanceOf(ParseException.class).hasMessageStartingWith(index + ":4:1: ");
        assertThatThrownBy(() -> cache().read()).isInstanceOf(ParseException.class)
                .hasMessage(index + ":4:1: expected 6 tab-separated fields, found 1 in 'garbage'");
    }

    @Test
    void findsErrorsInAppendedLinesAtTheirLineInTheFile() throws IOException {
        IndexCache cache = cache();
        cache.read();
        appendByHand("V\t03\t2027-01-02T03:04:05Z\t-\t-\tCN=c\nV\t01\t2027-01-02T03:04:05Z\t-\t-\tCN=again\n");
        assertThatThrownBy(cache::read).isInstanceOf(ParseException.class)
                .hasMessage(index + ":5:1: serial 01 is listed twice");
        Files.writeString(index, IndexFormat.render(entries(1, 3)) + "V\tzz\tx\t-\t-\tCN=d\n");
        assertThatThrownBy(cache::read).isInstanceOf(ParseException.class)
                .hasMessage(index + ":5:3: serial must be 1 to 40 upper-case hex digits in 'zz'");
        Files.write(index, new byte[] {'V', '\t', (byte) 0xC3, '\n'}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> cache().read()).isInstanceOf(ParseException.class)
                .hasMessage(index + ":5:3: serial must be 1 to 40 upper-case hex digits in 'zz'");
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedWithItsLine() throws IOException {
        IndexCache cache = cache();
        cache.read();
        Files.write(index, new byte[] {'V', '\t', (byte) 0xC3, '\n'}, StandardOpenOption.APPEND);
        assertThatThrownBy(cache::read).isInstanceOf(ParseException.class)
                .hasMessage(index + ":4:1: the line is not UTF-8");
    }

    @Test
    void appendWritesTheNewLinesToTheSameFile() throws IOException {
        IndexCache cache = cache();
        Object key = fileKey();
        appendLocked(cache, entries(3, 4));
        assertThat(fileKey()).isEqualTo(key);
        assertThat(Files.readString(index)).isEqualTo(IndexFormat.render(entries(1, 4)));
        assertThat(cache.read().entries()).isEqualTo(entries(1, 4));
        assertThat(cache().read().entries()).isEqualTo(entries(1, 4));
    }

    @Test
    void appendRefusesASerialTheIndexListsAlready() throws IOException {
        IndexCache cache = cache();
        assertThatThrownBy(() -> appendLocked(cache, List.of(entry(2)))).isInstanceOf(IllegalStateException.class)
                .hasMessage("serial 02 is in the index already although its certificate file was created new");
        assertThat(Files.readString(index)).isEqualTo(IndexFormat.render(entries(1, 2)));
    }

    @Test
    void appendCutsATornLastLineAndKeepsEveryEarlierEntry() throws IOException {
        IndexCache reader = cache();
        reader.read();
        appendByHand("V\t03\t2027-01-0");   // an append cut short by a crash
        IndexCache writer = cache();
        appendLocked(writer, entries(4, 4));
        List<IndexEntry> expected = new ArrayList<>(entries(1, 2));
        expected.add(entry(4));
        assertThat(Files.readString(index)).isEqualTo(IndexFormat.render(expected));
        assertThat(writer.read().entries()).isEqualTo(expected);
        assertThat(reader.read().entries()).isEqualTo(expected);
        assertThat(cache().read().entries()).isEqualTo(expected);
    }

    @Test
    void keepsCompromisedEntriesAndOneEntryPerSerialAsLinesAreAppended() throws IOException {
        IndexCache cache = cache();
        assertThat(cache.read().compromised()).isEmpty();
        IndexEntry compromised = entry(5).revoked(T, RevocationReason.KEY_COMPROMISE);
        appendByHand(IndexFormat.renderLines(List.of(entry(3), entry(4).revoked(T, RevocationReason.SUPERSEDED), compromised)));
        IndexSnapshot read = cache.read();
        assertThat(read.compromised()).containsExactly(compromised);
        assertThat(read.entry(BigInteger.valueOf(5))).contains(compromised);
        assertThat(read.entry(BigInteger.valueOf(4)).orElseThrow().reason()).contains(RevocationReason.SUPERSEDED);
        assertThat(read.entry(BigInteger.valueOf(6))).isEmpty();
        appendByHand(IndexFormat.renderLines(entries(6, 6)));
        assertThat(cache.read().entry(BigInteger.valueOf(6))).contains(entry(6));
        // an older snapshot does not see what was appended after it
        assertThat(read.entry(BigInteger.valueOf(6))).isEmpty();
        assertThat(read.entries()).hasSize(5);
    }

    @Test
    void returnsEntriesNoCallerCanChange() {
        List<IndexEntry> read = cache().read().entries();
        assertThatThrownBy(() -> read.add(entry(3))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.set(0, entry(3))).isInstanceOf(UnsupportedOperationException.class);
    }
}
