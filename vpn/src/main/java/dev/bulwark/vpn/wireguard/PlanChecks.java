package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.ArrayList;
import java.util.List;

/** The checks {@link WireGuardPlanBuilder#build()} makes. Not API. */
final class PlanChecks {

    private PlanChecks() {
    }

    static void check(PlanSettings s, List<NodeSpec> nodes) {
        String plan = s.topology().wireName() + " plan";
        if (s.networks().isEmpty()) {
            throw new ValidationException(plan + ": no tunnel network; add network(IpNetwork) for IPv4 and/or IPv6");
        }
        if (s.networks().stream().filter(IpNetwork::isIpv4).count() > 1
                || s.networks().stream().filter(n -> !n.isIpv4()).count() > 1) {
            throw new ValidationException(plan + ": at most one IPv4 and one IPv6 tunnel network, not " + s.networks());
        }
        if (s.keepalive() < 0 || s.keepalive() > 65535) {
            throw new ValidationException(plan + ": persistentKeepalive " + s.keepalive() + " is outside 0..65535");
        }
        s.mtu().ifPresent(m -> {
            if (m < 1280 || m > 9000) {
                throw new ValidationException(plan + ": mtu " + m + " is outside 1280..9000");
            }
        });
        for (NodeSpec n : nodes) {
            boolean fits = s.topology() == Topology.HUB_AND_SPOKE
                    ? n.role() == NodeSpec.Role.HUB || n.role() == NodeSpec.Role.CLIENT
                    : s.topology() == Topology.MESH ? n.role() == NodeSpec.Role.SERVER : n.role() == NodeSpec.Role.SITE;
            if (!fits) {
                throw new ValidationException(plan + ": node '" + n.name() + "' is a " + n.role().name().toLowerCase(
                        java.util.Locale.ROOT) + ", which this topology has none of");
            }
        }
        long endpoints = nodes.stream().filter(NodeSpec::listens).count();
        if (s.topology() != Topology.HUB_AND_SPOKE && endpoints < 2) {
            throw new ValidationException(plan + ": needs at least two nodes, has " + endpoints);
        }
        if (s.topology() == Topology.SITE_TO_SITE) {
            nodes.stream().filter(n -> n.lans().isEmpty()).findFirst().ifPresent(n -> {
                throw new ValidationException(plan + ": site '" + n.name() + "' has no local network");
            });
        }
        if (s.topology() != Topology.HUB_AND_SPOKE && !s.splitRoutes().isEmpty()) {
            throw new ValidationException(plan + ": split tunnel routes are for hub-and-spoke plans only");
        }
        List<IpNetwork> claimed = new ArrayList<>(s.networks());
        List<String> owners = new ArrayList<>();
        s.networks().forEach(n -> owners.add("the tunnel network"));
        for (NodeSpec n : nodes) {
            for (IpNetwork lan : n.lans()) {
                for (int i = 0; i < claimed.size(); i++) {
                    if (claimed.get(i).overlaps(lan)) {
                        throw new ValidationException(plan + ": network " + lan + " of '" + n.name() + "' overlaps "
                                + claimed.get(i) + " of " + owners.get(i));
                    }
                }
                claimed.add(lan);
                owners.add("'" + n.name() + "'");
            }
        }
        for (IpNetwork route : s.splitRoutes()) {
            for (IpNetwork tunnel : s.networks()) {
                if (route.overlaps(tunnel)) {
                    throw new ValidationException(plan + ": split tunnel route " + route + " overlaps the tunnel network "
                            + tunnel);
                }
            }
        }
    }
}
