package dev.bulwark.examples;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.updates.UpdatePolicy;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the secure-baseline kit is generated from: one server's description, read by
 * {@link BaselineSpecParser} from the line format documented in {@code examples/README.md}.
 *
 * @param hostname        the server's name (also its WireGuard node name)
 * @param adminUser       the one account allowed to log in over SSH
 * @param publicInterface the interface facing the internet (VPN forwarding and masquerade)
 * @param services        public, private and internal services (the firewall and the service audit)
 * @param vpnNetwork      the WireGuard tunnel network, present when there are peers
 * @param vpnEndpoint     where the peers reach this server, present when there are peers
 * @param peers           the WireGuard peers
 * @param caName          the internal CA's common name
 * @param servers         DNS names that get a TLS server certificate
 * @param updates         the unattended-upgrades policy
 */
public record BaselineSpec(String hostname, String adminUser, String publicInterface, List<ExpectedService> services,
        Optional<IpNetwork> vpnNetwork, Optional<WireGuardEndpoint> vpnEndpoint, List<VpnPeer> peers,
        String caName, List<String> servers, UpdatePolicy updates) {

    /**
     * A WireGuard peer of this server.
     *
     * @param name     its node name (its config is {@code vpn/<name>.conf})
     * @param endpoint where it listens; peers with endpoints form a mesh, peers without are clients
     */
    public record VpnPeer(String name, Optional<WireGuardEndpoint> endpoint) {
        /** Checks the components. */
        public VpnPeer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** Checks that the parts fit together and copies the lists. */
    public BaselineSpec {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(publicInterface, "publicInterface");
        Objects.requireNonNull(vpnNetwork, "vpnNetwork");
        Objects.requireNonNull(vpnEndpoint, "vpnEndpoint");
        Objects.requireNonNull(caName, "caName");
        Objects.requireNonNull(updates, "updates");
        services = List.copyOf(services);
        peers = List.copyOf(peers);
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new ValidationException("spec: at least one 'server' line is needed (a TLS certificate name)");
        }
        if (!peers.isEmpty() && (vpnNetwork.isEmpty() || vpnEndpoint.isEmpty())) {
            throw new ValidationException("spec: peers need 'vpn-network' and 'vpn-endpoint'");
        }
        long meshPeers = peers.stream().filter(p -> p.endpoint().isPresent()).count();
        if (meshPeers != 0 && meshPeers != peers.size()) {
            throw new ValidationException("spec: give every peer an endpoint (a mesh) or none (clients of this server)");
        }
    }

    /** Whether the peers form a mesh with this server (all have endpoints) rather than being its clients. */
    public boolean isMesh() {
        return !peers.isEmpty() && peers.get(0).endpoint().isPresent();
    }

    /** The port sshd listens on: the service named {@code ssh}, else 22. */
    public int sshPort() {
        return services.stream().filter(s -> s.name().equals("ssh")).findFirst().map(s -> s.ports().first()).orElse(22);
    }
}
