package dev.bulwark.firewall.render;

import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.ManagementAccess;
import java.util.ArrayList;
import java.util.List;

/** The fixed lines around the rules in the built-in chains (see {@link IptablesRenderer}). */
final class IptablesFrame {

    static final String MANAGEMENT_COMMENT = "bulwark: management access";
    private static final List<Integer> ICMP = List.of(3, 11, 12, 8);
    private static final List<Integer> ICMPV6 = List.of(1, 2, 3, 4, 128);
    private static final List<Integer> NDP = List.of(133, 134, 135, 136);

    private final IpVersion version;
    private final IptablesRenderer renderer;

    IptablesFrame(IpVersion version, IptablesRenderer renderer) {
        this.version = version;
        this.renderer = renderer;
    }

    void input(List<List<String>> out, Action defaultAction) {
        out.add(List.of("-A", "INPUT", "-i", "lo", "-j", "ACCEPT"));
        ndp(out, "INPUT");
        out.add(List.of("-A", "INPUT", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        out.add(List.of("-A", "INPUT", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP"));
        icmp(out, "INPUT");
        if (renderer.management().isPresent() && renderer.management().get().version() == version) {
            ManagementAccess m = renderer.management().get();
            out.add(List.of("-A", "INPUT", "-s", m.source().toString(), "-p", "tcp", "-m", "tcp", "--dport",
                    Integer.toString(m.port()), "-m", "comment", "--comment", MANAGEMENT_COMMENT, "-j", "ACCEPT"));
        }
        out.add(List.of("-A", "INPUT", "-j", renderer.chain(Direction.IN)));
        reject(out, "INPUT", defaultAction, version);
    }

    void output(List<List<String>> out, Action defaultAction) {
        out.add(List.of("-A", "OUTPUT", "-o", "lo", "-j", "ACCEPT"));
        out.add(List.of("-A", "OUTPUT", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        if (defaultAction != Action.ALLOW) {
            ndp(out, "OUTPUT");
            icmp(out, "OUTPUT");
        }
        out.add(List.of("-A", "OUTPUT", "-j", renderer.chain(Direction.OUT)));
        reject(out, "OUTPUT", defaultAction, version);
    }

    void forward(List<List<String>> out, Action defaultAction) {
        out.add(List.of("-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
        out.add(List.of("-A", "FORWARD", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP"));
        out.add(List.of("-A", "FORWARD", "-j", renderer.chain(Direction.ROUTED)));
        reject(out, "FORWARD", defaultAction, version);
    }

    private void ndp(List<List<String>> out, String chain) {
        if (version == IpVersion.IPV6) {
            for (int type : NDP) {
                out.add(List.of("-A", chain, "-p", "ipv6-icmp", "-m", "icmp6", "--icmpv6-type", Integer.toString(type),
                        "-m", "hl", "--hl-eq", "255", "-j", "ACCEPT"));
            }
        }
    }

    private void icmp(List<List<String>> out, String chain) {
        List<Integer> types = version == IpVersion.IPV4 ? ICMP : ICMPV6;
        for (int type : types) {
            List<String> line = new ArrayList<>(List.of("-A", chain));
            if (version == IpVersion.IPV4) {
                line.addAll(List.of("-p", "icmp", "-m", "icmp", "--icmp-type", Integer.toString(type)));
            } else {
                line.addAll(List.of("-p", "ipv6-icmp", "-m", "icmp6", "--icmpv6-type", Integer.toString(type)));
            }
            line.addAll(List.of("-j", "ACCEPT"));
            out.add(List.copyOf(line));
        }
    }

    static void reject(List<List<String>> out, String chain, Action defaultAction, IpVersion version) {
        if (defaultAction == Action.REJECT) {
            out.add(List.of("-A", chain, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset"));
            out.add(List.of("-A", chain, "-j", "REJECT", "--reject-with", IptablesRules.unreachable(version)));
        }
    }
}
