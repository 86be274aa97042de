package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One ufw rule as ufw itself holds it: a single source, destination and protocol, at most 15
 * ports. A model rule expands into one or more of these.
 */
record UfwRule(Action action, Direction direction, Optional<String> inInterface, Optional<String> outInterface,
               Optional<Protocol> protocol, Ports ports, Optional<IpNetwork> source, Optional<IpNetwork> destination,
               Optional<IpVersion> only, String comment) {

    /** Expands one model rule; throws naming the rule when ufw cannot express it. */
    static List<UfwRule> expand(FirewallPolicy policy, int index) {
        Rule rule = policy.rules().get(index);
        String owner = policy.label(index);
        if (rule.protocol().isPresent() && !rule.protocol().get().hasPorts()) {
            throw new ValidationException(owner + ": ufw cannot express a " + rule.protocol().get().wireName()
                    + " rule; ufw handles ICMP only in /etc/ufw/before.rules");
        }
        String comment = rule.comment().isEmpty() ? "" : Fields.comment(Backend.UFW, owner, rule.comment());
        rule.inInterface().ifPresent(i -> Fields.interfaceName(Backend.UFW, owner, i));
        rule.outInterface().ifPresent(i -> Fields.interfaceName(Backend.UFW, owner, i));
        if (rule.inInterface().filter(i -> i.endsWith("+")).isPresent()
                || rule.outInterface().filter(i -> i.endsWith("+")).isPresent()) {
            throw new ValidationException(owner + ": ufw cannot express an interface wildcard ('+')");
        }
        List<Optional<Protocol>> protocols = new ArrayList<>();
        if (rule.protocol().isPresent()) {
            protocols.add(rule.protocol());
        } else if (rule.ports().isAny() || rule.ports().ranges().size() == 1 && rule.ports().ranges().get(0).isSinglePort()) {
            protocols.add(Optional.empty());
        } else {
            protocols.add(Optional.of(Protocol.TCP));
            protocols.add(Optional.of(Protocol.UDP));
        }
        Optional<IpVersion> only = rule.versions().size() == 1 ? Optional.of(rule.versions().get(0)) : Optional.empty();
        List<UfwRule> out = new ArrayList<>();
        for (Optional<IpNetwork> src : each(rule.sources())) {
            for (Optional<IpNetwork> dst : each(rule.destinations())) {
                if (src.isPresent() && dst.isPresent()
                        && IpVersion.of(src.get().address()) != IpVersion.of(dst.get().address())) {
                    continue;
                }
                for (Optional<Protocol> protocol : protocols) {
                    for (Ports chunk : rule.ports().isAny() ? List.of(Ports.ANY) : rule.ports().chunks(IptablesRules.MULTIPORT_MAX)) {
                        out.add(new UfwRule(rule.action(), rule.direction(), rule.inInterface(), rule.outInterface(),
                                protocol, chunk, src, dst, src.isPresent() || dst.isPresent() ? Optional.empty() : only,
                                comment));
                    }
                }
            }
        }
        return out;
    }

    private static List<Optional<IpNetwork>> each(List<IpNetwork> networks) {
        if (networks.isEmpty()) {
            return Collections.singletonList(Optional.empty());
        }
        List<Optional<IpNetwork>> out = new ArrayList<>();
        for (IpNetwork n : networks) {
            out.add(Optional.of(n));
        }
        return out;
    }

    /** Whether ufw puts this rule into user.rules ({@code IPV4}) or user6.rules ({@code IPV6}). */
    boolean appliesTo(IpVersion version) {
        if (only.isPresent()) {
            return only.get() == version;
        }
        Optional<IpNetwork> any = source.isPresent() ? source : destination;
        return any.map(n -> IpVersion.of(n.address()) == version).orElse(true);
    }

    /** The {@code ufw} command line. */
    List<String> command() {
        List<String> out = new ArrayList<>(List.of("ufw"));
        if (direction == Direction.ROUTED) {
            out.add("route");
        }
        out.add(action.wireName());
        if (direction == Direction.OUT) {
            out.add("out");
            outInterface.ifPresent(i -> out.addAll(List.of("on", i)));
        } else if (direction == Direction.IN) {
            out.add("in");
            inInterface.ifPresent(i -> out.addAll(List.of("on", i)));
        } else {
            inInterface.ifPresent(i -> out.addAll(List.of("in", "on", i)));
            outInterface.ifPresent(i -> out.addAll(List.of("out", "on", i)));
        }
        protocol.ifPresent(p -> out.addAll(List.of("proto", p.wireName())));
        out.addAll(List.of("from", source.map(IpNetwork::toString).orElse(anyAddress(true))));
        out.addAll(List.of("to", destination.map(IpNetwork::toString).orElse(anyAddress(false))));
        if (!ports.isAny()) {
            out.addAll(List.of("port", ports.join(",", ":")));
        }
        if (!comment.isEmpty()) {
            out.addAll(List.of("comment", comment));
        }
        return out;
    }

    /**
     * How the command restricts the IP version when no address does: {@code from 0.0.0.0/0} or
     * {@code from ::/0}; otherwise {@code any}.
     */
    private String anyAddress(boolean isSource) {
        if (isSource && only.isPresent()) {
            return only.get() == IpVersion.IPV4 ? "0.0.0.0/0" : "::/0";
        }
        return "any";
    }
}
