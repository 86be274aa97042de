package dev.bulwark.firewall.parse.internal;

import static dev.bulwark.firewall.parse.internal.NftExprText.obj;

import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of one rule in nft text, built as the {@code expr} list of the rule object
 * that {@code nft -j} prints: matches ({@code {"match":{"op","left","right"}}}) with the operator
 * nft's JSON gives them, verdicts, {@code meta/ct … set} ({@code mangle}), verdict maps, set
 * updates, meters, object references, {@code flow add}, {@code xt}; the statements with options
 * of their own are {@link NftStatementText}'s. Not API.
 */
final class NftRuleText {

    static final Set<String> STATEMENTS = Set.of("accept", "drop", "continue", "return", "jump", "goto", "counter",
            "limit", "quota", "log", "reject", "notrack", "masquerade", "redirect", "dnat", "snat", "comment", "meter",
            "add", "update", "delete", "queue", "dup", "fwd", "flow", "xt", "set", "vmap", "map", "tproxy", "synproxy");
    private static final Set<String> OPS = Set.of("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge");

    /** A parsed rule: its statements and its comment, or null. */
    record Parsed(List<Object> expr, String comment) {
    }

    private final NftCursor c;
    private final NftStatementText actions;

    private NftRuleText(NftCursor c, String family) {
        this.c = c;
        this.actions = new NftStatementText(c, family);
    }

    /** Reads statements up to the end of the rule: a line end, a semicolon or the closing brace of its chain. */
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
        if (!expr.isEmpty() && c.peek().kind() == NftTokenizer.Kind.NEWLINE && c.peek().spaceBefore()
                && expr.get(expr.size() - 1) instanceof Map
                && ((Map<?, ?>) expr.get(expr.size() - 1)).get("counter") instanceof Map
                && ((Map<?, ?>) ((Map<?, ?>) expr.get(expr.size() - 1)).get("counter")).containsKey("packets")) {
            // nft 1.0.6 prints an iptables-nft target it cannot show as nothing after the counter ("counter
            // packets 0 bytes 0 " with its trailing blank; "XT target … not found" goes to stderr): a target whose
            // effect is unknown, never no target
            expr.add(NftExprText.obj("xt", NftExprText.obj("type", "target", "name", "(not printed by nft)")));
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
                return obj("counter", NftStatementText.counterValues(c));
            case "limit":
                c.next();
                if (c.accept("name")) {
                    return obj("limit", objectRef());
                }
                return obj("limit", actions.limit());
            case "quota":
                c.next();
                if (c.accept("name")) {
                    return obj("quota", objectRef());
                }
                return obj("quota", actions.quota());
            case "log":
                c.next();
                return obj("log", actions.log());
            case "reject":
                c.next();
                return obj("reject", actions.reject());
            case "notrack":
                c.next();
                return obj("notrack", Json.NULL);
            case "masquerade":
            case "redirect":
            case "dnat":
            case "snat":
                c.next();
                return obj(t.text(), actions.nat(t.text()));
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
                return obj("queue", actions.queue());
            case "dup":
                c.next();
                return obj("dup", actions.dup(false));
            case "fwd":
                c.next();
                return obj("fwd", actions.dup(true));
            case "flow":
                c.next();
                String op = NftExprText.word(c, "add or offload");
                return obj("flow", obj("op", op.equals("offload") ? "add" : op, "flowtable", NftExprText.word(c, "@flowtable")));
            case "tproxy":
                c.next();
                return obj("tproxy", actions.tproxy());
            case "synproxy":
                c.next();
                return obj("synproxy", actions.synproxy());
            case "xt":
                c.next();
                String type = NftExprText.word(c, "match or target");
                return obj("xt", obj("type", type, "name", NftExprText.string(c)));
            case "XT":
                // nft prints "XT target DNAT not found" on stderr for an iptables-nft target it cannot
                // show; captured with 2>&1 it lands in the rule. It is that xt expression, arguments unknown.
                c.next();
                String kind = NftExprText.word(c, "match or target");
                String name = NftExprText.word(c, "the extension's name");
                if (!c.accept("not") || !c.accept("found")) {
                    throw c.error(t, "expected 'XT " + kind + " " + name + " not found' as nft prints it");
                }
                return obj("xt", obj("type", kind, "name", name));
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

    private Object setStatement(String op) {
        String set = c.next().text();
        Tok open = c.expect("{");
        c.enter(open);
        Object elem = dynamicElement();
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

    /** The key a rule adds to a set or meter, with the options nft prints after it ({@code timeout 10s}, {@code expires}, {@code comment}). */
    private Object dynamicElement() {
        Object key = NftExprText.expr(c);
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        while (true) {
            if (c.accept("timeout")) {
                options.put("timeout", NftExprText.seconds(c));
            } else if (c.accept("expires")) {
                options.put("expires", NftExprText.seconds(c));
            } else if (c.accept("comment")) {
                options.put("comment", NftExprText.string(c));
            } else {
                break;
            }
        }
        if (options.isEmpty()) {
            return key;
        }
        Map<String, Object> elem = obj("val", key);
        elem.putAll(options);
        return obj("elem", elem);
    }

    private Object meter() {
        String name = c.name("a meter name").text();
        Object size = null;
        if (c.accept("size")) {
            size = NftExprText.constant(c, false);
        }
        Tok open = c.expect("{");
        c.enter(open);
        Object key = dynamicElement();
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

}
