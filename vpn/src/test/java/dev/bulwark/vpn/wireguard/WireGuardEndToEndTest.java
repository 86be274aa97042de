package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.FirewallPolicyBuilder;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub and two spokes in network namespaces, joined by veth pairs, run userspace wireguard-go
 * configured from Bulwark's stripped configs, and ping each other through the tunnel. The hub
 * runs behind the firewall rules the plan gives it (nftables, incoming and routed traffic denied
 * by default), so the test also proves those rules are enough.
 */
@RequiresTool({"wg", "wg-quick", "wireguard-go", "ip", "ping", "sysctl", "nft"})
@RequiresNetworkNamespaces
class WireGuardEndToEndTest {

    private static final String HUB_PUBLIC = "172.31.255.1";

    @TempDir
    Path dir;

    @Test
    void hubAndTwoSpokesPingEachOtherThroughTheTunnel() throws Exception {
        // wireguard-go's control sockets are shared between namespaces: every interface name is unique per run
        String hubInterface = WgTools.uniqueInterface();
        WireGuardPlan plan = WireGuardPlan.hubAndSpoke("hub", WireGuardEndpoint.parse(HUB_PUBLIC + ":51820"))
                .interfaceName(hubInterface)
                .network(IpNetwork.parse("10.77.0.0/24")).network(IpNetwork.parse("fd77::/64"))
                .client("left").client("right").build();
        try (NetworkNamespace hub = NetworkNamespace.create("hub");
             NetworkNamespace left = NetworkNamespace.create("left");
             NetworkNamespace right = NetworkNamespace.create("right")) {
            NetworkNamespace.link(hub, "192.168.201.1/24", left, "192.168.201.2/24");
            NetworkNamespace.link(hub, "192.168.202.1/24", right, "192.168.202.2/24");
            hub.execChecked("ip", "addr", "add", HUB_PUBLIC + "/32", "dev", "lo");
            left.execChecked("ip", "route", "add", HUB_PUBLIC + "/32", "via", "192.168.201.1");
            right.execChecked("ip", "route", "add", HUB_PUBLIC + "/32", "via", "192.168.202.1");
            hub.execChecked("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            hub.execChecked("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
            FirewallPolicy hubPolicy = plan.addFirewallRules("hub", "eth0", FirewallPolicy.builder()).build();
            Path nft = dir.resolve("hub.nft");
            Files.writeString(nft, Firewall.nftables().render(hubPolicy));
            hub.execChecked("nft", "-f", nft.toString());
            assertThat(hub.execChecked("nft", "list", "ruleset").output()).contains("udp dport 51820");
            List<Runnable> stops = new ArrayList<>();
            try {
                up(plan, "hub", hubInterface, hub, stops);
                up(plan, "left", WgTools.uniqueInterface(), left, stops);
                up(plan, "right", WgTools.uniqueInterface(), right, stops);
                InetAddress hubV4 = plan.addresses("hub").get(0);
                InetAddress rightV4 = plan.addresses("right").get(0);
                InetAddress rightV6 = plan.addresses("right").get(1);
                InetAddress leftV4 = plan.addresses("left").get(0);
                assertThat(ping(left, hubV4)).as("left -> hub").isTrue();
                assertThat(ping(left, rightV4)).as("left -> right through the hub").isTrue();
                assertThat(ping(right, leftV4)).as("right -> left through the hub").isTrue();
                assertThat(ping(left, rightV6)).as("left -> right over IPv6").isTrue();
                assertThat(hub.exec("ping", "-c", "1", "-W", "1", "10.77.0.99").exitCode()).as("nobody has 10.77.0.99").isNotZero();

                // without the plan's client-to-client rule the hub's default-deny forward chain drops it
                FirewallPolicyBuilder without = FirewallPolicy.builder();
                plan.firewallRules("hub", "eth0").stream().filter(r -> !r.comment().endsWith("client to client"))
                        .forEach(without::rule);
                Files.writeString(nft, Firewall.nftables().render(without.build()));
                hub.execChecked("nft", "-f", nft.toString());
                assertThat(left.exec("ping", "-c", "1", "-W", "1", IpAddresses.format(rightV4)).exitCode())
                        .as("left -> right with forwarding denied").isNotZero();
                assertThat(ping(left, hubV4)).as("left -> hub still works").isTrue();
            } finally {
                stopAll(stops);
            }
        }
    }

    private void up(WireGuardPlan plan, String node, String name, NetworkNamespace ns, List<Runnable> stops)
            throws Exception {
        Process p = WgTools.start(ns, name);
        stops.add(() -> {
            try {
                WgTools.stop(p, name);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Path conf = dir.resolve(node + ".conf");
        SafeFiles.writeString(conf, plan.config(node).renderSetconf(), FileMode.SECRET);
        ns.execChecked(Tools.path("wg"), "setconf", name, conf.toString());
        for (InterfaceAddress a : plan.config(node).interfaceSection().addresses()) {
            ns.addAddress(name, a.toString());
        }
        ns.execChecked("ip", "link", "set", name, "up");
    }

    /** Runs every stop even when one fails (each removes a control socket outside the namespaces), then rethrows. */
    private static void stopAll(List<Runnable> stops) {
        RuntimeException first = null;
        for (Runnable stop : stops) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One ping at a time, a few bounded tries while the handshake completes. */
    private static boolean ping(NetworkNamespace ns, InetAddress target) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (ns.exec("ping", "-c", "1", "-W", "2", IpAddresses.format(target)).exitCode() == 0) {
                return true;
            }
        }
        return false;
    }

}
