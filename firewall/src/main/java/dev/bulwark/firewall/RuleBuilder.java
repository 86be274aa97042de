package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link Rule}; start with {@link Rule#allow()}, {@link Rule#deny()}, {@link Rule#reject()} or {@link Rule#limit()}. */
public final class RuleBuilder {

    private final Action action;
    private Direction direction = Direction.IN;
    private Set<IpVersion> versions;
    private Protocol protocol;
    private Ports ports = Ports.ANY;
    private final List<IpNetwork> sources = new ArrayList<>();
    private String sourceSet;
    private final List<IpNetwork> destinations = new ArrayList<>();
    private String inInterface;
    private String outInterface;
    private String comment = "";

    RuleBuilder(Action action) {
        this.action = action;
    }

    /** Incoming traffic (the default). */
    public RuleBuilder in() {
        return direction(Direction.IN);
    }

    /** Outgoing traffic (default: incoming). */
    public RuleBuilder out() {
        return direction(Direction.OUT);
    }

    /** Routed (forwarded) traffic (default: incoming). */
    public RuleBuilder routed() {
        return direction(Direction.ROUTED);
    }

    /** The direction (default {@link Direction#IN}). */
    public RuleBuilder direction(Direction value) {
        this.direction = value;
        return this;
    }

    /**
     * The IP versions (default: those of the networks given, else those of the protocol, else
     * both).
     */
    public RuleBuilder versions(IpVersion... value) {
        if (value.length == 0) {
            throw new ValidationException("versions needs at least one IP version");
        }
        this.versions = EnumSet.copyOf(List.of(value));
        return this;
    }

    /** The protocol (default: any; with ports, any means TCP and UDP). */
    public RuleBuilder protocol(Protocol value) {
        this.protocol = value;
        return this;
    }

    /** The destination ports (default {@link Ports#ANY}). */
    public RuleBuilder ports(Ports value) {
        this.ports = value;
        return this;
    }

    /** Single destination ports, e.g. {@code port(80, 443)} (default: any). */
    public RuleBuilder port(int... value) {
        return ports(Ports.of(value));
    }

    /** Adds source networks (default: any source). */
    public RuleBuilder from(IpNetwork... networks) {
        sources.addAll(List.of(networks));
        return this;
    }

    /** Adds source networks (default: any source). */
    public RuleBuilder from(List<IpNetwork> networks) {
        sources.addAll(networks);
        return this;
    }

    /** The source networks as a named address list (an nftables named set); default: unnamed. */
    public RuleBuilder fromSet(String name, List<IpNetwork> networks) {
        this.sourceSet = name;
        return from(networks);
    }

    /** Adds destination networks (default: any destination). */
    public RuleBuilder to(IpNetwork... networks) {
        destinations.addAll(List.of(networks));
        return this;
    }

    /** The interface traffic arrives on (default: any). */
    public RuleBuilder inInterface(String name) {
        this.inInterface = name;
        return this;
    }

    /** The interface traffic leaves by (default: any). */
    public RuleBuilder outInterface(String name) {
        this.outInterface = name;
        return this;
    }

    /** A one-line comment (default: none). */
    public RuleBuilder comment(String text) {
        this.comment = text;
        return this;
    }

    /** The rule; throws {@link ValidationException} naming the bad field or combination. */
    public Rule build() {
        Rule.checkComment(comment);
        EnumSet<IpVersion> v = versions == null ? EnumSet.allOf(IpVersion.class) : EnumSet.copyOf(versions);
        if (!sources.isEmpty()) {
            v.retainAll(versionsOf(sources));
        }
        if (!destinations.isEmpty()) {
            v.retainAll(versionsOf(destinations));
        }
        if (protocol == Protocol.ICMP) {
            v.retainAll(EnumSet.of(IpVersion.IPV4));
        } else if (protocol == Protocol.ICMPV6) {
            v.retainAll(EnumSet.of(IpVersion.IPV6));
        }
        List<IpNetwork> src = new ArrayList<>(sources);
        List<IpNetwork> dst = new ArrayList<>(destinations);
        src.removeIf(n -> !v.contains(IpVersion.of(n.address())));
        dst.removeIf(n -> !v.contains(IpVersion.of(n.address())));
        if (src.isEmpty() != sources.isEmpty() || dst.isEmpty() != destinations.isEmpty() || v.isEmpty()) {
            throw new ValidationException("rule" + (comment.isEmpty() ? "" : " '" + comment + "'")
                    + ": its sources " + sources + ", destinations " + destinations + ", protocol "
                    + (protocol == null ? "any" : protocol.wireName()) + " and versions "
                    + (versions == null ? "(any)" : versions) + " leave no IP version in common");
        }
        return new Rule(action, direction, List.copyOf(v), Optional.ofNullable(protocol), ports, src,
                Optional.ofNullable(sourceSet), dst, Optional.ofNullable(inInterface),
                Optional.ofNullable(outInterface), comment);
    }

    private static EnumSet<IpVersion> versionsOf(List<IpNetwork> networks) {
        EnumSet<IpVersion> out = EnumSet.noneOf(IpVersion.class);
        for (IpNetwork n : networks) {
            out.add(IpVersion.of(n.address()));
        }
        return out;
    }
}
