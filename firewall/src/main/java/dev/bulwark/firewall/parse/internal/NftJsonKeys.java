package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Match;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
                    case "l4proto" -> new ProtoKey(text, List.of());
                    case "iif", "iifname" -> new IfaceKey(text, true);
                    case "oif", "oifname" -> new IfaceKey(text, false);
                    default -> new MetaKey(key, List.of());
                };
            }
            case "ct" -> {
                String key = NftJsonValues.string(NftJsonValues.map(body, "ct").get("key"), "ct key");
                return key.equals("state") && text.equals("ct state") ? new StateKey(text) : new MetaKey(text, List.of());
            }
            case "fib" -> {
                Map<String, Object> f = NftJsonValues.map(body, "fib");
                Object flags = f.get("flags");
                boolean source = flags instanceof List ? ((List<?>) flags).contains("saddr") : "saddr".equals(flags);
                return "type".equals(f.get("result")) ? new FibTypeKey(text, source ? Match.Side.SOURCE : Match.Side.DESTINATION)
                        : new MetaKey(text, List.of());
            }
            case "&" -> {
                List<?> l = NftJsonValues.list(body, "'&'");
                Key inner = l.size() == 2 ? of(l.get(0), family) : null;
                if (inner instanceof TcpFlagsKey) {
                    return new TcpFlagsKey(text, inner.dependencies, TcpFlagsKey.flags(l.get(1)));
                }
                return inner instanceof MetaKey || inner instanceof StateKey ? new MetaKey(text, inner.dependencies) : null;
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
            return new AddrKey(text, deps, field.equals("saddr") ? Match.Side.SOURCE : Match.Side.DESTINATION, protocol.equals("ip6"));
        }
        if (PORT_PROTOCOLS.contains(protocol) && (field.equals("sport") || field.equals("dport"))) {
            return new PortKey(text, deps, field.equals("sport") ? Match.Side.SOURCE : Match.Side.DESTINATION);
        }
        if (protocol.equals("ip") && field.equals("protocol") || protocol.equals("ip6") && field.equals("nexthdr")) {
            return new ProtoKey(text, deps);
        }
        if ((protocol.equals("icmp") || protocol.equals("icmpv6")) && field.equals("type")) {
            return new IcmpKey(text, deps);
        }
        if (protocol.equals("tcp") && field.equals("flags")) {
            return new TcpFlagsKey(text, deps, null);
        }
        return new MetaKey(text, deps);
    }

    private static List<String> texts(List<Object> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(NftJsonText.expr(v));
        }
        return out;
    }

    private static String word(Object v, String what) {
        if (v instanceof BigDecimal) {
            return String.valueOf(NftJsonValues.integer(v, what, 0, Integer.MAX_VALUE));
        }
        return NftJsonValues.string(v, what);
    }

    /** Alternatives of one match each, as a set lookup ({@code iifname { "a", "b" }}). */
    private static Match anyOf(boolean negated, List<Match> each) {
        if (each.size() == 1) {
            return each.get(0);
        }
        List<List<Match>> alternatives = new ArrayList<>(each.size());
        for (Match m : each) {
            alternatives.add(List.of(m));
        }
        return new Match.AnyOf(negated, alternatives);
    }

    static final class AddrKey extends Key {
        private final Match.Side side;
        private final boolean ipv6;

        AddrKey(String text, List<Match> deps, Match.Side side, boolean ipv6) {
            super(text, deps);
            this.side = side;
            this.ipv6 = ipv6;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            if (values.size() == 1 && NftJsonAddresses.isRange(values.get(0))) {
                InetAddress[] r = NftJsonAddresses.range(values.get(0), ipv6);
                return new Match.AddrRange(side, negated, r[0], r[1]);
            }
            List<IpNetwork> nets = new ArrayList<>(values.size());
            for (Object v : values) {
                NftJsonAddresses.networks(v, ipv6, nets);
            }
            return new Match.Addr(side, negated, nets);
        }

        @Override
        String setFlag() {
            return side == Match.Side.SOURCE ? "src" : "dst";
        }
    }

    static final class PortKey extends Key {
        private final Match.Side side;

        PortKey(String text, List<Match> deps, Match.Side side) {
            super(text, deps);
            this.side = side;
        }

        private static int port(Object v) {
            if (v instanceof String && ((String) v).matches("[0-9]{1,5}")) {
                v = new BigDecimal((String) v);
            }
            return NftJsonValues.integer(v, "port", 0, PortRange.MAX_PORT);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<PortRange> ranges = new ArrayList<>(values.size());
            for (Object v : values) {
                int first;
                int last;
                if (NftJsonValues.kind(v).equals("range")) {
                    List<?> r = NftJsonValues.list(NftJsonValues.body(v), "a port range");
                    if (r.size() != 2) {
                        throw new IllegalArgumentException("a range has two ends");
                    }
                    first = port(r.get(0));
                    last = port(r.get(1));
                    if (first > last) {
                        throw new IllegalArgumentException("port range " + first + "-" + last + " ends before it starts");
                    }
                } else {
                    first = port(v);
                    last = first;
                }
                if (last >= PortRange.MIN_PORT) {
                    ranges.add(PortRange.of(Math.max(PortRange.MIN_PORT, first), last));
                }
            }
            // port 0 alone: no port range of the model holds it
            return ranges.isEmpty() ? new Match.Meta(text, negated, texts(values)) : new Match.Ports(side, negated, ranges);
        }

        @Override
        Match compare(String op, Object value) {
            int n = port(value);
            int first = switch (op) {
                case ">" -> n + 1;
                case ">=" -> n;
                default -> PortRange.MIN_PORT;
            };
            int last = switch (op) {
                case "<" -> n - 1;
                case "<=" -> n;
                default -> PortRange.MAX_PORT;
            };
            first = Math.max(first, PortRange.MIN_PORT);
            return first > last ? null : new Match.Ports(side, false, List.of(PortRange.of(first, last)));
        }

        @Override
        String setFlag() {
            return side == Match.Side.SOURCE ? "src" : "dst";
        }
    }

    static final class ProtoKey extends Key {
        ProtoKey(String text, List<Match> deps) {
            super(text, deps);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<String> names = new ArrayList<>(values.size());
            for (Object v : values) {
                names.add(word(v, "protocol"));
            }
            return new Match.Proto(negated, names);
        }
    }

    static final class IfaceKey extends Key {
        private final boolean input;

        IfaceKey(String text, boolean input) {
            super(text, List.of());
            this.input = input;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            if (values.size() == 1) {
                return new Match.Iface(input, negated, word(values.get(0), "interface"));
            }
            List<Match> each = new ArrayList<>(values.size());
            for (Object v : values) {
                each.add(new Match.Iface(input, false, word(v, "interface")));
            }
            return anyOf(negated, each);
        }
    }

    static final class StateKey extends Key {
        StateKey(String text) {
            super(text, List.of());
        }

        private static Set<Match.CtState> states(List<Object> values) {
            Set<Match.CtState> out = EnumSet.noneOf(Match.CtState.class);
            for (Object v : values) {
                for (Object s : v instanceof List ? (List<?>) v : List.of(v)) {
                    String name = NftJsonValues.string(s, "ct state");
                    Match.CtState state = null;
                    for (Match.CtState c : Match.CtState.values()) {
                        if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                            state = c;
                        }
                    }
                    if (state == null) {
                        throw new IllegalArgumentException("unknown ct state '" + name + "'");
                    }
                    out.add(state);
                }
            }
            return out;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            // a connection is in exactly one state: a set lookup and a bit test mean the same
            return new Match.State(negated, states(values));
        }

        @Override
        Match anyFlag(List<Object> flags) {
            return new Match.State(false, states(flags));
        }

        @Override
        Match noFlag(List<Object> flags) {
            return new Match.State(true, states(flags));
        }
    }

    static final class IcmpKey extends Key {
        IcmpKey(String text, List<Match> deps) {
            super(text, deps);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            if (values.size() == 1) {
                return new Match.Icmp(negated, word(values.get(0), "ICMP type"));
            }
            List<Match> each = new ArrayList<>(values.size());
            for (Object v : values) {
                each.add(new Match.Icmp(false, word(v, "ICMP type")));
            }
            return anyOf(negated, each);
        }
    }

    static final class FibTypeKey extends Key {
        private final Match.Side side;

        FibTypeKey(String text, Match.Side side) {
            super(text, List.of());
            this.side = side;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            Set<String> types = new LinkedHashSet<>();
            for (Object v : values) {
                types.add(NftJsonValues.string(v, "address type").toUpperCase(Locale.ROOT));
            }
            return new Match.AddrType(side, negated, types);
        }
    }

    static final class TcpFlagsKey extends Key {
        private final Set<String> mask;

        TcpFlagsKey(String text, List<Match> deps, Set<String> mask) {
            super(text, deps);
            this.mask = mask == null ? Set.copyOf(NftNames.TCP_FLAGS) : mask;
        }

        /** The flags a value names: {@code syn}, {@code ["syn", "ack"]}, {@code {"|": ["syn", "ack"]}}, a number. */
        static Set<String> flags(Object v) {
            Set<String> out = new LinkedHashSet<>();
            if (v instanceof BigDecimal) {
                int bits = NftJsonValues.integer(v, "TCP flags", 0, 255);
                for (int i = 0; i < NftNames.TCP_FLAGS.size(); i++) {
                    if ((bits & (1 << i)) != 0) {
                        out.add(NftNames.TCP_FLAGS.get(i));
                    }
                }
            } else if (v instanceof List) {
                for (Object o : (List<?>) v) {
                    out.addAll(flags(o));
                }
            } else if (NftJsonValues.kind(v).equals("|")) {
                out.addAll(flags(NftJsonValues.body(v)));
            } else {
                String f = NftJsonValues.string(v, "TCP flag").toUpperCase(Locale.ROOT);
                if (!NftNames.TCP_FLAGS.contains(f)) {
                    throw new IllegalArgumentException("unknown TCP flag '" + v + "'");
                }
                out.add(f);
            }
            return out;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<Match> each = new ArrayList<>(values.size());
            for (Object v : values) {
                each.add(new Match.TcpFlags(false, mask, flags(v)));
            }
            return each.size() == 1 ? new Match.TcpFlags(negated, mask, ((Match.TcpFlags) each.get(0)).comparison())
                    : new Match.AnyOf(negated, each.stream().map(List::of).collect(java.util.stream.Collectors.toList()));
        }

        @Override
        Match anyFlag(List<Object> values) {
            List<Match> each = new ArrayList<>();
            for (String f : flags(values)) {
                if (mask.contains(f)) {
                    each.add(new Match.TcpFlags(false, Set.of(f), Set.of(f)));
                }
            }
            return each.isEmpty() ? null : anyOf(false, each);
        }

        @Override
        Match noFlag(List<Object> values) {
            Set<String> none = new LinkedHashSet<>(flags(values));
            none.retainAll(mask);
            return none.isEmpty() ? null : new Match.TcpFlags(false, none, Set.of());
        }
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
