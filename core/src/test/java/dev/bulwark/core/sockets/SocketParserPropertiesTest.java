package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.net.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SocketParserPropertiesTest {

    private static final List<String> REAL_LINES = Captures.ALL.stream()
            .flatMap(name -> Captures.read(name).lines()).collect(Collectors.toList());

    /** The only acceptable outcomes: a table, or a ParseException. */
    private static void parsesOrThrowsParseException(String text) {
        try {
            SocketTable table = SocketTable.parse(text);
            assertThat(table.sockets()).doesNotContainNull();
        } catch (ParseException e) {
            assertThat(e.position().line()).isPositive();
            assertThat(e.position().column()).isPositive();
        }
        ParseResult<SocketTable> lenient = SocketTable.parseLenient(text);
        assertThat(lenient.diagnostics().size()).isLessThanOrEqualTo(ParseResult.MAX_DIAGNOSTICS);
        SocketTable.tryParse(text);
    }

    @Property(tries = 500)
    void arbitraryTextYieldsEntriesOrParseException(@ForAll String text) {
        parsesOrThrowsParseException(text);
    }

    @Property(tries = 300)
    void randomBytesYieldEntriesOrParseException(@ForAll @Size(max = 400) byte[] bytes) {
        parsesOrThrowsParseException(new String(bytes, StandardCharsets.ISO_8859_1));
        parsesOrThrowsParseException(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 20)
    void veryLongLinesYieldEntriesOrParseException(@ForAll @IntRange(min = 0, max = 200) int realLine,
            @ForAll @IntRange(min = 10_000, max = 200_000) int length, @ForAll char filler) {
        String line = REAL_LINES.get(realLine % REAL_LINES.size());
        parsesOrThrowsParseException(line + String.valueOf(filler).repeat(length));
        parsesOrThrowsParseException(String.valueOf(filler).repeat(length) + line);
        parsesOrThrowsParseException("tcp LISTEN 0 0 1.2.3.4:1 *:* users:((\"" + "x\",".repeat(length / 3));
    }

    @Property(tries = 2000)
    void mutatedRealLinesYieldEntriesOrParseException(@ForAll @IntRange(min = 0, max = 10_000) int which,
            @ForAll @IntRange(min = 0, max = 500) int at, @ForAll char inserted,
            @ForAll @IntRange(min = 0, max = 3) int operation) {
        String line = REAL_LINES.get(which % REAL_LINES.size());
        int i = line.isEmpty() ? 0 : at % line.length();
        String mutated;
        switch (operation) {
            case 0: mutated = line.substring(0, i) + inserted + line.substring(i); break;
            case 1: mutated = line.isEmpty() ? line : line.substring(0, i) + line.substring(i + 1); break;
            case 2: mutated = line.isEmpty() ? line : line.substring(0, i) + inserted + line.substring(i + 1); break;
            default: mutated = line.substring(0, i); break;
        }
        parsesOrThrowsParseException(mutated);
        parsesOrThrowsParseException(REAL_LINES.get(0) + "\n" + mutated + "\n\t info");
    }

    @Property(tries = 300)
    void renderedTablesParseBack(@ForAll("tables") SocketTable table) {
        assertThat(SocketTable.parse(table.render())).isEqualTo(table);
    }

    @Provide
    Arbitrary<SocketTable> tables() {
        return entries().list().ofMaxSize(8).map(SocketTable::new);
    }

    private Arbitrary<SocketEntry> entries() {
        Arbitrary<String> netids = Arbitraries.of("tcp", "udp", "raw", "sctp", "u_str", "u_dgr");
        Arbitrary<String> states = Arbitraries.of(SocketState.values()).map(SocketState::wireName);
        Arbitrary<Long> queues = Arbitraries.longs().between(0, 1L << 40);
        Arbitrary<List<SocketProcess>> processes = Combinators.combine(
                Arbitraries.strings().withChars("abz \"(),-_.").ofMaxLength(15),
                Arbitraries.longs().between(1, 4_194_304), Arbitraries.integers().between(0, 65_535))
                .as(SocketProcess::new).list().ofMaxSize(3);
        Arbitrary<Map<String, String>> extensions = Arbitraries.maps(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).filter(k -> !k.equals("users")),
                Arbitraries.strings().withChars("abc019/.,").ofMinLength(1).ofMaxLength(12)
                        .injectDuplicates(0.1).map(v -> v.startsWith("1") ? "(" + v + ")" : v))
                .ofMaxSize(4).map(LinkedHashMap::new);
        Arbitrary<List<String>> info = Arbitraries.strings().withChars("abc:0123 ,()").ofMinLength(1).ofMaxLength(40)
                .map(String::strip).filter(s -> !s.isEmpty()).list().ofMaxSize(2);
        return Combinators.combine(netids, states, queues, queues, ipEndpoints(), ipEndpoints(), processes,
                Combinators.combine(extensions, info, unixEndpoints(), unixEndpoints()).as(List::of))
                .as((netid, state, r, s, local, peer, procs, rest) -> {
                    boolean unix = netid.startsWith("u_");
                    @SuppressWarnings("unchecked")
                    Map<String, String> ext = (Map<String, String>) rest.get(0);
                    @SuppressWarnings("unchecked")
                    List<String> lines = (List<String>) rest.get(1);
                    return new SocketEntry(netid, state, r, s, unix ? (Endpoint) rest.get(2) : local,
                            unix ? (Endpoint) rest.get(3) : peer, procs, ext, lines);
                });
    }

    private Arbitrary<Endpoint> ipEndpoints() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(".")));
        Arbitrary<String> v6 = Arbitraries.of("::", "::1", "fe80::1", "::ffff:127.0.0.1", "2001:db8::5");
        Arbitrary<String> addresses = Arbitraries.oneOf(v4, v6, Arbitraries.just("*"));
        Arbitrary<String> ports = Arbitraries.oneOf(Arbitraries.integers().between(1, 65535).map(String::valueOf),
                Arbitraries.just("*"));
        Arbitrary<String> scopes = Arbitraries.of("", "%lo", "%eth0");
        return Combinators.combine(addresses, scopes, ports).as((a, scope, p) -> {
            String host = a.contains(":") ? "[" + a + "]" : a;
            return Endpoint.parse(host + (a.equals("*") ? "" : scope) + ":" + p);
        });
    }

    private Arbitrary<Endpoint> unixEndpoints() {
        Arbitrary<String> paths = Arbitraries.oneOf(Arbitraries.just("*"),
                Arbitraries.strings().withChars("abc/_-.").ofMinLength(1).ofMaxLength(20).map(s -> "/run/" + s),
                Arbitraries.strings().withChars("abc -").ofMinLength(1).ofMaxLength(10).map(s -> "@" + s.strip())
                        .filter(s -> s.length() > 1));
        return Combinators.combine(paths, Arbitraries.longs().between(0, 4_294_967_295L))
                .as((p, inode) -> Endpoint.unix(p, Long.toString(inode)));
    }
}
