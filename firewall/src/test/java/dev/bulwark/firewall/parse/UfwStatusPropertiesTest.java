package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.testing.HostileText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Rows formatted the way ufw 0.36 formats them ({@code "%-26s %-12s%-26s%s%s"}) read back as
 * their parts however wide the columns; mutated and random rows only ever give a value or a
 * {@link ParseException}, and an address read from any row is one whole word of it.
 */
class UfwStatusPropertiesTest {

    private static final String HEADER = "Status: active\n\nTo                         Action      From\n"
            + "--                         ------      ----\n";
    private static final List<String> CAPTURES = List.of("ufw-status-wide-columns.txt",
            "ufw-status-verbose-wide-columns.txt", "ufw-status-numbered-wide-columns.txt", "ufw-status-verbose.txt",
            "ufw-status-numbered.txt");

    /** One generated row and the parts it was made of. */
    record Row(String to, String action, String from, String attributes, String comment) {
        String text() {
            return String.format("%-26s %-12s%-26s%s%s", to, action, from, attributes,
                    comment.isEmpty() ? "" : " # " + comment);
        }
    }

    @Property(tries = 1000)
    void rowsFormattedLikeUfwReadBackAsTheirParts(@ForAll("rows") Row row) {
        UfwStatus.Entry e = UfwStatus.parse(HEADER + row.text() + "\n", "g").rules().get(0);
        assertThat(e.to()).isEqualTo(row.to());
        assertThat((e.action() + " " + e.direction()).strip()).isEqualTo(row.action().strip());
        assertThat(e.from()).isEqualTo(row.from());
        assertThat(e.log()).isEqualTo(row.attributes().contains("log-all") ? "log-all"
                : row.attributes().contains("log") ? "log" : "");
        assertThat(e.comment()).isEqualTo(row.comment().isEmpty() ? Optional.empty() : Optional.of(row.comment()));
        assertThat(e.number()).isEqualTo(OptionalInt.empty());
        assertAddressesAreWholeWords(e, row.text());
    }

    @Property(tries = 1000)
    void mutatedRowsGiveAValueOrAParseExceptionAndNeverAPartialAddress(@ForAll("mutatedRows") String row) {
        check(HEADER + row + "\n");
    }

    @Property(tries = 300)
    void mutatedRealCapturesGiveAValueOrAParseException(@ForAll("mutatedCaptures") String text) {
        check(text);
    }

    @Property(tries = 300)
    void hostileRowsGiveAValueOrAParseException(@ForAll("hostileRows") String row) {
        check(HEADER + row + "\n");
    }

    @Property(tries = 20)
    void veryLongRowsAreReadInOnePass(@ForAll @IntRange(min = 1, max = 6) int kind) {
        String unit = List.of("1,", "1:", "a ", "(", " (log)", "ALLOW ").get(kind - 1);
        String longWord = unit.repeat(40_000);
        check(HEADER + longWord + " ALLOW IN " + longWord + "\n");
        check(HEADER + "Anywhere ALLOW IN " + longWord + "\n");
    }

    private static void check(String text) {
        try {
            UfwStatus status = UfwStatus.parse(text, "m");
            String[] lines = text.split("\n", -1);
            for (UfwStatus.Entry e : status.rules()) {
                String row = Arrays.stream(lines).filter(l -> l.contains(e.to()) && l.contains(e.from()))
                        .findFirst().orElseThrow();
                assertAddressesAreWholeWords(e, row);
            }
        } catch (ParseException e) {
            HostileText.assertPointsInto(e, "m", text);
        }
    }

    /** Every network in the entry is the network of one whole word of the row (a trailing /protocol aside). */
    private static void assertAddressesAreWholeWords(UfwStatus.Entry e, String row) {
        List<IpNetwork> words = Arrays.stream(row.split(" "))
                .map(w -> w.replaceFirst("/[a-z][a-z0-9]*$", ""))
                .map(IpNetwork::tryParse).flatMap(Optional::stream).collect(Collectors.toList());
        for (UfwStatus.Endpoint p : List.of(e.destination(), e.source())) {
            p.network().ifPresent(n -> assertThat(words).as(row).contains(n));
        }
    }

    @Provide
    Arbitrary<Row> rows() {
        Arbitrary<String> action = Arbitraries.of("ALLOW", "DENY", "REJECT", "LIMIT")
                .flatMap(a -> Arbitraries.of("", " IN", " OUT", " FWD").map(d -> a + d));
        Arbitrary<String> attributes = Arbitraries.of("", "", " (log)", " (log-all)", " (out)", " (log, out)",
                " (log-all, out)");
        Arbitrary<String> comment = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.of("web", "ALLOW IN # (log) 10.0.0.1 DENY", "x  y", "(log)", "on eth0 (v6)"));
        return Combinators.combine(endpoint(), action, endpoint(), attributes, comment).as(Row::new);
    }

    private static Arbitrary<String> endpoint() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(b -> b.stream().map(String::valueOf).collect(Collectors.joining(".")));
        Arbitrary<String> v6 = Arbitraries.integers().between(1, 0xffff).list().ofMinSize(2).ofMaxSize(8)
                .map(g -> g.stream().map(Integer::toHexString).collect(Collectors.joining(":"))
                        + (g.size() < 8 ? "::" : ""));
        Arbitrary<String> network = Arbitraries.oneOf(v4, v6,
                Arbitraries.of("10.0.0.0/8", "2001:db8:1234:5678::/64", "2001:db8:ffff:ffff:ffff::/80", "fe80::/10"));
        Arbitrary<String> protocol = Arbitraries.of("", "/tcp", "/udp");
        Arbitrary<String> ports = Arbitraries.integers().between(1, 65535).list().ofMinSize(1).ofMaxSize(5)
                .map(ps -> ps.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .flatMap(p -> Arbitraries.of("", ":65535").map(r -> p.contains(",") || r.isEmpty() ? p : "1" + r)
                ).flatMap(p -> protocol.map(x -> p + x));
        Arbitrary<String> app = Arbitraries.of("OpenSSH", "Apache Full", "WWW Secure", "Nginx HTTP", "log");
        Arbitrary<String> core = Arbitraries.oneOf(
                Arbitraries.of("Anywhere", "Anywhere/tcp"),
                ports,
                app,
                network,
                Combinators.combine(network, Arbitraries.of("/tcp", "/esp")).as(String::concat),
                Combinators.combine(network, ports).as((n, p) -> n + " " + p),
                Combinators.combine(network, app).as((n, a) -> n + " " + a),
                Combinators.combine(ports.filter(p -> p.contains("/")), app, Arbitraries.of("", " (v6)"))
                        .as((p, a, v) -> p + " (" + a + v + ")"));
        Arbitrary<String> v6Marker = Arbitraries.of("", " (v6)");
        Arbitrary<String> iface = Arbitraries.of("", " on eth0", " on wg0", " on enp0s31f6", " on br-1234.5");
        return Combinators.combine(core, v6Marker, iface).as((c, v, i) -> c + (c.endsWith(")") ? "" : v) + i)
                .filter(s -> !s.startsWith("log") && !s.matches(".*\\d/(tcp|udp) \\(log\\).*"));
    }

    @Provide
    Arbitrary<String> mutatedRows() {
        Arbitrary<String> real = Arbitraries.of(realRows());
        Arbitrary<String> generated = rows().map(Row::text);
        return HostileText.mutated(Arbitraries.oneOf(real, generated));
    }

    @Provide
    Arbitrary<String> mutatedCaptures() {
        return Arbitraries.of(CAPTURES).map(Resources::text).flatMap(base ->
                Arbitraries.integers().between(0, base.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                        .flatMap(cuts -> Arbitraries.strings().withChars(" 0123456789:./,()#[]ALOWINUTDEFVv6")
                                .ofMaxLength(3).map(insert -> {
                                    StringBuilder b = new StringBuilder(base);
                                    for (int cut : cuts) {
                                        int at = Math.min(cut, b.length() - 1);
                                        b.replace(at, Math.min(b.length(), at + 2), insert);
                                    }
                                    return b.toString();
                                })));
    }

    @Provide
    Arbitrary<String> hostileRows() {
        Arbitrary<String> soup = HostileText.soup(List.of("ALLOW", "DENY", "IN", "OUT", "FWD", "Anywhere", "on",
                "(v6)", "(log)", "(out)", "#", "10.0.0.0/8", "192.168.0.1", "::1", "2001:db8::/32", "22/tcp",
                "80,443/tcp", "6000:6007/udp", "[ 1]", "(", ")", "/"), ' ');
        return HostileText.lines(Arbitraries.of(realRows()), soup);
    }

    private static List<String> realRows() {
        List<String> out = new ArrayList<>();
        for (String name : CAPTURES) {
            String text = Resources.text(name);
            String[] lines = text.split("\n");
            boolean table = false;
            for (String line : lines) {
                if (line.strip().startsWith("--")) {
                    table = true;
                } else if (table && !line.isBlank()) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
