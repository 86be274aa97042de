package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real ss in the forms that select one socket type and so drop the Netid column ({@code -t},
 * {@code -u}, {@code -w}, {@code -A unix_stream}, {@code -M}, {@code -A packet_raw},
 * {@code -A netlink}), over sockets of every type a python3 process holds in a namespace of its
 * own. Without a type from the caller a socket is typed from its State only where no wrong type
 * makes the audit or the exposure analysis see less: tcp for LISTEN, udp for UNCONN (raw, packet
 * and netlink sockets become udp listeners: reported, never dropped); ESTAB, which tcp, connected
 * udp and connected raw sockets all print, is refused unless an earlier line of the listing showed
 * the type.
 */
@RequiresTool({"ss", "python3"})
@RequiresRoot
@RequiresNetworkNamespaces
class SsSingleTypeFormsInteropTest {

    /** Opens the sockets, prints "ready" and "mptcp" when the kernel has MPTCP, then holds them until stdin closes. */
    private static final String SOCKETS = String.join("\n",
            "import socket, sys",
            "d = sys.argv[1]",
            "keep = []",
            "def s(*a):",
            "    x = socket.socket(*a); keep.append(x); return x",
            "t = s(); t.bind(('0.0.0.0', 7001)); t.listen()",
            "s().connect(('127.0.0.1', 7001))",
            "s(socket.AF_INET, socket.SOCK_DGRAM).bind(('0.0.0.0', 7002))",
            "u = s(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 7003)); u.connect(('127.0.0.1', 7002))",
            "s(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
            "s(socket.AF_INET, socket.SOCK_RAW, 253).connect(('127.0.0.1', 0))",
            "x = s(socket.AF_UNIX, socket.SOCK_STREAM); x.bind(d + '/stream.sock'); x.listen()",
            "s(socket.AF_UNIX, socket.SOCK_DGRAM).bind(d + '/dgram.sock')",
            "s(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))",
            "mptcp = ''",
            "try:",
            "    m = s(socket.AF_INET, socket.SOCK_STREAM, 262); m.bind(('0.0.0.0', 7004)); m.listen(); mptcp = ' mptcp'",
            "except OSError:",
            "    pass",
            "print('ready' + mptcp, flush=True)",
            "sys.stdin.read()");

    private static NetworkNamespace ns;
    private static Process holder;
    private static Path dir;
    private static boolean mptcp;

    @BeforeAll
    static void openSockets() throws Exception {
        ns = NetworkNamespace.create("sstype");
        dir = Files.createTempDirectory("ss-types");
        holder = ns.start("python3", "-c", SOCKETS, dir.toString());
        String ready = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(ready).startsWith("ready");
        mptcp = ready.endsWith(" mptcp");
    }

    @AfterAll
    static void closeSockets() throws IOException {
        if (holder != null) {
            holder.getOutputStream().close();
        }
        if (ns != null) {
            ns.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String ss(String... options) throws IOException {
        List<String> command = new ArrayList<>(ns.wrap(List.of("ss", "-n")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as("ss -n %s", String.join(" ", options)).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(out).as("ss -n %s prints no Netid column", String.join(" ", options)).startsWith("State");
        return out;
    }

    private static List<String> typed(String listing) {
        return SocketTable.parse(listing, "ss").sockets().stream()
                .map(s -> s.netidName() + " " + s.stateName() + " " + s.local() + (s.isListening() ? " listening" : ""))
                .collect(Collectors.toList());
    }

    @Test
    void typesTcpListenersAndTheConnectionsAfterThem() throws IOException {
        assertThat(typed(ss("-tl"))).contains("tcp LISTEN 0.0.0.0:7001 listening");
        // ss -ta prints the listeners first: their LISTEN says tcp for the ESTAB lines below them
        assertThat(typed(ss("-ta"))).contains("tcp LISTEN 0.0.0.0:7001 listening")
                .anySatisfy(s -> assertThat(s).startsWith("tcp ESTAB 127.0.0.1:"));
    }

    @Test
    void refusesConnectionsAloneAndReadsThemWithTheTypeSaid() throws IOException {
        String tcp = ss("-t");
        assertThatThrownBy(() -> SocketTable.parse(tcp, "ss -t")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("ss -t:2:1: State ESTAB without a Netid column: tcp, connected udp and raw"
                        + " sockets all print it (ss -t, ss -ua, ss -wa) and no earlier line of the listing showed"
                        + " which; give the socket type (SocketTable.parse(text, source, Netid.TCP))");
        assertThat(SocketTable.parse(tcp, "ss -t", Netid.TCP).sockets()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.netid()).isEqualTo(Netid.TCP));
    }

    @Test
    void typesUdpFromUnconnAndItsConnectedSocketsAfterIt() throws IOException {
        assertThat(typed(ss("-ul"))).containsExactly("udp UNCONN 0.0.0.0:7002 listening");
        // the connected udp socket prints ESTAB, as a tcp connection does: typed by the UNCONN line before it
        assertThat(typed(ss("-ua"))).containsExactlyInAnyOrder("udp UNCONN 0.0.0.0:7002 listening",
                "udp ESTAB 127.0.0.1:7003");
    }

    @Test
    void rawPacketAndNetlinkSocketsAreCountedAsUdpNeverDropped() throws IOException {
        // raw: the "port" is the IP protocol (1, icmp); as udp listeners they are audited, as raw they would not be
        assertThat(typed(ss("-wl"))).containsExactly("udp UNCONN 0.0.0.0:1 listening");
        assertThat(typed(ss("-A", "packet_raw", "-a"))).isNotEmpty()
                .allSatisfy(s -> assertThat(s).startsWith("udp UNCONN ").endsWith(" listening"));
        assertThat(typed(ss("-A", "netlink", "-a"))).isNotEmpty()
                .allSatisfy(s -> assertThat(s).startsWith("udp UNCONN ").endsWith(" listening"));
        assertThat(SocketTable.parse(ss("-wa"), "ss -wa", Netid.RAW).sockets()).hasSize(2)
                .allSatisfy(s -> assertThat(s.netid()).isEqualTo(Netid.RAW));
    }

    @Test
    void refusesUnixSocketsWithoutTheirTypeAndReadsThemWithIt() throws IOException {
        String unix = ss("-A", "unix_stream", "-a");
        assertThatThrownBy(() -> SocketTable.parse(unix, "ss -A unix_stream -a")).isInstanceOf(ParseException.class)
                .hasMessageContaining("' has no ':port'");
        assertThat(SocketTable.parse(unix, "ss -A unix_stream -a", Netid.U_STR).sockets())
                .anySatisfy(s -> {
                    assertThat(s.netid()).isEqualTo(Netid.U_STR);
                    assertThat(s.local().toString()).contains("/stream.sock ");
                    assertThat(s.isListening()).isTrue();
                });
    }

    @Test
    void typesMptcpListenersAsTcpWhoseRulesReachThem() throws IOException {
        if (!mptcp) {
            return; // the kernel has no MPTCP (net.mptcp.enabled=0 or not built): ss -M has nothing to list
        }
        assertThat(typed(ss("-Ml"))).containsExactly("tcp LISTEN 0.0.0.0:7004 listening");
    }
}
