package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.net.Protocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A complete firewall policy: default actions for incoming, outgoing and routed traffic, an
 * ordered list of rules (first match wins), the services they came from, and source NAT for
 * routed networks. Immutable; built and validated by {@link #builder()}.
 *
 * <pre>{@code
 * FirewallPolicy policy = FirewallPolicy.builder()
 *         .publicService("https", Protocol.TCP, Ports.of(443))
 *         .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("192.0.2.0/24")))
 *         .internalService("postgres", Ports.of(5432))
 *         .build();
 * policy.reaches(InetAddress.getByName("198.51.100.7"), Protocol.TCP, 22);   // false
 * }</pre>
 *
 * <p>Every renderer and the model agree on the same fixed frame around the rules: loopback
 * traffic is accepted, packets of established connections are accepted, invalid ones dropped,
 * essential ICMP and ICMPv6 (including neighbour discovery) accepted; then the rules in order;
 * then the default action.
 */
public final class FirewallPolicy {

    /** ICMP types always accepted: echo-request, destination-unreachable, time-exceeded, parameter-problem. */
    public static final Set<Integer> ESSENTIAL_ICMP = Set.of(8, 3, 11, 12);
    /**
     * ICMPv6 types always accepted: destination-unreachable, packet-too-big, time-exceeded,
     * parameter-problem, echo-request, and neighbour discovery (133 to 136).
     */
    public static final Set<Integer> ESSENTIAL_ICMPV6 = Set.of(1, 2, 3, 4, 128, 133, 134, 135, 136);

    private final Action defaultIncoming;
    private final Action defaultOutgoing;
    private final Action defaultRouted;
    private final List<Rule> rules;
    private final List<Service> services;
    private final List<Masquerade> masquerades;
    private final List<Finding> warnings;

    private FirewallPolicy(FirewallPolicyBuilder b) {
        this.defaultIncoming = b.defaultIncoming;
        this.defaultOutgoing = b.defaultOutgoing;
        this.defaultRouted = b.defaultRouted;
        this.rules = List.copyOf(b.allRules());
        this.services = List.copyOf(b.services);
        this.masquerades = List.copyOf(b.masquerades);
        this.warnings = PolicyChecks.check(this);
    }

    static FirewallPolicy of(FirewallPolicyBuilder builder) {
        return new FirewallPolicy(builder);
    }

    /** A builder with the secure defaults: incoming deny, outgoing allow, routed deny, no rules. */
    public static FirewallPolicyBuilder builder() {
        return new FirewallPolicyBuilder();
    }

    /** A builder holding everything this policy holds, to add to it. */
    public FirewallPolicyBuilder toBuilder() {
        FirewallPolicyBuilder b = builder().defaultIncoming(defaultIncoming).defaultOutgoing(defaultOutgoing)
                .defaultRouted(defaultRouted);
        b.copyFrom(rules, services, masquerades);
        return b;
    }

    /** What happens to incoming traffic no rule matches. */
    public Action defaultIncoming() {
        return defaultIncoming;
    }

    /** What happens to outgoing traffic no rule matches. */
    public Action defaultOutgoing() {
        return defaultOutgoing;
    }

    /** What happens to routed traffic no rule matches. */
    public Action defaultRouted() {
        return defaultRouted;
    }

    /** The default action for one direction. */
    public Action defaultFor(Direction direction) {
        switch (direction) {
            case IN:
                return defaultIncoming;
            case OUT:
                return defaultOutgoing;
            default:
                return defaultRouted;
        }
    }

    /** The rules in order, including those the services produced; the first match decides. */
    public List<Rule> rules() {
        return rules;
    }

    /** The services declared with the builder's service helpers. */
    public List<Service> services() {
        return services;
    }

    /** Source NAT for routed networks. */
    public List<Masquerade> masquerades() {
        return masquerades;
    }

    /**
     * Shadowed and redundant rules found by {@link FirewallPolicyBuilder#build()} (ids
     * {@code firewall.rule-shadowed}, {@code firewall.rule-redundant}); contradictions are
     * thrown as {@link ValidationException} instead.
     */
    public List<Finding> warnings() {
        return warnings;
    }

    /** The policy with {@code rule} put before all others (e.g. to keep the management connection). */
    public FirewallPolicy withFirstRule(Rule rule) {
        FirewallPolicyBuilder b = builder().defaultIncoming(defaultIncoming).defaultOutgoing(defaultOutgoing)
                .defaultRouted(defaultRouted);
        List<Rule> plain = new ArrayList<>();
        plain.add(rule);
        plain.addAll(rules);
        b.copyFrom(plain, services, masquerades);
        return b.build();
    }

    /**
     * What the firewall does with the first packet of a new connection: the frame (loopback,
     * essential ICMP with the type in {@link Packet#port()}), then the first matching rule, then
     * the default. {@link Action#LIMIT} means allowed below the rate.
     */
    public Action verdict(Packet packet) {
        Objects.requireNonNull(packet, "packet");
        if (packet.direction() == Direction.IN && packet.inInterface().equals(Optional.of("lo"))
                || packet.direction() == Direction.OUT && packet.outInterface().equals(Optional.of("lo"))) {
            return Action.ALLOW;
        }
        if (packet.direction() != Direction.ROUTED
                && (packet.protocol() == Protocol.ICMP && ESSENTIAL_ICMP.contains(packet.port())
                    || packet.protocol() == Protocol.ICMPV6 && ESSENTIAL_ICMPV6.contains(packet.port()))) {
            return Action.ALLOW;
        }
        for (Rule rule : rules) {
            if (rule.matches(packet)) {
                return rule.action();
            }
        }
        return defaultFor(packet.direction());
    }

    /**
     * Whether {@code source} can open a connection to {@code protocol}/{@code port} on this machine
     * at {@code destination}, arriving on {@code inInterface}.
     */
    public boolean reaches(InetAddress source, InetAddress destination, Protocol protocol, int port, String inInterface) {
        return verdict(Packet.incoming(source, destination, protocol, port, inInterface)).admits();
    }

    /** The service declared under {@code name}, if any. */
    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A readable multi-line summary: defaults, then one rule a line. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("default incoming ").append(defaultIncoming.wireName())
                .append(", outgoing ").append(defaultOutgoing.wireName())
                .append(", routed ").append(defaultRouted.wireName());
        for (int i = 0; i < rules.size(); i++) {
            out.append("\n").append(i + 1).append(". ").append(rules.get(i));
        }
        for (Masquerade m : masquerades) {
            out.append("\nmasquerade ").append(m.source()).append(" out ").append(m.outInterface());
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirewallPolicy && toComparable().equals(((FirewallPolicy) o).toComparable());
    }

    @Override
    public int hashCode() {
        return toComparable().hashCode();
    }

    private List<Object> toComparable() {
        return List.of(defaultIncoming, defaultOutgoing, defaultRouted, rules, services, masquerades);
    }

    /** The label renderers and checks use for the rule at {@code index}: {@code rule #3 'ssh'}. */
    public String label(int index) {
        String comment = rules.get(index).comment();
        return "rule #" + (index + 1) + (comment.isEmpty() ? "" : " '" + comment + "'");
    }
}
