package dev.bulwark.firewall.analysis;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.internal.RulesetFindings;
import dev.bulwark.firewall.analysis.internal.SocketAnalyzer;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Which listening sockets the deployed rules expose, and to whom.
 *
 * <p>For each listening IP socket (from {@code ss -lntu}, see {@link SocketTable}) and each incoming
 * interface of the host ({@link HostInterfaces}), the analysis takes the first packet of a new
 * connection and runs every possible source address along the kernel's path: ingress, the
 * PREROUTING base chains in priority order (notrack before conntrack, destination NAT once per
 * connection in any chain), the routing decision, then INPUT, or FORWARD and POSTROUTING. Within a
 * chain it follows iptables' and nftables' semantics exactly (first match wins, {@code jump} comes
 * back, {@code goto} does not, {@code return} goes to the caller, a base chain's policy decides the
 * rest, verdict maps and set lookups decide per element), and every base chain on the path must
 * accept. A socket bound to loopback is {@link Exposure#INTERNAL} whatever the rules; one reachable
 * only through private, VPN or container interfaces is {@link Exposure#PRIVATE}. Ports that DNAT
 * sends elsewhere are {@link ForwardedExposure} results. Sockets are analysed in parallel on the
 * common fork-join pool; each walk of the rules is made once and shared, and results come in table
 * order whatever the pool does.
 *
 * <p>Conditions the analysis cannot know (rate limits, {@code -m recent --update}, ipset and
 * dynamic set members, marks, unknown matches and targets) are taken both ways, so the reported
 * sources never miss one that can connect, and the result says why: "assumed reachable because …".
 *
 * <pre>{@code
 * Ruleset rules = IptablesSave.parse(iptablesSave).merge(IptablesSave.parse(ip6tablesSave));
 * for (SocketExposure e : ExposureAnalysis.analyze(rules, SocketTable.parse(ssLntu))) {
 *     System.out.println(e); // tcp 0.0.0.0:5432 private from [10.0.0.0/8]
 * }
 * }</pre>
 */
public final class ExposureAnalysis {

    private ExposureAnalysis() {
    }

    /** One {@link SocketExposure} per listening IP socket of {@code sockets}, in table order. */
    public static List<SocketExposure> analyze(Ruleset rules, SocketTable sockets) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(sockets, "sockets");
        return analyze(rules, sockets, HostInterfaces.conventional()).sockets();
    }

    /**
     * Every listening socket and every forwarded port, with who reaches each per incoming
     * interface of {@code interfaces}.
     */
    public static ExposureResult analyze(Ruleset rules, SocketTable sockets, HostInterfaces interfaces) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(interfaces, "interfaces");
        SocketAnalyzer analyzer = new SocketAnalyzer(rules, sockets.sockets(), interfaces);
        // sockets are independent once their walks are shared: analyse them on the common pool, in order
        List<SocketExposure> out = sockets.sockets().parallelStream().filter(SocketEntry::isListening)
                .map(analyzer::analyze).flatMap(Optional::stream).collect(Collectors.toList());
        return new ExposureResult(out, analyzer.forwarded(), interfaces, analyzer.assumptions());
    }

    /** The findings about the ruleset alone (policies, Docker, fail2ban, managers, rules that never match). */
    public static List<Finding> audit(Ruleset rules) {
        Objects.requireNonNull(rules, "rules");
        List<Finding> findings = new ArrayList<>(RulesetFindings.of(rules));
        findings.sort(Comparator.comparing(Finding::severity));
        return findings;
    }

    /**
     * The exposures and all findings: those of {@link #audit(Ruleset)} plus one per socket that is
     * more (or less) exposed than {@code intent} says for its port.
     *
     * @param rules   the deployed ruleset
     * @param sockets the listening sockets
     * @param intent  the intended exposure per port (e.g. {@code 22 → PRIVATE}); ports not in it are not judged
     */
    public static ExposureReport audit(Ruleset rules, SocketTable sockets, Map<Integer, Exposure> intent) {
        Objects.requireNonNull(intent, "intent");
        List<SocketExposure> exposures = analyze(rules, sockets);
        List<Finding> findings = new ArrayList<>(RulesetFindings.of(rules));
        findings.addAll(IntentFindings.of(exposures, intent));
        findings.sort(Comparator.comparing(Finding::severity));
        return new ExposureReport(exposures, findings);
    }
}
