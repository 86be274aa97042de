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

/**
 * Which listening sockets the deployed rules expose, and to whom.
 *
 * <p>For each listening IP socket (from {@code ss -lntu}, see {@link SocketTable}) the analysis
 * takes the first packet of a new connection to the socket's port and runs every possible source
 * address through the base chains of the PREROUTING and INPUT hooks, in priority order, for each
 * class of incoming interface the rules tell apart. It follows iptables' semantics exactly: first
 * match wins, {@code -j} comes back, {@code -g} does not, {@code RETURN} goes to the caller, a
 * base chain's policy decides the rest, and every base chain on the path must accept. Conntrack
 * shortcuts ({@code ESTABLISHED,RELATED}) do not apply to a new connection; {@code INVALID} does
 * not either. A socket bound to loopback is {@link Exposure#INTERNAL} whatever the rules.
 *
 * <p>Conditions the analysis cannot know ({@code -m limit}, {@code -m recent --update}, ipset
 * members, unknown modules, the destination of a wildcard-bound socket) are taken both ways, so
 * the reported sources never miss one that can connect: a rate limit is "reachable".
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
        List<SocketExposure> out = new ArrayList<>();
        for (SocketEntry s : sockets.sockets()) {
            if (s.isListening()) {
                analyzer.analyze(s).ifPresent(out::add);
            }
        }
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
