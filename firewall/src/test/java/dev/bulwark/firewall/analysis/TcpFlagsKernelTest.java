package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.NftText;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A rule on a TCP flag that a client chooses ({@code tcp flags cwr}: an ECN setup SYN carries ECE
 * and CWR, RFC 3168) decides on the first packet of some connections and not others. The kernel
 * shows it: a client with {@code net.ipv4.tcp_ecn=1} connects, one with ECN off does not; the
 * analysis must count the port as reachable, with the reason, not as closed.
 */
@Tag("interop")
@RequiresNetworkNamespaces
@RequiresTool({"nft", "python3"})
class TcpFlagsKernelTest {

    private static final String RULESET = """
            table inet f {
                chain input {
                    type filter hook input priority filter; policy drop;
                    ct state established,related accept
                    tcp dport 3021 tcp flags cwr accept
                    tcp dport 3022 tcp flags & (fin | syn | rst | ack) == syn accept
                }
            }
            """;

    @Test
    void aFlagTheClientChoosesIsTakenBothWaysAsTheKernelDoes() throws IOException, InterruptedException {
        Path file = Files.createTempFile("bw-tcp-flags", ".nft");
        try (NetworkNamespace server = NetworkNamespace.create("flagsrv"); NetworkNamespace client = NetworkNamespace.create("flagcli")) {
            NetworkNamespace.link(server, "10.77.0.1/24", client, "10.77.0.2/24");
            Files.writeString(file, RULESET);
            server.execChecked("nft", "-f", file.toString());
            Process listener = server.start("python3", "-c", String.join("\n",
                    "import socket, sys, time",
                    "socks = []",
                    "for port in (3021, 3022):",
                    "    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                    "    s.bind(('0.0.0.0', port)); s.listen(16); socks.append(s)",
                    "print('ready', flush=True)",
                    "time.sleep(120)"));
            BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");

            client.execChecked("sysctl", "-qw", "net.ipv4.tcp_ecn=0");
            assertThat(connect(client, 3021)).as("no ECN: the SYN has no CWR").isEqualTo("closed");
            assertThat(connect(client, 3022)).isEqualTo("open");
            client.execChecked("sysctl", "-qw", "net.ipv4.tcp_ecn=1");
            assertThat(connect(client, 3021)).as("ECN setup SYN: ECE and CWR set").isEqualTo("open");

            String ss = server.execChecked("ss", "-Hlnt").output();
            SocketTable sockets = SocketTable.parse("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n" + ss, "ss -lnt",
                    dev.bulwark.core.sockets.Netid.TCP);
            for (Ruleset rules : List.of(NftText.parse(server.execChecked("nft", "list", "ruleset").output(), "nft list ruleset"),
                    NftJson.parse(server.execChecked("nft", "-j", "list", "ruleset").output(), "nft -j list ruleset"))) {
                for (SocketExposure e : ExposureAnalysis.analyze(rules, sockets)) {
                    assertThat(e.level()).as(e.socket().toString()).isEqualTo(Exposure.PUBLIC);
                    if (e.socket().local().port() == 3021) {
                        assertThat(e.notes()).anyMatch(n -> n.startsWith("assumed reachable because it depends on TCP flags"));
                    } else {
                        assertThat(e.notes()).noneMatch(n -> n.contains("TCP flags"));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String connect(NetworkNamespace client, int port) throws IOException {
        return client.execChecked("python3", "-c", String.join("\n",
                "import socket",
                "try:",
                "    socket.create_connection(('10.77.0.1', " + port + "), timeout=3).close(); print('open')",
                "except OSError:",
                "    print('closed')")).output().strip();
    }
}
