package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link NftText} as a front door: what it reads, what it refuses and how it says so. That the
 * text becomes exactly the items {@code nft -j} prints is {@code internal.NftTextItemsTest}; the
 * model those items lower to is {@code NftTextLoweringTest}.
 */
class NftTextTest {

    static List<String> semantics(Ruleset r) {
        return r.tables().stream().flatMap(t -> t.chains().stream().map(c -> t.family() + " " + t.name() + " " + c.name()
                + " " + c.hook() + " " + c.priority() + " " + c.policy() + " " + c.rules().stream()
                .map(x -> x.matches() + " -> " + x.target()).collect(Collectors.toList()))).collect(Collectors.toList());
    }

    private static String chain(String body) {
        return "table ip t {\n chain c {\n" + body + "\n }\n}\n";
    }

    @Test
    void readsTheSameRulesetAsNftJsonFromTheSameKernel() {
        Ruleset text = NftText.parse(Resources.text("nft-list-ruleset.txt"), "nft-list-ruleset.txt");
        assertThat(semantics(text)).isEqualTo(semantics(NftJsonTest.capture()));
    }

    @Test
    void readsTheHandWrittenInputFileLikeTheListing() {
        Ruleset input = NftText.parse(Resources.text("nft-f-input.nft"));
        assertThat(semantics(input)).isEqualTo(semantics(NftJsonTest.capture()));
    }

    @Test
    void readsIptablesNftTranslationsAndBulwarksOwnRendering() {
        assertThat(NftText.parse(Resources.text("nft-list-iptables-nft-ufw.txt")).ruleCount()).isEqualTo(68);
        assertThat(NftText.parse(Resources.text("../render/seed.nft")).ruleCount()).isEqualTo(19);
        assertThat(NftText.parse(Resources.text("../render/gateway.nft")).ruleCount()).isEqualTo(12);
    }

    @Test
    void readsWhatTheOldReaderRejectedWithJavaExceptionTexts() {
        assertThat(NftText.parse("table ip t {\n set s4 { type ipv4_addr; }\n chain c {\n  ip saddr @s4 accept\n }\n}\n")
                .ruleCount()).isEqualTo(1);
        assertThat(NftText.parse(chain("ct state vmap { established : accept, related : accept, invalid : drop }"))
                .ruleCount()).isEqualTo(1);
    }

    @Test
    void expandsDefinesAndTheExpansionReadsLikeTheLiteralText() {
        Ruleset defined = NftText.parse("define lan = { 10.0.0.0/8, 192.168.0.0/16 }\ndefine ssh = 22\n"
                + "define web = { 80, $ssh }\n" + chain("ip saddr $lan tcp dport $web accept"));
        Ruleset literal = NftText.parse(chain("ip saddr { 10.0.0.0/8, 192.168.0.0/16 } tcp dport { 80, 22 } accept"));
        assertThat(semantics(defined)).isEqualTo(semantics(literal));
    }

    @Test
    void readsNftFileCommandsAsNftWouldApplyThem() {
        Ruleset r = NftText.parse("table inet x { chain old { } }\nflush ruleset\nadd table inet x\n"
                + "add chain inet x c { type filter hook input priority filter; policy drop; }\n"
                + "add rule inet x c tcp dport 22 accept\ninsert rule inet x c iif \"lo\" accept\n"
                + "table inet y\ndelete table inet y\n");
        assertThat(r.tables()).singleElement().satisfies(t -> assertThat(t.chains()).singleElement()
                .satisfies(c -> assertThat(c.rules()).hasSize(2)));
        assertThat(r.tables().get(0).chains().get(0).policy()).contains(Policy.DROP);
    }

    @Test
    void refusesIncludeForAParserReadsNoFiles() {
        assertThatThrownBy(() -> NftText.parse("include \"/etc/nftables.d/*.nft\"\n", "x.nft"))
                .isInstanceOf(ParseException.class)
                .hasMessage("x.nft:1:1: 'include' is not followed: a parser reads no files; pass the included text itself");
    }

    @Test
    void pointsErrorsAtTheLineAndColumnAndQuotesTheToken() {
        assertThatThrownBy(() -> NftText.parse(chain("  foo bar"), "x.nft"))
                .hasMessage("x.nft:3:3: unknown statement 'foo'");
        assertThatThrownBy(() -> NftText.parse(chain("  comment \"open"), "x.nft"))
                .hasMessage("x.nft:3:11: unterminated string in '\"open'");
        assertThatThrownBy(() -> NftText.parse(chain("  tcp dport { 22, 80 accept"), "x.nft"))
                .hasMessage("x.nft:3:22: expected ',' or '}' in a set, found 'accept'");
        assertThatThrownBy(() -> NftText.parse(chain("  limit rate fast accept"), "x.nft"))
                .hasMessage("x.nft:3:14: expected a number, found 'fast'");
        assertThatThrownBy(() -> NftText.parse(chain("  ip saddr"), "x.nft"))
                .hasMessage("x.nft:3:11: expected a value after the expression, found end of line");
        assertThatThrownBy(() -> NftText.parse("table ip t {\n set s { type ipv4_addr; colour red; }\n}", "x.nft"))
                .hasMessage("x.nft:2:26: unknown set property 'colour'");
        assertThatThrownBy(() -> NftText.parse("table ip t { chain c { type filter hook input priority foo; } }", "x.nft"))
                .hasMessage("x.nft:1:56: unknown priority 'foo'");
        assertThatThrownBy(() -> NftText.parse("table xx t { }", "x.nft"))
                .hasMessage("x.nft:1:7: unknown table family 'xx' (ip, ip6, inet, arp, bridge or netdev)");
        assertThatThrownBy(() -> NftText.parse("define a = 1\n" + chain("tcp dport $b accept"), "x.nft"))
                .hasMessage("x.nft:4:11: variable '$b' is not defined");
        assertThatThrownBy(() -> NftText.parse("table ip t {\n chain c {\n  accept", "x.nft"))
                .hasMessage("x.nft:3:9: chain 'c' is not closed with '}'");
        assertThatThrownBy(() -> NftText.parse("table ip t {\n chain c {\n  ip saddr 1.2.3.4 \u0001\n }\n}", "x.nft"))
                .hasMessage("x.nft:3:20: control character U+0001 is not allowed");
        assertThat(NftText.tryParse("table")).isEqualTo(Optional.empty());
    }

    @Test
    void boundsNestingWithAParseExceptionInsteadOfOverflowingTheStack() {
        String deep = "{".repeat(100_000);
        assertThatThrownBy(() -> NftText.parse(chain("  tcp dport " + deep), "x.nft"))
                .hasMessage("x.nft:3:45: nested deeper than 32 in '{'");
        assertThatThrownBy(() -> NftText.parse(chain("  tcp flags & " + "(".repeat(100_000)), "x.nft"))
                .hasMessageStartingWith("x.nft:3:").hasMessageContaining("nested deeper than 32");
    }

    @Test
    void boundsVariablesThatDoubleAtEachLevel() {
        StringBuilder b = new StringBuilder("define v0 = 1\n");
        for (int i = 1; i < 40; i++) {
            b.append("define v").append(i).append(" = $v").append(i - 1).append(" . $v").append(i - 1).append('\n');
        }
        assertThatThrownBy(() -> NftText.parse(b.toString(), "x.nft"))
                .hasMessageContaining("variables expand to more than 1000000 tokens");
    }

    @Test
    void keepsBadRulesVerbatimInLenientMode() {
        ParseResult<Ruleset> r = NftText.parseLenient(chain("  tcp dport 22 accept\n  frobnicate { 1, 2 } now\n  drop"),
                "x.nft");
        assertThat(r.value().tables().get(0).chains().get(0).rules()).hasSize(2);
        assertThat(r.value().unparsed()).singleElement().satisfies(u -> {
            assertThat(u.position()).hasToString("x.nft:4:3");
            assertThat(u.text()).isEqualTo("frobnicate { 1, 2 } now");
            assertThat(u.reason()).isEqualTo("unknown statement 'frobnicate'");
        });
        assertThat(r.diagnostics()).singleElement().hasToString("dev.bulwark.core.ParseException: "
                + "x.nft:4:3: unknown statement 'frobnicate'");
    }
}
