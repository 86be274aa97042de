package dev.bulwark.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.vpn.openvpn.OpenVpnStaticKey;
import dev.bulwark.vpn.openvpn.OpenVpnTlsCryptV2Key;
import dev.bulwark.vpn.wireguard.Topology;
import dev.bulwark.vpn.wireguard.WireGuardConfig;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VpnTest {

    @Test
    void theFrontDoorLeadsToPlansKeysAndOpenVpn() {
        Map<String, String> configs = Vpn.hubAndSpoke("gw", "203.0.113.1:51820")
                .network(IpNetwork.parse("10.8.0.0/24")).client("laptop").build().render();
        assertThat(configs).containsOnlyKeys("gw", "laptop");
        WireGuardConfig laptop = Vpn.parseWireGuard(configs.get("laptop"), "laptop.conf");
        assertThat(laptop.peer("gw")).isPresent();
        assertThat(Vpn.wireGuardKey().publicKey().toBase64()).hasSize(44);
        assertThat(Vpn.wireGuardPresharedKey().toBase64()).hasSize(44);
        assertThat(Vpn.mesh()).isNotNull();
        assertThat(Vpn.siteToSite()).isNotNull();
        assertThat(Vpn.mesh().network(IpNetwork.parse("fd00:20::/64"))
                .server("db", WireGuardEndpoint.parse("192.0.2.1:51820"))
                .server("app", WireGuardEndpoint.parse("192.0.2.2:51820")).build().topology()).isEqualTo(Topology.MESH);
        assertThat(Vpn.siteToSite().network(IpNetwork.parse("10.99.0.0/30"))
                .site("paris", WireGuardEndpoint.parse("192.0.2.1:51820"), IpNetwork.parse("192.168.1.0/24"))
                .site("oslo", WireGuardEndpoint.parse("192.0.2.2:51820"), IpNetwork.parse("192.168.2.0/24"))
                .build().topology()).isEqualTo(Topology.SITE_TO_SITE);

        CertificateAuthority ca = CertificateAuthority.createRoot("CN=Front Door CA")
                .withPolicy(CaPolicy.builder().allowDnsSuffix("example.com").build());
        IssuedCertificate server = ca.issueServer(List.of("vpn.example.com"), Duration.ofDays(30));
        IssuedCertificate alice = ca.issueClient(List.of("alice.example.com"), Duration.ofDays(30));
        OpenVpnStaticKey key = Vpn.openVpnStaticKey();
        assertThat(Vpn.openVpnServer(ca, server, key).network(IpNetwork.parse("10.8.0.0/24")).build().render())
                .contains("dh none");
        assertThat(Vpn.openVpnClient(ca, alice, key).remote("vpn.example.com", 1194).serverName("vpn.example.com")
                .build().render()).contains("verify-x509-name vpn.example.com name");

        OpenVpnTlsCryptV2Key v2 = Vpn.openVpnTlsCryptV2Key();
        assertThat(Vpn.openVpnServer(ca, server, v2).network(IpNetwork.parse("10.8.0.0/24")).build().render())
                .contains("<tls-crypt-v2>\n-----BEGIN OpenVPN tls-crypt-v2 server key-----");
        assertThat(Vpn.openVpnClient(ca, alice, v2.newClientKey(Instant.EPOCH, new SecureRandom()))
                .remote("vpn.example.com", 1194).serverName("vpn.example.com").build().render())
                .contains("<tls-crypt-v2>\n-----BEGIN OpenVPN tls-crypt-v2 client key-----");
    }
}
