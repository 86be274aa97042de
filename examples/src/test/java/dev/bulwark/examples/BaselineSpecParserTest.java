package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaselineSpecParserTest {

    private static final String MINIMAL = "host web1\nadmin alice\nca Test CA\nserver web1\n";

    @Test
    void readsTheEmbeddedSample() throws IOException {
        BaselineSpec spec = BaselineSpecParser.parse(SecureBaseline.sample(), "baseline.spec");
        assertThat(spec.hostname()).isEqualTo("web1.example.com");
        assertThat(spec.adminUser()).isEqualTo("alice");
        assertThat(spec.services()).extracting(s -> s.name() + ":" + s.exposureText()).containsExactly(
                "https:public", "http:public", "ssh:private (10.8.0.0/24, 192.0.2.0/24)", "metrics:private (10.8.0.0/24)",
                "postgres:internal", "redis:internal");
        assertThat(spec.sshPort()).isEqualTo(22);
        assertThat(spec.vpnNetwork()).contains(IpNetwork.parse("10.8.0.0/24"));
        assertThat(spec.peers()).extracting(BaselineSpec.VpnPeer::name).containsExactly("laptop", "phone");
        assertThat(spec.isMesh()).isFalse();
        assertThat(spec.caName()).isEqualTo("Example Internal CA");
        assertThat(spec.servers()).containsExactly("web1.example.com", "db1.example.com");
        assertThat(spec.updates().rebootTime()).contains(LocalTime.of(3, 30));
        assertThat(spec.updates().mailTo()).contains("ops@example.com");
    }

    @Test
    void readsAMinimalSpecWithDefaults() {
        BaselineSpec spec = BaselineSpecParser.parse("# comment\n\n  " + MINIMAL.replace("\n", "\r\n"), "m.spec");
        assertThat(spec.publicInterface()).isEqualTo("eth0");
        assertThat(spec.services()).isEmpty();
        assertThat(spec.peers()).isEmpty();
        assertThat(spec.updates().automaticReboot()).isFalse();
    }

    @Test
    void peersWithEndpointsFormAMesh() {
        BaselineSpec spec = BaselineSpecParser.parse(MINIMAL + "vpn-network 10.9.0.0/24\nvpn-endpoint 198.51.100.1:51820\n"
                + "peer db1 198.51.100.2:51820\nprivate ssh tcp/2222 from 10.9.0.0/24\n", "m.spec");
        assertThat(spec.isMesh()).isTrue();
        assertThat(spec.sshPort()).isEqualTo(2222);
        assertThat(spec.services().get(0).exposure()).isEqualTo(Exposure.PRIVATE);
        assertThat(spec.peers().get(0).endpoint()).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hots web1|t.spec:1:1: unknown key 'hots' (expected one of host, admin, interface, public, private, internal,"
                + " vpn-network, vpn-endpoint, peer, ca, server, reboot, mail, admin-from, allow-users, allow-groups,"
                + " admin-groups)",
        "host|t.spec:1:5: 'host' needs a value",
        "host a\\nhost b|t.spec:2:1: 'host' is given twice (first on line 1)",
        "host web_1|t.spec:1:6: 'web_1' is not a host name",
        "admin Alice|t.spec:1:7: 'Alice' is not a user name (lower case, digits, '_', '-')",
        "public https 443|t.spec:1:14: '443' is not PROTO/PORT (e.g. tcp/443 or udp/60000-61000)",
        "public https|t.spec:1:8: expected NAME PROTO/PORT, e.g. 'https tcp/443'",
        "public https tcp/443 from 10.0.0.0/8|t.spec:1:22: unexpected 'from' (only private services take 'from')",
        "private ssh tcp/22|t.spec:1:13: a private service needs 'from NETWORK...', e.g. 'from 10.8.0.0/24'",
        "private ssh tcp/22 from 10.0.0.1/8|t.spec:1:25: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?",
        "peer my.phone|t.spec:1:6: peer name 'my.phone' must be 1 to 32 letters, digits, '_' or '-'",
        "ca Evil, O=Corp|t.spec:1:4: CA name 'Evil, O=Corp' must be 1 to 64 letters, digits, spaces, '.', '_' or '-'",
        "reboot 25:00|t.spec:1:8: '25:00' is not a time HH:MM",
        "server a b|t.spec:1:10: unexpected 'b' (one value only)",
        "host a\\tb|t.spec:1:8: unexpected 'b' (one value only)",
        "admin alice|t.spec:1:1: missing 'host' line",
        "public https tcp/70000|t.spec:1:18: port 70000 is above 65535 in '70000'",
        "public https tcp/44a|t.spec:1:20: 'a' is not allowed in a port number in '44a'",
        "public https tpc/443|t.spec:1:14: unknown protocol 'tpc' (expected tcp or udp)",
        "public web tcp/80\\npublic web tcp/81|t.spec:2:8: service 'web' is given twice (first on line 1)",
        "public web tcp/80-90\\ninternal db udp/85\\nprivate api tcp/85 from 10.0.0.0/8|t.spec:3:13: 'api' (tcp/85)"
                + " overlaps 'web' (tcp/80-90, line 1)",
        "server web1\\nserver web1|t.spec:2:8: server 'web1' is given twice (first on line 1)",
        "server ca|t.spec:1:8: server name 'ca' would overwrite the CA's pki/ca files; use the full DNS name, e.g."
                + " 'ca.example.com'",
        "peer laptop\\npeer laptop|t.spec:2:6: peer 'laptop' is given twice (first on line 1)",
        "peer a 198.51.100.2:51820\\npeer b|t.spec:2:6: spec: give every peer an endpoint (a mesh) or none (clients"
                + " of this server); peer 'a' on line 1 has one",
        "peer a\\npeer b 198.51.100.2:51820|t.spec:2:6: spec: give every peer an endpoint (a mesh) or none (clients"
                + " of this server); peer 'a' on line 1 has none",
        "host web1\\nadmin alice\\nca Test CA\\nserver web1\\nvpn-network 10.9.0.0/24\\n"
                + "vpn-endpoint 198.51.100.1:51820\\npeer web1|t.spec:7:6: peer 'web1' has the server's own name (host, line 1)",
        "admin-from 10.0.0.0/8 nonsense|t.spec:1:23: 'nonsense': 'n' is not allowed in an IPv4 address",
    })
    void rejectsBadLinesWithTheirPosition(String text, String message) {
        String input = text.replace("\\n", "\n").replace("\\t", "\t");
        assertThatThrownBy(() -> BaselineSpecParser.parse(input, "t.spec"))
                .isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void rejectsControlCharactersAndContradictions() {
        assertThatThrownBy(() -> BaselineSpecParser.parse("host a\u0007b", "t.spec"))
                .hasMessage("t.spec:1:7: control character U+0007");
        assertThatThrownBy(() -> BaselineSpecParser.parse(MINIMAL + "peer laptop\n", "t.spec"))
                .hasMessage("t.spec:5:1: spec: peers need 'vpn-network' and 'vpn-endpoint'");
        assertThatThrownBy(() -> new BaselineSpec("h", "a", "eth0", List.of(), Optional.empty(), Optional.empty(),
                List.of(), "CA", List.of(), BaselineSpecParser.parse(MINIMAL, "m").updates()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("spec: at least one 'server' line is needed (a TLS certificate name)");
    }

    @Test
    void refusesASpecThatIsNotUtf8AtTheBadByte() {
        byte[] latin1 = "host web1\nadmin alice\nca Caf\u00e9 CA\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> BaselineSpecParser.parse(latin1, "t.spec"))
                .isInstanceOf(ParseException.class)
                .hasMessage("t.spec:3:7: not UTF-8: byte 0xE9 cannot start or continue a character; save the spec as UTF-8");
    }

    @Property(tries = 300)
    void hostileInputOnlyEverGivesASpecOrAPositionedParseException(@ForAll("hostile") String text) {
        try {
            BaselineSpecParser.parse(text, "h.spec");
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("h.spec");
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void hostileBytesOnlyEverGiveASpecOrAPositionedParseException(@ForAll byte[] bytes) {
        try {
            BaselineSpecParser.parse(bytes, "h.spec");
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("h.spec");
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    @Test
    void refusesMoreThanAThousandValuesOnOneLine() {
        String many = "admin-from " + "10.0.0.0/8 ".repeat(1001);
        assertThatThrownBy(() -> BaselineSpecParser.parse(many, "t.spec"))
                .hasMessage("t.spec:1:11012: too many values on one line (at most 1000)");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> words = Arbitraries.of("host", "admin", "public", "private", "internal", "peer", "ca",
                "server", "vpn-network", "vpn-endpoint", "reboot", "mail", "from", "tcp/22", "udp/1-2", "10.0.0.0/8",
                "::/0", "a:1", "web1", "#", "\t", " ", "\n", "\r\n", "\u0000", "\u2028", "x".repeat(5000));
        return Arbitraries.oneOf(words.list().ofMaxSize(40).map(l -> String.join(" ", l)),
                Arbitraries.strings().all().ofMaxLength(200), Arbitraries.strings().ofMaxLength(20000));
    }
}
