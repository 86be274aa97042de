package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds rules that can never match because an earlier rule of the same chain that ends evaluation
 * matches everything they match. Earlier rules are indexed by destination port and source network,
 * so a chain is checked in about linear time. Not API.
 */
final class ShadowedRules {

    private ShadowedRules() {
    }

    /**
     * A rule that never matches and the earlier rule that catches its packets.
     *
     * @param shadowed the rule that never matches
     * @param by       the earlier rule
     */
    record Shadow(Rule shadowed, Rule by) {
    }

    static List<Shadow> of(Chain chain) {
        List<Shadow> out = new ArrayList<>();
        // port (0 = any or ranges) -> source network (null = none) -> earlier final rules
        Map<Integer, Map<IpNetwork, List<Rule>>> index = new HashMap<>();
        TreeSet<Integer> prefixes = new TreeSet<>();
        for (Rule b : chain.rules()) {
            if (!RuleCover.comparable(b)) {
                continue;
            }
            Rule by = find(index, prefixes, b);
            if (by != null) {
                out.add(new Shadow(b, by));
                continue;
            }
            if (RuleCover.isFinal(b)) {
                IpNetwork src = RuleCover.source(b);
                if (src != null) {
                    prefixes.add(src.prefixLength() + (src.isIpv4() ? 0 : 1000));
                }
                for (int port : RuleCover.ports(b)) {
                    index.computeIfAbsent(port, k -> new HashMap<>())
                            .computeIfAbsent(src, k -> new ArrayList<>()).add(b);
                }
            }
        }
        return out;
    }

    private static Rule find(Map<Integer, Map<IpNetwork, List<Rule>>> index, TreeSet<Integer> prefixes, Rule b) {
        int port = RuleCover.firstPort(b);
        IpNetwork src = RuleCover.source(b);
        for (int p : port == 0 ? new int[] {0} : new int[] {0, port}) {
            Map<IpNetwork, List<Rule>> bySource = index.get(p);
            if (bySource == null) {
                continue;
            }
            Rule hit = first(bySource.get(null), b);
            if (hit == null && src != null) {
                for (int key : prefixes) {
                    boolean v6 = key >= 1000;
                    int len = key % 1000;
                    if (v6 == src.isIpv4() || len > src.prefixLength()) {
                        continue;
                    }
                    hit = first(bySource.get(IpNetwork.containing(src.address(), len)), b);
                    if (hit != null) {
                        break;
                    }
                }
            }
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static Rule first(List<Rule> candidates, Rule b) {
        if (candidates == null) {
            return null;
        }
        for (Rule a : candidates) {
            if (RuleCover.covers(a, b)) {
                return a;
            }
        }
        return null;
    }
}
