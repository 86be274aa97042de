package dev.bulwark.examples;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.FirewallPolicyBuilder;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Service;
import dev.bulwark.firewall.render.FirewalldRenderer;
import dev.bulwark.firewall.render.IptablesRenderer;
import dev.bulwark.firewall.render.NftablesRenderer;
import dev.bulwark.firewall.render.UfwRenderer;
import dev.bulwark.vpn.wireguard.WireGuardPlan;
import dev.bulwark.vpn.wireguard.WireGuardPlanBuilder;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The kit's network part: WireGuard configs for the peers and the firewall in its four forms. */
final class NetworkKit {

    private NetworkKit() {
    }

    /**
     * Builds the firewall policy without writing anything, so that a spec the firewall refuses is refused before the kit is written.
     *
     * @throws IllegalArgumentException when the firewall cannot express the spec
     */
    static void check(BaselineSpec spec) {
        policy(spec, plan(spec), true);
    }

    static void write(BaselineSpec spec, KitFiles kit) throws IOException {
        Optional<WireGuardPlan> plan = plan(spec);
        FirewallPolicy policy = policy(spec, plan, true);
        ManagementPath path = spec.management();
        if (!path.declared()) {
            kit.note("The spec has no `ssh` line: every firewall allows SSH (tcp/" + path.sshPort() + ") from "
                    + path.sourcesText() + " ahead of every other rule, so that the admin keeps a way in."
                    + (path.fromAnywhere() ? " Narrow it with 'admin-from NETWORK...' or 'private ssh tcp/"
                    + path.sshPort() + " from NETWORK...'." : ""));
        }
        kit.addFindings(policy.warnings());
        // firewalld zones hold incoming rules only: its script leaves the VPN's forwarding out
        FirewallPolicy incoming = policy(spec, plan, false);
        if (!incoming.equals(policy)) {
            kit.note("firewall/firewalld.sh has no forwarding (routed) rules, which a firewalld zone cannot express:"
                    + " with firewalld, add a policy object for the WireGuard forwarding by hand.");
        }

        kit.directory("firewall", FileMode.PUBLIC_DIRECTORY);
        kit.write("firewall/ufw.sh", UfwRenderer.standard().script(policy), FileMode.EXECUTABLE,
                "the firewall as ufw commands (Ubuntu, Debian with ufw)");
        kit.write("firewall/firewalld.sh", FirewalldRenderer.standard().script(incoming), FileMode.EXECUTABLE,
                "the firewall as firewall-cmd commands (Fedora, RHEL)");
        kit.write("firewall/rules.v4", IptablesRenderer.standard().renderPersistent(policy, IpVersion.IPV4),
                FileMode.PUBLIC, "the firewall for iptables-restore at boot (/etc/iptables/rules.v4)");
        kit.write("firewall/rules.v6", IptablesRenderer.standard().renderPersistent(policy, IpVersion.IPV6),
                FileMode.PUBLIC, "the firewall for ip6tables-restore at boot (/etc/iptables/rules.v6)");
        kit.write("firewall/ruleset.nft", NftablesRenderer.standard().render(policy), FileMode.PUBLIC,
                "the firewall for nft -f (/etc/nftables.conf)");

        if (plan.isEmpty()) {
            kit.note("No VPN peers in the spec: no WireGuard configs were generated.");
            return;
        }
        kit.directory("vpn", FileMode.PRIVATE_DIRECTORY);
        for (Map.Entry<String, String> config : plan.get().render().entrySet()) {
            String node = config.getKey();
            kit.write("vpn/" + node + ".conf", config.getValue(), FileMode.SECRET, node.equals(spec.hostname())
                    ? "this server's /etc/wireguard/" + plan.get().interfaceName() + ".conf (holds its private key)"
                    : "peer " + node + "'s wg-quick config (holds its private key)");
            if (!node.equals(spec.hostname())) {
                kit.write("vpn/" + node + ".png", plan.get().qrCode(node).toPng(6), FileMode.SECRET,
                        "peer " + node + "'s config as a QR code for the WireGuard app (holds its private key)");
            }
        }
        kit.write("vpn/allocations.txt", plan.get().allocations().render(), FileMode.PUBLIC,
                "the tunnel addresses given out, to keep them stable when peers are added");
    }

    private static FirewallPolicy policy(BaselineSpec spec, Optional<WireGuardPlan> plan, boolean routed) {
        FirewallPolicyBuilder builder = FirewallPolicy.builder();
        // the management path (ssh) comes first in every renderer's output
        for (ExpectedService s : spec.effectiveServices()) {
            builder.service(new Service(s.name(), s.exposure(), Optional.of(s.protocol()),
                    Ports.range(s.ports().first(), s.ports().last()), s.allowedFrom()));
        }
        if (plan.isPresent() && routed) {
            plan.get().addFirewallRules(spec.hostname(), spec.publicInterface(), builder);
        } else if (plan.isPresent()) {
            plan.get().firewallRules(spec.hostname(), spec.publicInterface()).stream()
                    .filter(r -> r.direction() == Direction.IN).forEach(builder::rule);
        }
        return builder.build();
    }

    private static Optional<WireGuardPlan> plan(BaselineSpec spec) {
        if (spec.peers().isEmpty()) {
            return Optional.empty();
        }
        WireGuardPlanBuilder builder;
        if (spec.isMesh()) {
            builder = WireGuardPlan.mesh().server(spec.hostname(), spec.vpnEndpoint().orElseThrow());
            spec.peers().forEach(p -> builder.server(p.name(), p.endpoint().orElseThrow()));
        } else {
            builder = WireGuardPlan.hubAndSpoke(spec.hostname(), spec.vpnEndpoint().orElseThrow()).splitTunnel();
            spec.peers().forEach(p -> builder.client(p.name()));
        }
        return Optional.of(builder.network(spec.vpnNetwork().orElseThrow()).build());
    }
}
