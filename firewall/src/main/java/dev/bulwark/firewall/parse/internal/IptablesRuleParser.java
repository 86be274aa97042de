package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Match;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the options of one {@code -A chain ...} line into matches and a target specification,
 * following {@code iptables(8)} and {@code iptables-extensions(8)}. One parser serves every line of
 * a text (it reuses its buffers); each line is read in one pass, so the work is linear in its
 * length. Not API.
 */
final class IptablesRuleParser {

    /**
     * The target as written: its name, whether it was {@code -g}, and its options.
     *
     * @param name   the target or chain name; empty when the rule has none
     * @param isGoto whether given with {@code -g}
     * @param args   the target's options as written, unquoted
     * @param column where the target name is
     */
    record TargetSpec(String name, boolean isGoto, List<String> args, int column) {
    }

    /** How an address match is named in a message: its network, or its text when it is not one network. */
    static String shown(Match m) {
        if (m instanceof Match.Addr && ((Match.Addr) m).networks().size() == 1) {
            return ((Match.Addr) m).network().toString();
        }
        if (m instanceof Match.Other) {
            String text = ((Match.Other) m).text();
            return text.substring(text.lastIndexOf(' ') + 1);
        }
        return ((Match.Addr) m).networks().toString();
    }

    private final String source;
    private final IptablesLine words;
    private final MatchCache cache = new MatchCache();
    private final ModuleOptions options;
    private final ModuleMatches modules = new ModuleMatches(cache);
    private final List<Match> matches = new ArrayList<>();
    private int line;
    private String implicit;
    private int ipv6;
    private Match address;
    private Match conflict;
    private String targetName;
    private boolean targetGoto;
    private List<String> targetArgs;
    private int targetColumn;

    IptablesRuleParser(String source, IptablesLine words) {
        this.source = source;
        this.words = words;
        this.options = new ModuleOptions(words);
    }

    private ParseException error(int column, String reason) {
        return new ParseException(new Position(source, line, Math.max(1, column)), reason, words.line());
    }

    private static boolean isCore(String w) {
        switch (w) {
            case "-p", "--protocol", "-s", "--source", "--src", "-d", "--destination", "--dst", "-i", "--in-interface",
                    "-o", "--out-interface", "-f", "--fragment", "-j", "--jump", "-g", "--goto", "-m", "--match", "-c",
                    "--set-counters":
                return true;
            default:
                return false;
        }
    }

    /** Whether word {@code i} is an option of iptables itself, or a run of {@code !} before one. */
    private boolean isCore(int i) {
        int k = i;
        while (k < words.size() && words.isBang(k)) {
            k++;
        }
        return k < words.size() && !words.quoted(k) && words.isOptionLike(k) && isCore(words.text(k));
    }

    /**
     * Parses the words from {@code from} on (after {@code -A chain}) of line {@code lineNumber}; the
     * target as written and the addresses' family are then available from this parser until the
     * next line.
     */
    List<Match> parse(int from, int lineNumber) {
        line = lineNumber;
        matches.clear();
        implicit = null;
        ipv6 = -1;
        address = null;
        conflict = null;
        targetName = "";
        targetGoto = false;
        targetArgs = List.of();
        targetColumn = 1;
        int bang = -1;
        int n = words.size();
        int i = from;
        while (i < n) {
            if (words.isBang(i)) {
                if (bang >= 0) {
                    throw error(words.column(i), "double negation");
                }
                bang = i;
                i++;
                continue;
            }
            boolean negate = bang >= 0;
            String opt = words.quoted(i) ? null : words.text(i);
            if (opt == null || !isCore(opt)) {
                if (opt != null && opt.startsWith("--")) {
                    // an option of the module -p loaded implicitly, e.g. "-p tcp --dport 22"
                    if (implicit == null) {
                        throw error(words.column(i), "option '" + opt + "' needs a match module (-m) or -p");
                    }
                    i = module(implicit, i, bang);
                    bang = -1;
                    continue;
                }
                throw error(words.column(i), "unexpected '" + words.text(i) + "'");
            }
            switch (opt) {
                case "-m", "--match" -> {
                    int name = value(i);
                    if (negate) {
                        throw error(words.column(bang), "'!' cannot negate a match module; negate one of its options");
                    }
                    i = module(words.text(name), i + 2, -1);
                    continue;
                }
                case "-f", "--fragment" -> {
                    matches.add(new Match.Other("fragment", negate ? "! -f" : "-f"));
                    i++;
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    if (negate) {
                        throw error(words.column(bang), "'!' cannot negate a target");
                    }
                    int name = value(i);
                    int j = i + 2;
                    while (j < n) {
                        // a run of '!' is looked at once, so that a line of many '!' stays linear
                        int k = j;
                        while (k < n && words.isBang(k)) {
                            k++;
                        }
                        if (k < n && !words.quoted(k) && words.isOptionLike(k) && isCore(words.text(k))) {
                            break;
                        }
                        j = k > j ? k : j + 1;
                    }
                    if (!targetName.isEmpty()) {
                        throw error(words.column(i), "a rule has at most one target");
                    }
                    targetName = words.text(name);
                    targetGoto = opt.equals("-g") || opt.equals("--goto");
                    targetArgs = j == i + 2 ? List.of() : List.of(words.texts(i + 2, j));
                    targetColumn = words.column(name);
                    i = j;
                    bang = -1;
                    continue;
                }
                case "-c", "--set-counters" -> {
                    if (negate) {
                        throw error(words.column(bang), "'!' cannot negate the counters");
                    }
                    value(i);
                    value(i + 1);
                    i += 3;
                }
                default -> {
                    int v = value(i);
                    switch (opt) {
                        case "-p", "--protocol" -> protocol(negate, words.text(v));
                        case "-s", "--source", "--src" -> address(Match.Side.SOURCE, bang, i, v);
                        case "-d", "--destination", "--dst" -> address(Match.Side.DESTINATION, bang, i, v);
                        case "-i", "--in-interface" -> matches.add(iface(true, negate, v));
                        default -> matches.add(iface(false, negate, v));
                    }
                    i += 2;
                }
            }
            bang = -1;
        }
        if (bang >= 0) {
            throw error(words.column(bang), "'!' at the end of the rule negates nothing");
        }
        return List.copyOf(matches);
    }

    /** The target or chain name of the last line; empty when it has none. */
    String targetName() {
        return targetName;
    }

    /** Whether the last line's target was given with {@code -g}. */
    boolean targetGoto() {
        return targetGoto;
    }

    /** The last line's target options as written, unquoted. */
    List<String> targetArgs() {
        return targetArgs;
    }

    /** The last line's target as written, kept for resolving later. */
    TargetSpec target() {
        return new TargetSpec(targetName, targetGoto, targetArgs, targetColumn);
    }

    /** 1 when the last line's first address is IPv6, 0 when IPv4, -1 when it has none. */
    int ipv6() {
        return ipv6;
    }

    /** The last line's first address match, for messages. */
    Match address() {
        return address;
    }

    /** The last line's first address match of the other family than its first, for messages; or null. */
    Match conflict() {
        return conflict;
    }

    private void protocol(boolean negate, String name) {
        matches.add(cache.proto(negate, name));
        if (!negate && implicit == null) {
            implicit = switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "tcp", "6" -> "tcp";
                case "udp", "17" -> "udp";
                case "icmp", "1" -> "icmp";
                case "sctp", "132" -> "sctp";
                case "udplite", "136" -> "udplite";
                case "ipv6-icmp", "icmpv6", "58" -> "icmp6";
                default -> null;
            };
        }
    }

    private int value(int i) {
        if (i + 1 >= words.size()) {
            String t = words.text(i);
            throw error(words.column(i) + t.length(), "option '" + t + "' needs a value");
        }
        if (words.isBang(i + 1)) {
            throw error(words.column(i + 1), "'!' after '" + words.text(i) + "' is the old syntax; write '! "
                    + words.text(i) + "'");
        }
        return i + 1;
    }

    private void address(Match.Side side, int bang, int option, int v) {
        if (!words.quoted(v)) {
            dev.bulwark.core.net.IpNetwork fast = IptablesAddresses.ipv4Cidr(words.line(), words.start(v), words.end(v));
            if (fast != null) {
                Match m = new Match.Addr(side, bang >= 0, fast);
                matches.add(m);
                family(0, m);
                return;
            }
        }
        String text = words.text(v);
        if (text.indexOf(',') >= 0) {
            throw error(words.column(v), "address lists expand to several rules; iptables-save never writes one: '"
                    + text + "'");
        }
        Match m;
        try {
            m = IptablesAddresses.parse(side, bang >= 0, text, words.source(bang >= 0 ? bang : option, v));
        } catch (IllegalArgumentException e) {
            throw error(words.column(v), "bad address '" + text + "': " + e.getMessage());
        }
        matches.add(m);
        family(text.indexOf(':') >= 0 ? 1 : 0, m);
    }

    /** Notes the family of address match {@code m}: 1 for IPv6, 0 for IPv4. */
    private void family(int v6, Match m) {
        if (ipv6 < 0) {
            ipv6 = v6;
            address = m;
        } else if (ipv6 != v6 && conflict == null) {
            conflict = m;
        }
    }

    /**
     * An interface name as iptables takes it: 1 to 15 characters without '/' or blanks (the kernel's
     * limits; iptables prints any other character as it is), a trailing {@code +} matching a prefix.
     */
    private Match iface(boolean input, boolean negate, int v) {
        String n = words.text(v);
        boolean ok = !n.isEmpty() && n.length() <= 15;
        for (int i = 0; i < n.length() && ok; i++) {
            char c = n.charAt(i);
            ok = c != '/' && c != ' ' && c != '\t';
        }
        if (!ok) {
            throw error(words.column(v), "bad interface name '" + n + "'");
        }
        return cache.iface(input, negate, n);
    }

    /** Reads the options of module {@code name} starting at word {@code i}; returns the next index. */
    private int module(String name, int i, int bangFirst) {
        options.clear();
        int bang = bangFirst;
        int j = i;
        int n = words.size();
        while (j < n && !isCore(j)) {
            if (words.isBang(j)) {
                if (bang >= 0) {
                    throw error(words.column(j), "double negation");
                }
                bang = j;
                j++;
                continue;
            }
            if (words.quoted(j) || !words.startsWith(j, "-")) {
                throw error(words.column(j), "unexpected '" + words.text(j) + "' in match '" + name + "'");
            }
            int at = j;
            j++;
            while (j < n && !words.isOptionLike(j)) {
                j++;
            }
            options.add(bang, at, j);
            bang = -1;
        }
        if (bang >= 0) {
            throw error(words.column(j - 1), "'!' negates nothing in match '" + name + "'");
        }
        try {
            modules.interpret(name, options, matches);
        } catch (ModuleMatches.BadOption e) {
            throw error(e.column(), "match '" + name + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            int column = options.size() == 0 ? words.column(Math.max(0, i - 1)) : options.column(0);
            throw error(column, "match '" + name + "': " + e.getMessage());
        }
        return j;
    }
}
