package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Counters;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the statements of one nft rule into matches and one target, with the kernel's meaning:
 * relational expressions, {@code limit}, {@code quota} and per-element limits of
 * {@code set update}/{@code meter} are conditions; the last verdict ({@code accept}, {@code drop},
 * {@code reject}, {@code jump}, {@code goto}, {@code return}, {@code continue}, a verdict map, a
 * NAT statement, {@code queue}, {@code fwd}, {@code synproxy}) decides; statements that only
 * change the packet or its connection ({@code meta mark set}, {@code ct zone set}, {@code dup},
 * {@code set add}) let evaluation go on and become a {@link Target.Other} named like the iptables
 * target that does the same ({@code MARK}, {@code CT}, {@code TEE}, {@code SET}). What it does
 * not know is kept as the statement's JSON. Not API.
 */
final class NftJsonExpressions {

    /** Statements that never keep their JSON verbatim. */
    private static final java.util.Set<String> PLAIN = java.util.Set.of("match", "counter", "log", "accept", "drop", "return",
            "continue", "jump", "goto", "reject", "notrack", "limit", "quota", "ct count", "last");

    private final NftJsonTable table;
    private final NftJsonLookups lookups;
    private final List<Match> matches = new ArrayList<>();
    private Target verdict;
    private Target sideEffect;
    private final List<String> sideEffects = new ArrayList<>();
    private boolean notrack;
    private Target tproxy;
    private Optional<String> logPrefix = Optional.empty();
    private boolean logged;
    private Optional<Counters> counters = Optional.empty();

    NftJsonExpressions(NftJsonTable table, NftJsonLookups lookups) {
        this.table = table;
        this.lookups = lookups;
    }

    List<Match> matches() {
        return matches;
    }

    Optional<Counters> counters() {
        return counters;
    }

    /** The rule's target: its last verdict, else what its other statements do. */
    Target target() {
        if (tproxy != null) {
            return tproxy;
        }
        if (verdict != null) {
            if (notrack && !(verdict instanceof Target.Drop || verdict instanceof Target.Reject)) {
                // both the exemption from conntrack and the verdict matter; the model has one target
                return new Target.Other("notrack", List.of(text(verdict)));
            }
            return verdict;
        }
        if (notrack) {
            return new Target.NoTrack();
        }
        if (sideEffect != null) {
            return sideEffects.size() == 1 ? sideEffect
                    : new Target.Other(((Target.Other) sideEffect).name(), sideEffects);
        }
        return logged ? new Target.Log(logPrefix) : new Target.None();
    }

    private static String text(Target t) {
        if (t instanceof Target.Accept) {
            return "accept";
        }
        if (t instanceof Target.Jump) {
            return "jump " + ((Target.Jump) t).chain();
        }
        if (t instanceof Target.Goto) {
            return "goto " + ((Target.Goto) t).chain();
        }
        if (t instanceof Target.Return) {
            return "return";
        }
        if (t instanceof Target.None) {
            return "continue";
        }
        return t.toString();
    }

    private void addMatches(List<Match> lowered) {
        for (int i = 0; i < lowered.size(); i++) {
            Match m = lowered.get(i);
            if (i < lowered.size() - 1) {
                // implied by the key (tcp dport: meta l4proto tcp); once is enough
                if (!matches.contains(m)) {
                    matches.add(m);
                }
            } else {
                matches.add(m);
            }
        }
    }

    /** Lowers one statement. */
    void add(Object statement) {
        String kind = NftJsonValues.kind(statement);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("a statement is an object with one key");
        }
        Object v = NftJsonValues.body(statement);
        // the verbatim JSON is only kept by statements that need it (most rules have none)
        String json = PLAIN.contains(kind) ? null : JsonWriter.write(statement);
        switch (kind) {
            case "match" -> {
                List<Match> lowered = lookups.relational(NftJsonValues.map(v, "match"));
                if (lowered == null) {
                    matches.add(new Match.Other("match", JsonWriter.write(statement)));
                } else {
                    addMatches(lowered);
                }
            }
            case "counter" -> {
                if (v instanceof Map && counters.isEmpty()) {
                    Map<String, Object> c = NftJsonValues.map(v, "counter");
                    counters = Optional.of(new Counters(NftJsonValues.count(c.getOrDefault("packets", java.math.BigDecimal.ZERO), "packets"),
                            NftJsonValues.count(c.getOrDefault("bytes", java.math.BigDecimal.ZERO), "bytes")));
                }
            }
            case "log" -> {
                logged = true;
                if (v instanceof Map && ((Map<?, ?>) v).get("prefix") instanceof String) {
                    logPrefix = Optional.of((String) ((Map<?, ?>) v).get("prefix"));
                }
            }
            case "accept" -> verdict = new Target.Accept();
            case "drop" -> verdict = new Target.Drop();
            case "return" -> verdict = new Target.Return();
            case "continue" -> verdict = new Target.None();
            case "jump", "goto" -> verdict = jump(kind, v);
            case "reject" -> {
                verdict = reject(v);
                rejectImplies(v);
            }
            case "queue", "fwd", "synproxy" -> verdict = new Target.Other(kind, List.of(json));
            case "vmap" -> {
                Map<String, Object> m = NftJsonValues.map(v, "vmap");
                NftJsonLookups.Lowered l = lookups.map(m.get("key"), m.get("data"), this::mapVerdict, "vmap");
                if (l == null) {
                    verdict = new Target.Other("vmap", List.of(json));
                } else {
                    addImplied(l.dependencies);
                    verdict = l.target;
                }
            }
            case "dnat", "snat", "masquerade", "redirect" -> verdict = NftJsonNat.target(kind, v, lookups, table.family, json, this::addImplied);
            case "notrack" -> notrack = true;
            case "tproxy" -> tproxy = new Target.Other("TPROXY", List.of(json));
            case "mangle" -> {
                Object key = NftJsonValues.map(v, "mangle").get("key");
                impliedBy(key);
                effect(mangleName(key), json);
            }
            case "ct helper", "ct timeout", "ct expectation" -> effect("CT", json);
            case "secmark" -> effect("SECMARK", json);
            case "dup" -> effect("TEE", json);
            case "flow" -> effect("FLOWOFFLOAD", json);
            case "set", "map", "meter" -> setStatement(kind, NftJsonValues.map(v, kind), json);
            case "limit" -> matches.add(limit(v));
            case "quota" -> matches.add(quota(v));
            case "ct count" -> matches.add(ctCount(v));
            case "last" -> {
            }
            case "xt" -> xt(NftJsonValues.map(v, "xt"));
            default -> matches.add(new Match.Other(kind, json));
        }
    }

    private void addImplied(List<Match> deps) {
        for (Match m : deps) {
            if (!matches.contains(m)) {
                matches.add(m);
            }
        }
    }

    /** The matches the kernel puts in front of an expression a statement uses ({@code update @s { ip saddr }}: IPv4 only). */
    private void impliedBy(Object expression) {
        NftJsonKeys.Key k = expression == null ? null : NftJsonKeys.of(NftJsonValues.unwrap(expression), table.family);
        if (k != null) {
            addImplied(k.dependencies);
        }
    }

    /** {@code reject with icmp …} only acts on IPv4 (icmpv6: IPv6), {@code with tcp reset} only on TCP. */
    private void rejectImplies(Object v) {
        Object type = v instanceof Map ? ((Map<?, ?>) v).get("type") : null;
        if ("icmp".equals(type) && table.family != dev.bulwark.firewall.parse.Family.IPV4) {
            addImplied(List.of(new Match.Meta("nfproto", false, List.of("ipv4"))));
        } else if ("icmpv6".equals(type) && table.family != dev.bulwark.firewall.parse.Family.IPV6) {
            addImplied(List.of(new Match.Meta("nfproto", false, List.of("ipv6"))));
        } else if ("tcp reset".equals(type)) {
            addImplied(List.of(new Match.Proto(false, "tcp")));
        }
    }

    private Target jump(String kind, Object v) {
        String to = NftJsonValues.string(NftJsonValues.map(v, kind).get("target"), "target");
        if (!table.chains.containsKey(to)) {
            throw new IllegalArgumentException(kind + " to chain '" + to + "' which is not in table "
                    + table.family.wireName() + " " + table.name);
        }
        return kind.equals("jump") ? new Target.Jump(to) : new Target.Goto(to);
    }

    private static Target reject(Object v) {
        if (!(v instanceof Map)) {
            return new Target.Reject(Optional.empty());
        }
        Map<?, ?> m = (Map<?, ?>) v;
        if (m.get("expr") instanceof String) {
            return new Target.Reject(Optional.of((String) m.get("expr")));
        }
        return new Target.Reject(m.get("type") instanceof String ? Optional.of((String) m.get("type")) : Optional.empty());
    }

    /** The verdict of a verdict map element. */
    private Target mapVerdict(Object v) {
        String kind = NftJsonValues.kind(v);
        return switch (kind) {
            case "accept" -> new Target.Accept();
            case "drop" -> new Target.Drop();
            case "return" -> new Target.Return();
            case "continue" -> new Target.None();
            case "jump", "goto" -> jump(kind, NftJsonValues.body(v));
            default -> throw new IllegalArgumentException("verdict map value " + JsonWriter.write(v) + " is not a verdict");
        };
    }

    private void effect(String name, String json) {
        if (sideEffect == null) {
            sideEffect = new Target.Other(name, List.of(json));
        }
        sideEffects.add(json);
    }

    /** The iptables target that changes the same thing, so the analysis knows evaluation goes on. */
    private static String mangleName(Object key) {
        String text = NftJsonText.expr(key);
        return switch (text) {
            case "meta mark" -> "MARK";
            case "ct mark" -> "CONNMARK";
            case "meta priority" -> "CLASSIFY";
            case "meta nftrace" -> "TRACE";
            case "meta secmark" -> "SECMARK";
            case "ct secmark" -> "CONNSECMARK";
            case "ip dscp", "ip6 dscp" -> "DSCP";
            case "ip ttl" -> "TTL";
            case "ip6 hoplimit" -> "HL";
            case "tcp option maxseg size" -> "TCPMSS";
            default -> text.startsWith("ct ") ? "CT" : text.startsWith("meta ") ? "META" : "PAYLOAD";
        };
    }

    /** {@code add @s { … }}, {@code update @s { … limit … }}, {@code meter}: the set fills; a limit in it is a condition. */
    private void setStatement(String kind, Map<String, Object> m, String json) {
        Object stmt = m.get("stmt");
        String name = m.get("set") instanceof String ? ((String) m.get("set")).replaceFirst("^@", "")
                : m.get("map") instanceof String ? ((String) m.get("map")).replaceFirst("^@", "")
                : m.get("name") instanceof String ? (String) m.get("name") : kind;
        impliedBy(kind.equals("meter") ? m.get("key") : m.get("elem"));
        for (Object s : stmt instanceof List ? (List<?>) stmt : stmt == null ? List.of() : List.of(stmt)) {
            String k = NftJsonValues.kind(s);
            if (k.equals("limit")) {
                Match.Limit l = (Match.Limit) limit(NftJsonValues.body(s));
                matches.add(new Match.HashLimit(name, l.rate(), l.negated(), List.of(json)));
            } else if (k.equals("quota")) {
                matches.add(quota(NftJsonValues.body(s)));
            } else if (k.equals("ct count")) {
                matches.add(ctCount(NftJsonValues.body(s)));
            } else if (!k.equals("counter") && !k.equals("last")) {
                matches.add(new Match.Other(kind, json));
            }
        }
        effect("SET", json);
    }

    private Match limit(Object v) {
        if (v instanceof String) {
            Map<String, Object> o = table.objects.get("limit " + v);
            if (o == null) {
                throw new IllegalArgumentException("limit '" + v + "' is not declared in table " + table.family.wireName() + " " + table.name);
            }
            v = o;
        }
        Map<String, Object> m = NftJsonValues.map(v, "limit");
        String unit = m.get("rate_unit") instanceof String && !"packets".equals(m.get("rate_unit")) ? " " + m.get("rate_unit") : "";
        String rate = NftJsonText.expr(m.get("rate")) + unit + "/" + NftJsonValues.string(m.get("per"), "per");
        int burst = m.containsKey("burst") ? NftJsonValues.integer(m.get("burst"), "burst", 0, Integer.MAX_VALUE) : 5;
        return new Match.Limit(Boolean.TRUE.equals(m.get("inv")), rate, burst);
    }

    /** {@code ct count over 10}: how many connections the flow has; not known statically. */
    private static Match ctCount(Object v) {
        Map<String, Object> c = NftJsonValues.map(v, "ct count");
        return new Match.Meta("ct count", false,
                List.of((Boolean.TRUE.equals(c.get("inv")) ? "over " : "until ") + NftJsonText.expr(c.get("val"))));
    }

    private Match quota(Object v) {
        if (v instanceof String) {
            Map<String, Object> o = table.objects.get("quota " + v);
            if (o == null) {
                throw new IllegalArgumentException("quota '" + v + "' is not declared in table " + table.family.wireName() + " " + table.name);
            }
            return new Match.Meta("quota", Boolean.TRUE.equals(o.get("inv")), List.of(NftJsonText.expr(o.get("bytes")) + " bytes"));
        }
        Map<String, Object> m = NftJsonValues.map(v, "quota");
        String unit = m.get("val_unit") instanceof String ? (String) m.get("val_unit") : "bytes";
        return new Match.Meta("quota", Boolean.TRUE.equals(m.get("inv")), List.of(NftJsonText.expr(m.get("val")) + " " + unit));
    }

    private void xt(Map<String, Object> v) {
        String type = String.valueOf(v.get("type"));
        String name = String.valueOf(v.get("name"));
        if (type.equals("target")) {
            if (name.equals("LOG") || name.equals("NFLOG")) {
                logged = true;
            } else {
                verdict = new Target.Other(name, List.of("(iptables-nft xt target: nft -j does not show its arguments)"));
            }
        } else {
            matches.add(new Match.Other(name, "xt match " + name + " (iptables-nft: nft -j does not show its arguments)"));
        }
    }
}
