package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.firewall.Firewall;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firewall rules of every node of every sample plan load into nftables (checked with nft -c in a namespace). */
@RequiresTool({"nft", "ip"})
@RequiresNetworkNamespaces
class PlanFirewallTest {

    @TempDir
    Path dir;

    @Test
    void everyNodeOfEverySamplePlanGetsRulesNftablesAccepts() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create("wgfw")) {
            for (WireGuardPlan plan : SamplePlans.all()) {
                for (String node : plan.nodes()) {
                    FirewallPolicy policy = plan.addFirewallRules(node, "eth0", FirewallPolicy.builder()).build();
                    Path file = dir.resolve(node + ".nft");
                    Files.writeString(file, Firewall.nftables().render(policy));
                    NetworkNamespace.ProcessResult r = ns.exec("nft", "-c", "-f", file.toString());
                    assertThat(r.exitCode()).as(node + ": " + r.output()).isZero();
                }
            }
        }
    }
}
