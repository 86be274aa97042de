package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Derives each node's {@link WireGuardConfig} from a plan. Not API. */
final class PlanConfigs {

    private PlanConfigs() {
    }

    static List<String> peerNames(WireGuardPlan plan, String node) {
        List<String> out = new ArrayList<>();
        for (String link : plan.links()) {
            String[] ends = link.split(" ");
            if (ends[0].equals(node)) {
                out.add(ends[1]);
            } else if (ends[1].equals(node)) {
                out.add(ends[0]);
            }
        }
        return out;
    }

    static WireGuardConfig config(WireGuardPlan plan, NodeSpec self) {
        PlanSettings s = plan.settings();
        List<InterfaceAddress> addresses = new ArrayList<>();
        for (InetAddress a : plan.allocations().of(self.name())) {
            IpNetwork network = s.networks().stream().filter(n -> n.contains(a)).findFirst().orElseThrow();
            addresses.add(new InterfaceAddress(a, network.prefixLength()));
        }
        boolean client = self.role() == NodeSpec.Role.CLIENT;
        WireGuardInterface iface = new WireGuardInterface(Optional.of(self.name()), plan.keyMap().get(self.name()),
                addresses, self.listens() ? OptionalInt.of(self.endpoint().get().port()) : OptionalInt.empty(),
                client ? s.dns() : List.of(), s.mtu());
        List<WireGuardPeer> peers = new ArrayList<>();
        for (String name : peerNames(plan, self.name())) {
            NodeSpec other = plan.spec(name);
            peers.add(new WireGuardPeer(Optional.of(name), plan.keyMap().get(name).publicKey(),
                    Optional.ofNullable(plan.presharedKeys().get(plan.link(self.name(), name))),
                    allowedIps(plan, self, other), other.endpoint(),
                    self.listens() ? OptionalInt.empty() : plan.keepalive()));
        }
        return new WireGuardConfig(iface, peers);
    }

    /** What {@code self} routes to {@code other}. */
    private static List<IpNetwork> allowedIps(WireGuardPlan plan, NodeSpec self, NodeSpec other) {
        PlanSettings s = plan.settings();
        if (self.role() == NodeSpec.Role.CLIENT) {
            if (s.fullTunnel()) {
                return List.of(IpNetwork.ANY_IPV4, IpNetwork.ANY_IPV6);
            }
            List<IpNetwork> out = new ArrayList<>(s.networks());
            out.addAll(s.splitRoutes());
            return out;
        }
        List<IpNetwork> out = plan.allocations().of(other.name()).stream()
                .map(a -> IpNetwork.of(a, a.getAddress().length * 8)).collect(Collectors.toCollection(ArrayList::new));
        out.addAll(other.lans());
        return out;
    }
}
