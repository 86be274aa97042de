package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real firewalld runs the rendered script on zones that already hold stock services, ports,
 * protocols, forward ports, ICMP blocks, masquerade and rich rules of an earlier run, and the
 * zone ends up holding exactly the policy, in the permanent and the running configuration, and
 * again after a second run.
 *
 * <p>Nothing touches the machine's own firewall or firewalld: firewalld runs in a fresh network
 * namespace (its nftables rules live there), in its own mount namespace with a private
 * {@code /run}, with a private configuration directory ({@code --system-config}) and on a private
 * D-Bus system bus whose socket is in the test's directory ({@code DBUS_SYSTEM_BUS_ADDRESS}).
 */
@RequiresNetworkNamespaces
@RequiresTool({"firewalld", "firewall-cmd", "dbus-daemon", "gdbus", "unshare", "mount", "sh", "env"})
class FirewalldInteropTest {

    private static final ManagementAccess ADMIN = new ManagementAccess(IpNetwork.parse("198.51.100.0/24"), 22);

    @TempDir
    Path dir;

    private FirewalldSandbox firewalld;

    static FirewallPolicy policy() {
        return FirewallPolicy.builder()
                .defaultIncoming(Action.DENY)
                .publicService("https", Protocol.TCP, Ports.of(80, 443))
                .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("192.0.2.0/24"),
                        IpNetwork.parse("2001:db8:1::/48")))
                .internalService("postgres", Ports.of(5432))
                .rule(Rule.reject().protocol(Protocol.UDP).ports(Ports.range(6000, 6007))
                        .from(IpNetwork.parse("203.0.113.0/24")).build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(25).versions(IpVersion.IPV6).build())
                .build();
    }

    /** What an earlier run and the distribution left: stock services and more of everything. */
    private static String earlier() {
        List<String> z = List.of("firewall-cmd", "--permanent", "--zone=public");
        FirewallPolicy old = FirewallPolicy.builder().publicService("web", Protocol.TCP, Ports.of(8443))
                .rule(Rule.allow().protocol(Protocol.TCP).port(3306).from(IpNetwork.parse("10.0.0.0/8")).build())
                .build();
        // one firewall-cmd call takes several options of one kind (each call costs a Python start-up)
        List<List<String>> commands = new ArrayList<>(List.of(
                with(z, "--add-service=cockpit", "--add-service=http", "--add-service=ssh",
                        "--add-service=dhcpv6-client"),
                with(z, "--add-port=8080/tcp", "--add-port=60000-61000/udp"), with(z, "--add-protocol=gre"),
                with(z, "--add-source-port=5353/udp"), with(z, "--add-forward-port=port=2222:proto=tcp:toport=22"),
                with(z, "--add-icmp-block=timestamp-request"), with(z, "--add-icmp-block-inversion"),
                with(z, "--add-masquerade"), with(z, "--add-source=192.0.2.77/32"),
                with(z, "--add-rich-rule=rule family=\"ipv4\" source address=\"203.0.113.0/24\" service name=\"http\""
                        + " log prefix=\"old 'rule' x\" level=\"info\" accept",
                        "--add-rich-rule=rule priority=\"-100\" family=\"ipv6\" source address=\"2001:db8:9::/48\""
                        + " drop")));
        // the add-only commands of an earlier Bulwark run for another policy
        commands.addAll(FirewalldRenderer.standard().withManagement(ADMIN).commands(old));
        return ShellScript.render(commands);
    }

    @Test
    void theScriptLeavesExactlyThePolicyInAZoneThatHeldMore() throws IOException {
        FirewalldRenderer renderer = FirewalldRenderer.standard().withManagement(ADMIN);
        FirewallPolicy policy = policy();
        Files.writeString(dir.resolve("earlier.sh"), earlier());
        Files.writeString(dir.resolve("policy.sh"), renderer.script(policy));
        FirewallPolicy small = FirewallPolicy.builder().publicService("https", Protocol.TCP, Ports.of(443)).build();
        Files.writeString(dir.resolve("web.sh"), renderer.withZone("bulwark-web").script(small));
        List<String> expectedRules = renderer.richRules(policy).stream().map(RichRule::text).sorted()
                .collect(Collectors.toList());
        try (NetworkNamespace ns = NetworkNamespace.create("fwd")) {
            firewalld = FirewalldSandbox.start(ns, dir);
            run(ns, "sh", dir.resolve("earlier.sh").toString());
            run(ns, "firewall-cmd", "--reload");
            Map<String, String> before = listAll(ns, "--permanent", "--zone=public");
            assertThat(before.get("services")).isEqualTo("cockpit dhcpv6-client http ssh");
            assertThat(before.get("masquerade")).isEqualTo("yes");

            run(ns, "sh", dir.resolve("policy.sh").toString());
            Map<String, String> permanent = listAll(ns, "--permanent", "--zone=public");
            Map<String, String> expected = new LinkedHashMap<>(permanent);
            expected.putAll(Map.of("target", "DROP", "icmp-block-inversion", "no", "sources", "192.0.2.77/32",
                    "services", "", "ports", "", "protocols", "", "masquerade", "no", "forward-ports", "",
                    "source-ports", "", "icmp-blocks", ""));
            expected.put("forward", "no");
            assertThat(permanent).isEqualTo(expected);
            assertThat(richRules(ns, "--permanent", "--zone=public")).isEqualTo(expectedRules);
            assertThat(listAll(ns, "--zone=public")).isEqualTo(permanent);
            assertThat(richRules(ns, "--zone=public")).isEqualTo(expectedRules);

            run(ns, "sh", dir.resolve("policy.sh").toString());
            assertThat(listAll(ns, "--permanent", "--zone=public")).isEqualTo(permanent);
            assertThat(richRules(ns, "--zone=public")).isEqualTo(expectedRules);

            run(ns, "sh", dir.resolve("web.sh").toString());
            Map<String, String> web = listAll(ns, "--permanent", "--zone=bulwark-web");
            assertThat(web.get("target")).isEqualTo("DROP");
            assertThat(web.get("services")).isEmpty();
            assertThat(richRules(ns, "--zone=bulwark-web")).isEqualTo(renderer.richRules(small).stream()
                    .map(RichRule::text).sorted().collect(Collectors.toList()));
        }
    }

    private String run(NetworkNamespace ns, String... command) throws IOException {
        return firewalld.run(command);
    }

    /** {@code firewall-cmd --list-all} as key → value (the zone's name line left out). */
    private Map<String, String> listAll(NetworkNamespace ns, String... scope) throws IOException {
        String[] command = new String[scope.length + 2];
        command[0] = "firewall-cmd";
        System.arraycopy(scope, 0, command, 1, scope.length);
        command[command.length - 1] = "--list-all";
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : run(ns, command).split("\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("  ") && colon > 0 && !line.startsWith("\t") && !line.strip().startsWith("rule ")) {
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    private List<String> richRules(NetworkNamespace ns, String... scope) throws IOException {
        String[] command = new String[scope.length + 2];
        command[0] = "firewall-cmd";
        System.arraycopy(scope, 0, command, 1, scope.length);
        command[command.length - 1] = "--list-rich-rules";
        return run(ns, command).lines().filter(l -> !l.isBlank()).sorted().collect(Collectors.toList());
    }

    private static List<String> with(List<String> command, String... arguments) {
        List<String> out = new ArrayList<>(command);
        out.addAll(List.of(arguments));
        return out;
    }
}
