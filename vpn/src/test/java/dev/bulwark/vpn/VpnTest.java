package dev.bulwark.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.vpn.openvpn.OpenVpnStaticKey;
import dev.bulwark.vpn.wireguard.WireGuardConfig;
import java.time.Duration;
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

        CertificateAuthority ca = CertificateAuthority.createRoot("CN=Front Door CA");
        IssuedCertificate server = ca.issueServer(List.of("vpn.example.com"), Duration.ofDays(30));
        IssuedCertificate alice = ca.issueClient(List.of("alice.example.com"), Duration.ofDays(30));
        OpenVpnStaticKey key = Vpn.openVpnStaticKey();
        assertThat(Vpn.openVpnServer(ca, server, key).network(IpNetwork.parse("10.8.0.0/24")).build().render())
                .contains("dh none");
        assertThat(Vpn.openVpnClient(ca, alice, key).remote("vpn.example.com", 1194).serverName("vpn.example.com")
                .build().render()).contains("verify-x509-name vpn.example.com name");
    }
}
