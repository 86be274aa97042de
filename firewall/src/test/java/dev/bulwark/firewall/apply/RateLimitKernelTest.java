package dev.bulwark.firewall.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LIMIT} behaves the same on both backends: one source's first connections pass, then
 * new connections are rejected (iptables {@code recent}, ufw's rule: the 6th within 30 s; nftables
 * a per-source token bucket with the same burst).
 */
@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "ip6tables-restore", "nft", "python3"})
class RateLimitKernelTest {

    private static final int PORT = 2223;

    @TempDir
    Path dir;

    @Test
    void iptablesLimitRejectsTheSixthConnection() throws IOException {
        assertThat(burst(false)).isEqualTo("open open open open open refused refused refused");
    }

    @Test
    void nftablesLimitRejectsTheSixthConnection() throws IOException {
        assertThat(burst(true)).isEqualTo("open open open open open refused refused refused");
    }

    private String burst(boolean nftables) throws IOException {
        Path listen = copy("listen.py");
        Path burst = copy("burst.py");
        try (NetworkNamespace server = NetworkNamespace.create("lims");
             NetworkNamespace client = NetworkNamespace.create("limc")) {
            NetworkNamespace.link(server, "10.92.0.1/24", client, "10.92.0.2/24");
            server.execChecked("sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0");
            FirewallPolicy policy = FirewallPolicy.builder()
                    .rule(Rule.limit().protocol(Protocol.TCP).port(PORT).comment("limited").build()).build();
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(server));
            if (nftables) {
                applier.applyNftables(policy);
            } else {
                applier.applyIptables(policy);
            }
            Process listener = server.start(Tools.path("python3"), listen.toString(), Integer.toString(PORT));
            assertThat(new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("ready");
            return client.execChecked(Tools.path("python3"), burst.toString(), "10.92.0.1", Integer.toString(PORT), "8", "2")
                    .output().strip();
        }
    }

    private Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = getClass().getResourceAsStream(name)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
