package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.parse.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the options of one {@code -A chain ...} line into matches and a target specification,
 * following {@code iptables(8)} and {@code iptables-extensions(8)}. Not API.
 */
public final class IptablesRuleParser {

    private static final Set<String> CORE = Set.of("-p", "--protocol", "-s", "--source", "--src", "-d",
            "--destination", "--dst", "-i", "--in-interface", "-o", "--out-interface", "-f", "--fragment",
            "-j", "--jump", "-g", "--goto", "-m", "--match", "-c", "--set-counters");

    private static final java.util.regex.Pattern IFACE = java.util.regex.Pattern.compile("[A-Za-z0-9_.:@+-]{1,15}");

    private final String source;
    private final int line;
    private final String text;

    /**
     * The target as written: its name, whether it was {@code -g}, and its options.
     *
     * @param name   the target or chain name; empty when the rule has none
     * @param isGoto whether given with {@code -g}
     * @param args   the target's options as written
     * @param column where the target name is
     */
    public record TargetSpec(String name, boolean isGoto, List<String> args, int column) {
        /** Copies the components. */
        public TargetSpec {
            args = List.copyOf(args);
        }
    }

    /**
     * A parsed rule before its target is resolved against the table's chains.
     *
     * @param matches the conditions
     * @param target  the target as written
     */
    public record Parsed(List<Match> matches, TargetSpec target) {
    }

    private IptablesRuleParser(String source, int line, String text) {
        this.source = source;
        this.line = line;
        this.text = text;
    }

    /** Parses the tokens after {@code -A chain}. */
    public static Parsed parse(List<Token> tokens, String source, int line, String text) {
        return new IptablesRuleParser(source, line, text).run(tokens);
    }

    private ParseException error(int column, String reason) {
        return new ParseException(new Position(source, line, Math.max(1, column)), reason, text);
    }

    private Parsed run(List<Token> tokens) {
        List<Match> matches = new ArrayList<>();
        TargetSpec target = new TargetSpec("", false, List.of(), 1);
        boolean negate = false;
        int negateColumn = 0;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is("!")) {
                if (negate) {
                    throw error(t.column(), "double negation");
                }
                negate = true;
                negateColumn = t.column();
                i++;
                continue;
            }
            if (t.quoted() || !CORE.contains(t.text())) {
                if (!t.quoted() && t.text().startsWith("--")) {
                    // an option of the module -p loaded implicitly, e.g. "-p tcp --dport 22"
                    String proto = implicitProtocol(matches);
                    if (proto.isEmpty()) {
                        throw error(t.column(), "option '" + t.text() + "' needs a match module (-m) or -p");
                    }
                    i = module(proto, tokens, i, negate, matches);
                    negate = false;
                    continue;
                }
                throw error(t.column(), "unexpected '" + t.text() + "'");
            }
            String opt = t.text();
            if (opt.equals("-m") || opt.equals("--match")) {
                Token name = value(tokens, i);
                if (negate) {
                    throw error(negateColumn, "'!' cannot negate a match module; negate one of its options");
                }
                i = module(name.text(), tokens, i + 2, false, matches);
                continue;
            }
            if (opt.equals("-f") || opt.equals("--fragment")) {
                matches.add(new Match.Other("fragment", (negate ? "! " : "") + "-f"));
                negate = false;
                i++;
                continue;
            }
            if (opt.equals("-j") || opt.equals("--jump") || opt.equals("-g") || opt.equals("--goto")) {
                if (negate) {
                    throw error(negateColumn, "'!' cannot negate a target");
                }
                Token name = value(tokens, i);
                int j = i + 2;
                List<String> args = new ArrayList<>();
                while (j < tokens.size() && !isCore(tokens, j)) {
                    args.add(tokens.get(j).text());
                    j++;
                }
                if (!target.name().isEmpty()) {
                    throw error(t.column(), "a rule has at most one target");
                }
                target = new TargetSpec(name.text(), opt.startsWith("-g") || opt.equals("--goto"), args, name.column());
                i = j;
                continue;
            }
            if (opt.equals("-c") || opt.equals("--set-counters")) {
                value(tokens, i);
                value(tokens, i + 1);
                i += 3;
                continue;
            }
            Token v = value(tokens, i);
            switch (opt) {
                case "-p", "--protocol" -> matches.add(new Match.Proto(negate, v.text()));
                case "-s", "--source", "--src" -> matches.add(address(Match.Side.SOURCE, negate, v));
                case "-d", "--destination", "--dst" -> matches.add(address(Match.Side.DESTINATION, negate, v));
                case "-i", "--in-interface" -> matches.add(iface(true, negate, v));
                default -> matches.add(iface(false, negate, v));
            }
            negate = false;
            i += 2;
        }
        if (negate) {
            throw error(negateColumn, "'!' at the end of the rule negates nothing");
        }
        return new Parsed(matches, target);
    }

    private static String implicitProtocol(List<Match> matches) {
        for (Match m : matches) {
            if (m instanceof Match.Proto && !m.negated()) {
                String p = ((Match.Proto) m).name();
                return switch (p) {
                    case "tcp", "udp", "icmp", "sctp", "udplite" -> p;
                    case "ipv6-icmp", "icmpv6" -> "icmp6";
                    default -> "";
                };
            }
        }
        return "";
    }

    private boolean isCore(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.quoted()) {
            return false;
        }
        if (t.text().equals("!")) {
            return i + 1 < tokens.size() && isCore(tokens, i + 1);
        }
        return CORE.contains(t.text());
    }

    private Token value(List<Token> tokens, int i) {
        if (i + 1 >= tokens.size()) {
            Token t = tokens.get(i);
            throw error(t.column() + t.text().length(), "option '" + t.text() + "' needs a value");
        }
        Token v = tokens.get(i + 1);
        if (v.is("!")) {
            throw error(v.column(), "'!' after '" + tokens.get(i).text() + "' is the old syntax; write '! "
                    + tokens.get(i).text() + "'");
        }
        return v;
    }

    private Match address(Match.Side side, boolean negate, Token v) {
        if (v.text().contains(",")) {
            throw error(v.column(), "address lists expand to several rules; iptables-save never writes one: '"
                    + v.text() + "'");
        }
        try {
            return new Match.Addr(side, negate, IpNetwork.parse(v.text()));
        } catch (IllegalArgumentException e) {
            throw error(v.column(), "bad address '" + v.text() + "': " + e.getMessage());
        }
    }

    private Match iface(boolean input, boolean negate, Token v) {
        String n = v.text();
        if (!IFACE.matcher(n).matches()) {
            throw error(v.column(), "bad interface name '" + n + "'");
        }
        return new Match.Iface(input, negate, n);
    }

    /** Reads the options of module {@code name} starting at token {@code i}; returns the next index. */
    private int module(String name, List<Token> tokens, int i, boolean negateFirst, List<Match> out) {
        List<Option> options = new ArrayList<>();
        boolean negate = negateFirst;
        int j = i;
        while (j < tokens.size() && !isCore(tokens, j)) {
            Token t = tokens.get(j);
            if (t.is("!")) {
                if (negate) {
                    throw error(t.column(), "double negation");
                }
                negate = true;
                j++;
                continue;
            }
            if (t.quoted() || !t.text().startsWith("-")) {
                throw error(t.column(), "unexpected '" + t.text() + "' in match '" + name + "'");
            }
            int column = t.column();
            List<String> values = new ArrayList<>();
            j++;
            while (j < tokens.size() && !tokens.get(j).isOptionLike()) {
                values.add(tokens.get(j).text());
                j++;
            }
            options.add(new Option(negate, t.text(), values, column));
            negate = false;
        }
        if (negate) {
            throw error(tokens.get(j - 1).column(), "'!' negates nothing in match '" + name + "'");
        }
        try {
            out.addAll(ModuleMatches.interpret(name, options));
        } catch (IllegalArgumentException e) {
            int column = options.isEmpty() ? tokens.get(Math.max(0, i - 1)).column() : options.get(0).column();
            throw error(column, "match '" + name + "': " + e.getMessage());
        }
        return j;
    }
}
