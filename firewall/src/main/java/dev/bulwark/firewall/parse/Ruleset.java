package dev.bulwark.firewall.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployed ruleset as read from a machine ({@code iptables-save}, {@code ip6tables-save}, ...):
 * tables with their chains, policies, counters and rules, plus the lines that could not be read
 * (lenient parses only). This describes what the kernel runs, not an intended policy.
 *
 * @param tables   the tables, in the order read
 * @param unparsed lines a lenient parse kept without understanding them
 */
public record Ruleset(List<Table> tables, List<Unparsed> unparsed) {

    /** Validates and copies the components. */
    public Ruleset {
        tables = List.copyOf(tables);
        unparsed = List.copyOf(unparsed);
    }

    /** A ruleset of the given tables with nothing unparsed. */
    public static Ruleset of(List<Table> tables) {
        return new Ruleset(tables, List.of());
    }

    /** The table of the given family and name. */
    public Optional<Table> table(Family family, String name) {
        for (Table t : tables) {
            if (t.family() == family && t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether any table filters packets of the given family (IPv4 when {@code ipv6} is false). */
    public boolean covers(boolean ipv6) {
        for (Table t : tables) {
            if (ipv6 ? t.family().carriesIpv6() : t.family().carriesIpv4()) {
                return true;
            }
        }
        return false;
    }

    /**
     * This ruleset and another in one, e.g. {@code iptables-save} and {@code ip6tables-save} of the
     * same machine.
     */
    public Ruleset merge(Ruleset other) {
        Objects.requireNonNull(other, "other");
        List<Table> all = new ArrayList<>(tables);
        all.addAll(other.tables);
        List<Unparsed> bad = new ArrayList<>(unparsed);
        bad.addAll(other.unparsed);
        return new Ruleset(all, bad);
    }

    /** Every rule that has a part Bulwark did not understand, in table and chain order. */
    public List<Rule> rulesNotUnderstood() {
        List<Rule> out = new ArrayList<>();
        for (Table t : tables) {
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    if (!r.notUnderstood().isEmpty()) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /** The number of rules in all tables. */
    public int ruleCount() {
        int n = 0;
        for (Table t : tables) {
            n += t.ruleCount();
        }
        return n;
    }

    @Override
    public String toString() {
        return "Ruleset" + tables + (unparsed.isEmpty() ? "" : " (" + unparsed.size() + " lines not parsed)");
    }
}
