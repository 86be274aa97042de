package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NftJsonTest {

    static Ruleset capture() {
        return NftJson.parse(Resources.text("nft-j-list-ruleset.json"), "nft-j-list-ruleset.json");
    }

    @Test
    void readsTablesChainsAndRulesOfARealCapture() {
        Ruleset r = capture();
        assertThat(r.tables()).extracting(Table::toString).containsExactly(
                "inet filter (3 chains, 16 rules)", "ip nat (2 chains, 2 rules)", "inet f2b-table (1 chains, 1 rules)");
        Chain input = r.table(Family.INET, "filter").orElseThrow().chain("input").orElseThrow();
        assertThat(input.hook()).contains(Hook.INPUT);
        assertThat(input.policy()).contains(Policy.DROP);
        assertThat(input.priority()).isZero();
        assertThat(r.table(Family.INET, "f2b-table").orElseThrow().chains().get(0).priority()).isEqualTo(-1);
        assertThat(r.table(Family.IPV4, "nat").orElseThrow().chain("prerouting").orElseThrow().priority()).isEqualTo(-100);
        List<Rule> rules = input.rules();
        assertThat(rules.get(0).matches()).containsExactly(new Match.Iface(true, false, "lo"));
        assertThat(rules.get(1).matches()).containsExactly(
                new Match.State(false, Set.of(Match.CtState.ESTABLISHED, Match.CtState.RELATED)));
        Match ipv4 = new Match.Meta("nfproto", false, List.of("ipv4"));
        assertThat(rules.get(4).matches()).containsExactly(ipv4,
                new Match.Addr(Match.Side.SOURCE, false, List.of(IpNetwork.parse("10.20.0.0/24"), IpNetwork.parse("192.0.2.7/32"))),
                new Match.Proto(false, "tcp"), new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(22))),
                new Match.Comment("ssh for admins"));
        assertThat(rules.get(5).matches()).contains(
                new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(5432), PortRange.of(6432))));
        assertThat(rules.get(7).matches()).contains(
                new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(8000, 8080))));
        assertThat(rules.get(8).matches()).containsExactly(new Match.Proto(false, List.of("tcp", "udp")),
                new Match.Ports(Match.Side.DESTINATION, false, List.of(PortRange.of(53))), ipv4,
                new Match.Addr(Match.Side.SOURCE, true, IpNetwork.parse("203.0.113.0/24")));
        assertThat(rules.get(9).target()).isEqualTo(new Target.Jump("vpn"));
        assertThat(rules.get(10).matches()).contains(new Match.Limit(false, "10/second", 20));
        assertThat(rules.get(11).target()).isEqualTo(new Target.Reject(Optional.of("admin-prohibited")));
        assertThat(rules.get(12).target()).isEqualTo(new Target.Drop());
        assertThat(r.table(Family.IPV4, "nat").orElseThrow().chain("prerouting").orElseThrow().rules().get(0).target())
                .isEqualTo(new Target.Nat("DNAT", Optional.of("10.0.3.5:443")));
        assertThat(r.rulesNotUnderstood()).isEmpty();
    }

    @Test
    void keepsTheArgumentlessXtExpressionsOfIptablesNftAsNotUnderstood() {
        Ruleset r = NftJson.parse(Resources.text("nft-j-iptables-nft-ufw.json"));
        assertThat(r.rulesNotUnderstood()).isNotEmpty();
        assertThat(r.rulesNotUnderstood().get(0).notUnderstood())
                .containsExactly("xt match addrtype (iptables-nft: nft -j does not show its arguments)");
    }

    @Test
    void reportsStructuralErrorsWithTheItemIndex() {
        String text = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}},"
                + " {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": []}}]}";
        assertThatThrownBy(() -> NftJson.parse(text, "x.json")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("x.json:2:1: rule for chain 'c' which is not declared in table inet t");
        assertThat(NftJson.parseLenient(text, "x.json").diagnostics()).hasSize(1);
        assertThatThrownBy(() -> NftJson.parse("{\"nftables\": [1,]}", "y.json")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("y.json:1:17: unexpected character ']'");
        assertThatThrownBy(() -> NftJson.parse("{\"a\":1,\"a\":2}")).hasMessageStartingWith("<string>:1:8: duplicate key 'a'");
        assertThat(NftJson.tryParse("[")).isEmpty();
    }

    @Property(tries = 300)
    void arbitraryTextOnlyYieldsARulesetOrAParseException(@ForAll @StringLength(max = 200) String text) {
        for (String t : List.of(text, "{\"nftables\": [" + text + "]}")) {
            try {
                assertThat(NftJson.parse(t)).isNotNull();
            } catch (ParseException e) {
                assertThat(e.position().line()).isPositive();
            }
        }
    }
}
