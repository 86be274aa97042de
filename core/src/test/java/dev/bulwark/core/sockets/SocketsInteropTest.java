package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.net.AddressScope;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opens real sockets in this JVM, runs the real ss, and finds every one of them with this JVM's pid. */
@RequiresTool("ss")
class SocketsInteropTest {

    private static final long PID = ProcessHandle.current().pid();

    private ServerSocket tcpLoopback4;
    private ServerSocket tcpLoopback6;
    private ServerSocket tcpAny4;
    private DatagramSocket udpLoopback4;
    private DatagramSocket udpLoopback6;
    private DatagramSocket udpAny4;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void openSockets() throws IOException {
        tcpLoopback4 = listen("127.0.0.1");
        tcpLoopback6 = listen("::1");
        tcpAny4 = listen("0.0.0.0");
        udpLoopback4 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        udpLoopback6 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        udpAny4 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        client = new Socket(InetAddress.getByName("127.0.0.1"), tcpLoopback4.getLocalPort());
        accepted = tcpLoopback4.accept();
    }

    private static ServerSocket listen(String address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return socket;
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (AutoCloseable c : List.<AutoCloseable>of(accepted, client, udpAny4, udpLoopback6, udpLoopback4, tcpAny4,
                tcpLoopback6, tcpLoopback4)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private static SocketTable ss(String options) throws IOException {
        String out = LocalHost.create().run(List.of("ss", options), Duration.ofSeconds(30)).requireSuccess().stdout();
        return SocketTable.parse(out, "ss " + options);
    }

    private static SocketEntry ours(SocketTable table, Netid netid, int port, SocketState state) {
        List<SocketEntry> found = table.sockets().stream()
                .filter(s -> s.netid() == netid && s.local().port() == port && s.state() == state)
                .collect(Collectors.toList());
        assertThat(found).as("%s %s port %d", netid, state, port).hasSize(1);
        assertThat(found.get(0).processes()).as("processes of %s", found.get(0))
                .anySatisfy(p -> assertThat(p.pid()).isEqualTo(PID));
        return found.get(0);
    }

    @Test
    void findsEveryListenerWithItsScopeAndThisJvmsPid() throws IOException {
        SocketTable table = ss("-plunt");
        SocketEntry tcp4 = ours(table, Netid.TCP, tcpLoopback4.getLocalPort(), SocketState.LISTEN);
        assertThat(tcp4.local().address()).isIn("127.0.0.1", "::ffff:127.0.0.1");
        assertThat(tcp4.local().addressScope()).hasValue(AddressScope.LOOPBACK);
        SocketEntry tcp6 = ours(table, Netid.TCP, tcpLoopback6.getLocalPort(), SocketState.LISTEN);
        assertThat(tcp6.local().address()).isEqualTo("::1");
        assertThat(tcp6.local().addressScope()).hasValue(AddressScope.LOOPBACK);
        SocketEntry any = ours(table, Netid.TCP, tcpAny4.getLocalPort(), SocketState.LISTEN);
        assertThat(any.local().isWildcardAddress()).isTrue();
        assertThat(any.local().addressScope()).hasValue(AddressScope.ANY);
        assertThat(any.isListening()).isTrue();

        SocketEntry udp4 = ours(table, Netid.UDP, udpLoopback4.getLocalPort(), SocketState.UNCONN);
        assertThat(udp4.local().addressScope()).hasValue(AddressScope.LOOPBACK);
        assertThat(udp4.isListening()).isTrue();
        SocketEntry udp6 = ours(table, Netid.UDP, udpLoopback6.getLocalPort(), SocketState.UNCONN);
        assertThat(udp6.local().address()).isEqualTo("::1");
        SocketEntry udpAny = ours(table, Netid.UDP, udpAny4.getLocalPort(), SocketState.UNCONN);
        assertThat(udpAny.local().addressScope()).hasValue(AddressScope.ANY);
    }

    @Test
    void findsBothEndsOfAnEstablishedConnection() throws IOException {
        SocketTable table = ss("-tanp");
        SocketEntry clientSide = ours(table, Netid.TCP, client.getLocalPort(), SocketState.ESTAB);
        assertThat(clientSide.peer().port()).isEqualTo(tcpLoopback4.getLocalPort());
        assertThat(clientSide.peer().addressScope()).hasValue(AddressScope.LOOPBACK);
        assertThat(clientSide.isListening()).isFalse();
        List<SocketEntry> serverSide = table.sockets().stream()
                .filter(s -> s.state() == SocketState.ESTAB && s.local().port() == tcpLoopback4.getLocalPort()
                        && s.peer().port() == client.getLocalPort())
                .collect(Collectors.toList());
        assertThat(serverSide).singleElement()
                .satisfies(s -> assertThat(s.processes()).extracting(SocketProcess::pid).contains(PID));
    }

    @Test
    void theLocalAuditReportsTheWildcardListenerOfThisJvm() throws IOException {
        ServiceReport report = Sockets.audit(LocalHost.create(), ServicePolicy.empty());
        String subjectStart = "tcp ";
        assertThat(report.findings()).filteredOn(f -> f.id().equals("services.unexpected-public"))
                .extracting(Finding::subject)
                .anySatisfy(s -> assertThat(s).startsWith(subjectStart)
                        .contains(":" + tcpAny4.getLocalPort() + " (").contains("pid " + PID));
        assertThat(report.toText()).contains(Integer.toString(udpAny4.getLocalPort()));
    }
}
