package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys of {@link NftJsonKeys} the model has a match for: addresses, ports, protocols,
 * interfaces, conntrack state, ICMP types, {@code fib} address types and TCP flags. Not API.
 */
final class NftJsonFieldKeys {

    private NftJsonFieldKeys() {
    }

    static final class AddrKey extends NftJsonKeys.Key {
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

        Match.Side side() {
            return side;
        }
    }

    /**
     * {@code ip saddr & 255.0.255.0 == 10.0.12.0}: an address under a mask, as {@code nft list}
     * translates iptables' dotted masks. Each value is lowered as iptables reads {@code VALUE/MASK}
     * (a contiguous mask is a prefix; a non-contiguous one the networks it denotes).
     */
    static final class MaskedAddrKey extends NftJsonKeys.Key {
        private final Match.Side side;
        private final String mask;

        MaskedAddrKey(String text, List<Match> deps, Match.Side side, String mask) {
            super(text, deps);
            this.side = side;
            this.mask = mask;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<IpNetwork> nets = new ArrayList<>();
            for (Object v : values) {
                if (!(v instanceof String)) {
                    return new Match.Other("address", text + " " + NftJsonText.expr(v));
                }
                Match m;
                try {
                    m = IptablesAddresses.parse(side, false, v + "/" + mask, text + " " + v);
                } catch (IllegalArgumentException notIptablesForm) {
                    return new Match.Other("address", text + " " + v);   // bits outside the mask, or another family
                }
                if (!(m instanceof Match.Addr)) {
                    return new Match.Other("address", text + " " + v);
                }
                nets.addAll(((Match.Addr) m).networks());
            }
            return new Match.Addr(side, negated, nets);
        }
    }

    static final class PortKey extends NftJsonKeys.Key {
        private final Match.Side side;

        PortKey(String text, List<Match> deps, Match.Side side) {
            super(text, deps);
            this.side = side;
        }

        private int port(Object v) {
            if (v instanceof String && ((String) v).matches("[0-9]{1,5}")) {
                v = new BigDecimal((String) v);
            }
            return NftJsonValues.integer(NftServices.port(v, NftServices.protocolOf(text)), "port", 0, PortRange.MAX_PORT);
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
            return ranges.isEmpty() ? new Match.Meta(text, negated, NftJsonKeys.texts(values)) : new Match.Ports(side, negated, ranges);
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

    static final class ProtoKey extends NftJsonKeys.Key {
        ProtoKey(String text, List<Match> deps) {
            super(text, deps);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            List<String> names = new ArrayList<>(values.size());
            for (Object v : values) {
                names.add(NftJsonKeys.word(v, "protocol"));
            }
            return new Match.Proto(negated, names);
        }
    }

    static final class IfaceKey extends NftJsonKeys.Key {
        private final boolean input;

        IfaceKey(String text, boolean input) {
            super(text, List.of());
            this.input = input;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            if (values.size() == 1) {
                return new Match.Iface(input, negated, NftJsonKeys.word(values.get(0), "interface"));
            }
            List<Match> each = new ArrayList<>(values.size());
            for (Object v : values) {
                each.add(new Match.Iface(input, false, NftJsonKeys.word(v, "interface")));
            }
            return NftJsonKeys.anyOf(negated, each);
        }
    }

    static final class StateKey extends NftJsonKeys.Key {
        StateKey(String text) {
            super(text, List.of());
        }

        private static Set<Match.CtState> states(List<Object> values) {
            Set<Match.CtState> out = EnumSet.noneOf(Match.CtState.class);
            for (Object v : values) {
                for (Object s : v instanceof List ? (List<?>) v : List.of(v)) {
                    if (s instanceof BigDecimal) {
                        out.addAll(bits(NftJsonValues.integer(s, "ct state", 0, 0xff)));
                        continue;
                    }
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

        /** The states of a bit mask as {@code nft -n} prints it ({@code ct state 0x2,0x4}): the kernel's NF_CT_STATE_* bits. */
        private static Set<Match.CtState> bits(int mask) {
            Set<Match.CtState> out = EnumSet.noneOf(Match.CtState.class);
            for (int bit = 1; bit <= 0x80; bit <<= 1) {
                if ((mask & bit) == 0) {
                    continue;
                }
                out.add(switch (bit) {
                    case 0x01 -> Match.CtState.INVALID;
                    case 0x02 -> Match.CtState.ESTABLISHED;
                    case 0x04 -> Match.CtState.RELATED;
                    case 0x08 -> Match.CtState.NEW;
                    case 0x40 -> Match.CtState.UNTRACKED;
                    default -> throw new IllegalArgumentException("ct state bit 0x" + Integer.toHexString(bit) + " names no state");
                });
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

    static final class IcmpKey extends NftJsonKeys.Key {
        IcmpKey(String text, List<Match> deps) {
            super(text, deps);
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            if (values.size() == 1) {
                return new Match.Icmp(negated, NftJsonKeys.word(values.get(0), "ICMP type"));
            }
            List<Match> each = new ArrayList<>(values.size());
            for (Object v : values) {
                each.add(new Match.Icmp(false, NftJsonKeys.word(v, "ICMP type")));
            }
            return NftJsonKeys.anyOf(negated, each);
        }
    }

    static final class FibTypeKey extends NftJsonKeys.Key {
        /** The kernel's route types (RTN_*) by number, as {@code nft -n} prints {@code fib daddr type 2}. */
        private static final List<String> ADDRESS_TYPES = List.of("UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST",
                "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE");

        private final Match.Side side;

        FibTypeKey(String text, Match.Side side) {
            super(text, List.of());
            this.side = side;
        }

        @Override
        Match among(boolean negated, List<Object> values) {
            Set<String> types = new LinkedHashSet<>();
            for (Object v : values) {
                types.add(v instanceof BigDecimal ? ADDRESS_TYPES.get(NftJsonValues.integer(v, "address type", 0, ADDRESS_TYPES.size() - 1))
                        : NftJsonValues.string(v, "address type").toUpperCase(Locale.ROOT));
            }
            return new Match.AddrType(side, negated, types);
        }
    }

    static final class TcpFlagsKey extends NftJsonKeys.Key {
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
            return each.isEmpty() ? null : NftJsonKeys.anyOf(false, each);
        }

        @Override
        Match noFlag(List<Object> values) {
            Set<String> none = new LinkedHashSet<>(flags(values));
            none.retainAll(mask);
            return none.isEmpty() ? null : new Match.TcpFlags(false, none, Set.of());
        }
    }
}
