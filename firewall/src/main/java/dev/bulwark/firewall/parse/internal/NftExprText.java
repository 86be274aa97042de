package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.internal.NftTokenizer.Kind;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expressions and values of nft text, built as the JSON objects of libnftables-json(5) that
 * {@code nft -j} prints for them: {@code tcp dport} becomes
 * {@code {"payload":{"protocol":"tcp","field":"dport"}}}, {@code 10.0.0.0/8} becomes
 * {@code {"prefix":{"addr":"10.0.0.0","len":8}}}, {@code { 22, 80 }} becomes
 * {@code {"set":[22,80]}}. Symbols stay strings and numbers become numbers, as nft prints them
 * (so {@code nft -n} text gives {@code nft -j -n} JSON). Not API.
 */
final class NftExprText {

    static final Set<String> PAYLOADS = Set.of("ether", "vlan", "arp", "ip", "ip6", "icmp", "icmpv6", "igmp", "tcp", "udp",
            "udplite", "sctp", "dccp", "ah", "esp", "comp", "th", "gre", "geneve", "vxlan", "gretap", "auth");
    static final Set<String> EXTHDRS = Set.of("hbh", "rt", "rt0", "rt2", "srh", "frag", "dst", "mh");
    static final Set<String> BARE_META = Set.of("iif", "oif", "iifname", "oifname", "iiftype", "oiftype", "iifgroup",
            "oifgroup", "ibrname", "obrname", "ibriport", "obriport", "skuid", "skgid", "nftrace", "rtclassid", "pkttype",
            "cpu", "cgroup", "mark", "ipsec");
    private static final Set<String> BINOPS = Set.of("&", "|", "^", "<<", ">>", "and", "or", "xor", "lshift", "rshift");
    /** nft prints some operators as words ({@code meta mark set mark xor 0x4000}); the JSON has the symbols. */
    private static final Map<String, String> WORD_OPS = Map.of("and", "&", "or", "|", "xor", "^", "lshift", "<<",
            "rshift", ">>");
    private static final Set<String> STARTS = Set.of("meta", "ct", "fib", "rt", "socket", "osf", "numgen", "jhash",
            "symhash", "ipsec", "exthdr");
    /** Numbers as nft prints them; longer ones than any nft value are not numbers (and stay linear to read). */
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,40}|0x[0-9a-fA-F]{1,40}");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    private static final Pattern HEX_COLONS = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern TIME = Pattern.compile("(?=[0-9])(?:([0-9]{1,12})d)?(?:([0-9]{1,12})h)?(?:([0-9]{1,12})m(?!s))?(?:([0-9]{1,12})s)?(?:([0-9]{1,12})ms)?");

    private NftExprText() {
    }

    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }

    /** Whether the tokens at the cursor start an expression (a key such as {@code ip saddr} or {@code meta mark}). */
    static boolean startsExpression(NftCursor c) {
        Tok t = c.peek();
        if (!t.isWord()) {
            return t.is("(");
        }
        String w = t.text();
        Tok n = c.peek(1);
        if (PAYLOADS.contains(w) || EXTHDRS.contains(w)) {
            return n.isWord() && !n.text().startsWith("@") && !n.text().startsWith("$") && isIdent(n.text());
        }
        return STARTS.contains(w) || BARE_META.contains(w) || w.startsWith("@") && n.is(",") && !n.spaceBefore();
    }

    private static boolean isIdent(String s) {
        return !s.isEmpty() && Character.isLetter(s.charAt(0)) && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '[' || ch == ']');
    }

    /** A key expression with its binary operators and concatenations: {@code ip saddr . tcp dport}. */
    static Object expr(NftCursor c) {
        List<Object> parts = new ArrayList<>();
        parts.add(binops(c, primary(c)));
        while (c.peek().is(".")) {
            c.next();
            parts.add(binops(c, primary(c)));
        }
        return parts.size() == 1 ? parts.get(0) : obj("concat", parts);
    }

    /** An expression followed by an optional {@code map} lookup: {@code tcp dport map { 80 : 10.0.0.2 }}. */
    static Object exprOrMap(NftCursor c) {
        Object e = expr(c);
        if (c.accept("map")) {
            return obj("map", obj("key", e, "data", setOrRef(c)));
        }
        return e;
    }

    private static Object binops(NftCursor c, Object left) {
        int n = 0;
        while (c.peek().isWord() && BINOPS.contains(c.peek().text())) {
            operators(c, ++n);
            String word = c.next().text();
            String op = WORD_OPS.getOrDefault(word, word);
            Object right = single(c, false);
            left = obj(op, new ArrayList<>(List.of(left, op.equals("&") ? flags(right) : right)));
        }
        return left;
    }

    /**
     * An or of symbols such as {@code (syn | ack)} as the flag list nft prints for it
     * ({@code ["syn","ack"]}); anything else unchanged.
     */
    static Object flags(Object v) {
        List<Object> out = new ArrayList<>();
        return collectOr(v, out, 0) && out.size() > 1 ? out : v;
    }

    private static boolean collectOr(Object v, List<Object> out, int depth) {
        if (v instanceof String) {
            out.add(v);
            return true;
        }
        if (depth < NftCursor.MAX_DEPTH && v instanceof Map && ((Map<?, ?>) v).size() == 1 && ((Map<?, ?>) v).get("|") instanceof List) {
            for (Object operand : (List<?>) ((Map<?, ?>) v).get("|")) {
                if (!collectOr(operand, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Each operator nests its JSON one level deeper: bound them like brackets. */
    private static void operators(NftCursor c, int n) {
        if (n > NftCursor.MAX_DEPTH) {
            throw c.error(c.peek(), "more than " + NftCursor.MAX_DEPTH + " operators in a row");
        }
    }

    private static Object primary(NftCursor c) {
        Tok t = c.peek();
        if (t.is("(")) {
            c.next();
            c.enter(t);
            Object e = expr(c);
            c.expect(")");
            c.leave();
            return e;
        }
        if (!t.isWord()) {
            throw c.error(t, "expected an expression, found " + NftCursor.describe(t));
        }
        String w = c.next().text();
        if (PAYLOADS.contains(w)) {
            String field = word(c, "a field of " + w);
            if (field.equals("option") && (w.equals("tcp") || w.equals("ip")) || field.equals("chunk") && w.equals("sctp")) {
                String name = word(c, w + " " + field + " name");
                Map<String, Object> o = obj("name", name);
                if (c.peek().isWord() && isIdent(c.peek().text()) && !c.peek().is("exists") && !c.peek().is("missing")
                        && !c.peek().is("set") && !isKeyword(c.peek().text())) {
                    o.put("field", c.next().text());
                }
                return obj(w + " " + field, o);
            }
            if (w.equals("arp") && (field.equals("saddr") || field.equals("daddr"))
                    && (c.peek().is("ip") || c.peek().is("ether"))) {
                field = field + " " + c.next().text();
            }
            return obj("payload", obj("protocol", w, "field", field));
        }
        boolean routing = w.equals("rt") && Set.of("classid", "nexthop", "mtu", "ipsec", "tcpmss", "ip", "ip6")
                .contains(c.peek().text());
        if (!routing && (EXTHDRS.contains(w) || w.equals("exthdr"))) {
            String name = w.equals("exthdr") ? word(c, "an extension header") : w;
            Map<String, Object> o = obj("name", name);
            if (!w.equals("exthdr")) {
                o.put("field", word(c, "a field of " + w));
            }
            return obj("exthdr", o);
        }
        if (BARE_META.contains(w) && !(w.equals("ipsec") && (c.peek().is("in") || c.peek().is("out")))) {
            return obj("meta", obj("key", w));
        }
        switch (w) {
            case "meta":
                return obj("meta", obj("key", word(c, "a meta key")));
            case "ct": {
                String dir = null;
                if (c.peek().is("original") || c.peek().is("reply")) {
                    dir = c.next().text();
                }
                String key = word(c, "a ct key");
                if ((key.equals("ip") || key.equals("ip6")) && c.peek().isWord()) {
                    key = key + " " + c.next().text();
                }
                Map<String, Object> o = obj("key", key);
                if (dir != null) {
                    o.put("dir", dir);
                }
                return obj("ct", o);
            }
            case "fib": {
                List<Object> flags = new ArrayList<>();
                flags.add(word(c, "a fib flag"));
                while (c.peek().is(".")) {
                    c.next();
                    flags.add(word(c, "a fib flag"));
                }
                return obj("fib", obj("result", word(c, "a fib result"), "flags", flags));
            }
            case "rt": {
                Map<String, Object> o = new LinkedHashMap<>();
                String key = word(c, "an rt key");
                if (key.equals("ip") || key.equals("ip6")) {
                    o.put("family", key);
                    key = word(c, "an rt key");
                }
                o.put("key", key);
                return obj("rt", o);
            }
            case "socket":
                return obj("socket", obj("key", word(c, "a socket key")));
            case "osf": {
                Map<String, Object> o = new LinkedHashMap<>();
                if (c.accept("ttl")) {
                    o.put("ttl", word(c, "an osf ttl"));
                }
                o.put("key", word(c, "an osf key"));
                return obj("osf", o);
            }
            case "ipsec": {
                Map<String, Object> o = obj("dir", word(c, "in or out"));
                if (c.accept("spnum")) {
                    o.put("spnum", constant(c, false));
                }
                String key = word(c, "an ipsec key");
                if (key.equals("ip") || key.equals("ip6")) {
                    o.put("family", key);
                    key = word(c, "an ipsec key");
                }
                o.put("key", key);
                return obj("ipsec", o);
            }
            case "numgen": {
                Map<String, Object> o = obj("mode", word(c, "inc or random"));
                c.expect("mod");
                o.put("mod", constant(c, false));
                o.put("offset", c.accept("offset") ? constant(c, false) : BigDecimal.ZERO);
                return obj("numgen", o);
            }
            case "jhash":
            case "symhash": {
                Map<String, Object> o = new LinkedHashMap<>();
                if (w.equals("jhash")) {
                    o.put("expr", expr(c));
                }
                c.expect("mod");
                o.put("mod", constant(c, false));
                if (c.accept("seed")) {
                    o.put("seed", constant(c, false));
                }
                if (c.accept("offset")) {
                    o.put("offset", constant(c, false));
                }
                return obj(w, o);
            }
            default:
                break;
        }
        if (w.startsWith("@") && c.peek().is(",") && !c.peek().spaceBefore()) {
            c.next();
            String offset = word(c, "a bit offset");
            c.expect(",");
            String len = word(c, "a bit length");
            if (NUMBER.matcher(offset).matches() && NUMBER.matcher(len).matches()) {
                return obj("payload", obj("base", w.substring(1), "offset", number(offset), "len", number(len)));
            }
            throw c.error(t, "expected '@base,offset,length' with numbers, found '" + w + "," + offset + "," + len + "'");
        }
        throw c.error(t, "expected an expression, found '" + w + "'");
    }

    private static boolean isKeyword(String w) {
        return NftRuleText.STATEMENTS.contains(w) || w.equals("vmap") || w.equals("map");
    }

    static String word(NftCursor c, String what) {
        Tok t = c.peek();
        if (!t.isWord()) {
            throw c.error(t, "expected " + what + ", found " + NftCursor.describe(t));
        }
        return c.next().text();
    }

    /** An anonymous set {@code { … }} or a reference {@code @name}. */
    static Object setOrRef(NftCursor c) {
        Tok t = c.peek();
        if (t.is("{")) {
            return obj("set", elements(c, false));
        }
        if (t.isWord() && t.text().startsWith("@") && t.text().length() > 1) {
            return c.next().text();
        }
        throw c.error(t, "expected a set '{ … }' or '@name', found " + NftCursor.describe(t));
    }

    /**
     * The elements of {@code { … }}, each a value, a {@code key : data} pair (as a two-element
     * list) or an {@code {"elem": …}} object when it has a timeout, comment or counter.
     */
    static List<Object> elements(NftCursor c, boolean named) {
        Tok open = c.expect("{");
        c.enter(open);
        List<Object> out = new ArrayList<>();
        c.skipNewlines();
        while (!c.peek().is("}")) {
            Object key = constant(c, true);
            Map<String, Object> attrs = attributes(c);
            Object element = attrs.isEmpty() ? key : obj("elem", with(obj("val", key), attrs));
            c.skipNewlines();
            if (c.peek().is(":")) {
                c.next();
                c.skipNewlines();
                element = new ArrayList<>(List.of(element, data(c)));
            }
            out.add(element);
            c.skipNewlines();
            if (!c.accept(",")) {
                break;
            }
            c.skipNewlines();
        }
        Tok close = c.peek();
        if (!close.is("}")) {
            throw c.error(close, "expected ',' or '}' in a set, found " + NftCursor.describe(close));
        }
        c.next();
        c.leave();
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> m, Map<String, Object> more) {
        m.putAll(more);
        return m;
    }

    /** Element attributes: {@code timeout 30m expires 29m59s comment "x" counter packets 1 bytes 2}. */
    static Map<String, Object> attributes(NftCursor c) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        while (true) {
            if (c.accept("timeout")) {
                attrs.put("timeout", seconds(c));
            } else if (c.accept("expires")) {
                attrs.put("expires", seconds(c));
            } else if (c.accept("comment")) {
                attrs.put("comment", string(c));
            } else if (c.accept("counter")) {
                attrs.put("counter", NftStatementText.counterValues(c));
            } else {
                return attrs;
            }
        }
    }

    static String string(NftCursor c) {
        Tok t = c.peek();
        if (t.kind() != Kind.STRING && t.kind() != Kind.WORD) {
            throw c.error(t, "expected a string, found " + NftCursor.describe(t));
        }
        return c.next().text();
    }

    /** Map data: a verdict or a value. */
    static Object data(NftCursor c) {
        Object v = NftRuleText.verdict(c);
        return v != null ? v : constant(c, true);
    }

    /**
     * A constant value: a set, a string, a number, a symbol, a range, a prefix, a comma list of
     * flags ({@code established,related}, outside sets only), a concatenation or a binary
     * operation of constants ({@code syn | ack}).
     */
    static Object constant(NftCursor c, boolean inSet) {
        List<Object> parts = new ArrayList<>();
        parts.add(constantBinops(c, inSet));
        while (c.peek().is(".")) {
            c.next();
            parts.add(constantBinops(c, inSet));
        }
        return parts.size() == 1 ? parts.get(0) : obj("concat", parts);
    }

    private static Object constantBinops(NftCursor c, boolean inSet) {
        Object left = single(c, inSet);
        int n = 0;
        while (c.peek().isWord() && BINOPS.contains(c.peek().text())) {
            operators(c, ++n);
            String word = c.next().text();
            String op = WORD_OPS.getOrDefault(word, word);
            left = obj(op, new ArrayList<>(List.of(left, single(c, inSet))));
        }
        return left;
    }

    private static Object single(NftCursor c, boolean inSet) {
        Tok t = c.peek();
        if (t.is("{")) {
            return obj("set", elements(c, false));
        }
        if (t.is("(")) {
            c.next();
            c.enter(t);
            Object v = constant(c, false);
            c.expect(")");
            c.leave();
            return v;
        }
        if (t.kind() == Kind.STRING) {
            c.next();
            if (c.peek().is("-") && !c.peek().spaceBefore() && c.peek(1).kind() == Kind.STRING && !c.peek(1).spaceBefore()) {
                c.next();
                return obj("range", new ArrayList<>(List.of(t.text(), c.next().text())));
            }
            return t.text();
        }
        if (!t.isWord()) {
            throw c.error(t, "expected a value, found " + NftCursor.describe(t));
        }
        c.next();
        Object first = scalar(t.text());
        if (inSet || !c.peek().is(",") || c.peek().spaceBefore()) {
            return first;
        }
        List<Object> list = new ArrayList<>();
        list.add(first);
        while (c.peek().is(",") && !c.peek().spaceBefore() && !c.peek(1).spaceBefore() && c.peek(1).isWord()) {
            c.next();
            list.add(scalar(c.next().text()));
        }
        return list.size() == 1 ? first : list;
    }

    /** A word as nft's JSON prints it: a number, a range, a prefix, {@code exists}/{@code missing} or a string. */
    static Object scalar(String w) {
        if (NUMBER.matcher(w).matches()) {
            return number(w);
        }
        if (w.equals("exists")) {
            return Boolean.TRUE;
        }
        if (w.equals("missing")) {
            return Boolean.FALSE;
        }
        int slash = w.indexOf('/');
        if (slash > 0 && slash == w.lastIndexOf('/') && address(w.substring(0, slash))
                && w.length() - slash - 1 <= 3 && w.length() > slash + 1
                && w.substring(slash + 1).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return obj("prefix", obj("addr", w.substring(0, slash), "len", number(w.substring(slash + 1))));
        }
        int dash = w.indexOf('-');
        if (dash > 0 && dash == w.lastIndexOf('-') && rangeEnd(w.substring(0, dash)) && rangeEnd(w.substring(dash + 1))) {
            return obj("range", new ArrayList<>(List.of(scalar(w.substring(0, dash)), scalar(w.substring(dash + 1)))));
        }
        return w;
    }

    /** An IPv4 address, or an IPv6 one (hex digits, colons and dots with at least one colon). */
    private static boolean address(String s) {
        return IPV4.matcher(s).matches() || s.indexOf(':') >= 0 && HEX_COLONS.matcher(s).matches();
    }

    /** What may stand on either side of a range's {@code -}: a number or an address. */
    private static boolean rangeEnd(String s) {
        return NUMBER.matcher(s).matches() || address(s);
    }

    static BigDecimal number(String w) {
        if (w.startsWith("0x")) {
            return new BigDecimal(new BigInteger(w.substring(2), 16));
        }
        return new BigDecimal(new BigInteger(w));
    }

    /** The whole seconds of a time word such as {@code 30s} or {@code 1h2m}, or null when it is not one. */
    static BigDecimal time(String w) {
        Matcher m = TIME.matcher(w);
        if (w.isEmpty() || !m.matches()) {
            return null;
        }
        BigInteger ms = BigInteger.ZERO;
        long[] unit = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        for (int g = 1; g <= 5; g++) {
            if (m.group(g) != null) {
                ms = ms.add(new BigInteger(m.group(g)).multiply(BigInteger.valueOf(unit[g - 1])));
            }
        }
        return new BigDecimal(ms.divide(BigInteger.valueOf(1000)));
    }

    /** A time such as {@code 1h}, {@code 29m59s984ms} or {@code 3600s}, in whole seconds as {@code nft -j} prints it. */
    static BigDecimal seconds(NftCursor c) {
        Tok t = c.peek();
        if (t.isWord()) {
            if (NUMBER.matcher(t.text()).matches()) {
                c.next();
                return number(t.text());
            }
            BigDecimal seconds = time(t.text());
            if (seconds != null) {
                c.next();
                return seconds;
            }
        }
        throw c.error(t, "expected a time such as 30s or 1h, found " + NftCursor.describe(t));
    }
}
