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
import dev.bulwark.firewall.parse.Target;
import dev.bulwark.firewall.parse.Unparsed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code nft -j list ruleset} into a {@link Ruleset}. Named sets defined in the ruleset are
 * resolved into their elements. Rules of iptables-nft tables carry {@code xt} expressions whose
 * arguments nft does not print: they are kept as {@link Match.Other}/{@link Target.Other}. Rule
 * positions name the object's index in the {@code nftables} array as the line. Not API.
 */
public final class NftJsonReader {

    private final String source;
    private final Consumer<ParseException> lenient;
    private final Map<String, TableDraft> tables = new LinkedHashMap<>();
    private final List<Unparsed> unparsed = new ArrayList<>();

    private static final class TableDraft {
        final Family family;
        final String name;
        final Map<String, ChainDraft> chains = new LinkedHashMap<>();
        final Map<String, List<Object>> sets = new LinkedHashMap<>();

        TableDraft(Family family, String name) {
            this.family = family;
            this.name = name;
        }
    }

    private static final class ChainDraft {
        final String name;
        final String type;
        final Optional<Hook> hook;
        final int priority;
        final Optional<Policy> policy;
        final List<Map<String, Object>> rules = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();

        ChainDraft(String name, String type, Optional<Hook> hook, int priority, Optional<Policy> policy) {
            this.name = name;
            this.type = type;
            this.hook = hook;
            this.priority = priority;
            this.policy = policy;
        }
    }

    /**
     * A reader.
     *
     * @param source  the source name for positions
     * @param lenient where to report errors in lenient mode, or {@code null} for strict mode
     */
    public NftJsonReader(String source, Consumer<ParseException> lenient) {
        this.source = source;
        this.lenient = lenient;
    }

    /** Reads the whole text. */
    public Ruleset read(String text) {
        Object root = Json.parse(text, source);
        List<?> items = Values.list(Values.map(root, "top level").get("nftables"), "'nftables'");
        return read(items, item -> null);
    }

    /**
     * Reads the items of libnftables' JSON model (the elements of the {@code nftables} array:
     * {@code {"table": …}}, {@code {"chain": …}}, {@code {"rule": …}}, {@code {"set": …}}, …) as
     * {@link Json} builds them, the one lowering of nftables into the ruleset model that both the
     * JSON and the text reader use.
     *
     * @param items the items, in the order nft prints them
     * @param where the position of an item in its source text (the text reader's line and column),
     *              or {@code null} for JSON, whose items are numbered
     */
    public Ruleset read(List<?> items, java.util.function.Function<Object, Position> where) {
        for (int i = 0; i < items.size(); i++) {
            try {
                item(Values.map(items.get(i), "an nftables item"), i + 1);
            } catch (IllegalArgumentException e) {
                Position at = where.apply(items.get(i));
                ParseException pe = e instanceof ParseException ? (ParseException) e
                        : new ParseException(at != null ? at : new Position(source, i + 1, 1), e.getMessage(),
                                JsonWriter.write(items.get(i)));
                if (lenient == null) {
                    throw pe;
                }
                lenient.accept(pe);
                unparsed.add(new Unparsed(pe.position(), JsonWriter.write(items.get(i)), pe.reason()));
            }
        }
        List<Table> out = new ArrayList<>();
        for (TableDraft t : tables.values()) {
            List<Chain> chains = new ArrayList<>();
            for (ChainDraft c : t.chains.values()) {
                List<Rule> rules = new ArrayList<>();
                for (int k = 0; k < c.rules.size(); k++) {
                    rules.add(rule(t, c.rules.get(k), c.indexes.get(k)));
                }
                chains.add(new Chain(c.name, c.type, c.hook, c.priority, c.policy, Counters.ZERO, rules));
            }
            out.add(new Table(t.family, t.name, chains));
        }
        return new Ruleset(out, unparsed);
    }

    private static String key(Object family, Object table) {
        return family + " " + table;
    }

    private void item(Map<String, Object> item, int index) {
        if (item.size() != 1) {
            throw new IllegalArgumentException("an nftables item has exactly one key, got " + item.keySet());
        }
        String kind = item.keySet().iterator().next();
        Map<String, Object> o = kind.equals("metainfo") ? Map.of() : Values.map(item.get(kind), kind);
        switch (kind) {
            case "metainfo" -> {
            }
            case "table" -> {
                Family f = NftNames.family(Values.string(o.get("family"), "family"));
                String name = Values.string(o.get("name"), "name");
                tables.putIfAbsent(key(f.wireName(), name), new TableDraft(f, name));
            }
            case "chain" -> {
                TableDraft t = table(o);
                String name = Values.string(o.get("name"), "name");
                Optional<Hook> hook = o.containsKey("hook") ? Optional.of(NftNames.hook(Values.string(o.get("hook"), "hook")))
                        : Optional.empty();
                int prio = o.containsKey("prio") ? Values.number(o.get("prio"), "prio").intValueExact() : 0;
                Optional<Policy> policy = hook.isPresent()
                        ? NftNames.policy(o.containsKey("policy") ? Values.string(o.get("policy"), "policy") : "accept")
                        : Optional.empty();
                String type = hook.isPresent() ? Values.string(o.getOrDefault("type", "filter"), "type") : "";
                t.chains.put(name, new ChainDraft(name, type, hook, prio, policy));
            }
            case "set", "map" -> {
                TableDraft t = table(o);
                Object elem = o.get("elem");
                t.sets.put(Values.string(o.get("name"), "name"), elem == null ? List.of() : new ArrayList<Object>(Values.list(elem, "elem")));
            }
            case "rule" -> {
                TableDraft t = table(o);
                String chain = Values.string(o.get("chain"), "chain");
                ChainDraft c = t.chains.get(chain);
                if (c == null) {
                    throw new IllegalArgumentException("rule for chain '" + chain + "' which is not declared in table "
                            + t.family.wireName() + " " + t.name);
                }
                Values.list(o.get("expr"), "expr");
                c.rules.add(o);
                c.indexes.add(index);
            }
            default -> {
                // flowtables, counters, quotas, ct helpers, elements: not part of the packet path modelled here
            }
        }
    }

    private TableDraft table(Map<String, Object> o) {
        String family = Values.string(o.get("family"), "family");
        String name = Values.string(o.get("table"), "table");
        TableDraft t = tables.get(key(family, name));
        if (t == null) {
            throw new IllegalArgumentException("table " + family + " " + name + " is not declared");
        }
        return t;
    }

    private Rule rule(TableDraft t, Map<String, Object> o, int index) {
        NftJsonExpressions ex = new NftJsonExpressions(t.sets, t.chains.keySet());
        for (Object e : Values.list(o.get("expr"), "expr")) {
            ex.add(Values.map(e, "an expression"));
        }
        List<Match> matches = new ArrayList<>(ex.matches());
        if (o.get("comment") instanceof String) {
            matches.add(new Match.Comment((String) o.get("comment")));
        }
        Target target = ex.target();
        return new Rule(Position.of(source, index), matches, target, Optional.empty(), JsonWriter.write(o));
    }

    /** Typed access to JSON values. */
    static final class Values {
        private Values() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object v, String what) {
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return (Map<String, Object>) v;
        }

        static List<?> list(Object v, String what) {
            if (!(v instanceof List)) {
                throw new IllegalArgumentException(what + " is not a JSON array");
            }
            return (List<?>) v;
        }

        static String string(Object v, String what) {
            if (!(v instanceof String)) {
                throw new IllegalArgumentException(what + " is not a JSON string");
            }
            return (String) v;
        }

        static BigDecimal number(Object v, String what) {
            if (!(v instanceof BigDecimal)) {
                throw new IllegalArgumentException(what + " is not a JSON number");
            }
            return (BigDecimal) v;
        }
    }
}
