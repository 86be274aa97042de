package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class IptablesSavePropertiesTest {

    private static final List<String> WORDS = List.of("-A", "INPUT", "X", "-j", "-g", "ACCEPT", "DROP", "RETURN",
            "REJECT", "--reject-with", "LOG", "--log-prefix", "\"a b\"", "\"x\\\"y\"", "\"", "!", "-p", "tcp", "udp",
            "icmp", "all", "-s", "-d", "10.0.0.0/8", "::1", "1.2.3.4/33", "-i", "-o", "eth0", "eth+", "-m", "tcp",
            "multiport", "--dports", "22,80:90", "--dport", "22", "65536", "1:", ":5", "conntrack", "--ctstate",
            "NEW,ESTABLISHED", "BOGUS", "state", "--state", "comment", "--comment", "limit", "--limit", "3/min",
            "--limit-burst", "hashlimit", "--hashlimit-upto", "--hashlimit-name", "recent", "--set", "--update",
            "--name", "iprange", "--src-range", "1.1.1.1-1.1.1.9", "set", "--match-set", "f2b", "src", "addrtype",
            "--dst-type", "LOCAL", "--syn", "--tcp-flags", "SYN,ACK", "FOO", "-f", "-c", "1", "2", "[1:2]", "DNAT",
            "--to-destination", "mark", "--mark", "0x1", "--sport", "icmp6", "--icmpv6-type", "x\u0001", "\t", "");

    @Property(tries = 500)
    void arbitraryTextOnlyYieldsARulesetOrAParseException(@ForAll @StringLength(max = 400) String text) {
        check(text);
    }

    @Property(tries = 1000)
    void arbitraryRuleLinesOnlyYieldARulesetOrAParseException(@ForAll("ruleLines") String line) {
        check("*filter\n:INPUT DROP [0:0]\n:X - [0:0]\n" + line + "\nCOMMIT\n");
        check("*nat\n:PREROUTING ACCEPT [0:0]\n:X - [0:0]\n" + line + "\nCOMMIT\n");
    }

    @Property(tries = 200)
    void mutatedRealCapturesOnlyYieldARulesetOrAParseException(@ForAll("mutations") String text) {
        check(text);
    }

    @Property(tries = 50)
    void veryLongLinesAreHandled(@ForAll("longLines") String line) {
        check("*filter\n:INPUT DROP [0:0]\n" + line + "\nCOMMIT\n");
    }

    /**
     * Shapes of hostile input that once took (or could take) time quadratic in their size: a run of
     * '!' after a target, many tables, many addresses before the protocol whose module later
     * options load implicitly, deep quoting, and a line of very many options. The parser now reads
     * each in one pass; here they must only give a ruleset or a {@link ParseException}. How their
     * time grows is measured, not asserted: {@code HostileParseBenchmark} in the benchmarks module.
     */
    @Property(tries = 30)
    void hostileShapesOnlyYieldARulesetOrAParseException(@ForAll("hostile") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.integers().between(1, 4000).flatMap(n -> Arbitraries.of(
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -j LOG " + "! ".repeat(n) + "\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -j LOG " + "! ".repeat(n) + "-s 10.0.0.1\nCOMMIT\n",
                tables(n),
                "*filter\n:INPUT DROP [0:0]\n-A INPUT " + "-s 10.0.0.1 ".repeat(n) + "-p tcp"
                        + " --dport 22 -s 10.0.0.1".repeat(n) + " -j ACCEPT\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment \"" + "\\\"".repeat(n) + "\" -j ACCEPT\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment " + "\"a\"".repeat(n) + " -j ACCEPT\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack" + " --ctorigsrc 10.0.0.1".repeat(n) + "\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m multiport --dports " + "1,".repeat(n) + "2\nCOMMIT\n",
                "*filter\n:INPUT DROP [0:0]\n" + "-A INPUT -s 10.0.0.0/255.0.15.0 -j DROP\n".repeat(Math.min(n, 4))
                        + "COMMIT\n"));
    }

    private static String tables(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('*');
            for (int k = i; ; k /= 26) {
                b.append((char) ('a' + k % 26));
                if (k < 26) {
                    break;
                }
            }
            b.append("\nCOMMIT\n");
        }
        return b.toString();
    }

    private static void check(String text) {
        try {
            Ruleset r = IptablesSave.parse(text, "p");
            assertThat(r).isNotNull();
            assertThat(IptablesSave.parse(IptablesSave.render(r), "p").ruleCount()).isEqualTo(r.ruleCount());
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("p");
            assertThat(e.position().line()).isPositive();
        }
        ParseResult<Ruleset> lenient = IptablesSave.parseLenient(text, "p");
        assertThat(lenient.value()).isNotNull();
    }

    @Provide
    Arbitrary<String> ruleLines() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.strings().ofMaxLength(6).withCharRange(' ', '~'));
        return word.list().ofMaxSize(14).map(ws -> "-A " + (ws.isEmpty() ? "INPUT" : "X") + " " + String.join(" ", ws));
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = Resources.text("iptables-save-c-kitchen-sink.txt");
        return Arbitraries.integers().between(0, base.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(cuts -> Arbitraries.strings().ofMaxLength(3).map(insert -> {
                    StringBuilder b = new StringBuilder(base);
                    for (int cut : cuts) {
                        int at = Math.min(cut, b.length() - 1);
                        b.replace(at, Math.min(b.length(), at + 2), insert);
                    }
                    return b.toString();
                }));
    }

    @Provide
    Arbitrary<String> longLines() {
        return Arbitraries.integers().between(1000, 20000)
                .map(n -> "-A INPUT -m comment --comment \"" + "x".repeat(n) + "\" -j ACCEPT"
                        + " -m multiport --dports " + "1,".repeat(Math.min(n, 40)) + "2");
    }
}
