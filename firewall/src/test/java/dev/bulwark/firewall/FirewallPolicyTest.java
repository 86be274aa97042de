package dev.bulwark.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FirewallPolicyTest {

    private static final IpNetwork OFFICE = IpNetwork.parse("192.0.2.0/24");
    private static final InetAddress HOST = IpAddresses.parse("203.0.113.1");

    @Test
    void defaultsAreIncomingDenyOutgoingAllowRoutedDeny() {
        FirewallPolicy p = FirewallPolicy.builder().build();
        assertThat(p.defaultIncoming()).isEqualTo(Action.DENY);
        assertThat(p.defaultOutgoing()).isEqualTo(Action.ALLOW);
        assertThat(p.defaultRouted()).isEqualTo(Action.DENY);
        assertThat(p.rules()).isEmpty();
        assertThat(p.toString()).isEqualTo("default incoming deny, outgoing allow, routed deny");
    }

    @Test
    void serviceKindsDecideWhoReachesWhat() {
        FirewallPolicy p = FirewallPolicy.builder()
                .publicService("https", Protocol.TCP, Ports.of(443))
                .privateService("ssh", Ports.of(22), List.of(OFFICE))
                .internalService("postgres", Ports.of(5432))
                .build();
        InetAddress stranger = IpAddresses.parse("198.51.100.7");
        InetAddress colleague = IpAddresses.parse("192.0.2.44");
        assertThat(p.reaches(stranger, HOST, Protocol.TCP, 443, "eth0")).isTrue();
        assertThat(p.reaches(stranger, HOST, Protocol.TCP, 22, "eth0")).isFalse();
        assertThat(p.reaches(colleague, HOST, Protocol.TCP, 22, "eth0")).isTrue();
        assertThat(p.reaches(colleague, HOST, Protocol.TCP, 5432, "eth0")).isFalse();
        assertThat(p.reaches(IpAddresses.parse("127.0.0.1"), IpAddresses.parse("127.0.0.1"), Protocol.TCP, 5432, "lo"))
                .isTrue();
        assertThat(p.reaches(stranger, HOST, Protocol.UDP, 443, "eth0")).isFalse();
        assertThat(p.toString()).isEqualTo("default incoming deny, outgoing allow, routed deny\n"
                + "1. allow in tcp from any to any port 443 # https\n"
                + "2. allow in ipv4 tcp from [192.0.2.0/24] to any port 22 # ssh\n"
                + "3. deny in any from any to any port 5432 # postgres");
    }

    @Test
    void essentialIcmpIsAlwaysAllowedAndFirstMatchWins() {
        FirewallPolicy p = FirewallPolicy.builder()
                .rule(Rule.deny().protocol(Protocol.TCP).port(80).from(OFFICE).build())
                .rule(Rule.allow().protocol(Protocol.TCP).port(80).build())
                .build();
        assertThat(p.verdict(Packet.incoming(IpAddresses.parse("192.0.2.9"), HOST, Protocol.TCP, 80, "eth0")))
                .isEqualTo(Action.DENY);
        assertThat(p.verdict(Packet.incoming(IpAddresses.parse("192.0.3.9"), HOST, Protocol.TCP, 80, "eth0")))
                .isEqualTo(Action.ALLOW);
        assertThat(p.verdict(Packet.incoming(IpAddresses.parse("192.0.3.9"), HOST, Protocol.ICMP, 8, "eth0")))
                .isEqualTo(Action.ALLOW);
        assertThat(p.verdict(Packet.incoming(IpAddresses.parse("192.0.3.9"), HOST, Protocol.ICMP, 13, "eth0")))
                .isEqualTo(Action.DENY);
    }

    @Test
    void sameMatchWithOtherActionIsAContradiction() {
        assertThatThrownBy(() -> FirewallPolicy.builder()
                .rule(Rule.allow().protocol(Protocol.TCP).port(80).comment("web").build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(80).build())
                .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #2 contradicts rule #1 'web': both match the same traffic, one says allow and the other deny");
    }

    @Test
    void aContradictionBehindACoveringRuleIsStillFound() {
        assertThatThrownBy(() -> FirewallPolicy.builder()
                .rule(Rule.allow().port(80).build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(80).from(OFFICE).build())
                .rule(Rule.allow().protocol(Protocol.TCP).port(80).from(OFFICE).build())
                .build())
                .hasMessage("rule #3 contradicts rule #2: both match the same traffic, one says deny and the other allow");
    }

    @Test
    void checkingManyRulesFindsCoverageThroughTheIndex() {
        FirewallPolicyBuilder b = FirewallPolicy.builder().rule(Rule.deny().from(IpNetwork.parse("10.0.0.0/8")).build());
        for (int i = 0; i < 20_000; i++) {
            b.rule(Rule.allow().protocol(Protocol.TCP).port(1 + i % 60_000)
                    .from(IpNetwork.parse("10." + (i >> 8 & 255) + "." + (i & 255) + ".0/24")).build());
        }
        FirewallPolicy p = b.rule(Rule.allow().protocol(Protocol.TCP).port(7).from(IpNetwork.parse("10.0.6.0/25")).build())
                .build();
        assertThat(p.warnings()).hasSize(20_001);
        assertThat(p.warnings().get(20_000).message()).isEqualTo("it never takes effect: rule #1 denies all its traffic first");
    }

    @Test
    void openingAnInternalServiceIsAContradiction() {
        assertThatThrownBy(() -> FirewallPolicy.builder()
                .internalService("postgres", Ports.of(5432))
                .rule(Rule.allow().protocol(Protocol.TCP).ports(Ports.range(5000, 6000)).comment("apps").build())
                .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #2 'apps' opens ports 5432 of internal service 'postgres', which only this machine may reach");
    }

    @Test
    void openingAPrivateServiceBeyondItsNetworksIsAContradiction() {
        assertThatThrownBy(() -> FirewallPolicy.builder()
                .privateService("ssh", Ports.of(22), List.of(OFFICE))
                .rule(Rule.allow().protocol(Protocol.TCP).port(22).from(IpNetwork.parse("0.0.0.0/0")).build())
                .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule #2 opens ports 22 of private service 'ssh' to [0.0.0.0/0], beyond its allowed networks [192.0.2.0/24]");
        assertThatThrownBy(() -> FirewallPolicy.builder().defaultIncoming(Action.ALLOW)
                .privateService("ssh", Ports.of(22), List.of(OFFICE)).build())
                .hasMessage("private service 'ssh' needs default incoming deny or reject; with allow it is reachable from everywhere");
        assertThatThrownBy(() -> FirewallPolicy.builder()
                .publicService("web", Protocol.TCP, Ports.of(8080))
                .privateService("admin", Ports.range(8000, 8100), List.of(OFFICE)).build())
                .hasMessage("private service 'admin' contradicts public service 'web': they share ports 8000-8100");
    }

    @Test
    void shadowedAndRedundantRulesAreWarnings() {
        FirewallPolicy p = FirewallPolicy.builder()
                .rule(Rule.allow().protocol(Protocol.TCP).ports(Ports.range(1000, 2000)).comment("range").build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(1500).from(OFFICE).build())
                .rule(Rule.allow().protocol(Protocol.TCP).port(1600).build())
                .build();
        List<String> ids = p.warnings().stream().map(Finding::id).collect(Collectors.toList());
        assertThat(ids).containsExactly("firewall.rule-shadowed", "firewall.rule-redundant");
        assertThat(p.warnings().get(0).toString()).isEqualTo("MEDIUM firewall.rule-shadowed [rule #2] it never takes"
                + " effect: rule #1 'range' allows all its traffic first -> move rule #2 before rule #1 'range' or remove it");
        assertThat(p.warnings().get(1).message()).isEqualTo("it matches only traffic that rule #1 'range' already allows");
    }

    @Test
    void rulesRefuseWhatNoBackendCouldMean() {
        assertThatThrownBy(() -> Rule.allow().protocol(Protocol.ICMP).port(8).build())
                .hasMessage("rule: ports need tcp or udp, not icmp");
        assertThatThrownBy(() -> Rule.allow().in().outInterface("eth0").build())
                .hasMessage("rule: an incoming rule has no out interface");
        assertThatThrownBy(() -> Rule.allow().inInterface("eth0;reboot").build())
                .hasMessage("rule: interface name 'eth0;reboot' is not 1 to 15 characters of [A-Za-z0-9_.+-]");
        assertThatThrownBy(() -> Rule.allow().comment("a\nb").build())
                .hasMessage("rule comment contains a control character (U+000A) at index 1; comments are one line of text");
        assertThatThrownBy(() -> Rule.allow().protocol(Protocol.ICMPV6).from(OFFICE).build())
                .hasMessage("rule: its sources [192.0.2.0/24], destinations [], protocol icmpv6 and versions (any)"
                        + " leave no IP version in common");
    }

    @Test
    void validationMessagesNeverCarryControlCharacters() {
        assertThatThrownBy(() -> Rule.allow().inInterface("eth0\nreboot").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule: interface name contains a control character (U+000A) at index 4");
        assertThatThrownBy(() -> new Masquerade(OFFICE, "eth0\r"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("masquerade of 192.0.2.0/24: interface name contains a control character (U+000D) at index 4");
        assertThatThrownBy(() -> Rule.allow().protocol(Protocol.ICMPV6).from(OFFICE).comment("x\ny").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rule comment contains a control character (U+000A) at index 1; comments are one line of text");
        assertThatThrownBy(() -> FirewallPolicy.builder().defaultIncoming(Action.LIMIT))
                .hasMessage("default incoming policy cannot be limit; use allow, deny or reject");
    }

    @Test
    void versionsFollowTheNetworksAndProtocol() {
        assertThat(Rule.allow().from(OFFICE).build().versions()).containsExactly(IpVersion.IPV4);
        assertThat(Rule.allow().protocol(Protocol.ICMPV6).build().versions()).containsExactly(IpVersion.IPV6);
        assertThat(Rule.allow().build().versions()).containsExactly(IpVersion.IPV4, IpVersion.IPV6);
        assertThat(Rule.allow().from(OFFICE, IpNetwork.parse("2001:db8::/32")).build().versions())
                .containsExactly(IpVersion.IPV4, IpVersion.IPV6);
    }

    @Test
    void portsAreSortedMergedAndChunkedForMultiport() {
        Ports p = Ports.of(443, 80, 81, 82, 22);
        assertThat(p.toString()).isEqualTo("22,80-82,443");
        assertThat(p).isEqualTo(new Ports(List.of(dev.bulwark.core.net.PortRange.of(80, 82),
                dev.bulwark.core.net.PortRange.of(22), dev.bulwark.core.net.PortRange.of(443))));
        int[] many = new int[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = 1000 + 2 * i;
        }
        assertThat(Ports.of(many).chunks(15)).extracting(x -> x.ranges().size()).containsExactly(15, 5);
        assertThat(new Ports(List.of(dev.bulwark.core.net.PortRange.of(1, 2), dev.bulwark.core.net.PortRange.of(4, 5)))
                .chunks(3)).hasSize(2);
    }

    @Test
    void gatewayAddsForwardRuleMasqueradeAndSysctl() {
        VpcGateway gw = VpcGateway.of(IpNetwork.parse("10.10.0.0/16"), "ens4", "ens3");
        FirewallPolicy p = gw.addTo(FirewallPolicy.builder()).build();
        assertThat(p.rules()).containsExactly(gw.forwardRule());
        assertThat(p.masquerades()).containsExactly(new Masquerade(IpNetwork.parse("10.10.0.0/16"), "ens3"));
        assertThat(gw.sysctlCommand()).containsExactly("sysctl", "-w", "net.ipv4.ip_forward=1");
        assertThat(gw.sysctlConf()).isEqualTo("# NAT gateway of 10.10.0.0/16 (Bulwark)\nnet.ipv4.ip_forward = 1\n");
        Packet out = new Packet(Direction.ROUTED, IpAddresses.parse("10.10.3.4"), IpAddresses.parse("198.51.100.1"),
                Protocol.TCP, 443, java.util.Optional.of("ens4"), java.util.Optional.of("ens3"));
        Packet in = new Packet(Direction.ROUTED, IpAddresses.parse("198.51.100.1"), IpAddresses.parse("10.10.3.4"),
                Protocol.TCP, 22, java.util.Optional.of("ens3"), java.util.Optional.of("ens4"));
        assertThat(p.verdict(out)).isEqualTo(Action.ALLOW);
        assertThat(p.verdict(in)).isEqualTo(Action.DENY);
    }
}
