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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    private String bus;

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
            startFirewalld(ns);
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

    private void startFirewalld(NetworkNamespace ns) throws IOException {
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n  <type>system</type>\n"
                + "  <listen>unix:path=" + socket + "</listen>\n  <auth>EXTERNAL</auth>\n"
                + "  <policy context=\"default\">\n    <allow user=\"root\"/>\n    <allow own=\"*\"/>\n"
                + "    <allow send_destination=\"*\"/>\n    <allow receive_sender=\"*\"/>\n  </policy>\n</busconfig>\n");
        Process daemon = ns.start("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address");
        // dbus-daemon prints its address once it listens: no polling
        String address = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(address).as("dbus-daemon address").startsWith("unix:path=" + socket);
        bus = "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + socket;
        Path etc = Files.createDirectory(dir.resolve("etc"));
        for (String sub : List.of("zones", "services", "icmptypes", "ipsets", "helpers", "policies")) {
            Files.createDirectory(etc.resolve(sub));
        }
        Files.copy(Path.of("/etc/firewalld/firewalld.conf"), etc.resolve("firewalld.conf"));
        // a private /run too: firewalld keeps temporary files in /run/firewalld
        String inner = ShellScript.line(List.of("mount", "-t", "tmpfs", "tmpfs", "/run")) + " && exec "
                + ShellScript.line(List.of("env", bus, "firewalld", "--nofork", "--nopid", "--system-config",
                etc.toString(), "--log-target", "file", "--log-file", dir.resolve("firewalld.log").toString()));
        ns.start("unshare", "-m", "--propagation", "private", "sh", "-c", inner);
        // firewalld owns its bus name before it starts; calls wait in the queue until it has started
        run(ns, "gdbus", "wait", "--system", "--timeout", "60", "org.fedoraproject.FirewallD1");
        assertThat(run(ns, "firewall-cmd", "--state")).isEqualTo("running\n");
    }

    private String run(NetworkNamespace ns, String... command) throws IOException {
        String[] full = new String[command.length + 2];
        full[0] = "env";
        full[1] = bus;
        System.arraycopy(command, 0, full, 2, command.length);
        NetworkNamespace.ProcessResult r = ns.exec(full);
        assertThat(r.exitCode()).as(String.join(" ", command) + ":\n" + r.output() + "\nfirewalld.log:\n"
                + log()).isZero();
        return r.output();
    }

    private String log() throws IOException {
        Path log = dir.resolve("firewalld.log");
        return Files.exists(log) ? Files.readString(log) : "";
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
