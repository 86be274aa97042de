package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one rule of {@code nft list ruleset} text: the expressions firewalls use and the verdicts;
 * an expression it does not know is kept verbatim as a {@link Match.Other} up to the next one it
 * knows. Not API.
 */
final class NftRuleText {

    private static final Set<String> STARTERS = Set.of("ip", "ip6", "tcp", "udp", "sctp", "th", "meta", "iifname",
            "oifname", "ct", "counter", "log", "limit", "comment", "accept", "drop", "return", "reject", "jump", "goto",
            "dnat", "snat", "masquerade", "redirect", "fib", "icmp", "icmpv6");

    private final String source;
    private final List<NftTokenizer.Tok> t;
    private final Map<String, List<String>> sets;
    private final Set<String> chains;
    private int i;
    private final List<Match> matches = new ArrayList<>();
    private Target target = new Target.None();
    private boolean logged;
    private Optional<String> logPrefix = Optional.empty();

    private NftRuleText(String source, List<NftTokenizer.Tok> t, Map<String, List<String>> sets, Set<String> chains) {
        this.source = source;
        this.t = t;
        this.sets = sets;
        this.chains = chains;
    }

    static Rule parse(String source, List<NftTokenizer.Tok> tokens, Map<String, List<String>> sets, Set<String> chains) {
        NftRuleText r = new NftRuleText(source, tokens, sets, chains);
        r.run();
        Target target = r.target instanceof Target.None && r.logged ? new Target.Log(r.logPrefix) : r.target;
        NftTokenizer.Tok first = tokens.get(0);
        return new Rule(new Position(source, first.line(), first.column()), r.matches, target, Optional.empty(), text(tokens));
    }

    static String text(List<NftTokenizer.Tok> tokens) {
        StringBuilder b = new StringBuilder();
        for (NftTokenizer.Tok k : tokens) {
            if (b.length() > 0 && !k.is(",") && !b.toString().endsWith("{ ") || k.is("{")) {
                b.append(b.length() > 0 && !k.is(",") ? " " : "");
            }
            b.append(k.quoted() ? "\"" + k.text() + "\"" : k.text());
        }
        return b.toString().replace(" ,", ",");
    }

    private ParseException error(String reason) {
        NftTokenizer.Tok k = t.get(Math.min(i, t.size() - 1));
        return new ParseException(new Position(source, k.line(), k.column()), reason, text(t));
    }

    private String word() {
        if (i >= t.size()) {
            throw error("rule ends too early");
        }
        return t.get(i++).text();
    }

    private boolean negation() {
        if (i < t.size() && t.get(i).is("!=")) {
            i++;
            return true;
        }
        if (i < t.size() && t.get(i).is("==")) {
            i++;
        }
        return false;
    }

    /** One value or a {@code { a, b }} set, as words. */
    private List<String> values() {
        if (i < t.size() && t.get(i).is("{")) {
            i++;
            List<String> out = new ArrayList<>();
            while (i < t.size() && !t.get(i).is("}")) {
                NftTokenizer.Tok k = t.get(i++);
                if (!k.is(",")) {
                    out.add(k.text());
                }
            }
            if (i >= t.size()) {
                throw error("unclosed '{'");
            }
            i++;
            return out;
        }
        List<String> out = new ArrayList<>(List.of(word()));
        while (i + 1 < t.size() && t.get(i).is(",")) {
            i++;
            out.add(word());
        }
        return out;
    }

    private void run() {
        while (i < t.size()) {
            int start = i;
            String w = word();
            try {
                if (!statement(w)) {
                    i = start;
                    other();
                }
            } catch (IllegalArgumentException e) {
                if (e instanceof ParseException && ((ParseException) e).position().source().equals(source)) {
                    throw e;
                }
                i = start;
                throw error(e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage());
            }
        }
    }

    private void other() {
        int start = i;
        i++;
        while (i < t.size() && !STARTERS.contains(t.get(i).text())) {
            i++;
        }
        String text = text(t.subList(start, i));
        matches.add(new Match.Other(t.get(start).text(), text));
    }

    private boolean statement(String w) {
        switch (w) {
            case "ip", "ip6" -> {
                String field = word();
                boolean neg = negation();
                if (field.equals("saddr") || field.equals("daddr")) {
                    addresses(field.equals("saddr") ? Match.Side.SOURCE : Match.Side.DESTINATION, neg);
                } else if (field.equals("protocol") || field.equals("nexthdr")) {
                    matches.add(new Match.Proto(neg, values()));
                } else {
                    return false;
                }
            }
            case "tcp", "udp", "sctp", "th" -> {
                String field = word();
                if (!field.equals("dport") && !field.equals("sport")) {
                    return false;
                }
                boolean neg = negation();
                if (!w.equals("th")) {
                    matches.add(new Match.Proto(false, w));
                }
                List<PortRange> ports = new ArrayList<>();
                for (String v : values()) {
                    int dash = v.indexOf('-');
                    ports.add(dash < 0 ? PortRange.of(Integer.parseInt(v))
                            : PortRange.of(Integer.parseInt(v.substring(0, dash)), Integer.parseInt(v.substring(dash + 1))));
                }
                matches.add(new Match.Ports(field.equals("dport") ? Match.Side.DESTINATION : Match.Side.SOURCE, neg, ports));
            }
            case "meta" -> {
                String key = word();
                if (key.equals("l4proto")) {
                    boolean neg = negation();
                    matches.add(new Match.Proto(neg, values()));
                } else if (key.equals("iifname") || key.equals("oifname")) {
                    return iface(key);
                } else {
                    return false;
                }
            }
            case "iifname", "oifname" -> {
                return iface(w);
            }
            case "fib" -> {
                String field = word();
                if (!(field.equals("daddr") || field.equals("saddr")) || !word().equals("type")) {
                    return false;
                }
                boolean neg = negation();
                Set<String> types = new java.util.LinkedHashSet<>();
                for (String v : values()) {
                    types.add(v.toUpperCase(java.util.Locale.ROOT));
                }
                matches.add(new Match.AddrType(field.equals("daddr") ? Match.Side.DESTINATION : Match.Side.SOURCE, neg, types));
            }
            case "icmp", "icmpv6" -> {
                if (!word().equals("type")) {
                    return false;
                }
                boolean neg = negation();
                List<String> types = values();
                if (types.size() != 1) {
                    return false;
                }
                matches.add(new Match.Icmp(neg, types.get(0)));
            }
            case "ct" -> {
                if (!word().equals("state")) {
                    return false;
                }
                boolean neg = negation();
                Set<Match.CtState> states = EnumSet.noneOf(Match.CtState.class);
                for (String v : values()) {
                    for (String s : v.split(",")) {
                        states.add(Match.CtState.of(s));
                    }
                }
                matches.add(new Match.State(neg, states));
            }
            case "counter" -> {
                while (i + 1 < t.size() && (t.get(i).is("packets") || t.get(i).is("bytes"))) {
                    i += 2;
                }
            }
            case "log" -> {
                logged = true;
                while (i < t.size() && List.of("prefix", "level", "group", "snaplen", "queue-threshold", "flags").contains(t.get(i).text())) {
                    String opt = word();
                    String v = word();
                    if (opt.equals("prefix")) {
                        logPrefix = Optional.of(v);
                    }
                }
            }
            case "limit" -> {
                if (!word().equals("rate")) {
                    return false;
                }
                boolean over = i < t.size() && t.get(i).is("over");
                if (over) {
                    i++;
                }
                String rate = word();
                int burst = 5;
                if (i + 1 < t.size() && t.get(i).is("burst")) {
                    i++;
                    burst = Integer.parseInt(word());
                    if (i < t.size() && (t.get(i).is("packets") || t.get(i).is("bytes"))) {
                        i++;
                    }
                }
                matches.add(new Match.Limit(over, rate, burst));
            }
            case "comment" -> matches.add(new Match.Comment(word()));
            case "accept" -> target = new Target.Accept();
            case "drop" -> target = new Target.Drop();
            case "return" -> target = new Target.Return();
            case "reject" -> {
                Optional<String> with = Optional.empty();
                if (i < t.size() && t.get(i).is("with")) {
                    i++;
                    List<String> words = new ArrayList<>(List.of(word()));
                    while (i < t.size() && !STARTERS.contains(t.get(i).text())) {
                        words.add(word());
                    }
                    words.remove("type");
                    boolean icmp = words.size() > 1 && List.of("icmp", "icmpv6", "icmpx").contains(words.get(0));
                    with = Optional.of(icmp ? words.get(words.size() - 1) : String.join(" ", words));
                }
                target = new Target.Reject(with);
            }
            case "jump", "goto" -> {
                String chain = word();
                if (!chains.contains(chain)) {
                    throw new IllegalArgumentException(w + " to chain '" + chain + "' which is not in the table");
                }
                target = w.equals("jump") ? new Target.Jump(chain) : new Target.Goto(chain);
            }
            case "dnat", "snat", "masquerade", "redirect" -> {
                StringBuilder to = new StringBuilder();
                while (i < t.size() && !STARTERS.contains(t.get(i).text())) {
                    String v = word();
                    if (!v.equals("to") && !v.equals("ip") && !v.equals("ip6")) {
                        to.append(v);
                    }
                }
                target = new Target.Nat(w.toUpperCase(java.util.Locale.ROOT),
                        to.length() == 0 ? Optional.empty() : Optional.of(to.toString()));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean iface(String key) {
        boolean neg = negation();
        List<String> names = values();
        if (names.size() != 1) {
            return false;
        }
        matches.add(new Match.Iface(key.equals("iifname"), neg, names.get(0)));
        return true;
    }

    private void addresses(Match.Side side, boolean neg) {
        List<String> values = values();
        if (values.size() == 1 && values.get(0).startsWith("@")) {
            String set = values.get(0).substring(1);
            List<String> elements = sets.get(set);
            if (elements != null && !elements.isEmpty() && elements.stream().noneMatch(e -> e.contains("-"))) {
                values = elements;
            } else {
                matches.add(new Match.IpSet(neg, set, List.of(side == Match.Side.SOURCE ? "src" : "dst")));
                return;
            }
        }
        List<IpNetwork> nets = new ArrayList<>();
        for (String v : values) {
            nets.add(IpNetwork.parse(v));
        }
        matches.add(new Match.Addr(side, neg, nets));
    }
}
