package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.ServiceNames;
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
 * Runs the real ss, in the option forms people type (no {@code -n}, {@code -r}, {@code -T}, state
 * filters, {@code -s}), in a network namespace of its own where a JVM holds IPv4 listeners on named
 * ports, and parses every output strictly. The namespace's hosts file (which {@code ip netns exec}
 * mounts over /etc/hosts) names its address web1.example.com, for {@code -r}.
 */
@RequiresTool("ss")
@RequiresRoot
@RequiresNetworkNamespaces
class SsOptionFormsInteropTest {

    private static NetworkNamespace server;
    private static NetworkNamespace peer;
    private static Process listeners;
    private static Path netnsDir;

    @BeforeAll
    static void openListeners() throws Exception {
        server = NetworkNamespace.create("ssforms");
        peer = NetworkNamespace.create("sspeer");
        NetworkNamespace.link(server, "10.77.0.5/24", peer, "10.77.0.6/24");
        netnsDir = Path.of("/etc/netns", server.name());
        Files.createDirectories(netnsDir);
        Files.writeString(netnsDir.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n10.77.0.5 web1.example.com\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // IPv4 sockets as most daemons open them (a JVM otherwise binds IPv4 addresses v4-mapped on IPv6)
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                ListenerMain.class.getName(), "tcp,0.0.0.0,22", "tcp,0.0.0.0,8080", "tcp,127.0.0.1,631", "tcp,10.77.0.5,8443", "tcp,127.0.0.1,5432",
                "connect,127.0.0.1,5432", "udp,0.0.0.0,5353", "udp,127.0.0.1,53"));
        listeners = server.start(command.toArray(String[]::new));
        BufferedReader out = new BufferedReader(new InputStreamReader(listeners.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
    }

    @AfterAll
    static void closeListeners() throws IOException {
        if (listeners != null) {
            listeners.getOutputStream().close();
        }
        if (netnsDir != null) {
            Files.deleteIfExists(netnsDir.resolve("hosts"));
            Files.deleteIfExists(netnsDir);
        }
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String ssOutput(String... options) throws IOException {
        List<String> command = new ArrayList<>(server.wrap(List.of("ss")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as("ss %s", String.join(" ", options)).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static SocketTable ss(String... options) throws IOException {
        return SocketTable.parse(ssOutput(options), "ss " + String.join(" ", options),
                ServiceNames.read(LocalHost.create()));
    }

    private static List<String> locals(SocketTable table) {
        return table.sockets().stream().filter(s -> s.netid() == Netid.TCP || s.netid() == Netid.UDP)
                .map(s -> s.netidName() + " " + s.local() + "=" + s.local().port()).collect(Collectors.toList());
    }

    @Test
    void readsEveryFormWithoutNumericOutput() throws IOException {
        for (String options : List.of("-a", "-tl", "-ul", "-tlp", "-plut", "-4tl", "-Oa", "-ltuT", "-e -tl", "-tli",
                "-Htl", "-tlpr", "-plutr", "-ar", "-tlT", "-HtlT")) {
            SocketTable table = ss(options.split(" "));
            assertThat(table.sockets()).as(options).isNotEmpty();
            assertThat(table.sockets()).as(options).filteredOn(s -> s.netid() == Netid.TCP || s.netid() == Netid.UDP)
                    .allSatisfy(s -> assertThat(s.local().portNumber()).as("%s in ss %s", s, options).isPresent());
        }
        assertThat(locals(ss("-tl"))).contains("tcp 0.0.0.0:ssh=22", "tcp 0.0.0.0:http-alt=8080", "tcp 127.0.0.1:ipp=631",
                "tcp 10.77.0.5:8443=8443", "tcp 127.0.0.1:postgresql=5432");
        assertThat(locals(ss("-ul"))).contains("udp 0.0.0.0:mdns=5353", "udp 127.0.0.1:domain=53");
    }

    @Test
    void keepsTheHostNamesOfSsRAsNamesAndTheAuditSaysSo() throws IOException {
        SocketTable table = ss("-tlpr");
        assertThat(table.sockets()).extracting(s -> s.local().toString())
                .contains("web1.example.com:8443", "localhost:ipp", "localhost:postgresql", "0.0.0.0:ssh");
        SocketEntry web = table.sockets().stream().filter(s -> s.local().isHostName()
                && s.local().address().equals("web1.example.com")).findFirst().orElseThrow();
        assertThat(web.local().kind()).isEqualTo(Endpoint.Kind.HOST_NAME);
        assertThat(web.local().port()).isEqualTo(8443);
        assertThat(ServiceAudit.audit(table, ServicePolicy.empty())).filteredOn(f -> f.id().equals("services.bound-to-name"))
                .extracting(Finding::subject).anySatisfy(s -> assertThat(s).startsWith("tcp web1.example.com:8443 ("))
                .anySatisfy(s -> assertThat(s).startsWith("tcp localhost:ipp ("));
    }

    @Test
    void readsThreadIds() throws IOException {
        SocketTable table = ss("-tlT");
        assertThat(table.sockets()).isNotEmpty().allSatisfy(s -> assertThat(s.processes()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.tid()).isPositive()));
    }

    private static SocketTable ss(Netid type, String... options) throws IOException {
        return SocketTable.parse(ssOutput(options), "ss " + String.join(" ", options),
                ServiceNames.read(LocalHost.create()), type);
    }

    @Test
    void aListingWithNeitherNetidNorStateIsReadOnlyWithTheSocketTypeSaid() throws IOException {
        // ss -tn and ss -un with a state filter print the same columns; udp listeners are "unconnected"
        String tcp = ssOutput("-tn", "state", "established");
        String udp = ssOutput("-un", "state", "unconnected");
        assertThat(List.of(tcp, udp)).allSatisfy(out -> assertThat(out).startsWith("Recv-Q"));
        assertThatThrownBy(() -> SocketTable.parse(tcp, "ss -tn state established")).isInstanceOf(ParseException.class)
                .hasMessageContaining("no Netid and no State column");
        assertThatThrownBy(() -> SocketTable.parse(udp, "ss -un state unconnected")).isInstanceOf(ParseException.class)
                .hasMessageContaining("the listing does not say tcp or udp");
        SocketTable udpListeners = ss(Netid.UDP, "-un", "state", "unconnected");
        assertThat(udpListeners.sockets()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.netid()).isEqualTo(Netid.UDP);
            assertThat(s.isListening()).isTrue();
        });
        assertThat(udpListeners.sockets()).extracting(s -> s.local().port()).contains(5353, 53);
        // ss -u alone (connected udp sockets only) drops State too
        assertThat(ssOutput("-u")).startsWith("Recv-Q");
    }

    @Test
    void readsStateFilters() throws IOException {
        SocketTable established = ss(Netid.TCP, "-tn", "state", "established");
        assertThat(established.sockets()).hasSize(2).allSatisfy(s -> {
            assertThat(s.netid()).isEqualTo(Netid.TCP);
            assertThat(s.isListening()).isFalse();
        });
        assertThat(established.sockets()).extracting(s -> s.local().port()).contains(5432);
        SocketTable listening = ss(Netid.TCP, "-t", "state", "listening");
        assertThat(listening.listening()).hasSize(listening.sockets().size());
        assertThat(locals(listening)).contains("tcp 0.0.0.0:ssh=22", "tcp 10.77.0.5:8443=8443");
        SocketTable both = ss("-l", "state", "listening");
        assertThat(both.sockets()).extracting(SocketEntry::netid).contains(Netid.TCP);
        assertThat(both.listening()).hasSize(both.sockets().size());
        assertThat(ss(Netid.TCP, "-Htn", "state", "established").sockets()).isEqualTo(established.sockets());
    }

    @Test
    void refusesTheSummary() throws IOException {
        String summary = ssOutput("-s");
        assertThatThrownBy(() -> SocketTable.parse(summary, "ss -s")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("ss -s:1:1: summary output (ss -s) is not a socket listing");
    }
}
