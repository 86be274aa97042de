package dev.bulwark.vpn.openvpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.RevocationReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenVpnConfigTest {

    private static final Duration YEAR = Duration.ofDays(365);
    private final CertificateAuthority ca = CertificateAuthority.createRoot("CN=Test VPN CA")
            .withPolicy(CaPolicy.builder().allowDnsSuffix("example.com").build());
    private final IssuedCertificate server = ca.issueServer(List.of("vpn.example.com"), YEAR);
    private final IssuedCertificate client = ca.issueClient(List.of("alice.example.com"), YEAR);
    private final OpenVpnStaticKey tlsCrypt = OpenVpnStaticKey.generate();

    @Test
    void serverConfigHasTheModernSettingsAndEverythingInline() {
        String conf = OpenVpnServerConfig.builder(ca, server, tlsCrypt).network(IpNetwork.parse("10.8.0.0/24"))
                .pushRoute(IpNetwork.parse("192.168.10.0/24")).pushRoute(IpNetwork.parse("fd00:10::/64"))
                .pushDns(IpAddresses.parse("10.8.0.1")).pushDns(IpAddresses.parse("fd00::53")).build().render();
        assertThat(conf.lines()).contains("port 1194", "proto udp", "dev tun", "topology subnet",
                "server 10.8.0.0 255.255.255.0", "push \"route 192.168.10.0 255.255.255.0\"",
                "push \"route-ipv6 fd00:10::/64\"", "push \"dhcp-option DNS 10.8.0.1\"", "push \"dhcp-option DNS6 fd00::53\"",
                "tls-version-min 1.2", "data-ciphers AES-256-GCM:CHACHA20-POLY1305", "dh none",
                "tls-groups X25519:secp256r1:secp384r1", "remote-cert-tls client", "user nobody", "group nogroup",
                "persist-key", "persist-tun", "<ca>", "</ca>", "<cert>", "<key>", "<tls-crypt>", "</tls-crypt>");
        assertThat(conf).contains(Pem.encode(ca.certificate())).contains(tlsCrypt.render())
                .doesNotContain("crl-verify").doesNotContain("cipher BF");
    }

    @Test
    void serverConfigCarriesTheCrlOnceTheCaRevokedSomething() {
        assertThat(OpenVpnServerConfig.builder(ca, server, tlsCrypt).network(IpNetwork.parse("10.8.0.0/24")).build().hasCrl()).isFalse();
        ca.revoke(client.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        OpenVpnServerConfig config = OpenVpnServerConfig.builder(ca, server, tlsCrypt).network(IpNetwork.parse("10.8.0.0/24")).build();
        assertThat(config.hasCrl()).isTrue();
        assertThat(config.render()).contains("<crl-verify>\n-----BEGIN X509 CRL-----");
    }

    @Test
    void clientConfigPinsTheServerNameAndInlinesItsIdentity() {
        String ovpn = OpenVpnClientConfig.builder(ca, client, tlsCrypt).remote("203.0.113.1", 1194)
                .serverName("vpn.example.com").build().render();
        assertThat(ovpn.lines()).contains("client", "dev tun", "proto udp", "remote 203.0.113.1 1194", "nobind",
                "remote-cert-tls server", "verify-x509-name vpn.example.com name", "tls-version-min 1.2",
                "data-ciphers AES-256-GCM:CHACHA20-POLY1305", "persist-key", "persist-tun", "<ca>", "<cert>", "<key>",
                "<tls-crypt>");
        assertThat(ovpn).contains(Pem.encode(client.certificate())).contains(Pem.encode(client.privateKey()));
    }

    @Test
    void secretsStayOutOfToString() {
        OpenVpnClientConfig config = OpenVpnClientConfig.builder(ca, client, tlsCrypt).remote("vpn.example.com", 1194)
                .serverName("vpn.example.com").build();
        assertThat(config.toString()).doesNotContain("PRIVATE KEY").doesNotContain("Static key").contains("redacted");
        OpenVpnServerConfig server = OpenVpnServerConfig.builder(ca, this.server, tlsCrypt).network(IpNetwork.parse("10.8.0.0/24")).build();
        assertThat(server.toString()).doesNotContain("PRIVATE KEY").contains("redacted");
    }

    @Test
    void refusesCertificatesWithoutTheRightUsage() {
        assertThatThrownBy(() -> OpenVpnServerConfig.builder(ca, client, tlsCrypt).network(IpNetwork.parse("10.8.0.0/24")).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("the server certificate lacks extended key usage serverAuth, which remote-cert-tls server"
                        + " requires; issue it with CertificateAuthority.issueServer");
        assertThatThrownBy(() -> OpenVpnClientConfig.builder(ca, server, tlsCrypt).remote("h", 1).serverName("h").build())
                .hasMessage("the client certificate lacks extended key usage clientAuth, which remote-cert-tls client"
                        + " requires; issue it with CertificateAuthority.issueClient");
    }

    @Test
    void refusesValuesThatWouldInjectDirectives() {
        OpenVpnClientConfig.Builder b = OpenVpnClientConfig.builder(ca, client, tlsCrypt);
        assertThatThrownBy(() -> b.remote("vpn.example.com\nscript-security 3", 1194))
                .hasMessage("remote host 'vpn.example.com\\u000ascript-security 3' is neither an IP address nor a DNS name");
        assertThatThrownBy(() -> b.serverName("vpn name"))
                .hasMessage("server name 'vpn name' is neither an IP address nor a DNS name");
        assertThatThrownBy(() -> OpenVpnServerConfig.builder(ca, server, tlsCrypt).runAs("nobody\nup /bin/sh", "nogroup"))
                .hasMessage("user 'nobody\\u000aup /bin/sh' must be 1 to 64 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> OpenVpnServerConfig.builder(ca, server, tlsCrypt).network(IpNetwork.parse("10.8.0.0/30")).build())
                .hasMessage("openvpn server: network 10.8.0.0/30 must be IPv4, /29 or larger");
        assertThatThrownBy(() -> OpenVpnClientConfig.builder(ca, client, tlsCrypt).serverName("x").build())
                .hasMessage("openvpn client: remote is required (the server's host and port)");
    }
}
