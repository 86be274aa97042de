package dev.bulwark.firewall.parse;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One condition of a deployed rule. Every variant can be negated ({@code !}) where the backend
 * allows it; {@link Other} keeps what Bulwark does not understand, verbatim.
 */
public sealed interface Match permits Match.Proto, Match.Addr, Match.AddrRange, Match.Iface, Match.Ports,
        Match.State, Match.TcpFlags, Match.Icmp, Match.Comment, Match.Limit, Match.HashLimit, Match.Recent,
        Match.IpSet, Match.AddrType, Match.AnyOf, Match.Meta, Match.Other {

    /** Whether the condition is inverted. */
    boolean negated();

    /** Which end of the packet an address, port or type condition looks at. */
    enum Side {
        /** The source ({@code -s}, {@code --sport}, {@code saddr}). */
        SOURCE,
        /** The destination ({@code -d}, {@code --dport}, {@code daddr}). */
        DESTINATION,
        /** Either end ({@code multiport --ports}). */
        EITHER
    }

    /** A connection-tracking state ({@code -m conntrack --ctstate}, {@code -m state --state}, {@code ct state}). */
    enum CtState {
        /** The first packet of a connection. */
        NEW,
        /** A packet of a connection already seen both ways. */
        ESTABLISHED,
        /** A packet related to a known connection (ICMP errors, FTP data). */
        RELATED,
        /** A packet conntrack could not place. */
        INVALID,
        /** A packet exempted from tracking. */
        UNTRACKED,
        /** A connection whose source was rewritten. */
        SNAT,
        /** A connection whose destination was rewritten. */
        DNAT;

        /** The state of the given wire name, case-insensitive. */
        public static CtState of(String name) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (CtState s : values()) {
                if (s.name().equals(n)) {
                    return s;
                }
            }
            throw new ValidationException("unknown conntrack state '" + name.trim()
                    + "' (expected new, established, related, invalid, untracked, snat or dnat)");
        }
    }

    /**
     * The layer-4 protocol ({@code -p tcp}, {@code meta l4proto { tcp, udp }}).
     *
     * @param negated whether inverted
     * @param names   the protocols as written, lower case ({@code tcp}, {@code udp}, {@code icmp},
     *                {@code all}, a number); any of them matches (iptables has exactly one)
     */
    record Proto(boolean negated, List<String> names) implements Match {
        /** Validates and normalises the names. */
        public Proto {
            names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableList());
            if (names.isEmpty()) {
                throw new ValidationException("a protocol match needs at least one protocol");
            }
        }

        /** One protocol. */
        public Proto(boolean negated, String name) {
            this(negated, List.of(name));
        }

        /** The first (for iptables, the only) protocol. */
        public String name() {
            return names.get(0);
        }
    }

    /**
     * Source or destination networks ({@code -s}, {@code -d}, {@code ip saddr { a, b }}).
     *
     * @param side     source or destination
     * @param negated  whether inverted (then none of the networks matches)
     * @param networks the networks, any of which matches (iptables has exactly one), all of one family
     */
    record Addr(Side side, boolean negated, List<IpNetwork> networks) implements Match {
        /** Validates and copies the components. */
        public Addr {
            Objects.requireNonNull(side, "side");
            networks = List.copyOf(networks);
            if (networks.isEmpty()) {
                throw new ValidationException("an address match needs at least one network");
            }
            for (IpNetwork n : networks) {
                if (n.isIpv4() != networks.get(0).isIpv4()) {
                    throw new ValidationException("an address match mixes IPv4 and IPv6: " + networks);
                }
            }
        }

        /** One network. */
        public Addr(Side side, boolean negated, IpNetwork network) {
            this(side, negated, List.of(network));
        }

        /** The first (for iptables, the only) network. */
        public IpNetwork network() {
            return networks.get(0);
        }
    }

    /**
     * An address range ({@code -m iprange --src-range a-b}).
     *
     * @param side    source or destination
     * @param negated whether inverted
     * @param first   the first address, inclusive
     * @param last    the last address, inclusive
     */
    record AddrRange(Side side, boolean negated, InetAddress first, InetAddress last) implements Match {
        /** Validates the components. */
        public AddrRange {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * An interface ({@code -i}, {@code -o}, {@code iifname}); a trailing {@code +} (or nft {@code *})
     * matches every name with that prefix.
     *
     * @param input   true for the incoming interface, false for the outgoing one
     * @param negated whether inverted
     * @param name    the name or pattern as written
     */
    record Iface(boolean input, boolean negated, String name) implements Match {
        /** Validates the components. */
        public Iface {
            Objects.requireNonNull(name, "name");
        }

        /** Whether the pattern (ignoring negation) covers the interface called {@code device}. */
        public boolean covers(String device) {
            if (name.endsWith("+") || name.endsWith("*")) {
                return device.startsWith(name.substring(0, name.length() - 1));
            }
            return device.equals(name);
        }
    }

    /**
     * Ports ({@code --dport}, {@code --sport}, {@code -m multiport --dports}, {@code tcp dport { 22, 80 }}).
     *
     * @param side    which port
     * @param negated whether inverted
     * @param ranges  the ports, as ranges (a single port is a range of one)
     */
    record Ports(Side side, boolean negated, List<PortRange> ranges) implements Match {
        /** Validates and copies the components. */
        public Ports {
            Objects.requireNonNull(side, "side");
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new ValidationException("a port match needs at least one port");
            }
        }

        /** Whether the port (ignoring negation) is one of the ranges. */
        public boolean covers(int port) {
            for (PortRange r : ranges) {
                if (port >= r.first() && port <= r.last()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Connection-tracking states.
     *
     * @param negated whether inverted
     * @param states  the states, any of which matches
     */
    record State(boolean negated, Set<CtState> states) implements Match {
        /** Validates and copies the components. */
        public State {
            states = Set.copyOf(states);
        }
    }

    /**
     * TCP flags ({@code --tcp-flags mask set}, {@code --syn}).
     *
     * @param negated     whether inverted
     * @param mask        the flags examined
     * @param comparison  the flags that must be set among {@code mask}
     */
    record TcpFlags(boolean negated, Set<String> mask, Set<String> comparison) implements Match {
        /** Validates and copies the components. */
        public TcpFlags {
            mask = Set.copyOf(mask);
            comparison = Set.copyOf(comparison);
        }
    }

    /**
     * An ICMP or ICMPv6 type ({@code --icmp-type}, {@code --icmpv6-type}).
     *
     * @param negated whether inverted
     * @param type    the type as written
     */
    record Icmp(boolean negated, String type) implements Match {
        /** Validates the components. */
        public Icmp {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A comment; never affects matching.
     *
     * @param text the comment, unquoted
     */
    record Comment(String text) implements Match {
        /** Validates the components. */
        public Comment {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean negated() {
            return false;
        }
    }

    /**
     * A rate limit ({@code -m limit --limit 3/min --limit-burst 10}).
     *
     * @param negated whether inverted
     * @param rate    the rate as written, e.g. {@code 3/min}
     * @param burst   the burst
     */
    record Limit(boolean negated, String rate, int burst) implements Match {
        /** Validates the components. */
        public Limit {
            Objects.requireNonNull(rate, "rate");
        }
    }

    /**
     * A per-flow rate limit ({@code -m hashlimit}).
     *
     * @param name    the hash table's name
     * @param rate    the rate as written
     * @param above   true for {@code --hashlimit-above} (matches over the rate), false for {@code --hashlimit-upto}
     * @param options every option as written, in order
     */
    record HashLimit(String name, String rate, boolean above, List<String> options) implements Match {
        /** Validates and copies the components. */
        public HashLimit {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rate, "rate");
            options = List.copyOf(options);
        }

        @Override
        public boolean negated() {
            return false;
        }
    }

    /**
     * A recently-seen list ({@code -m recent --set/--rcheck/--update/--remove}).
     *
     * @param negated whether inverted
     * @param name    the list's name ({@code DEFAULT} when not given)
     * @param mode    {@code set}, {@code rcheck}, {@code update} or {@code remove}
     * @param options every option as written, in order
     */
    record Recent(boolean negated, String name, String mode, List<String> options) implements Match {
        /** Validates and copies the components. */
        public Recent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            options = List.copyOf(options);
        }
    }

    /**
     * Membership of an ipset or nft named set ({@code -m set --match-set name src}, {@code ip saddr @name}).
     *
     * @param negated whether inverted
     * @param set     the set's name
     * @param flags   the direction flags ({@code src}, {@code dst}), in order
     */
    record IpSet(boolean negated, String set, List<String> flags) implements Match {
        /** Validates and copies the components. */
        public IpSet {
            Objects.requireNonNull(set, "set");
            flags = List.copyOf(flags);
        }
    }

    /**
     * An address type ({@code -m addrtype --dst-type LOCAL}, {@code fib daddr type local}).
     *
     * @param side    source or destination
     * @param negated whether inverted
     * @param types   the types ({@code LOCAL}, {@code BROADCAST}, {@code MULTICAST}, ...), any of which matches
     */
    record AddrType(Side side, boolean negated, Set<String> types) implements Match {
        /** Validates and copies the components. */
        public AddrType {
            Objects.requireNonNull(side, "side");
            types = Set.copyOf(types);
        }
    }

    /**
     * One of several alternatives, each a conjunction of matches: an nftables set lookup
     * ({@code iifname { "eth0", "wg0" }}, {@code icmp type { echo-request, destination-unreachable }},
     * a concatenation {@code ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 80 }}) lowered to
     * what each element means. Negated ({@code !=}), none of the alternatives holds.
     *
     * @param negated      whether inverted
     * @param alternatives the alternatives, each non-empty; the match holds when all matches of
     *                     one alternative hold
     */
    record AnyOf(boolean negated, List<List<Match>> alternatives) implements Match {
        /** Validates and copies the components. */
        public AnyOf {
            List<List<Match>> copy = new java.util.ArrayList<>(alternatives.size());
            for (List<Match> a : alternatives) {
                if (a.isEmpty()) {
                    throw new ValidationException("an alternative of a set match needs at least one match");
                }
                copy.add(List.copyOf(a));
            }
            alternatives = java.util.Collections.unmodifiableList(copy);
            if (alternatives.isEmpty()) {
                throw new ValidationException("a set match needs at least one alternative");
            }
        }
    }

    /**
     * A packet, interface or connection attribute compared with values, by its nftables name:
     * {@code nfproto} ({@code ipv4}, {@code ipv6}), {@code pkttype} ({@code unicast},
     * {@code broadcast}, {@code multicast}), {@code iiftype}, {@code mark}, {@code ct status}
     * ({@code dnat}, {@code snat}, {@code confirmed}, ...), {@code ct direction}, {@code ct mark},
     * {@code ct zone}, {@code skuid}, ... The analysis decides the keys it knows for a new
     * connection and takes the others both ways.
     *
     * @param key     the attribute, lower case ({@code ct status}, {@code mark})
     * @param negated whether inverted (then none of the values matches)
     * @param values  the values as written, any of which matches; for a bit field
     *                ({@code ct status dnat,snat}) each value is one flag that must be set
     */
    record Meta(String key, boolean negated, List<String> values) implements Match {
        /** Validates and copies the components. */
        public Meta {
            Objects.requireNonNull(key, "key");
            key = key.toLowerCase(Locale.ROOT);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new ValidationException("a '" + key + "' match needs at least one value");
            }
        }
    }

    /**
     * A condition Bulwark does not understand, kept verbatim.
     *
     * @param module the match module ({@code -m} name) or expression kind
     * @param text   the condition's text as written
     */
    record Other(String module, String text) implements Match {
        /** Validates the components. */
        public Other {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean negated() {
            return false;
        }
    }
}
