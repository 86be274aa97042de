package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.ServiceNames;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real ss listings (iproute2 6.1.0, Debian 12) of a network namespace holding listeners on
 * named ports (ssh, http-alt, ipp, postgresql, https, mdns, domain, ntp), a numbered one (47123 and
 * 8443), raw ICMP sockets and one established pair, printed without {@code -n}, with {@code -r}
 * (host names from the namespace's own hosts file), {@code -T} and state filters.
 */
class RealWorldListingsTest {

    static final List<String> NAMED = List.of("ss-a-names-debian12.txt", "ss-tl-names-debian12.txt",
            "ss-ul-names-debian12.txt", "ss-tlp-names-debian12.txt", "ss-plut-names-debian12.txt",
            "ss-4tl-names-debian12.txt", "ss-Oa-names-debian12.txt", "ss-tlpr-names-debian12.txt",
            "ss-plutr-names-debian12.txt", "ss-tlT-names-debian12.txt", "ss-HtlT-names-debian12.txt",
            "ss-ar-names-debian12.txt", "ss-tn-state-established-names-debian12.txt",
            "ss-Htn-state-established-names-debian12.txt", "ss-t-state-listening-names-debian12.txt",
            "ss-l-state-listening-names-debian12.txt", "ss-Hl-state-listening-names-debian12.txt");

    @ParameterizedTest
    @ValueSource(strings = {"ss-a-names-debian12.txt", "ss-tl-names-debian12.txt",
        "ss-ul-names-debian12.txt", "ss-tlp-names-debian12.txt", "ss-plut-names-debian12.txt",
        "ss-4tl-names-debian12.txt", "ss-Oa-names-debian12.txt", "ss-tlpr-names-debian12.txt",
        "ss-plutr-names-debian12.txt", "ss-tlT-names-debian12.txt", "ss-HtlT-names-debian12.txt",
        "ss-ar-names-debian12.txt", "ss-tn-state-established-names-debian12.txt",
        "ss-Htn-state-established-names-debian12.txt", "ss-t-state-listening-names-debian12.txt",
        "ss-l-state-listening-names-debian12.txt", "ss-Hl-state-listening-names-debian12.txt"})
    void parsesEveryLineOfEveryForm(String capture) {
        String text = Captures.read(capture);
        // ss -t state ... prints neither Netid nor State: the caller says tcp (readsStateFilteredListings... below)
        SocketTable table = capture.contains("-state-") && !capture.startsWith("ss-l-") && !capture.startsWith("ss-Hl-")
                ? SocketTable.parse(text, capture, Netid.TCP) : SocketTable.parse(text, capture);
        long socketLines = text.lines().filter(l -> !l.isBlank() && !SocketParser.isHeader(l)).count();
        assertThat(table.sockets()).hasSize((int) socketLines);
        assertThat(SocketTable.parse(table.render()).sockets()).isEqualTo(table.sockets());
    }

    @Test
    void mapsServiceNamesBackToThePortsSsNamed() {
        SocketTable table = SocketTable.parse(Captures.read("ss-plut-names-debian12.txt"));
        assertThat(table.sockets()).extracting(s -> s.netidName() + " " + s.local().address() + " "
                + s.local().portText() + "=" + s.local().port()).containsExactly(
                "udp 0.0.0.0 mdns=5353", "udp 127.0.0.1 domain=53", "udp * ntp=123",
                "tcp 0.0.0.0 ssh=22", "tcp 127.0.0.1 postgresql=5432", "tcp 10.77.0.5 8443=8443",
                "tcp 0.0.0.0 47123=47123", "tcp 127.0.0.1 ipp=631", "tcp :: ssh=22", "tcp 2001:db8::5 https=443",
                "tcp * http-alt=8080", "tcp ::1 ipp=631");
        assertThat(table.sockets()).allSatisfy(s -> assertThat(s.local().portNumber()).isPresent());
    }

    @Test
    void mapsARawSocketsProtocolName() {
        SocketTable table = SocketTable.parse(Captures.read("ss-a-names-debian12.txt"));
        assertThat(table.sockets()).filteredOn(s -> s.netid() == Netid.RAW)
                .extracting(s -> s.local().toString(), s -> s.local().port())
                .containsExactly(tuple("0.0.0.0:icmp", 1), tuple("*:ipv6-icmp", 58));
    }

    @Test
    void readsServiceNamesWithTheDatabaseOfTheListingsMachine() {
        // a machine whose services file names 8080 differently, and knows no ssh
        ServiceNames names = ServiceNames.parse("webcache 8080/tcp http-alt # local\n", "");
        SocketTable table = SocketTable.parse(Captures.read("ss-tl-names-debian12.txt"), "ss -tl", names);
        SocketEntry ssh = table.sockets().get(0);
        assertThat(ssh.local().serviceName()).hasValue("ssh");
        assertThat(ssh.local().portNumber()).isEmpty();
        assertThat(table.sockets()).filteredOn(s -> s.local().portText().equals("http-alt"))
                .singleElement().satisfies(s -> assertThat(s.local().port()).isEqualTo(8080));
    }

    @Test
    void keepsHostNamesOfSsRAsNames() {
        SocketTable table = SocketTable.parse(Captures.read("ss-tlpr-names-debian12.txt"));
        assertThat(table.sockets()).extracting(s -> s.local().kind() + " " + s.local()).containsExactly(
                "IP 0.0.0.0:ssh", "HOST_NAME localhost:postgresql", "HOST_NAME web1.example.com:8443",
                "IP 0.0.0.0:47123", "HOST_NAME localhost:ipp", "IP [::]:ssh", "HOST_NAME web1v6.example.com:https",
                "IP *:http-alt", "HOST_NAME localhost:ipp");
        SocketEntry web = table.sockets().get(2);
        assertThat(web.local().hostName()).hasValue("web1.example.com");
        assertThat(web.local().port()).isEqualTo(8443);
        assertThat(web.local().addressScope()).isEmpty();
        assertThat(table.sockets().get(1).local().port()).isEqualTo(5432);
        assertThat(table.listening()).hasSize(9);
    }

    @Test
    void readsThreadIdsOfSsT() {
        for (String capture : List.of("ss-tlT-names-debian12.txt", "ss-HtlT-names-debian12.txt")) {
            SocketTable table = SocketTable.parse(Captures.read(capture));
            assertThat(table.sockets()).hasSize(9).allSatisfy(s -> assertThat(s.processes()).singleElement()
                    .satisfies(p -> {
                        assertThat(p.name()).isEqualTo("python3");
                        assertThat(p.tid()).isEqualTo(p.pid()).isPositive();
                    }));
            assertThat(table.sockets().get(0).processes().get(0)).hasToString("(\"python3\",pid=15900,tid=15900,fd=3)");
        }
    }

    @Test
    void refusesToGuessTheSocketTypeOfALineWithNeitherNetidNorState() {
        // ss -tn state established and ss -un state established print the same columns (checked with ss here)
        String established = Captures.read("ss-tn-state-established-names-debian12.txt");
        assertThatThrownBy(() -> SocketTable.parse(established, "ss -tn state established"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("ss -tn state established:2:1: no Netid and no State column (one socket type and"
                        + " a state filter, as in ss -tn state established or ss -u): the listing does not say tcp or udp;"
                        + " give the socket type (SocketTable.parse(text, source, Netid.TCP))");
        ParseResult<SocketTable> lenient = SocketTable.parseLenient(established);
        assertThat(lenient.value().sockets()).isEmpty();
        assertThat(lenient.value().unparsed()).hasSize(2);
        SocketTable asUdp = SocketTable.parse(established, "ss -un state established", Netid.UDP);
        assertThat(asUdp.sockets()).extracting(SocketEntry::netidName).containsExactly("udp", "udp");
        // a State column says it: UNCONN is udp's, LISTEN tcp's
        assertThat(SocketTable.parse(Captures.read("ss-ul-names-debian12.txt")).sockets())
                .extracting(SocketEntry::netid).containsOnly(Netid.UDP);
        // a Netid column wins over the caller's word
        assertThat(SocketTable.parse(Captures.read("ss-l-state-listening-names-debian12.txt"), "l", Netid.UDP).sockets())
                .extracting(SocketEntry::netid).contains(Netid.TCP);
    }

    @Test
    void readsStateFilteredListingsWithoutTheStateColumn() {
        SocketTable established = SocketTable.parse(Captures.read("ss-tn-state-established-names-debian12.txt"), "e",
                Netid.TCP);
        assertThat(established.sockets()).extracting(SocketEntry::netidName, SocketEntry::state,
                s -> s.local().port(), s -> s.peer().port())
                .containsExactly(tuple("tcp", SocketState.UNKNOWN, 34870, 5432), tuple("tcp", SocketState.UNKNOWN,
                        5432, 34870));
        assertThat(established.listening()).isEmpty();
        assertThat(SocketTable.parse(Captures.read("ss-Htn-state-established-names-debian12.txt"), "h", Netid.TCP)
                .sockets()).isEqualTo(established.sockets());

        SocketTable listening = SocketTable.parse(Captures.read("ss-t-state-listening-names-debian12.txt"), "l",
                Netid.TCP);
        assertThat(listening.sockets()).hasSize(9).allSatisfy(s -> {
            assertThat(s.netid()).isEqualTo(Netid.TCP);
            assertThat(s.state()).isEqualTo(SocketState.LISTEN);
        });
        assertThat(listening.listening()).hasSize(9);

        SocketTable withNetid = SocketTable.parse(Captures.read("ss-l-state-listening-names-debian12.txt"));
        assertThat(withNetid.sockets()).hasSize(9).allSatisfy(s -> assertThat(s.state()).isEqualTo(SocketState.LISTEN));
        assertThat(SocketTable.parse(Captures.read("ss-Hl-state-listening-names-debian12.txt")).sockets())
                .isEqualTo(withNetid.sockets());
    }

    @Test
    void refusesSummaryOutputClearly() {
        String summary = Captures.read("ss-s-names-debian12.txt");
        assertThatThrownBy(() -> SocketTable.parse(summary, "ss -s")).isInstanceOf(ParseException.class)
                .hasMessage("ss -s:1:1: summary output (ss -s) is not a socket listing; run ss without -s"
                        + " in 'Total: 16'");
        ParseResult<SocketTable> lenient = SocketTable.parseLenient(summary);
        assertThat(lenient.diagnostics()).hasSize(1);
        assertThat(lenient.value().sockets()).isEmpty();
        assertThat(lenient.value().unparsed()).hasSize((int) summary.lines().filter(l -> !l.isBlank()).count());
    }

    @Test
    void endpointErrorsArePositionedParseExceptionsEverywhere() {
        assertThatThrownBy(() -> SocketTable.parse("tcp LISTEN 0 5 0.0.0.0:s/x 0.0.0.0:*\n", "ss.txt"))
                .isInstanceOf(ParseException.class)
                .hasMessage("ss.txt:1:24: port 's/x' is neither a number in 0..65535 nor a service name"
                        + " in 'tcp LISTEN 0 5 0.0.0.0:s/x 0.0.0.0:*'");
        assertThat(Endpoint.tryParse("0.0.0.0:s/x")).isEmpty();
    }

    @Test
    void everyCaptureIsListed() {
        assertThat(NAMED.stream().map(Captures::read).collect(Collectors.toList())).allSatisfy(t ->
                assertThat(t).isNotBlank());
    }
}
