package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Target;
import java.util.List;

/**
 * Whether one rule matches every packet another matches ("covers" it), judged on the rules' text
 * alone and conservatively: stateful or unknown matches never cover anything. Not API.
 */
final class RuleCover {

    private RuleCover() {
    }

    /** Whether evaluation never goes past a packet this rule matches. */
    static boolean isFinal(Rule r) {
        Target t = r.target();
        return t instanceof Target.Accept || t instanceof Target.Drop || t instanceof Target.Reject
                || t instanceof Target.Return || t instanceof Target.Goto;
    }

    /** Whether the rule's matches can be compared at all (no rate limits, lists, sets or unknown parts). */
    static boolean comparable(Rule r) {
        for (Match m : r.matches()) {
            if (m instanceof Match.Limit || m instanceof Match.HashLimit || m instanceof Match.Recent
                    || m instanceof Match.IpSet || m instanceof Match.Other || m instanceof Match.AnyOf || m instanceof Match.Meta
                    || m instanceof Match.Addr && ((Match.Addr) m).networks().size() > 1
                    || m instanceof Match.Proto && ((Match.Proto) m).names().size() > 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether every packet {@code b} matches is matched by {@code a}. */
    static boolean covers(Rule a, Rule b) {
        for (Match m : a.matches()) {
            if (m instanceof Match.Comment) {
                continue;
            }
            if (!implied(m, b.matches())) {
                return false;
            }
        }
        return true;
    }

    private static boolean implied(Match a, List<Match> bs) {
        if (a instanceof Match.Proto && !a.negated() && ((Match.Proto) a).name().equals("all")) {
            return true;
        }
        for (Match b : bs) {
            if (b.equals(a) || impliedBy(a, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean impliedBy(Match a, Match b) {
        if (a instanceof Match.Addr && b instanceof Match.Addr) {
            Match.Addr x = (Match.Addr) a;
            Match.Addr y = (Match.Addr) b;
            if (x.side() != y.side() || x.network().isIpv4() != y.network().isIpv4()) {
                return false;
            }
            if (!x.negated()) {
                return !y.negated() && x.network().contains(y.network());
            }
            return y.negated() ? y.network().contains(x.network()) : !x.network().overlaps(y.network());
        }
        if (a instanceof Match.Iface && b instanceof Match.Iface) {
            Match.Iface x = (Match.Iface) a;
            Match.Iface y = (Match.Iface) b;
            return x.input() == y.input() && !x.negated() && !y.negated() && x.covers(y.name());
        }
        if (a instanceof Match.Ports && b instanceof Match.Ports) {
            Match.Ports x = (Match.Ports) a;
            Match.Ports y = (Match.Ports) b;
            if (x.side() != y.side() || x.negated() || y.negated()) {
                return false;
            }
            for (PortRange r : y.ranges()) {
                boolean inside = false;
                for (PortRange s : x.ranges()) {
                    inside |= s.contains(r);
                }
                if (!inside) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Match.State && b instanceof Match.State) {
            Match.State x = (Match.State) a;
            Match.State y = (Match.State) b;
            return !x.negated() && !y.negated() && x.states().containsAll(y.states());
        }
        return false;
    }

    /** The first positive source network of the rule, or null. */
    static IpNetwork source(Rule r) {
        for (Match m : r.matches()) {
            if (m instanceof Match.Addr && !m.negated() && ((Match.Addr) m).side() == Match.Side.SOURCE) {
                return ((Match.Addr) m).network();
            }
        }
        return null;
    }

    /** Every port of the rule's positive destination-port match when all are single ports, else {@code [0]}. */
    static List<Integer> ports(Rule r) {
        for (Match m : r.matches()) {
            if (m instanceof Match.Ports && !m.negated() && ((Match.Ports) m).side() == Match.Side.DESTINATION) {
                List<PortRange> ranges = ((Match.Ports) m).ranges();
                if (ranges.stream().allMatch(PortRange::isSinglePort)) {
                    return ranges.stream().map(PortRange::first).collect(java.util.stream.Collectors.toList());
                }
            }
        }
        return List.of(0);
    }

    /** The first port of the rule's positive destination-port match, or 0 when it has none. */
    static int firstPort(Rule r) {
        for (Match m : r.matches()) {
            if (m instanceof Match.Ports && !m.negated() && ((Match.Ports) m).side() == Match.Side.DESTINATION) {
                List<PortRange> ranges = ((Match.Ports) m).ranges();
                return ranges.stream().allMatch(PortRange::isSinglePort) ? ranges.get(0).first() : 0;
            }
        }
        return 0;
    }
}
