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
    private final Map<String, Match.Limit> limits = new HashMap<>();
    @SuppressWarnings("unchecked")
    private final Map<String, Match>[] ifaces = new Map[] {new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>()};
    /** Single ports by side (3) and negation (2), 65536 each, in chunks of 256 made when first used. */
    private final Match[][] ports = new Match[6 * 256][];

    Match proto(boolean negated, String name) {
        String key = negated ? "!" + name : name;
        Match m = protos.get(key);
        if (m == null) {
            m = new Match.Proto(negated, name);
            protos.put(key, m);
        }
        return m;
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
        Match.Limit m = limits.get(rate);
        if (m == null || m.negated() != negated || m.burst() != burst) {
            m = new Match.Limit(negated, rate, burst);
            limits.put(rate, m);
        }
        return m;
    }

    Match iface(boolean input, boolean negated, String name) {
        Map<String, Match> map = ifaces[(input ? 2 : 0) + (negated ? 1 : 0)];
        Match m = map.get(name);
        if (m == null) {
            m = new Match.Iface(input, negated, name);
            map.put(name, m);
        }
        return m;
    }

    /** The ports {@code first} to {@code last}; a single port is shared by every rule that names it. */
    Match ports(Match.Side side, boolean negated, int first, int last) {
        if (first != last) {
            return new Match.Ports(side, negated, List.of(new PortRange(first, last)));
        }
        int key = (side.ordinal() * 2 + (negated ? 1 : 0)) << 16 | first;
        Match[] chunk = ports[key >>> 8];
        if (chunk == null) {
            chunk = new Match[256];
            ports[key >>> 8] = chunk;
        }
        Match m = chunk[key & 0xff];
        if (m == null) {
            m = new Match.Ports(side, negated, List.of(new PortRange(first, last)));
            chunk[key & 0xff] = m;
        }
        return m;
    }
}
