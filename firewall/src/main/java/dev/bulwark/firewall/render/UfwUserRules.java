package dev.bulwark.firewall.render;

import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.IpVersion;
import java.util.ArrayList;
import java.util.List;

/** Writes one ufw rule the way ufw 0.36 stores it in user.rules: the tuple line, then its iptables lines. */
final class UfwUserRules {

    private UfwUserRules() {
    }

    static void append(StringBuilder out, UfwRule rule, String prefix, IpVersion version) {
        String action = (rule.direction() == Direction.ROUTED ? "route:" : "") + rule.action().wireName();
        String protocol = rule.protocol().map(Protocol::wireName).orElse("any");
        String dport = rule.ports().isAny() ? "any" : rule.ports().join(",", ":");
        String dst = UfwRenderer.address(rule.destination(), version);
        String src = UfwRenderer.address(rule.source(), version);
        String ifaces;
        String direction = rule.direction() == Direction.OUT
                || rule.direction() == Direction.ROUTED && rule.inInterface().isEmpty() && rule.outInterface().isPresent()
                ? "out" : "in";
        if (rule.inInterface().isPresent() && rule.outInterface().isPresent()) {
            ifaces = "in_" + rule.inInterface().get() + "!out_" + rule.outInterface().get();
        } else if (rule.inInterface().isPresent()) {
            ifaces = direction + "_" + rule.inInterface().get();
        } else if (rule.outInterface().isPresent()) {
            ifaces = direction + "_" + rule.outInterface().get();
        } else {
            ifaces = direction;
        }
        out.append("\n### tuple ### ").append(action).append(' ').append(protocol).append(' ').append(dport)
                .append(' ').append(dst).append(" any ").append(src).append(' ').append(ifaces);
        if (!rule.comment().isEmpty()) {
            out.append(" comment=").append(UfwRenderer.hex(rule.comment()));
        }
        out.append('\n');

        String suffix = rule.direction() == Direction.ROUTED ? "forward" : rule.direction() == Direction.OUT ? "output" : "input";
        List<String> protocols = new ArrayList<>();
        if (rule.protocol().isPresent()) {
            protocols.add(protocol);
        } else if (rule.ports().isAny()) {
            protocols.add("");
        } else {
            protocols.add("tcp");
            protocols.add("udp");
        }
        boolean multi = dport.contains(",") || dport.contains(":");
        for (String p : protocols) {
            StringBuilder match = new StringBuilder("-A ").append(prefix).append("-user-").append(suffix);
            rule.inInterface().ifPresent(i -> match.append(" -i ").append(i));
            rule.outInterface().ifPresent(i -> match.append(" -o ").append(i));
            if (!p.isEmpty()) {
                match.append(" -p ").append(p);
            }
            if (multi) {
                match.append(" -m multiport --dports ").append(dport);
            }
            rule.destination().ifPresent(d -> match.append(" -d ").append(dst));
            if (!multi && !rule.ports().isAny()) {
                match.append(" --dport ").append(dport);
            }
            rule.source().ifPresent(s -> match.append(" -s ").append(src));
            target(out, match.toString(), rule.action(), p, prefix);
        }
    }

    private static void target(StringBuilder out, String match, Action action, String protocol, String prefix) {
        switch (action) {
            case ALLOW:
                out.append(match).append(" -j ACCEPT\n");
                break;
            case DENY:
                out.append(match).append(" -j DROP\n");
                break;
            case REJECT:
                out.append(match).append(" -j REJECT").append(protocol.equals("tcp") ? " --reject-with tcp-reset" : "")
                        .append('\n');
                break;
            default:
                out.append(match).append(" -m conntrack --ctstate NEW -m recent --set\n");
                out.append(match).append(" -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 -j ")
                        .append(prefix).append("-user-limit\n");
                out.append(match).append(" -j ").append(prefix).append("-user-limit-accept\n");
        }
    }
}
