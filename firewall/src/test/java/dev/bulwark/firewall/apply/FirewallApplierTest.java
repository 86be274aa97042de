package dev.bulwark.firewall.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.host.CommandFailedException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.ManagementAccess;
import dev.bulwark.firewall.Ports;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "ip6tables-restore", "iptables-save", "nft"})
class FirewallApplierTest {

    private static final ManagementAccess ADMIN = new ManagementAccess(IpNetwork.parse("198.51.100.0/24"), 2200);

    @Test
    void runsArgumentListsWithTheFileOnStdinCheckingFirstAndKeepsTheAdmin() throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create("appl")) {
            Recording host = new Recording(new NamespaceHost(ns), false);
            FirewallPolicy policy = FirewallPolicy.builder().publicService("web", Protocol.TCP, Ports.of(80)).build();
            FirewallApplier.on(host, ADMIN).applyIptables(policy);
            // first: does Bulwark's nat chain exist from an earlier policy? (no masquerade here, so no nat file)
            assertThat(host.commands).containsExactly(
                    List.of("iptables", "-w", "10", "-t", "nat", "-S", "bulwark-snat"),
                    List.of("ip6tables", "-w", "10", "-t", "nat", "-S", "bulwark-snat"),
                    List.of("iptables-restore", "-w", "10", "--test"), List.of("ip6tables-restore", "-w", "10", "--test"),
                    List.of("iptables-save"), List.of("iptables-restore", "-w", "10"), List.of("ip6tables-restore", "-w", "10"));
            assertThat(ns.execChecked("iptables-save").output()).contains(
                    "-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 2200 -m comment --comment \"bulwark: management access\" -j ACCEPT\n-A INPUT -j bulwark-input");
            host.commands.clear();
            FirewallApplier.on(host, ADMIN).applyNftables(policy);
            assertThat(host.commands).containsExactly(List.of("nft", "-c", "-f", "-"), List.of("nft", "-f", "-"));
            assertThat(ns.execChecked("nft", "list", "chain", "inet", "bulwark", "input").output())
                    .contains("ip saddr 198.51.100.0/24 tcp dport 2200 accept comment \"bulwark: management access\"");
        }
    }

    @Test
    void aFailedIpv6LoadRestoresTheSavedIpv4Tables() throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create("roll")) {
            FirewallPolicy before = FirewallPolicy.builder().publicService("old", Protocol.TCP, Ports.of(8080)).build();
            FirewallApplier.withoutManagementAccess(new NamespaceHost(ns)).applyIptables(before);
            String saved = rulesOnly(ns.execChecked("iptables-save").output());

            Recording failing = new Recording(new NamespaceHost(ns), true);
            FirewallPolicy after = FirewallPolicy.builder().publicService("new", Protocol.TCP, Ports.of(9090)).build();
            assertThatThrownBy(() -> FirewallApplier.withoutManagementAccess(failing).applyIptables(after))
                    .isInstanceOf(CommandFailedException.class);
            assertThat(failing.commands.get(failing.commands.size() - 1)).isEqualTo(List.of("iptables-restore", "-w", "10"));
            assertThat(rulesOnly(ns.execChecked("iptables-save").output())).isEqualTo(saved).contains("--dport 8080");
        }
    }

    private static String rulesOnly(String save) {
        StringBuilder out = new StringBuilder();
        for (String line : save.split("\n")) {
            if (!line.startsWith("#")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Records the commands; optionally makes the real ip6tables-restore load fail (as a kernel refusal would). */
    private static final class Recording implements Host {
        final List<List<String>> commands = new ArrayList<>();
        private final Host delegate;
        private final boolean failIpv6Load;

        Recording(Host delegate, boolean failIpv6Load) {
            this.delegate = delegate;
            this.failIpv6Load = failIpv6Load;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
            commands.add(command);
            if (failIpv6Load && command.equals(List.of("ip6tables-restore", "-w", "10"))) {
                return new CommandResult(command, 1, "", "ip6tables-restore: line 42 failed");
            }
            return delegate.run(command, stdin, timeout);
        }

        @Override
        public byte[] readFile(Path path) throws IOException {
            return delegate.readFile(path);
        }

        @Override
        public boolean exists(Path path) throws IOException {
            return delegate.exists(path);
        }

        @Override
        public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
            delegate.writeFile(path, content, mode);
        }
    }
}
