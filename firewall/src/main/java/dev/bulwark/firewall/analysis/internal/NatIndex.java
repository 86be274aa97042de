package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.NatAddress;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The destination NAT rules of one family, and the port classes of its rules: which original ports
 * a DNAT or REDIRECT may turn into a given port, and which ranges of ports every rule treats alike
 * (so that one port stands for its class). Not API.
 */
final class NatIndex {

    private static final List<String> DEFAULT_PROTOCOLS = List.of("tcp", "udp");

    /**
     * One DNAT or REDIRECT (a rule, or one entry of its map).
     *
     * @param rule      the rule
     * @param nat       the NAT target
     * @param originals the destination ports it catches (all ports when the rule does not say)
     * @param protocols the protocols it catches
     */
    record Entry(Rule rule, Target.Nat nat, List<PortRange> originals, List<String> protocols) {
    }

    private final List<Entry> entries;
    private final int[] starts;

    private NatIndex(List<Entry> entries, int[] starts) {
        this.entries = entries;
        this.starts = starts;
    }

    static NatIndex of(Ruleset rules, boolean ipv6) {
        List<Entry> entries = new ArrayList<>();
        BitSet bounds = new BitSet(PortRange.MAX_PORT + 2);
        bounds.set(1);
        for (Table t : rules.tables()) {
            if (!(ipv6 ? t.family().carriesIpv6() : t.family().carriesIpv4()) && t.family() != Family.NETDEV) {
                continue;
            }
            boolean natTable = ChainWalker.isNatTable(t);
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    bounds(r.matches(), bounds);
                    if (natTable && r.target() instanceof Target.Other && !ChainWalker.continues(r.target())) {
                        entries.add(entry(r, ChainWalker.unknownNat(), r.matches()));
                    } else if (r.target() instanceof Target.Nat && ((Target.Nat) r.target()).rewritesDestination()) {
                        entries.add(entry(r, (Target.Nat) r.target(), r.matches()));
                    } else if (r.target() instanceof Target.VerdictMap) {
                        for (Target.VerdictMap.Entry e : ((Target.VerdictMap) r.target()).entries()) {
                            bounds(e.when(), bounds);
                            if (e.verdict() instanceof Target.Nat && ((Target.Nat) e.verdict()).rewritesDestination()) {
                                List<Match> all = new ArrayList<>(r.matches());
                                all.addAll(e.when());
                                entries.add(entry(r, (Target.Nat) e.verdict(), all));
                            }
                        }
                    }
                }
            }
        }
        return new NatIndex(List.copyOf(entries), bounds.get(0, PortRange.MAX_PORT + 1).stream().toArray());
    }

    private static void bounds(List<Match> matches, BitSet bounds) {
        // indexed (the lists are List.copyOf's): this runs over every rule, and an iterator per list adds up
        for (int i = 0, n = matches.size(); i < n; i++) {
            Match m = matches.get(i);
            if (m instanceof Match.Ports && ((Match.Ports) m).side() != Match.Side.SOURCE) {
                List<PortRange> ranges = ((Match.Ports) m).ranges();
                for (int j = 0, k = ranges.size(); j < k; j++) {
                    PortRange p = ranges.get(j);
                    bounds.set(p.first());
                    bounds.set(p.last() + 1);
                }
            } else if (m instanceof Match.AnyOf) {
                for (List<Match> alt : ((Match.AnyOf) m).alternatives()) {
                    bounds(alt, bounds);
                }
            }
        }
    }

    private static Entry entry(Rule r, Target.Nat nat, List<Match> matches) {
        List<PortRange> originals = List.of(PortRange.ALL);
        List<String> protocols = DEFAULT_PROTOCOLS;
        for (Match m : matches) {
            if (m instanceof Match.Ports && !m.negated() && ((Match.Ports) m).side() == Match.Side.DESTINATION
                    && originals.equals(List.of(PortRange.ALL))) {
                originals = ((Match.Ports) m).ranges();
            } else if (m instanceof Match.Proto && !m.negated()) {
                List<String> named = new ArrayList<>();
                for (String p : ((Match.Proto) m).names()) {
                    String n = switch (p.toLowerCase(Locale.ROOT)) {
                        case "6" -> "tcp";
                        case "17" -> "udp";
                        case "132" -> "sctp";
                        case "33" -> "dccp";
                        default -> p.toLowerCase(Locale.ROOT);
                    };
                    if (List.of("tcp", "udp", "sctp", "dccp").contains(n)) {
                        named.add(n);
                    } else if (n.equals("all") || n.equals("0")) {
                        named.addAll(DEFAULT_PROTOCOLS);
                    }
                }
                protocols = named;
            }
        }
        return new Entry(r, nat, originals, protocols);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The port classes (ranges every rule treats alike) that make up {@code ranges}. */
    List<PortRange> classes(List<PortRange> ranges) {
        List<PortRange> out = new ArrayList<>();
        for (PortRange r : ranges) {
            int i = java.util.Arrays.binarySearch(starts, r.first());
            i = i >= 0 ? i : -i - 2;
            int from = r.first();
            while (from <= r.last()) {
                int next = i + 1 < starts.length ? starts[i + 1] : PortRange.MAX_PORT + 1;
                int to = Math.min(r.last(), next - 1);
                out.add(PortRange.of(from, to));
                from = to + 1;
                i++;
            }
        }
        return out;
    }

    /** One port of each class whose connections a DNAT or REDIRECT of {@code protocol} may send to {@code port}. */
    List<Integer> originalsFor(String protocol, int port) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Entry e : entries) {
            if (!e.protocols().contains(protocol)) {
                continue;
            }
            Optional<NatAddress> to = e.nat().destination();
            Optional<PortRange> ports = to.flatMap(NatAddress::ports);
            // a target that cannot be read (an xt target nft could not print is a DNAT without "to")
            // may send the connection to any port, this one included
            boolean unknown = e.nat().to().isPresent() ? to.isEmpty() : e.nat().kind().equals("DNAT");
            if (unknown || ports.isPresent() && port >= ports.get().first() && port <= ports.get().last()) {
                for (PortRange c : classes(e.originals())) {
                    out.add(c.first());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether any rule of the family matches on the destination address (then each local address is analysed apart). */
    static boolean mentionsDestination(Ruleset rules, boolean ipv6) {
        for (Table t : rules.tables()) {
            if (!(ipv6 ? t.family().carriesIpv6() : t.family().carriesIpv4())) {
                continue;
            }
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    if (destination(r.matches())) {
                        return true;
                    }
                    if (r.target() instanceof Target.VerdictMap) {
                        for (Target.VerdictMap.Entry e : ((Target.VerdictMap) r.target()).entries()) {
                            if (destination(e.when())) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean destination(List<Match> matches) {
        for (Match m : matches) {
            if (m instanceof Match.Addr && ((Match.Addr) m).side() == Match.Side.DESTINATION
                    || m instanceof Match.AddrRange && ((Match.AddrRange) m).side() == Match.Side.DESTINATION) {
                return true;
            }
            if (m instanceof Match.AnyOf) {
                for (List<Match> alt : ((Match.AnyOf) m).alternatives()) {
                    if (destination(alt)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
