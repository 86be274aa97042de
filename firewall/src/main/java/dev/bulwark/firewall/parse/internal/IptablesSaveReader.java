package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Counters;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Unparsed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code iptables-save} / {@code ip6tables-save} output (the {@code iptables-restore} input
 * format): {@code *table}, {@code :CHAIN POLICY [p:b]}, {@code [p:b] -A CHAIN ...}, {@code COMMIT}.
 * In strict mode the first error is thrown; in lenient mode it is reported to the diagnostics sink
 * and the line kept as {@link Unparsed}. Not API.
 */
public final class IptablesSaveReader {

    private static final Pattern COUNTERS = Pattern.compile("\\[(\\d{1,19}):(\\d{1,19})\\]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:+~@-]{1,28}");
    private static final Pattern TABLE = Pattern.compile("[a-z_]{1,32}");
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");

    private final String source;
    private final Consumer<ParseException> lenient;
    private final List<Table> tables = new ArrayList<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
    private Family family;
    private boolean familyFixed;
    private String table;
    private int tableLine;
    private Map<String, ChainDraft> chains;
    private final Set<String> tableNames = new HashSet<>();
    private final IptablesLine words = new IptablesLine();
    private final IptablesRuleParser parser;
    private final IptablesTargets targets = new IptablesTargets();

    private record Pending(List<Match> matches, IptablesRuleParser.TargetSpec target, Optional<Counters> counters,
                           String text, int line) {
    }

    private static final class ChainDraft {
        final String name;
        final Optional<Policy> policy;
        final Counters counters;
        /** Each a {@link Rule}, or a {@link Pending} rule whose target is resolved at COMMIT. */
        final List<Object> rules = new ArrayList<>();

        ChainDraft(String name, Optional<Policy> policy, Counters counters) {
            this.name = name;
            this.policy = policy;
            this.counters = counters;
        }
    }

    /**
     * A reader.
     *
     * @param source  the source name for positions
     * @param family  the family, or {@code null} to infer it (header comment, then addresses; IPv4 by default)
     * @param lenient where to report errors in lenient mode, or {@code null} for strict mode
     */
    public IptablesSaveReader(String source, Family family, Consumer<ParseException> lenient) {
        this.source = source;
        this.family = family == null ? Family.IPV4 : family;
        this.familyFixed = family != null;
        this.lenient = lenient;
        this.parser = new IptablesRuleParser(source, words);
    }

    /** Reads the whole text. */
    public Ruleset read(String text) {
        int n = 0;
        int from = 0;
        int length = text.length();
        while (true) {
            int newline = text.indexOf('\n', from);
            int end = newline < 0 ? length : newline;
            int cut = end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(from, cut);
            n++;
            try {
                line(line, n);
            } catch (ParseException e) {
                if (lenient == null) {
                    throw e;
                }
                lenient.accept(e);
                unparsed.add(new Unparsed(Position.of(source, n), line, e.reason()));
            }
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        if (table != null) {
            ParseException e = new ParseException(Position.of(source, tableLine),
                    "table '" + table + "' has no COMMIT", "*" + table);
            if (lenient == null) {
                throw e;
            }
            lenient.accept(e);
            commit(n);
        }
        return new Ruleset(tables, unparsed);
    }

    private ParseException error(int line, int column, String reason, String text) {
        return new ParseException(new Position(source, line, column), reason, text);
    }

    private void line(String line, int n) {
        String t = line.strip();
        if (t.isEmpty()) {
            return;
        }
        if (t.startsWith("#")) {
            if (!familyFixed && t.startsWith("# Generated by ip6tables-save")) {
                family = Family.IPV6;
                familyFixed = true;
            }
            return;
        }
        int indent = line.indexOf(t.charAt(0)) + 1;
        if (t.startsWith("*")) {
            String name = t.substring(1).strip();
            if (table != null) {
                throw error(n, indent, "table '" + table + "' is not committed before '" + t + "'", line);
            }
            if (!TABLE.matcher(name).matches()) {
                throw error(n, indent + 1, "bad table name '" + name + "'", line);
            }
            if (tableNames.contains(name)) {
                throw error(n, indent, "table '" + name + "' appears twice", line);
            }
            table = name;
            tableLine = n;
            chains = new LinkedHashMap<>();
            targets.clear();
            return;
        }
        if (table == null) {
            throw error(n, indent, "'" + first(t) + "' outside a table (a table starts with '*filter')", line);
        }
        if (t.equals("COMMIT")) {
            commit(n);
            return;
        }
        if (t.startsWith(":")) {
            declare(t, line, n, indent);
            return;
        }
        rule(line, n);
    }

    private static String first(String t) {
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    private void declare(String t, String line, int n, int indent) {
        String[] parts = BLANKS.split(t.substring(1));
        String name = parts[0];
        if (!NAME.matcher(name).matches()) {
            throw error(n, indent + 1, "bad chain name '" + name + "'", line);
        }
        if (parts.length < 2 || parts.length > 3) {
            throw error(n, indent, "a chain line is ':NAME POLICY [packets:bytes]'", line);
        }
        if (chains.containsKey(name)) {
            throw error(n, indent + 1, "chain '" + name + "' is declared twice", line);
        }
        boolean builtin = IptablesTables.isBuiltin(table, name);
        Optional<Policy> policy;
        switch (parts[1]) {
            case "-" -> policy = builtin ? Optional.of(Policy.ACCEPT) : Optional.empty();
            case "ACCEPT", "DROP" -> {
                if (!builtin) {
                    throw error(n, indent, "only built-in chains have a policy; '" + name
                            + "' is not built into table '" + table + "'", line);
                }
                policy = Optional.of(Policy.valueOf(parts[1]));
            }
            default -> throw error(n, line.indexOf(parts[1], indent) + 1,
                    "policy '" + parts[1] + "' is not ACCEPT, DROP or -", line);
        }
        Counters counters = Counters.ZERO;
        if (parts.length == 3) {
            counters = counters(parts[2], n, line.lastIndexOf(parts[2]) + 1, line);
        }
        chains.put(name, new ChainDraft(name, policy, counters));
    }

    private Counters counters(String text, int n, int column, String line) {
        Matcher m = COUNTERS.matcher(text);
        if (!m.matches()) {
            throw error(n, column, "counters '" + text + "' are not [packets:bytes]", line);
        }
        try {
            return new Counters(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw error(n, column, "counters '" + text + "' are too large", line);
        }
    }

    private void rule(String line, int n) {
        IptablesLine w = words;
        w.tokenize(line, source, n);
        int i = 0;
        Optional<Counters> counters = Optional.empty();
        if (w.size() > 0 && !w.quoted(0) && w.startsWith(0, "[")) {
            counters = Optional.of(counters(w.text(0), n, w.column(0), line));
            i = 1;
        }
        if (i >= w.size() || !(w.is(i, "-A") || w.is(i, "--append"))) {
            int bad = i < w.size() ? i : 0;
            throw error(n, w.size() == 0 ? 1 : w.column(bad), "expected '-A CHAIN', found '"
                    + (w.size() == 0 ? "" : w.text(bad)) + "'", line);
        }
        if (i + 1 >= w.size()) {
            throw error(n, w.column(i), "'-A' needs a chain name", line);
        }
        String chainName = w.text(i + 1);
        ChainDraft chain = chains.get(chainName);
        if (chain == null) {
            throw error(n, w.column(i + 1), "chain '" + chainName + "' is not declared in table '"
                    + table + "'", line);
        }
        List<Match> matches = parser.parse(i + 2, n);
        checkFamily(n, line);
        String ruleText = line.strip();
        String target = parser.targetName();
        if (target.isEmpty() || chains.containsKey(target) || IptablesTargets.isStandard(target)) {
            // resolvable now (iptables itself takes no jump to a chain declared later, and no chain
            // named like a target); built while the rule is at hand rather than in a second pass
            try {
                chain.rules.add(new Rule(Position.of(source, n), matches,
                        targets.resolve(target, parser.targetGoto(), parser.targetArgs(), table, chains.keySet()),
                        counters, ruleText));
                return;
            } catch (IllegalArgumentException e) {
                // reported at COMMIT, in order with the other target errors
            }
        }
        chain.rules.add(new Pending(matches, parser.target(), counters, ruleText, n));
    }

    private void checkFamily(int n, String line) {
        if (parser.ipv6() < 0) {
            return;
        }
        boolean v6 = parser.ipv6() == 1;
        if (!familyFixed) {
            family = v6 ? Family.IPV6 : Family.IPV4;
            familyFixed = true;
        }
        if (v6 != (family == Family.IPV6)) {
            throw familyError(v6, parser.address(), n, line);
        }
        if (parser.conflict() != null) {
            throw familyError(!v6, parser.conflict(), n, line);
        }
    }

    private ParseException familyError(boolean v6, Match address, int n, String line) {
        return error(n, 1, (v6 ? "IPv6" : "IPv4") + " address " + IptablesRuleParser.shown(address)
                + " in an " + (v6 ? "IPv4" : "IPv6") + " ruleset", line);
    }

    private void commit(int n) {
        List<Chain> built = new ArrayList<>();
        for (ChainDraft d : chains.values()) {
            List<Rule> rules = new ArrayList<>(d.rules.size());
            for (Object o : d.rules) {
                if (o instanceof Rule) {
                    rules.add((Rule) o);
                    continue;
                }
                Pending r = (Pending) o;
                IptablesRuleParser.TargetSpec p = r.target();
                try {
                    rules.add(new Rule(Position.of(source, r.line()), r.matches(),
                            targets.resolve(p, table, chains.keySet()), r.counters(), r.text()));
                } catch (IllegalArgumentException e) {
                    ParseException pe = error(r.line(), p.column(), e.getMessage(), r.text());
                    if (lenient == null) {
                        throw pe;
                    }
                    lenient.accept(pe);
                    unparsed.add(new Unparsed(Position.of(source, r.line()), r.text(), pe.reason()));
                }
            }
            Optional<Hook> hook = IptablesTables.isBuiltin(table, d.name) ? Hook.ofBuiltinChain(d.name) : Optional.empty();
            String type = hook.map(h -> IptablesTables.type(table, h)).orElse("");
            int priority = hook.map(h -> IptablesTables.priority(table, h)).orElse(0);
            built.add(new Chain(d.name, type, hook, priority, d.policy, d.counters, rules));
        }
        tables.add(new Table(family, table, built));
        tableNames.add(table);
        targets.clear();
        table = null;
        chains = null;
    }

    /** The family the text was read as (after {@link #read}). */
    public Family family() {
        return family;
    }

    /** Re-labels every table with the final family (rules may reveal it after the first table). */
    public Ruleset relabel(Ruleset r) {
        List<Table> out = new ArrayList<>();
        for (Table t : r.tables()) {
            out.add(new Table(family, t.name(), t.chains()));
        }
        return new Ruleset(out, r.unparsed());
    }
}
