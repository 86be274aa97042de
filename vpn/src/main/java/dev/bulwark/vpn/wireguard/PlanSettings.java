package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.OptionalInt;

/** The plan-wide settings a builder collected. Not API. */
record PlanSettings(Topology topology, String interfaceName, List<IpNetwork> networks,
                    List<String> dns, OptionalInt mtu, int keepalive, boolean fullTunnel, List<IpNetwork> splitRoutes,
                    boolean presharedKeys) {

    PlanSettings {
        networks = List.copyOf(networks);
        dns = List.copyOf(dns);
        splitRoutes = List.copyOf(splitRoutes);
    }
}
