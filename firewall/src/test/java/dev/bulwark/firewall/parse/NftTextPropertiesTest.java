package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.testing.HostileText;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Hostile text for {@link NftText}: the only outcomes are a ruleset or a {@link ParseException} pointing into the text. */
class NftTextPropertiesTest {

    private static final List<String> FRAGMENTS = List.of("table ", "inet ", "ip ", "chain ", "set ", "map ", "{ ", "} ",
            "; ", ", ", "\n", " . ", " : ", "type ", "hook ", "priority ", "filter - 1", "policy ", "drop ", "accept ",
            "jump ", "goto ", "tcp ", "dport ", "ip saddr ", "10.0.0.0/8", "1.2.3.4-1.2.3.9", "@s", "$v", "define v = 1\n",
            "ct state ", "established,related", "vmap ", "map ", "elements = ", "flags ", "interval", "timeout ", "30s",
            "\"", "\"a b\"", "#", "\\\n", "counter ", "packets ", "bytes ", "limit rate ", "10/second", "over ", "burst ",
            "log ", "prefix ", "reject ", "with ", "icmpx ", "dnat ", "to ", ":80", "[fd00::1]:80", "masquerade ",
            "meta ", "mark ", "set ", "0x1", "& ", "| ", "( ", ") ", "/ ", "!= ", "== ", "update ", "@m ", "meter ",
            "exists", "fib ", "saddr ", "oif ", "@ll,0,8 ", "numgen ", "mod ", "jhash ", "typeof ", "ip daddr",
            "include \"x\"", "flush ruleset\n", "add rule ip t c ", "delete table ip t\n", "comment ", "-", "");

    @Property(tries = 500)
    void arbitraryTextOnlyYieldsARulesetOrAParseException(@ForAll @StringLength(max = 300) String text) {
        check(text);
        check("table inet x {\n chain c {\n" + text + "\n }\n}\n");
    }

    @Property(tries = 1000)
    void soupsOfTheGrammarOnlyYieldARulesetOrAParseException(@ForAll("soups") String text) {
        check(text);
        check("table inet x {\n set s { type ipv4_addr; }\n chain c {\n" + text + "\n }\n}\n");
    }

    @Property(tries = 300)
    void mutatedRealListingsOnlyYieldARulesetOrAParseException(@ForAll("listings") String text) {
        check(text);
    }

    @Property(tries = 30)
    void veryLongLinesAreHandled(@ForAll("longLines") String line) {
        check("table inet x {\n chain c {\n" + line + "\n }\n}\n");
    }

    private static void check(String text) {
        try {
            assertThat(NftText.parse(text, "p")).isNotNull();
        } catch (ParseException e) {
            HostileText.assertPointsInto(e, "p", text);
        }
        try {
            assertThat(NftText.parseLenient(text, "p").value()).isNotNull();
        } catch (ParseException e) {
            HostileText.assertPointsInto(e, "p", text);
        }
    }

    @Provide
    Arbitrary<String> soups() {
        return HostileText.soup(FRAGMENTS, '{', '(', 'a', ',');
    }

    @Provide
    Arbitrary<String> listings() {
        List<String> lines = Stream.of("rules", "sets", "statements", "families", "renderer-seed")
                .flatMap(n -> Arrays.stream(Resources.text("nft-text/" + n + ".txt").split("\n")))
                .collect(Collectors.toList());
        Arbitrary<String> real = Arbitraries.of(lines);
        return HostileText.lines(real, HostileText.soup(FRAGMENTS, '{', ' '))
                .map(body -> "table inet x {\n set s { type ipv4_addr; }\n chain c {\n" + body + "\n }\n}\n");
    }

    @Provide
    Arbitrary<String> longLines() {
        return Arbitraries.integers().between(1000, 20000).flatMap(n -> Arbitraries.of(
                "tcp dport { " + Stream.iterate(1, i -> i + 1).limit(n / 6).map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " } accept",
                "accept comment \"" + "x".repeat(n) + "\"",
                "ip saddr " + "1".repeat(n) + " accept",
                "ct state " + "new,".repeat(n / 4) + "new accept",
                "ip saddr " + "10.0.0.1 . ".repeat(n / 11) + "1 accept",
                "meta mark set meta mark" + " | 0x1".repeat(n / 6),
                "ip saddr " + ":".repeat(n) + "x-" + ":".repeat(n) + "/1 accept",
                "ip saddr " + "9".repeat(n) + "-" + "9".repeat(n) + " timeout " + "1".repeat(n) + "s accept"));
    }
}
