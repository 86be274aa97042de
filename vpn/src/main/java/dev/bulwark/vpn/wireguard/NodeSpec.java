package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Optional;

/** One node of a plan as the builder was told. Not API. */
record NodeSpec(String name, Role role, Optional<WireGuardEndpoint> endpoint, List<IpNetwork> lans) {

    enum Role { HUB, CLIENT, SERVER, SITE }

    NodeSpec {
        Names.node(name);
        lans = List.copyOf(lans);
    }

    /** Whether the node has an endpoint, and so listens on its port ({@code ListenPort} is the endpoint's port). */
    boolean listens() {
        return endpoint.isPresent();
    }
}
