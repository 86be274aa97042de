package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A rule's matches compiled for one family: the source addresses it is limited to (one interval,
 * minus some), computed once, and the other matches, evaluated per {@link Query} by
 * {@link #evaluate}. Not API.
 *
 * @param tri     {@link Tri#NO} when the source conditions can never hold for the family, else {@link Tri#YES}
 * @param lo      the lowest source address allowed
 * @param hi      the highest source address allowed
 * @param without source intervals excluded ({@code ! -s}), as {@code [lo, hi]} pairs
 * @param others  the matches that are not about the source address
 */
public record Condition(Tri tri, BigInteger lo, BigInteger hi, List<BigInteger[]> without, List<Match> others) {

    private static final Set<String> SYN_PACKET = Set.of("SYN");

    /** Whether the source is not restricted at all. */
    public boolean anySource(boolean ipv6) {
        return without.isEmpty() && lo.signum() == 0 && hi.equals(AddressSet.max(ipv6));
    }

    /**
     * The ports of the first non-negated destination-port match (a packet to any other port never
     * matches), or an empty list when the rule has none.
     */
    public List<dev.bulwark.core.net.PortRange> destinationPorts() {
        for (Match m : others) {
            if (m instanceof Match.Ports && !m.negated() && ((Match.Ports) m).side() == Match.Side.DESTINATION) {
                return ((Match.Ports) m).ranges();
            }
        }
        return List.of();
    }

    /** The addresses of {@code s} this rule catches; removed from {@code s} when {@code take}. */
    public AddressSet apply(AddressSet s, boolean take) {
        AddressSet hit;
        if (anySource(s.ipv6())) {
            hit = take ? s.takeAll() : s.copy();
            return hit;
        }
        hit = lo.signum() == 0 && hi.equals(AddressSet.max(s.ipv6())) ? s.copy() : s.slice(lo, hi);
        for (BigInteger[] w : without) {
            hit.remove(w[0], w[1]);
        }
        if (take) {
            s.removeAll(hit);
        }
        return hit;
    }

    /** Whether the matches other than the source hold for the query (NO when the source never can). */
    public Tri evaluate(Query q) {
        Tri t = tri;
        for (int i = 0; i < others.size() && t != Tri.NO; i++) {
            t = t.and(other(others.get(i), q));
        }
        return t;
    }

    /** Compiles the rule's matches for IPv6 ({@code ipv6}) or IPv4 packets. */
    public static Condition of(Rule rule, boolean ipv6) {
        Tri tri = Tri.YES;
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = AddressSet.max(ipv6);
        List<BigInteger[]> without = new ArrayList<>();
        List<Match> others = new ArrayList<>();
        for (Match m : rule.matches()) {
            if (m instanceof Match.Addr && ((Match.Addr) m).side() == Match.Side.SOURCE) {
                List<IpNetwork> nets = ((Match.Addr) m).networks();
                if (nets.get(0).isIpv4() == ipv6) {
                    tri = Tri.NO;
                    break;
                }
                AddressSet union = AddressSet.empty(ipv6);
                for (IpNetwork n : nets) {
                    union.add(number(n.firstAddress()), number(n.lastAddress()));
                }
                if (m.negated()) {
                    for (BigInteger[] r : union.intervals()) {
                        without.add(r);
                    }
                } else {
                    List<BigInteger[]> parts = union.intervals();
                    lo = lo.max(parts.get(0)[0]);
                    hi = hi.min(parts.get(parts.size() - 1)[1]);
                    for (int k = 1; k < parts.size(); k++) {
                        without.add(new BigInteger[] {parts.get(k - 1)[1].add(BigInteger.ONE), parts.get(k)[0].subtract(BigInteger.ONE)});
                    }
                }
            } else if (m instanceof Match.AddrRange && ((Match.AddrRange) m).side() == Match.Side.SOURCE) {
                Match.AddrRange r = (Match.AddrRange) m;
                if ((r.first() instanceof Inet4Address) == ipv6) {
                    tri = Tri.NO;
                    break;
                }
                if (m.negated()) {
                    without.add(new BigInteger[] {number(r.first()), number(r.last())});
                } else {
                    lo = lo.max(number(r.first()));
                    hi = hi.min(number(r.last()));
                }
            } else if (!(m instanceof Match.Comment)) {
                others.add(m);
            }
            if (lo.compareTo(hi) > 0) {
                tri = Tri.NO;
                break;
            }
        }
        return new Condition(tri, lo, hi, List.copyOf(without), List.copyOf(others));
    }

    /** The address as an unsigned number. */
    public static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static Tri other(Match m, Query q) {
        if (m instanceof Match.Proto) {
            boolean is = false;
            for (String p : ((Match.Proto) m).names()) {
                is |= p.equals("all") || p.equals("0") || p.equals(q.protocol())
                        || p.equals(Integer.toString(q.protocolNumber()));
            }
            return Tri.of(is).negate(m.negated());
        }
        if (m instanceof Match.Addr) {
            Tri any = Tri.NO;
            for (IpNetwork n : ((Match.Addr) m).networks()) {
                Tri t = destination(n, q);
                any = any == Tri.YES || t == Tri.YES ? Tri.YES : any == Tri.MAYBE || t == Tri.MAYBE ? Tri.MAYBE : Tri.NO;
            }
            return any.negate(m.negated());
        }
        if (m instanceof Match.AddrRange) {
            Match.AddrRange r = (Match.AddrRange) m;
            if ((r.first() instanceof Inet4Address) == q.ipv6()) {
                return Tri.NO;
            }
            if (q.destination().isEmpty()) {
                return Tri.MAYBE;
            }
            BigInteger d = number(q.destination().get());
            return Tri.of(d.compareTo(number(r.first())) >= 0 && d.compareTo(number(r.last())) <= 0).negate(m.negated());
        }
        if (m instanceof Match.Iface) {
            Match.Iface i = (Match.Iface) m;
            return i.input() ? Tri.of(i.covers(q.iface())).negate(m.negated()) : Tri.MAYBE;
        }
        if (m instanceof Match.Ports) {
            Match.Ports p = (Match.Ports) m;
            if (p.side() == Match.Side.DESTINATION) {
                return Tri.of(p.covers(q.port())).negate(m.negated());
            }
            boolean all = p.covers(1) && p.ranges().stream().anyMatch(r -> r.first() <= 1 && r.last() == 65535);
            if (p.side() == Match.Side.EITHER && p.covers(q.port())) {
                return Tri.YES.negate(m.negated());
            }
            return all ? Tri.YES.negate(m.negated()) : Tri.MAYBE;
        }
        if (m instanceof Match.State) {
            Set<Match.CtState> s = ((Match.State) m).states();
            if (s.contains(Match.CtState.DNAT) || s.contains(Match.CtState.SNAT)) {
                return Tri.MAYBE;
            }
            return Tri.of(s.contains(Match.CtState.NEW)).negate(m.negated());
        }
        if (m instanceof Match.TcpFlags) {
            Match.TcpFlags f = (Match.TcpFlags) m;
            if (!q.protocol().equals("tcp")) {
                return Tri.NO;
            }
            Set<String> seen = new java.util.HashSet<>(SYN_PACKET);
            seen.retainAll(f.mask());
            return Tri.of(seen.equals(f.comparison())).negate(m.negated());
        }
        if (m instanceof Match.Icmp) {
            return Tri.NO;
        }
        if (m instanceof Match.Comment) {
            return Tri.YES;
        }
        if (m instanceof Match.Recent) {
            Match.Recent r = (Match.Recent) m;
            return r.mode().equals("set") ? Tri.YES.negate(m.negated()) : Tri.MAYBE;
        }
        if (m instanceof Match.AddrType) {
            return addrType((Match.AddrType) m, q).negate(m.negated());
        }
        return Tri.MAYBE;
    }

    private static Tri destination(IpNetwork n, Query q) {
        if (n.isIpv4() == q.ipv6()) {
            return Tri.NO;
        }
        if (q.destination().isPresent()) {
            return Tri.of(n.contains(q.destination().get()));
        }
        InetAddress first = n.firstAddress();
        boolean multicast = first.isMulticastAddress() && n.lastAddress().isMulticastAddress();
        boolean broadcast = n.isIpv4() && n.prefixLength() == 32 && number(first).equals(AddressSet.max(false));
        boolean loopback = n.isIpv4() ? IpNetwork.LOOPBACK_IPV4.contains(n) : IpNetwork.LOOPBACK_IPV6.contains(n);
        if (multicast || broadcast || loopback) {
            return Tri.NO;
        }
        return Tri.MAYBE;
    }

    private static Tri addrType(Match.AddrType t, Query q) {
        Set<String> types = t.types();
        if (t.side() == Match.Side.DESTINATION) {
            if (q.forwarded()) {
                return types.contains("UNICAST") ? Tri.YES : Tri.of(false);
            }
            return Tri.of(types.contains("LOCAL") || types.contains("UNICAST"));
        }
        if (types.contains("UNICAST")) {
            return Tri.YES;
        }
        return types.contains("LOCAL") ? Tri.MAYBE : Tri.NO;
    }
}
