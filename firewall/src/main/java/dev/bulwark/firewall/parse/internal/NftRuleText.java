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
 * The statements of one rule in nft text, built as the {@code expr} list of the rule object
 * that {@code nft -j} prints: matches ({@code {"match":{"op","left","right"}}}), verdicts,
 * {@code counter}, {@code limit}, {@code quota}, {@code log}, {@code reject}, NAT, {@code notrack},
 * {@code meta/ct … set} ({@code mangle}), verdict maps, set updates, meters, object references,
 * {@code queue}, {@code dup}, {@code fwd}, {@code flow add}. Not API.
 */
final class NftRuleText {

    static final Set<String> STATEMENTS = Set.of("accept", "drop", "continue", "return", "jump", "goto", "counter",
            "limit", "quota", "log", "reject", "notrack", "masquerade", "redirect", "dnat", "snat", "comment", "meter",
            "add", "update", "delete", "queue", "dup", "fwd", "flow", "xt", "set", "vmap", "map", "tproxy", "synproxy");
    private static final Set<String> OPS = Set.of("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge");
    private static final Set<String> NAT_FLAGS = Set.of("random", "persistent", "fully-random", "netmap");

    /** A parsed rule: its statements and its comment, or null. */
    record Parsed(List<Object> expr, String comment) {
    }

    private final NftCursor c;
    private final String family;

    private NftRuleText(NftCursor c, String family) {
        this.c = c;
        this.family = family;
    }

    /** Reads statements up to the end of the rule (line end, {@code ;} or {@code }}). */
    static Parsed rule(NftCursor c, String family) {
        return new NftRuleText(c, family).rule();
    }

    private Parsed rule() {
        List<Object> expr = new ArrayList<>();
        String comment = null;
        while (!c.peek().ends()) {
            if (c.accept("comment")) {
                comment = NftExprText.string(c);
                continue;
            }
            expr.add(statement());
        }
        return new Parsed(expr, comment);
    }

    /** A verdict at the cursor ({@code accept}, {@code jump x}, …), or null when none is there. */
    static Object verdict(NftCursor c) {
        Tok t = c.peek();
        if (!t.isWord()) {
            return null;
        }
        switch (t.text()) {
            case "accept", "drop", "continue", "return" -> {
                c.next();
                return obj(t.text(), Json.NULL);
            }
            case "jump", "goto" -> {
                c.next();
                return obj(t.text(), obj("target", c.name("a chain name").text()));
            }
            default -> {
                return null;
            }
        }
    }

    private Object statement() {
        Object v = verdict(c);
        if (v != null) {
            return v;
        }
        Tok t = c.peek();
        if (!t.isWord()) {
            throw c.error(t, "expected a statement, found " + NftCursor.describe(t));
        }
        switch (t.text()) {
            case "counter":
                c.next();
                if (c.accept("name")) {
                    return obj("counter", objectRef());
                }
                return obj("counter", counterValues(c));
            case "limit":
                c.next();
                return obj("limit", limit());
            case "quota":
                c.next();
                if (c.accept("name")) {
                    return obj("quota", objectRef());
                }
                return obj("quota", quota());
            case "log":
                c.next();
                return obj("log", log());
            case "reject":
                c.next();
                return obj("reject", reject());
            case "notrack":
                c.next();
                return obj("notrack", Json.NULL);
            case "masquerade":
            case "redirect":
            case "dnat":
            case "snat":
                c.next();
                return obj(t.text(), nat(t.text()));
            case "add":
            case "update":
            case "delete":
                if (c.peek(1).isWord() && c.peek(1).text().startsWith("@")) {
                    c.next();
                    return obj("set", setStatement(t.text()));
                }
                break;
            case "meter":
                c.next();
                return obj("meter", meter());
            case "queue":
                c.next();
                return obj("queue", queue());
            case "dup":
                c.next();
                return obj("dup", dup(false));
            case "fwd":
                c.next();
                return obj("fwd", dup(true));
            case "flow":
                c.next();
                String op = NftExprText.word(c, "add or offload");
                return obj("flow", obj("op", op.equals("offload") ? "add" : op, "flowtable", NftExprText.word(c, "@flowtable")));
            case "tproxy":
                c.next();
                return obj("tproxy", tproxy());
            case "synproxy":
                c.next();
                return obj("synproxy", synproxy());
            case "xt":
                c.next();
                String type = NftExprText.word(c, "match or target");
                return obj("xt", obj("type", type, "name", NftExprText.string(c)));
            case "ct":
                Object ct = ctStatement();
                if (ct != null) {
                    return ct;
                }
                break;
            default:
                break;
        }
        if (!NftExprText.startsExpression(c)) {
            throw c.error(t, "unknown statement '" + t.text() + "'");
        }
        Object left = NftExprText.expr(c);
        if (c.accept("set")) {
            return obj("mangle", obj("key", left, "value", value()));
        }
        if (c.accept("vmap")) {
            return obj("vmap", obj("key", left, "data", NftExprText.setOrRef(c)));
        }
        return match(left);
    }

    private Object ctStatement() {
        String what = c.peek(1).text();
        if ((what.equals("helper") || what.equals("timeout") || what.equals("expectation")) && c.peek(2).is("set")) {
            c.next();
            c.next();
            c.next();
            return obj("ct " + what, value());
        }
        if (what.equals("count") && c.peek(1).isWord()) {
            c.next();
            c.next();
            Map<String, Object> o = new LinkedHashMap<>();
            boolean over = c.accept("over");
            o.put("val", NftExprText.constant(c, false));
            if (over) {
                o.put("inv", Boolean.TRUE);
            }
            return obj("ct count", o);
        }
        return null;
    }

    /** A value on the right of {@code set}, {@code to}, {@code name}: an expression (with a map) or a constant. */
    private Object value() {
        if (NftExprText.startsExpression(c)) {
            return NftExprText.exprOrMap(c);
        }
        return NftExprText.constant(c, false);
    }

    private Object objectRef() {
        return value();
    }

    private Object match(Object left) {
        String op = null;
        if (c.peek().isWord() && OPS.contains(c.peek().text())) {
            String w = c.next().text();
            op = switch (w) {
                case "eq" -> "==";
                case "ne" -> "!=";
                case "lt" -> "<";
                case "gt" -> ">";
                case "le" -> "<=";
                case "ge" -> ">=";
                default -> w;
            };
        }
        Tok at = c.peek();
        if (at.ends()) {
            throw c.error(at, "expected a value after the expression, found " + NftCursor.describe(at));
        }
        Object right = NftExprText.constant(c, false);
        if (c.accept("/")) {
            Object mask = NftExprText.constant(c, false);
            left = obj("&", new ArrayList<>(List.of(left, mask)));
            return obj("match", obj("op", op == null ? "==" : op, "left", left, "right", right));
        }
        right = times(left, realms(left, booleans(left, right)));
        if (left instanceof Map && ((Map<?, ?>) left).containsKey("&")) {
            right = NftExprText.flags(right);
        }
        if (op == null) {
            boolean lookup = right instanceof Map && ((Map<?, ?>) right).containsKey("set")
                    || right instanceof String && ((String) right).startsWith("@");
            op = bitmask(left) && !lookup ? "in" : "==";
        }
        return obj("match", obj("op", op, "left", left, "right", right));
    }

    /** {@code nft -n} prints exists/missing as 1/0; its JSON still says true/false. */
    private static Object booleans(Object left, Object right) {
        if (!(right instanceof BigDecimal) || !(left instanceof Map)) {
            return right;
        }
        Map<?, ?> l = (Map<?, ?>) left;
        boolean presence = l.containsKey("tcp option") || l.containsKey("ip option") || l.containsKey("sctp chunk")
                || l.containsKey("exthdr") && !((Map<?, ?>) l.get("exthdr")).containsKey("field")
                || l.containsKey("fib") && !"type".equals(((Map<?, ?>) l.get("fib")).get("result"))
                || l.get("meta") instanceof Map && List.of("ipsec", "secpath").contains(((Map<?, ?>) l.get("meta")).get("key"));
        if (presence && l.values().stream().noneMatch(v -> v instanceof Map && ((Map<?, ?>) v).containsKey("field"))) {
            int n = ((BigDecimal) right).signum();
            return n != 0;
        }
        return right;
    }

    /** Routing realms ({@code meta rtclassid}, {@code rt classid}) are strings in nft's JSON even when numeric. */
    private static Object realms(Object left, Object right) {
        if (right instanceof BigDecimal && left instanceof Map) {
            Map<?, ?> l = (Map<?, ?>) left;
            Object meta = l.get("meta") instanceof Map ? ((Map<?, ?>) l.get("meta")).get("key") : null;
            Object rt = l.get("rt") instanceof Map ? ((Map<?, ?>) l.get("rt")).get("key") : null;
            if ("rtclassid".equals(meta) || "classid".equals(rt)) {
                return right.toString();
            }
        }
        return right;
    }

    /** {@code ct expiration 30s}: nft's JSON says seconds. */
    private static Object times(Object left, Object right) {
        if (right instanceof String && left instanceof Map && ((Map<?, ?>) left).get("ct") instanceof Map
                && "expiration".equals(((Map<?, ?>) ((Map<?, ?>) left).get("ct")).get("key"))) {
            BigDecimal s = NftExprText.time((String) right);
            return s != null ? s : right;
        }
        return right;
    }

    /** Keys of bitmask types, whose bare match {@code ct state established} nft prints as op {@code in}. */
    private static boolean bitmask(Object left) {
        if (!(left instanceof Map)) {
            return false;
        }
        Map<?, ?> l = (Map<?, ?>) left;
        if (l.get("ct") instanceof Map) {
            Object key = ((Map<?, ?>) l.get("ct")).get("key");
            return "state".equals(key) || "status".equals(key) || "event".equals(key) || "label".equals(key);
        }
        if (l.get("payload") instanceof Map) {
            Map<?, ?> p = (Map<?, ?>) l.get("payload");
            return "flags".equals(p.get("field")) && ("tcp".equals(p.get("protocol")));
        }
        return false;
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

    private Map<String, Object> limit() {
        if (c.accept("name")) {
            throw c.error(c.peek(), "named limits are not supported");
        }
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

    private Map<String, Object> quota() {
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

    private Object log() {
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

    private Object reject() {
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

    private Object nat(String kind) {
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
                o.putAll(castMap(addressAndPort(t.text(), t)));
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

    private Object setStatement(String op) {
        String set = c.next().text();
        Tok open = c.expect("{");
        c.enter(open);
        Object elem = NftExprText.expr(c);
        if (c.accept("timeout")) {
            elem = obj("elem", obj("val", elem, "timeout", NftExprText.seconds(c)));
        }
        List<Object> stmts = new ArrayList<>();
        while (!c.peek().is("}")) {
            stmts.add(statement());
        }
        c.next();
        c.leave();
        Map<String, Object> o = obj("op", op, "elem", elem, "set", set);
        if (!stmts.isEmpty()) {
            o.put("stmt", stmts);
        }
        return o;
    }

    private Object meter() {
        String name = c.name("a meter name").text();
        Object size = null;
        if (c.accept("size")) {
            size = NftExprText.constant(c, false);
        }
        Tok open = c.expect("{");
        c.enter(open);
        Object key = NftExprText.expr(c);
        Object stmt = statement();
        c.expect("}");
        c.leave();
        Map<String, Object> o = obj("key", key, "stmt", stmt);
        if (size != null) {
            o.put("size", size);
        }
        o.put("name", name);
        return o;
    }

    private Object queue() {
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
    private Object tproxy() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (c.peek().is("ip") || c.peek().is("ip6")) {
            o.put("family", c.next().text());
        }
        c.expect("to");
        Map<?, ?> to = (Map<?, ?>) addressAndPort(NftExprText.word(c, "an address or port"), c.peek());
        o.putAll(castMap(to));
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]}, or {@code synproxy name X}. */
    private Object synproxy() {
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
    private Object dup(boolean fwd) {
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
