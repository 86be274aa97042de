package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.Endpoint;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SocketTableTest {

    static List<String> captures() {
        return Captures.ALL;
    }

    private static SocketTable capture(String name) {
        // ss -tn lists connections only, and no LISTEN line says tcp before their ESTAB: the caller says what ss listed
        return name.startsWith("ss-tn") ? SocketTable.parse(Captures.read(name), name, Netid.TCP)
                : SocketTable.parse(Captures.read(name), name);
    }

    private static SocketEntry at(SocketTable table, String local) {
        return between(table, local, null);
    }

    private static SocketEntry between(SocketTable table, String local, String peer) {
        List<SocketEntry> found = table.sockets().stream().filter(s -> s.local().toString().equals(local))
                .filter(s -> peer == null || s.peer().toString().equals(peer))
                .collect(Collectors.toList());
        assertThat(found).as("sockets at %s", local).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void parsesEverySocketLineOfEveryCapture(String name) {
        String text = Captures.read(name);
        long socketLines = text.lines().filter(l -> !l.isBlank() && !SocketParser.isHeader(l)
                && !l.startsWith("\t")).count();
        assertThat(capture(name).sockets()).hasSize((int) socketLines);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void renderedTableParsesBackToTheSameSockets(String name) {
        SocketTable table = capture(name);
        assertThat(SocketTable.parse(table.render())).isEqualTo(table);
    }

    @Test
    void readsEveryProcessOfPlunt() {
        SocketTable table = capture("ss-plunt-debian12.txt");
        SocketEntry udp = at(table, "127.0.0.1:49700");
        assertThat(udp.netid()).isEqualTo(Netid.UDP);
        assertThat(udp.state()).isEqualTo(SocketState.UNCONN);
        assertThat(udp.isListening()).isTrue();
        assertThat(udp.peer().address()).isEqualTo("0.0.0.0");
        assertThat(udp.peer().isWildcardPort()).isTrue();
        assertThat(udp.processes()).containsExactly(new SocketProcess("worker 1", 7483, 11),
                new SocketProcess("db \"a\",(b", 7427, 11));
        SocketEntry unknown = at(table, "0.0.0.0:2024");
        assertThat(unknown.processes()).isEmpty();
        assertThat(unknown.sendQ()).isEqualTo(128);
        assertThat(unknown.isListening()).isTrue();
    }

    @Test
    void readsScopesWildcardsAndBracketedIpv6() {
        SocketTable table = capture("ss-tunap-debian12.txt");
        Endpoint scoped = at(table, "127.0.0.1%lo:41691").local();
        assertThat(scoped.address()).isEqualTo("127.0.0.1");
        assertThat(scoped.scope()).hasValue("lo");
        assertThat(scoped.port()).isEqualTo(41691);
        Endpoint linkLocal = at(table, "[fe80::fc:ff:fe00:1]%eth0:40783").local();
        assertThat(linkLocal.address()).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(linkLocal.scope()).hasValue("eth0");
        SocketEntry dual = at(table, "*:43947");
        assertThat(dual.local().isWildcardAddress()).isTrue();
        assertThat(dual.peer().port()).isZero();
        assertThat(dual.peer().isWildcardPort()).isTrue();
        SocketEntry v6 = between(table, "[::1]:43433", "[::]:*");
        assertThat(v6.local().address()).isEqualTo("::1");
        assertThat(v6.peer().address()).isEqualTo("::");
        assertThat(v6.peer().isWildcardAddress()).isTrue();
    }

    @Test
    void readsEstablishedAndV4MappedSockets() {
        SocketTable table = capture("ss-tunap-debian12.txt");
        SocketEntry established = at(table, "127.0.0.1:57468");
        assertThat(established.state()).isEqualTo(SocketState.ESTAB);
        assertThat(established.isListening()).isFalse();
        assertThat(established.peer().port()).isEqualTo(37053);
        assertThat(between(table, "127.0.0.1:37053", "0.0.0.0:*").isListening()).isTrue();
        SocketEntry mapped = at(table, "[::ffff:127.0.0.1]:35062");
        assertThat(mapped.local().address()).isEqualTo("::ffff:127.0.0.1");
        assertThat(mapped.peer().port()).isEqualTo(43947);
        assertThat(mapped.processes()).extracting(SocketProcess::fd).containsExactly(16, 16);
    }

    @Test
    void keepsExtensionFieldsInOrder() {
        SocketTable table = capture("ss-tunapeo-debian12.txt");
        SocketEntry own = at(table, "127.0.0.1:33755");
        assertThat(own.processes()).containsExactly(new SocketProcess("worker 1", 7483, 25));
        assertThat(own.extensions()).containsExactly(entry("uid", "65534"), entry("ino", "45982"),
                entry("sk", "1022"), entry("cgroup", "/"), entry(SocketEntry.SHUTDOWN, "<->"));
        assertThat(at(table, "127.0.0.1:57468").extension("timer")).hasValue("(keepalive,119min,0)");
        assertThat(at(table, "[::]:41611").extension("v6only")).hasValue("1");
        assertThat(at(table, "*:43947").extension("v6only")).hasValue("0");
        SocketEntry timeWait = at(table, "[::1]:50176");
        assertThat(timeWait.state()).isEqualTo(SocketState.TIME_WAIT);
        assertThat(timeWait.stateName()).isEqualTo("TIME-WAIT");
        assertThat(timeWait.extensions()).containsExactly(entry("timer", "(timewait,54sec,0)"),
                entry("ino", "0"), entry("sk", "1014"));
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }

    @Test
    void infersTcpWithoutANetidColumnAndKeepsInfoLines() {
        SocketTable table = capture("ss-tlnpi-debian12.txt");
        assertThat(table.sockets()).allSatisfy(s -> {
            assertThat(s.netid()).isEqualTo(Netid.TCP);
            assertThat(s.info()).containsExactly("bbr cwnd:10");
        });
        SocketEntry estab = at(capture("ss-tanpmi-debian12.txt"), "127.0.0.1:57468");
        assertThat(estab.info()).hasSize(1);
        assertThat(estab.info().get(0)).startsWith("skmem:(r0,rb131072,").contains("bytes_sent:100");
    }

    @Test
    void keepsTheInfoThatSsPrintsOnTheSocketLineWithOneline() {
        SocketEntry client = at(capture("ss-tnpeimO-debian12.txt"), "127.0.0.1:39032");
        assertThat(client.extensions()).containsOnlyKeys("timer", "ino", "sk", "cgroup", SocketEntry.SHUTDOWN, "skmem");
        assertThat(client.extension("skmem")).hasValue("(r0,rb131072,t0,tb3939840,f0,w0,o0,bl0,d0)");
        assertThat(client.info()).singleElement().satisfies(info ->
                assertThat(info).startsWith("ts sack bbr wscale:10,10 rto:204").contains("bytes_sent:100"));
    }

    @Test
    void joinsOnelineInfoAndIndentedInfoLines() {
        SocketEntry entry = SocketTable.parse("tcp ESTAB 0 0 10.0.0.1:22 10.0.0.2:5000 ino:5 <-> bbr send 0bps"
                + " pacing_rate 0bps\n\t more info\n").sockets().get(0);
        assertThat(entry.extensions()).containsExactly(entry("ino", "5"), entry(SocketEntry.SHUTDOWN, "<->"));
        assertThat(entry.info()).containsExactly("bbr send 0bps pacing_rate 0bps", "more info");
    }

    @Test
    void infersUdpForUnconnectedSocketsWithoutANetidColumn() {
        assertThat(capture("ss-uln-debian12.txt").sockets()).extracting(SocketEntry::netid)
                .containsOnly(Netid.UDP).hasSize(3);
    }

    @Test
    void readsListingsWithoutHeader() {
        SocketTable table = capture("ss-H-tan-debian12.txt");
        assertThat(at(table, "[::ffff:127.0.0.1]:38636").state()).isEqualTo(SocketState.TIME_WAIT);
        assertThat(capture("ss-H-plunt-debian12.txt").sockets()).isEqualTo(capture("ss-plunt-debian12.txt").sockets());
    }

    @Test
    void readsUnixNetlinkAndPacketSockets() {
        SocketTable table = capture("ss-ap-debian12.txt");
        SocketEntry netlink = table.sockets().get(1);
        assertThat(netlink.netid()).isEqualTo(Netid.NL);
        assertThat(netlink.recvQ()).isEqualTo(4352);
        assertThat(netlink.local().address()).isEqualTo("tcpdiag");
        assertThat(netlink.local().portText()).startsWith("ss/");
        assertThat(netlink.peer().toString()).isEqualTo("*");
        SocketEntry packet = at(table, "[34997]:lo");
        assertThat(packet.netid()).isEqualTo(Netid.P_DGR);
        assertThat(packet.local().address()).isEqualTo("34997");
        assertThat(packet.local().isIp()).isFalse();
        SocketEntry unixListener = at(table, "/tmp/sscap/bulwark.sock 46873");
        assertThat(unixListener.netid()).isEqualTo(Netid.U_STR);
        assertThat(unixListener.isListening()).isTrue();
        assertThat(unixListener.local().isUnix()).isTrue();
        assertThat(unixListener.peer().portText()).isEqualTo("0");
        assertThat(unixListener.processes()).hasSize(2);
        SocketEntry anonymous = at(table, "* 1141");
        assertThat(anonymous.peer().portText()).isEqualTo("1142");
        assertThat(anonymous.processes()).isEmpty();
        assertThat(at(table, "@bulwark-abstract 46876").netid()).isEqualTo(Netid.U_DGR);
    }

    @Test
    void keepsIpv4OnlyFormsApart() {
        assertThat(capture("ss-lnptu4-debian12.txt").sockets()).allSatisfy(s ->
                assertThat(s.local().address()).doesNotContain(":"));
    }
}
