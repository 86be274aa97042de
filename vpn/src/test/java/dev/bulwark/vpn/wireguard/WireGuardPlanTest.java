package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireGuardPlanTest {

    private static final WireGuardEndpoint GW = WireGuardEndpoint.parse("203.0.113.1:51820");

    private static WireGuardPlanBuilder hub() {
        return WireGuardPlan.hubAndSpoke("gw", GW).network(IpNetwork.parse("10.8.0.0/24"))
                .network(IpNetwork.parse("fd00:8::/64"));
    }

    @Test
    void rendersOneWgQuickConfigPerNode() {
        WireGuardPlan plan = hub().client("laptop").client("phone").dns("10.8.0.1").build();
        Map<String, String> files = plan.render();
        assertThat(files).containsOnlyKeys("gw", "laptop", "phone");
        WireGuardConfig gw = WireGuardConfig.parse(files.get("gw"));
        assertThat(gw.interfaceSection().addresses()).extracting(Object::toString).containsExactly("10.8.0.1/24", "fd00:8::1/64");
        assertThat(gw.interfaceSection().listenPort()).hasValue(51820);
        assertThat(gw.peer("laptop").orElseThrow().allowedIps()).extracting(Object::toString)
                .containsExactly("10.8.0.2/32", "fd00:8::2/128");
        assertThat(gw.peer("phone").orElseThrow().allowedIps()).extracting(Object::toString)
                .containsExactly("10.8.0.3/32", "fd00:8::3/128");
        WireGuardConfig laptop = WireGuardConfig.parse(files.get("laptop"));
        WireGuardPeer toHub = laptop.peer("gw").orElseThrow();
        assertThat(toHub.allowedIps()).extracting(Object::toString).containsExactly("0.0.0.0/0", "::/0");
        assertThat(toHub.endpoint()).contains(GW);
        assertThat(toHub.persistentKeepalive()).hasValue(25);
        assertThat(toHub.presharedKey()).isEqualTo(gw.peer("laptop").orElseThrow().presharedKey()).isPresent();
        assertThat(toHub.publicKey()).isEqualTo(plan.publicKey("gw"));
        assertThat(laptop.interfaceSection().dns()).containsExactly("10.8.0.1");
        assertThat(laptop.interfaceSection().listenPort()).isEmpty();
        assertThat(files.get("laptop")).startsWith("# laptop\n[Interface]\n").contains("\n# gw\n[Peer]\n");
        assertThat(plan.peersOf("gw")).containsExactly("laptop", "phone");
        assertThat(plan.peersOf("phone")).containsExactly("gw");
    }

    @Test
    void splitTunnelRoutesOnlyTheTunnelAndTheGivenNetworks() {
        WireGuardPlan plan = hub().splitTunnel(IpNetwork.parse("192.168.10.0/24")).client("laptop").presharedKeys(false).build();
        WireGuardPeer toHub = plan.config("laptop").peer("gw").orElseThrow();
        assertThat(toHub.allowedIps()).extracting(Object::toString).containsExactly("10.8.0.0/24", "fd00:8::/64", "192.168.10.0/24");
        assertThat(toHub.presharedKey()).isEmpty();
    }

    @Test
    void addingOrRemovingAPeerNeverRenumbersTheOthers() {
        WireGuardPlan first = hub().client("a").client("b").client("c").build();
        WireGuardPlan without = first.toBuilder().remove("b").build();
        assertThat(without.addresses("a")).isEqualTo(first.addresses("a"));
        assertThat(without.addresses("c")).isEqualTo(first.addresses("c"));
        WireGuardPlan more = without.toBuilder().client("d").client("e").build();
        assertThat(more.addresses("d")).containsExactly(IpAddresses.parse("10.8.0.3"), IpAddresses.parse("fd00:8::3"));
        assertThat(more.addresses("e")).containsExactly(IpAddresses.parse("10.8.0.5"), IpAddresses.parse("fd00:8::5"));
        assertThat(more.addresses("c")).isEqualTo(first.addresses("c"));
        assertThat(more.publicKey("a")).isEqualTo(first.publicKey("a"));
        assertThat(more.render().get("a")).isEqualTo(first.render().get("a"));

        // persisted as text, handed to a fresh builder (new order) with the same keys
        AddressAllocations saved = AddressAllocations.parse(first.allocations().render(), "alloc.txt");
        WireGuardPlan rebuilt = hub().client("c").client("new").client("a").allocations(saved).build();
        assertThat(rebuilt.addresses("c")).isEqualTo(first.addresses("c"));
        assertThat(rebuilt.addresses("a")).isEqualTo(first.addresses("a"));
        assertThat(rebuilt.addresses("new")).containsExactly(IpAddresses.parse("10.8.0.3"), IpAddresses.parse("fd00:8::3"));
    }

    @Test
    void reservesTheGatewayAddressAndRefusesExhaustedNetworks() {
        WireGuardPlan plan = WireGuardPlan.hubAndSpoke("gw", GW).network(IpNetwork.parse("10.9.0.0/30")).client("only").build();
        assertThat(plan.addresses("gw")).containsExactly(IpAddresses.parse("10.9.0.1"));
        assertThat(plan.addresses("only")).containsExactly(IpAddresses.parse("10.9.0.2"));
        assertThatThrownBy(() -> plan.toBuilder().client("one-too-many").build()).isInstanceOf(ValidationException.class)
                .hasMessage("tunnel network 10.9.0.0/30 is exhausted: no free address for 'one-too-many' (2 addresses in use)");
        AddressAllocations stolen = new AddressAllocations(Map.of("x", List.of(IpAddresses.parse("10.9.0.1"))));
        assertThatThrownBy(() -> WireGuardPlan.hubAndSpoke("gw", GW).network(IpNetwork.parse("10.9.0.0/30")).client("x")
                .allocations(stolen).build())
                .hasMessage("the allocation of 'x' (10.9.0.1) is a reserved address of 10.9.0.0/30");
        assertThatThrownBy(() -> new AddressAllocations(Map.of("x", List.of(IpAddresses.parse("10.9.0.2")),
                "y", List.of(IpAddresses.parse("10.9.0.2")))))
                .hasMessage("address 10.9.0.2 is allocated twice");
    }

    @Test
    void refusesOverlappingPrefixesAndBadSpecifications() {
        assertThatThrownBy(() -> WireGuardPlan.siteToSite().network(IpNetwork.parse("10.8.0.0/24"))
                .site("a", GW, IpNetwork.parse("192.168.0.0/16"))
                .site("b", WireGuardEndpoint.parse("198.51.100.2:51820"), IpNetwork.parse("192.168.7.0/24")).build())
                .hasMessage("site-to-site plan: network 192.168.7.0/24 of 'b' overlaps 192.168.0.0/16 of 'a'");
        assertThatThrownBy(() -> WireGuardPlan.siteToSite().network(IpNetwork.parse("10.0.0.0/8"))
                .site("a", GW, IpNetwork.parse("10.1.0.0/16"))
                .site("b", WireGuardEndpoint.parse("198.51.100.2:51820"), IpNetwork.parse("192.168.7.0/24")).build())
                .hasMessage("site-to-site plan: network 10.1.0.0/16 of 'a' overlaps 10.0.0.0/8 of the tunnel network");
        assertThatThrownBy(() -> hub().network(IpNetwork.parse("10.9.0.0/24")).build())
                .hasMessage("hub-and-spoke plan: at most one IPv4 and one IPv6 tunnel network, not [10.8.0.0/24, fd00:8::/64, 10.9.0.0/24]");
        assertThatThrownBy(() -> WireGuardPlan.hubAndSpoke("gw", GW).client("x").build())
                .hasMessage("hub-and-spoke plan: no tunnel network; add network(IpNetwork) for IPv4 and/or IPv6");
        assertThatThrownBy(() -> hub().client("gw")).hasMessage("node 'gw' is already in the plan");
        assertThatThrownBy(() -> hub().client("bad\n[Peer]"))
                .hasMessageStartingWith("name 'bad\\u000a[Peer]' must be");
        assertThatThrownBy(() -> hub().server("s", GW).build())
                .hasMessage("hub-and-spoke plan: node 's' is a server, which this topology has none of");
        assertThatThrownBy(() -> IpNetwork.parse("10.8.0.1/24")).hasMessageContaining("did you mean 10.8.0.0/24?");
    }

    @Test
    void meshPeersEveryServerWithEveryOther() {
        WireGuardPlan plan = WireGuardPlan.mesh().network(IpNetwork.parse("10.20.0.0/24"))
                .server("db", WireGuardEndpoint.parse("192.0.2.1:51820"))
                .server("app", WireGuardEndpoint.parse("192.0.2.2:51820"))
                .server("web", WireGuardEndpoint.parse("192.0.2.3:51999")).build();
        assertThat(plan.addresses("db")).containsExactly(IpAddresses.parse("10.20.0.1"));
        WireGuardConfig app = plan.config("app");
        assertThat(app.peers()).extracting(p -> p.name().orElseThrow()).containsExactly("db", "web");
        assertThat(app.peer("web").orElseThrow().endpoint().orElseThrow().toString()).isEqualTo("192.0.2.3:51999");
        assertThat(app.peer("web").orElseThrow().persistentKeepalive()).isEmpty();
        assertThat(app.interfaceSection().listenPort()).hasValue(51820);
        assertThat(plan.config("web").interfaceSection().listenPort()).hasValue(51999);
        List<Rule> rules = plan.firewallRules("app", "eth0");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).protocol()).contains(Protocol.UDP);
        assertThat(rules.get(0).ports()).isEqualTo(dev.bulwark.firewall.Ports.of(51820));
    }

    @Test
    void siteToSiteRoutesTheLansBehindEachGateway() {
        WireGuardPlan plan = WireGuardPlan.siteToSite().network(IpNetwork.parse("10.99.0.0/30"))
                .site("paris", WireGuardEndpoint.parse("192.0.2.1:51820"), IpNetwork.parse("192.168.1.0/24"))
                .site("oslo", WireGuardEndpoint.parse("192.0.2.2:51820"), IpNetwork.parse("192.168.2.0/24")).build();
        assertThat(plan.config("paris").peer("oslo").orElseThrow().allowedIps()).extracting(Object::toString)
                .containsExactly("10.99.0.2/32", "192.168.2.0/24");
        List<Rule> rules = plan.firewallRules("paris", "eth0");
        assertThat(rules).extracting(Rule::direction).containsExactly(Direction.IN, Direction.ROUTED, Direction.ROUTED);
    }

    @Test
    void hubFirewallOpensThePortForwardsAndMasquerades() {
        WireGuardPlan plan = hub().client("laptop").build();
        FirewallPolicy policy = plan.addFirewallRules("gw", "eth0", FirewallPolicy.builder()).build();
        assertThat(policy.rules()).extracting(Rule::comment)
                .containsExactly("wireguard wg0", "wireguard wg0 client to client", "wireguard wg0 full tunnel out");
        assertThat(policy.masquerades()).extracting(m -> m.source().toString()).containsExactly("10.8.0.0/24", "fd00:8::/64");
        assertThat(policy.reaches(IpAddresses.parse("198.51.100.7"), IpAddresses.parse("203.0.113.1"), Protocol.UDP, 51820, "eth0"))
                .isTrue();
        FirewallPolicy client = plan.addFirewallRules("laptop", "eth0", FirewallPolicy.builder()).build();
        assertThat(client.rules()).isEmpty();
        assertThat(client.masquerades()).isEmpty();
    }

    @Test
    void rotatingAKeyReRendersEveryConfigThatReferencesTheNode() {
        WireGuardPlan plan = hub().client("a").client("b").build();
        WireGuardPlan rotated = plan.rotateKey("a");
        assertThat(rotated.publicKey("a")).isNotEqualTo(plan.publicKey("a"));
        Map<String, String> before = plan.render();
        Map<String, String> after = rotated.render();
        assertThat(after.get("a")).isNotEqualTo(before.get("a"));
        assertThat(after.get("gw")).isNotEqualTo(before.get("gw")).contains(rotated.publicKey("a").toBase64())
                .doesNotContain(plan.publicKey("a").toBase64());
        assertThat(after.get("b")).isEqualTo(before.get("b"));
        assertThat(rotated.addresses("a")).isEqualTo(plan.addresses("a"));
    }

    @Test
    void aRemovedNodeAddedBackUnderItsNameGetsNewKeysAndNewPresharedKeys() {
        WireGuardPlan plan = hub().client("a").client("b").build();
        WireGuardPresharedKey oldPsk = plan.config("a").peer("gw").orElseThrow().presharedKey().orElseThrow();
        WireGuardPlan again = plan.toBuilder().remove("a").client("a").build();
        assertThat(again.publicKey("a")).isNotEqualTo(plan.publicKey("a"));
        assertThat(again.config("a").peer("gw").orElseThrow().presharedKey()).isPresent().get().isNotEqualTo(oldPsk);
        assertThat(again.config("gw").peer("a").orElseThrow().presharedKey())
                .isEqualTo(again.config("a").peer("gw").orElseThrow().presharedKey());
        assertThat(again.render().get("b")).isEqualTo(plan.render().get("b"));
    }

    @Test
    void toStringShowsNoPrivateKey() {
        WireGuardPlan plan = hub().client("a").build();
        String privateKey = plan.config("a").interfaceSection().privateKey().toBase64();
        assertThat(plan.toString()).doesNotContain(privateKey).contains("a=" + plan.publicKey("a"));
        assertThat(plan.config("a").toString()).doesNotContain(privateKey);
    }
}
