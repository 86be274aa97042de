package dev.bulwark.vpn.openvpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Whatever a caller passes as host, server name, user or group, no OpenVPN directive or inline block is injected. */
class OpenVpnPropertiesTest {

    private static final CertificateAuthority CA = CertificateAuthority.createRoot("CN=Property CA")
            .withPolicy(CaPolicy.builder().allowDnsSuffix("example.com").build());
    private static final IssuedCertificate SERVER = CA.issueServer(List.of("vpn.example.com"), Duration.ofDays(30));
    private static final IssuedCertificate CLIENT = CA.issueClient(List.of("alice.example.com"), Duration.ofDays(30));
    private static final OpenVpnStaticKey TLS_CRYPT = OpenVpnStaticKey.generate();
    private static final String CLIENT_BASELINE = client("vpn.example.com", 1194, "vpn.example.com").render();
    private static final String SERVER_BASELINE = server("nobody", "nogroup").render();

    private static OpenVpnClientConfig client(String host, int port, String serverName) {
        return OpenVpnClientConfig.builder(CA, CLIENT, TLS_CRYPT).remote(host, port).serverName(serverName).build();
    }

    private static OpenVpnServerConfig server(String user, String group) {
        return OpenVpnServerConfig.builder(CA, SERVER, TLS_CRYPT).network(IpNetwork.parse("10.8.0.0/24"))
                .runAs(user, group).build();
    }

    @Property(tries = 1000)
    void anyRemoteOrServerNameIsRefusedOrStaysOneWordOnItsLine(@ForAll("words") String word, @ForAll("ports") int port) {
        String ovpn;
        try {
            ovpn = client(word, port, word).render();
        } catch (ValidationException e) {
            assertThat(e.getMessage()).matches("(?s)(remote host|server name) '.*' is neither an IP address nor a DNS name"
                    + "|port -?[0-9]+ is outside 1\\.\\.65535");
            return;
        }
        assertThat(word).matches("[A-Za-z0-9.:-]+");
        assertThat(ovpn.lines().count()).isEqualTo(CLIENT_BASELINE.lines().count());
        assertThat(ovpn.lines()).contains("remote " + word + " " + port, "verify-x509-name " + word + " name");
        assertThat(inlineTags(ovpn)).isEqualTo(inlineTags(CLIENT_BASELINE));
    }

    @Property(tries = 1000)
    void anyUserOrGroupIsRefusedOrStaysOneWordOnItsLine(@ForAll("words") String word) {
        String conf;
        try {
            conf = server(word, word).render();
        } catch (ValidationException e) {
            assertThat(e.getMessage()).matches("(?s)user '.*' must be 1 to 64 letters, digits, '\\.', '_' or '-'");
            return;
        }
        assertThat(word).matches("[A-Za-z0-9._-]{1,64}");
        assertThat(conf.lines().count()).isEqualTo(SERVER_BASELINE.lines().count());
        assertThat(conf.lines()).contains("user " + word, "group " + word);
        assertThat(inlineTags(conf)).isEqualTo(inlineTags(SERVER_BASELINE));
    }

    @Test
    void inlineContentThatCouldCloseItsBlockIsABug() {
        StringBuilder out = new StringBuilder();
        assertThatThrownBy(() -> Directives.inline(out, "ca", "-----BEGIN CERTIFICATE-----\n</ca>\nup /bin/sh\n<ca>\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the inline <ca> content holds '<', which could close the block early");
        assertThat(out).isEmpty();
    }

    private static List<String> inlineTags(String text) {
        return text.lines().filter(l -> l.startsWith("<")).collect(java.util.stream.Collectors.toList());
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-._:").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("vpn.example.com\nscript-security 3", "h\r\nup /bin/sh", "x </ca>", "</key>", "<ca>",
                        "a;b", "a b", "\"quoted\"", "#comment", "nobody\tgroup", "203.0.113.1", "2001:db8::1", "-bad",
                        "bad-", "a..b", ""));
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(-1, 70000);
    }
}
