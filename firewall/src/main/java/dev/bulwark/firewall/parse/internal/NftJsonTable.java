package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One nftables table while its items are read: chains with their rule items, named sets and maps
 * with their elements, stateful objects, and the lookups already lowered (a rule that looks up a
 * set shares one lowered match with every other rule doing the same lookup). Not API.
 */
final class NftJsonTable {

    final Family family;
    final String name;
    /** Whether the table is dormant ({@code flags dormant}): its base chains are not attached. */
    boolean dormant;
    final Map<String, ChainDraft> chains = new LinkedHashMap<>();
    final Map<String, SetDraft> sets = new LinkedHashMap<>();
    /** Named stateful objects ({@code limit}, {@code quota}) by kind and name. */
    final Map<String, Map<String, Object>> objects = new HashMap<>();
    /** Sets and maps that rules change at run time ({@code add @s}, {@code update @s}, {@code meter}). */
    final Set<String> filledByRules = new HashSet<>();
    /** Lowered set lookups and verdict maps, by left expression, operator and set name. */
    final Map<String, List<Match>> lookups = new HashMap<>();
    final Map<String, Target> maps = new HashMap<>();

    NftJsonTable(Family family, String name) {
        this.family = family;
        this.name = name;
    }

    /** A chain while read. */
    static final class ChainDraft {
        final String name;
        final String type;
        final Optional<Hook> hook;
        final int priority;
        final Optional<Policy> policy;
        final List<String> devices;
        final List<Object> rules = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();

        ChainDraft(String name, String type, Optional<Hook> hook, int priority, Optional<Policy> policy, List<String> devices) {
            this.name = name;
            this.type = type;
            this.hook = hook;
            this.priority = priority;
            this.policy = policy;
            this.devices = devices;
        }
    }

    /** A named set or map while read. */
    static final class SetDraft {
        final String name;
        final List<String> type;
        final boolean map;
        final List<String> flags;
        final Optional<java.time.Duration> timeout;
        final List<Object> elements = new ArrayList<>();

        SetDraft(String name, List<String> type, boolean map, List<String> flags, Optional<java.time.Duration> timeout) {
            this.name = name;
            this.type = type;
            this.map = map;
            this.flags = flags;
            this.timeout = timeout;
        }
    }

    /** Whether the set's members can change while the ruleset runs. */
    boolean dynamic(SetDraft s) {
        return s.flags.contains("dynamic") || s.flags.contains("timeout") || s.timeout.isPresent()
                || filledByRules.contains(s.name);
    }

    /** The set's elements when they are fixed; empty when its members change at run time. */
    Optional<List<Object>> fixedElements(String setName) {
        SetDraft s = sets.get(setName);
        if (s == null) {
            throw new IllegalArgumentException("set '" + setName + "' is not declared in table " + family.wireName() + " " + name);
        }
        return dynamic(s) ? Optional.empty() : Optional.of(s.elements);
    }
}
