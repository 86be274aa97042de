package dev.bulwark.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IndexFormatTest {

    private static final Instant T = Instant.parse("2027-01-02T03:04:05Z");

    @Test
    void rendersAndParsesBackEveryField() {
        List<IndexEntry> entries = List.of(
                IndexEntry.valid(new BigInteger("1F00A", 16), T, "CN=a.example.com"),
                new IndexEntry(BigInteger.TEN, T, "CN=odd\tname%\n,O=x", Optional.of(T.minusSeconds(5)),
                        Optional.of(RevocationReason.KEY_COMPROMISE)));
        String text = IndexFormat.render(entries);
        assertThat(text).isEqualTo("# bulwark-pki index v1\n"
                + "V\t01F00A\t2027-01-02T03:04:05Z\t-\t-\tCN=a.example.com\n"
                + "R\t0A\t2027-01-02T03:04:05Z\t2027-01-02T03:04:00Z\tkeyCompromise\tCN=odd%09name%25%0A,O=x\n");
        assertThat(IndexFormat.parse(text, "index.txt")).isEqualTo(entries);
    }

    @Test
    void writesSerialsWithAnEvenNumberOfDigitsAsOpensslCaDoesAndReadsOlderUnpaddedIndexes() {
        // openssl ca writes 0ABC in index.txt, newcerts/0ABC.pem and the serial file (BN_bn2hex)
        IndexEntry entry = IndexEntry.valid(new BigInteger("ABC", 16), T, "CN=a");
        assertThat(entry.serialHex()).isEqualTo("0ABC");
        assertThat(IndexFormat.render(List.of(entry))).contains("\t0ABC\t");
        String older = "# bulwark-pki index v1\nV\tABC\t2027-01-02T03:04:05Z\t-\t-\tCN=a\n";
        assertThat(IndexFormat.parse(older, "index.txt")).containsExactly(entry);
        assertThatThrownBy(() -> IndexFormat.parse(older + "V\t0ABC\t2027-01-02T03:04:05Z\t-\t-\tCN=b\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:3:1: serial 0ABC is listed twice");
    }

    @Test
    void rejectsEveryDeviationWithItsPosition() {
        String header = "# bulwark-pki index v1\n";
        assertThatThrownBy(() -> IndexFormat.parse(header + "V\tA\t2027-01-02T03:04:05Z\t-\t-\tCN=a", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:1:1: index is empty or its last line is incomplete");
        assertThatThrownBy(() -> IndexFormat.parse(header + "V\ta\t2027-01-02T03:04:05Z\t-\t-\tCN=a\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:2:3: serial must be 1 to 40 upper-case hex digits in 'a'");
        assertThatThrownBy(() -> IndexFormat.parse(header + "V\tA\tyesterday\t-\t-\tCN=a\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:2:5: not an ISO-8601 instant in 'yesterday'");
        assertThatThrownBy(() -> IndexFormat.parse(header + "R\tA\t2027-01-02T03:04:05Z\t2027-01-02T03:04:05Z\tunspecifed\tCN=a\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:2:47: unknown revocation reason in 'unspecifed'");
        assertThatThrownBy(() -> IndexFormat.parse(header + "V\tA\t2027-01-02T03:04:05Z\t-\t-\tCN=a\nV\tA\t2027-01-02T03:04:05Z\t-\t-\tCN=b\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:3:1: serial 0A is listed twice");
        assertThatThrownBy(() -> IndexFormat.parse(header + "V\tA\t2027-01-02T03:04:05Z\t-\t-\tCN=%zz\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:2:33: malformed %XX escape in subject in 'CN=%zz'");
        assertThatThrownBy(() -> IndexFormat.parse("V\tA\n", "index.txt"))
                .isInstanceOf(ParseException.class).hasMessage("index.txt:1:1: missing header '# bulwark-pki index v1' in 'V\\tA'");
    }

    @Property(tries = 500)
    void arbitraryTextYieldsEntriesOrParseException(@ForAll("indexish") String text) {
        try {
            List<IndexEntry> entries = IndexFormat.parse(text, "index.txt");
            assertThat(IndexFormat.parse(IndexFormat.render(entries), "index.txt")).isEqualTo(entries);
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).startsWith("index.txt:");
        }
    }

    @Property(tries = 300)
    void subjectsSurviveEscaping(@ForAll String subject) {
        IndexEntry entry = IndexEntry.valid(BigInteger.ONE, T, subject);
        assertThat(IndexFormat.parse(IndexFormat.render(List.of(entry)), "index.txt")).containsExactly(entry);
    }

    @Provide
    Arbitrary<String> indexish() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of("V", "R", "-", "A", "1F", "2027-01-02T03:04:05Z",
                "keyCompromise", "CN=a", "%41", "%"), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> line = field.list().ofMinSize(0).ofMaxSize(8).map(f -> String.join("\t", f));
        return line.list().ofMaxSize(5).map(lines -> {
            StringBuilder out = new StringBuilder("# bulwark-pki index v1\n");
            lines.forEach(l -> out.append(l).append('\n'));
            return out.toString();
        }).injectDuplicates(0.1).edgeCases(e -> e.add("")).map(s -> s);
    }
}
