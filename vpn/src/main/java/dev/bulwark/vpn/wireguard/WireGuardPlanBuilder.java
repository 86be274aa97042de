package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Collects a {@link WireGuardPlan}; start with {@link WireGuardPlan#hubAndSpoke},
 * {@link WireGuardPlan#mesh()} or {@link WireGuardPlan#siteToSite()}. Everything is checked in
 * {@link #build()}, which names the field and the conflict.
 */
public final class WireGuardPlanBuilder {

    private final Topology topology;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final List<IpNetwork> networks = new ArrayList<>();
    private final Map<String, WireGuardKey> keys = new HashMap<>();
    private final Map<String, WireGuardPresharedKey> presharedKeys = new HashMap<>();
    private String interfaceName = "wg0";
    private final List<String> dns = new ArrayList<>();
    private OptionalInt mtu = OptionalInt.empty();
    private int keepalive = 25;
    private boolean fullTunnel = true;
    private final List<IpNetwork> splitRoutes = new ArrayList<>();
    private boolean usePresharedKeys = true;
    private AddressAllocations allocations = AddressAllocations.NONE;
    private SecureRandom random;

    WireGuardPlanBuilder(Topology topology) {
        this.topology = topology;
    }

    WireGuardPlanBuilder(WireGuardPlan plan) {
        this(plan.settings().topology());
        PlanSettings s = plan.settings();
        interfaceName = s.interfaceName();
        networks.addAll(s.networks());
        dns.addAll(s.dns());
        mtu = s.mtu();
        keepalive = s.keepalive();
        fullTunnel = s.fullTunnel();
        splitRoutes.addAll(s.splitRoutes());
        usePresharedKeys = s.presharedKeys();
        plan.nodeSpecs().forEach(n -> nodes.put(n.name(), n));
        keys.putAll(plan.keyMap());
        plan.presharedKeys().forEach((link, psk) -> {
            String[] ab = link.split(" ");
            presharedKeys.put(WireGuardPlanKeys.pair(ab[0], ab[1]), psk);
        });
        allocations = plan.allocations();
    }

    WireGuardPlanBuilder node(NodeSpec spec) {
        if (nodes.putIfAbsent(spec.name(), spec) != null) {
            throw new ValidationException("node '" + spec.name() + "' is already in the plan");
        }
        return this;
    }

    /** Adds a tunnel network (at most one IPv4 and one IPv6, host bits zero); at least one is required. */
    public WireGuardPlanBuilder network(IpNetwork network) {
        networks.add(Objects.requireNonNull(network, "network"));
        return this;
    }

    /** The interface name, which names the config file {@code <name>.conf}; default {@code wg0}. */
    public WireGuardPlanBuilder interfaceName(String name) {
        interfaceName = Names.iface(name);
        return this;
    }

    /** Resolvers (IP addresses) and search domains for hub-and-spoke clients; default none. */
    public WireGuardPlanBuilder dns(String... entries) {
        for (String e : entries) {
            dns.add(Names.dnsEntry(e));
        }
        return this;
    }

    /** The MTU of every interface; default none (wg-quick picks one). */
    public WireGuardPlanBuilder mtu(int value) {
        mtu = OptionalInt.of(value);
        return this;
    }

    /** Seconds between keepalives sent by nodes without an endpoint (behind NAT); 0 turns it off; default 25. */
    public WireGuardPlanBuilder persistentKeepalive(int seconds) {
        keepalive = seconds;
        return this;
    }

    /** Whether every pair of peers gets its own preshared key; default true. */
    public WireGuardPlanBuilder presharedKeys(boolean value) {
        usePresharedKeys = value;
        return this;
    }

    /** Hub-and-spoke clients send all traffic through the hub ({@code 0.0.0.0/0, ::/0}); the default. */
    public WireGuardPlanBuilder fullTunnel() {
        fullTunnel = true;
        splitRoutes.clear();
        return this;
    }

    /** Hub-and-spoke clients send only the tunnel networks and {@code routes} through the hub. */
    public WireGuardPlanBuilder splitTunnel(IpNetwork... routes) {
        fullTunnel = false;
        splitRoutes.clear();
        splitRoutes.addAll(List.of(routes));
        return this;
    }

    /** Adds a hub-and-spoke client (no endpoint; it connects to the hub). */
    public WireGuardPlanBuilder client(String name) {
        return node(new NodeSpec(name, NodeSpec.Role.CLIENT, Optional.empty(), List.of()));
    }

    /** Adds a mesh server reached at {@code endpoint}. */
    public WireGuardPlanBuilder server(String name, WireGuardEndpoint endpoint) {
        return node(new NodeSpec(name, NodeSpec.Role.SERVER, Optional.of(endpoint), List.of()));
    }

    /** Adds a site-to-site gateway reached at {@code endpoint}, with the local networks behind it. */
    public WireGuardPlanBuilder site(String name, WireGuardEndpoint endpoint, IpNetwork... lans) {
        return node(new NodeSpec(name, NodeSpec.Role.SITE, Optional.of(endpoint), List.of(lans)));
    }

    /**
     * Removes a node with its key and its preshared keys (a node added back under the name gets
     * new ones); the others keep their addresses and keys.
     */
    public WireGuardPlanBuilder remove(String name) {
        if (nodes.remove(name) == null) {
            throw new ValidationException("node '" + name + "' is not in the plan");
        }
        keys.remove(name);
        presharedKeys.keySet().removeIf(link -> List.of(link.split(" ")).contains(name));
        return this;
    }

    /** Uses this private key for a node instead of generating one (default: generated at build). */
    public WireGuardPlanBuilder key(String name, WireGuardKey key) {
        keys.put(Names.node(name), Objects.requireNonNull(key, "key"));
        return this;
    }

    /**
     * The persisted secrets of an earlier plan: the private keys of nodes still present and the
     * preshared keys of pairs that still peer are used instead of generating new ones (default:
     * all generated at build). With the same builder calls and {@link #allocations} the built plan
     * renders exactly the earlier plan's configs.
     */
    public WireGuardPlanBuilder keys(WireGuardPlanKeys persisted) {
        Objects.requireNonNull(persisted, "persisted");
        keys.putAll(persisted.keyMap());
        persisted.presharedKeyMap().forEach(presharedKeys::put);
        return this;
    }

    /** Uses this preshared key for the pair {@code a}, {@code b} instead of generating one (default: generated). */
    public WireGuardPlanBuilder presharedKey(String a, String b, WireGuardPresharedKey key) {
        Names.node(a);
        Names.node(b);
        if (a.equals(b)) {
            throw new ValidationException("a preshared key joins two different nodes, not '" + a + "' with itself");
        }
        presharedKeys.put(WireGuardPlanKeys.pair(a, b), Objects.requireNonNull(key, "key"));
        return this;
    }

    /** The previous plan's allocations, kept for nodes still present; default none. */
    public WireGuardPlanBuilder allocations(AddressAllocations previous) {
        allocations = Objects.requireNonNull(previous, "previous");
        return this;
    }

    /** The source of generated keys; default a new {@link SecureRandom}. */
    public WireGuardPlanBuilder random(SecureRandom value) {
        random = Objects.requireNonNull(value, "random");
        return this;
    }

    /** The validated plan, with addresses allocated and missing keys generated. */
    public WireGuardPlan build() {
        PlanSettings settings = new PlanSettings(topology, interfaceName, networks, dns, mtu, keepalive,
                fullTunnel, splitRoutes, usePresharedKeys);
        PlanChecks.check(settings, List.copyOf(nodes.values()));
        SecureRandom source = random == null ? new SecureRandom() : random;
        Map<String, WireGuardKey> planKeys = new LinkedHashMap<>();
        for (String name : nodes.keySet()) {
            planKeys.put(name, keys.containsKey(name) ? keys.get(name) : WireGuardKey.generate(source));
        }
        Optional<String> gateway = nodes.values().stream().filter(n -> n.role() == NodeSpec.Role.HUB)
                .map(NodeSpec::name).findFirst();
        AddressAllocations allocated = Allocator.allocate(networks, List.copyOf(nodes.keySet()), gateway, allocations);
        WireGuardPlan draft = new WireGuardPlan(settings, List.copyOf(nodes.values()), planKeys, Map.of(), allocated);
        Map<String, WireGuardPresharedKey> psks = new HashMap<>();
        if (usePresharedKeys) {
            for (String link : draft.links()) {
                String[] ab = link.split(" ");
                WireGuardPresharedKey known = presharedKeys.get(WireGuardPlanKeys.pair(ab[0], ab[1]));
                psks.put(link, known != null ? known : WireGuardPresharedKey.generate(source));
            }
        }
        return new WireGuardPlan(settings, List.copyOf(nodes.values()), planKeys, psks, allocated);
    }
}
