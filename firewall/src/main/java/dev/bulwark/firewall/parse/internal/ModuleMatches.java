package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.Match;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the options of one iptables match module into typed {@link Match}es; options it does not
 * know are kept verbatim in a {@link Match.Other}. Throws {@link IllegalArgumentException} for
 * values that are malformed. Not API.
 */
final class ModuleMatches {

    private static final Set<String> TCP_FLAGS = Set.of("SYN", "ACK", "FIN", "RST", "URG", "PSH", "ALL", "NONE");

    private ModuleMatches() {
    }

    static List<Match> interpret(String module, List<Option> options) {
        List<Match> out = new ArrayList<>();
        List<Option> unknown = new ArrayList<>();
        switch (module) {
            case "tcp", "udp", "sctp", "udplite" -> {
                for (Option o : options) {
                    switch (o.name()) {
                        case "--dport", "--destination-port" -> out.add(ports(Match.Side.DESTINATION, o, false));
                        case "--sport", "--source-port" -> out.add(ports(Match.Side.SOURCE, o, false));
                        case "--syn" -> {
                            if (!module.equals("tcp")) {
                                unknown.add(o);
                            } else {
                                out.add(new Match.TcpFlags(o.negated(), Set.of("SYN", "RST", "ACK", "FIN"), Set.of("SYN")));
                            }
                        }
                        case "--tcp-flags" -> {
                            if (o.values().size() != 2 || !module.equals("tcp")) {
                                throw new IllegalArgumentException("--tcp-flags needs a mask and a set of flags");
                            }
                            out.add(new Match.TcpFlags(o.negated(), flags(o.values().get(0)), flags(o.values().get(1))));
                        }
                        default -> unknown.add(o);
                    }
                }
            }
            case "multiport" -> {
                for (Option o : options) {
                    switch (o.name()) {
                        case "--dports", "--destination-ports" -> out.add(ports(Match.Side.DESTINATION, o, true));
                        case "--sports", "--source-ports" -> out.add(ports(Match.Side.SOURCE, o, true));
                        case "--ports" -> out.add(ports(Match.Side.EITHER, o, true));
                        default -> unknown.add(o);
                    }
                }
            }
            case "conntrack", "state" -> {
                for (Option o : options) {
                    if (o.name().equals(module.equals("state") ? "--state" : "--ctstate")) {
                        out.add(new Match.State(o.negated(), states(o.value())));
                    } else {
                        unknown.add(o);
                    }
                }
            }
            case "comment" -> {
                for (Option o : options) {
                    if (o.name().equals("--comment") && !o.negated()) {
                        if (o.value().length() > 255) {
                            throw new IllegalArgumentException("a comment has at most 255 characters");
                        }
                        out.add(new Match.Comment(o.value()));
                    } else {
                        unknown.add(o);
                    }
                }
            }
            case "limit" -> limit(options, out, unknown);
            case "hashlimit" -> hashlimit(options, out);
            case "recent" -> recent(options, out);
            case "iprange" -> {
                for (Option o : options) {
                    switch (o.name()) {
                        case "--src-range" -> out.add(range(Match.Side.SOURCE, o));
                        case "--dst-range" -> out.add(range(Match.Side.DESTINATION, o));
                        default -> unknown.add(o);
                    }
                }
            }
            case "set" -> {
                for (Option o : options) {
                    if (o.name().equals("--match-set") && o.values().size() == 2) {
                        out.add(new Match.IpSet(o.negated(), o.values().get(0), List.of(o.values().get(1).split(","))));
                    } else {
                        unknown.add(o);
                    }
                }
            }
            case "addrtype" -> {
                for (Option o : options) {
                    switch (o.name()) {
                        case "--src-type" -> out.add(new Match.AddrType(Match.Side.SOURCE, o.negated(), types(o.value())));
                        case "--dst-type" -> out.add(new Match.AddrType(Match.Side.DESTINATION, o.negated(), types(o.value())));
                        default -> unknown.add(o);
                    }
                }
            }
            case "icmp", "icmp6" -> {
                for (Option o : options) {
                    if (o.name().equals("--icmp-type") || o.name().equals("--icmpv6-type")) {
                        out.add(new Match.Icmp(o.negated(), o.value()));
                    } else {
                        unknown.add(o);
                    }
                }
            }
            default -> {
                out.add(new Match.Other(module, verbatim(module, options)));
                return out;
            }
        }
        if (!unknown.isEmpty()) {
            out.add(new Match.Other(module, verbatim(module, unknown)));
        }
        return out;
    }

    private static String verbatim(String module, List<Option> options) {
        StringBuilder text = new StringBuilder("-m ").append(module);
        for (Option o : options) {
            text.append(' ').append(o.text());
        }
        return text.toString();
    }

    private static Match.Ports ports(Match.Side side, Option o, boolean list) {
        String v = o.value();
        List<PortRange> ranges = new ArrayList<>();
        String[] parts = list ? v.split(",", -1) : new String[] {v};
        if (parts.length > 15) {
            throw new IllegalArgumentException("multiport takes at most 15 ports, got " + parts.length);
        }
        for (String p : parts) {
            int colon = p.indexOf(':');
            if (colon < 0) {
                int n = port(p);
                if (n == 0) {
                    throw new IllegalArgumentException("port 0 never carries a connection");
                }
                ranges.add(new PortRange(n, n));
            } else {
                int first = colon == 0 ? 0 : port(p.substring(0, colon));
                int last = colon == p.length() - 1 ? 65535 : port(p.substring(colon + 1));
                if (first > last) {
                    throw new IllegalArgumentException("port range '" + p + "' runs backwards");
                }
                if (last == 0) {
                    throw new IllegalArgumentException("port 0 never carries a connection");
                }
                ranges.add(new PortRange(Math.max(first, PortRange.MIN_PORT), last));
            }
        }
        return new Match.Ports(side, o.negated(), ranges);
    }

    private static int port(String p) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port '" + p + "' is not a number from 0 to 65535");
        }
        int n = Integer.parseInt(p);
        if (n > 65535) {
            throw new IllegalArgumentException("port '" + p + "' is not a number from 0 to 65535");
        }
        return n;
    }

    private static Set<String> flags(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : list.split(",")) {
            String u = f.toUpperCase(Locale.ROOT);
            if (!TCP_FLAGS.contains(u)) {
                throw new IllegalArgumentException("unknown TCP flag '" + f + "'");
            }
            if (u.equals("ALL")) {
                out.addAll(List.of("SYN", "ACK", "FIN", "RST", "URG", "PSH"));
            } else if (!u.equals("NONE")) {
                out.add(u);
            }
        }
        return out;
    }

    private static Set<Match.CtState> states(String list) {
        Set<Match.CtState> out = EnumSet.noneOf(Match.CtState.class);
        for (String s : list.split(",")) {
            try {
                out.add(Match.CtState.of(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown connection state '" + s + "'", e);
            }
        }
        return out;
    }

    private static Set<String> types(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : list.split(",")) {
            out.add(s.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static Match.AddrRange range(Match.Side side, Option o) {
        String v = o.value();
        int dash = v.indexOf('-');
        String first = dash < 0 ? v : v.substring(0, dash);
        String last = dash < 0 ? v : v.substring(dash + 1);
        InetAddress a = IpAddresses.parse(first);
        InetAddress b = IpAddresses.parse(last);
        return new Match.AddrRange(side, o.negated(), a, b);
    }

    private static void limit(List<Option> options, List<Match> out, List<Option> unknown) {
        String rate = "3/hour";
        int burst = 5;
        boolean negated = false;
        for (Option o : options) {
            switch (o.name()) {
                case "--limit" -> {
                    rate = o.value();
                    negated = o.negated();
                }
                case "--limit-burst" -> burst = port(o.value());
                default -> unknown.add(o);
            }
        }
        out.add(new Match.Limit(negated, rate, burst));
    }

    private static void hashlimit(List<Option> options, List<Match> out) {
        String name = "";
        String rate = "";
        boolean above = false;
        List<String> all = new ArrayList<>();
        for (Option o : options) {
            all.add(o.text());
            switch (o.name()) {
                case "--hashlimit-name" -> name = o.value();
                case "--hashlimit-upto", "--hashlimit" -> rate = o.value();
                case "--hashlimit-above" -> {
                    rate = o.value();
                    above = true;
                }
                default -> {
                }
            }
        }
        if (rate.isEmpty()) {
            throw new IllegalArgumentException("hashlimit needs --hashlimit-upto or --hashlimit-above");
        }
        out.add(new Match.HashLimit(name, rate, above, all));
    }

    private static void recent(List<Option> options, List<Match> out) {
        String name = "DEFAULT";
        String mode = "";
        boolean negated = false;
        List<String> all = new ArrayList<>();
        for (Option o : options) {
            all.add(o.text());
            switch (o.name()) {
                case "--name" -> name = o.value();
                case "--set", "--rcheck", "--update", "--remove" -> {
                    if (!mode.isEmpty()) {
                        throw new IllegalArgumentException("recent takes only one of --set, --rcheck, --update, --remove");
                    }
                    mode = o.name().substring(2);
                    negated = o.negated();
                }
                default -> {
                }
            }
        }
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("recent needs one of --set, --rcheck, --update, --remove");
        }
        out.add(new Match.Recent(negated, name, mode, all));
    }
}
