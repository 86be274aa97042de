package dev.bulwark.firewall.parse.internal;

import static dev.bulwark.firewall.parse.internal.NftExprText.obj;

import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bodies of named sets and maps, of stateful objects ({@code counter}, {@code quota},
 * {@code ct helper}, {@code ct timeout}, {@code ct expectation}), of flowtables, and chain
 * priorities, built as {@code nft -j} prints them. Not API.
 */
final class NftSetText {

    private NftSetText() {
    }

    /** A set or map body, from its opening to its closing brace, into {@code body}. */
    static void set(NftCursor c, Map<String, Object> body, boolean map) {
        c.expect("{");
        while (true) {
            c.skipSeparators();
            Tok t = c.next();
            switch (t.text()) {
                case "}" -> {
                    if (t.kind() != NftTokenizer.Kind.PUNCT) {
                        throw c.error(t, "unexpected '}'");
                    }
                    return;
                }
                case "type" -> {
                    List<Object> key = new ArrayList<>();
                    key.add(NftExprText.word(c, "a data type"));
                    while (c.accept(".")) {
                        key.add(NftExprText.word(c, "a data type"));
                    }
                    body.put("type", key.size() == 1 ? key.get(0) : key);
                    if (c.accept(":")) {
                        StringBuilder data = new StringBuilder(NftExprText.word(c, "a data type"));
                        while (c.accept(".")) {
                            data.append(" . ").append(NftExprText.word(c, "a data type"));
                        }
                        body.put("map", data.toString());
                    }
                }
                case "typeof" -> {
                    List<Object> key = types(NftExprText.expr(c));
                    body.put("type", key.size() == 1 ? key.get(0) : key);
                    if (c.accept(":")) {
                        body.put("map", String.join(" . ", types(NftExprText.expr(c)).stream().map(String::valueOf).toList()));
                    }
                }
                case "flags" -> body.put("flags", words(c));
                case "timeout", "gc-interval" -> body.put(t.text(), NftExprText.seconds(c));
                case "size" -> body.put("size", NftExprText.constant(c, false));
                case "policy" -> body.put("policy", NftExprText.word(c, "performance or memory"));
                case "counter" -> body.put("stmt", new ArrayList<>(List.of(obj("counter", Json.NULL))));
                case "comment" -> body.put("comment", NftExprText.string(c));
                case "auto-merge" -> {
                    // nft 1.0.6 does not print it in JSON; it changes how elements merge, not what matches
                }
                case "elements" -> {
                    c.expect("=");
                    body.put("elem", NftExprText.elements(c, true));
                }
                default -> throw c.error(t, "unknown set property " + NftCursor.describe(t));
            }
            if (map && body.containsKey("type") && !body.containsKey("map") && t.text().startsWith("type")) {
                throw c.error(t, "a map's type needs ': data type'");
            }
        }
    }

    /** Words separated by commas: {@code interval,timeout} or {@code interval, timeout}. */
    static List<Object> words(NftCursor c) {
        List<Object> out = new ArrayList<>();
        out.add(NftExprText.word(c, "a flag"));
        while (c.accept(",")) {
            out.add(NftExprText.word(c, "a flag"));
        }
        return out;
    }

    /** The data types nft names for the keys of a {@code typeof} set. */
    private static List<Object> types(Object expr) {
        List<Object> out = new ArrayList<>();
        if (expr instanceof Map && ((Map<?, ?>) expr).get("concat") instanceof List) {
            for (Object part : (List<?>) ((Map<?, ?>) expr).get("concat")) {
                out.add(type(part));
            }
        } else {
            out.add(type(expr));
        }
        return out;
    }

    private static String type(Object expr) {
        Map<?, ?> e = (Map<?, ?>) expr;
        if (e.get("payload") instanceof Map) {
            Map<?, ?> p = (Map<?, ?>) e.get("payload");
            String proto = String.valueOf(p.get("protocol"));
            String field = String.valueOf(p.get("field"));
            switch (field) {
                case "saddr", "daddr" -> {
                    return proto.equals("ip") ? "ipv4_addr" : proto.equals("ip6") ? "ipv6_addr"
                            : proto.equals("ether") ? "ether_addr" : proto.equals("arp") ? "ipv4_addr" : "integer";
                }
                case "sport", "dport" -> {
                    return "inet_service";
                }
                case "protocol", "nexthdr" -> {
                    return "inet_proto";
                }
                case "type" -> {
                    return proto.equals("icmp") ? "icmp_type" : proto.equals("icmpv6") ? "icmpv6_type"
                            : proto.equals("ether") || proto.equals("vlan") ? "ether_type" : "integer";
                }
                case "dscp" -> {
                    return "dscp";
                }
                default -> {
                    return "integer";
                }
            }
        }
        String key = e.get("meta") instanceof Map ? "meta " + ((Map<?, ?>) e.get("meta")).get("key")
                : e.get("ct") instanceof Map ? "ct " + ((Map<?, ?>) e.get("ct")).get("key") : "";
        return switch (key) {
            case "meta mark", "ct mark" -> "mark";
            case "meta iifname", "meta oifname", "meta ibrname", "meta obrname" -> "ifname";
            case "meta iif", "meta oif" -> "iface_index";
            case "meta l4proto", "ct protocol" -> "inet_proto";
            case "meta nfproto", "ct l3proto" -> "nf_proto";
            case "meta pkttype" -> "pkt_type";
            case "meta iiftype", "meta oiftype" -> "iface_type";
            case "meta skuid" -> "uid";
            case "meta skgid" -> "gid";
            case "ct state" -> "ct_state";
            case "ct status" -> "ct_status";
            case "ct direction" -> "ct_dir";
            case "ct proto-src", "ct proto-dst" -> "inet_service";
            default -> "integer";
        };
    }

    /** The body of a named counter, quota, ct helper, ct timeout, ct expectation or flowtable. */
    static void object(NftCursor c, String kind, Map<String, Object> body) {
        if (kind.equals("limit")) {
            limitObject(c, body);
            return;
        }
        if (kind.equals("secmark") || kind.equals("synproxy") || kind.equals("tunnel")) {
            opaqueObject(c, kind, body);
            return;
        }
        c.expect("{");
        if (kind.equals("quota")) {
            body.put("bytes", BigDecimal.ZERO);
            body.put("used", BigDecimal.ZERO);
            body.put("inv", Boolean.FALSE);
        }
        while (true) {
            c.skipSeparators();
            Tok t = c.next();
            if (t.is("}")) {
                return;
            }
            String w = t.text();
            if (kind.equals("counter") && (w.equals("packets") || w.equals("bytes"))) {
                body.put(w, NftExprText.constant(c, false));
            } else if (kind.equals("quota") && w.equals("over")) {
                body.put("inv", Boolean.TRUE);
            } else if (kind.equals("quota") && w.equals("used")) {
                body.put("used", bytes(c));
            } else if (kind.equals("quota") && t.isWord() && NftExprText.scalar(w) instanceof BigDecimal) {
                c.reset(c.mark() - 1);
                body.put("bytes", bytes(c));
            } else if (kind.equals("flowtable") && w.equals("hook")) {
                body.put("hook", NftExprText.word(c, "a hook"));
                c.expect("priority");
                body.put("prio", priority(c, String.valueOf(body.get("family"))));
            } else if (kind.equals("flowtable") && w.equals("devices")) {
                c.expect("=");
                List<Object> devs = NftExprText.elements(c, true);
                body.put("dev", devs.size() == 1 ? devs.get(0) : devs);
            } else if (kind.equals("ct helper") && w.equals("type")) {
                body.put("type", NftExprText.string(c));
                c.expect("protocol");
                body.put("protocol", NftExprText.word(c, "a protocol"));
            } else if (kind.startsWith("ct ") && (w.equals("protocol") || w.equals("l3proto"))) {
                body.put(w, NftExprText.word(c, "a protocol"));
            } else if (kind.equals("ct timeout") && w.equals("policy")) {
                c.expect("=");
                Map<String, Object> policy = new java.util.LinkedHashMap<>();
                for (Object e : NftExprText.elements(c, true)) {
                    if (!(e instanceof List) || ((List<?>) e).size() != 2) {
                        throw c.error(t, "a ct timeout policy is '{ state : seconds, … }'");
                    }
                    policy.put(String.valueOf(((List<?>) e).get(0)), ((List<?>) e).get(1));
                }
                body.put("policy", policy);
            } else if (kind.equals("ct expectation") && (w.equals("dport") || w.equals("timeout") || w.equals("size"))) {
                body.put(w, w.equals("timeout") ? NftExprText.seconds(c) : NftExprText.constant(c, false));
            } else if (w.equals("comment")) {
                body.put("comment", NftExprText.string(c));
            } else if (kind.equals("flowtable") && w.equals("counter")) {
                body.put("counter", Boolean.TRUE);
            } else {
                throw c.error(t, "unknown " + kind + " property " + NftCursor.describe(t));
            }
        }
    }

    /**
     * {@code limit NAME { rate [over] N/unit [burst M packets|bytes] [comment "…"] }}: the same
     * fields as the {@code limit} statement, for a rule's {@code limit name "NAME"} to refer to.
     */
    private static void limitObject(NftCursor c, Map<String, Object> body) {
        c.expect("{");
        c.skipSeparators();
        body.putAll(new NftStatementText(c, String.valueOf(body.get("family"))).limit());
        while (true) {
            c.skipSeparators();
            Tok t = c.next();
            if (t.is("}")) {
                return;
            }
            if (!t.is("comment")) {
                throw c.error(t, "unknown limit property " + NftCursor.describe(t));
            }
            body.put("comment", NftExprText.string(c));
        }
    }

    /**
     * {@code secmark}, {@code synproxy} and {@code tunnel} objects: they label, answer or
     * encapsulate packets but never decide whether one is accepted, so their properties are kept
     * as their words, in order, without interpretation.
     */
    private static void opaqueObject(NftCursor c, String kind, Map<String, Object> body) {
        Tok open = c.peek();
        c.expect("{");
        List<Object> words = new java.util.ArrayList<>();
        int depth = 1;
        while (true) {
            Tok t = c.next();
            if (t.kind() == NftTokenizer.Kind.END) {
                throw c.error(open, kind + " object is not closed with '}'");
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}") && --depth == 0) {
                body.put("properties", words);
                return;
            }
            if (!t.ends()) {
                words.add(t.text());
            }
        }
    }

    private static BigDecimal bytes(NftCursor c) {
        Tok n = c.peek();
        Object v = NftExprText.scalar(NftExprText.word(c, "a number of bytes"));
        if (!(v instanceof BigDecimal)) {
            throw c.error(n, "expected a number of bytes, found '" + n.text() + "'");
        }
        Tok u = c.peek();
        int shift = switch (NftExprText.word(c, "bytes, kbytes, mbytes or gbytes")) {
            case "bytes" -> 0;
            case "kbytes" -> 10;
            case "mbytes" -> 20;
            case "gbytes" -> 30;
            default -> throw c.error(u, "expected bytes, kbytes, mbytes or gbytes, found '" + u.text() + "'");
        };
        return new BigDecimal(((BigDecimal) v).toBigInteger().shiftLeft(shift));
    }

    /** A chain or flowtable priority: a number or a standard name with an optional offset ({@code filter - 1}). */
    static BigDecimal priority(NftCursor c, String family) {
        Tok at = c.peek();
        StringBuilder text = new StringBuilder();
        while (!c.peek().ends() && c.peek().isWord()) {
            text.append(c.next().text());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z]+)?(?:([+-]?)([0-9]{1,9}))?").matcher(text);
        if (text.length() == 0 || !m.matches()) {
            throw c.error(at, "expected a priority such as 0, filter or 'filter - 1', found " + NftCursor.describe(at));
        }
        long value = 0;
        if (m.group(1) != null) {
            boolean bridge = family.equals("bridge");
            value = switch (m.group(1)) {
                case "raw" -> bridge ? bad(c, at, m.group(1)) : -300;
                case "mangle" -> bridge ? bad(c, at, m.group(1)) : -150;
                case "dstnat" -> bridge ? -300 : -100;
                case "filter" -> bridge ? -200 : 0;
                case "security" -> bridge ? bad(c, at, m.group(1)) : 50;
                case "srcnat" -> bridge ? 300 : 100;
                case "out" -> bridge ? 100 : bad(c, at, m.group(1));
                default -> bad(c, at, m.group(1));
            };
            if (m.group(3) != null && m.group(2).isEmpty()) {
                throw c.error(at, "expected a priority such as 0, filter or 'filter - 1', found " + NftCursor.describe(at));
            }
        }
        if (m.group(3) != null) {
            long n = Long.parseLong(m.group(3));
            value += "-".equals(m.group(2)) ? -n : n;
        }
        return new BigDecimal(BigInteger.valueOf(value));
    }

    private static long bad(NftCursor c, Tok at, String name) {
        throw c.error(at, "unknown priority '" + name + "'");
    }
}
