package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lowering of {@code nft -j list ruleset} into the ruleset model, feature by feature, on real
 * captures: each {@code parse/nft/NAME.nft} was loaded with {@code nft -f} into a network
 * namespace (nftables 1.0.6) and {@code NAME.json} / {@code NAME.txt} are its {@code nft -j list
 * ruleset} and {@code nft list ruleset}.
 */
class NftJsonLoweringTest {

    static final Match IPV4 = new Match.Meta("nfproto", false, List.of("ipv4"));
    static final Match IPV6 = new Match.Meta("nfproto", false, List.of("ipv6"));
    static final Match TCP = new Match.Proto(false, "tcp");
    static final Match UDP = new Match.Proto(false, "udp");

    static Ruleset capture(String name) {
        return NftJson.parse(Resources.text("nft/" + name + ".json"), name + ".json");
    }

    static List<Rule> rules(String capture, Family family, String table, String chain) {
        return capture(capture).table(family, table).orElseThrow().chain(chain).orElseThrow().rules();
    }

    static Match addr(Match.Side side, boolean negated, String... networks) {
        return new Match.Addr(side, negated, java.util.Arrays.stream(networks).map(IpNetwork::parse).collect(Collectors.toList()));
    }

    static Match dport(boolean negated, PortRange... ranges) {
        return new Match.Ports(Match.Side.DESTINATION, negated, List.of(ranges));
    }

    static Match dport(int port) {
        return dport(false, PortRange.of(port));
    }

    static List<List<Match>> alternatives(Match... each) {
        return java.util.Arrays.stream(each).map(List::of).collect(Collectors.toList());
    }

    @Test
    void readsBaseChainsOfEveryFamilyHookAndPriorityWithTheirPolicies() {
        Ruleset r = capture("chains-hooks-priorities");
        assertThat(r.tables()).extracting(Table::toString).containsExactly("ip t4 (11 chains, 6 rules)",
                "ip6 t6 (1 chains, 0 rules)", "inet ti (2 chains, 4 rules)", "netdev tn (2 chains, 1 rules)",
                "arp ta (1 chains, 0 rules)", "bridge tb (3 chains, 0 rules)");
        assertThat(r.table(Family.IPV4, "t4").orElseThrow().chains()).extracting(Chain::toString).containsExactly(
                "raw_pre (filter hook prerouting priority -300 policy ACCEPT), 0 rules",
                "mangle_pre (filter hook prerouting priority -145 policy ACCEPT), 0 rules",
                "nat_pre (nat hook prerouting priority -100 policy ACCEPT), 0 rules",
                "in_early (filter hook input priority -1 policy ACCEPT), 0 rules",
                "input_c (filter hook input priority 0 policy DROP), 2 rules",
                "forward_c (filter hook forward priority 50 policy DROP), 0 rules",
                "output_c (route hook output priority -123 policy ACCEPT), 0 rules",
                "nat_out (nat hook output priority -100 policy ACCEPT), 0 rules",
                "nat_post (nat hook postrouting priority 110 policy ACCEPT), 0 rules",
                "user, 3 rules", "user2, 1 rules");
        assertThat(r.table(Family.BRIDGE, "tb").orElseThrow().chains()).extracting(Chain::priority).containsExactly(-300, -200, 300);
        assertThat(r.table(Family.INET, "ti").orElseThrow().chain("ing").orElseThrow().hook()).contains(Hook.INGRESS);
        Chain egress = r.table(Family.NETDEV, "tn").orElseThrow().chain("egr").orElseThrow();
        assertThat(egress.isBase()).as("egress only sees outgoing packets: no hook of the model").isFalse();
        assertThat(egress.policy()).isEmpty();
        assertThat(r.table(Family.NETDEV, "tn").orElseThrow().chain("ing").orElseThrow().rules().get(0).matches())
                .containsExactly(IPV4, addr(Match.Side.SOURCE, false, "192.0.2.1/32"));
        assertThat(r.rulesNotUnderstood()).as("a continuing Target.Other still counts as not understood")
                .extracting(Rule::notUnderstood).containsExactly(List.of("CT {\"ct helper\":\"ftp\"}"));
    }

    @Test
    void lowersJumpGotoReturnAndContinue() {
        assertThat(rules("chains-hooks-priorities", Family.IPV4, "t4", "input_c")).extracting(Rule::target)
                .containsExactly(new Target.Jump("user"), new Target.Goto("user2"));
        assertThat(rules("chains-hooks-priorities", Family.IPV4, "t4", "user")).extracting(Rule::target)
                .containsExactly(new Target.Return(), new Target.None(), new Target.Accept());
    }

    @Test
    void resolvesNamedCountersQuotasAndLimitsAndKeepsCtHelpersAsContinuingTargets() {
        List<Rule> rules = rules("chains-hooks-priorities", Family.INET, "ti", "forward_c");
        assertThat(rules.get(0).matches()).isEmpty();
        assertThat(rules.get(0).target()).isEqualTo(new Target.None());
        assertThat(rules.get(1).matches()).containsExactly(new Match.Meta("quota", true, List.of("104857600 bytes")));
        assertThat(rules.get(2).matches()).containsExactly(new Match.Limit(false, "10/second", 5));
        assertThat(rules.get(3).target()).isEqualTo(new Target.Other("CT", List.of("{\"ct helper\":\"ftp\"}")));
    }

    @Test
    void readsNamedSetsAndMapsWithTypesFlagsTimeoutsAndElements() {
        Table t = capture("named-sets").table(Family.INET, "f").orElseThrow();
        assertThat(t.set("admins4").orElseThrow()).isEqualTo(new NamedSet("admins4", List.of("ipv4_addr"), false,
                Set.of("interval"), Optional.empty(), List.of("10.20.0.0/24", "192.0.2.7", "198.51.100.10-198.51.100.20"), false));
        assertThat(t.set("admins6").orElseThrow().flags()).containsExactlyInAnyOrder("constant", "interval");
        assertThat(t.set("svc").orElseThrow().type()).containsExactly("ipv4_addr", "inet_service");
        assertThat(t.set("svc").orElseThrow().elements()).containsExactly("10.0.0.1 . 22", "10.0.0.2 . 80");
        assertThat(t.set("typed").orElseThrow().type()).as("typeof comes out as its types").containsExactly("ipv4_addr", "inet_service");
        assertThat(t.set("banned").orElseThrow()).isEqualTo(new NamedSet("banned", List.of("ipv4_addr"), false,
                Set.of("timeout"), Optional.of(Duration.ofHours(1)), List.of("203.0.113.5"), true));
        assertThat(t.set("seen").orElseThrow().dynamic()).as("filled by 'add @seen'").isTrue();
        assertThat(t.set("flood").orElseThrow().dynamic()).as("filled by 'update @flood'").isTrue();
        assertThat(t.set("empty4").orElseThrow().dynamic()).isFalse();
        assertThat(t.set("portmap").orElseThrow()).isEqualTo(new NamedSet("portmap", List.of("inet_service"), true, Set.of(),
                Optional.empty(), List.of("22 : accept", "23 : drop", "8080 : jump web"), false));
        assertThat(t.set("dnatmap").orElseThrow().elements()).containsExactly("192.0.2.80 : 10.0.0.80");
    }

    @Test
    void resolvesFixedNamedSetsIntoTheirElementsAndKeepsDynamicOnesAsSetMatches() {
        List<Rule> rules = rules("named-sets", Family.INET, "f", "input_c");
        Match admins4 = addr(Match.Side.SOURCE, false, "10.20.0.0/24", "192.0.2.7/32", "198.51.100.10/31",
                "198.51.100.12/30", "198.51.100.16/30", "198.51.100.20/32");
        assertThat(rules.get(0).matches()).containsExactly(IPV4, admins4, TCP, dport(22));
        assertThat(rules.get(1).matches()).containsExactly(IPV6, addr(Match.Side.SOURCE, false, "2001:db8::1/128", "fd00:20::/64"),
                TCP, dport(22));
        assertThat(rules.get(2).matches()).containsExactly(IPV4, addr(Match.Side.SOURCE, true, "10.20.0.0/24", "192.0.2.7/32",
                "198.51.100.10/31", "198.51.100.12/30", "198.51.100.16/30", "198.51.100.20/32"), TCP, dport(2222));
        assertThat(rules.get(3).matches()).containsExactly(TCP,
                dport(false, PortRange.of(80), PortRange.of(443), PortRange.of(8000, 8080)));
        assertThat(rules.get(4).matches()).containsExactly(new Match.AnyOf(false,
                alternatives(new Match.Iface(true, false, "wg0"), new Match.Iface(true, false, "eth0"))));
        assertThat(rules.get(5).matches()).containsExactly(IPV4, TCP, new Match.AnyOf(false, List.of(
                List.of(addr(Match.Side.SOURCE, false, "10.0.0.1/32"), dport(22)),
                List.of(addr(Match.Side.SOURCE, false, "10.0.0.2/32"), dport(80)))));
        assertThat(rules.get(6).matches()).containsExactly(IPV4, TCP, new Match.AnyOf(false, List.of(
                List.of(addr(Match.Side.SOURCE, false, "10.1.0.0/16"), dport(false, PortRange.of(1000, 2000))))));
        assertThat(rules.get(8).matches()).as("an empty set: taken both ways")
                .containsExactly(IPV4, new Match.IpSet(false, "empty4", List.of("src")));
        assertThat(rules.get(9).matches()).containsExactly(IPV4, new Match.IpSet(false, "banned", List.of("src")));
        assertThat(rules.get(10).matches()).containsExactly(IPV4, new Match.IpSet(false, "seen", List.of("src")));
        assertThat(rules.get(11).target()).isEqualTo(new Target.Other("SET",
                List.of("{\"set\":{\"op\":\"add\",\"elem\":{\"payload\":{\"protocol\":\"ip\",\"field\":\"saddr\"}},\"set\":\"@seen\"}}")));
        assertThat(rules.get(11).matches()).as("'add @seen { ip saddr }' only sees IPv4").containsExactly(TCP, dport(22), IPV4);
        assertThat(rules.get(12).matches()).hasSize(4).startsWith(TCP, dport(22), IPV4);
        assertThat(rules.get(12).matches().get(3)).isInstanceOfSatisfying(Match.HashLimit.class, h -> {
            assertThat(h.name()).isEqualTo("flood");
            assertThat(h.rate()).isEqualTo("10/second");
            assertThat(h.above()).isTrue();
        });
        assertThat(rules.get(12).target()).isEqualTo(new Target.Drop());
        assertThat(rules.get(13).matches()).containsExactly(TCP);
        assertThat(rules.get(13).target()).isEqualTo(new Target.VerdictMap("tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(dport(22)), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(dport(23)), new Target.Drop()),
                new Target.VerdictMap.Entry(List.of(dport(8080)), new Target.Jump("web")))));
        assertThat(rules.get(14).matches().get(3)).isInstanceOfSatisfying(Match.HashLimit.class, h -> {
            assertThat(h.name()).isEqualTo("dnsflood");
            assertThat(h.above()).isFalse();
        });
        assertThat(rules("named-sets", Family.INET, "f", "pre").get(0).target()).isEqualTo(new Target.VerdictMap("ip daddr",
                List.of(new Target.VerdictMap.Entry(List.of(addr(Match.Side.DESTINATION, false, "192.0.2.80/32")),
                        new Target.Nat("DNAT", Optional.of("10.0.0.80"))))));
    }

    @Test
    void lowersAddressesPortsAndProtocolsInEveryForm() {
        List<Rule> rules = rules("addresses-ports-protocols", Family.INET, "f", "input_c");
        assertThat(rules.get(0).matches()).containsExactly(IPV4, addr(Match.Side.SOURCE, false, "10.0.0.0/8"));
        assertThat(rules.get(2).matches()).containsExactly(IPV4, new Match.AddrRange(Match.Side.SOURCE, false,
                IpAddresses.parse("10.0.0.1"), IpAddresses.parse("10.0.0.9")));
        assertThat(rules.get(3).matches()).containsExactly(IPV4, new Match.AddrRange(Match.Side.SOURCE, true,
                IpAddresses.parse("10.0.0.1"), IpAddresses.parse("10.0.0.9")));
        assertThat(rules.get(4).matches()).as("a range inside a set becomes its exact networks").containsExactly(IPV4,
                addr(Match.Side.SOURCE, false, "10.1.0.0/16", "10.2.0.1/32", "10.3.0.1/32", "10.3.0.2/31", "10.3.0.4/31", "10.3.0.6/32"));
        assertThat(rules.get(5).matches()).containsExactly(IPV4, addr(Match.Side.SOURCE, true, "10.4.0.0/16", "10.5.0.1/32"));
        assertThat(rules.get(7).matches()).containsExactly(IPV6, addr(Match.Side.DESTINATION, false, "2001:db8::1/128", "2001:db8::10/124"));
        assertThat(rules.get(9).matches()).containsExactly(TCP, dport(true, PortRange.of(23)));
        assertThat(rules.get(10).matches()).containsExactly(TCP,
                new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(1024, 65535))),
                dport(false, PortRange.of(80), PortRange.of(443), PortRange.of(8000, 8080)));
        assertThat(rules.get(11).matches()).containsExactly(TCP, dport(true, PortRange.of(135), PortRange.of(137, 139)));
        assertThat(rules.get(13).matches()).containsExactly(UDP, new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(67))),
                dport(68));
        assertThat(rules.subList(14, 17)).extracting(r -> r.matches().get(0)).containsExactly(
                new Match.Proto(false, "sctp"), new Match.Proto(false, "dccp"), new Match.Proto(false, "udplite"));
        assertThat(rules.get(17).matches()).as("th: no protocol implied").containsExactly(dport(5003));
        assertThat(rules.get(18).matches()).containsExactly(dport(false, PortRange.of(5004), PortRange.of(5005)));
        assertThat(rules.get(19).matches()).containsExactly(TCP, dport(false, PortRange.of(1, 1023)));
        assertThat(rules.get(20).matches()).containsExactly(TCP, dport(false, PortRange.of(60000, 65535)));
        assertThat(rules.get(22).matches()).containsExactly(new Match.Proto(false, List.of("tcp", "udp")), dport(53));
        assertThat(rules.get(23).matches()).containsExactly(new Match.Proto(true, "icmp"));
        assertThat(rules.get(24).matches()).containsExactly(new Match.Proto(false, "gre"));
        assertThat(rules.get(25).matches()).as("ip protocol only sees IPv4").containsExactly(IPV4, TCP);
        assertThat(rules.get(27).matches()).containsExactly(IPV6, UDP);
        assertThat(rules.get(28).matches()).containsExactly(IPV4);
        assertThat(rules.get(29).matches()).containsExactly(new Match.Meta("nfproto", true, List.of("ipv6")));
        assertThat(rules.get(30).matches()).as("nft names @th,0,16 th sport")
                .containsExactly(new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(22))));
        assertThat(rules.get(31).matches()).containsExactly(IPV4, new Match.Meta("ip dscp", false, List.of("cs1")));
        assertThat(capture("addresses-ports-protocols").rulesNotUnderstood()).isEmpty();
    }

    @Test
    void lowersInterfacesConntrackAndPacketAttributes() {
        List<Rule> rules = rules("interfaces-ct-meta", Family.INET, "f", "input_c");
        assertThat(rules.get(0).matches()).containsExactly(new Match.Iface(true, false, "lo"));
        assertThat(rules.get(1).matches()).containsExactly(new Match.Iface(true, true, "lo"), IPV4,
                addr(Match.Side.DESTINATION, false, "127.0.0.0/8"));
        assertThat(rules.get(4).matches()).containsExactly(new Match.Iface(true, false, "wg*"));
        assertThat(rules.get(5).matches()).containsExactly(new Match.AnyOf(false,
                alternatives(new Match.Iface(true, false, "v0"), new Match.Iface(true, false, "wg*"))));
        assertThat(rules.get(6).matches()).containsExactly(new Match.AnyOf(true,
                alternatives(new Match.Iface(true, false, "v0"), new Match.Iface(true, false, "v1"))));
        assertThat(rules.get(7).matches()).containsExactly(new Match.Iface(false, false, "v0"));
        assertThat(rules.get(8).matches()).containsExactly(new Match.Iface(false, false, "v1"));
        assertThat(rules.get(9).matches()).containsExactly(new Match.Meta("iiftype", false, List.of("ether")));
        Set<Match.CtState> established = Set.of(Match.CtState.ESTABLISHED, Match.CtState.RELATED);
        assertThat(rules.subList(10, 16)).extracting(r -> r.matches().get(0)).containsExactly(
                new Match.State(false, established), new Match.State(false, Set.of(Match.CtState.INVALID)),
                new Match.State(false, established), new Match.State(true, Set.of(Match.CtState.NEW, Match.CtState.UNTRACKED)),
                new Match.State(false, Set.of(Match.CtState.NEW)), new Match.State(true, Set.of(Match.CtState.ESTABLISHED)));
        assertThat(rules.subList(16, 27)).extracting(r -> r.matches().get(0)).containsExactly(
                new Match.Meta("ct status", false, List.of("dnat")), new Match.Meta("ct status", false, List.of("snat", "dnat")),
                new Match.Meta("ct direction", false, List.of("original")), new Match.Meta("ct mark", false, List.of("1")),
                new Match.Meta("ct mark", true, List.of("2")), new Match.Meta("ct mark & 255", false, List.of("3")),
                new Match.Meta("mark", false, List.of("16")), new Match.Meta("mark", false, List.of("17", "18")),
                new Match.Meta("pkttype", false, List.of("broadcast")),
                new Match.Meta("pkttype", false, List.of("broadcast", "multicast")), new Match.Meta("ct zone", false, List.of("3")));
        Match icmp = new Match.Proto(false, "icmp");
        assertThat(rules.get(27).matches()).containsExactly(icmp, new Match.Icmp(false, "echo-request"));
        assertThat(rules.get(28).matches()).containsExactly(icmp, new Match.AnyOf(false,
                alternatives(new Match.Icmp(false, "destination-unreachable"), new Match.Icmp(false, "echo-request"))));
        assertThat(rules.get(29).matches()).containsExactly(icmp, new Match.Icmp(true, "echo-reply"));
        assertThat(rules.get(30).matches()).containsExactly(icmp, new Match.Meta("icmp code", false, List.of("port-unreachable")));
        assertThat(rules.get(31).matches()).containsExactly(new Match.Proto(false, "ipv6-icmp"), new Match.AnyOf(false,
                alternatives(new Match.Icmp(false, "nd-router-advert"), new Match.Icmp(false, "nd-neighbor-solicit"))),
                IPV6, new Match.Meta("ip6 hoplimit", false, List.of("255")));
        assertThat(rules.subList(33, 38)).extracting(r -> r.matches().get(0)).containsExactly(
                new Match.AddrType(Match.Side.DESTINATION, false, Set.of("LOCAL")),
                new Match.AddrType(Match.Side.DESTINATION, true, Set.of("LOCAL", "BROADCAST")),
                new Match.AddrType(Match.Side.DESTINATION, false, Set.of("LOCAL")),
                new Match.Meta("fib saddr . iif oif", false, List.of("missing")),
                new Match.Meta("fib saddr . iif oif", false, List.of("exists")));
        assertThat(capture("interfaces-ct-meta").rulesNotUnderstood()).isEmpty();
    }

    @Test
    void lowersTcpFlagsInEveryForm() {
        List<Rule> rules = rules("interfaces-ct-meta", Family.INET, "f", "input_c");
        Set<String> all = Set.of("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECN", "CWR");
        Match syn = new Match.TcpFlags(false, Set.of("SYN"), Set.of("SYN"));
        assertThat(rules.subList(38, 45)).allSatisfy(r -> assertThat(r.matches().get(0)).isEqualTo(TCP))
                .extracting(r -> r.matches().get(1)).containsExactly(
                        syn,
                        new Match.TcpFlags(false, Set.of("SYN", "ACK"), Set.of("SYN")),
                        new Match.TcpFlags(true, Set.of("FIN", "SYN", "RST", "ACK"), Set.of("SYN")),
                        new Match.TcpFlags(false, all, Set.of("SYN")),
                        new Match.AnyOf(false, alternatives(syn, new Match.TcpFlags(false, Set.of("ACK"), Set.of("ACK")))),
                        new Match.TcpFlags(false, Set.of("SYN", "RST"), Set.of()),
                        new Match.AnyOf(false, alternatives(new Match.TcpFlags(false, all, Set.of("SYN", "ACK")),
                                new Match.TcpFlags(false, all, Set.of("SYN")))));
    }

    @Test
    void lowersRateLimitsAndQuotasAsConditionsTheAnalysisTakesBothWays() {
        List<Rule> rules = rules("interfaces-ct-meta", Family.INET, "f", "input_c");
        assertThat(rules.subList(45, 51)).extracting(r -> r.matches().get(0)).containsExactly(
                new Match.Limit(false, "10/second", 5), new Match.Limit(true, "100/minute", 20),
                new Match.Limit(false, "1 mbytes/second", 0), new Match.Meta("quota", true, List.of("10 mbytes")),
                new Match.Meta("quota", false, List.of("20 mbytes")), new Match.Meta("skuid", false, List.of("0")));
    }

    @Test
    void lowersVerdictMapsAndConcatenations() {
        List<Rule> rules = rules("vmaps-concatenations", Family.INET, "f", "input_c");
        assertThat(rules.get(0).matches()).isEmpty();
        assertThat(rules.get(0).target()).isEqualTo(new Target.VerdictMap("ct state", List.of(
                new Target.VerdictMap.Entry(List.of(new Match.State(false, Set.of(Match.CtState.INVALID))), new Target.Drop()),
                new Target.VerdictMap.Entry(List.of(new Match.State(false, Set.of(Match.CtState.ESTABLISHED))), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(new Match.State(false, Set.of(Match.CtState.RELATED))), new Target.Accept()))));
        assertThat(rules.get(1).matches()).containsExactly(TCP);
        assertThat(rules.get(1).target()).isEqualTo(new Target.VerdictMap("tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(dport(22)), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(dport(23)), new Target.Drop()),
                new Target.VerdictMap.Entry(List.of(dport(false, PortRange.of(80, 88))), new Target.Jump("allowed")),
                new Target.VerdictMap.Entry(List.of(dport(8080)), new Target.Goto("allowed")),
                new Target.VerdictMap.Entry(List.of(dport(9090)), new Target.Return()),
                new Target.VerdictMap.Entry(List.of(dport(9091)), new Target.None()))));
        assertThat(rules.get(2).target()).isEqualTo(new Target.VerdictMap("iifname", List.of(
                new Target.VerdictMap.Entry(List.of(new Match.Iface(true, false, "v0")), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(new Match.Iface(true, false, "wg*")), new Target.Drop()))));
        assertThat(rules.get(4).matches()).containsExactly(IPV4, TCP);
        assertThat(rules.get(4).target()).isEqualTo(new Target.VerdictMap("ip saddr . tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(addr(Match.Side.SOURCE, false, "10.0.0.0/24"), dport(22)), new Target.Accept()),
                new Target.VerdictMap.Entry(List.of(addr(Match.Side.SOURCE, false, "10.0.1.1/32"), dport(false, PortRange.of(80, 90))),
                        new Target.Drop()))));
        assertThat(rules.get(7).matches()).containsExactly(IPV4, TCP, new Match.AnyOf(true, List.of(
                List.of(addr(Match.Side.SOURCE, false, "10.0.0.3/32"), dport(22)))));
        assertThat(rules.get(8).matches()).containsExactly(IPV4, TCP, new Match.AnyOf(false, List.of(
                List.of(addr(Match.Side.SOURCE, false, "10.0.0.0/8"), new Match.Iface(true, false, "v0"),
                        dport(false, PortRange.of(1000, 2000))))));
        assertThat(rules.get(10).matches()).containsExactly(new Match.AnyOf(false, List.of(List.of(TCP, dport(22)),
                List.of(UDP, dport(53)))));
        assertThat(capture("vmaps-concatenations").rulesNotUnderstood()).isEmpty();
    }

    @Test
    void lowersNatStatementsIntoDestinationsNatAddressReads() {
        List<Rule> pre = rules("nat", Family.IPV4, "nat", "pre");
        assertThat(pre).extracting(Rule::target).filteredOn(Target.Nat.class::isInstance)
                .extracting(t -> ((Target.Nat) t).kind() + " " + ((Target.Nat) t).to().orElse("-") + " "
                        + ((Target.Nat) t).destination().map(NatAddress::toString).orElse("-"))
                .containsExactly("DNAT 172.17.0.2:80 172.17.0.2:80", "DNAT 172.17.0.2 172.17.0.2",
                        "DNAT 172.17.0.2-172.17.0.9:80-90 172.17.0.2-172.17.0.9:80-90", "REDIRECT :8080 :8080",
                        "REDIRECT - -", "REDIRECT :8080-8090 :8080-8090");
        assertThat(pre.get(3).target()).isEqualTo(new Target.VerdictMap("ip daddr", List.of(
                new Target.VerdictMap.Entry(List.of(addr(Match.Side.DESTINATION, false, "192.0.2.1/32")),
                        new Target.Nat("DNAT", Optional.of("10.0.0.1"))),
                new Target.VerdictMap.Entry(List.of(addr(Match.Side.DESTINATION, false, "192.0.2.2/32")),
                        new Target.Nat("DNAT", Optional.of("10.0.0.2"))))));
        assertThat(pre.get(4).matches()).containsExactly(TCP);
        assertThat(pre.get(4).target()).isEqualTo(new Target.VerdictMap("tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(dport(80)), new Target.Nat("DNAT", Optional.of("10.0.0.2"))),
                new Target.VerdictMap.Entry(List.of(dport(8080)), new Target.Nat("DNAT", Optional.of("10.0.0.3"))))));
        assertThat(pre.get(5).target()).isEqualTo(new Target.VerdictMap("ip saddr . tcp dport", List.of(
                new Target.VerdictMap.Entry(List.of(addr(Match.Side.SOURCE, false, "192.0.2.9/32"), dport(443)),
                        new Target.Nat("DNAT", Optional.of("10.0.0.2:80"))))));
        assertThat(rules("nat", Family.IPV4, "nat", "post")).extracting(Rule::target).containsExactly(
                new Target.Nat("MASQUERADE", Optional.empty()), new Target.Nat("MASQUERADE", Optional.of(":1024-2048")),
                new Target.Nat("SNAT", Optional.of("192.0.2.1")), new Target.Nat("SNAT", Optional.of("192.0.2.1-192.0.2.5")));
        assertThat(rules("nat", Family.IPV6, "nat6", "pre")).extracting(Rule::target).containsExactly(
                new Target.Nat("DNAT", Optional.of("[fd00::2]:80")), new Target.Nat("DNAT", Optional.of("fd00::3")));
        List<Rule> inet = rules("nat", Family.INET, "natinet", "pre");
        assertThat(inet.get(0).matches()).containsExactly(IPV4, TCP, dport(8080));
        assertThat(inet.get(1).matches()).as("dnat ip6 to … acts on IPv6 packets only").containsExactly(TCP, dport(8081), IPV6);
        assertThat(capture("nat").rulesNotUnderstood()).isEmpty();
    }

    @Test
    void lowersStatementsWithTheLastVerdictDecidingAndSideEffectsContinuing() {
        List<Rule> raw = rules("statements", Family.INET, "f", "pre_raw");
        assertThat(raw).extracting(Rule::target).containsExactly(new Target.NoTrack(),
                new Target.Other("notrack", List.of("accept")), new Target.Drop(),
                new Target.Other("CT", List.of("{\"mangle\":{\"key\":{\"ct\":{\"key\":\"zone\"}},\"value\":2}}")),
                new Target.Other("MARK", List.of("{\"mangle\":{\"key\":{\"meta\":{\"key\":\"mark\"}},\"value\":1}}")),
                new Target.Other("TPROXY", List.of("{\"tproxy\":{\"family\":\"ip\",\"addr\":\"127.0.0.1\",\"port\":8080}}")));
        List<Rule> input = rules("statements", Family.INET, "f", "input_c");
        assertThat(input.subList(0, 5)).extracting(Rule::target).containsExactly(
                new Target.Reject(Optional.of("port-unreachable")), new Target.Reject(Optional.of("tcp reset")),
                new Target.Reject(Optional.of("admin-prohibited")), new Target.Reject(Optional.of("host-prohibited")),
                new Target.Reject(Optional.of("admin-prohibited")));
        assertThat(input.get(5).target()).isEqualTo(new Target.Accept());
        assertThat(input.get(5).counters()).contains(new Counters(0, 0));
        assertThat(input.subList(6, 16)).extracting(r -> r.target() instanceof Target.Other ? ((Target.Other) r.target()).name()
                : r.target().toString()).containsExactly("Drop[]", "Log[prefix=Optional.empty]", "None[]", "Accept[]",
                "CONNMARK", "CONNMARK", "CLASSIFY", "DSCP", "Drop[]", "TRACE");
        assertThat(input.get(13).matches()).as("ip dscp set: IPv4 only").containsExactly(IPV4);
        assertThat(rules("statements", Family.NETDEV, "nd", "ing")).extracting(r -> ((Target.Other) r.target()).name())
                .containsExactly("fwd", "TEE");
        assertThat(rules("statements", Family.IPV4, "t4", "pre_c")).extracting(r -> ((Target.Other) r.target()).name())
                .containsExactly("TEE", "TEE");
    }

    @Test
    void keepsRawPayloadsVerbatimAndListsThemAsNotUnderstood() {
        Ruleset r = capture("raw-and-other-expressions");
        assertThat(r.rulesNotUnderstood()).extracting(Rule::notUnderstood).containsExactly(
                List.of("{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"base\":\"th\",\"offset\":64,\"len\":8}},\"right\":18}}"),
                List.of("{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"base\":\"nh\",\"offset\":8,\"len\":8}},\"right\":16}}"),
                List.of("{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"base\":\"ll\",\"offset\":0,\"len\":16}},\"right\":65535}}"),
                List.of("synproxy {\"synproxy\":{\"mss\":1460,\"wscale\":7}}"));
        List<Rule> rules = r.tables().get(0).chains().get(0).rules();
        assertThat(rules.subList(3, 13)).extracting(x -> x.matches().get(0)).containsExactly(
                new Match.Meta("tcp option maxseg size", false, List.of("1400")), IPV6, new Match.Proto(false, "ipv6-icmp"),
                new Match.Meta("socket transparent", false, List.of("1")), new Match.Meta("rt ip nexthop", false, List.of("10.0.0.1")),
                IPV4, IPV4, new Match.Meta("ether saddr", false, List.of("00:11:22:33:44:55")),
                new Match.Meta("ct original ip saddr", false, List.of("10.0.0.1")), new Match.Meta("ct count", false, List.of("over 10")));
    }

    @Test
    void takesATableWhoseFlagsNftPrintsWronglyAsPossiblyDormant() {
        Ruleset r = capture("dormant-table");
        assertThat(r.table(Family.INET, "awake").orElseThrow().chains().get(0).rules()).hasSize(1);
        List<Rule> sleeping = r.table(Family.INET, "sleeping").orElseThrow().chains().get(0).rules();
        assertThat(sleeping.get(0).matches()).containsExactly(new Match.Other("table flags",
                "table flags \"sleeping\" not understood: the table may be dormant"));
        assertThat(sleeping.get(0).target()).isEqualTo(new Target.Accept());
        assertThat(r.rulesNotUnderstood()).containsExactly(sleeping.get(0));
    }
}
