package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class UfwTest {

    @Test
    void readsTheTupleLinesRealUfwWrote() {
        List<UfwRule> rules = UfwUserRules.parse(Resources.text("ufw-user.rules-many"), "user.rules", false);
        assertThat(rules).hasSize(8);
        UfwRule ssh = rules.get(0);
        assertThat(ssh.action()).isEqualTo("deny");
        assertThat(ssh.protocol()).isEqualTo("tcp");
        assertThat(ssh.ports()).containsExactly(PortRange.of(22));
        assertThat(ssh.comment()).contains("now denied");
        assertThat(ssh.position().line()).isEqualTo(rules.get(0).position().line());
        assertThat(rules.get(1).source()).isEqualTo(IpNetwork.parse("10.0.0.0/8"));
        assertThat(rules.get(1).protocol()).isEqualTo("any");
        assertThat(rules.get(2).action()).isEqualTo("limit");
        assertThat(rules.get(3).interfaceIn()).contains("eth1");
        assertThat(rules.get(4).ports()).isEmpty();
        assertThat(rules.get(5).ports()).containsExactly(PortRange.of(60000, 61000));
        assertThat(rules.get(6).routed()).isTrue();
        assertThat(rules.get(6).interfaceIn()).contains("wg0");
        assertThat(rules.get(6).interfaceOut()).contains("eth0");
        assertThat(rules.get(7).log()).isEqualTo("log");
        List<UfwRule> v6 = UfwUserRules.parse(Resources.text("ufw-user6.rules-many"), "user6.rules", true);
        assertThat(v6).hasSize(6).allMatch(UfwRule::ipv6);
        assertThat(UfwUserRules.parse(Resources.text("ufw-user.rules"))).extracting(UfwRule::toString).containsExactly(
                "allow in tcp [22] from 0.0.0.0/0 to 0.0.0.0/0", "allow in any [5432] from 10.0.0.0/8 to 0.0.0.0/0");
    }

    @Test
    void addingARuleWithTheSameTupleReplacesItInPlaceLikeUfw() {
        List<UfwRule> before = UfwUserRules.parse(Resources.text("ufw-user.rules"));
        UfwRule deny = UfwUserRules.parse("### tuple ### deny tcp 22 0.0.0.0/0 any 0.0.0.0/0 in\n").get(0);
        List<UfwRule> after = UfwUserRules.add(before, deny);
        assertThat(after).hasSize(2);
        assertThat(after.get(0).action()).isEqualTo("deny");
        UfwRule other = UfwUserRules.parse("### tuple ### deny tcp 23 0.0.0.0/0 any 0.0.0.0/0 in\n").get(0);
        assertThat(UfwUserRules.add(before, other)).hasSize(3).last().isEqualTo(other);
    }

    @Test
    void reportsMalformedTuples() {
        assertThatThrownBy(() -> UfwUserRules.parse("x\n### tuple ### allow tcp 22\n", "u", false))
                .isInstanceOf(ParseException.class)
                .hasMessage("u:2:1: a tuple has 6 to 9 fields, got 3 in '### tuple ### allow tcp 22'");
        assertThatThrownBy(() -> UfwUserRules.parse("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in comment=zz\n"))
                .hasMessageContaining("comment 'zz' is not hex");
        assertThat(UfwUserRules.parseLenient("### tuple ### permit tcp 22 0.0.0.0/0 any 0.0.0.0/0 in\n", "u", false)
                .diagnostics()).extracting(ParseException::reason)
                .containsExactly("action 'permit' is not allow, deny, reject or limit");
        assertThat(UfwUserRules.tryParse("### tuple ### allow tcp 99999 0.0.0.0/0 any 0.0.0.0/0 in")).isEmpty();
    }

    @Test
    void readsUfwStatusVerbose() {
        UfwStatus s = UfwStatus.parse(Resources.text("ufw-status-verbose.txt"));
        assertThat(s.active()).isTrue();
        assertThat(s.logging()).contains("on (low)");
        assertThat(s.defaults()).isEqualTo(Map.of("incoming", "deny", "outgoing", "allow", "routed", "disabled"));
        assertThat(s.rules()).hasSize(14);
        assertThat(s.rules().get(0)).isEqualTo(new UfwStatus.Entry(OptionalInt.empty(), "22/tcp", "DENY", "IN", "Anywhere",
                false, "", Optional.of("now denied")));
        assertThat(s.rules().get(3).to()).isEqualTo("3306/tcp on eth1");
        assertThat(s.rules().get(6).log()).isEqualTo("log");
        assertThat(s.rules().get(7).ipv6()).isTrue();
        assertThat(s.rules().get(12).direction()).isEqualTo("FWD");
        assertThat(s.rules().get(12).from()).isEqualTo("Anywhere on wg0");
    }

    @Test
    void readsUfwStatusNumbered() {
        UfwStatus s = UfwStatus.parse(Resources.text("ufw-status-numbered.txt"));
        assertThat(s.defaults()).isEmpty();
        assertThat(s.rules()).hasSize(14);
        assertThat(s.rules().get(9).number()).hasValue(10);
        assertThat(s.rules().get(9).to()).isEqualTo("2222/tcp (v6)");
        assertThat(s.rules().get(9).action()).isEqualTo("LIMIT");
        assertThat(UfwStatus.parse("Status: inactive\n").active()).isFalse();
        assertThatThrownBy(() -> UfwStatus.parse("Status: active\n\nTo  Action  From\n22  PERMIT  x\n", "s"))
                .hasMessage("s:4:5: action 'PERMIT' is not ALLOW, DENY, REJECT or LIMIT in '22  PERMIT  x'");
    }

    @Property(tries = 300)
    void arbitraryTextOnlyYieldsAValueOrAParseException(@ForAll @StringLength(max = 200) String text) {
        for (String t : List.of(text, "### tuple ### " + text, "Status: active\nTo    Action  From\n" + text)) {
            try {
                UfwUserRules.parse(t);
                UfwStatus.parse(t);
            } catch (ParseException e) {
                assertThat(e.position().line()).isPositive();
            }
        }
    }
}
