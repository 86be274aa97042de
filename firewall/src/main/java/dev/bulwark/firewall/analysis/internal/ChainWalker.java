package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.bulwark.core.net.PortRange;

/**
 * Runs a set of source addresses through one table's base chain for a {@link Query}, the way
 * netfilter does: rules in order, first decisive match wins, {@code -j} runs a user chain and comes
 * back, {@code -g} does not come back, {@code RETURN} goes back to the caller, and a base chain's
 * policy decides what falls off its end. Conditions that may or may not hold are over-approximated:
 * the addresses are both accepted and passed on, so the result never misses a reachable source.
 * Not API.
 */
public final class ChainWalker {

    /** Targets that never end evaluation (they mark, log or count and go on). */
    private static final Set<String> CONTINUING = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT",
            "NOTRACK", "TRACE", "AUDIT", "SET", "TCPMSS", "DSCP", "TOS", "TTL", "HL", "CLASSIFY", "SECMARK",
            "CONNSECMARK", "CHECKSUM", "TEE", "IDLETIMER", "LED", "RATEEST", "SYNPROXY-NOT", "counter");

    private final Compiled table;
    private final Query query;
    private final boolean ipv6;
    private final Deque<String> stack = new ArrayDeque<>();
    private AddressSet accepted;
    private AddressSet diverted;
    private boolean loop;

    /**
     * A table's chains by name with their rules' conditions compiled for one family, and for each
     * chain an index from destination port to the rules that can match it; build once, walk for
     * many queries. Not thread-safe.
     */
    public static final class Compiled {
        /** Rules whose destination ports span more than this are indexed as port-agnostic. */
        private static final int MAX_EXPANDED = 64;

        private final Map<String, Chain> chains = new HashMap<>();
        private final Map<Chain, Condition[]> conditions = new java.util.IdentityHashMap<>();
        private final Map<Chain, int[]> agnostic = new java.util.IdentityHashMap<>();
        private final Map<Chain, Map<Integer, int[]>> byPort = new java.util.IdentityHashMap<>();
        private final Map<Chain, Map<Integer, int[]>> orders = new java.util.IdentityHashMap<>();

        private Compiled() {
        }

        /** Compiles every rule of {@code table} for IPv6 ({@code ipv6}) or IPv4 packets. */
        public static Compiled of(Table table, boolean ipv6) {
            Compiled out = new Compiled();
            for (Chain c : table.chains()) {
                out.chains.put(c.name(), c);
                Condition[] cs = new Condition[c.rules().size()];
                List<Integer> any = new java.util.ArrayList<>();
                Map<Integer, List<Integer>> ports = new HashMap<>();
                for (int i = 0; i < cs.length; i++) {
                    cs[i] = Condition.of(c.rules().get(i), ipv6);
                    List<PortRange> only = cs[i].destinationPorts();
                    int span = 0;
                    for (PortRange r : only) {
                        span += r.size();
                    }
                    if (only.isEmpty() || span > MAX_EXPANDED) {
                        any.add(i);
                    } else {
                        for (PortRange r : only) {
                            for (int p = r.first(); p <= r.last(); p++) {
                                ports.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(i);
                            }
                        }
                    }
                }
                out.conditions.put(c, cs);
                out.agnostic.put(c, any.stream().mapToInt(Integer::intValue).toArray());
                Map<Integer, int[]> index = new HashMap<>();
                ports.forEach((p, l) -> index.put(p, l.stream().mapToInt(Integer::intValue).toArray()));
                out.byPort.put(c, index);
            }
            return out;
        }

        /** The indexes of the chain's rules that can match destination port {@code port}, in order. */
        int[] order(Chain c, int port) {
            return orders.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(port, p -> {
                int[] a = agnostic.get(c);
                int[] b = byPort.get(c).getOrDefault(p, new int[0]);
                int[] merged = new int[a.length + b.length];
                int i = 0;
                int j = 0;
                int k = 0;
                while (i < a.length || j < b.length) {
                    merged[k++] = j >= b.length || i < a.length && a[i] < b[j] ? a[i++] : b[j++];
                }
                return merged;
            });
        }
    }

    /**
     * A walker over the chains of a compiled table.
     *
     * @param table the table, compiled for the query's family
     * @param query the packet
     */
    public ChainWalker(Compiled table, Query query) {
        this.table = table;
        this.query = query;
        this.ipv6 = query.ipv6();
    }

    /**
     * The outcome of a base chain for the given sources.
     *
     * @param accepted the sources whose packets the chain lets through
     * @param diverted the sources whose packets a DNAT or REDIRECT sends elsewhere
     * @param loop     whether a jump loop was met (the result is then over-approximated)
     */
    public record Outcome(AddressSet accepted, AddressSet diverted, boolean loop) {
    }

    /** Runs {@code sources} through the base chain {@code base}. */
    public Outcome run(Chain base, AddressSet sources) {
        accepted = AddressSet.empty(ipv6);
        diverted = AddressSet.empty(ipv6);
        loop = false;
        AddressSet fell = walk(base, sources);
        if (base.policy().orElse(Policy.ACCEPT) == Policy.ACCEPT) {
            accepted.addAll(fell);
        }
        return new Outcome(accepted, diverted, loop);
    }

    /** Walks {@code s} through {@code chain}; returns what falls off its end or RETURNs. */
    private AddressSet walk(Chain chain, AddressSet s) {
        stack.push(chain.name());
        AddressSet returned = AddressSet.empty(ipv6);
        List<Rule> rules = chain.rules();
        Condition[] conditions = table.conditions.get(chain);
        int[] order = table.order(chain, query.port());
        for (int k = 0; k < order.length && !s.isEmpty(); k++) {
            int i = order[k];
            Rule r = rules.get(i);
            Target t = r.target();
            if (t instanceof Target.None || t instanceof Target.Log
                    || t instanceof Target.Other && CONTINUING.contains(((Target.Other) t).name())) {
                continue;
            }
            Condition c = conditions[i];
            Tri tri = c.evaluate(query);
            if (tri == Tri.NO) {
                continue;
            }
            boolean sure = tri == Tri.YES && !(t instanceof Target.Other);
            AddressSet hit = c.apply(s, sure);
            if (hit.isEmpty()) {
                continue;
            }
            if (t instanceof Target.Accept || t instanceof Target.Other) {
                accepted.addAll(hit);
            } else if (t instanceof Target.Return) {
                returned.addAll(hit);
            } else if (t instanceof Target.Nat) {
                if (((Target.Nat) t).rewritesDestination()) {
                    diverted.addAll(hit);
                } else {
                    accepted.addAll(hit);
                }
            } else if (t instanceof Target.Jump || t instanceof Target.Goto) {
                String name = t instanceof Target.Jump ? ((Target.Jump) t).chain() : ((Target.Goto) t).chain();
                Chain sub = table.chains.get(name);
                if (sub == null || stack.contains(name)) {
                    loop |= sub != null;
                    accepted.addAll(hit);
                    if (sure) {
                        s.addAll(hit);
                    }
                    continue;
                }
                AddressSet back = walk(sub, hit);
                if (t instanceof Target.Goto) {
                    returned.addAll(back);
                } else if (sure) {
                    s.addAll(back);
                }
            }
            // DROP and REJECT: the hit is discarded.
        }
        returned.addAll(s);
        stack.pop();
        return returned;
    }
}
