package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matches one parse has already built, so that the many rules that share a protocol, a state
 * list, a port or a rate share one immutable value instead of building (and validating) it again.
 * One per parse; it grows at most by one entry per distinct value read. Not API.
 */
final class MatchCache {

    private final Map<String, Match> protos = new HashMap<>();
    private final Map<String, Match> states = new HashMap<>();
    private final Map<String, Match> limits = new HashMap<>();
    private final Map<String, Match> ifaces = new HashMap<>();
    private final Map<Long, Match> ports = new HashMap<>();

    Match proto(boolean negated, String name) {
        return protos.computeIfAbsent(negated ? "!" + name : name, k -> new Match.Proto(negated, name));
    }

    Match state(boolean negated, String list, int column) {
        Match m = states.get(negated ? "!" + list : list);
        if (m == null) {
            m = new Match.State(negated, ModuleMatches.states(list, column));
            states.put(negated ? "!" + list : list, m);
        }
        return m;
    }

    Match limit(boolean negated, String rate, int burst) {
        return limits.computeIfAbsent((negated ? "!" : "") + burst + " " + rate, k -> new Match.Limit(negated, rate, burst));
    }

    Match iface(boolean input, boolean negated, String name) {
        return ifaces.computeIfAbsent((input ? "i" : "o") + (negated ? "!" : "") + name,
                k -> new Match.Iface(input, negated, name));
    }

    Match ports(Match.Side side, boolean negated, int first, int last) {
        long key = ((long) side.ordinal() << 40) | (negated ? 1L << 39 : 0) | ((long) first << 17) | last;
        Match m = ports.get(key);
        if (m == null) {
            m = new Match.Ports(side, negated, List.of(new PortRange(first, last)));
            ports.put(key, m);
        }
        return m;
    }
}
