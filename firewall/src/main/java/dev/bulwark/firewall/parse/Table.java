package dev.bulwark.firewall.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployed table: {@code filter}, {@code nat}, {@code mangle}, {@code raw} or {@code security} of
 * iptables, or any named nftables table.
 *
 * @param family the address family
 * @param name   the table's name
 * @param chains the chains, in the order they were declared
 * @param sets   the table's named sets and maps (nftables), in the order they were declared
 */
public record Table(Family family, String name, List<Chain> chains, List<NamedSet> sets) {

    /** Validates and copies the components. */
    public Table {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        chains = List.copyOf(chains);
        sets = List.copyOf(sets);
    }

    /** A table without named sets (iptables). */
    public Table(Family family, String name, List<Chain> chains) {
        this(family, name, chains, List.of());
    }

    /** The named set or map of the given name. */
    public Optional<NamedSet> set(String setName) {
        for (NamedSet s : sets) {
            if (s.name().equals(setName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The chain of the given name. */
    public Optional<Chain> chain(String chainName) {
        for (Chain c : chains) {
            if (c.name().equals(chainName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The number of rules in all chains. */
    public int ruleCount() {
        int n = 0;
        for (Chain c : chains) {
            n += c.rules().size();
        }
        return n;
    }

    @Override
    public String toString() {
        return family.wireName() + " " + name + " (" + chains.size() + " chains, " + ruleCount() + " rules)";
    }
}
