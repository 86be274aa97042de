package dev.bulwark.examples;

import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.ssh.config.SshdConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the audited target's current firewall lets the admin's SSH through: each admin source
 * walked through the captured ruleset to the addresses sshd will listen on at the spec's ssh port.
 * The kit's own firewall files replace only their own rules (the {@code inet} table they name, the
 * iptables tables they hold), so a drop elsewhere outlives them; the kit writes its files and says
 * in a note what to open first, since the kit is how most such firewalls get fixed.
 */
final class AdminPathFirewall {

    private AdminPathFirewall() {
    }

    /** Adds a note for each admin source the target's ruleset drops, wholly or in part. */
    static void check(BaselineSpec spec, SshdConfig hardened, TargetAudit.Facts facts, List<String> notes) {
        if (facts.rules().isEmpty()) {
            return;
        }
        List<SocketEntry> sockets = new ArrayList<>();
        for (InetAddress a : ListenChecks.addresses(spec, hardened, facts)) {
            String text = IpAddresses.format(a);
            sockets.add(new SocketEntry("tcp", "LISTEN", 0, 0, Endpoint.of(text, spec.sshPort()),
                    Endpoint.of(a.getAddress().length == 4 ? "0.0.0.0" : "::", 0), List.of(), Map.of(), List.of()));
        }
        if (sockets.isEmpty()) {
            return;
        }
        List<SocketExposure> exposures = Firewall.analyze(facts.rules().get(), new SocketTable(sockets));
        ManagementPath path = spec.management();
        List<IpNetwork> sources = path.fromAnywhere() ? List.of(IpNetwork.ANY_IPV4, IpNetwork.ANY_IPV6)
                : path.adminSources();
        List<String> closed = new ArrayList<>();
        for (IpNetwork source : sources) {
            List<SocketExposure> family = exposures.stream()
                    .filter(e -> e.socket().local().inetAddress().map(a -> a.getAddress().length == 4)
                            .orElse(false) == source.isIpv4()).toList();
            if (family.isEmpty()) {
                continue; // sshd does not listen on this family; ListenChecks decided that
            }
            boolean whole = family.stream().anyMatch(e -> e.sources().stream().anyMatch(n -> n.contains(source)));
            boolean part = family.stream().anyMatch(e -> e.sources().stream().anyMatch(n -> n.overlaps(source)));
            if (!whole) {
                List<String> open = family.stream().flatMap(e -> e.sources().stream()).map(IpNetwork::toString)
                        .distinct().toList();
                closed.add(source + (part ? " (in part)" : "") + " (it lets through "
                        + (open.isEmpty() ? "no outside source" : "only " + String.join(", ", open)) + ")");
            }
        }
        if (path.fromAnywhere() && closed.size() < 2) {
            return; // the admin from anywhere needs one family
        }
        if (!closed.isEmpty()) {
            notes.add("The firewall of " + facts.label() + " now drops new SSH connections to tcp/" + spec.sshPort()
                    + " from " + String.join("; from ", closed) + ". The kit's firewall files replace only their own"
                    + " rules: before applying them, open tcp/" + spec.sshPort() + " to the admin on the server (or"
                    + " apply them from its console), or declare an admin-from that the current firewall lets through.");
        }
    }
}
