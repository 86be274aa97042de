package dev.bulwark.examples;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.updates.UpdatePolicy;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import java.util.ArrayList;
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
 * @param adminSources    the networks the admin connects from ({@code admin-from}); empty: the ssh
 *                        service's networks, or anywhere
 * @param allowUsers      sshd's {@code AllowUsers} ({@code allow-users}); empty: the admin alone
 * @param allowGroups     sshd's {@code AllowGroups} ({@code allow-groups}); empty: not set
 * @param adminGroups     the groups the admin belongs to on the server ({@code admin-groups})
 */
public record BaselineSpec(String hostname, String adminUser, String publicInterface, List<ExpectedService> services,
        Optional<IpNetwork> vpnNetwork, Optional<WireGuardEndpoint> vpnEndpoint, List<VpnPeer> peers,
        String caName, List<String> servers, UpdatePolicy updates, List<IpNetwork> adminSources,
        List<String> allowUsers, List<String> allowGroups, List<String> adminGroups) {

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

    /**
     * Checks that the parts fit together (and leave the admin a way in, see {@link ManagementPath}) and copies the lists.
     *
     * @throws ValidationException when they do not
     */
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
        adminSources = List.copyOf(adminSources);
        allowUsers = List.copyOf(allowUsers);
        allowGroups = List.copyOf(allowGroups);
        adminGroups = List.copyOf(adminGroups);
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
        Optional<String> lockout = LockoutRules.firstProblem(adminUser, services, adminSources, allowUsers,
                allowGroups, adminGroups);
        if (lockout.isPresent()) {
            throw new ValidationException("spec: " + lockout.get());
        }
    }

    /** A spec without the management path's options (admin sources, AllowUsers, AllowGroups). */
    public BaselineSpec(String hostname, String adminUser, String publicInterface, List<ExpectedService> services,
            Optional<IpNetwork> vpnNetwork, Optional<WireGuardEndpoint> vpnEndpoint, List<VpnPeer> peers,
            String caName, List<String> servers, UpdatePolicy updates) {
        this(hostname, adminUser, publicInterface, services, vpnNetwork, vpnEndpoint, peers, caName, servers, updates,
                List.of(), List.of(), List.of(), List.of());
    }

    /** Whether the peers form a mesh with this server (all have endpoints) rather than being its clients. */
    public boolean isMesh() {
        return !peers.isEmpty() && peers.get(0).endpoint().isPresent();
    }

    /** The port sshd listens on: the service named {@code ssh}, else 22. */
    public int sshPort() {
        return sshService().map(s -> s.ports().first()).orElse(22);
    }

    /**
     * The services as the firewall and the service audit see them, the management path first: the
     * {@code ssh} service, or, when the spec has none, one the kit adds (port 22, private from the
     * admin sources, or public when none are declared), so that SSH is never silently closed.
     */
    public List<ExpectedService> effectiveServices() {
        List<ExpectedService> all = new ArrayList<>();
        ManagementPath path = management();
        all.add(sshService().orElseGet(() -> new ExpectedService(LockoutRules.SSH, Protocol.TCP,
                PortRange.of(path.sshPort()), path.fromAnywhere() ? Exposure.PUBLIC : Exposure.PRIVATE,
                path.adminSources())));
        services.stream().filter(s -> !s.name().equals(LockoutRules.SSH)).forEach(all::add);
        return List.copyOf(all);
    }

    /** The service named {@code ssh}, when the spec declares one. */
    public Optional<ExpectedService> sshService() {
        return services.stream().filter(s -> s.name().equals(LockoutRules.SSH)).findFirst();
    }

    /**
     * The admin's way in: the admin, sshd's port and where the admin connects from: the
     * {@code admin-from} networks, else a private ssh service's networks, else anywhere.
     */
    public ManagementPath management() {
        List<IpNetwork> sources = adminSources;
        if (sources.isEmpty() && sshService().isPresent() && sshService().get().exposure() == Exposure.PRIVATE) {
            sources = sshService().get().allowedFrom();
        }
        return new ManagementPath(adminUser, sshPort(), sources, sshService().isPresent());
    }
}
