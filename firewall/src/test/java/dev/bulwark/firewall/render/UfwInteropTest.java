package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ufw runs the rendered script inside a network namespace and a private mount namespace
 * ({@link UfwSandbox}: copies of /etc/ufw and /etc/default/ufw bind-mounted over the real ones,
 * so the machine's own firewall and configuration are never touched); the user.rules and
 * user6.rules it writes equal the renderer's.
 */
@RequiresNetworkNamespaces
@RequiresTool({"ufw", "unshare", "mount", "sh"})
class UfwInteropTest {

    @TempDir
    Path dir;

    static FirewallPolicy policy() {
        int[] many = new int[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = 4000 + 2 * i;
        }
        return FirewallPolicy.builder()
                .defaultIncoming(Action.DENY).defaultOutgoing(Action.ALLOW).defaultRouted(Action.REJECT)
                .publicService("web \"front\" $(x) ;", Protocol.TCP, Ports.of(80, 443))
                .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("2001:db8::/32")))
                .internalService("postgres", Ports.of(5432))
                .rule(Rule.limit().protocol(Protocol.TCP).port(2222).comment("limited").build())
                .rule(Rule.reject().out().outInterface("eth9").protocol(Protocol.UDP).port(53)
                        .to(IpNetwork.parse("192.0.2.0/24")).build())
                .rule(Rule.allow().routed().inInterface("wg0").outInterface("eth0").from(IpNetwork.parse("10.8.0.0/24")).build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(25).versions(IpVersion.IPV6).build())
                .rule(Rule.allow().ports(Ports.of(many)).comment("twenty").build())
                .rule(Rule.allow().ports(Ports.range(6000, 6010)).from(IpNetwork.parse("192.0.2.7/32")).build())
                .build();
    }

    @Test
    void realUfwWritesTheRenderedUserRules() throws IOException {
        FirewallPolicy policy = policy();
        UfwRenderer renderer = UfwRenderer.standard();
        UfwSandbox ufw = UfwSandbox.create(dir);
        try (NetworkNamespace ns = NetworkNamespace.create("ufw")) {
            NetworkNamespace.ProcessResult run = ufw.runScript(ns, renderer.script(policy));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("Firewall is active");
            assertThat(Files.readString(ufw.etc().resolve("user.rules"))).isEqualTo(renderer.userRules(policy, IpVersion.IPV4));
            assertThat(Files.readString(ufw.etc().resolve("user6.rules"))).isEqualTo(renderer.userRules(policy, IpVersion.IPV6));
            assertThat(ns.execChecked("iptables-save").output()).contains(":ufw-user-input");
        }
    }
}
