package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule's matches compiled for one family: the source addresses it is limited to (computed once,
 * as an interval set), the other matches (decided per {@link Query}), and set lookups
 * ({@link Match.AnyOf}) as alternatives compiled the same way. {@link #apply} splits a set of
 * sources into those the rule surely matches and those it may match (what the analysis cannot
 * decide), with the reason. Not API.
 */
public final class Condition {

    private static final Set<String> SYN_PACKET = Set.of("SYN");
    /** The TCP flags whose value on a connection's first packet is known: SYN set, the others clear. */
    private static final Set<String> SYN_KNOWN = Set.of("SYN", "ACK", "RST", "FIN");

    private final boolean never;
    private final AddressSet source;
    /** The matches other than source addresses and set lookups: an array, as {@link #decide} runs for every step of every walk. */
    private final Match[] others;
    private final List<Sets> sets;

    /**
     * The sources a condition surely and possibly matches.
     *
     * @param sure  the sources it surely matches
     * @param maybe the sources it may match (disjoint from {@code sure})
     * @param why   why it may match, when {@code maybe} is not empty
     */
    public record Hit(AddressSet sure, AddressSet maybe, String why) {
        static Hit none(boolean ipv6) {
            return new Hit(AddressSet.empty(ipv6), AddressSet.empty(ipv6), null);
        }

        /** Whether no source matches, surely or possibly. */
        public boolean isEmpty() {
            return sure.isEmpty() && maybe.isEmpty();
        }
    }

    /** A compiled set lookup: one condition per alternative. */
    private record Sets(boolean negated, List<Condition> alternatives) {
    }

    private static final Match[] NONE = new Match[0];

    private Condition(boolean never, AddressSet source, Match[] others, List<Sets> sets) {
        this.never = never;
        this.source = source;
        this.others = others;
        this.sets = sets;
    }

    /** Compiles the matches (all must hold) for IPv6 ({@code ipv6}) or IPv4 packets. */
    public static Condition of(List<Match> matches, boolean ipv6) {
        AddressSet source = null;
        Match[] others = NONE;
        int otherCount = 0;
        List<Sets> sets = List.of();
        for (int i = 0, count = matches.size(); i < count; i++) {
            Match m = matches.get(i);
            if (m instanceof Match.Addr && ((Match.Addr) m).side() == Match.Side.SOURCE) {
                List<IpNetwork> nets = ((Match.Addr) m).networks();
                if (nets.get(0).isIpv4() == ipv6) {
                    return never(ipv6);
                }
                AddressSet union = AddressSet.empty(ipv6);
                for (IpNetwork n : nets) {
                    union.add(n);
                }
                source = restrict(source, union, m.negated(), ipv6);
            } else if (m instanceof Match.AddrRange && ((Match.AddrRange) m).side() == Match.Side.SOURCE) {
                Match.AddrRange r = (Match.AddrRange) m;
                if ((r.first() instanceof Inet4Address) == ipv6) {
                    return never(ipv6);
                }
                AddressSet range = AddressSet.empty(ipv6);
                range.add(number(r.first()), number(r.last()));
                source = restrict(source, range, m.negated(), ipv6);
            } else if (m instanceof Match.AnyOf) {
                Match.AnyOf a = (Match.AnyOf) m;
                List<Condition> alternatives = new ArrayList<>(a.alternatives().size());
                for (List<Match> alt : a.alternatives()) {
                    Condition c = of(alt, ipv6);
                    if (!c.never) {
                        alternatives.add(c);
                    }
                }
                if (alternatives.isEmpty() && !a.negated()) {
                    return never(ipv6);
                }
                if (!alternatives.isEmpty()) {
                    if (sets.isEmpty()) {
                        sets = new ArrayList<>();
                    }
                    sets.add(new Sets(a.negated(), alternatives));
                }
            } else if (!(m instanceof Match.Comment)) {
                if (others == NONE) {
                    others = new Match[count - i];
                }
                others[otherCount++] = m;
            }
            if (source != null && source.isEmpty()) {
                return never(ipv6);
            }
        }
        return new Condition(false, source, otherCount == others.length ? others : Arrays.copyOf(others, otherCount),
                sets.isEmpty() ? List.of() : List.copyOf(sets));
    }

    private static Condition never(boolean ipv6) {
        return new Condition(true, AddressSet.empty(ipv6), NONE, List.of());
    }

    private static AddressSet restrict(AddressSet current, AddressSet by, boolean negated, boolean ipv6) {
        if (current == null && !negated) {
            return by;
        }
        AddressSet base = current == null ? AddressSet.all(ipv6) : current;
        return negated ? base.minus(by) : base.intersect(by);
    }

    /** Whether no packet of the family can ever match. */
    public boolean never() {
        return never;
    }

    /**
     * The ports of the first non-negated destination-port match (a packet to any other port never
     * matches), or an empty list when the rule has none.
     */
    public List<PortRange> destinationPorts() {
        for (Match m : others) {
            if (m instanceof Match.Ports && !m.negated() && ((Match.Ports) m).side() == Match.Side.DESTINATION) {
                return ((Match.Ports) m).ranges();
            }
        }
        return List.of();
    }

    /**
     * The sources the condition is limited to when that is all it says about them (no set
     * lookups), or {@code null}; then {@link #decide} and this set give the hit without
     * {@link #apply}.
     */
    public AddressSet plainSource() {
        return sets.isEmpty() ? source : null;
    }

    /** Whether the condition does not depend on the source address (it holds for all sources or none). */
    public boolean sourceFree() {
        return source == null && sets.isEmpty();
    }

    /** Whether the matches other than the source address and set lookups hold for {@code q}. */
    public Tri decide(Query q) {
        if (never) {
            return Tri.NO;
        }
        Tri t = Tri.YES;
        // an array: this runs for every step of every walk, and a list iterator per call adds up
        for (Match m : others) {
            Tri r = other(m, q);
            if (r == Tri.NO) {
                return Tri.NO;
            }
            if (r == Tri.MAYBE) {
                t = Tri.MAYBE;
            }
        }
        return t;
    }

    /** Why {@link #decide} said MAYBE for {@code q}. */
    public String why(Query q) {
        for (Match m : others) {
            if (other(m, q) == Tri.MAYBE) {
                return why(m, q);
            }
        }
        return "it depends on what the analysis cannot know";
    }

    /** Splits {@code s} (left unchanged) into the sources this condition surely and possibly matches for {@code q}. */
    public Hit apply(Query q, AddressSet s) {
        if (never || s.isEmpty()) {
            return Hit.none(s.ipv6());
        }
        Tri t = decide(q);
        if (t == Tri.NO) {
            return Hit.none(s.ipv6());
        }
        return apply(q, s, t);
    }

    /** {@link #apply(Query, AddressSet)} when {@link #decide} already gave {@code t} (not NO). */
    public Hit apply(Query q, AddressSet s, Tri t) {
        String why = t == Tri.MAYBE ? why(q) : null;
        AddressSet base = source == null ? s.copy() : s.intersect(source);
        if (base.isEmpty()) {
            return Hit.none(s.ipv6());
        }
        AddressSet sure = t == Tri.YES ? base : AddressSet.empty(s.ipv6());
        AddressSet maybe = t == Tri.MAYBE ? base : AddressSet.empty(s.ipv6());
        for (Sets set : sets) {
            Hit h = lookup(set, q, base);
            AddressSet possible = sure.union(maybe).intersect(h.sure().union(h.maybe()));
            sure = sure.intersect(h.sure());
            maybe = possible.minus(sure);
            if (why == null && !maybe.isEmpty()) {
                why = h.why();
            }
            if (sure.isEmpty() && maybe.isEmpty()) {
                return Hit.none(s.ipv6());
            }
        }
        return new Hit(sure, maybe, maybe.isEmpty() ? null : why);
    }

    private static Hit lookup(Sets set, Query q, AddressSet base) {
        boolean ipv6 = base.ipv6();
        AddressSet sure = AddressSet.empty(ipv6);
        AddressSet maybe = AddressSet.empty(ipv6);
        String why = null;
        for (Condition alt : set.alternatives()) {
            if (alt.sets.isEmpty()) {
                // the common case (a set of addresses, ports, interfaces or tuples of them): no copy per element
                Tri t = alt.decide(q);
                if (t == Tri.NO) {
                    continue;
                }
                if (t == Tri.MAYBE && why == null) {
                    why = alt.why(q);
                }
                AddressSet into = t == Tri.YES ? sure : maybe;
                if (alt.source == null) {
                    into.addAll(base);
                } else {
                    into.addAll(alt.source);
                }
            } else {
                Hit h = alt.apply(q, base);
                sure.addAll(h.sure());
                maybe.addAll(h.maybe());
                if (why == null && !h.maybe().isEmpty()) {
                    why = h.why();
                }
            }
        }
        sure = sure.intersect(base);
        maybe = maybe.intersect(base).minus(sure);
        if (set.negated()) {
            return new Hit(base.minus(sure.union(maybe)), maybe, why);
        }
        return new Hit(sure, maybe, why);
    }

    /** The address as an unsigned number. */
    public static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /** Whether a match other than the source address holds for the query. */
    static Tri other(Match m, Query q) {
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
                any = or(any, destination(n, q));
                if (any == Tri.YES) {
                    break;
                }
            }
            return any.negate(m.negated());
        }
        if (m instanceof Match.AddrRange) {
            Match.AddrRange r = (Match.AddrRange) m;
            if ((r.first() instanceof Inet4Address) == q.ipv6()) {
                return Tri.NO;
            }
            BigInteger lo = number(r.first());
            BigInteger hi = number(r.last());
            return destinations(q, d -> {
                BigInteger n = number(d);
                return n.compareTo(lo) >= 0 && n.compareTo(hi) <= 0;
            }).negate(m.negated());
        }
        if (m instanceof Match.Iface) {
            Match.Iface i = (Match.Iface) m;
            if (i.input()) {
                return Tri.of(i.covers(q.iface())).negate(m.negated());
            }
            return q.oif().map(o -> Tri.of(!o.isEmpty() && i.covers(o)).negate(m.negated())).orElse(Tri.MAYBE);
        }
        if (m instanceof Match.Ports) {
            Match.Ports p = (Match.Ports) m;
            if (p.side() == Match.Side.DESTINATION) {
                // a port a NAT rule rewrote to something unknown may be any port
                return q.port() < 0 ? Tri.MAYBE : Tri.of(p.covers(q.port())).negate(m.negated());
            }
            if (p.side() == Match.Side.EITHER && (q.port() < 0 || p.covers(q.port()))) {
                return Tri.YES.negate(m.negated());
            }
            boolean all = p.ranges().stream().anyMatch(r -> r.first() <= 1 && r.last() == 65535);
            return all ? Tri.YES.negate(m.negated()) : Tri.MAYBE;
        }
        if (m instanceof Match.State) {
            Set<Match.CtState> states = ((Match.State) m).states();
            if (q.phase() == Query.Phase.BEFORE_CONNTRACK) {
                // before conntrack a packet is INVALID, or UNTRACKED once a notrack rule marked it
                boolean may = states.contains(Match.CtState.INVALID) || states.contains(Match.CtState.UNTRACKED);
                return may ? Tri.MAYBE : Tri.NO.negate(m.negated());
            }
            boolean holds = switch (q.phase()) {
                case BEFORE_CONNTRACK -> false;
                case UNTRACKED -> states.contains(Match.CtState.UNTRACKED);
                case NEW -> states.contains(Match.CtState.NEW) || q.dnat() && states.contains(Match.CtState.DNAT);
            };
            return Tri.of(holds).negate(m.negated());
        }
        if (m instanceof Match.TcpFlags) {
            Match.TcpFlags f = (Match.TcpFlags) m;
            if (!q.protocol().equals("tcp")) {
                return Tri.NO;
            }
            // a connection's first packet has SYN set and ACK, RST, FIN clear; the other bits are the
            // client's choice (ECE and CWR on an ECN setup SYN, RFC 3168; PSH or URG on a crafted one)
            boolean known = true;
            for (String flag : f.mask()) {
                if (SYN_KNOWN.contains(flag)) {
                    if (SYN_PACKET.contains(flag) != f.comparison().contains(flag)) {
                        return Tri.NO.negate(m.negated());
                    }
                } else {
                    known = false;
                }
            }
            return known ? Tri.YES.negate(m.negated()) : Tri.MAYBE;
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
        if (m instanceof Match.Meta) {
            return meta((Match.Meta) m, q);
        }
        if (m instanceof Match.AnyOf) {
            // only reached for nested sets inside a fast-path alternative; decided without the source
            Match.AnyOf a = (Match.AnyOf) m;
            Tri any = Tri.NO;
            for (List<Match> alt : a.alternatives()) {
                Tri all = Tri.YES;
                for (Match x : alt) {
                    all = all.and(x instanceof Match.Addr && ((Match.Addr) x).side() == Match.Side.SOURCE
                            ? Tri.MAYBE : other(x, q));
                }
                any = or(any, all);
            }
            return any.negate(a.negated());
        }
        return Tri.MAYBE;
    }

    private static Tri or(Tri a, Tri b) {
        if (a == Tri.YES || b == Tri.YES) {
            return Tri.YES;
        }
        return a == Tri.MAYBE || b == Tri.MAYBE ? Tri.MAYBE : Tri.NO;
    }

    private static Tri destinations(Query q, java.util.function.Predicate<InetAddress> test) {
        if (q.destination().isPresent()) {
            return Tri.of(test.test(q.destination().get()));
        }
        if (q.candidates().isEmpty()) {
            return Tri.MAYBE;
        }
        boolean some = false;
        boolean all = true;
        for (InetAddress a : q.candidates()) {
            boolean t = test.test(a);
            some |= t;
            all &= t;
        }
        return all ? Tri.YES : some ? Tri.MAYBE : Tri.NO;
    }

    private static Tri destination(IpNetwork n, Query q) {
        if (n.isIpv4() == q.ipv6()) {
            return Tri.NO;
        }
        if (q.destination().isPresent() || !q.candidates().isEmpty()) {
            return destinations(q, n::contains);
        }
        InetAddress first = n.firstAddress();
        boolean multicast = first.isMulticastAddress() && n.lastAddress().isMulticastAddress();
        boolean broadcast = n.isIpv4() && n.prefixLength() == 32 && number(first).equals(AddressSet.max(false));
        if (multicast || broadcast) {
            return Tri.NO;
        }
        return Tri.MAYBE;
    }

    private static Tri addrType(Match.AddrType t, Query q) {
        Set<String> types = t.types();
        if (t.side() == Match.Side.DESTINATION) {
            // a local destination has type LOCAL only; a routed one is UNICAST
            return Tri.of(types.contains(q.forwarded() ? "UNICAST" : "LOCAL"));
        }
        if (types.contains("UNICAST")) {
            return Tri.YES;
        }
        return types.contains("LOCAL") || types.contains("UNSPEC") ? Tri.MAYBE : Tri.NO;
    }

    private static Tri meta(Match.Meta m, Query q) {
        List<String> values = m.values();
        switch (m.key()) {
            case "nfproto" -> {
                String fam = q.ipv6() ? "ipv6" : "ipv4";
                String num = q.ipv6() ? "10" : "2";
                return Tri.of(values.contains(fam) || values.contains(num)).negate(m.negated());
            }
            case "pkttype" -> {
                return Tri.of(values.contains("host") || values.contains("unicast") || values.contains("0"))
                        .negate(m.negated());
            }
            case "ct direction" -> {
                return Tri.of(values.contains("original") || values.contains("0")).negate(m.negated());
            }
            case "ct status" -> {
                if (q.phase() != Query.Phase.NEW) {
                    return Tri.NO.negate(m.negated());
                }
                boolean known = true;
                boolean holds = false;
                for (String v : ctStatusNames(values)) {
                    switch (v.toLowerCase(Locale.ROOT)) {
                        case "dnat" -> holds |= q.dnat();
                        case "snat", "confirmed", "seen-reply", "assured", "expected", "dying" -> {
                        }
                        default -> known = false;
                    }
                }
                return holds ? Tri.YES.negate(m.negated()) : known ? Tri.NO.negate(m.negated()) : Tri.MAYBE;
            }
            default -> {
                return Tri.MAYBE;
            }
        }
    }

    /** The kernel's IPS_* bits of {@code ct status}, by bit position, as {@code nft -n} prints them ({@code 0x20}). */
    private static final List<String> CT_STATUS_BITS = List.of("expected", "seen-reply", "assured", "confirmed", "snat", "dnat",
            "seq-adjust", "snat-done", "dnat-done", "dying");

    /** {@code ct status} values as names; a number ({@code nft -n}) as the names of its bits, an unknown bit as itself. */
    private static List<String> ctStatusNames(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            long bits = -1;
            try {
                bits = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            } catch (NumberFormatException notANumber) {
                out.add(v);
                continue;
            }
            for (int i = 0; i < 63; i++) {
                if ((bits >>> i & 1) != 0) {
                    out.add(i < CT_STATUS_BITS.size() ? CT_STATUS_BITS.get(i) : "0x" + Long.toHexString(1L << i));
                }
            }
        }
        return out;
    }

    /** Why {@code m} may or may not hold for {@code q}, in words. */
    static String why(Match m, Query q) {
        if (m instanceof Match.Limit || m instanceof Match.HashLimit) {
            return "it depends on a rate limit";
        }
        if (m instanceof Match.Recent) {
            return "it depends on the '" + ((Match.Recent) m).name() + "' recent list, filled at run time";
        }
        if (m instanceof Match.IpSet) {
            return "it depends on the members of set '" + ((Match.IpSet) m).set() + "', which are not known statically";
        }
        if (m instanceof Match.Ports) {
            return q.port() < 0 ? "a NAT rule sent the connection to a port that is not known"
                    : "it depends on the client's source port";
        }
        if (m instanceof Match.Iface) {
            return "the outgoing interface is not known";
        }
        if (m instanceof Match.Addr || m instanceof Match.AddrRange) {
            return "the destination address is not known (a socket bound to every address)";
        }
        if (m instanceof Match.TcpFlags) {
            return "it depends on TCP flags a client may set on its first packet (ECE and CWR for ECN, PSH, URG)";
        }
        if (m instanceof Match.Meta) {
            return "it depends on '" + ((Match.Meta) m).key() + "', which the analysis cannot know";
        }
        if (m instanceof Match.Other) {
            return "it has a match Bulwark does not model ('" + ((Match.Other) m).text() + "')";
        }
        return "it depends on '" + m + "'";
    }
}
