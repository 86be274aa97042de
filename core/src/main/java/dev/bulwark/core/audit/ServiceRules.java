package dev.bulwark.core.audit;

import dev.bulwark.core.net.AddressScope;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The service audit's rules, one method each. Not API: use {@link ServiceAudit}. */
final class ServiceRules {

    private ServiceRules() {
    }

    /**
     * The findings for these listeners against the policy.
     *
     * @param listed the protocols of which the listing held any socket at all
     */
    static List<Finding> check(List<ListeningService> services, ServicePolicy policy, Set<Protocol> listed,
            String processInfoHint) {
        List<Finding> out = new ArrayList<>();
        boolean anyProcess = services.stream().anyMatch(s -> !s.processes().isEmpty());
        for (ListeningService s : services) {
            Optional<ExpectedService> expected = s.isPortKnown() ? policy.find(s.protocol(), s.port())
                    : Optional.empty();
            if (s.scope() == AddressScope.UNKNOWN) {
                boundToName(s, expected, out);
            } else if (expected.isPresent()) {
                againstPolicy(s, expected.get(), out);
            } else {
                unexpected(s, out);
            }
            if (s.protocol() == Protocol.UDP && s.scope() != AddressScope.LOOPBACK) {
                out.add(new Finding("services.udp-listener", Severity.LOW, s.subject(),
                        "UDP listener reachable beyond this machine; UDP sources can be spoofed and replies"
                                + " abused for amplification.",
                        "Keep it only if peers must reach it; allow only the networks that need it in the firewall"
                                + " and rate-limit it."));
            }
            if (anyProcess && s.processes().isEmpty()) {
                out.add(new Finding("services.unknown-process", Severity.MEDIUM, s.subject(),
                        "No process is known for this listener (another PID namespace such as a container,"
                                + " or the kernel).",
                        "Find its owner (ss -lptn as root, lsof -i :" + s.port()
                                + ", the container runtime) and stop it if it is not expected."));
            }
        }
        if (!anyProcess && !services.isEmpty()) {
            out.add(new Finding("services.process-info-unavailable", Severity.MEDIUM, "ss -p",
                    "The listing names no process for any of the " + services.size() + " listeners, so none can be"
                            + " matched to a program" + processInfoHint + ".",
                    "Run the audit as root (ss needs it to show other users' processes) with ss -p."));
        }
        familyMismatch(services, out);
        notListening(services, policy, listed, out);
        out.sort(Comparator.comparing(Finding::severity));
        return out;
    }

    /** A listener bound to a host name ({@code ss -r}): its exposure is unknown, so it is taken as reachable. */
    private static void boundToName(ListeningService s, Optional<ExpectedService> expected, List<Finding> out) {
        boolean allowedAnywhere = expected.filter(e -> e.exposure() == Exposure.PUBLIC).isPresent();
        String policy = expected.map(e -> e.name() + " is " + e.exposureText() + " by policy")
                .orElse("The policy does not list it");
        out.add(new Finding("services.bound-to-name", allowedAnywhere ? Severity.LOW : Severity.HIGH, s.subject(),
                "Bound to a name, exposure unknown: ss printed the host name " + s.local().address()
                        + " in place of the address (ss -r), so who can reach it cannot be told; it is assumed"
                        + " reachable from anywhere. " + policy + ".",
                "Audit a numeric listing (ss without -r, as ServiceAudit.run takes it) to see the address it is"
                        + " bound to."));
    }

    /** Services the policy lists that nothing listens on: stopped, failed, or the policy is out of date. */
    private static void notListening(List<ListeningService> services, ServicePolicy policy, Set<Protocol> listed,
            List<Finding> out) {
        for (ExpectedService expected : policy.services()) {
            boolean listening = services.stream().anyMatch(s -> s.isPortKnown()
                    && expected.covers(s.protocol(), s.port()));
            if (listening) {
                continue;
            }
            String protocol = expected.protocol().wireName();
            String unknown = services.stream().anyMatch(s -> s.protocol() == expected.protocol() && !s.isPortKnown())
                    ? " (some " + protocol + " listeners show a service name no database maps to a port, so this"
                            + " one may be among them)" : "";
            String absent = listed.contains(expected.protocol()) ? ""
                    : " The listing holds no " + protocol + " socket at all: was ss run without -"
                            + (expected.protocol() == Protocol.TCP ? "t" : "u") + "?";
            out.add(new Finding("services.not-listening", Severity.LOW,
                    expected.name() + " " + expected.ports() + "/" + protocol,
                    expected.name() + " is " + expected.exposureText() + " by policy, but nothing listens on "
                            + protocol + " port " + expected.ports() + unknown + "." + absent,
                    "Start " + expected.name() + " if it should run (and check why it stopped), or remove it from"
                            + " the policy."));
        }
    }

    private static void againstPolicy(ListeningService s, ExpectedService expected, List<Finding> out) {
        String name = expected.name();
        Exposure wanted = expected.exposure();
        if (wanted == Exposure.PUBLIC) {
            return;
        }
        String port = s.port() + "/" + s.protocol().wireName();
        if (s.scope() == AddressScope.ANY) {
            boolean internal = wanted == Exposure.INTERNAL;
            out.add(new Finding(internal ? "services.internal-exposed" : "services.private-exposed",
                    internal ? Severity.HIGH : Severity.MEDIUM, s.subject(),
                    name + " is " + expected.exposureText() + " by policy but listens on all interfaces.",
                    internal ? "Bind " + name + " to 127.0.0.1 and ::1 only."
                            : "Bind " + name + " to the address facing " + networks(expected)
                                    + ", or allow only " + networks(expected) + " to " + port + " in the firewall."));
        } else if (wanted == Exposure.INTERNAL && s.scope() != AddressScope.LOOPBACK) {
            out.add(new Finding("services.internal-beyond-loopback",
                    s.scope() == AddressScope.PUBLIC ? Severity.HIGH : Severity.MEDIUM, s.subject(),
                    name + " is internal by policy but listens on " + s.scope().name().toLowerCase(Locale.ROOT)
                            + " address " + s.local().address() + ".",
                    "Bind " + name + " to 127.0.0.1 and ::1 only."));
        } else if (wanted == Exposure.PRIVATE && s.scope() == AddressScope.PUBLIC) {
            out.add(new Finding("services.private-on-public-address", Severity.MEDIUM, s.subject(),
                    name + " is " + expected.exposureText() + " by policy but listens on public address "
                            + s.local().address() + ".",
                    "Bind " + name + " to a private address, or allow only " + networks(expected) + " to " + port
                            + " in the firewall."));
        }
    }

    private static String networks(ExpectedService expected) {
        return expected.exposureText().substring("private (".length(), expected.exposureText().length() - 1);
    }

    private static void unexpected(ListeningService s, List<Finding> out) {
        if (s.scope() == AddressScope.LOOPBACK) {
            return;
        }
        boolean isPublic = s.scope() == AddressScope.ANY || s.scope() == AddressScope.PUBLIC;
        String where = s.scope() == AddressScope.ANY ? "all interfaces"
                : (isPublic ? "public" : "private") + " address " + s.local().address();
        out.add(new Finding(isPublic ? "services.unexpected-public" : "services.unexpected-private",
                isPublic ? Severity.HIGH : Severity.MEDIUM, s.subject(),
                "A service the policy does not list listens on " + where + ": should it be running at all?",
                "Stop and disable it if it is not needed; otherwise add it to the policy as public, private or"
                        + " internal and bind it to match."));
    }

    /**
     * Wildcard listeners of one protocol and port that cover only one address family. Loopback
     * listeners are left out: only this machine reaches them, over whichever family it picks, and no
     * firewall advice applies to them.
     */
    private static void familyMismatch(List<ListeningService> services, List<Finding> out) {
        Map<String, List<ListeningService>> byPort = new LinkedHashMap<>();
        for (ListeningService s : services) {
            if (s.scope() == AddressScope.ANY && s.isPortKnown()) {
                byPort.computeIfAbsent(s.protocol().wireName() + " " + s.port(), k -> new ArrayList<>()).add(s);
            }
        }
        for (List<ListeningService> group : byPort.values()) {
            boolean v4 = group.stream().anyMatch(ListeningService::coversIpv4);
            boolean v6 = group.stream().anyMatch(ListeningService::coversIpv6);
            if (v4 == v6) {
                continue;
            }
            ListeningService first = group.get(0);
            boolean exposedV6 = v6 && first.scope() == AddressScope.ANY;
            out.add(new Finding("services.ipv4-ipv6-mismatch", exposedV6 ? Severity.MEDIUM : Severity.LOW,
                    first.subject(),
                    "Port " + first.port() + "/" + first.protocol().wireName() + " listens on " + (v4 ? "IPv4" : "IPv6")
                            + " only (" + first.local().address() + "), not on " + (v4 ? "IPv6" : "IPv4") + ".",
                    "Listen on both families or make the difference deliberate, and check that the firewall"
                            + " covers IPv6 (ip6tables or an nft inet table) as well as IPv4."));
        }
    }
}
