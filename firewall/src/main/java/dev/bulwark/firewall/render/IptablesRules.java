package dev.bulwark.firewall.render;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Expands each model rule into iptables lines: one per source, destination, protocol and
 * multiport chunk, written in iptables-save's own order and with its explicit defaults, so that
 * what {@code iptables-save} prints back equals what was rendered.
 */
final class IptablesRules {

    /** iptables' multiport match takes at most 15 ports, a range counting two. */
    static final int MULTIPORT_MAX = 15;
    /** ufw's limit: reject a source's 6th new connection within 30 seconds. */
    static final int LIMIT_SECONDS = 30;
    static final int LIMIT_HITS = 6;

    private final IpVersion version;
    private final IptablesRenderer renderer;

    IptablesRules(IpVersion version, IptablesRenderer renderer) {
        this.version = version;
        this.renderer = renderer;
    }

    void rule(List<List<String>> out, FirewallPolicy policy, int index) {
        Rule rule = policy.rules().get(index);
        if (!rule.versions().contains(version)) {
            return;
        }
        String owner = policy.label(index);
        String comment = rule.comment().isEmpty() ? "" : Fields.comment(Backend.IPTABLES, owner, rule.comment());
        List<String> interfaces = new ArrayList<>();
        rule.inInterface().ifPresent(i -> interfaces.addAll(List.of("-i", Fields.interfaceName(Backend.IPTABLES, owner, i))));
        rule.outInterface().ifPresent(i -> interfaces.addAll(List.of("-o", Fields.interfaceName(Backend.IPTABLES, owner, i))));
        List<String> limitName = List.of("--name", renderer.chainPrefix() + "-limit-" + (index + 1), "--mask",
                version == IpVersion.IPV4 ? "255.255.255.255" : "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "--rsource");
        for (IpNetwork source : orAny(rule.sources())) {
            for (IpNetwork destination : orAny(rule.destinations())) {
                for (Protocol protocol : protocols(rule)) {
                    for (Ports chunk : rule.ports().isAny() ? List.of(Ports.ANY) : rule.ports().chunks(MULTIPORT_MAX)) {
                        List<String> match = new ArrayList<>(List.of("-A", renderer.chain(rule.direction())));
                        if (source != null) {
                            match.addAll(List.of("-s", source.toString()));
                        }
                        if (destination != null) {
                            match.addAll(List.of("-d", destination.toString()));
                        }
                        match.addAll(interfaces);
                        if (protocol != null) {
                            match.addAll(List.of("-p", protocol == Protocol.ICMPV6 ? "ipv6-icmp" : protocol.wireName()));
                        }
                        ports(match, protocol, chunk);
                        if (!comment.isEmpty()) {
                            match.addAll(List.of("-m", "comment", "--comment", comment));
                        }
                        action(out, match, rule.action(), protocol, limitName);
                    }
                }
            }
        }
    }

    private List<IpNetwork> orAny(List<IpNetwork> networks) {
        if (networks.isEmpty()) {
            return Collections.singletonList(null);
        }
        List<IpNetwork> out = new ArrayList<>();
        for (IpNetwork n : networks) {
            if (IpVersion.of(n.address()) == version) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<Protocol> protocols(Rule rule) {
        if (rule.protocol().isPresent()) {
            return List.of(rule.protocol().get());
        }
        return rule.ports().isAny() ? Collections.singletonList(null) : List.of(Protocol.TCP, Protocol.UDP);
    }

    private static void ports(List<String> match, Protocol protocol, Ports chunk) {
        if (chunk.isAny()) {
            return;
        }
        if (chunk.ranges().size() == 1) {
            match.addAll(List.of("-m", protocol.wireName(), "--dport", chunk.join(",", ":")));
        } else {
            match.addAll(List.of("-m", "multiport", "--dports", chunk.join(",", ":")));
        }
    }

    /** The ICMP error REJECT sends by default, written out as iptables-save prints it. */
    static String unreachable(IpVersion version) {
        return version == IpVersion.IPV4 ? "icmp-port-unreachable" : "icmp6-port-unreachable";
    }

    private void action(List<List<String>> out, List<String> match, Action action, Protocol protocol,
                        List<String> limitName) {
        switch (action) {
            case ALLOW:
                out.add(with(match, "-j", "ACCEPT"));
                break;
            case DENY:
                out.add(with(match, "-j", "DROP"));
                break;
            case REJECT:
                out.add(protocol == Protocol.TCP ? with(match, "-j", "REJECT", "--reject-with", "tcp-reset")
                        : with(match, "-j", "REJECT", "--reject-with", unreachable(version)));
                break;
            default:
                List<String> fresh = with(match, "-m", "conntrack", "--ctstate", "NEW", "-m", "recent");
                List<String> set = new ArrayList<>(fresh);
                set.add("--set");
                set.addAll(limitName);
                out.add(List.copyOf(set));
                List<String> update = new ArrayList<>(fresh);
                update.addAll(List.of("--update", "--seconds", Integer.toString(LIMIT_SECONDS), "--hitcount",
                        Integer.toString(LIMIT_HITS)));
                update.addAll(limitName);
                update.addAll(List.of("-j", "REJECT", "--reject-with", unreachable(version)));
                out.add(List.copyOf(update));
                out.add(with(match, "-j", "ACCEPT"));
        }
    }

    private static List<String> with(List<String> match, String... tail) {
        List<String> line = new ArrayList<>(match.size() + tail.length);
        line.addAll(match);
        line.addAll(List.of(tail));
        return List.copyOf(line);
    }
}
