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

    private final Map<String, Chain> chains = new HashMap<>();
    private final Query query;
    private final boolean ipv6;
    private final Deque<String> stack = new ArrayDeque<>();
    private AddressSet accepted;
    private AddressSet diverted;
    private boolean loop;

    /**
     * A walker over the chains of {@code table}.
     *
     * @param table the table
     * @param query the packet
     */
    public ChainWalker(Table table, Query query) {
        for (Chain c : table.chains()) {
            chains.put(c.name(), c);
        }
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
        for (int i = 0; i < rules.size() && !s.isEmpty(); i++) {
            Rule r = rules.get(i);
            Target t = r.target();
            if (t instanceof Target.None || t instanceof Target.Log
                    || t instanceof Target.Other && CONTINUING.contains(((Target.Other) t).name())) {
                continue;
            }
            Condition c = Condition.of(r, query);
            if (c.tri() == Tri.NO) {
                continue;
            }
            boolean sure = c.tri() == Tri.YES && !(t instanceof Target.Other);
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
                Chain sub = chains.get(name);
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
