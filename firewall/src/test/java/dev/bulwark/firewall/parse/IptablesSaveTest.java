package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IptablesSaveTest {

    private static Chain chain(Ruleset r, String table, String name) {
        return r.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow()
                .chain(name).orElseThrow();
    }

    private static Rule only(String ruleLine) {
        Ruleset r = IptablesSave.parse("*filter\n:INPUT DROP [0:0]\n:X - [0:0]\n" + ruleLine + "\nCOMMIT\n");
        List<Rule> rules = chain(r, "filter", ruleLine.contains("-A X") ? "X" : "INPUT").rules();
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    @Test
    void readsTheRulesetRealUfwWrites() {
        Ruleset r = IptablesSave.parse(Resources.text("iptables-save-ufw.txt"), "iptables-save-ufw.txt");
        assertThat(r.tables()).hasSize(1);
        Table filter = r.table(Family.IPV4, "filter").orElseThrow();
        assertThat(filter.chains()).hasSize(35);
        assertThat(filter.chains().stream().filter(c -> c.name().startsWith("ufw-"))).hasSize(32);
        Chain input = filter.chain("INPUT").orElseThrow();
        assertThat(input.policy()).contains(Policy.DROP);
        assertThat(input.hook()).contains(Hook.INPUT);
        assertThat(input.rules()).hasSize(6);
        assertThat(input.rules().get(0).target()).isEqualTo(new Target.Jump("ufw-before-logging-input"));
        Rule postgres = filter.chain("ufw-user-input").orElseThrow().rules().get(1);
        assertThat(postgres.matches()).containsExactly(
                new Match.Addr(Match.Side.SOURCE, false, IpNetwork.parse("10.0.0.0/8")),
                new Match.Proto(false, "tcp"),
                new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(5432))));
        assertThat(postgres.target()).isEqualTo(new Target.Accept());
        assertThat(postgres.position().line()).isEqualTo(101);
        assertThat(postgres.text()).isEqualTo("-A ufw-user-input -s 10.0.0.0/8 -p tcp -m tcp --dport 5432 -j ACCEPT");
        assertThat(filter.chain("ufw-user-input").orElseThrow().hook()).isEmpty();
        assertThat(filter.chain("ufw-user-input").orElseThrow().policy()).isEmpty();
        assertThat(r.rulesNotUnderstood()).isEmpty();
    }

    @Test
    void readsIp6tablesSaveAsIpv6FromItsHeader() {
        Ruleset r = IptablesSave.parse(Resources.text("ip6tables-save-ufw.txt"));
        assertThat(r.tables()).extracting(Table::family).containsOnly(Family.IPV6);
        Ruleset basic = IptablesSave.parse(Resources.text("ip6tables-save-basic.txt"));
        Chain input = chain(basic, "filter", "INPUT");
        assertThat(input.rules().get(5).matches().get(0))
                .isEqualTo(new Match.Addr(Match.Side.SOURCE, true, IpNetwork.parse("2001:db8:bad::/48")));
        assertThat(input.rules().get(2).matches()).contains(new Match.Icmp(false, "135"));
    }

    @Test
    void infersIpv6FromAddressesWithoutHeader() {
        Ruleset r = IptablesSave.parse("*filter\n:INPUT ACCEPT\n-A INPUT -s 2001:db8::/32 -j DROP\nCOMMIT\n");
        assertThat(r.tables().get(0).family()).isEqualTo(Family.IPV6);
    }

    @Test
    void readsEveryTableMatchAndTargetOfTheKitchenSinkCapture() {
        Ruleset r = IptablesSave.parse(Resources.text("iptables-save-c-kitchen-sink.txt"));
        assertThat(r.tables()).extracting(Table::name).containsExactly("mangle", "raw", "filter", "nat");
        assertThat(chain(r, "raw", "PREROUTING").priority()).isEqualTo(-300);
        assertThat(chain(r, "nat", "POSTROUTING").type()).isEqualTo("nat");
        List<Rule> in = chain(r, "filter", "INPUT").rules();
        assertThat(in.get(0).counters()).contains(Counters.ZERO);
        assertThat(in.get(1).matches()).containsExactly(
                new Match.State(false, Set.of(Match.CtState.RELATED, Match.CtState.ESTABLISHED)));
        assertThat(in.get(3).matches().get(0))
                .isEqualTo(new Match.Addr(Match.Side.SOURCE, true, IpNetwork.parse("10.0.0.0/8")));
        assertThat(in.get(3).target()).isEqualTo(new Target.Jump("LOGDROP"));
        assertThat(in.get(4).matches()).contains(new Match.TcpFlags(false, Set.of("FIN", "SYN", "RST", "ACK"), Set.of("SYN")));
        assertThat(in.get(5).matches()).contains(
                new Match.Ports(Match.Side.DESTINATION, false,
                        List.of(PortRange.of(80), PortRange.of(443), PortRange.of(8000, 8100))),
                new Match.Comment("web \"front\" door"));
        assertThat(in.get(5).comment()).contains("web \"front\" door");
        assertThat(in.get(6).matches()).contains(new Match.Ports(Match.Side.SOURCE, false, List.of(PortRange.of(53))),
                new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(1024, 65535))));
        assertThat(in.get(7).matches().get(1)).isInstanceOf(Match.AddrRange.class);
        assertThat(in.get(8).matches()).containsExactly(new Match.AddrType(Match.Side.DESTINATION, false, Set.of("BROADCAST")));
        assertThat(in.get(9).matches().get(0)).isEqualTo(new Match.Iface(true, true, "eth1"));
        assertThat(in.get(9).target()).isEqualTo(new Target.Reject(Optional.of("tcp-reset")));
        assertThat(in.get(10).matches()).contains(new Match.Limit(false, "5/sec", 10));
        assertThat(in.get(11).matches().get(2)).isInstanceOfSatisfying(Match.HashLimit.class, h -> {
            assertThat(h.name()).isEqualTo("http");
            assertThat(h.rate()).isEqualTo("50/min");
            assertThat(h.above()).isFalse();
        });
        assertThat(in.get(12).matches()).contains(new Match.Other("mark", "-m mark --mark 0x1"));
        assertThat(in.get(12).notUnderstood()).containsExactly("-m mark --mark 0x1");
        assertThat(in.get(13).target()).isEqualTo(new Target.Log(Optional.of("IN DROP: ")));
        List<Rule> ssh = chain(r, "filter", "SSH").rules();
        assertThat(ssh.get(0).matches().get(0)).isInstanceOfSatisfying(Match.Recent.class,
                m -> assertThat(m.mode()).isEqualTo("set"));
        assertThat(ssh.get(2).target()).isEqualTo(new Target.Goto("LOGDROP"));
        List<Rule> nat = chain(r, "nat", "PREROUTING").rules();
        assertThat(nat.get(0).target()).isEqualTo(new Target.Nat("DNAT", Optional.of("10.0.3.5:443")));
        assertThat(nat.get(1).target()).isEqualTo(new Target.Nat("REDIRECT", Optional.of("22")));
        assertThat(chain(r, "raw", "PREROUTING").rules().get(0).target())
                .isEqualTo(new Target.Other("CT", List.of("--notrack")));
        assertThat(r.rulesNotUnderstood()).extracting(Rule::text).containsExactly(
                "[0:0] -A POSTROUTING -o eth0 -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
                "[0:0] -A PREROUTING -p udp -m udp --dport 5060 -j CT --notrack",
                "[0:0] -A INPUT -p tcp -m tcp --dport 25 -m mark --mark 0x1 -j ACCEPT");
    }

    @Test
    void readsChainCountersAndImplicitProtocolModules() {
        Ruleset r = IptablesSave.parse("*filter\n:INPUT DROP [12:3400]\n-A INPUT -p udp --dport 53 -j ACCEPT\nCOMMIT\n");
        Chain input = chain(r, "filter", "INPUT");
        assertThat(input.counters()).isEqualTo(new Counters(12, 3400));
        assertThat(input.rules().get(0).matches())
                .contains(new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(53))));
    }

    @Test
    void followsIptablesRestoreQuoting() {
        assertThat(only("-A INPUT -m comment --comment \"a \\\\ b \\\" c\" -j ACCEPT").comment()).contains("a \\ b \" c");
        assertThat(only("-A INPUT -m comment --comment ab\"c d\"e -j ACCEPT").comment()).contains("abc de");
        assertThat(only("-A INPUT -m comment --comment \"\" -j ACCEPT").comment()).contains("");
    }

    @Test
    void negationIsAllowedBeforeAnyOption() {
        Rule r = only("-A INPUT ! -p udp ! -d 10.1.0.0/16 ! -i eth0 -m tcp ! --dport 22 -m conntrack ! --ctstate NEW -j DROP");
        assertThat(r.matches()).allMatch(Match::negated).hasSize(5);
    }

    @Test
    void keepsUnknownModulesAndTargetsVerbatim() {
        Rule r = only("-A INPUT -m physdev --physdev-in veth0 -m conntrack --ctstate NEW --ctorigdst 10.0.0.1 -j NFQUEUE --queue-num 3");
        assertThat(r.matches()).containsExactly(new Match.Other("physdev", "-m physdev --physdev-in veth0"),
                new Match.State(false, Set.of(Match.CtState.NEW)),
                new Match.Other("conntrack", "-m conntrack --ctorigdst 10.0.0.1"));
        assertThat(r.target()).isEqualTo(new Target.Other("NFQUEUE", List.of("--queue-num", "3")));
    }

    @Test
    void readsIpsetMatches() {
        Rule r = only("-A INPUT -p tcp -m multiport --dports 22 -m set --match-set f2b-sshd src -j REJECT --reject-with icmp-port-unreachable");
        assertThat(r.matches()).contains(new Match.IpSet(false, "f2b-sshd", List.of("src")));
    }

    @Test
    void reportsErrorsWithSourceLineAndColumn() {
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment \"open\nCOMMIT\n",
                "x.rules:3:31: unterminated quote in '-A INPUT -m comment --comment \"open'");
        assertError("*filter\n:INPUT DROP [0:0]\n-A FOO -j ACCEPT\nCOMMIT\n",
                "x.rules:3:4: chain 'FOO' is not declared in table 'filter' in '-A FOO -j ACCEPT'");
        assertError("*filter\n:INPUT DROP [0:0]\n", "x.rules:1:1: table 'filter' has no COMMIT in '*filter'");
        assertError("*filter\n:MINE DROP [0:0]\nCOMMIT\n",
                "x.rules:2:1: only built-in chains have a policy; 'MINE' is not built into table 'filter' in ':MINE DROP [0:0]'");
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.300 -j DROP\nCOMMIT\n",
                "x.rules:3:13: bad address '10.0.0.300': ");
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -s ! 10.0.0.1 -j DROP\nCOMMIT\n",
                "x.rules:3:13: '!' after '-s' is the old syntax; write '! -s' in '-A INPUT -s ! 10.0.0.1 -j DROP'");
        assertError("-A INPUT -j DROP\n",
                "x.rules:1:1: '-A' outside a table (a table starts with '*filter') in '-A INPUT -j DROP'");
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 99999 -j DROP\nCOMMIT\n",
                "x.rules:3:17: match 'tcp': port '99999' is not a number from 0 to 65535");
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -g NOWHERE\nCOMMIT\n",
                "x.rules:3:13: goto target 'NOWHERE' is not a chain of table 'filter' in '-A INPUT -g NOWHERE'");
        assertError("*filter\n:INPUT DROP [0:0]\n-A INPUT -j DROP\u0007\nCOMMIT\n",
                "x.rules:3:17: control character U+0007 is not allowed");
        assertError("*filter\n:INPUT SOMETIMES [0:0]\nCOMMIT\n",
                "x.rules:2:8: policy 'SOMETIMES' is not ACCEPT, DROP or -");
    }

    private static void assertError(String text, String messageStart) {
        assertThatThrownBy(() -> IptablesSave.parse(text, "x.rules"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith(messageStart);
        assertThat(IptablesSave.tryParse(text)).isEmpty();
    }

    @Test
    void lenientParseKeepsBadLinesAndGoesOn() {
        String text = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT --frobnicate\n"
                + "-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n";
        ParseResult<Ruleset> result = IptablesSave.parseLenient(text, "y");
        assertThat(result.isClean()).isFalse();
        assertThat(result.diagnostics()).extracting(ParseException::getMessage).containsExactly(
                "y:4:10: option '--frobnicate' needs a match module (-m) or -p in '-A INPUT --frobnicate'");
        assertThat(result.value().unparsed()).containsExactly(
                new Unparsed(dev.bulwark.core.Position.of("y", 4), "-A INPUT --frobnicate",
                        "option '--frobnicate' needs a match module (-m) or -p"));
        assertThat(chain(result.value(), "filter", "INPUT").rules()).hasSize(2);
        assertThat(IptablesSave.parseLenient(Resources.text("iptables-save-ufw.txt"), "y").isClean()).isTrue();
    }

    @Test
    void mergesIpv4AndIpv6Dumps() {
        Ruleset both = IptablesSave.parse(Resources.text("iptables-save-ufw.txt"))
                .merge(IptablesSave.parse(Resources.text("ip6tables-save-ufw.txt")));
        assertThat(both.covers(false)).isTrue();
        assertThat(both.covers(true)).isTrue();
        assertThat(both.table(Family.IPV6, "filter")).isPresent();
        assertThat(both.toString()).startsWith("Ruleset[ip filter (35 chains, 68 rules)");
    }
}
