package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Expands model rules into nftables rule lines and the named sets they use. */
final class NftablesRules {

    private final FirewallPolicy policy;
    /** Set name to its declaration body, in first-use order. */
    private final Map<String, String> sets = new LinkedHashMap<>();

    NftablesRules(FirewallPolicy policy) {
        this.policy = policy;
    }

    void append(StringBuilder out, Direction direction) {
        List<Rule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).direction() == direction) {
                rule(out, i);
            }
        }
    }

    void appendSets(StringBuilder out) {
        for (Map.Entry<String, String> set : sets.entrySet()) {
            out.append("\tset ").append(set.getKey()).append(" {\n").append(set.getValue()).append("\t}\n\n");
        }
    }

    private void rule(StringBuilder out, int index) {
        Rule rule = policy.rules().get(index);
        String owner = policy.label(index);
        String comment = rule.comment().isEmpty() ? ""
                : " comment \"" + Fields.comment(Backend.NFTABLES, owner, rule.comment()) + "\"";
        StringBuilder common = new StringBuilder();
        rule.inInterface().ifPresent(i -> common.append(" iifname ").append(interfaceName(owner, i)));
        rule.outInterface().ifPresent(i -> common.append(" oifname ").append(interfaceName(owner, i)));
        common.append(protocolAndPorts(rule));
        boolean addresses = !rule.sources().isEmpty() || !rule.destinations().isEmpty();
        if (!addresses && rule.versions().size() == 2 && rule.action() != Action.LIMIT) {
            line(out, "", common, rule, index, null, comment);
            return;
        }
        boolean both = rule.versions().size() == 2;
        for (IpVersion v : rule.versions()) {
            StringBuilder match = new StringBuilder();
            String family = v == IpVersion.IPV4 ? "ip" : "ip6";
            if (!addresses) {
                match.append(" meta nfproto ").append(v == IpVersion.IPV4 ? "ipv4" : "ipv6");
            }
            List<IpNetwork> src = of(rule.sources(), v);
            if (!src.isEmpty()) {
                match.append(' ').append(family).append(" saddr ");
                if (src.size() == 1) {
                    match.append(src.get(0));
                } else {
                    String name = rule.sourceSet().map(s -> both ? s + (v == IpVersion.IPV4 ? "_v4" : "_v6") : s)
                            .orElse("r" + (index + 1) + "_saddr" + (v == IpVersion.IPV4 ? "_v4" : "_v6"));
                    Fields.nftIdentifier(owner, "set name", name);
                    declare(owner, name, v, src);
                    match.append('@').append(name);
                }
            }
            List<IpNetwork> dst = of(rule.destinations(), v);
            if (!dst.isEmpty()) {
                match.append(' ').append(family).append(" daddr ").append(dst.size() == 1 ? dst.get(0).toString()
                        : dst.stream().map(IpNetwork::toString).collect(Collectors.joining(", ", "{ ", " }")));
            }
            if (rule.sources().isEmpty() != src.isEmpty() || rule.destinations().isEmpty() != dst.isEmpty()) {
                continue;
            }
            line(out, match.toString(), common, rule, index, v, comment);
        }
    }

    private void line(StringBuilder out, String family, StringBuilder common, Rule rule, int index, IpVersion v,
                      String comment) {
        String match = (family + common).trim();
        String prefix = match.isEmpty() ? "\t\t" : "\t\t" + match + " ";
        switch (rule.action()) {
            case ALLOW:
                out.append(prefix).append("accept").append(comment).append('\n');
                break;
            case DENY:
                out.append(prefix).append("drop").append(comment).append('\n');
                break;
            case REJECT:
                out.append(prefix).append(rule.protocol().filter(p -> p == Protocol.TCP).isPresent()
                        ? "reject with tcp reset" : "reject").append(comment).append('\n');
                break;
            default:
                String meter = "r" + (index + 1) + "_limit" + (v == IpVersion.IPV4 ? "_v4" : "_v6");
                sets.put(meter, "\t\ttype " + (v == IpVersion.IPV4 ? "ipv4_addr" : "ipv6_addr")
                        + "\n\t\tsize 65535\n\t\tflags dynamic,timeout\n\t\ttimeout " + IptablesRules.LIMIT_SECONDS + "s\n");
                out.append(prefix).append("ct state new update @").append(meter).append(" { ")
                        .append(v == IpVersion.IPV4 ? "ip" : "ip6").append(" saddr limit rate over ")
                        .append(IptablesRules.LIMIT_HITS * 60 / IptablesRules.LIMIT_SECONDS).append("/minute burst ")
                        .append(IptablesRules.LIMIT_HITS - 1).append(" packets } reject").append(comment).append('\n');
                out.append(prefix).append("accept").append(comment).append('\n');
        }
    }

    private void declare(String owner, String name, IpVersion v, List<IpNetwork> networks) {
        String body = "\t\ttype " + (v == IpVersion.IPV4 ? "ipv4_addr" : "ipv6_addr") + "\n\t\tflags interval\n"
                + "\t\telements = { " + networks.stream().map(IpNetwork::toString).collect(Collectors.joining(", "))
                + " }\n";
        String previous = sets.putIfAbsent(name, body);
        if (previous != null && !previous.equals(body)) {
            throw new dev.bulwark.core.ValidationException(owner + ": nftables set '" + name
                    + "' is already declared with other networks");
        }
    }

    private static String protocolAndPorts(Rule rule) {
        StringBuilder out = new StringBuilder();
        if (rule.protocol().isPresent()) {
            Protocol p = rule.protocol().get();
            if (rule.ports().isAny()) {
                out.append(" meta l4proto ").append(p == Protocol.ICMPV6 ? "ipv6-icmp" : p.wireName());
            } else {
                out.append(' ').append(p.wireName()).append(" dport ").append(ports(rule));
            }
        } else if (!rule.ports().isAny()) {
            out.append(" meta l4proto { tcp, udp } th dport ").append(ports(rule));
        }
        return out.toString();
    }

    private static String ports(Rule rule) {
        String list = rule.ports().join(", ", "-");
        return rule.ports().ranges().size() == 1 ? list : "{ " + list + " }";
    }

    /**
     * The networks of one IP version, without those another one of the list contains (and without
     * repeats): nftables refuses overlapping elements in an interval set ("conflicting intervals").
     */
    private static List<IpNetwork> of(List<IpNetwork> networks, IpVersion v) {
        List<IpNetwork> out = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            IpNetwork n = networks.get(i);
            if (IpVersion.of(n.address()) != v) {
                continue;
            }
            boolean covered = false;
            for (int j = 0; j < networks.size() && !covered; j++) {
                IpNetwork m = networks.get(j);
                covered = j != i && m.contains(n) && (!m.equals(n) || j < i);
            }
            if (!covered) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * An {@code iifname}/{@code oifname} string: the model's prefix wildcard {@code eth+} becomes
     * nft's {@code "eth*"}; a {@code +} elsewhere is a literal character, as in iptables. A lone
     * {@code +} (every interface) is refused: nft rejects the all-wildcard string {@code "*"}.
     */
    static String interfaceName(String owner, String name) {
        Fields.interfaceName(Backend.NFTABLES, owner, name);
        if (name.equals("+")) {
            throw new ValidationException(owner + ": nftables cannot express the interface wildcard '+' alone"
                    + " (nft refuses the all-wildcard string \"*\"); leave the interface out to match every interface");
        }
        return "\"" + (name.endsWith("+") ? name.substring(0, name.length() - 1) + "*" : name) + "\"";
    }
}
