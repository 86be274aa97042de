package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireGuardConfigTest {

    private static final WireGuardKey KEY = WireGuardKey.generate();
    private static final WireGuardPublicKey PEER_A = WireGuardKey.generate().publicKey();
    private static final WireGuardPublicKey PEER_B = WireGuardKey.generate().publicKey();

    private static String file(String body) {
        return "[Interface]\nPrivateKey = " + KEY.toBase64() + "\n" + body;
    }

    @Test
    void parsesAWgQuickFileAndRendersItBack() {
        String text = "# gw\n[Interface]\nPrivateKey = " + KEY.toBase64() + "\nAddress = 10.8.0.1/24, fd00:8::1/64\n"
                + "ListenPort = 51820\nDNS = 10.8.0.1, corp.example\nMTU = 1420\n\n# laptop\n[Peer]\nPublicKey = " + PEER_A
                + "\nAllowedIPs = 10.8.0.2/32, fd00:8::2/128\nEndpoint = [2001:db8::1]:51820\nPersistentKeepalive = 25\n";
        WireGuardConfig config = WireGuardConfig.parse(text, "wg0.conf");
        assertThat(config.interfaceSection().name()).contains("gw");
        assertThat(config.interfaceSection().addresses()).extracting(Object::toString).containsExactly("10.8.0.1/24", "fd00:8::1/64");
        assertThat(config.interfaceSection().dns()).containsExactly("10.8.0.1", "corp.example");
        assertThat(config.peer("laptop").orElseThrow().endpoint().orElseThrow().toString()).isEqualTo("[2001:db8::1]:51820");
        assertThat(config.render()).isEqualTo(text);
        assertThat(WireGuardConfig.parse(config.render())).isEqualTo(config);
        assertThat(config.renderSetconf()).doesNotContain("Address", "DNS", "MTU").contains("ListenPort = 51820");
    }

    @Test
    void acceptsCaseInsensitiveKeysRepeatedListsAndInlineComments() {
        WireGuardConfig config = WireGuardConfig.parse(file("address = 10.0.0.1/24 # first\nADDRESS = fd00::1/64\n"
                + "[peer]\npublickey = " + PEER_A + "\nAllowedIPs = 10.0.0.2/32\nallowedips = 10.0.1.0/24\n"
                + "PersistentKeepalive = off\n"));
        assertThat(config.interfaceSection().addresses()).hasSize(2);
        assertThat(config.peers().get(0).allowedIps()).extracting(Object::toString).containsExactly("10.0.0.2/32", "10.0.1.0/24");
        assertThat(config.peers().get(0).persistentKeepalive()).isEmpty();
    }

    @Test
    void reportsLineAndColumnOfErrors() {
        assertThatThrownBy(() -> WireGuardConfig.parse(file("ListenPort = 70000x\n"), "wg0.conf"))
                .isInstanceOf(ParseException.class)
                .hasMessage("wg0.conf:3:14: ListenPort '70000x' is not a number from 1 to 65535");
        assertThatThrownBy(() -> WireGuardConfig.parse(file("Foo = bar\n"), "wg0.conf"))
                .hasMessage("wg0.conf:3:1: unknown key 'Foo' in [Interface]");
        assertThatThrownBy(() -> WireGuardConfig.parse(file("PostUp = iptables -F\n"), "wg0.conf"))
                .hasMessage("wg0.conf:3:1: 'PostUp' is not supported in [Interface] (Bulwark's model has no shell hooks, routing tables or marks)");
        assertThatThrownBy(() -> WireGuardConfig.parse("PrivateKey = x\n", "wg0.conf"))
                .hasMessage("wg0.conf:1:1: 'PrivateKey' outside a section (expected [Interface] first)");
        assertThatThrownBy(() -> WireGuardConfig.parse("# nothing\n", "wg0.conf"))
                .hasMessage("wg0.conf:1:1: no [Interface] section");
        assertThatThrownBy(() -> WireGuardConfig.parse(file("[Peer]\nAllowedIPs = 10.0.0.2/32\n"), "wg0.conf"))
                .hasMessage("wg0.conf:3:1: [Peer] has no PublicKey");
        assertThatThrownBy(() -> WireGuardConfig.parse(file("[Sideways]\n"), "wg0.conf"))
                .hasMessage("wg0.conf:3:1: unknown section '[Sideways]' (expected [Interface] or [Peer])");
    }

    @Test
    void lenientParsingKeepsTheGoodPartsAndReportsTheRest() {
        String text = file("Address = 10.0.0.1/24\nPostUp = iptables -A FORWARD -i wg0 -j ACCEPT\nListenPort = x\n"
                + "\n# good\n[Peer]\nPublicKey = " + PEER_A + "\nAllowedIPs = 10.0.0.2/32\nFoo = bar\n"
                + "\n# broken\n[Peer]\nPublicKey = not-a-key\nAllowedIPs = 10.0.0.3/32\n"
                + "\n[Nonsense]\nWhatever = 1\n"
                + "\n# overlapping\n[Peer]\nPublicKey = " + PEER_B + "\nAllowedIPs = 10.0.0.2/32\n");
        ParseResult<WireGuardConfig> result = WireGuardConfig.parseLenient(text, "wg0.conf");
        assertThat(result.value().interfaceSection().addresses()).hasSize(1);
        assertThat(result.value().interfaceSection().listenPort()).isEmpty();
        assertThat(result.value().peers()).extracting(p -> p.name().orElseThrow()).containsExactly("good");
        assertThat(result.diagnostics()).extracting(Throwable::getMessage).containsExactly(
                "wg0.conf:4:1: 'PostUp' is not supported in [Interface] (Bulwark's model has no shell hooks, routing tables or marks)",
                "wg0.conf:5:14: ListenPort 'x' is not a number from 1 to 65535",
                "wg0.conf:11:1: unknown key 'Foo' in [Interface]".replace("[Interface]", "[Peer]"),
                "wg0.conf:15:13: a WireGuard public key must be 44 characters of base64 (32 bytes), not 9 characters in 'not-a-key'",
                "wg0.conf:14:1: [Peer] has no PublicKey",
                "wg0.conf:18:1: unknown section '[Nonsense]' (expected [Interface] or [Peer])",
                "wg0.conf:22:1: peers 'good' and 'overlapping' have overlapping AllowedIPs 10.0.0.2/32 and 10.0.0.2/32"
                        + " (WireGuard would silently route them to the last peer)");
        assertThat(WireGuardConfig.parse(result.value().render())).isEqualTo(result.value());
        assertThatThrownBy(() -> WireGuardConfig.parseLenient("[Peer]\nPublicKey = " + PEER_A + "\n", "x.conf"))
                .hasMessage("x.conf:1:1: no [Interface] section");
    }

    @Test
    void neverQuotesASecretKeyInAnError() {
        String secret = KEY.toBase64();
        assertThatThrownBy(() -> WireGuardConfig.parse("[Interface]\nPrivateKey = " + secret + "x\n", "wg0.conf"))
                .hasMessage("wg0.conf:2:14: a WireGuard private key must be 44 characters of base64 (32 bytes), not 45 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void refusesHostBitsInAllowedIpsNamingTheNetworkMeant() {
        assertThatThrownBy(() -> WireGuardConfig.parse(file("[Peer]\nPublicKey = " + PEER_A + "\nAllowedIPs = 10.8.0.7/24\n"), "wg0.conf"))
                .hasMessage("wg0.conf:5:14: 10.8.0.7/24 has host bits set; did you mean 10.8.0.0/24? in '10.8.0.7/24'");
    }

    @Test
    void refusesOverlappingAllowedIpsBetweenPeers() {
        WireGuardInterface iface = new WireGuardInterface(Optional.empty(), KEY, List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty());
        WireGuardPeer a = new WireGuardPeer(Optional.of("a"), PEER_A, Optional.empty(), List.of(IpNetwork.parse("10.8.0.0/24")),
                Optional.empty(), OptionalInt.empty());
        WireGuardPeer b = new WireGuardPeer(Optional.of("b"), PEER_B, Optional.empty(), List.of(IpNetwork.parse("10.8.0.5/32")),
                Optional.empty(), OptionalInt.empty());
        assertThatThrownBy(() -> WireGuardConfig.of(iface, List.of(a, b))).isInstanceOf(ValidationException.class)
                .hasMessage("peers 'a' and 'b' have overlapping AllowedIPs 10.8.0.0/24 and 10.8.0.5/32"
                        + " (WireGuard would silently route them to the last peer)");
        assertThatThrownBy(() -> WireGuardConfig.parse(file("[Peer]\nPublicKey = " + PEER_A + "\nAllowedIPs = 0.0.0.0/0\n"
                + "[Peer]\nPublicKey = " + PEER_B + "\nAllowedIPs = 10.0.0.0/8\n" + "[Peer]\nPublicKey = "
                + WireGuardKey.generate().publicKey() + "\nAllowedIPs = 10.0.0.0/8\n"), "wg0.conf"))
                .hasMessage("wg0.conf:6:1: peers #1 and #2 have overlapping AllowedIPs"
                        + " 0.0.0.0/0 and 10.0.0.0/8 (WireGuard would silently route them to the last peer)");
        assertThatThrownBy(() -> WireGuardConfig.of(iface, List.of(a, a.withPublicKey(PEER_A))))
                .hasMessageContaining("which the interface or an earlier peer already has");
    }

    @Test
    void aCarriageReturnInANameCommentIsRefusedNotSilentlyDropped() {
        String text = file("\n# lap\rtop\n[Peer]\nPublicKey = " + PEER_A + "\nAllowedIPs = 10.0.0.2/32\n");
        assertThatThrownBy(() -> WireGuardConfig.parse(text, "wg0.conf")).isInstanceOf(ParseException.class)
                .hasMessage("wg0.conf:4:6: control character U+000D in a comment");
        ParseResult<WireGuardConfig> lenient = WireGuardConfig.parseLenient(text, "wg0.conf");
        assertThat(lenient.diagnostics()).extracting(Throwable::getMessage)
                .containsExactly("wg0.conf:4:6: control character U+000D in a comment");
        assertThat(lenient.value().peers()).singleElement().satisfies(p -> assertThat(p.name()).isEmpty());
        assertThatThrownBy(() -> WireGuardConfig.parse(file("ListenPort = 5\u000b1820\n"), "wg0.conf"))
                .hasMessage("wg0.conf:3:15: control character U+000B");
        for (String name : List.of("lap\rtop", "laptop\r", "lap\u0000", "lap\u0085top", "lap\ttop")) {
            assertThatThrownBy(() -> new WireGuardPeer(Optional.of(name), PEER_A, Optional.empty(), List.of(),
                    Optional.empty(), OptionalInt.empty())).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("name 'lap");
        }
        // a CRLF file keeps its names
        assertThat(WireGuardConfig.parse(text.replace("\r", "").replace("\n", "\r\n")).peers().get(0).name())
                .contains("laptop");
    }

    @Test
    void refusesNamesThatWouldInjectASection() {
        assertThatThrownBy(() -> new WireGuardPeer(Optional.of("evil\n[Peer]"), PEER_A, Optional.empty(), List.of(),
                Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name 'evil\\u000a[Peer]' must be 1 to 63 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        assertThatThrownBy(() -> new WireGuardInterface(Optional.empty(), KEY, List.of(), OptionalInt.empty(),
                List.of("1.1.1.1\n[Peer]"), OptionalInt.empty()))
                .hasMessage("DNS entry '1.1.1.1\\u000a[Peer]' is neither an IP address nor a domain name");
    }

    @Test
    void validatesEndpoints() {
        assertThat(WireGuardEndpoint.parse("vpn.example.com:51820").isIpLiteral()).isFalse();
        assertThat(WireGuardEndpoint.parse("203.0.113.1:1").isIpLiteral()).isTrue();
        assertThatThrownBy(() -> WireGuardEndpoint.parse("2001:db8::1:51820"))
                .hasMessage("<string>:1:1: endpoint '2001:db8::1:51820' is not host:port (IPv6 goes in brackets)");
        assertThatThrownBy(() -> WireGuardEndpoint.of("bad_host", 1))
                .hasMessage("endpoint host 'bad_host' is neither an IP address nor a DNS name");
        assertThatThrownBy(() -> WireGuardEndpoint.parse("h:0")).hasMessage("<string>:1:1: endpoint port 0 is outside 1..65535 in 'h:0'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.1:51820", "[2001:db8::1]:443", "vpn.example.com:1", "h:0", "2001:db8::1:51820",
            "[203.0.113.1]:1", "host", "h:65536", "a\n[Peer]:1", ""})
    void endpointParseAndTryParseAgree(String text) {
        Optional<WireGuardEndpoint> tried = WireGuardEndpoint.tryParse(text);
        if (tried.isPresent()) {
            assertThat(WireGuardEndpoint.parse(text)).isEqualTo(tried.get());
            assertThat(tried.get().toString()).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> WireGuardEndpoint.parse(text)).isInstanceOf(ParseException.class);
        }
        assertThat(tried.isPresent()).isEqualTo(List.of("203.0.113.1:51820", "[2001:db8::1]:443", "vpn.example.com:1")
                .contains(text));
    }

    @ParameterizedTest
    @CsvSource({"10.8.0.2/24, 10.8.0.2/24", "fd00::2/64, fd00::2/64", "10.8.0.2, 10.8.0.2/32", "fd00::2, fd00::2/128",
            "10.8.0.2/33, ", "10.8.0.2/, ", "nope, ", "10.8.0.2/24/1, "})
    void interfaceAddressParseAndTryParseAgree(String text, String expected) {
        Optional<InterfaceAddress> tried = InterfaceAddress.tryParse(text);
        assertThat(tried.map(InterfaceAddress::toString)).isEqualTo(Optional.ofNullable(expected));
        if (expected != null) {
            assertThat(InterfaceAddress.parse(text)).isEqualTo(tried.get());
        } else {
            assertThatThrownBy(() -> InterfaceAddress.parse(text)).isInstanceOf(ParseException.class);
        }
    }
}
