package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The firewall rules of a plan's node. Not API. */
final class PlanFirewall {

    private PlanFirewall() {
    }

    static List<Rule> rules(WireGuardPlan plan, NodeSpec self, String publicInterface) {
        PlanSettings s = plan.settings();
        String wg = s.interfaceName();
        List<Rule> out = new ArrayList<>();
        if (self.listens()) {
            out.add(Rule.allow().in().protocol(Protocol.UDP).ports(Ports.of(self.endpoint().get().port()))
                    .comment("wireguard " + wg).build());
        }
        if (self.role() == NodeSpec.Role.HUB) {
            out.add(Rule.allow().routed().inInterface(wg).outInterface(wg).from(s.networks()).to(array(s.networks()))
                    .comment("wireguard " + wg + " client to client").build());
            if (s.fullTunnel()) {
                out.add(Rule.allow().routed().inInterface(wg).outInterface(publicInterface).from(s.networks())
                        .comment("wireguard " + wg + " full tunnel out").build());
            } else if (!s.splitRoutes().isEmpty()) {
                out.add(Rule.allow().routed().inInterface(wg).from(s.networks()).to(array(s.splitRoutes()))
                        .comment("wireguard " + wg + " split tunnel routes").build());
            }
        }
        if (self.role() == NodeSpec.Role.SITE) {
            List<IpNetwork> remote = plan.nodeSpecs().stream().filter(n -> !n.name().equals(self.name()))
                    .flatMap(n -> n.lans().stream()).collect(Collectors.toList());
            out.add(Rule.allow().routed().inInterface(wg).from(remote).to(array(self.lans()))
                    .comment("wireguard " + wg + " remote sites in").build());
            out.add(Rule.allow().routed().outInterface(wg).from(self.lans()).to(array(remote))
                    .comment("wireguard " + wg + " local site out").build());
        }
        return out;
    }

    private static IpNetwork[] array(List<IpNetwork> networks) {
        return networks.toArray(new IpNetwork[0]);
    }
}
