package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.Masquerade;
import dev.bulwark.firewall.Packet;
import dev.bulwark.firewall.Rule;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares an {@link ExposureResult} with what a {@link FirewallPolicy} itself admits, socket by
 * socket and interface by interface, on every address where either side can change its answer:
 * the first and last address of each network the policy or the lab mentions and of each block the
 * analysis reports, the addresses just outside them, and the family's extremes.
 */
final class IntentCheck {

    /** The lab's own networks (KernelLab.withVpn()), so the clients' addresses are always tried. */
    private static final List<IpNetwork> LAB = List.of(IpNetwork.parse("198.51.100.0/24"),
            IpNetwork.parse("2001:db8:51::/64"), IpNetwork.parse("10.20.0.0/24"), IpNetwork.parse("fd00:20::/64"),
            IpNetwork.parse("10.8.0.0/24"), IpNetwork.parse("fd00:8::/64"));
    private static final int SHOWN = 6;

    private final FirewallPolicy policy;
    private final Map<Boolean, List<InetAddress>> locals = new HashMap<>();
    private final Map<Boolean, TreeSet<BigInteger>> policyPoints = new HashMap<>();
    private final Map<String, Action> memo = new HashMap<>();

    private IntentCheck(FirewallPolicy policy, HostInterfaces host) {
        this.policy = policy;
        List<IpNetwork> networks = new ArrayList<>(LAB);
        for (Rule r : policy.rules()) {
            networks.addAll(r.sources());
            networks.addAll(r.destinations());
        }
        for (Masquerade m : policy.masquerades()) {
            networks.add(m.source());
        }
        for (boolean ipv6 : new boolean[] {false, true}) {
            TreeSet<BigInteger> points = new TreeSet<>();
            BigInteger max = max(ipv6);
            for (BigInteger p : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, max.subtract(BigInteger.ONE), max}) {
                points.add(p);
            }
            for (IpNetwork n : networks) {
                if (n.isIpv4() != ipv6) {
                    boundaries(n, points);
                }
            }
            policyPoints.put(ipv6, points);
            List<InetAddress> own = new ArrayList<>();
            for (HostInterface i : host.interfaces()) {
                if (i.kind() != InterfaceClass.LOOPBACK) {
                    i.addresses().stream().filter(a -> (a instanceof Inet6Address) == ipv6 && !a.isLoopbackAddress())
                            .forEach(own::add);
                }
            }
            locals.put(ipv6, own);
        }
    }

    /**
     * Every difference between {@code result} and the policy, one readable line each. A source the
     * analysis reports and the policy refuses is no difference when {@code excuse} is given and
     * the socket has an "assumed reachable because" note containing it: the form read back did not
     * show what the analysis would need, and the analysis said so.
     */
    static List<String> compare(FirewallPolicy policy, HostInterfaces host, ExposureResult result, List<String> nics,
                                Optional<String> excuse) {
        return new IntentCheck(policy, host).compare(result, nics, excuse);
    }

    private List<String> compare(ExposureResult result, List<String> nics, Optional<String> excuse) {
        List<String> out = new ArrayList<>();
        for (SocketExposure e : result.sockets()) {
            boolean ipv6 = e.socket().local().address().contains(":");
            Protocol protocol = e.socket().netidName().equals("tcp") ? Protocol.TCP : Protocol.UDP;
            int port = e.socket().local().port();
            String socket = e.socket().netidName() + " " + e.socket().local();
            List<String> seen = e.via().stream().map(InterfaceReach::iface).collect(Collectors.toList());
            if (!seen.equals(nics)) {
                out.add(socket + ": analysed on " + seen + ", not on the lab's " + nics);
                continue;
            }
            boolean limited = false;
            boolean excused = excuse.isPresent() && e.notes().stream()
                    .anyMatch(n -> n.startsWith("assumed reachable because") && n.contains(excuse.get()));
            for (InterfaceReach v : e.via()) {
                TreeSet<BigInteger> points = new TreeSet<>(policyPoints.get(ipv6));
                for (IpNetwork n : v.sources()) {
                    if (n.isIpv4() == ipv6) {
                        out.add(socket + " via " + v.iface() + ": source " + n + " is of the other family");
                    } else {
                        boundaries(n, points);
                    }
                }
                List<String> missed = new ArrayList<>();
                List<String> extra = new ArrayList<>();
                for (BigInteger p : points) {
                    InetAddress source = address(p, ipv6);
                    Action decided = decide(source, protocol, port, v.iface(), ipv6);
                    boolean intended = decided.admits();
                    limited |= decided == Action.LIMIT;
                    boolean reported = v.sources().stream().anyMatch(n -> n.isIpv4() != ipv6 && n.contains(source));
                    if (intended && !reported) {
                        missed.add(IpAddresses.format(source));
                    } else if (reported && !intended && !excused) {
                        extra.add(IpAddresses.format(source));
                    }
                }
                if (!missed.isEmpty() || !extra.isEmpty()) {
                    out.add(socket + " via " + v.iface() + ": the analysis reports " + v.sources()
                            + (missed.isEmpty() ? "" : "; the policy admits " + shown(missed) + " which it misses")
                            + (extra.isEmpty() ? "" : "; the policy refuses " + shown(extra) + " which it reports"));
                }
            }
            if (limited && e.notes().stream().noneMatch(n -> n.startsWith("assumed reachable because"))) {
                out.add(socket + ": admitted through a rate limit, but no 'assumed reachable because' note: " + e.notes());
            }
        }
        return out;
    }

    /** The policy's decision for a new connection from {@code source} on {@code iface} to any of the host's addresses. */
    private Action decide(InetAddress source, Protocol protocol, int port, String iface, boolean ipv6) {
        String key = IpAddresses.format(source) + " " + protocol + " " + port + " " + iface;
        return memo.computeIfAbsent(key, k -> {
            Action best = null;
            for (InetAddress destination : locals.get(ipv6)) {
                Action a = policy.verdict(Packet.incoming(source, destination, protocol, port, iface));
                if (a == Action.ALLOW) {
                    return a;
                }
                if (best == null || a.admits()) {
                    best = a;
                }
            }
            return best == null ? Action.DENY : best;
        });
    }

    private static String shown(List<String> addresses) {
        return addresses.size() <= SHOWN ? addresses.toString()
                : addresses.subList(0, SHOWN) + " and " + (addresses.size() - SHOWN) + " more";
    }

    private static BigInteger max(boolean ipv6) {
        return BigInteger.ONE.shiftLeft(ipv6 ? 128 : 32).subtract(BigInteger.ONE);
    }

    private static void boundaries(IpNetwork n, TreeSet<BigInteger> points) {
        boolean ipv6 = !n.isIpv4();
        BigInteger first = new BigInteger(1, n.firstAddress().getAddress());
        BigInteger last = new BigInteger(1, n.lastAddress().getAddress());
        for (BigInteger p : new BigInteger[] {first.subtract(BigInteger.ONE), first, last, last.add(BigInteger.ONE)}) {
            if (p.signum() >= 0 && p.compareTo(max(ipv6)) <= 0) {
                points.add(p);
            }
        }
    }

    private static InetAddress address(BigInteger value, boolean ipv6) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        int n = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
        try {
            // Inet6Address keeps ::ffff:a.b.c.d an IPv6 address (InetAddress.getByAddress would not)
            return ipv6 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
