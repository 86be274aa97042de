package dev.bulwark.firewall.parse.internal;

import static dev.bulwark.firewall.parse.internal.NftExprText.obj;

import dev.bulwark.firewall.parse.internal.NftTokenizer.Kind;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of nft text that have options of their own, built as {@code nft -j} prints
 * them: {@code counter} values, {@code limit}, {@code quota}, {@code log}, {@code reject} (with the
 * family's default code), {@code dnat}/{@code snat}/{@code masquerade}/{@code redirect},
 * {@code queue}, {@code tproxy}, {@code synproxy}, {@code dup} and {@code fwd}. Not API.
 */
final class NftStatementText {

    private static final Set<String> NAT_FLAGS = Set.of("random", "persistent", "fully-random", "netmap");

    private final NftCursor c;
    private final String family;

    NftStatementText(NftCursor c, String family) {
        this.c = c;
        this.family = family;
    }

    /** A value on the right of {@code to}, {@code num}, {@code name}: an expression (with a map) or a constant. */
    private Object value() {
        if (NftExprText.startsExpression(c)) {
            return NftExprText.exprOrMap(c);
        }
        return NftExprText.constant(c, false);
    }

    /** {@code packets N bytes M}, or nothing ({@code nft -s}): the counter's JSON value. */
    static Object counterValues(NftCursor c) {
        if (c.accept("packets")) {
            Object packets = NftExprText.constant(c, false);
            c.expect("bytes");
            return obj("packets", packets, "bytes", NftExprText.constant(c, false));
        }
        return Json.NULL;
    }

    Map<String, Object> limit() {
        c.expect("rate");
        boolean over = c.accept("over");
        Tok r = c.peek();
        String rate = NftExprText.word(c, "a rate");
        Map<String, Object> o = new LinkedHashMap<>();
        int slash = rate.indexOf('/');
        if (slash > 0) {
            o.put("rate", number(r, rate.substring(0, slash)));
            o.put("burst", BigDecimal.valueOf(5));
            o.put("per", rate.substring(slash + 1));
        } else {
            o.put("rate", number(r, rate));
            Tok u = c.peek();
            String unit = NftExprText.word(c, "a unit such as mbytes/second");
            int s = unit.indexOf('/');
            if (s <= 0) {
                throw c.error(u, "expected a unit such as mbytes/second, found '" + unit + "'");
            }
            o.put("burst", BigDecimal.ZERO);
            o.put("per", unit.substring(s + 1));
            o.put("rate_unit", unit.substring(0, s));
            o.put("burst_unit", "bytes");
        }
        if (c.accept("burst")) {
            Tok b = c.peek();
            o.put("burst", number(b, NftExprText.word(c, "a burst")));
            String unit = NftExprText.word(c, "packets or a byte unit");
            if (!unit.equals("packets")) {
                o.put("burst_unit", unit);
            }
        }
        if (over) {
            o.put("inv", Boolean.TRUE);
        }
        return o;
    }

    private BigDecimal number(Tok at, String w) {
        Object n = NftExprText.scalar(w);
        if (!(n instanceof BigDecimal)) {
            throw c.error(at, "expected a number, found '" + w + "'");
        }
        return (BigDecimal) n;
    }

    Map<String, Object> quota() {
        Map<String, Object> o = new LinkedHashMap<>();
        boolean over = c.accept("over");
        Tok n = c.peek();
        o.put("val", number(n, NftExprText.word(c, "a quota")));
        o.put("val_unit", NftExprText.word(c, "a byte unit"));
        if (over) {
            o.put("inv", Boolean.TRUE);
        }
        if (c.accept("used")) {
            Tok u = c.peek();
            o.put("used", number(u, NftExprText.word(c, "a quota")));
            o.put("used_unit", NftExprText.word(c, "a byte unit"));
        }
        return o;
    }

    Object log() {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> flags = new ArrayList<>();
        while (true) {
            if (c.accept("prefix")) {
                o.put("prefix", NftExprText.string(c));
            } else if (c.accept("level")) {
                o.put("level", NftExprText.word(c, "a log level"));
            } else if (c.accept("group")) {
                o.put("group", NftExprText.constant(c, false));
            } else if (c.accept("snaplen")) {
                o.put("snaplen", NftExprText.constant(c, false));
            } else if (c.accept("queue-threshold")) {
                o.put("queue-threshold", NftExprText.constant(c, false));
            } else if (c.accept("flags")) {
                String first = NftExprText.word(c, "log flags");
                if (first.equals("tcp") || first.equals("ip")) {
                    Object opts = NftExprText.constant(c, false);
                    for (Object f : opts instanceof List ? (List<?>) opts : List.of(opts)) {
                        flags.add(first + " " + f);
                    }
                } else {
                    flags.add(first);
                }
            } else {
                break;
            }
        }
        if (!flags.isEmpty()) {
            o.put("flags", flags.size() == 1 ? flags.get(0) : flags);
        }
        return o.isEmpty() ? Json.NULL : o;
    }

    Object reject() {
        if (!c.accept("with")) {
            return switch (family) {
                case "ip" -> obj("type", "icmp", "expr", "port-unreachable");
                case "ip6" -> obj("type", "icmpv6", "expr", "port-unreachable");
                default -> obj("type", "icmpx", "expr", "port-unreachable");
            };
        }
        Tok t = c.peek();
        String type = NftExprText.word(c, "icmp, icmpv6, icmpx or tcp");
        if (type.equals("tcp")) {
            c.expect("reset");
            return obj("type", "tcp reset");
        }
        if (!type.equals("icmp") && !type.equals("icmpv6") && !type.equals("icmpx")) {
            throw c.error(t, "expected icmp, icmpv6, icmpx or tcp after 'reject with', found '" + type + "'");
        }
        c.accept("type");
        return obj("type", type, "expr", NftExprText.constant(c, false));
    }

    Object nat(String kind) {
        Map<String, Object> o = new LinkedHashMap<>();
        if ((c.peek().is("ip") || c.peek().is("ip6")) && (kind.equals("dnat") || kind.equals("snat"))
                && (c.peek(1).is("to") || c.peek(1).is("addr") || c.peek(1).is("prefix"))) {
            o.put("family", c.next().text());
        }
        boolean prefix = c.accept("prefix");
        if (prefix) {
            o.put("type_flags", "prefix");
        }
        if (c.accept("to")) {
            if (NftExprText.startsExpression(c)) {
                o.put("addr", NftExprText.exprOrMap(c));
            } else {
                Tok t = c.peek();
                if (t.kind() != Kind.WORD) {
                    throw c.error(t, "expected an address or port after 'to', found " + NftCursor.describe(t));
                }
                c.next();
                o.putAll(addressAndPort(t));
            }
        }
        List<Object> flags = new ArrayList<>();
        if (prefix) {
            flags.add("netmap");
        }
        while (c.peek().isWord() && NAT_FLAGS.contains(c.peek().text())) {
            Object f = NftExprText.constant(c, false);
            if (f instanceof List) {
                flags.addAll((List<?>) f);
            } else {
                flags.add(f);
            }
        }
        if (!flags.isEmpty()) {
            o.put("flags", flags.size() == 1 ? flags.get(0) : flags);
        }
        return o.isEmpty() ? Json.NULL : o;
    }

    Object queue() {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> flags = new ArrayList<>();
        while (true) {
            if (c.accept("num")) {
                o.put("num", value());
            } else if (c.accept("flags")) {
                Object f = NftExprText.constant(c, false);
                flags.addAll(f instanceof List ? (List<?>) f : List.of(f));
            } else if (c.peek().is("bypass") || c.peek().is("fanout")) {
                Object f = NftExprText.constant(c, false);
                flags.addAll(f instanceof List ? (List<?>) f : List.of(f));
            } else {
                break;
            }
        }
        if (!flags.isEmpty()) {
            o.put("flags", flags.size() == 1 ? flags.get(0) : flags);
        }
        return o.isEmpty() ? Json.NULL : o;
    }

    /**
     * The address and port of a NAT or tproxy target word; with {@code nft -S} the port is a quoted
     * service name after the colon ({@code :"http"}, {@code 10.0.0.5:"http-alt"}).
     */
    private Map<String, Object> addressAndPort(Tok t) {
        String w = t.text();
        if (w.endsWith(":") && c.peek().kind() == Kind.STRING) {
            String service = c.next().text();
            String address = w.substring(0, w.length() - 1);
            Map<String, Object> o = address.isEmpty() ? new LinkedHashMap<>() : addressAndPort(address, t);
            o.put("port", service);
            return o;
        }
        return addressAndPort(w, t);
    }

    /** {@code 10.0.0.1:80}, {@code [fd00::1]:80}, {@code :80}, {@code 10.0.0.1-10.0.0.9}: the {@code addr} and {@code port}. */
    private Map<String, Object> addressAndPort(String w, Tok t) {
        String addr = w;
        String port = null;
        if (w.startsWith("[")) {
            int close = w.indexOf(']');
            if (close < 0) {
                throw c.error(t, "unclosed '[' in '" + w + "'");
            }
            addr = w.substring(1, close);
            String rest = w.substring(close + 1);
            port = rest.startsWith(":") ? rest.substring(1) : null;
        } else if (w.startsWith(":")) {
            addr = null;
            port = w.substring(1);
        } else if (w.indexOf(':') > 0 && w.indexOf(':') == w.lastIndexOf(':')) {
            addr = w.substring(0, w.indexOf(':'));
            port = w.substring(w.indexOf(':') + 1);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        if (addr != null) {
            o.put("addr", NftExprText.scalar(addr));
        }
        if (port != null) {
            o.put("port", NftExprText.scalar(port));
        }
        return o;
    }

    /** {@code tproxy [ip|ip6] to [ADDR][:PORT]}. */
    Object tproxy() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (c.peek().is("ip") || c.peek().is("ip6")) {
            o.put("family", c.next().text());
        }
        c.expect("to");
        Tok t = c.peek();
        if (t.kind() != Kind.WORD) {
            throw c.error(t, "expected an address or port after 'to', found " + NftCursor.describe(t));
        }
        c.next();
        o.putAll(addressAndPort(t));
        return o;
    }

    /** {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]}, or {@code synproxy name X}. */
    Object synproxy() {
        if (c.accept("name")) {
            return value();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> flags = new ArrayList<>();
        while (true) {
            if (c.accept("mss")) {
                o.put("mss", NftExprText.constant(c, false));
            } else if (c.accept("wscale")) {
                o.put("wscale", NftExprText.constant(c, false));
            } else if (c.peek().is("timestamp") || c.peek().is("sack-perm")) {
                flags.add(c.next().text());
            } else {
                break;
            }
        }
        if (!flags.isEmpty()) {
            o.put("flags", flags);
        }
        return o.isEmpty() ? Json.NULL : o;
    }

    /** {@code dup to ADDR [device DEV]} and {@code fwd [ip|ip6] to ADDR|DEV [device DEV]}. */
    Object dup(boolean fwd) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (c.peek().is("ip") || c.peek().is("ip6")) {
            o.put("family", c.next().text());
        }
        c.expect("to");
        Object target = value();
        if (c.accept("device")) {
            o.put("addr", target);
            o.put("dev", value());
        } else {
            o.put(fwd && !o.containsKey("family") ? "dev" : "addr", target);
        }
        return o;
    }
}
