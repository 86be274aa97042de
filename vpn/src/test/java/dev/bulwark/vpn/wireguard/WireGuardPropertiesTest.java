package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Hostile input only ever yields a value or a ParseException/ValidationException; names never inject sections. */
class WireGuardPropertiesTest {

    private static final WireGuardKey KEY = WireGuardKey.generate();
    private static final WireGuardPlan PLAN = WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("192.0.2.1:51820"))
            .network(IpNetwork.parse("10.8.0.0/24")).network(IpNetwork.parse("fd00::/64")).client("laptop")
            .dns("10.8.0.1").mtu(1420).build();

    @Provide
    Arbitrary<String> hostileConfig() {
        Arbitrary<String> real = Arbitraries.of(PLAN.render().get("gw").split("\n"));
        Arbitrary<String> fragments = Arbitraries.of("[Interface]", "[Peer]", "[", "]", "=", " = ", "#", "\t", "\r",
                "\u0000", "\u00e9", ",", "/", ":", "PrivateKey", "PublicKey", "AllowedIPs", "Endpoint", "Address",
                "10.8.0.1/24", "::/0", "[::1]:1", KEY.toBase64(), "x".repeat(5000));
        Arbitrary<String> soup = fragments.list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> mutated = Combinators.combine(real, Arbitraries.integers().between(0, 1000), Arbitraries.chars())
                .as((line, at, c) -> line.isEmpty() ? String.valueOf(c)
                        : line.substring(0, at % line.length()) + c + line.substring(at % line.length() + 1));
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(4, real), Tuple.of(3, mutated), Tuple.of(2, soup),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
        return line.list().ofMaxSize(20).map(lines -> String.join("\n", lines));
    }

    private static final String SECRET = WireGuardKey.generate().toBase64();

    @Provide
    Arbitrary<String> planKeysText() {
        return Arbitraries.strings().withChars("keypsk gwab-_.@\t\n#=+/AZaz09\u0000\u00e9").ofMaxLength(200)
                .map(t -> t.replace("Z", SECRET));
    }

    /** Persisted plan keys: parsed, or a positioned ParseException that never quotes a key. */
    @Property(tries = 2000)
    void planKeysParseOrThrowWithoutQuotingAKey(@ForAll("planKeysText") String text) {
        try {
            WireGuardPlanKeys keys = WireGuardPlanKeys.parse(text, "plan.keys");
            assertThat(WireGuardPlanKeys.parse(keys.render(), "again")).isEqualTo(keys);
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).startsWith("plan.keys:").doesNotContain(SECRET.substring(0, 12));
        }
    }

    @Property(tries = 2000)
    void hostileConfigsGiveAConfigOrAPositionedParseException(@ForAll("hostileConfig") String text) {
        try {
            WireGuardConfig config = WireGuardConfig.parse(text, "fuzz.conf");
            assertThat(WireGuardConfig.parse(config.render(), "again.conf")).isEqualTo(config);
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("fuzz.conf");
            assertThat(e.getMessage()).doesNotContain(KEY.toBase64());
        }
    }

    @Property(tries = 1000)
    void lenientParsingGivesAValueWithDiagnosticsOrAParseException(@ForAll("hostileConfig") String text) {
        try {
            ParseResult<WireGuardConfig> result = WireGuardConfig.parseLenient(text, "fuzz.conf");
            assertThat(WireGuardConfig.parse(result.value().render(), "again.conf")).isEqualTo(result.value());
            for (ParseException e : result.diagnostics()) {
                assertThat(e.position().source()).isEqualTo("fuzz.conf");
                assertThat(e.getMessage()).doesNotContain(KEY.toBase64());
            }
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("fuzz.conf");
        }
    }

    @Property(tries = 1000)
    void anyNameIsRefusedOrRendersAsOneCommentLine(@ForAll("names") String name) {
        WireGuardPeer peer;
        try {
            peer = new WireGuardPeer(Optional.of(name), WireGuardKey.generate().publicKey(), Optional.empty(),
                    List.of(IpNetwork.parse("10.0.0.2/32")), Optional.empty(), OptionalInt.empty());
        } catch (ValidationException e) {
            return;
        }
        WireGuardConfig config = WireGuardConfig.of(new WireGuardInterface(Optional.of(name), KEY, List.of(),
                OptionalInt.empty(), List.of(), OptionalInt.empty()), List.of(peer));
        String text = config.render();
        assertThat(text.lines().filter(l -> l.startsWith("[")).count()).isEqualTo(2);
        assertThat(WireGuardConfig.parse(text)).isEqualTo(config);
    }

    /** A comment above a section is the section's name, a plain comment, or refused: never a name lost unseen. */
    @Property(tries = 1000)
    void aCommentWithAControlCharacterIsRefusedAndANameCommentKeepsItsName(@ForAll("names") String comment) {
        net.jqwik.api.Assume.that(comment.indexOf('\n') < 0); // one comment line
        String text = "[Interface]\nPrivateKey = " + KEY.toBase64() + "\n# " + comment + "\n[Peer]\nPublicKey = "
                + WireGuardKey.generate().publicKey() + "\n";
        boolean control = comment.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t');
        try {
            WireGuardConfig config = WireGuardConfig.parse(text, "c.conf");
            assertThat(control).as("parsed a comment holding a control character").isFalse();
            Optional<String> name = config.peers().get(0).name();
            name.ifPresent(n -> assertThat(n).isEqualTo(comment.strip()));
            assertThat(WireGuardConfig.parse(config.render())).isEqualTo(config);
        } catch (ParseException e) {
            assertThat(e.position().line()).isGreaterThanOrEqualTo(3);
            assertThat(control).as(e.getMessage()).isTrue();
        }
    }

    @Property(tries = 1000)
    void anyDnsEntryOrEndpointIsRefusedOrStaysOnItsLine(@ForAll("names") String word, @ForAll("ports") int port) {
        try {
            WireGuardEndpoint endpoint = WireGuardEndpoint.of(word, port);
            assertThat(endpoint.toString()).doesNotContain("\n", "\r", "[Peer", "#", "=");
            assertThat(WireGuardEndpoint.parse(endpoint.toString())).isEqualTo(endpoint);
        } catch (ValidationException e) {
            assertThat(e.getMessage()).startsWith("endpoint ");
        }
        try {
            WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("192.0.2.1:1")).dns(word);
            assertThat(word).doesNotContain("\n", "\r", "[", "#", "=", ",", " ");
        } catch (ValidationException e) {
            assertThat(e.getMessage()).startsWith("DNS entry ");
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-._@").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("evil\n[Peer]", "x]\n[Interface]", "[Peer]", "a\rb", "ok # comment", "a=b", "1.1.1.1",
                        "::1", "fd00::1", "vpn.example.com", "-bad", "bad-", "a..b"));
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(-1, 70000);
    }

    @Property(tries = 500)
    void hostileStaticKeysOnlyParseOrThrowParseException(@ForAll("hostileConfig") String text) {
        try {
            dev.bulwark.vpn.openvpn.OpenVpnStaticKey.parse(text, "k");
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("k");
        }
    }
}
