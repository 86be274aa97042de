package dev.bulwark.firewall.analysis.golden;

import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.firewall.analysis.ExposureResult;
import dev.bulwark.firewall.analysis.ForwardedExposure;
import dev.bulwark.firewall.analysis.InterfaceReach;
import dev.bulwark.firewall.analysis.SocketExposure;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an {@link ExposureResult} predicts for one probe: reachable when some socket that receives
 * the probe's (destination, protocol, port), or some forwarded port of that protocol and family
 * holding the port, has a via-entry for the probe's incoming interface whose sources hold the
 * probe's source address (a result with no via-entries at all is judged by its sources).
 *
 * <p>The via-entry for interface {@code i}: the entry named exactly {@code i}; else an entry whose
 * name is an iptables/nft wildcard covering {@code i} ({@code eth+}, {@code eth*}); else an
 * "any other …" entry (the interfaces no rule names), preferring one of {@code i}'s class. When
 * no entry covers {@code i}, the result does not say the probe gets through: not reachable.
 */
final class ProbePrediction {

    private final ExposureResult result;

    ProbePrediction(ExposureResult result) {
        this.result = result;
    }

    /** Whether the analysis says the probe's connection gets through. */
    boolean reachable(Probe p) {
        for (SocketExposure e : result.sockets()) {
            if (receives(e.socket(), p) && admits(e.via(), e.sources(), p)) {
                return true;
            }
        }
        for (ForwardedExposure f : result.forwarded()) {
            if (f.protocol().equalsIgnoreCase(p.protocol()) && f.ipv6() == p.ipv6() && f.ports().contains(p.port())
                    && admits(f.via(), f.sources(), p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a result that admits the probe says it was assumed ("assumed reachable because …"):
     * then an observed closed port is the undecidable part (a rate limit spent by earlier probes),
     * not an error.
     */
    boolean assumed(Probe p) {
        for (SocketExposure e : result.sockets()) {
            if (receives(e.socket(), p) && admits(e.via(), e.sources(), p) && assumption(e.notes())) {
                return true;
            }
        }
        for (ForwardedExposure f : result.forwarded()) {
            if (f.protocol().equalsIgnoreCase(p.protocol()) && f.ipv6() == p.ipv6() && f.ports().contains(p.port())
                    && admits(f.via(), f.sources(), p) && assumption(f.notes())) {
                return true;
            }
        }
        return false;
    }

    private static boolean assumption(java.util.List<String> notes) {
        return notes.stream().anyMatch(n -> n.startsWith("assumed reachable because"));
    }

    /** Whether the socket receives a new connection to the probe's destination, protocol and port. */
    boolean receives(SocketEntry s, Probe p) {
        Endpoint local = s.local();
        if (!s.isListening() || !s.netidName().toLowerCase(Locale.ROOT).startsWith(p.protocol()) || local.port() != p.port()) {
            return false;
        }
        if (local.scope().isPresent() && !local.scope().get().equals(p.iface())) {
            return false;
        }
        String a = local.address();
        if (a.equals(Endpoint.WILDCARD)) {
            return true;
        }
        if (a.equals("0.0.0.0")) {
            return !p.ipv6();
        }
        if (a.equals("::")) {
            // an IPv6 wildcard takes IPv4 too unless an IPv4 wildcard holds the port (then it is v6-only)
            return p.ipv6() || s.extension("v6only").map("0"::equals).orElseGet(() -> !ipv4WildcardHolds(s, p));
        }
        Optional<InetAddress> bound = local.inetAddress();
        return bound.isPresent() && bound.get().equals(p.destination());
    }

    private boolean ipv4WildcardHolds(SocketEntry v6, Probe p) {
        return result.sockets().stream().map(SocketExposure::socket).anyMatch(s -> s != v6 && s.isListening()
                && s.netidName().equalsIgnoreCase(v6.netidName()) && s.local().port() == p.port()
                && s.local().address().equals("0.0.0.0"));
    }

    /**
     * Whether the entry that covers the probe's interface lets the probe's source through. A result
     * without any per-interface entry (an analysis that gives none) is judged by its sources on
     * every interface: their union over interfaces, so this can only over-report, never hide an
     * under-report.
     */
    boolean admits(List<InterfaceReach> via, List<IpNetwork> sources, Probe p) {
        if (via.isEmpty()) {
            return sources.stream().anyMatch(n -> holds(n, p.source()));
        }
        return entryFor(via, p.iface()).map(r -> r.sources().stream().anyMatch(n -> holds(n, p.source()))).orElse(false);
    }

    /** The via-entry that covers {@code iface}, if any. */
    Optional<InterfaceReach> entryFor(List<InterfaceReach> via, String iface) {
        for (InterfaceReach r : via) {
            if (r.iface().equals(iface)) {
                return Optional.of(r);
            }
        }
        for (InterfaceReach r : via) {
            String n = r.iface();
            if ((n.endsWith("+") || n.endsWith("*")) && n.indexOf(' ') < 0 && iface.startsWith(n.substring(0, n.length() - 1))) {
                return Optional.of(r);
            }
        }
        Optional<InterfaceReach> other = Optional.empty();
        for (InterfaceReach r : via) {
            if (r.iface().toLowerCase(Locale.ROOT).startsWith("any other")) {
                if (r.kind() == result.interfaces().classOf(iface)) {
                    return Optional.of(r);
                }
                if (other.isEmpty()) {
                    other = Optional.of(r);
                }
            }
        }
        return other;
    }

    private static boolean holds(IpNetwork n, InetAddress a) {
        return n.isIpv4() == (a instanceof Inet4Address) && n.contains(a);
    }
}
