package dev.bulwark.firewall.parse.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes expressions and set elements of libnftables' JSON model in nft(8) syntax
 * ({@code ip saddr . tcp dport}, {@code 10.0.0.0/8 . 22}, {@code 22 : accept}), for the names and
 * values the ruleset model keeps as written. What it does not know comes out as compact JSON. Not API.
 */
final class NftJsonText {

    /** Meta keys nft prints without the {@code meta} keyword. */
    private static final Set<String> BARE_META = Set.of("iif", "iifname", "oif", "oifname", "iifgroup", "oifgroup");

    private NftJsonText() {
    }

    /** An expression or value. */
    static String expr(Object v) {
        StringBuilder b = new StringBuilder();
        expr(v, b);
        return b.toString();
    }

    /** A set or map element: {@code key} or {@code key : value}. */
    static String element(Object e) {
        Object u = NftJsonValues.unwrap(e);
        if (u instanceof List && ((List<?>) u).size() == 2) {
            List<?> pair = (List<?>) u;
            return expr(NftJsonValues.unwrap(pair.get(0))) + " : " + expr(pair.get(1));
        }
        return expr(u);
    }

    private static void expr(Object v, StringBuilder b) {
        if (v instanceof String) {
            b.append((String) v);
        } else if (v instanceof BigDecimal) {
            b.append(JsonWriter.number((BigDecimal) v));
        } else if (v instanceof Boolean) {
            b.append((Boolean) v ? "exists" : "missing");
        } else if (v instanceof List) {
            join((List<?>) v, ",", b);
        } else if (v instanceof Map && ((Map<?, ?>) v).size() == 1) {
            String kind = NftJsonValues.kind(v);
            Object body = NftJsonValues.body(v);
            if (!known(kind, body, b)) {
                b.append(JsonWriter.write(v));
            }
        } else {
            b.append(JsonWriter.write(v));
        }
    }

    private static boolean known(String kind, Object body, StringBuilder b) {
        Map<?, ?> m = body instanceof Map ? (Map<?, ?>) body : Map.of();
        switch (kind) {
            case "payload" -> {
                if (m.get("protocol") instanceof String && m.get("field") instanceof String) {
                    b.append(m.get("protocol")).append(' ').append(m.get("field"));
                } else if (m.get("base") instanceof String) {
                    b.append('@').append(m.get("base")).append(',').append(expr(m.get("offset"))).append(',')
                            .append(expr(m.get("len")));
                } else {
                    return false;
                }
            }
            case "meta" -> {
                if (!(m.get("key") instanceof String)) {
                    return false;
                }
                b.append(BARE_META.contains(m.get("key")) ? "" : "meta ").append(m.get("key"));
            }
            case "ct" -> {
                if (!(m.get("key") instanceof String)) {
                    return false;
                }
                b.append("ct ");
                if (m.get("dir") instanceof String) {
                    b.append(m.get("dir")).append(' ');
                }
                b.append(m.get("key"));
            }
            case "fib" -> {
                b.append("fib ");
                Object flags = m.get("flags");
                join(flags instanceof List ? (List<?>) flags : flags == null ? List.of() : List.of(flags), " . ", b);
                b.append(' ').append(expr(m.get("result")));
            }
            case "concat" -> {
                if (!(body instanceof List)) {
                    return false;
                }
                join((List<?>) body, " . ", b);
            }
            case "set" -> {
                if (!(body instanceof List)) {
                    return false;
                }
                b.append("{ ");
                List<?> l = (List<?>) body;
                for (int i = 0; i < l.size(); i++) {
                    b.append(i > 0 ? ", " : "").append(element(l.get(i)));
                }
                b.append(" }");
            }
            case "prefix" -> b.append(expr(m.get("addr"))).append('/').append(expr(m.get("len")));
            case "range" -> {
                if (!(body instanceof List) || ((List<?>) body).size() != 2) {
                    return false;
                }
                b.append(expr(((List<?>) body).get(0))).append('-').append(expr(((List<?>) body).get(1)));
            }
            case "elem" -> b.append(expr(m.get("val")));
            case "&", "|", "^", "<<", ">>" -> {
                if (!(body instanceof List) || ((List<?>) body).size() != 2) {
                    return false;
                }
                List<?> l = (List<?>) body;
                b.append(expr(l.get(0))).append(' ').append(kind).append(' ');
                b.append(l.get(1) instanceof List ? "(" + String.join("|", strings((List<?>) l.get(1))) + ")" : expr(l.get(1)));
            }
            case "map" -> b.append(expr(m.get("key"))).append(" map ").append(expr(m.get("data")));
            case "accept", "drop", "continue", "return" -> b.append(kind);
            case "jump", "goto" -> b.append(kind).append(' ').append(expr(m.get("target")));
            case "tcp option" -> b.append("tcp option ").append(expr(m.get("name"))).append(' ').append(expr(m.get("field")));
            case "socket", "rt" -> {
                b.append(kind).append(' ');
                if (m.get("family") instanceof String) {
                    b.append(m.get("family")).append(' ');
                }
                b.append(expr(m.get("key")));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static List<String> strings(List<?> l) {
        return l.stream().map(NftJsonText::expr).collect(java.util.stream.Collectors.toList());
    }

    private static void join(List<?> l, String sep, StringBuilder b) {
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                b.append(sep);
            }
            expr(l.get(i), b);
        }
    }
}
