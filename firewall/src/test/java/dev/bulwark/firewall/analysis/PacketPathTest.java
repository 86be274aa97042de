package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Position;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Counters;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kernel's path as the analysis walks it: notrack before conntrack, NAT in any chain, the
 * routing decision, FORWARD, several base chains on one hook, verdict maps and set lookups, and
 * the host's interfaces.
 */
class PacketPathTest {

    private static final String SS = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n";

    /** A public NIC, a private NIC, a VPN and a container bridge. */
    static final HostInterfaces HOST = HostInterfaces.of(List.of(
            new HostInterface("eth0", InterfaceClass.PUBLIC, List.of(IpAddresses.parse("203.0.113.5")),
                    List.of(IpNetwork.parse("203.0.113.0/24"))),
            new HostInterface("eth1", InterfaceClass.PRIVATE, List.of(IpAddresses.parse("192.168.50.1")),
                    List.of(IpNetwork.parse("192.168.50.0/24"))),
            new HostInterface("wg0", InterfaceClass.VPN, List.of(IpAddresses.parse("10.8.0.1")),
                    List.of(IpNetwork.parse("10.8.0.0/24"))),
            new HostInterface("docker0", InterfaceClass.CONTAINER, List.of(IpAddresses.parse("172.17.0.1")),
                    List.of(IpNetwork.parse("172.17.0.0/16")))));

    private static SocketTable listening(int... ports) {
        StringBuilder b = new StringBuilder(SS);
        for (int p : ports) {
            b.append("tcp LISTEN 0 128 0.0.0.0:").append(p).append(" 0.0.0.0:*\n");
        }
        return SocketTable.parse(b.toString());
    }

    private static Ruleset v4(String save) {
        return IptablesSave.parse(save);
    }

    @Test
    void notrackedConnectionsAcceptedAsUntrackedAreReachable() {
        Ruleset r = v4("*raw\n:PREROUTING ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 8000 -j CT --notrack\nCOMMIT\n"
                + "*filter\n:INPUT DROP\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
                + "-A INPUT -m conntrack --ctstate UNTRACKED -j ACCEPT\nCOMMIT\n");
        ExposureResult e = ExposureAnalysis.analyze(r, listening(8000, 22), HOST);
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.PUBLIC);
        assertThat(e.sockets().get(1).level()).isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void notrackAfterConntrackHasNoEffect() {
        Ruleset r = Ruleset.of(List.of(new Table(Family.INET, "t", List.of(
                base("late", Hook.PREROUTING, "filter", 0, Policy.ACCEPT, rule(new Target.NoTrack())),
                base("input", Hook.INPUT, "filter", 0, Policy.DROP,
                        rule(new Target.Accept(), new Match.State(false, EnumSet.of(Match.CtState.UNTRACKED))))))));
        assertThat(ExposureAnalysis.analyze(r, listening(8000), HOST).sockets().get(0).level()).isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void aDnatInAChainOfAnyNameForwardsThePortToAnotherMachine() {
        Ruleset r = v4("*nat\n:PREROUTING ACCEPT\n:PORTFWD - [0:0]\n-A PREROUTING -j PORTFWD\n"
                + "-A PORTFWD -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.50.10:80\nCOMMIT\n"
                + "*filter\n:INPUT DROP\n:FORWARD DROP\n-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
                + "-A FORWARD -m conntrack --ctstate DNAT -j ACCEPT\nCOMMIT\n");
        ExposureResult e = ExposureAnalysis.analyze(r, listening(22), HOST);
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.INTERNAL);
        assertThat(e.forwarded()).hasSize(1);
        ForwardedExposure f = e.forwarded().get(0);
        assertThat(f.toString()).isEqualTo("8080/tcp forwarded to 192.168.50.10:80 by <string>:5:1, reachable from anyone");
        assertThat(f.ports()).isEqualTo(PortRange.of(8080));
        assertThat(f.via()).extracting(InterfaceReach::toString).containsExactly(
                "public via eth0 from [0.0.0.0/0]", "closed on eth1", "closed on wg0", "closed on docker0");
    }

    @Test
    void aRedirectBringsConnectionsToAnotherLocalPort() {
        Ruleset r = v4("*nat\n:PREROUTING ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080\nCOMMIT\n"
                + "*filter\n:INPUT DROP\n-A INPUT -p tcp -m tcp --dport 8080 -j ACCEPT\nCOMMIT\n");
        ExposureResult e = ExposureAnalysis.analyze(r, listening(8080, 80), HOST);
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.PUBLIC);
        assertThat(e.sockets().get(0).notes()).anySatisfy(n -> assertThat(n).startsWith(
                "also reached by connections to tcp/80 that <string>:3:1"));
        // direct connections to 80 never reach the socket on 80: they are redirected
        assertThat(e.sockets().get(1).level()).isEqualTo(Exposure.INTERNAL);
        assertThat(e.forwarded()).extracting(ForwardedExposure::toString).containsExactly(
                "80/tcp redirected to this host's port 8080 by <string>:3:1, reachable from anyone");
    }

    @Test
    void aServiceOpenOnlyOnTheVpnIsPrivateAndSaysWhereItIsClosed() {
        Ruleset r = v4("*filter\n:INPUT DROP\n-A INPUT -s 10.8.0.0/24 -i wg0 -p tcp -m tcp --dport 9100 -j ACCEPT\n"
                + "-A INPUT -i eth1 -p tcp -m tcp --dport 9100 -j ACCEPT\nCOMMIT\n");
        SocketExposure s = ExposureAnalysis.analyze(r, listening(9100), HOST).sockets().get(0);
        assertThat(s.level()).isEqualTo(Exposure.PRIVATE);
        assertThat(s.toString()).isEqualTo("tcp 0.0.0.0:9100 private via eth1 from [0.0.0.0/0], wg0 from [10.8.0.0/24];"
                + " closed on eth0, docker0");
    }

    @Test
    void withoutAnInterfaceMapNamesAreClassedByConventionAndSaidSo() {
        Ruleset r = v4("*filter\n:INPUT DROP\n-A INPUT -i tun0 -j ACCEPT\nCOMMIT\n");
        ExposureResult e = ExposureAnalysis.analyze(r, listening(5000), HostInterfaces.conventional());
        assertThat(e.sockets().get(0).toString()).isEqualTo("tcp 0.0.0.0:5000 private via tun0 from [0.0.0.0/0];"
                + " closed on any other interface");
        assertThat(e.assumptions()).anySatisfy(a -> assertThat(a).startsWith("no interface map was given"));
    }

    @Test
    void everyBaseChainOnAHookMustAcceptInPriorityOrder() {
        Table a = new Table(Family.INET, "a", List.of(base("in", Hook.INPUT, "filter", 0, Policy.ACCEPT,
                rule(new Target.Accept()))));
        Table b = new Table(Family.IPV4, "b", List.of(base("in", Hook.INPUT, "filter", 10, Policy.ACCEPT,
                rule(new Target.Drop(), ports(22)))));
        ExposureResult e = ExposureAnalysis.analyze(new Ruleset(List.of(a, b), List.of()), listening(22, 80), HOST);
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.INTERNAL);
        assertThat(e.sockets().get(1).level()).isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void verdictMapsDecideLikeTheRulesTheyStandFor() {
        Target ct = new Target.VerdictMap("ct state", List.of(
                new Target.VerdictMap.Entry(List.of(new Match.State(false, EnumSet.of(Match.CtState.ESTABLISHED))), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(new Match.State(false, EnumSet.of(Match.CtState.INVALID))), new Target.Drop())));
        Target ports = new Target.VerdictMap("tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(ports(22)), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(ports(23)), new Target.Drop())));
        Ruleset r = Ruleset.of(List.of(new Table(Family.INET, "f", List.of(base("input", Hook.INPUT, "filter", 0, Policy.DROP,
                rule(ct), rule(ports), rule(new Target.Accept(), ports(23)))))));
        ExposureResult e = ExposureAnalysis.analyze(r, listening(22, 23, 24), HOST);
        assertThat(e.sockets()).extracting(SocketExposure::level).containsExactly(Exposure.PUBLIC, Exposure.INTERNAL,
                Exposure.INTERNAL);
    }

    @Test
    void concatenatedSetLookupsMatchTheirTuplesExactly() {
        Match set = new Match.AnyOf(false, List.of(
                List.of(new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("10.0.0.1/32")), ports(5432)),
                List.of(new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("10.0.0.2/32")), ports(80))));
        Ruleset r = Ruleset.of(List.of(new Table(Family.INET, "f", List.of(base("input", Hook.INPUT, "filter", 0, Policy.DROP,
                rule(new Target.Accept(), new Match.Proto(false, "tcp"), set))))));
        ExposureResult e = ExposureAnalysis.analyze(r, listening(5432, 80, 22), HOST);
        assertThat(e.sockets()).extracting(SocketExposure::sources).containsExactly(
                List.of(IpNetwork.parse("10.0.0.1/32")), List.of(IpNetwork.parse("10.0.0.2/32")), List.of());
    }

    @Test
    void aNegatedInterfaceSetAdmitsEveryOtherInterface() {
        Match notInternal = new Match.AnyOf(true, List.of(List.of(new Match.Iface(true, false, "eth1")),
                List.of(new Match.Iface(true, false, "wg0"))));
        Ruleset r = Ruleset.of(List.of(new Table(Family.INET, "f", List.of(base("input", Hook.INPUT, "filter", 0, Policy.ACCEPT,
                rule(new Target.Drop(), notInternal))))));
        SocketExposure s = ExposureAnalysis.analyze(r, listening(6379), HOST).sockets().get(0);
        assertThat(s.level()).isEqualTo(Exposure.PRIVATE);
        assertThat(s.via()).extracting(InterfaceReach::iface, InterfaceReach::closed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("eth0", true), org.assertj.core.groups.Tuple.tuple("eth1", false),
                org.assertj.core.groups.Tuple.tuple("wg0", false), org.assertj.core.groups.Tuple.tuple("docker0", true));
    }

    @Test
    void undecidableAcceptsSayWhyTheyAreAssumedReachable() {
        Ruleset r = v4("*filter\n:INPUT DROP\n-A INPUT -p tcp -m tcp --dport 22 -m limit --limit 3/min -j ACCEPT\nCOMMIT\n");
        SocketExposure s = ExposureAnalysis.analyze(r, listening(22), HOST).sockets().get(0);
        assertThat(s.level()).isEqualTo(Exposure.PUBLIC);
        assertThat(s.notes()).contains("assumed reachable because it depends on a rate limit (<string>:3:1: "
                + "'-A INPUT -p tcp -m tcp --dport 22 -m limit --limit 3/min -j ACCEPT')");
    }

    @Test
    void aDnatTargetWhoseLocalityIsUnknownIsTakenBothWays() {
        Ruleset r = v4("*nat\n:PREROUTING ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 2222 -j DNAT --to-destination 198.51.100.9:22\nCOMMIT\n"
                + "*filter\n:INPUT ACCEPT\n:FORWARD DROP\nCOMMIT\n");
        ExposureResult e = ExposureAnalysis.analyze(r, listening(22), HostInterfaces.conventional());
        // 198.51.100.9 may be this host's own address: then connections to 2222 reach the socket on 22
        assertThat(e.sockets().get(0).notes()).anySatisfy(n -> assertThat(n).startsWith("also reached by connections to tcp/2222"));
        // to another machine FORWARD drops it; to this host INPUT accepts it
        assertThat(e.forwarded()).extracting(ForwardedExposure::toHost, ForwardedExposure::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(false, Exposure.INTERNAL), org.assertj.core.groups.Tuple.tuple(true, Exposure.PUBLIC));
    }

    @Test
    void ingressChainsDropOnlyOnTheirDevices() {
        Chain ingress = new Chain("ing", "filter", Optional.of(Hook.INGRESS), -500, Optional.of(Policy.ACCEPT), Counters.ZERO,
                List.of(rule(new Target.Drop(), new Match.Addr(Match.Side.SOURCE, true, IpNetwork.parse("192.0.2.0/24")))),
                List.of("eth0"));
        Ruleset r = Ruleset.of(List.of(new Table(Family.NETDEV, "n", List.of(ingress)),
                new Table(Family.INET, "f", List.of(base("input", Hook.INPUT, "filter", 0, Policy.ACCEPT)))));
        SocketExposure s = ExposureAnalysis.analyze(r, listening(443), HOST).sockets().get(0);
        assertThat(s.via().get(0).sources()).containsExactly(IpNetwork.parse("192.0.2.0/24"));
        assertThat(s.via().get(1).sources()).containsExactly(IpNetwork.parse("0.0.0.0/0"));
    }

    @Test
    void kubeProxyNodePortsAreForwardedToTheirPods() throws java.io.IOException {
        Ruleset r;
        try (java.io.InputStream in = PacketPathTest.class.getResourceAsStream("iptables-save-kube.txt")) {
            r = IptablesSave.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        ExposureResult e = ExposureAnalysis.analyze(r, listening(30080), HOST);
        // kube-proxy's NodePort: PREROUTING -> KUBE-SERVICES -> (local destination) KUBE-NODEPORTS -> KUBE-SVC -> KUBE-SEP DNAT
        assertThat(e.forwarded()).extracting(ForwardedExposure::toString).contains(
                "30080/tcp forwarded to 10.244.1.5:80 by <string>:20:1, reachable from anyone");
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.PUBLIC);
    }

    private static Match.Ports ports(int p) {
        return new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(p)));
    }

    private static Rule rule(Target t, Match... matches) {
        return new Rule(new Position("test", 1, 1), List.of(matches), t, Optional.empty(), t.toString());
    }

    private static Chain base(String name, Hook hook, String type, int priority, Policy policy, Rule... rules) {
        return new Chain(name, type, Optional.of(hook), priority, Optional.of(policy), Counters.ZERO, new ArrayList<>(List.of(rules)));
    }
}
