package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import java.util.List;

/** Plans of every topology with IP endpoints, for the interop tests. */
final class SamplePlans {

    private SamplePlans() {
    }

    static List<WireGuardPlan> all() {
        return List.of(
                WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("203.0.113.1:51820"))
                        .network(IpNetwork.parse("10.8.0.0/24")).network(IpNetwork.parse("fd00:8::/64"))
                        .client("laptop").client("phone").dns("10.8.0.1", "corp.example").mtu(1420).build(),
                WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("[2001:db8::1]:443"))
                        .network(IpNetwork.parse("10.9.0.0/16")).splitTunnel(IpNetwork.parse("192.168.0.0/16"))
                        .client("a").client("b").presharedKeys(false).persistentKeepalive(0).build(),
                WireGuardPlan.mesh().network(IpNetwork.parse("fd00:20::/64"))
                        .server("db", WireGuardEndpoint.parse("192.0.2.1:51820"))
                        .server("app", WireGuardEndpoint.parse("192.0.2.2:51820"))
                        .server("web", WireGuardEndpoint.parse("192.0.2.3:51820")).build(),
                WireGuardPlan.siteToSite().network(IpNetwork.parse("10.99.0.0/30"))
                        .site("paris", WireGuardEndpoint.parse("192.0.2.1:51820"), IpNetwork.parse("192.168.1.0/24"))
                        .site("oslo", WireGuardEndpoint.parse("192.0.2.2:51820"), IpNetwork.parse("192.168.2.0/24"),
                                IpNetwork.parse("fd00:2::/64"))
                        .build());
    }
}
