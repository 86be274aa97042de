package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.firewall.VpcGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {

    static final ManagementAccess ADMIN = new ManagementAccess(IpNetwork.parse("198.51.100.0/24"), 22);

    /** The seed's server: public web, SSH from the office and the VPN, a local database, a rate-limited port. */
    static FirewallPolicy seed() {
        return seedServices().rule(Rule.limit().protocol(Protocol.TCP).port(2222).comment("legacy ssh").build()).build();
    }

    /** The seed without its rate limit, which firewalld cannot express. */
    static dev.bulwark.firewall.FirewallPolicyBuilder seedServices() {
        return FirewallPolicy.builder()
                .publicService("https", Protocol.TCP, Ports.of(80, 443))
                .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("192.0.2.0/24"), IpNetwork.parse("10.8.0.0/24"),
                        IpNetwork.parse("2001:db8:1::/48")))
                .internalService("postgres", Ports.of(5432));
    }

    @Test
    void iptablesGolden() throws IOException {
        IptablesRenderer r = IptablesRenderer.standard().withManagement(ADMIN);
        assertThat(r.render(seed(), IpVersion.IPV4)).isEqualTo(golden("seed.iptables-v4.rules"));
        assertThat(r.render(seed(), IpVersion.IPV6)).isEqualTo(golden("seed.iptables-v6.rules"));
    }

    @Test
    void nftablesGolden() throws IOException {
        assertThat(NftablesRenderer.standard().withManagement(ADMIN).render(seed())).isEqualTo(golden("seed.nft"));
    }

    @Test
    void ufwGolden() throws IOException {
        UfwRenderer r = UfwRenderer.standard().withManagement(ADMIN);
        assertThat(r.script(seed())).isEqualTo(golden("seed.ufw.sh"));
        assertThat(r.userRules(seed(), IpVersion.IPV4)).isEqualTo(golden("seed.user.rules"));
    }

    @Test
    void firewalldGolden() throws IOException {
        FirewalldRenderer r = FirewalldRenderer.standard().withManagement(ADMIN);
        assertThat(r.script(seedServices().build())).isEqualTo(golden("seed.firewalld.sh"));
        assertThat(r.zoneXml(seedServices().build())).isEqualTo(golden("seed.firewalld.xml"));
    }

    @Test
    void firewalldScriptAddsTheManagementAllowBeforeRemovingAnythingAndKeepsIt() {
        String admin = "rule priority=\"-1\" family=\"ipv4\" source address=\"198.51.100.0/24\" port port=\"22\""
                + " protocol=\"tcp\" accept";
        List<String> lines = List.of(FirewalldRenderer.standard().withManagement(ADMIN).script(seedServices().build())
                .split("\n"));
        int add = lines.indexOf("firewall-cmd --permanent --zone=public '--add-rich-rule=" + admin + "'");
        int firstRemoval = 0;
        while (!lines.get(firstRemoval).contains("--remove-")) {
            firstRemoval++;
        }
        assertThat(add).isPositive().isLessThan(firstRemoval);
        assertThat(lines).filteredOn(l -> l.contains("--remove-rich-rule="))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("[ \"$line\" != '" + admin + "' ]");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("firewall-cmd --reload");
    }

    @Test
    void gatewayGoldens() throws IOException {
        FirewallPolicy gw = VpcGateway.of(IpNetwork.parse("10.10.0.0/16"), "ens4", "ens3").addTo(FirewallPolicy.builder()).build();
        IptablesRenderer iptables = IptablesRenderer.standard();
        assertThat(iptables.renderPersistent(gw, IpVersion.IPV4)).isEqualTo(golden("gateway.iptables-v4.rules"));
        assertThat(iptables.renderNat(gw, IpVersion.IPV4)).isEqualTo(golden("gateway.iptables-v4-nat.rules"));
        // the filter file leaves table nat alone; a policy without masquerades empties only the own chain
        assertThat(iptables.render(gw, IpVersion.IPV4)).doesNotContain("*nat");
        assertThat(iptables.renderNat(gw, IpVersion.IPV6)).endsWith("*nat\n:bulwark-snat - [0:0]\nCOMMIT\n");
        assertThat(iptables.natJump()).containsExactly("POSTROUTING", "-j", "bulwark-snat");
        assertThat(NftablesRenderer.standard().render(gw)).isEqualTo(golden("gateway.nft"));
    }

    @Test
    void outputIsDeterministic() {
        assertThat(NftablesRenderer.standard().render(seed())).isEqualTo(NftablesRenderer.standard().render(seed()));
        assertThat(IptablesRenderer.standard().render(seed(), IpVersion.IPV4))
                .isEqualTo(IptablesRenderer.standard().render(seed(), IpVersion.IPV4));
    }

    @Test
    void eachBackendRefusesWhatItCannotCarryNamingRuleAndBackend() {
        FirewallPolicy quote = policy(Rule.allow().port(1).comment("it's").build());
        assertThatThrownBy(() -> UfwRenderer.standard().script(quote)).isInstanceOf(ValidationException.class)
                .hasMessage("rule #1 'it's': ufw comments cannot hold a single quote (')");
        FirewallPolicy dq = policy(Rule.allow().port(1).comment("say \"hi\"").build());
        assertThatThrownBy(() -> NftablesRenderer.standard().render(dq))
                .hasMessage("rule #1 'say \"hi\"': nftables strings cannot hold a double quote (\")");
        FirewallPolicy long129 = policy(Rule.allow().port(1).comment("x".repeat(129)).build());
        assertThatThrownBy(() -> NftablesRenderer.standard().render(long129))
                .hasMessageEndingWith(": nftables comments hold at most 128 bytes; this one has 129");
        FirewallPolicy long256 = policy(Rule.allow().port(1).comment("é".repeat(128)).build());
        assertThatThrownBy(() -> IptablesRenderer.standard().render(long256, IpVersion.IPV4))
                .hasMessageEndingWith(": iptables comments hold at most 255 bytes; this one has 256");
        FirewallPolicy icmp = policy(Rule.allow().protocol(Protocol.ICMP).build());
        assertThatThrownBy(() -> UfwRenderer.standard().commands(icmp))
                .hasMessage("rule #1: ufw cannot express a icmp rule; ufw handles ICMP only in /etc/ufw/before.rules");
        FirewallPolicy out = policy(Rule.deny().out().port(25).build());
        assertThatThrownBy(() -> FirewalldRenderer.standard().zoneXml(out))
                .hasMessage("rule #1: a firewalld zone cannot express out rules, only incoming ones");
        FirewallPolicy limit = policy(Rule.limit().protocol(Protocol.TCP).port(22).build());
        assertThatThrownBy(() -> FirewalldRenderer.standard().commands(limit))
                .hasMessage("rule #1: firewalld rich rules cannot limit per source (their limit is one shared rate);"
                        + " use ufw, iptables or nftables");
        FirewallPolicy nat = VpcGateway.of(IpNetwork.parse("10.0.0.0/8"), "eth1", "eth0").addTo(FirewallPolicy.builder()).build();
        assertThatThrownBy(() -> UfwRenderer.standard().script(nat))
                .hasMessage("masquerade of 10.0.0.0/8: ufw cannot express NAT from its command line (it lives in"
                        + " /etc/ufw/before.rules); render the gateway for iptables or nftables");
        FirewallPolicy wildcard = policy(Rule.allow().inInterface("wg+").build());
        assertThatThrownBy(() -> UfwRenderer.standard().commands(wildcard))
                .hasMessage("rule #1: ufw cannot express an interface wildcard ('+')");
        assertThatThrownBy(() -> IptablesRenderer.standard().withChainPrefix("a-very-long-chain-prefix"))
                .hasMessage("iptables chain prefix: iptables chain name 'a-very-long-chain-prefix-forward' is not 1 to 28"
                        + " characters of [A-Za-z0-9_.-] (not starting with '.' or '-', not a built-in chain or target)");
        assertThatThrownBy(() -> NftablesRenderer.standard().withTableName("bad name"))
                .hasMessage("nftables table: nftables table name 'bad name' is not a letter followed by at most 63"
                        + " letters, digits or underscores");
        assertThatThrownBy(() -> FirewalldRenderer.standard().withZone("../etc"))
                .hasMessage("firewalld zone: firewalld zone name '../etc' is not 1 to 17 characters of [A-Za-z0-9_-]");
    }

    @Test
    void multiportCarriesAtMostFifteenEntriesARangeCountingTwo() {
        int[] many = new int[16];
        for (int i = 0; i < many.length; i++) {
            many[i] = 100 + 2 * i;
        }
        String v4 = IptablesRenderer.standard().render(policy(Rule.allow().protocol(Protocol.TCP).ports(Ports.of(many)).build()),
                IpVersion.IPV4);
        assertThat(v4).contains("-A bulwark-input -p tcp -m multiport --dports "
                + "100,102,104,106,108,110,112,114,116,118,120,122,124,126,128 -j ACCEPT\n"
                + "-A bulwark-input -p tcp -m tcp --dport 130 -j ACCEPT\n");
    }

    @Test
    void nestedNetworksAreMergedBecauseNftIntervalSetsRefuseOverlaps() {
        FirewallPolicy p = policy(Rule.allow().from(IpNetwork.parse("0.0.0.0/8"), IpNetwork.parse("0.0.0.0/9"),
                IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("0.0.0.0/8")).to(IpNetwork.parse("192.0.2.0/24"),
                IpNetwork.parse("192.0.2.128/25")).build());
        assertThat(NftablesRenderer.standard().render(p))
                .contains("\t\telements = { 0.0.0.0/8, 10.0.0.0/8 }\n")
                .contains("\t\tip saddr @r1_saddr_v4 ip daddr 192.0.2.0/24 accept\n");
    }

    @Test
    void defaultRejectEndsEachChainWithRejects() {
        FirewallPolicy p = FirewallPolicy.builder().defaultIncoming(Action.REJECT).build();
        assertThat(IptablesRenderer.standard().render(p, IpVersion.IPV4)).contains(":INPUT DROP [0:0]\n")
                .contains("-A INPUT -j bulwark-input\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\n-A INPUT -j REJECT --reject-with icmp-port-unreachable\n");
        assertThat(NftablesRenderer.standard().render(p)).contains(
                "\t\tmeta l4proto tcp reject with tcp reset\n\t\treject with icmpx type port-unreachable\n\t}\n");
    }

    private static FirewallPolicy policy(Rule rule) {
        return FirewallPolicy.builder().rule(rule).build();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = RenderersTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
