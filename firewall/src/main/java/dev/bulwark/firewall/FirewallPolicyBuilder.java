package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link FirewallPolicy}. Rules keep the order they were added in, services included
 * (each service adds its rules where it is declared). {@link #build()} throws
 * {@link ValidationException} for contradictions and records shadowed and redundant rules as
 * {@linkplain FirewallPolicy#warnings() warnings}.
 */
public final class FirewallPolicyBuilder {

    Action defaultIncoming = Action.DENY;
    Action defaultOutgoing = Action.ALLOW;
    Action defaultRouted = Action.DENY;
    final List<Object> entries = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<Masquerade> masquerades = new ArrayList<>();

    FirewallPolicyBuilder() {
    }

    /** What happens to incoming traffic no rule matches (default {@link Action#DENY}). */
    public FirewallPolicyBuilder defaultIncoming(Action action) {
        this.defaultIncoming = requireDefault("incoming", action);
        return this;
    }

    /** What happens to outgoing traffic no rule matches (default {@link Action#ALLOW}). */
    public FirewallPolicyBuilder defaultOutgoing(Action action) {
        this.defaultOutgoing = requireDefault("outgoing", action);
        return this;
    }

    /** What happens to routed traffic no rule matches (default {@link Action#DENY}). */
    public FirewallPolicyBuilder defaultRouted(Action action) {
        this.defaultRouted = requireDefault("routed", action);
        return this;
    }

    /** Appends a rule (default: no rules). */
    public FirewallPolicyBuilder rule(Rule rule) {
        entries.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** A service anyone may reach: an allow rule for {@code protocol}/{@code ports} from any source. */
    public FirewallPolicyBuilder publicService(String name, Protocol protocol, Ports ports) {
        return service(new Service(name, Exposure.PUBLIC, Optional.of(protocol), ports, List.of()));
    }

    /** A TCP service reachable only from {@code allowedFrom}: an allow rule restricted to those sources. */
    public FirewallPolicyBuilder privateService(String name, Ports ports, List<IpNetwork> allowedFrom) {
        return privateService(name, Protocol.TCP, ports, allowedFrom);
    }

    /** A service reachable only from {@code allowedFrom}: an allow rule restricted to those sources. */
    public FirewallPolicyBuilder privateService(String name, Protocol protocol, Ports ports, List<IpNetwork> allowedFrom) {
        return service(new Service(name, Exposure.PRIVATE, Optional.of(protocol), ports, allowedFrom));
    }

    /**
     * A TCP and UDP service reachable only from this machine: a deny rule for its ports (loopback
     * stays accepted by the frame), and no other rule may open them.
     */
    public FirewallPolicyBuilder internalService(String name, Ports ports) {
        return service(new Service(name, Exposure.INTERNAL, Optional.empty(), ports, List.of()));
    }

    /** Appends a service and its rule. */
    public FirewallPolicyBuilder service(Service service) {
        services.add(Objects.requireNonNull(service, "service"));
        entries.add(service);
        return this;
    }

    /** Rewrites the source of {@code source}'s traffic leaving by {@code outInterface} (default: no NAT). */
    public FirewallPolicyBuilder masquerade(IpNetwork source, String outInterface) {
        masquerades.add(new Masquerade(source, outInterface));
        return this;
    }

    /** The validated policy; throws {@link ValidationException} for contradictory rules. */
    public FirewallPolicy build() {
        return FirewallPolicy.of(this);
    }

    void copyFrom(List<Rule> rules, List<Service> copiedServices, List<Masquerade> copiedMasquerades) {
        entries.addAll(rules);
        services.addAll(copiedServices);
        masquerades.addAll(copiedMasquerades);
    }

    List<Rule> allRules() {
        List<Rule> out = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Rule) {
                out.add((Rule) entry);
            } else {
                out.add(ruleOf((Service) entry));
            }
        }
        return out;
    }

    static Rule ruleOf(Service s) {
        RuleBuilder b = s.exposure() == Exposure.INTERNAL ? Rule.deny() : Rule.allow();
        s.protocol().ifPresent(b::protocol);
        return b.in().ports(s.ports()).from(s.allowedFrom()).comment(s.name()).build();
    }

    private static Action requireDefault(String direction, Action action) {
        Objects.requireNonNull(action, direction);
        if (action == Action.LIMIT) {
            throw new ValidationException("default " + direction + " policy cannot be limit; use allow, deny or reject");
        }
        return action;
    }
}
