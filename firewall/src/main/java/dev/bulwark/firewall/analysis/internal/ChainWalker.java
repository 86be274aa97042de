package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a set of source addresses through one table's base chain for a {@link Query}, the way
 * netfilter does: rules in order, first decisive match wins, {@code -j} runs a user chain and comes
 * back, {@code -g} does not come back, {@code RETURN} goes back to the caller, a base chain's
 * policy decides what falls off its end, a verdict map's matching entry decides as a rule would,
 * destination NAT sends the connection elsewhere and notrack exempts it from conntrack. Sources a
 * rule may or may not match (rate limits, run-time sets, unknown matches) go both ways, and why is
 * recorded, so the result never misses a reachable source. Not API.
 */
public final class ChainWalker {

    /** Targets that never end evaluation (they mark, log or count and go on). */
    private static final Set<String> CONTINUING = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT",
            "TRACE", "AUDIT", "SET", "TCPMSS", "DSCP", "TOS", "TTL", "HL", "CLASSIFY", "SECMARK",
            "CONNSECMARK", "CHECKSUM", "TEE", "IDLETIMER", "LED", "RATEEST", "counter", "dup", "meta", "ct",
            "set", "add", "update", "delete", "quota", "synproxy-not", "FLOWOFFLOAD", "META");

    /** Most reasons kept per walk. */
    private static final int MAX_REASONS = 64;

    private final Compiled table;
    private final Query query;
    private final boolean ipv6;
    private final Deque<String> stack = new ArrayDeque<>();
    private AddressSet accepted;
    private AddressSet untracked;
    private AddressSet untrackedSure;
    private int uncertain;
    private List<NatHit> nats;
    private List<Reason> reasons;
    private boolean loop;

    /**
     * One rule, or one entry of a rule's verdict map, compiled: what to match and what to do. The
     * common rule (a source network, other matches, and a plain verdict) also carries its network's
     * bounds and its verdict inline, so that a walk moves its sources without reaching into the
     * rule's objects: at 100,000 rules those are cache misses, and they grew the cost per rule.
     */
    private static final class Step {
        /** {@link #plain}: the verdict is ACCEPT, DROP or REJECT, RETURN. */
        static final byte ACCEPT = 1;
        static final byte DROP = 2;
        static final byte RETURN = 3;

        final Rule rule;
        final Condition condition;
        final Target target;
        /** ACCEPT, DROP or RETURN when the condition's sources are one interval and the verdict is plain, else 0. */
        final byte plain;
        final long lh;
        final long ll;
        final long hh;
        final long hl;

        Step(Rule rule, Condition condition, Target target) {
            this.rule = rule;
            this.condition = condition;
            this.target = target;
            AddressSet source = condition.plainSource();
            long[] one = source == null ? null : source.oneInterval();
            byte verdict = target instanceof Target.Accept ? ACCEPT
                    : target instanceof Target.Drop || target instanceof Target.Reject ? DROP
                    : target instanceof Target.Return ? RETURN : 0;
            this.plain = one == null ? 0 : verdict;
            this.lh = one == null ? 0 : one[0];
            this.ll = one == null ? 0 : one[1];
            this.hh = one == null ? 0 : one[2];
            this.hl = one == null ? 0 : one[3];
        }

        Rule rule() {
            return rule;
        }

        Condition condition() {
            return condition;
        }

        Target target() {
            return target;
        }
    }

    /**
     * A table's chains by name with their rules compiled for one family (verdict maps expanded into
     * one step per entry), and for each chain an index from destination port to the steps that can
     * match it; build once, walk for many queries, from any thread.
     */
    public static final class Compiled {
        /** Steps whose destination ports span more than this are indexed as port-agnostic. */
        private static final int MAX_EXPANDED = 64;

        private final Map<String, Chain> chains = new HashMap<>();
        private boolean nat;
        private final Map<Chain, Step[]> steps = new IdentityHashMap<>();
        private final Map<Chain, int[]> agnostic = new IdentityHashMap<>();
        /** Per chain, {@code port << 32 | step} of the steps that name their destination ports, sorted. */
        private final Map<Chain, long[]> byPort = new IdentityHashMap<>();
        private final Map<Chain, Map<Integer, int[]>> orders = new IdentityHashMap<>();

        private Compiled() {
        }

        /** Compiles every rule of {@code table} for IPv6 ({@code ipv6}) or IPv4 packets. */
        public static Compiled of(Table table, boolean ipv6) {
            Compiled out = new Compiled();
            out.nat = isNatTable(table);
            for (Chain c : table.chains()) {
                out.chains.put(c.name(), c);
                List<Step> list = new ArrayList<>(c.rules().size());
                for (Rule r : c.rules()) {
                    if (r.target() instanceof Target.VerdictMap) {
                        for (Target.VerdictMap.Entry e : ((Target.VerdictMap) r.target()).entries()) {
                            List<Match> all = new ArrayList<>(r.matches());
                            all.addAll(e.when());
                            list.add(new Step(r, Condition.of(all, ipv6), normalized(e.verdict())));
                        }
                    } else {
                        list.add(new Step(r, Condition.of(r.matches(), ipv6), normalized(r.target())));
                    }
                }
                Step[] cs = list.toArray(new Step[0]);
                int[] any = new int[cs.length];
                int anyCount = 0;
                // (port << 32 | step) for every step that names its destination ports: sorted, one array
                long[] byPort = new long[16];
                int byPortCount = 0;
                for (int i = 0; i < cs.length; i++) {
                    if (cs[i].condition().never() || skipped(cs[i].target())) {
                        continue;
                    }
                    List<PortRange> only = cs[i].condition().destinationPorts();
                    int span = 0;
                    for (int j = 0; j < only.size(); j++) {
                        span += only.get(j).size();
                    }
                    if (only.isEmpty() || span > MAX_EXPANDED) {
                        any[anyCount++] = i;
                    } else {
                        for (int j = 0; j < only.size(); j++) {
                            PortRange r = only.get(j);
                            for (int p = r.first(); p <= r.last(); p++) {
                                if (byPortCount == byPort.length) {
                                    byPort = Arrays.copyOf(byPort, byPortCount * 2);
                                }
                                byPort[byPortCount++] = (long) p << 32 | i;
                            }
                        }
                    }
                }
                long[] sorted = Arrays.copyOf(byPort, byPortCount);
                Arrays.sort(sorted);
                out.steps.put(c, cs);
                out.agnostic.put(c, Arrays.copyOf(any, anyCount));
                out.byPort.put(c, sorted);
            }
            return out;
        }

        /** The indexes of the chain's steps that can match destination port {@code port}, in order. */
        synchronized int[] order(Chain c, int port) {
            if (port < 0) {
                // an unknown port (rewritten by a NAT rule that cannot be read): every step may match
                Step[] all = steps.get(c);
                return java.util.stream.IntStream.range(0, all.length)
                        .filter(i -> !all[i].condition().never() && !skipped(all[i].target())).toArray();
            }
            return orders.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(port, p -> {
                int[] a = agnostic.get(c);
                int[] b = stepsNaming(byPort.get(c), p);
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

        /** The steps (in order) of a sorted {@code port << 32 | step} array that name {@code port}. */
        private static int[] stepsNaming(long[] sorted, int port) {
            int from = firstAtLeast(sorted, (long) port << 32);
            int to = firstAtLeast(sorted, (long) (port + 1) << 32);
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = (int) sorted[i];
            }
            return out;
        }

        private static int firstAtLeast(long[] sorted, long key) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Whether a table's base chains are NAT chains (iptables' nat table, nft chains of type nat). */
    static boolean isNatTable(Table table) {
        boolean any = false;
        for (Chain c : table.chains()) {
            if (c.isBase()) {
                if (!c.type().equals("nat")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** What a target the analysis cannot read may do in a NAT table: send the connection anywhere. */
    static Target.Nat unknownNat() {
        return new Target.Nat("DNAT", Optional.empty());
    }

    /** iptables' {@code -j CT --notrack} and {@code -j NOTRACK} as the notrack they are. */
    private static Target normalized(Target t) {
        if (t instanceof Target.Other) {
            Target.Other o = (Target.Other) t;
            if (o.name().equals("NOTRACK") || o.name().equals("CT") && o.args().contains("--notrack")
                    || o.name().equals("notrack") && o.args().isEmpty()) {
                return new Target.NoTrack();
            }
        }
        return t;
    }

    /** Whether evaluation always goes on after {@code t} (count, log, mark, notrack). */
    static boolean continues(Target t) {
        Target n = normalized(t);
        return skipped(n) || n instanceof Target.NoTrack;
    }

    /** Whether a target never changes what happens to the packet (count, log, mark and go on). */
    private static boolean skipped(Target t) {
        return t instanceof Target.None || t instanceof Target.Log
                || t instanceof Target.Other && CONTINUING.contains(((Target.Other) t).name());
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
     * Sources a destination NAT rule sends elsewhere.
     *
     * @param rule    the rule
     * @param nat     its NAT target (DNAT or REDIRECT)
     * @param sources the sources it (possibly) catches
     */
    public record NatHit(Rule rule, Target.Nat nat, AddressSet sources) {
    }

    /**
     * Sources whose fate the analysis could not decide at one rule, and why.
     *
     * @param rule    the rule
     * @param why     why it may or may not match
     * @param sources the sources concerned
     */
    public record Reason(Rule rule, String why, AddressSet sources) {
    }

    /**
     * The outcome of a base chain for the given sources.
     *
     * @param accepted  the sources whose packets the chain lets through (to the next base chain)
     * @param nats      the sources whose connections a DNAT or REDIRECT sends elsewhere
     * @param untracked the sources a notrack rule may have exempted from conntrack (they also go on)
     * @param untrackedSure the sources a notrack rule surely exempted
     * @param reasons   where sources were taken both ways, and why
     * @param loop      whether a jump loop was met (the result is then over-approximated)
     */
    public record Outcome(AddressSet accepted, List<NatHit> nats, AddressSet untracked, AddressSet untrackedSure,
                          List<Reason> reasons, boolean loop) {
    }

    /** Runs {@code sources} through the base chain {@code base}. */
    public Outcome run(Chain base, AddressSet sources) {
        accepted = AddressSet.empty(ipv6);
        untracked = AddressSet.empty(ipv6);
        untrackedSure = AddressSet.empty(ipv6);
        uncertain = 0;
        nats = new ArrayList<>();
        reasons = new ArrayList<>();
        loop = false;
        AddressSet fell = walk(base, sources.copy());
        if (base.policy().orElse(Policy.ACCEPT) == Policy.ACCEPT) {
            accepted.take(fell);
        }
        return new Outcome(accepted, nats, untracked, untrackedSure, reasons, loop);
    }

    /**
     * Records why some sources went both ways; only the first {@value #MAX_REASONS} per walk are kept
     * (the notes only explain; the reach itself never depends on them).
     */
    private void reason(Rule rule, String why, AddressSet sources) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(new Reason(rule, why, sources));
        }
    }

    /** Walks {@code s} through {@code chain}; returns what falls off its end or RETURNs. */
    private AddressSet walk(Chain chain, AddressSet s) {
        stack.push(chain.name());
        AddressSet returned = AddressSet.empty(ipv6);
        Step[] steps = table.steps.get(chain);
        int[] order = table.order(chain, query.port());
        for (int k = 0; k < order.length && !s.isEmpty(); k++) {
            Step step = steps[order[k]];
            Condition c = step.condition();
            Tri tri = c.decide(query);
            if (tri == Tri.NO) {
                continue;
            }
            if (tri == Tri.YES && step.plain != 0) {
                // the common rule, inline: one source network and a plain verdict
                s.moveInto(step.lh, step.ll, step.hh, step.hl,
                        step.plain == Step.ACCEPT ? accepted : step.plain == Step.RETURN ? returned : null);
                continue;
            }
            Target t = step.target();
            AddressSet plain = c.plainSource();
            if (tri == Tri.YES && plain != null && (t instanceof Target.Drop || t instanceof Target.Reject
                    || t instanceof Target.Accept || t instanceof Target.Return)) {
                // the common rule: a source network and a verdict; move the sources without building the hit
                s.moveInto(plain, t instanceof Target.Accept ? accepted : t instanceof Target.Return ? returned : null);
                continue;
            }
            Condition.Hit hit;
            boolean consumes = !(t instanceof Target.NoTrack) && !(t instanceof Target.Other);
            if (c.sourceFree()) {
                // every source or none: take the set itself rather than copy it when the rule ends its sources' walk
                hit = tri == Tri.YES ? new Condition.Hit(consumes ? s.takeAll() : s.copy(), AddressSet.empty(ipv6), null)
                        : new Condition.Hit(AddressSet.empty(ipv6), s.copy(), c.why(query));
            } else {
                hit = c.apply(query, s, tri);
            }
            if (hit.isEmpty()) {
                continue;
            }
            AddressSet all = hit.maybe().isEmpty() ? hit.sure() : hit.sure().isEmpty() ? hit.maybe().copy()
                    : hit.sure().union(hit.maybe());
            if (!hit.maybe().isEmpty()) {
                reason(step.rule(), hit.why(), hit.maybe());
            }
            if (t instanceof Target.NoTrack) {
                untracked.addAll(all);
                if (uncertain == 0) {
                    untrackedSure.addAll(hit.sure());
                }
                continue;
            }
            if (t instanceof Target.Accept) {
                accepted.addAll(all);
                s.removeAll(hit.sure());
            } else if (t instanceof Target.Drop || t instanceof Target.Reject) {
                s.removeAll(hit.sure());
            } else if (t instanceof Target.Return) {
                returned.addAll(all);
                s.removeAll(hit.sure());
            } else if (t instanceof Target.Nat) {
                Target.Nat nat = (Target.Nat) t;
                if (nat.rewritesDestination()) {
                    nats.add(new NatHit(step.rule(), nat, all));
                } else {
                    accepted.addAll(all);
                }
                s.removeAll(hit.sure());
            } else if (t instanceof Target.Jump || t instanceof Target.Goto) {
                String name = t instanceof Target.Jump ? ((Target.Jump) t).chain() : ((Target.Goto) t).chain();
                Chain sub = table.chains.get(name);
                s.removeAll(hit.sure());
                if (sub == null || stack.contains(name)) {
                    // an unknown chain or a loop: what it does is not known, so the sources go both ways
                    loop |= sub != null;
                    reason(step.rule(), sub == null ? "it jumps to chain '" + name + "', which is not in the ruleset"
                            : "it jumps into a loop through chain '" + name + "'", all.copy());
                    accepted.addAll(all);
                    s.addAll(all);
                    continue;
                }
                boolean unsure = !hit.maybe().isEmpty();
                uncertain += unsure ? 1 : 0;
                AddressSet back = walk(sub, all);
                uncertain -= unsure ? 1 : 0;
                if (t instanceof Target.Goto) {
                    returned.take(back);
                } else {
                    s.take(back);
                }
            } else {
                // a verdict decided at run time (NFQUEUE, TPROXY, an unknown target): both ways
                reason(step.rule(), "its target '" + (t instanceof Target.Other
                        ? ((Target.Other) t).text() : t.toString()) + "' decides at run time", all.copy());
                accepted.addAll(all);
                if (table.nat) {
                    // in a NAT table it may also rewrite the destination to anywhere
                    nats.add(new NatHit(step.rule(), unknownNat(), all.copy()));
                }
            }
        }
        returned.take(s);
        stack.pop();
        return returned;
    }
}
