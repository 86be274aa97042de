package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Real {@code iptables-save}/{@code ip6tables-save} 1.8.9 output (nf_tables and legacy backends) of
 * rules loaded into a network namespace: port 0, non-contiguous masks, the extensions' save forms
 * and the targets kept verbatim.
 */
class IptablesSaveCapturesTest {

    static final List<String> CAPTURES = List.of("iptables-save-nft-ports-and-masks.txt",
            "iptables-legacy-save-ports-and-masks.txt", "iptables-save-nft-extensions.txt",
            "iptables-legacy-save-extensions.txt", "ip6tables-save-nft-extensions.txt",
            "ip6tables-legacy-save-extensions.txt");

    private static List<Rule> rules(String resource, String table, String chain) {
        Ruleset r = IptablesSave.parse(Resources.text(resource), resource);
        return r.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow()
                .chain(chain).orElseThrow().rules();
    }

    private static Rule rule(String resource, String table, String chain, String text) {
        return rules(resource, table, chain).stream().filter(r -> r.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + text + " in " + resource));
    }

    private static Rule only(String ruleLine) {
        Ruleset r = IptablesSave.parse("*filter\n:INPUT DROP [0:0]\n" + ruleLine + "\nCOMMIT\n", "t");
        return r.tables().get(0).chain("INPUT").orElseThrow().rules().get(0);
    }

    /** What the parser made of each rule, keyed by table: what a round trip must keep. */
    private static List<String> semantics(Ruleset r) {
        return r.tables().stream().flatMap(t -> t.chains().stream().flatMap(c -> c.rules().stream()
                .map(x -> t.family() + " " + t.name() + " " + c.name() + " " + x.matches() + " -> " + x.target())))
                .sorted().collect(Collectors.toList());
    }

    static List<String> captures() {
        return CAPTURES;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void readsEveryCaptureAndRendersItBackToTheSameRules(String resource) {
        String text = Resources.text(resource);
        Ruleset r = IptablesSave.parse(text, resource);
        assertThat(IptablesSave.parseLenient(text, resource).isClean()).isTrue();
        Ruleset again = IptablesSave.parse(IptablesSave.render(r), "rendered");
        assertThat(semantics(again)).isEqualTo(semantics(r));
        assertThat(again.tables()).extracting(Table::family).containsOnly(r.tables().get(0).family());
    }

    @Test
    void bothBackendsPrintTheSameRules() {
        for (String kind : List.of("iptables-%s-ports-and-masks.txt", "iptables-%s-extensions.txt",
                "ip6tables-%s-extensions.txt")) {
            assertThat(semantics(IptablesSave.parse(Resources.text(String.format(kind, "legacy-save")))))
                    .isEqualTo(semantics(IptablesSave.parse(Resources.text(String.format(kind, "save-nft")))));
        }
    }

    @Test
    void portZeroIsValidAndOutsideTheModelsPortsItIsKeptVerbatim() {
        String f = "iptables-save-nft-ports-and-masks.txt";
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m tcp --sport 0 -j DROP").matches())
                .containsExactly(new Match.Proto(false, "tcp"), new Match.Other("tcp", "-m tcp --sport 0"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p udp -m udp --dport 0 -j DROP").matches())
                .containsExactly(new Match.Proto(false, "udp"), new Match.Other("udp", "-m udp --dport 0"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p sctp -m sctp --dport 0 -j DROP").notUnderstood())
                .containsExactly("-m sctp --dport 0");
        // a range from 0 keeps its ports 1 and up; a list keeps its other ports
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m tcp --dport 0:1023 -j DROP").matches())
                .contains(new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(1, 1023))));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m multiport --dports 0,22,80:90 -j ACCEPT").matches())
                .contains(new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(22), PortRange.of(80, 90))));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m multiport --sports 0:10 -j ACCEPT").matches())
                .contains(new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(1, 10))));
        // udp takes a backwards range (it matches nothing): not a port set the model holds
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p udp -m udp --sport 68:67 -j DROP").notUnderstood())
                .containsExactly("-m udp --sport 68:67");
        Rule negated = rule("iptables-save-nft-extensions.txt", "filter", "INPUT",
                "-A INPUT -p tcp -m tcp ! --sport 0 ! --dport 1:65535 -j DROP");
        assertThat(negated.matches()).containsExactly(new Match.Proto(false, "tcp"),
                new Match.Ports(Match.Side.DESTINATION, true, List.of(PortRange.of(1, 65535))),
                new Match.Other("tcp", "-m tcp ! --sport 0"));
        assertThat(only("-A INPUT -p tcp --dport 0").notUnderstood()).containsExactly("-m tcp --dport 0");
    }

    @Test
    void aNonContiguousMaskIsLoweredToTheExactNetworksItDenotes() {
        String f = "iptables-save-nft-ports-and-masks.txt";
        Match.Addr a = (Match.Addr) rule(f, "filter", "INPUT", "-A INPUT -s 10.0.12.0/255.0.255.0 -j DROP").matches().get(0);
        assertThat(a.side()).isEqualTo(Match.Side.SOURCE);
        assertThat(a.negated()).isFalse();
        assertThat(a.networks()).hasSize(256);
        assertThat(a.networks().get(0)).isEqualTo(IpNetwork.parse("10.0.12.0/24"));
        assertThat(a.networks().get(1)).isEqualTo(IpNetwork.parse("10.1.12.0/24"));
        assertThat(a.networks().get(255)).isEqualTo(IpNetwork.parse("10.255.12.0/24"));
        for (String in : List.of("10.0.12.7", "10.200.12.255", "10.255.12.0")) {
            assertThat(a.networks()).anyMatch(n -> n.contains(IpAddresses.parse(in)));
        }
        for (String out : List.of("10.0.13.7", "11.0.12.1", "10.200.0.12")) {
            assertThat(a.networks()).noneMatch(n -> n.contains(IpAddresses.parse(out)));
        }
        Match.Addr negated = (Match.Addr) rule(f, "filter", "INPUT", "-A INPUT ! -s 10.0.12.0/255.0.255.0 -j ACCEPT")
                .matches().get(0);
        assertThat(negated.negated()).isTrue();
        assertThat(negated.networks()).isEqualTo(a.networks());
        Match.Addr hosts = (Match.Addr) rule(f, "filter", "INPUT", "-A INPUT -s 1.2.0.4/255.255.0.255 -j ACCEPT")
                .matches().get(0);
        assertThat(hosts.networks()).hasSize(256).startsWith(IpNetwork.parse("1.2.0.4/32"), IpNetwork.parse("1.2.1.4/32"));
        // 2^24 networks: kept verbatim, which the analysis treats as undecidable
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -s 0.0.0.4/0.0.0.255 -j ACCEPT").matches())
                .containsExactly(new Match.Other("address", "-s 0.0.0.4/0.0.0.255"));
        assertThat(only("-A INPUT ! -d 10.0.0.0/255.0.0.255 -j DROP").matches())
                .containsExactly(new Match.Other("address", "! -d 10.0.0.0/255.0.0.255"));
        // at most 4096 networks: 12 holes in the mask
        assertThat(((Match.Addr) only("-A INPUT -s 10.0.0.0/255.0.15.0 -j DROP").matches().get(0)).networks())
                .hasSize(4096);
        assertThat(((Match.Addr) only("-A INPUT -s 10.0.0.0/255.0.31.0 -j DROP").matches().get(0)).networks())
                .hasSize(2048);
        assertThat(only("-A INPUT -s 10.0.0.0/255.0.7.0 -j DROP").matches())
                .containsExactly(new Match.Other("address", "-s 10.0.0.0/255.0.7.0"));
    }

    @Test
    void aContiguousDottedMaskIsItsPrefixLength() {
        assertThat(only("-A INPUT -d 10.0.0.0/255.255.255.0 -j DROP").matches())
                .containsExactly(new Match.Addr(Match.Side.DESTINATION, false, IpNetwork.parse("10.0.0.0/24")));
        assertThat(only("-A INPUT -s 10.0.0.1/255.255.255.255 -j DROP").matches())
                .containsExactly(new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("10.0.0.1/32")));
        assertThat(only("-A INPUT -s 0.0.0.0/0.0.0.0 -j DROP").matches())
                .containsExactly(new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("0.0.0.0/0")));
        Ruleset v6 = IptablesSave.parse("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 2001:db8::/ffff:ffff:: -j DROP\nCOMMIT\n");
        assertThat(v6.tables().get(0).family()).isEqualTo(Family.IPV6);
        assertThat(v6.tables().get(0).chain("INPUT").orElseThrow().rules().get(0).matches())
                .containsExactly(new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("2001:db8::/32")));
    }

    @Test
    void anIpv6NonContiguousMaskIsLoweredOrKeptVerbatim() {
        String f = "ip6tables-save-nft-extensions.txt";
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -s 2001:db8::/ffff:ffff:0:ffff:: -j DROP").matches())
                .containsExactly(new Match.Other("address", "-s 2001:db8::/ffff:ffff:0:ffff::"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -s fe80::/ffff::ff -j ACCEPT").notUnderstood())
                .containsExactly("-s fe80::/ffff::ff");
        Ruleset r = IptablesSave.parse("# Generated by ip6tables-save\n*filter\n:INPUT DROP [0:0]\n"
                + "-A INPUT -s 2001:db8::/ffff:ffff:f000:f000:: -j DROP\nCOMMIT\n");
        Match.Addr a = (Match.Addr) r.tables().get(0).chain("INPUT").orElseThrow().rules().get(0).matches().get(0);
        assertThat(a.networks()).hasSize(4096).startsWith(IpNetwork.parse("2001:db8::/52"),
                IpNetwork.parse("2001:db8:1::/52"));
        assertThat(a.networks().get(4095)).isEqualTo(IpNetwork.parse("2001:db8:fff::/52"));
    }

    @Test
    void rejectsMasksIptablesNeverPrints() {
        assertRuleError("-A INPUT -s 10.0.12.1/255.0.255.0 -j DROP",
                "t:3:13: bad address '10.0.12.1/255.0.255.0': 10.0.12.1/255.0.255.0 has bits set outside the mask;"
                        + " did you mean 10.0.12.0/255.0.255.0? in '-A INPUT -s 10.0.12.1/255.0.255.0 -j DROP'");
        assertRuleError("-A INPUT -s 10.0.0.0/ffff:: -j DROP",
                "t:3:13: bad address '10.0.0.0/ffff::': mask 'ffff::' is not of the address's family");
        assertRuleError("-A INPUT -s 10.0.0.0/255.0.300.0 -j DROP",
                "t:3:13: bad address '10.0.0.0/255.0.300.0': IPv4 address part 300 is above 255");
        assertRuleError("-A INPUT -s 10.0.0.1/255.255.255.0 -j DROP",
                "t:3:13: bad address '10.0.0.1/255.255.255.0': 10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
        assertRuleError("-A INPUT -s 10.0.0.0/abc -j DROP",
                "t:3:13: bad address '10.0.0.0/abc': prefix length 'abc' is not a number from 0 to 32");
    }

    @Test
    void readsTheExtensionsSaveFormsToValuesOrVerbatim() {
        String f = "iptables-save-nft-extensions.txt";
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j DROP").matches())
                .contains(new Match.TcpFlags(true, Set.of("FIN", "SYN", "RST", "ACK"), Set.of("SYN")));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m tcp --tcp-option 5 --tcp-flags FIN,SYN,RST,PSH,ACK,URG "
                + "FIN,SYN,RST,PSH,ACK,URG -j DROP").notUnderstood()).containsExactly("-m tcp --tcp-option 5");
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p sctp -m sctp --sport 0:10 --chunk-types any DATA,INIT -j DROP")
                .matches()).contains(new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(1, 10))),
                new Match.Other("sctp", "-m sctp --chunk-types any DATA,INIT"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p tcp -m multiport ! --ports 0,5 -j DROP").matches())
                .contains(new Match.Ports(Match.Side.EITHER, true, List.of(PortRange.of(5))));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m conntrack --ctstate UNTRACKED,SNAT,DNAT --ctproto 6 "
                + "--ctorigsrc 10.0.0.0/8 --ctstatus ASSURED --ctexpire 10:20 --ctdir ORIGINAL -j ACCEPT").matches())
                .containsExactly(new Match.State(false, Set.of(Match.CtState.UNTRACKED, Match.CtState.SNAT, Match.CtState.DNAT)),
                        new Match.Other("conntrack", "-m conntrack --ctproto 6 --ctorigsrc 10.0.0.0/8 --ctstatus ASSURED "
                                + "--ctexpire 10:20 --ctdir ORIGINAL"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m state --state INVALID,UNTRACKED -j DROP").matches())
                .containsExactly(new Match.State(false, Set.of(Match.CtState.INVALID, Match.CtState.UNTRACKED)));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m comment --comment \"with \\\"quotes\\\" and \\\\ back\" -j ACCEPT")
                .comment()).contains("with \"quotes\" and \\ back");
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m limit --limit 100/day -j ACCEPT").matches())
                .containsExactly(new Match.Limit(false, "100/day", 5));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m limit --limit 10000/sec --limit-burst 10000 -j ACCEPT").matches())
                .containsExactly(new Match.Limit(false, "10000/sec", 10000));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m hashlimit --hashlimit-upto 1kb/s --hashlimit-burst 2mb "
                + "--hashlimit-mode srcip,dstport --hashlimit-name bytes -j ACCEPT").matches())
                .containsExactly(new Match.HashLimit("bytes", "1kb/s", false, List.of("--hashlimit-upto 1kb/s",
                        "--hashlimit-burst 2mb", "--hashlimit-mode srcip,dstport", "--hashlimit-name bytes")));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m recent ! --rcheck --seconds 60 --hitcount 4 --rttl --name SSH "
                + "--mask 255.255.255.255 --rsource -j DROP").matches()).containsExactly(new Match.Recent(true, "SSH",
                "rcheck", List.of("! --rcheck", "--seconds 60", "--hitcount 4", "--rttl", "--name SSH",
                "--mask 255.255.255.255", "--rsource")));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m iprange ! --src-range 1.1.1.1-1.1.1.9 --dst-range "
                + "2.2.2.2-2.2.2.2 -j ACCEPT").matches()).containsExactly(
                new Match.AddrRange(Match.Side.SOURCE, true, IpAddresses.parse("1.1.1.1"), IpAddresses.parse("1.1.1.9")),
                new Match.AddrRange(Match.Side.DESTINATION, false, IpAddresses.parse("2.2.2.2"), IpAddresses.parse("2.2.2.2")));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m addrtype --src-type UNICAST,LOCAL ! --dst-type BLACKHOLE "
                + "--limit-iface-in -j ACCEPT").matches()).containsExactly(
                new Match.AddrType(Match.Side.SOURCE, false, Set.of("UNICAST", "LOCAL")),
                new Match.AddrType(Match.Side.DESTINATION, true, Set.of("BLACKHOLE")),
                new Match.Other("addrtype", "-m addrtype --limit-iface-in"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p icmp -m icmp ! --icmp-type 3/4 -j ACCEPT").matches())
                .contains(new Match.Icmp(true, "3/4"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT").matches())
                .contains(new Match.Icmp(false, "any"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m u32 --u32 \"0x0>>0x16&0x3c@0x8=0x0\" -j ACCEPT").matches())
                .containsExactly(new Match.Other("u32", "-m u32 --u32 \"0x0>>0x16&0x3c@0x8=0x0\""));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m string --string \"-j x \\\"y\\\"\" --algo bm -j DROP").matches())
                .containsExactly(new Match.Other("string", "-m string --string \"-j x \\\"y\\\"\" --algo bm"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -m string --string \"-j x \\\"y\\\"\" --algo bm -j DROP").target())
                .isEqualTo(new Target.Drop());
        for (String verbatim : List.of("-m mark ! --mark 0x1/0xff", "-m connmark --mark 0x2",
                "-m mac ! --mac-source 00:11:22:33:44:55", "-m physdev --physdev-in veth0 ! --physdev-is-bridged",
                "-m pkttype ! --pkt-type broadcast", "-m length ! --length 0:100", "-m ttl ! --ttl-eq 5",
                "-m dscp ! --dscp 0x2e", "-m tos ! --tos 0x10/0x3f", "-m string ! --string \"ABc\" --algo kmp --from 10 --icase")) {
            String module = verbatim.split(" ")[1];
            assertThat(rules(f, "filter", "INPUT")).as(verbatim)
                    .anyMatch(r -> r.matches().equals(List.of(new Match.Other(module, verbatim))));
        }
        assertThat(rule(f, "raw", "PREROUTING", "-A PREROUTING -m rpfilter --loose --validmark --accept-local --invert -j DROP")
                .notUnderstood()).containsExactly("-m rpfilter --loose --validmark --accept-local --invert");
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -i a#b -j DROP").matches())
                .containsExactly(new Match.Iface(true, false, "a#b"));
        assertThat(rule(f, "filter", "FORWARD", "-A FORWARD -i eth+ -o w\\x -j DROP").matches())
                .containsExactly(new Match.Iface(true, false, "eth+"), new Match.Iface(false, false, "w\\x"));
        assertThat(rule(f, "filter", "INPUT", "-A INPUT -f -j DROP").notUnderstood()).containsExactly("-f");
        String v6 = "ip6tables-save-nft-extensions.txt";
        assertThat(rule(v6, "filter", "INPUT", "-A INPUT -p ipv6-icmp -m icmp6 ! --icmpv6-type 1/3 -j ACCEPT").matches())
                .containsExactly(new Match.Proto(false, "ipv6-icmp"), new Match.Icmp(true, "1/3"));
        assertThat(rule(v6, "filter", "INPUT", "-A INPUT -m iprange --src-range 2001:db8::1-2001:db8::9 -j ACCEPT").matches())
                .containsExactly(new Match.AddrRange(Match.Side.SOURCE, false, IpAddresses.parse("2001:db8::1"),
                        IpAddresses.parse("2001:db8::9")));
        assertThat(rule(v6, "filter", "INPUT", "-A INPUT -m hl --hl-lt 5 -j ACCEPT").notUnderstood())
                .containsExactly("-m hl --hl-lt 5");
    }

    @Test
    void readsTheTargetsAsIptablesPrintsThem() {
        String f = "iptables-save-nft-extensions.txt";
        assertThat(rule(f, "raw", "PREROUTING", "-A PREROUTING -p udp -m udp --dport 5060 -j CT --notrack").target())
                .isEqualTo(new Target.Other("CT", List.of("--notrack")));
        assertThat(rule(f, "raw", "PREROUTING", "-A PREROUTING -p udp -m udp --dport 5061 -j NOTRACK").target())
                .isEqualTo(new Target.Other("NOTRACK", List.of()));
        assertThat(rule(f, "raw", "PREROUTING", "-A PREROUTING -i eth0 -j CT --zone 1").target())
                .isEqualTo(new Target.Other("CT", List.of("--zone", "1")));
        assertThat(rule(f, "raw", "PREROUTING", "-A PREROUTING -i eth1 -p tcp -j CT --helper ftp --ctevents new,related "
                + "--zone-orig 2").target()).isEqualTo(new Target.Other("CT", List.of("--helper", "ftp", "--ctevents",
                "new,related", "--zone-orig", "2")));
        assertThat(rule(f, "mangle", "PREROUTING", "-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff").target())
                .isEqualTo(new Target.Other("MARK", List.of("--set-xmark", "0x1/0xffffffff")));
        assertThat(rule(f, "mangle", "PREROUTING", "-A PREROUTING -j CONNMARK --save-mark --nfmask 0xffffffff "
                + "--ctmask 0xffffffff").target()).isEqualTo(new Target.Other("CONNMARK", List.of("--save-mark",
                "--nfmask", "0xffffffff", "--ctmask", "0xffffffff")));
        assertThat(rule(f, "mangle", "PREROUTING", "-A PREROUTING -p tcp -m tcp --dport 80 -j TPROXY --on-port 3128 "
                + "--on-ip 127.0.0.1 --tproxy-mark 0x1/0x1").target()).isEqualTo(new Target.Other("TPROXY",
                List.of("--on-port", "3128", "--on-ip", "127.0.0.1", "--tproxy-mark", "0x1/0x1")));
        assertThat(rule(f, "mangle", "PREROUTING", "-A PREROUTING -j NFQUEUE --queue-num 0").target())
                .isEqualTo(new Target.Other("NFQUEUE", List.of("--queue-num", "0")));
        assertThat(rule(f, "nat", "POSTROUTING", "-A POSTROUTING -o eth0 -j SNAT --to-source 1.2.3.4").target())
                .isEqualTo(new Target.Nat("SNAT", Optional.of("1.2.3.4")));
        assertThat(rule(f, "nat", "POSTROUTING", "-A POSTROUTING -o eth1 -p tcp -j SNAT --to-source "
                + "1.2.3.4-1.2.3.10:1000-2000 --random --persistent").target())
                .isEqualTo(new Target.Nat("SNAT", Optional.of("1.2.3.4-1.2.3.10:1000-2000")));
        assertThat(rule(f, "nat", "PREROUTING", "-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination "
                + "172.17.0.2:80").target()).isEqualTo(new Target.Nat("DNAT", Optional.of("172.17.0.2:80")));
        assertThat(rule(f, "nat", "PREROUTING", "-A PREROUTING -p tcp -m tcp --dport 22 -j REDIRECT --to-ports 8080")
                .target()).isEqualTo(new Target.Nat("REDIRECT", Optional.of("8080")));
        assertThat(rule(f, "nat", "PREROUTING", "-A PREROUTING -p tcp -m tcp --dport 23 -j REDIRECT").target())
                .isEqualTo(new Target.Nat("REDIRECT", Optional.empty()));
        assertThat(rule(f, "nat", "POSTROUTING", "-A POSTROUTING -o eth2 -p tcp -j MASQUERADE --to-ports 1024-2000")
                .target()).isEqualTo(new Target.Nat("MASQUERADE", Optional.of("1024-2000")));
        assertThat(rule(f, "nat", "POSTROUTING", "-A POSTROUTING -o eth3 -j MASQUERADE --random-fully").target())
                .isEqualTo(new Target.Nat("MASQUERADE", Optional.empty()));
        assertThat(rule("ip6tables-save-nft-extensions.txt", "nat", "PREROUTING", "-A PREROUTING -p tcp -m tcp "
                + "--dport 80 -j DNAT --to-destination [fd00::2]:80").target())
                .isEqualTo(new Target.Nat("DNAT", Optional.of("[fd00::2]:80")));
    }

    @Test
    void errorsQuoteTheInputAndNeverAJavaExceptionText() {
        assertRuleError("-A INPUT -s 10.0.0.300 -j DROP",
                "t:3:13: bad address '10.0.0.300': IPv4 address part 300 is above 255 in '-A INPUT -s 10.0.0.300 -j DROP'");
        assertRuleError("-A INPUT -m iprange --src-range 1.1.1.1-1.1.1.x -j DROP",
                "t:3:21: match 'iprange': bad address '1.1.1.x': 'x' is not allowed in an IPv4 address");
        assertRuleError("-A INPUT -m iprange --src-range 1.1.1.1-::1 -j DROP",
                "t:3:21: match 'iprange': address range '1.1.1.1-::1' mixes IPv4 and IPv6");
        assertRuleError("-A INPUT -m limit --limit 3/min --limit-burst x -j DROP",
                "t:3:33: match 'limit': burst 'x' is not a number");
        assertRuleError("-A INPUT -p tcp -m tcp --sport 22 --dport 1x -j DROP",
                "t:3:35: match 'tcp': port '1x' is not a number from 0 to 65535");
        assertRuleError("-A INPUT -p tcp -m multiport --dports 90:80 -j DROP",
                "t:3:30: match 'multiport': port range '90:80' runs backwards");
        assertRuleError("-A INPUT -m conntrack --ctstate NEW,BOGUS -j DROP",
                "t:3:23: match 'conntrack': unknown connection state 'BOGUS'");
        assertRuleError("-A INPUT -i a/b -j DROP", "t:3:13: bad interface name 'a/b'");
        assertRuleError("-A INPUT -i abcdefghijklmnop -j DROP", "t:3:13: bad interface name 'abcdefghijklmnop'");
        assertRuleError("-A INPUT -s 10.0.0.1 -d ::1 -j DROP",
                "t:3:1: IPv6 address ::1/128 in an IPv4 ruleset in '-A INPUT -s 10.0.0.1 -d ::1 -j DROP'");
        assertRuleError("-A INPUT -p 6 --dport 70000 -j DROP",
                "t:3:15: match 'tcp': port '70000' is not a number from 0 to 65535");
        assertRuleError("-A INPUT ! -c 1 2 -j DROP", "t:3:10: '!' cannot negate the counters");
        assertThat(only("-A INPUT -m limit --limit 3/min --limit-burst 4294967295 -j DROP").notUnderstood())
                .containsExactly("-m limit --limit 3/min --limit-burst 4294967295");
    }

    private static void assertRuleError(String ruleLine, String message) {
        assertThatThrownBy(() -> IptablesSave.parse("*filter\n:INPUT DROP [0:0]\n" + ruleLine + "\nCOMMIT\n", "t"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith(message)
                .hasMessageNotContaining("Exception").hasMessageNotContaining("For input string")
                .hasMessageNotContaining("<string>");
    }
}
