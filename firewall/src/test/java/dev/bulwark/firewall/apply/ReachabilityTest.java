package dev.bulwark.firewall.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.Packet;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's answer to "can this source reach this port" equals what a real kernel does with
 * the rendered rules: a server namespace loads them, listens on TCP and UDP ports, and a public
 * and a private client namespace (and the server itself over loopback) probe every port over
 * IPv4 and IPv6. Open, refused (REJECT) and filtered (DROP) are all compared.
 */
@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "ip6tables-restore", "nft", "python3"})
class ReachabilityTest {

    private static final List<Integer> PORTS = List.of(8443, 5353, 2222, 2223, 5432, 7005, 9000, 9001, 6000);
    private static final IpNetwork PRIVATE_V4 = IpNetwork.parse("10.91.2.0/24");
    private static final IpNetwork PRIVATE_V6 = IpNetwork.parse("fd91:2::/64");

    @TempDir
    Path scripts;

    /** The server's two interfaces, known only once the veth pairs exist. */
    record Topology(String publicInterface, String privateInterface) {
    }

    static List<Function<Topology, FirewallPolicy>> policies() {
        return List.of(
                t -> FirewallPolicy.builder()
                        .publicService("https", Protocol.TCP, Ports.of(8443))
                        .publicService("mdns", Protocol.UDP, Ports.of(5353))
                        .privateService("ssh", Ports.of(2222), List.of(PRIVATE_V4, PRIVATE_V6))
                        .internalService("postgres", Ports.of(5432))
                        .rule(Rule.limit().protocol(Protocol.TCP).port(2223).comment("limited").build())
                        .build(),
                t -> FirewallPolicy.builder().defaultIncoming(Action.REJECT)
                        .rule(Rule.allow().protocol(Protocol.TCP).ports(Ports.range(7000, 7010)).from(PRIVATE_V6).build())
                        .rule(Rule.deny().protocol(Protocol.UDP).port(5353).from(IpNetwork.parse("10.91.1.0/24")).build())
                        .rule(Rule.allow().protocol(Protocol.UDP).from(IpNetwork.parse("10.91.0.0/16")).build())
                        .rule(Rule.reject().ports(Ports.of(9000, 9001)).build())
                        .build(),
                t -> FirewallPolicy.builder()
                        .rule(Rule.allow().protocol(Protocol.TCP).port(9000).inInterface(t.privateInterface()).build())
                        .rule(Rule.deny().protocol(Protocol.TCP).port(9001).inInterface(t.publicInterface()).build())
                        .rule(Rule.allow().ports(Ports.of(9001, 6000)).build())
                        .build(),
                t -> FirewallPolicy.builder().defaultIncoming(Action.ALLOW)
                        .rule(Rule.deny().protocol(Protocol.TCP).port(8443).from(IpNetwork.parse("10.91.1.0/24")).build())
                        .rule(Rule.reject().protocol(Protocol.UDP).port(5353).build())
                        .internalService("postgres", Ports.of(5432))
                        .build());
    }

    @Test
    void iptablesReachabilityEqualsTheModel() throws IOException {
        for (Function<Topology, FirewallPolicy> policy : policies()) {
            check(policy, false);
        }
    }

    @Test
    void nftablesReachabilityEqualsTheModel() throws IOException {
        for (Function<Topology, FirewallPolicy> policy : policies()) {
            check(policy, true);
        }
    }

    private void check(Function<Topology, FirewallPolicy> policyFor, boolean nftables) throws IOException {
        Path listen = resource("listen.py");
        Path probe = resource("probe.py");
        try (NetworkNamespace server = NetworkNamespace.create("srv");
             NetworkNamespace pub = NetworkNamespace.create("pub");
             NetworkNamespace priv = NetworkNamespace.create("priv")) {
            List<String> publicLink = NetworkNamespace.link(server, "10.91.1.1/24", pub, "10.91.1.2/24");
            server.addAddress(publicLink.get(0), "fd91:1::1/64");
            pub.addAddress(publicLink.get(1), "fd91:1::2/64");
            List<String> privateLink = NetworkNamespace.link(server, "10.91.2.1/24", priv, "10.91.2.2/24");
            server.addAddress(privateLink.get(0), "fd91:2::1/64");
            priv.addAddress(privateLink.get(1), "fd91:2::2/64");
            // REJECT answers with ICMP errors, which the kernel rate-limits per peer (1 s for IPv6):
            // the probes run at once, so lift the limit in the server namespace (its own sysctls).
            server.execChecked("sysctl", "-q", "-w", "net.ipv6.icmp.ratelimit=0", "net.ipv4.icmp_ratelimit=0");
            FirewallPolicy policy = policyFor.apply(new Topology(publicLink.get(0), privateLink.get(0)));
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(server));
            if (nftables) {
                applier.applyNftables(policy);
            } else {
                applier.applyIptables(policy);
            }
            startListener(server, listen);

            Map<String, String> observed = new TreeMap<>();
            Map<String, String> expected = new TreeMap<>();
            probe(policy, pub, probe, "pub", List.of("10.91.1.2", "fd91:1::2"), List.of("10.91.1.1", "fd91:1::1"),
                    publicLink.get(0), observed, expected);
            probe(policy, priv, probe, "priv", List.of("10.91.2.2", "fd91:2::2"), List.of("10.91.2.1", "fd91:2::1"),
                    privateLink.get(0), observed, expected);
            probe(policy, server, probe, "self", List.of("127.0.0.1", "::1"), List.of("127.0.0.1", "::1"), "lo",
                    observed, expected);
            assertThat(observed).as("%s with %s", nftables ? "nftables" : "iptables", policy).isEqualTo(expected);
        }
    }

    private static void probe(FirewallPolicy policy, NetworkNamespace client, Path script, String label,
                              List<String> sources, List<String> destinations, String serverInterface,
                              Map<String, String> observed, Map<String, String> expected) throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.path("python3"), script.toString(), "2"));
        for (int family = 0; family < 2; family++) {
            for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
                for (int port : PORTS) {
                    String target = protocol.wireName() + "," + destinations.get(family) + "," + port;
                    command.add(target);
                    Action verdict = policy.verdict(Packet.incoming(IpAddresses.parse(sources.get(family)),
                            IpAddresses.parse(destinations.get(family)), protocol, port, serverInterface));
                    expected.put(label + " " + target, verdict.admits() ? "open"
                            : verdict == Action.REJECT ? "refused" : "filtered");
                }
            }
        }
        NetworkNamespace.ProcessResult result = client.execChecked(command.toArray(new String[0]));
        for (String line : result.output().strip().split("\n")) {
            int last = line.lastIndexOf(',');
            observed.put(label + " " + line.substring(0, last), line.substring(last + 1));
        }
    }

    private static void startListener(NetworkNamespace server, Path script) throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.path("python3"), script.toString()));
        PORTS.forEach(p -> command.add(Integer.toString(p)));
        Process listener = server.start(command.toArray(new String[0]));
        BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("listener start").isEqualTo("ready");
    }

    private Path resource(String name) throws IOException {
        Path target = scripts.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = ReachabilityTest.class.getResourceAsStream(name)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
