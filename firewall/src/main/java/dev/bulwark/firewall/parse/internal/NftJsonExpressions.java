package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the expressions of one {@code nft -j} rule into matches and a target. What it does not
 * know is kept as the expression's JSON in a {@link Match.Other} or {@link Target.Other}. Not API.
 */
final class NftJsonExpressions {

    private final Map<String, List<Object>> sets;
    private final Set<String> chains;
    private final List<Match> matches = new ArrayList<>();
    private Target target = new Target.None();
    private Optional<String> logPrefix = Optional.empty();
    private boolean logged;

    NftJsonExpressions(Map<String, List<Object>> sets, Set<String> chains) {
        this.sets = sets;
        this.chains = chains;
    }

    List<Match> matches() {
        return matches;
    }

    Target target() {
        if (target instanceof Target.None && logged) {
            return new Target.Log(logPrefix);
        }
        return target;
    }

    void add(Map<String, Object> e) {
        String kind = e.size() == 1 ? e.keySet().iterator().next() : "";
        Object v = e.get(kind);
        try {
            switch (kind) {
                case "match" -> match(NftJsonReader.Values.map(v, "match"));
                case "counter" -> {
                }
                case "log" -> {
                    logged = true;
                    if (v instanceof Map && ((Map<?, ?>) v).get("prefix") instanceof String) {
                        logPrefix = Optional.of((String) ((Map<?, ?>) v).get("prefix"));
                    }
                }
                case "accept" -> target = new Target.Accept();
                case "drop" -> target = new Target.Drop();
                case "return" -> target = new Target.Return();
                case "reject" -> target = new Target.Reject(v instanceof Map && ((Map<?, ?>) v).get("expr") instanceof String
                        ? Optional.of((String) ((Map<?, ?>) v).get("expr")) : Optional.empty());
                case "jump", "goto" -> {
                    String to = NftJsonReader.Values.string(NftJsonReader.Values.map(v, kind).get("target"), "target");
                    if (!chains.contains(to)) {
                        throw new IllegalArgumentException(kind + " to chain '" + to + "' which is not in the table");
                    }
                    target = kind.equals("jump") ? new Target.Jump(to) : new Target.Goto(to);
                }
                case "dnat", "snat", "redirect", "masquerade" -> target = new Target.Nat(kind.toUpperCase(java.util.Locale.ROOT),
                        v instanceof Map ? Optional.of(natTo((Map<?, ?>) v)) : Optional.empty());
                case "limit" -> matches.add(limit(NftJsonReader.Values.map(v, "limit")));
                case "xt" -> xt(NftJsonReader.Values.map(v, "xt"));
                default -> matches.add(new Match.Other(kind, JsonWriter.write(e)));
            }
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException ex) {
            if (kind.equals("jump") || kind.equals("goto")) {
                throw ex;
            }
            matches.add(new Match.Other(kind, JsonWriter.write(e)));
        }
    }

    private static String natTo(Map<?, ?> v) {
        Object addr = v.get("addr");
        Object port = v.get("port");
        return (addr == null ? "" : JsonWriter.write(addr).replace("\"", "")) + (port == null ? "" : ":" + JsonWriter.write(port));
    }

    private Match limit(Map<String, Object> v) {
        String rate = NftJsonReader.Values.number(v.get("rate"), "rate").toPlainString() + "/"
                + NftJsonReader.Values.string(v.get("per"), "per");
        int burst = v.containsKey("burst") ? NftJsonReader.Values.number(v.get("burst"), "burst").intValueExact() : 5;
        return new Match.Limit(Boolean.TRUE.equals(v.get("inv")), rate, burst);
    }

    private void xt(Map<String, Object> v) {
        String type = String.valueOf(v.get("type"));
        String name = String.valueOf(v.get("name"));
        if (type.equals("target")) {
            target = name.equals("LOG") ? new Target.Log(Optional.empty())
                    : new Target.Other(name, List.of("(iptables-nft xt target: nft -j does not show its arguments)"));
        } else {
            matches.add(new Match.Other(name, "xt match " + name + " (iptables-nft: nft -j does not show its arguments)"));
        }
    }

    private void match(Map<String, Object> m) {
        String op = NftJsonReader.Values.string(m.get("op"), "op");
        boolean negated = op.equals("!=");
        if (!negated && !op.equals("==") && !op.equals("in")) {
            throw new IllegalArgumentException("operator " + op);
        }
        Map<String, Object> left = NftJsonReader.Values.map(m.get("left"), "left");
        Object right = m.get("right");
        if (left.get("payload") instanceof Map) {
            Map<?, ?> p = (Map<?, ?>) left.get("payload");
            String proto = String.valueOf(p.get("protocol"));
            String field = String.valueOf(p.get("field"));
            if ((proto.equals("ip") || proto.equals("ip6")) && (field.equals("saddr") || field.equals("daddr"))) {
                Match.Side side = field.equals("saddr") ? Match.Side.SOURCE : Match.Side.DESTINATION;
                if (right instanceof String && ((String) right).startsWith("@")) {
                    String set = ((String) right).substring(1);
                    List<IpNetwork> nets = sets.containsKey(set) ? networks(sets.get(set)) : null;
                    matches.add(nets == null || nets.isEmpty() ? new Match.IpSet(negated, set, List.of(side == Match.Side.SOURCE ? "src" : "dst"))
                            : new Match.Addr(side, negated, nets));
                } else {
                    matches.add(new Match.Addr(side, negated, networks(elements(right))));
                }
                return;
            }
            if (field.equals("dport") || field.equals("sport")) {
                if (!proto.equals("th")) {
                    matches.add(new Match.Proto(false, proto));
                }
                matches.add(new Match.Ports(field.equals("dport") ? Match.Side.DESTINATION : Match.Side.SOURCE, negated,
                        ports(elements(right))));
                return;
            }
            if (proto.equals("ip") && field.equals("protocol") || proto.equals("ip6") && field.equals("nexthdr")) {
                matches.add(new Match.Proto(negated, strings(elements(right))));
                return;
            }
        }
        if (left.get("meta") instanceof Map) {
            String key = String.valueOf(((Map<?, ?>) left.get("meta")).get("key"));
            switch (key) {
                case "l4proto" -> {
                    matches.add(new Match.Proto(negated, strings(elements(right))));
                    return;
                }
                case "iifname", "oifname" -> {
                    if (right instanceof String) {
                        matches.add(new Match.Iface(key.equals("iifname"), negated, (String) right));
                        return;
                    }
                }
                default -> {
                }
            }
        }
        if (left.get("ct") instanceof Map && "state".equals(((Map<?, ?>) left.get("ct")).get("key"))) {
            Set<Match.CtState> states = EnumSet.noneOf(Match.CtState.class);
            for (String s : strings(elements(right))) {
                states.add(Match.CtState.of(s));
            }
            matches.add(new Match.State(negated, states));
            return;
        }
        matches.add(new Match.Other("match", JsonWriter.write(Map.of("match", m))));
    }

    private static List<Object> elements(Object right) {
        if (right instanceof Map && ((Map<?, ?>) right).get("set") instanceof List) {
            return new ArrayList<>((List<?>) ((Map<?, ?>) right).get("set"));
        }
        if (right instanceof List) {
            return new ArrayList<>((List<?>) right);
        }
        return List.of(right);
    }

    private static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object o : values) {
            out.add(NftJsonReader.Values.string(o, "value"));
        }
        return out;
    }

    private static List<IpNetwork> networks(List<Object> values) {
        List<IpNetwork> out = new ArrayList<>();
        for (Object o : values) {
            if (o instanceof Map && ((Map<?, ?>) o).get("elem") instanceof Map) {
                o = ((Map<?, ?>) ((Map<?, ?>) o).get("elem")).get("val");
            }
            if (o instanceof String) {
                out.add(IpNetwork.parse((String) o));
            } else if (o instanceof Map && ((Map<?, ?>) o).get("prefix") instanceof Map) {
                Map<?, ?> p = (Map<?, ?>) ((Map<?, ?>) o).get("prefix");
                out.add(IpNetwork.parse(p.get("addr") + "/" + ((BigDecimal) p.get("len")).intValueExact()));
            } else {
                throw new IllegalArgumentException("address element " + JsonWriter.write(o));
            }
        }
        return out;
    }

    private static List<PortRange> ports(List<Object> values) {
        List<PortRange> out = new ArrayList<>();
        for (Object o : values) {
            if (o instanceof BigDecimal) {
                out.add(PortRange.of(((BigDecimal) o).intValueExact()));
            } else if (o instanceof Map && ((Map<?, ?>) o).get("range") instanceof List) {
                List<?> r = (List<?>) ((Map<?, ?>) o).get("range");
                out.add(PortRange.of(((BigDecimal) r.get(0)).intValueExact(), ((BigDecimal) r.get(1)).intValueExact()));
            } else {
                throw new IllegalArgumentException("port element " + JsonWriter.write(o));
            }
        }
        return out;
    }
}
