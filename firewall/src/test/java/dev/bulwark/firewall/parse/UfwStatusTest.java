package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link UfwStatus} against real ufw 0.36.2 output whose To and From columns overflow ufw's
 * padding ({@code ufw-status-wide-columns.sh} made the captures): every listed row must read as
 * exactly the rule ufw stored for it in the {@code user.rules} and {@code user6.rules} of the same
 * run.
 */
class UfwStatusTest {

    private static final String HEADER = "Status: active\n\nTo                         Action      From\n"
            + "--                         ------      ----\n";

    private static List<UfwRule> stored() {
        List<UfwRule> rules = new ArrayList<>(UfwUserRules.parse(Resources.text("ufw-user.rules-wide-columns"),
                "user.rules", false));
        rules.addAll(UfwUserRules.parse(Resources.text("ufw-user6.rules-wide-columns"), "user6.rules", true));
        return rules;
    }

    /** The order of {@code ufw status} and {@code status verbose}: incoming, then outgoing, then routed rules. */
    private static List<UfwRule> grouped() {
        List<UfwRule> all = stored();
        return Stream.of(all.stream().filter(r -> !r.routed() && r.inbound()),
                        all.stream().filter(r -> !r.routed() && !r.inbound()), all.stream().filter(UfwRule::routed))
                .flatMap(s -> s).collect(Collectors.toList());
    }

    @Test
    void numberedStatusListsExactlyTheStoredRulesInTheirOrder() {
        UfwStatus status = UfwStatus.parse(Resources.text("ufw-status-numbered-wide-columns.txt"), "numbered");
        List<UfwRule> rules = stored();
        assertThat(status.rules()).hasSize(35).hasSameSizeAs(rules);
        for (int i = 0; i < rules.size(); i++) {
            assertThat(status.rules().get(i).number()).hasValue(i + 1);
            assertLists(status.rules().get(i), rules.get(i), Mode.NUMBERED);
        }
    }

    @Test
    void verboseStatusListsExactlyTheStoredRules() {
        UfwStatus status = UfwStatus.parse(Resources.text("ufw-status-verbose-wide-columns.txt"), "verbose");
        assertThat(status.logging()).contains("on (low)");
        List<UfwRule> rules = grouped();
        assertThat(status.rules()).hasSameSizeAs(rules);
        for (int i = 0; i < rules.size(); i++) {
            assertLists(status.rules().get(i), rules.get(i), Mode.VERBOSE);
        }
    }

    @Test
    void plainStatusListsExactlyTheStoredRules() {
        UfwStatus status = UfwStatus.parse(Resources.text("ufw-status-wide-columns.txt"), "status");
        assertThat(status.defaults()).isEmpty();
        List<UfwRule> rules = grouped();
        assertThat(status.rules()).hasSameSizeAs(rules);
        for (int i = 0; i < rules.size(); i++) {
            assertLists(status.rules().get(i), rules.get(i), Mode.PLAIN);
        }
    }

    @Test
    void readsRowsWhoseColumnsOverflowTheHeader() {
        List<UfwStatus.Entry> rows = UfwStatus.parse(Resources.text("ufw-status-numbered-wide-columns.txt")).rules();
        assertThat(rows.get(20)).isEqualTo(new UfwStatus.Entry(OptionalInt.of(21),
                "10.20.30.40 6000:6007,7000/udp on eth0", "REJECT", "IN", "Anywhere", false, "", Optional.empty()));
        assertThat(rows.get(20).destination()).isEqualTo(new UfwStatus.Endpoint(
                Optional.of(IpNetwork.parse("10.20.30.40")), List.of(PortRange.of(6000, 6007), PortRange.of(7000)),
                Optional.of("udp"), Optional.empty(), Optional.of("eth0"), false));
        assertThat(rows.get(29)).isEqualTo(new UfwStatus.Entry(OptionalInt.of(30),
                "2001:db8:abcd:ef01:2345:6789:abcd:ef02 22/tcp", "ALLOW", "IN",
                "2001:db8:abcd:ef01:2345:6789:abcd:ef01", true, "", Optional.of("host to host")));
        assertThat(rows.get(23).to()).isEqualTo("2001:db8:1234:5678::/64 on eth0");
        assertThat(rows.get(17).comment()).contains("ALLOW IN # (log) 10.0.0.1 DENY");
        assertThat(rows.get(18)).isEqualTo(new UfwStatus.Entry(OptionalInt.of(19), "465/tcp", "DENY", "OUT",
                "Anywhere", false, "log-all", Optional.empty()));
        assertThat(rows.get(5).log()).isEmpty();
        assertThat(rows.get(11).source()).isEqualTo(new UfwStatus.Endpoint(
                Optional.of(IpNetwork.parse("198.51.100.0/24")), List.of(), Optional.of("tcp"), Optional.empty(),
                Optional.empty(), false));
        List<UfwStatus.Entry> verbose = UfwStatus.parse(Resources.text("ufw-status-verbose-wide-columns.txt")).rules();
        assertThat(verbose.get(12).to()).isEqualTo("192.168.0.1 80,443/tcp (Apache Full)");
        assertThat(verbose.get(18).destination().application()).contains("Apache Full");
        assertThat(verbose.get(18).destination().v6Marker()).isTrue();
        List<UfwStatus.Entry> plain = UfwStatus.parse(Resources.text("ufw-status-wide-columns.txt")).rules();
        assertThat(plain.get(12).destination()).isEqualTo(new UfwStatus.Endpoint(
                Optional.of(IpNetwork.parse("192.168.0.1")), List.of(), Optional.empty(), Optional.of("Apache Full"),
                Optional.empty(), false));
        assertThat(plain.get(0).direction()).isEmpty();
    }

    @Test
    void aRowWithTwoActionWordsIsRefusedNotSplitAtAGuess() {
        String text = HEADER + "LIMIT Service              ALLOW       Anywhere\n";
        assertThatThrownBy(() -> UfwStatus.parse(text, "s"))
                .isInstanceOf(ParseException.class)
                .hasMessage("s:5:28: two action words, 'LIMIT' at column 1 and 'ALLOW' at column 28:"
                        + " cannot tell To from From in 'LIMIT Service              ALLOW       Anywhere'");
    }

    @Test
    void aRowWithoutAnActionWordIsRefused() {
        assertThatThrownBy(() -> UfwStatus.parse(HEADER + "192.168.0.1 22/tcp allow 10.0.0.0/8\n", "s"))
                .hasMessage("s:5:1: no action word (ALLOW, DENY, REJECT or LIMIT) in the rule row"
                        + " in '192.168.0.1 22/tcp allow 10.0.0.0/8'");
        assertThatThrownBy(() -> UfwStatus.parse(HEADER + "ALLOW IN    Anywhere\n", "s"))
                .hasMessage("s:5:1: the To column is empty in 'ALLOW IN    Anywhere'");
        assertThatThrownBy(() -> UfwStatus.parse(HEADER + "22/tcp                     ALLOW IN\n", "s"))
                .hasMessage("s:5:36: the From column is empty in '22/tcp                     ALLOW IN'");
    }

    @Test
    void aBrokenAddressIsAnErrorAtItsColumnNeverAShorterAddress() {
        // what a fixed column split would make of a To column 8 characters wider than the header
        String row = "10.0.0.0/8 192.168.0.1/32 ALLOW IN    Anywhere";
        assertThatThrownBy(() -> UfwStatus.parse(HEADER + row + "\n", "s"))
                .hasMessage("s:5:12: '192.168.0.1/32' is not an address, ports or application name in '" + row + "'");
        assertThatThrownBy(() -> UfwStatus.parse(HEADER + "Anywhere                   ALLOW IN    10.0.0.1/8\n", "s"))
                .hasMessage("s:5:40: '10.0.0.1/8' is not an address or network: 10.0.0.1/8 has host bits set;"
                        + " did you mean 10.0.0.0/8? in 'Anywhere                   ALLOW IN    10.0.0.1/8'");
        UfwStatus.Entry wide = UfwStatus.parse(HEADER
                + "192.168.100.201 3306/tcp on eth0 ALLOW IN    192.168.100.200            (log-all)\n").rules().get(0);
        assertThat(wide.destination().network()).contains(IpNetwork.parse("192.168.100.201"));
        assertThat(wide.source().network()).contains(IpNetwork.parse("192.168.100.200"));
        assertThat(wide.log()).isEqualTo("log-all");
    }

    @Test
    void parenthesesAfterTheFromColumnAreLoggingOnlyWhereUfwPutsThem() {
        String verbose = "Status: active\nLogging: on (low)\n\nTo                         Action      From\n";
        // verbose output of an application named "log": a From of "80/tcp (log)" one space after the ports
        UfwStatus.Entry app = UfwStatus.parse(verbose + "Anywhere                   ALLOW IN    80/tcp (log)\n")
                .rules().get(0);
        assertThat(app.from()).isEqualTo("80/tcp (log)");
        assertThat(app.log()).isEmpty();
        assertThat(app.source().application()).contains("log");
        UfwStatus.Entry logged = UfwStatus.parse(verbose
                + "Anywhere                   ALLOW IN    80/tcp                     (log)\n").rules().get(0);
        assertThat(logged.from()).isEqualTo("80/tcp");
        assertThat(logged.log()).isEqualTo("log");
        // ufw prints the same text for both when From is 26 characters or wider: logging
        UfwStatus.Entry wide = UfwStatus.parse(verbose
                + "Anywhere                   ALLOW IN    2001:db8:abcd:ef01::1 80/tcp (log)\n").rules().get(0);
        assertThat(wide.log()).isEqualTo("log");
        assertThat(wide.from()).isEqualTo("2001:db8:abcd:ef01::1 80/tcp");
        String moved = "Anywhere                   ALLOW IN    80/tcp  (log)";
        assertThatThrownBy(() -> UfwStatus.parse(verbose + moved + "\n", "s"))
                .hasMessage("s:5:48: '(log)' is neither where ufw puts logging nor right after the ports in '"
                        + moved + "'");
        // without verbose, applications are never in parentheses
        assertThat(UfwStatus.parse(HEADER + "Anywhere                   ALLOW IN    80/tcp (log)\n").rules().get(0).log())
                .isEqualTo("log");
    }

    @Test
    void endpointsParseAndTryParse() {
        assertThat(UfwStatus.Endpoint.parse("Anywhere/tcp (v6) on eth0")).isEqualTo(new UfwStatus.Endpoint(
                Optional.empty(), List.of(), Optional.of("tcp"), Optional.empty(), Optional.of("eth0"), true));
        assertThat(UfwStatus.Endpoint.parse("22/tcp (OpenSSH (v6))").application()).contains("OpenSSH");
        assertThat(UfwStatus.Endpoint.tryParse("70000/tcp")).isEmpty();
        assertThatThrownBy(() -> UfwStatus.Endpoint.parse("1.2.3.4 x/y"))
                .hasMessage("<string>:1:9: 'x/y' is not an address, ports or application name in '1.2.3.4 x/y'");
        assertThat(UfwStatus.tryParse("To Action From\n")).isEmpty();
    }

    private enum Mode { PLAIN, VERBOSE, NUMBERED }

    /** Asserts that {@code e} is how ufw lists {@code r} (its get_status rules, read from its source). */
    private static void assertLists(UfwStatus.Entry e, UfwRule r, Mode mode) {
        String what = e + " for " + r;
        assertThat(e.action()).as(what).isEqualTo(r.action().toUpperCase(Locale.ROOT));
        String direction = r.routed() ? "FWD" : r.inbound() ? (mode == Mode.PLAIN ? "" : "IN") : "OUT";
        assertThat(e.direction()).as(what).isEqualTo(direction);
        assertThat(e.log()).as(what).isEqualTo(r.log());
        assertThat(e.comment()).as(what).isEqualTo(r.comment());
        assertThat(e.ipv6()).as(what).isEqualTo(r.ipv6());
        UfwStatus.Endpoint dst = e.destination();
        UfwStatus.Endpoint src = e.source();
        assertThat(dst.network()).as(what).isEqualTo(specific(r.destination()));
        assertThat(src.network()).as(what).isEqualTo(specific(r.source()));
        assertThat(dst.interfaceName()).as(what).isEqualTo(r.routed() ? r.interfaceOut() : r.interfaceIn());
        assertThat(src.interfaceName()).as(what).isEqualTo(r.routed() ? r.interfaceIn() : r.interfaceOut());
        assertThat(dst.application()).as(what).isEqualTo(r.application());
        boolean appByName = r.application().isPresent() && mode != Mode.VERBOSE;
        assertThat(dst.ports()).as(what).isEqualTo(appByName ? List.of() : r.ports());
        assertThat(src.ports()).as(what).isEqualTo(r.sourcePorts());
        List<String> shown = Stream.of(dst.protocol(), src.protocol()).flatMap(Optional::stream).distinct()
                .collect(Collectors.toList());
        assertThat(shown).as(what).isEqualTo(r.protocol().equals("any") || appByName ? List.of() : List.of(r.protocol()));
    }

    private static Optional<IpNetwork> specific(IpNetwork n) {
        return n.prefixLength() == 0 ? Optional.empty() : Optional.of(n);
    }
}
