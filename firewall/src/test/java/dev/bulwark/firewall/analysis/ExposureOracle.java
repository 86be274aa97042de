package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketEntry;
import java.net.InetAddress;
import java.util.List;

/**
 * The oracle's one judgement: does what a client observed agree with what {@link ExposureAnalysis}
 * predicted?
 *
 * <p>A probe is a new connection (TCP) or datagram (UDP) from a client address {@code a}, arriving
 * on the server's interface {@code i}, to server address {@code d} and port {@code n}. The analysis
 * predicts it reachable when
 * <ul>
 * <li>a listening socket that would receive it (same protocol, port {@code n}, bound to {@code d} or
 *     to the wildcard of its family) has {@code a} among its sources on interface {@code i}, or</li>
 * <li>a forwarded port of the same protocol and family whose ports hold {@code n} has {@code a}
 *     among its sources on interface {@code i}.</li>
 * </ul>
 * "Its sources on {@code i}" are those of the {@link InterfaceReach} named {@code i}; when there is
 * none, those of the entries whose wildcard name ({@code priv+}, {@code priv*}) covers {@code i};
 * when there is none either, those of every entry that names no interface of the host ("any other
 * interface"); a result with no per-interface breakdown at all is judged by its overall sources.
 *
 * <p>Listeners answer with their own identity, so an open probe says which socket it reached.
 * An open probe is <b>correct</b> when the socket it reached has {@code a} among its sources on
 * {@code i} (a DNAT or REDIRECT to another local port is judged by the socket it leads to, into
 * whose sources the analysis folds the redirected traffic), or, when it reached the container,
 * when a forwarded port predicts it; otherwise it is an <b>under-report</b>: the analysis said
 * less than the kernel does. A closed probe predicted reachable is an <b>over-report</b>.
 */
final class ExposureOracle {

    /** The outcome of one probe. */
    enum Verdict { AGREE_OPEN, AGREE_CLOSED, UNDER_REPORT, OVER_REPORT }

    private final ExposureResult result;
    private final List<String> hostInterfaces;

    ExposureOracle(ExposureResult result) {
        this.result = result;
        this.hostInterfaces = result.interfaces().interfaces().stream().map(HostInterface::name).toList();
    }

    /**
     * Judges one probe.
     *
     * @param proto    {@code tcp} or {@code udp}
     * @param client   the client's address
     * @param iface    the server interface the probe arrives on
     * @param dst      the server address probed
     * @param port     the port probed
     * @param open     whether it connected (TCP) or got an answer (UDP)
     * @param answer   the answering listener's identity ({@code host:tcp/0.0.0.0/22},
     *                 {@code container:tcp/::/80}), empty when none came
     */
    Verdict judge(String proto, String client, String iface, String dst, int port, boolean open, String answer) {
        InetAddress a = IpAddresses.parse(client);
        boolean v6 = client.contains(":");
        boolean predicted = socketReach(proto, v6, dst, port, a, iface) || forwardReach(proto, v6, port, a, iface);
        if (!open) {
            return predicted ? Verdict.OVER_REPORT : Verdict.AGREE_CLOSED;
        }
        boolean explained;
        if (answer.startsWith("host:")) {
            String[] f = answer.substring(5).split("/");
            explained = result.sockets().stream().anyMatch(e -> e.socket().netidName().equals(f[0])
                    && sameAddress(e.socket(), f[1]) && e.socket().local().port() == Integer.parseInt(f[2])
                    && reaches(e.via(), e.sources(), a, iface));
        } else if (answer.isEmpty()) {
            // connected, but the listener's answer did not come back: whoever it was must be predicted
            explained = predicted || result.sockets().stream().anyMatch(e -> e.socket().netidName().equals(proto)
                    && reaches(e.via(), e.sources(), a, iface));
        } else {
            explained = forwardReach(proto, v6, port, a, iface);
        }
        return explained ? Verdict.AGREE_OPEN : Verdict.UNDER_REPORT;
    }

    /**
     * Whether an over-reported probe was predicted only by results that say why they may be
     * over-approximated ("assumed reachable because …": a rate limit, a set filled at run time, an
     * unreadable NAT target …): the analysis declared it could not decide, as it must. A probe that
     * some result predicted without such a note is a silent over-report.
     */
    boolean declared(String proto, String client, String dst, int port, String iface) {
        InetAddress a = IpAddresses.parse(client);
        boolean v6 = client.contains(":");
        boolean any = false;
        for (SocketExposure e : result.sockets()) {
            SocketEntry s = e.socket();
            String local = s.local().address();
            boolean receives = s.netidName().equals(proto) && s.local().port() == port
                    && (local.equals(dst) || local.equals("*") || local.equals(v6 ? "::" : "0.0.0.0"));
            if (receives && reaches(e.via(), e.sources(), a, iface)) {
                if (!assumes(e.notes())) {
                    return false;
                }
                any = true;
            }
        }
        for (ForwardedExposure f : result.forwarded()) {
            if (f.protocol().equals(proto) && f.ipv6() == v6 && f.ports().contains(port) && reaches(f.via(), f.sources(), a, iface)) {
                if (!assumes(f.notes())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Whether a listening socket (not a forwarded port) that would receive the probe has the client among its sources. */
    boolean predictsSocket(String proto, String client, String iface, String dst, int port) {
        return socketReach(proto, client.contains(":"), dst, port, IpAddresses.parse(client), iface);
    }

    private static boolean assumes(List<String> notes) {
        return notes.stream().anyMatch(n -> n.contains("assumed reachable because"));
    }

    private static boolean sameAddress(SocketEntry s, String address) {
        String local = s.local().address();
        return local.equals(address) || local.equals("*") && (address.equals("0.0.0.0") || address.equals("::"));
    }

    private boolean socketReach(String proto, boolean v6, String dst, int port, InetAddress a, String iface) {
        for (SocketExposure e : result.sockets()) {
            SocketEntry s = e.socket();
            String local = s.local().address();
            boolean receives = s.netidName().equals(proto) && s.local().port() == port
                    && (local.equals(dst) || local.equals("*") || local.equals(v6 ? "::" : "0.0.0.0"));
            if (receives && reaches(e.via(), e.sources(), a, iface)) {
                return true;
            }
        }
        return false;
    }

    private boolean forwardReach(String proto, boolean v6, int port, InetAddress a, String iface) {
        return result.forwarded().stream().anyMatch(f -> f.protocol().equals(proto) && f.ipv6() == v6
                && f.ports().contains(port) && reaches(f.via(), f.sources(), a, iface));
    }

    /** Whether {@code a} is among the sources on {@code iface}, read as the class Javadoc says. */
    private boolean reaches(List<InterfaceReach> via, List<IpNetwork> sources, InetAddress a, String iface) {
        if (via.isEmpty()) {
            return contains(sources, a);
        }
        List<InterfaceReach> exact = via.stream().filter(v -> v.iface().equals(iface)).toList();
        if (exact.isEmpty()) {
            exact = via.stream().filter(v -> wildcard(v.iface()) && iface.startsWith(
                    v.iface().substring(0, v.iface().length() - 1))).toList();
        }
        if (exact.isEmpty()) {
            exact = via.stream().filter(v -> !wildcard(v.iface()) && !hostInterfaces.contains(v.iface())).toList();
        }
        return exact.stream().anyMatch(v -> contains(v.sources(), a));
    }

    private static boolean wildcard(String name) {
        return name.endsWith("+") || name.endsWith("*");
    }

    private static boolean contains(List<IpNetwork> sources, InetAddress a) {
        return sources.stream().anyMatch(n -> n.isIpv4() == (a.getAddress().length == 4) && n.contains(a));
    }
}
