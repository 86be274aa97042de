package dev.bulwark.firewall.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.Packet;
import dev.bulwark.firewall.VpcGateway;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway namespace between a private client and an "internet" namespace that has no route
 * back to the private network: with the rendered gateway rules the client reaches the internet
 * under the gateway's public address, and the internet cannot reach the client even with a route.
 */
@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "ip6tables-restore", "nft", "python3", "sysctl"})
class VpcGatewayKernelTest {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    @Test
    void iptablesGatewayMasqueradesAndRestrictsForwarding() throws IOException {
        check(false);
    }

    @Test
    void nftablesGatewayMasqueradesAndRestrictsForwarding() throws IOException {
        check(true);
    }

    private void check(boolean nftables) throws IOException {
        Path script = dir.resolve("whoami.py");
        try (InputStream in = getClass().getResourceAsStream("whoami.py")) {
            Files.copy(in, script);
        }
        try (NetworkNamespace client = NetworkNamespace.create("vpcc");
             NetworkNamespace gateway = NetworkNamespace.create("vpcg");
             NetworkNamespace internet = NetworkNamespace.create("vpci")) {
            List<String> inside = NetworkNamespace.link(gateway, "10.77.0.1/24", client, "10.77.0.2/24");
            List<String> outside = NetworkNamespace.link(gateway, "198.18.0.1/24", internet, "198.18.0.2/24");
            client.execChecked("ip", "route", "add", "default", "via", "10.77.0.1");
            VpcGateway gw = VpcGateway.of(IpNetwork.parse("10.77.0.0/24"), inside.get(0), outside.get(0));
            FirewallPolicy policy = gw.addTo(FirewallPolicy.builder()).build();
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(gateway));
            if (nftables) {
                applier.applyNftables(policy);
            } else {
                dockerLikeNat(gateway);
                applier.applyIptables(policy);
                applier.applyIptables(policy);
                String nat = gateway.execChecked("iptables-save", "-t", "nat").output();
                assertThat(nat).as("Docker's nat rules survive, the jump is added once").contains(DOCKER_NAT)
                        .containsOnlyOnce("-A POSTROUTING -j bulwark-snat\n")
                        .contains("-A bulwark-snat -s 10.77.0.0/24 -o " + outside.get(0) + " -j MASQUERADE\n");
            }
            applier.enableForwarding(gw);
            assertThat(gateway.execChecked("sysctl", "-n", "net.ipv4.ip_forward").output().strip()).isEqualTo("1");

            serve(internet, script);
            assertThat(ask(client, script, "198.18.0.2")).as("the internet sees the gateway's address")
                    .isEqualTo("198.18.0.1");
            assertThat(policy.verdict(new Packet(Direction.ROUTED, IpAddresses.parse("10.77.0.2"),
                    IpAddresses.parse("198.18.0.2"), Protocol.TCP, PORT, Optional.of(inside.get(0)),
                    Optional.of(outside.get(0))))).isEqualTo(Action.ALLOW);

            serve(client, script);
            internet.execChecked("ip", "route", "add", "10.77.0.0/24", "via", "198.18.0.1");
            assertThat(ask(internet, script, "10.77.0.2")).as("nothing is forwarded into the private network")
                    .isEqualTo("filtered");
            assertThat(policy.verdict(new Packet(Direction.ROUTED, IpAddresses.parse("198.18.0.2"),
                    IpAddresses.parse("10.77.0.2"), Protocol.TCP, PORT, Optional.of(outside.get(0)),
                    Optional.of(inside.get(0))))).isEqualTo(Action.DENY);
        }
    }

    private static final List<String> DOCKER_NAT = List.of(":DOCKER - [0:0]",
            "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
            "-A DOCKER -i docker0 -j RETURN");

    /** The nat rules Docker keeps on a host with its default bridge (docker0, 172.17.0.0/16). */
    private static void dockerLikeNat(NetworkNamespace ns) throws IOException {
        ns.execChecked("iptables", "-t", "nat", "-N", "DOCKER");
        ns.execChecked("iptables", "-t", "nat", "-A", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j",
                "DOCKER");
        ns.execChecked("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "172.17.0.0/16", "!", "-o", "docker0",
                "-j", "MASQUERADE");
        ns.execChecked("iptables", "-t", "nat", "-A", "DOCKER", "-i", "docker0", "-j", "RETURN");
    }

    @Test
    void iptablesPolicyWithoutMasqueradeEmptiesOnlyBulwarksNatChain() throws IOException {
        try (NetworkNamespace gateway = NetworkNamespace.create("vpcn")) {
            dockerLikeNat(gateway);
            FirewallApplier applier = FirewallApplier.withoutManagementAccess(new NamespaceHost(gateway));
            VpcGateway gw = VpcGateway.of(IpNetwork.parse("10.78.0.0/24"), "eth1", "eth0");
            applier.applyIptables(gw.addTo(FirewallPolicy.builder()).build());
            assertThat(gateway.execChecked("iptables-save", "-t", "nat").output())
                    .contains("-A bulwark-snat -s 10.78.0.0/24 -o eth0 -j MASQUERADE");
            applier.applyIptables(FirewallPolicy.builder().build());
            String nat = gateway.execChecked("iptables-save", "-t", "nat").output();
            assertThat(nat).contains(DOCKER_NAT).doesNotContain("MASQUERADE\n-A bulwark-snat")
                    .doesNotContain("-A bulwark-snat ");
            String six = gateway.execChecked("ip6tables-save", "-t", "nat").output();
            assertThat(six).as("no IPv6 masquerade, no IPv6 nat chain").doesNotContain("bulwark-snat");
        }
    }

    private static void serve(NetworkNamespace ns, Path script) throws IOException {
        Process server = ns.start(Tools.path("python3"), script.toString(), "serve", Integer.toString(PORT));
        String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(first).isEqualTo("ready");
    }

    private static String ask(NetworkNamespace ns, Path script, String address) throws IOException {
        return ns.execChecked(Tools.path("python3"), script.toString(), "ask", address, Integer.toString(PORT), "2")
                .output().strip();
    }
}
