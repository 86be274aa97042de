package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
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
 * Turns the options of one iptables match module into typed {@link Match}es, following the forms
 * the modules' save functions print ({@code iptables-extensions(8)}); options it does not know, and
 * values the model cannot hold exactly, are kept verbatim in a {@link Match.Other}. Throws
 * {@link BadOption} for values that are malformed. Not API.
 */
final class ModuleMatches {

    private static final Set<String> TCP_FLAGS = Set.of("SYN", "ACK", "FIN", "RST", "URG", "PSH", "ALL", "NONE");
    private static final Set<String> SYN_MASK = Set.of("SYN", "RST", "ACK", "FIN");
    private static final Set<String> SYN = Set.of("SYN");
    private static final List<String> ALL_FLAGS = List.of("SYN", "ACK", "FIN", "RST", "URG", "PSH");
    /** More ranges than this in one port option is not iptables-save output (multiport holds 15 ports). */
    private static final int MAX_PORTS = 15;

    /** A malformed option value, with the column of the option at fault. */
    static final class BadOption extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int column;

        BadOption(int column, String message) {
            super(message);
            this.column = column;
        }

        int column() {
            return column;
        }
    }

    private final MatchCache cache;
    private final boolean[] unknown = new boolean[64];
    private boolean[] unknownFlags = unknown;

    ModuleMatches(MatchCache cache) {
        this.cache = cache;
    }

    /** Adds the matches of module {@code module} with options {@code o} to {@code out}. */
    void interpret(String module, ModuleOptions o, List<Match> out) {
        int n = o.size();
        boolean[] skip = n <= unknown.length ? unknown : new boolean[n];
        unknownFlags = skip;
        java.util.Arrays.fill(skip, 0, n, false);
        boolean any = false;
        switch (module) {
            case "tcp", "udp", "sctp", "udplite" -> {
                for (int k = 0; k < n; k++) {
                    Match m = switch (o.name(k)) {
                        case "--dport", "--destination-port" -> ports(Match.Side.DESTINATION, o, k, false);
                        case "--sport", "--source-port" -> ports(Match.Side.SOURCE, o, k, false);
                        case "--syn" -> module.equals("tcp") && o.valueCount(k) == 0
                                ? new Match.TcpFlags(o.negated(k), SYN_MASK, SYN) : null;
                        case "--tcp-flags" -> tcpFlags(module, o, k);
                        default -> null;
                    };
                    any |= add(m, k, out);
                }
            }
            case "multiport" -> {
                for (int k = 0; k < n; k++) {
                    Match m = switch (o.name(k)) {
                        case "--dports", "--destination-ports" -> ports(Match.Side.DESTINATION, o, k, true);
                        case "--sports", "--source-ports" -> ports(Match.Side.SOURCE, o, k, true);
                        case "--ports" -> ports(Match.Side.EITHER, o, k, true);
                        default -> null;
                    };
                    any |= add(m, k, out);
                }
            }
            case "conntrack", "state" -> {
                String option = module.equals("state") ? "--state" : "--ctstate";
                for (int k = 0; k < n; k++) {
                    any |= add(o.name(k).equals(option) ? cache.state(o.negated(k), o.value(k), o.column(k)) : null, k, out);
                }
            }
            case "comment" -> {
                for (int k = 0; k < n; k++) {
                    Match m = null;
                    if (o.name(k).equals("--comment") && !o.negated(k)) {
                        String text = o.value(k);
                        if (text.length() > 255) {
                            throw new BadOption(o.column(k), "a comment has at most 255 characters");
                        }
                        m = new Match.Comment(text);
                    }
                    any |= add(m, k, out);
                }
            }
            case "limit" -> any = limit(o, out);
            case "hashlimit" -> hashlimit(o, out);
            case "recent" -> recent(o, out);
            case "iprange" -> {
                for (int k = 0; k < n; k++) {
                    Match m = switch (o.name(k)) {
                        case "--src-range" -> range(Match.Side.SOURCE, o, k);
                        case "--dst-range" -> range(Match.Side.DESTINATION, o, k);
                        default -> null;
                    };
                    any |= add(m, k, out);
                }
            }
            case "set" -> {
                for (int k = 0; k < n; k++) {
                    Match m = null;
                    if (o.name(k).equals("--match-set") && o.valueCount(k) == 2) {
                        m = new Match.IpSet(o.negated(k), o.value(k, 0), List.of(o.value(k, 1).split(",", -1)));
                    }
                    any |= add(m, k, out);
                }
            }
            case "addrtype" -> {
                for (int k = 0; k < n; k++) {
                    Match m = switch (o.name(k)) {
                        case "--src-type" -> new Match.AddrType(Match.Side.SOURCE, o.negated(k), types(o.value(k)));
                        case "--dst-type" -> new Match.AddrType(Match.Side.DESTINATION, o.negated(k), types(o.value(k)));
                        default -> null;
                    };
                    any |= add(m, k, out);
                }
            }
            case "icmp", "icmp6" -> {
                String option = module.equals("icmp") ? "--icmp-type" : "--icmpv6-type";
                for (int k = 0; k < n; k++) {
                    any |= add(o.name(k).equals(option) ? new Match.Icmp(o.negated(k), o.value(k)) : null, k, out);
                }
            }
            default -> {
                java.util.Arrays.fill(skip, 0, n, true);
                any = true;
            }
        }
        if (any) {
            out.add(verbatim(module, o, skip));
        }
    }

    /** Adds {@code m}, or marks option {@code k} as kept verbatim when {@code m} is null; returns the latter. */
    private boolean add(Match m, int k, List<Match> out) {
        if (m == null) {
            unknownFlags[k] = true;
            return true;
        }
        out.add(m);
        return false;
    }

    /** The options marked in {@code keep}, as written, after {@code -m module}. */
    private static Match.Other verbatim(String module, ModuleOptions o, boolean[] keep) {
        StringBuilder text = new StringBuilder("-m ").append(module);
        for (int k = 0; k < o.size(); k++) {
            if (keep[k]) {
                text.append(' ').append(o.text(k));
            }
        }
        return new Match.Other(module, text.toString());
    }

    /**
     * The ports of a port option, within 1 to 65535 (the model's ports). Port 0 is valid to
     * iptables but outside the model: a range starting at 0 keeps its other ports, and an option
     * that names no port from 1 to 65535 (port 0 alone, or a backwards range, which udp and sctp
     * accept and which matches nothing) gives {@code null}, so that it is kept verbatim.
     */
    private Match ports(Match.Side side, ModuleOptions o, int k, boolean list) {
        int column = o.column(k);
        if (!list) {
            IptablesLine w = o.words();
            int word = o.valueWord(k);
            if (!w.quoted(word)) {
                // read in place: a single port is the commonest value of all
                String line = w.line();
                int from = w.start(word);
                int to = w.end(word);
                int colon = from;
                while (colon < to && line.charAt(colon) != ':') {
                    colon++; // within the word only: scanning on to the end of the line would be quadratic
                }
                if (colon == to) {
                    int p = port(line, from, to, column);
                    return p == 0 ? null : cache.ports(side, o.negated(k), p, p);
                }
            }
        }
        String v = o.value(k);
        if (!list) {
            int colon = v.indexOf(':');
            int first = colon == 0 ? 0 : port(v, 0, colon < 0 ? v.length() : colon, column);
            int last = colon < 0 ? first : colon == v.length() - 1 ? 65535 : port(v, colon + 1, v.length(), column);
            if (last == 0 || first > last) {
                return null;
            }
            return cache.ports(side, o.negated(k), Math.max(first, PortRange.MIN_PORT), last);
        }
        List<PortRange> ranges = new ArrayList<>(4);
        int parts = 0;
        int from = 0;
        while (from <= v.length()) {
            int comma = v.indexOf(',', from);
            int to = comma < 0 ? v.length() : comma;
            if (++parts > MAX_PORTS) {
                throw new BadOption(column, "multiport takes at most 15 ports, got " + v.split(",", -1).length);
            }
            int colon = v.indexOf(':', from);
            if (colon < 0 || colon > to) {
                int p = port(v, from, to, column);
                if (p != 0) {
                    ranges.add(new PortRange(p, p));
                }
            } else {
                int first = colon == from ? 0 : port(v, from, colon, column);
                int last = colon == to - 1 ? 65535 : port(v, colon + 1, to, column);
                if (first > last) {
                    throw new BadOption(column, "port range '" + v.substring(from, to) + "' runs backwards");
                }
                if (last != 0) {
                    ranges.add(new PortRange(Math.max(first, PortRange.MIN_PORT), last));
                }
            }
            from = to + 1;
        }
        return ranges.isEmpty() ? null : new Match.Ports(side, o.negated(k), ranges);
    }

    private static int port(String v, int from, int to, int column) {
        int n = 0;
        boolean ok = to > from && to - from <= 5;
        for (int i = from; i < to && ok; i++) {
            char c = v.charAt(i);
            ok = c >= '0' && c <= '9';
            n = n * 10 + c - '0';
        }
        if (!ok || n > 65535) {
            throw new BadOption(column, "port '" + v.substring(from, to) + "' is not a number from 0 to 65535");
        }
        return n;
    }

    private static Match tcpFlags(String module, ModuleOptions o, int k) {
        if (o.valueCount(k) != 2 || !module.equals("tcp")) {
            throw new BadOption(o.column(k), "--tcp-flags needs a mask and a set of flags");
        }
        return new Match.TcpFlags(o.negated(k), flags(o.value(k, 0), o.column(k)), flags(o.value(k, 1), o.column(k)));
    }

    private static Set<String> flags(String list, int column) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : list.split(",", -1)) {
            String u = f.toUpperCase(Locale.ROOT);
            if (!TCP_FLAGS.contains(u)) {
                throw new BadOption(column, "unknown TCP flag '" + f + "'");
            }
            if (u.equals("ALL")) {
                out.addAll(ALL_FLAGS);
            } else if (!u.equals("NONE")) {
                out.add(u);
            }
        }
        return out;
    }

    /** The states of a {@code --ctstate} or {@code --state} list. */
    static Set<Match.CtState> states(String list, int column) {
        Set<Match.CtState> out = EnumSet.noneOf(Match.CtState.class);
        for (String s : list.split(",", -1)) {
            Match.CtState state = null;
            for (Match.CtState c : Match.CtState.values()) {
                if (c.name().equalsIgnoreCase(s.trim())) {
                    state = c;
                }
            }
            if (state == null) {
                throw new BadOption(column, "unknown connection state '" + s + "'");
            }
            out.add(state);
        }
        return out;
    }

    private static Set<String> types(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : list.split(",", -1)) {
            out.add(s.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static Match.AddrRange range(Match.Side side, ModuleOptions o, int k) {
        String v = o.value(k);
        int dash = v.indexOf('-');
        String first = dash < 0 ? v : v.substring(0, dash);
        String last = dash < 0 ? v : v.substring(dash + 1);
        InetAddress a = address(first, o.column(k));
        InetAddress b = address(last, o.column(k));
        if (a.getAddress().length != b.getAddress().length) {
            throw new BadOption(o.column(k), "address range '" + v + "' mixes IPv4 and IPv6");
        }
        return new Match.AddrRange(side, o.negated(k), a, b);
    }

    private static InetAddress address(String text, int column) {
        try {
            return IpAddresses.parse(text);
        } catch (ParseException e) {
            throw new BadOption(column, "bad address '" + text + "': " + e.reason());
        }
    }

    /** Reads {@code -m limit}; returns whether an option was left for {@link Match.Other}. */
    private boolean limit(ModuleOptions o, List<Match> out) {
        String rate = "3/hour";
        int burst = 5;
        boolean negated = false;
        boolean any = false;
        for (int k = 0; k < o.size(); k++) {
            switch (o.name(k)) {
                case "--limit" -> {
                    rate = o.value(k);
                    negated = o.negated(k);
                }
                case "--limit-burst" -> burst = burst(o.value(k), o.column(k));
                default -> any |= add(null, k, out);
            }
        }
        if (burst < 0) {
            // a burst beyond what the model holds: keep the whole match as written
            java.util.Arrays.fill(unknownFlags, 0, o.size(), true);
            return true;
        }
        out.add(cache.limit(negated, rate, burst));
        return any;
    }

    /** The burst, or -1 when it is a number too large for the model. */
    private static int burst(String v, int column) {
        boolean digits = !v.isEmpty() && v.length() <= 10;
        for (int i = 0; i < v.length() && digits; i++) {
            digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        if (!digits) {
            throw new BadOption(column, "burst '" + v + "' is not a number");
        }
        long n = Long.parseLong(v);
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private static void hashlimit(ModuleOptions o, List<Match> out) {
        String name = "";
        String rate = "";
        boolean above = false;
        List<String> all = new ArrayList<>(o.size());
        for (int k = 0; k < o.size(); k++) {
            all.add(o.text(k));
            switch (o.name(k)) {
                case "--hashlimit-name" -> name = o.value(k);
                case "--hashlimit-upto", "--hashlimit" -> rate = o.value(k);
                case "--hashlimit-above" -> {
                    rate = o.value(k);
                    above = true;
                }
                default -> {
                }
            }
        }
        if (rate.isEmpty()) {
            throw new BadOption(o.size() > 0 ? o.column(0) : 1, "hashlimit needs --hashlimit-upto or --hashlimit-above");
        }
        out.add(new Match.HashLimit(name, rate, above, all));
    }

    private static void recent(ModuleOptions o, List<Match> out) {
        String name = "DEFAULT";
        String mode = "";
        boolean negated = false;
        List<String> all = new ArrayList<>(o.size());
        for (int k = 0; k < o.size(); k++) {
            all.add(o.text(k));
            switch (o.name(k)) {
                case "--name" -> name = o.value(k);
                case "--set", "--rcheck", "--update", "--remove" -> {
                    if (!mode.isEmpty()) {
                        throw new BadOption(o.column(k), "recent takes only one of --set, --rcheck, --update, --remove");
                    }
                    mode = o.name(k).substring(2);
                    negated = o.negated(k);
                }
                default -> {
                }
            }
        }
        if (mode.isEmpty()) {
            throw new BadOption(o.size() > 0 ? o.column(0) : 1, "recent needs one of --set, --rcheck, --update, --remove");
        }
        out.add(new Match.Recent(negated, name, mode, all));
    }
}
