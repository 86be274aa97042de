package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.FirewallPolicyBuilder;
import dev.bulwark.firewall.Rule;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A WireGuard network: its nodes, their keys, their tunnel addresses and who peers with whom,
 * from which every node's config is rendered. Immutable; holds private keys, so
 * {@code toString()} shows names and public keys only.
 *
 * <pre>{@code
 * WireGuardPlan plan = WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("203.0.113.1:51820"))
 *         .network(IpNetwork.parse("10.8.0.0/24"))
 *         .network(IpNetwork.parse("fd00:8::/64"))
 *         .client("laptop").client("phone")
 *         .dns("10.8.0.1")
 *         .build();
 * Map<String, String> files = plan.render();     // node name -> wg-quick text (write as wg0.conf)
 * String saved = plan.allocations().render();    // keep it: the next plan reuses the addresses
 * String secret = plan.keys().render();          // keep it (mode 0600): the next plan reuses every key
 * WireGuardPlan bigger = plan.toBuilder().client("tablet").build();  // nobody else renumbered
 * WireGuardPlan rotated = plan.rotateKey("laptop");                  // laptop's and gw's configs change
 * }</pre>
 *
 * <p>Every node with an endpoint (hub, servers, sites) listens on its endpoint's port
 * ({@code ListenPort}); clients have no endpoint and send keepalives.
 *
 * <p>Addresses: the gateway (hub) gets the first host address of every tunnel network; everyone
 * else the lowest free one, kept from {@link #allocations()} when the plan is rebuilt
 * ({@link #toBuilder()} or {@link WireGuardPlanBuilder#allocations(AddressAllocations)}). A plan
 * rebuilt from its persisted {@link #keys()} and {@link #allocations()} with the same builder calls
 * renders byte-identical configs, in another process too.
 * Tunnel networks and site networks must not overlap; networks with host bits set are refused
 * (by {@link IpNetwork}) with the network meant.
 */
public final class WireGuardPlan {

    private final PlanSettings settings;
    private final List<NodeSpec> nodes;
    private final Map<String, WireGuardKey> keys;
    private final Map<String, WireGuardPresharedKey> presharedKeys;
    private final AddressAllocations allocations;

    WireGuardPlan(PlanSettings settings, List<NodeSpec> nodes, Map<String, WireGuardKey> keys,
                  Map<String, WireGuardPresharedKey> presharedKeys, AddressAllocations allocations) {
        this.settings = settings;
        this.nodes = List.copyOf(nodes);
        this.keys = Map.copyOf(keys);
        this.presharedKeys = Map.copyOf(presharedKeys);
        this.allocations = allocations;
    }

    /** A hub-and-spoke plan whose gateway {@code hub} is reached at {@code endpoint}; add clients. */
    public static WireGuardPlanBuilder hubAndSpoke(String hub, WireGuardEndpoint endpoint) {
        return new WireGuardPlanBuilder(Topology.HUB_AND_SPOKE)
                .node(new NodeSpec(hub, NodeSpec.Role.HUB, Optional.of(endpoint), List.of()));
    }

    /** A full mesh among servers; add them with {@link WireGuardPlanBuilder#server}. */
    public static WireGuardPlanBuilder mesh() {
        return new WireGuardPlanBuilder(Topology.MESH);
    }

    /** Gateways joining the networks behind them; add them with {@link WireGuardPlanBuilder#site}. */
    public static WireGuardPlanBuilder siteToSite() {
        return new WireGuardPlanBuilder(Topology.SITE_TO_SITE);
    }

    /** A builder holding this plan's nodes, keys, preshared keys and allocations. */
    public WireGuardPlanBuilder toBuilder() {
        return new WireGuardPlanBuilder(this);
    }

    /** The topology. */
    public Topology topology() {
        return settings.topology();
    }

    /** The interface name, e.g. {@code wg0}; write each config as {@code <name>.conf}. */
    public String interfaceName() {
        return settings.interfaceName();
    }

    /** The node names, in the order they were added. */
    public List<String> nodes() {
        return nodes.stream().map(NodeSpec::name).collect(Collectors.toUnmodifiableList());
    }

    /** Which node has which tunnel addresses; persist it for the next plan. */
    public AddressAllocations allocations() {
        return allocations;
    }

    /** The tunnel addresses of one node. */
    public List<InetAddress> addresses(String node) {
        spec(node);
        return allocations.of(node);
    }

    /** A node's public key. */
    public WireGuardPublicKey publicKey(String node) {
        spec(node);
        return keys.get(node).publicKey();
    }

    /** The nodes whose configs name {@code node} as a peer. */
    public List<String> peersOf(String node) {
        spec(node);
        return PlanConfigs.peerNames(this, node);
    }

    /** One node's configuration. */
    public WireGuardConfig config(String node) {
        return PlanConfigs.config(this, spec(node));
    }

    /** Every node's wg-quick text, by node name, in node order. */
    public Map<String, String> render() {
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.name(), config(n.name()).render()));
        return out;
    }

    /** Every node's {@code wg setconf} text, by node name, in node order. */
    public Map<String, String> renderSetconf() {
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.name(), config(n.name()).renderSetconf()));
        return out;
    }

    /**
     * A plan in which {@code node} has a new private key and new preshared keys with its peers;
     * every config that references it ({@code node} and {@link #peersOf}) renders differently, the
     * others do not change.
     */
    public WireGuardPlan rotateKey(String node, SecureRandom random) {
        spec(node);
        Map<String, WireGuardKey> newKeys = new HashMap<>(keys);
        newKeys.put(node, WireGuardKey.generate(random));
        Map<String, WireGuardPresharedKey> newPsks = new HashMap<>(presharedKeys);
        for (String link : presharedKeys.keySet()) {
            if (List.of(link.split(" ")).contains(node)) {
                newPsks.put(link, WireGuardPresharedKey.generate(random));
            }
        }
        return new WireGuardPlan(settings, nodes, newKeys, newPsks, allocations);
    }

    /** {@link #rotateKey(String, SecureRandom)} with a new {@link SecureRandom}. */
    public WireGuardPlan rotateKey(String node) {
        return rotateKey(node, new SecureRandom());
    }

    /**
     * The firewall rules {@code node} needs: its UDP port open; on a hub, forwarding between
     * clients; on a full-tunnel hub, forwarding to {@code publicInterface} (see
     * {@link #addFirewallRules}); on a site, forwarding between the tunnel and the site networks.
     */
    public List<Rule> firewallRules(String node, String publicInterface) {
        return PlanFirewall.rules(this, spec(node), publicInterface);
    }

    /**
     * Adds {@link #firewallRules} to {@code builder}, and on a full-tunnel hub the masquerade of the
     * tunnel networks leaving by {@code publicInterface} (the kernel must forward: {@code net.ipv4.ip_forward=1}).
     */
    public FirewallPolicyBuilder addFirewallRules(String node, String publicInterface, FirewallPolicyBuilder builder) {
        firewallRules(node, publicInterface).forEach(builder::rule);
        if (spec(node).role() == NodeSpec.Role.HUB && settings.fullTunnel()) {
            settings.networks().forEach(n -> builder.masquerade(n, publicInterface));
        }
        return builder;
    }

    /** The QR code of a node's wg-quick config, for the mobile apps. */
    public WireGuardQrCode qrCode(String node) {
        return WireGuardQrCode.of(config(node).render());
    }

    NodeSpec spec(String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow(() -> new ValidationException("no node '" + node + "' in the plan; nodes are " + nodes()));
    }

    PlanSettings settings() {
        return settings;
    }

    List<NodeSpec> nodeSpecs() {
        return nodes;
    }

    Map<String, WireGuardKey> keyMap() {
        return keys;
    }

    /**
     * The plan's secrets as they are persisted: every node's private key and every preshared key.
     * With {@link #allocations()} and the same builder calls they rebuild this plan exactly
     * ({@link WireGuardPlanBuilder#keys(WireGuardPlanKeys)}).
     */
    public WireGuardPlanKeys keys() {
        Map<String, WireGuardPresharedKey> pairs = new HashMap<>();
        presharedKeys.forEach((link, psk) -> {
            String[] ab = link.split(" ");
            pairs.put(WireGuardPlanKeys.pair(ab[0], ab[1]), psk);
        });
        return WireGuardPlanKeys.of(keys, pairs);
    }

    Map<String, WireGuardPresharedKey> presharedKeys() {
        return presharedKeys;
    }

    /** The peerings as {@code "a b"} words, a before b in node order. */
    List<String> links() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                NodeSpec a = nodes.get(i);
                NodeSpec b = nodes.get(j);
                if (settings.topology() != Topology.HUB_AND_SPOKE
                        || a.role() == NodeSpec.Role.HUB || b.role() == NodeSpec.Role.HUB) {
                    out.add(link(a.name(), b.name()));
                }
            }
        }
        return out;
    }

    String link(String a, String b) {
        return nodes().indexOf(a) < nodes().indexOf(b) ? a + " " + b : b + " " + a;
    }

    OptionalInt keepalive() {
        return settings.keepalive() == 0 ? OptionalInt.empty() : OptionalInt.of(settings.keepalive());
    }

    @Override
    public String toString() {
        return "WireGuardPlan[" + settings.topology().wireName() + " " + settings.networks() + " "
                + nodes.stream().map(n -> n.name() + "=" + keys.get(n.name()).publicKey()).collect(Collectors.toList())
                + "]";
    }
}
