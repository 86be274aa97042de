package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Match;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the left-hand side of an nft relational expression stands for ({@code ip saddr},
 * {@code tcp dport}, {@code ct state}, {@code iifname}, a concatenation of them, ...), and how a
 * comparison of it with values becomes a {@link Match}. A key also carries the matches the kernel
 * adds in front of it ({@code tcp dport} only sees TCP; {@code ip saddr} in an {@code inet} table
 * only IPv4). Not API.
 */
final class NftJsonKeys {

    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "dccp", "udplite", "th");
    private static final Set<String> TRANSPORT = Set.of("tcp", "udp", "sctp", "dccp", "udplite");
    private static final Set<String> ATTRIBUTES = Set.of("socket", "rt", "tcp option", "exthdr", "ipsec", "osf", "sctp chunk",
            "ip option", "dccp option");

    private NftJsonKeys() {
    }

    /** A key: the text of its expression, the matches it implies, and how values become a match. */
    abstract static class Key {
        final String text;
        final List<Match> dependencies;

        Key(String text, List<Match> dependencies) {
            this.text = text;
            this.dependencies = List.copyOf(dependencies);
        }

        /** The packet's value is (negated: is not) one of the values (set elements, unwrapped). */
        abstract Match among(boolean negated, List<Object> values);

        /** What one element's key means, as a conjunction. */
        List<Match> when(Object value) {
            return List.of(among(false, List.of(value)));
        }

        /** {@code key in flags}: any of the bits set; null when the key has no bits. */
        Match anyFlag(List<Object> flags) {
            return null;
        }

        /** {@code key ! flags}: none of the bits set; null when the key has no bits. */
        Match noFlag(List<Object> flags) {
            return null;
        }

        /** {@code key < value} and the like; null when not modelled. */
        Match compare(String op, Object value) {
            return null;
        }

        /** The direction flag an ipset-style match names for this key ({@code src}, {@code dst}). */
        String setFlag() {
            return text;
        }
    }

    /** The key of a left-hand expression in a table of the given family; null when the model has none. */
    static Key of(Object left, Family family) {
        String kind = NftJsonValues.kind(left);
        Object body = kind.isEmpty() ? null : NftJsonValues.body(left);
        String text = NftJsonText.expr(left);
        switch (kind) {
            case "payload" -> {
                Map<String, Object> p = NftJsonValues.map(body, "payload");
                if (!(p.get("protocol") instanceof String)) {
                    return null;
                }
                return payload(NftJsonValues.string(p.get("protocol"), "protocol"), NftJsonValues.string(p.get("field"), "field"),
                        family, text);
            }
            case "meta" -> {
                String key = NftJsonValues.string(NftJsonValues.map(body, "meta").get("key"), "meta key");
                return switch (key) {
                    case "l4proto" -> new NftJsonFieldKeys.ProtoKey(text, List.of());
                    case "iif", "iifname" -> new NftJsonFieldKeys.IfaceKey(text, true);
                    case "oif", "oifname" -> new NftJsonFieldKeys.IfaceKey(text, false);
                    default -> new MetaKey(key, List.of());
                };
            }
            case "ct" -> {
                String key = NftJsonValues.string(NftJsonValues.map(body, "ct").get("key"), "ct key");
                return key.equals("state") && text.equals("ct state") ? new NftJsonFieldKeys.StateKey(text) : new MetaKey(text, List.of());
            }
            case "fib" -> {
                Map<String, Object> f = NftJsonValues.map(body, "fib");
                Object flags = f.get("flags");
                boolean source = flags instanceof List ? ((List<?>) flags).contains("saddr") : "saddr".equals(flags);
                return "type".equals(f.get("result")) ? new NftJsonFieldKeys.FibTypeKey(text, source ? Match.Side.SOURCE : Match.Side.DESTINATION)
                        : new MetaKey(text, List.of());
            }
            case "&" -> {
                List<?> l = NftJsonValues.list(body, "'&'");
                Key inner = l.size() == 2 ? of(l.get(0), family) : null;
                if (inner instanceof NftJsonFieldKeys.AddrKey && l.get(1) instanceof String
                        && NftJsonAddresses.maskable((String) l.get(1))) {
                    return new NftJsonFieldKeys.MaskedAddrKey(text, inner.dependencies, ((NftJsonFieldKeys.AddrKey) inner).side(),
                            (String) l.get(1));
                }
                if (inner instanceof NftJsonFieldKeys.TcpFlagsKey) {
                    return new NftJsonFieldKeys.TcpFlagsKey(text, inner.dependencies, NftJsonFieldKeys.TcpFlagsKey.flags(l.get(1)));
                }
                return inner instanceof MetaKey || inner instanceof NftJsonFieldKeys.StateKey ? new MetaKey(text, inner.dependencies) : null;
            }
            case "concat" -> {
                List<Key> parts = new ArrayList<>();
                for (Object o : NftJsonValues.list(body, "concat")) {
                    Key k = of(o, family);
                    if (k == null || k instanceof ConcatKey) {
                        return null;
                    }
                    parts.add(k);
                }
                return parts.isEmpty() ? null : new ConcatKey(text, parts);
            }
            default -> {
                return ATTRIBUTES.contains(kind) ? new MetaKey(text, List.of()) : null;
            }
        }
    }

    private static Key payload(String protocol, String field, Family family, String text) {
        List<Match> deps = new ArrayList<>();
        if (protocol.equals("ip") && family != Family.IPV4) {
            deps.add(new Match.Meta("nfproto", false, List.of("ipv4")));
        } else if (protocol.equals("ip6") && family != Family.IPV6) {
            deps.add(new Match.Meta("nfproto", false, List.of("ipv6")));
        } else if (TRANSPORT.contains(protocol)) {
            deps.add(new Match.Proto(false, protocol));
        } else if (protocol.equals("icmp")) {
            deps.add(new Match.Proto(false, "icmp"));
        } else if (protocol.equals("icmpv6")) {
            deps.add(new Match.Proto(false, "ipv6-icmp"));
        }
        boolean ip = protocol.equals("ip") || protocol.equals("ip6");
        if (ip && (field.equals("saddr") || field.equals("daddr"))) {
            return new NftJsonFieldKeys.AddrKey(text, deps, field.equals("saddr") ? Match.Side.SOURCE : Match.Side.DESTINATION, protocol.equals("ip6"));
        }
        if (PORT_PROTOCOLS.contains(protocol) && (field.equals("sport") || field.equals("dport"))) {
            return new NftJsonFieldKeys.PortKey(text, deps, field.equals("sport") ? Match.Side.SOURCE : Match.Side.DESTINATION);
        }
        if (protocol.equals("ip") && field.equals("protocol") || protocol.equals("ip6") && field.equals("nexthdr")) {
            return new NftJsonFieldKeys.ProtoKey(text, deps);
        }
        if ((protocol.equals("icmp") || protocol.equals("icmpv6")) && field.equals("type")) {
            return new NftJsonFieldKeys.IcmpKey(text, deps);
        }
        if (protocol.equals("tcp") && field.equals("flags")) {
            return new NftJsonFieldKeys.TcpFlagsKey(text, deps, null);
        }
        return new MetaKey(text, deps);
    }

    static List<String> texts(List<Object> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(NftJsonText.expr(v));
        }
        return out;
    }

    static String word(Object v, String what) {
        if (v instanceof BigDecimal) {
            return String.valueOf(NftJsonValues.integer(v, what, 0, Integer.MAX_VALUE));
        }
        return NftJsonValues.string(v, what);
    }

    /** Alternatives of one match each, as a set lookup ({@code iifname { "a", "b" }}). */
    static Match anyOf(boolean negated, List<Match> each) {
        if (each.size() == 1) {
            return each.get(0);
        }
        List<List<Match>> alternatives = new ArrayList<>(each.size());
        for (Match m : each) {
            alternatives.add(List.of(m));
        }
        return new Match.AnyOf(negated, alternatives);
    }

    static final class MetaKey extends Key {
        MetaKey(String text, List<Match> deps) {
            super(text.startsWith("meta ") ? text.substring(5) : text, deps);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            return new Match.Meta(text, negated, texts(values));
        }

        @Override
        Match anyFlag(List<Object> flags) {
            return new Match.Meta(text, false, texts(flags));
        }

        @Override
        Match noFlag(List<Object> flags) {
            return new Match.Meta(text, true, texts(flags));
        }
    }

    static final class ConcatKey extends Key {
        private final List<Key> parts;

        ConcatKey(String text, List<Key> parts) {
            super(text, dependencies(parts));
            this.parts = parts;
        }

        private static List<Match> dependencies(List<Key> parts) {
            Set<Match> out = new LinkedHashSet<>();
            for (Key k : parts) {
                out.addAll(k.dependencies);
            }
            return new ArrayList<>(out);
        }

        @Override
        List<Match> when(Object value) {
            Object v = NftJsonValues.unwrap(value);
            List<?> values = NftJsonValues.kind(v).equals("concat") ? NftJsonValues.list(NftJsonValues.body(v), "concat") : null;
            if (values == null || values.size() != parts.size()) {
                throw new IllegalArgumentException("element " + JsonWriter.write(v) + " does not have the " + parts.size()
                        + " parts of '" + text + "'");
            }
            List<Match> out = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                out.addAll(parts.get(i).when(NftJsonValues.unwrap(values.get(i))));
            }
            return out;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<List<Match>> alternatives = new ArrayList<>(values.size());
            for (Object v : values) {
                alternatives.add(when(v));
            }
            return new Match.AnyOf(negated, alternatives);
        }

        @Override
        String setFlag() {
            StringBuilder b = new StringBuilder();
            for (Key k : parts) {
                b.append(b.length() == 0 ? "" : ",").append(k.setFlag());
            }
            return b.toString();
        }
    }
}
