package dev.bulwark.firewall.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The backend-neutral rules the oracle's generator ({@link OracleGenerator}) draws and its two
 * writers ({@link OracleIptablesWriter}, {@link OracleNftWriter}) render. Only the generator and the
 * writers see these: the analysis reads what the kernel gives back.
 */
final class OracleRules {

    private OracleRules() {
    }

    /** A source condition; an empty list for a family means the rule is only for the other family. */
    record Src(List<String> v4, List<String> v6, boolean negated) {
        List<String> of(boolean ipv6) {
            return ipv6 ? v6 : v4;
        }
    }

    /** An incoming interface condition; a name ending in {@code +} is a prefix wildcard. */
    record Iface(String name, boolean negated) {
        boolean wildcard() {
            return name.endsWith("+");
        }
    }

    /** A destination address condition, per family (null: the rule is only for the other family). */
    record Dst(String v4, String v6) {
        String of(boolean ipv6) {
            return ipv6 ? v6 : v4;
        }
    }

    /**
     * A protocol and destination ports: proto {@code tcp}, {@code udp} or {@code both}; ports are
     * single ({@code 22}) or ranges ({@code 8000:8999}), several mean a list; empty: any port.
     */
    record Svc(String proto, List<String> ports, boolean negated) {
    }

    /** Where a matched packet goes. */
    record Verdict(String kind, String chain) {
        static final Verdict ACCEPT = new Verdict("ACCEPT", null);
        static final Verdict DROP = new Verdict("DROP", null);
        static final Verdict REJECT = new Verdict("REJECT", null);
        static final Verdict RESET = new Verdict("RESET", null);
        static final Verdict RETURN = new Verdict("RETURN", null);
        static final Verdict LOG = new Verdict("LOG", null);
        static final Verdict NOTRACK = new Verdict("NOTRACK", null);

        static Verdict jump(String chain) {
            return new Verdict("JUMP", chain);
        }

        static Verdict go(String chain) {
            return new Verdict("GOTO", chain);
        }
    }

    /** A destination NAT: REDIRECT (to a local port) or DNAT (to an address per family and a port). */
    record Nat(String kind, String to4, String to6, int port) {
        String to(boolean ipv6) {
            return ipv6 ? to6 : to4;
        }
    }

    /**
     * One rule. {@code extra} is one of {@code limit}, {@code new}, {@code comment}, {@code local}
     * (destination is a local address), {@code established}, {@code invalid}, {@code untracked},
     * {@code dnat-state} (forwarded because DNAT'ed), or null. A rule with a vmap is a port
     * dispatch ({@code tcp dport vmap {…}}); one with concat pairs is a source-and-port set.
     */
    record Rule(Iface iface, Iface out, Src src, Dst dst, Svc svc, String extra, Verdict verdict, Nat nat,
                List<Object[]> vmap, List<Object[]> concat) {

        static Rule of(Iface iface, Src src, Svc svc, String extra, Verdict verdict) {
            return new Rule(iface, null, src, null, svc, extra, verdict, null, null, null);
        }

        Rule withDst(Dst d) {
            return new Rule(iface, out, src, d, svc, extra, verdict, nat, vmap, concat);
        }

        Rule withOut(Iface o) {
            return new Rule(iface, o, src, dst, svc, extra, verdict, nat, vmap, concat);
        }

        Rule withNat(Nat n) {
            return new Rule(iface, out, src, dst, svc, extra, verdict, n, vmap, concat);
        }

        /** Whether the rule exists in a ruleset of this family. */
        boolean appliesTo(boolean ipv6) {
            return (src == null || !src.of(ipv6).isEmpty()) && (dst == null || dst.of(ipv6) != null)
                    && (nat == null || nat.kind().equals("REDIRECT") || nat.to(ipv6) != null)
                    && (concat == null || concat.stream().anyMatch(c -> ((Src) c[0]).of(ipv6).size() > 0));
        }

        /** Whether the rule is written only for one family (so nft needs {@code ip}/{@code ip6} qualifiers). */
        boolean familySpecific() {
            return src != null || dst != null || concat != null || nat != null && nat.kind().equals("DNAT");
        }
    }

    /** A chain: a base chain has a hook and a policy, a user chain neither. */
    record Chain(String name, String hook, String policy, int priority, List<Rule> rules) {
        static Chain user(String name) {
            return new Chain(name, null, null, 0, new ArrayList<>());
        }

        static Chain base(String name, String hook, String policy, int priority) {
            return new Chain(name, hook, policy, priority, new ArrayList<>());
        }

        boolean isBase() {
            return hook != null;
        }
    }

    /**
     * A table: {@code kind} is the iptables table ({@code raw}, {@code mangle}, {@code nat},
     * {@code filter}); base chains keep iptables' names (INPUT, FORWARD, PREROUTING, POSTROUTING).
     */
    record Table(String kind, List<Chain> chains) {
        Chain chain(String name) {
            return chains.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /** A whole ruleset: tables in order, and whether v6 NAT and filter follow v4. */
    record Scenario(List<Table> tables) {
        Table table(String kind) {
            return tables.stream().filter(t -> t.kind().equals(kind)).findFirst().orElse(null);
        }
    }
}
