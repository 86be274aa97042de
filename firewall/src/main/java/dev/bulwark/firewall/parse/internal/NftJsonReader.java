package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Counters;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.NamedSet;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import dev.bulwark.firewall.parse.Unparsed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lowers libnftables' JSON model ({@code nft -j list ruleset}, libnftables-json(5)) into a
 * {@link Ruleset}: the one lowering of nftables that the JSON reader and the text reader share.
 * Tables of every family, base chains with hook, priority (numbers or standard names), policy and
 * devices, user chains, named sets and maps with their elements (a set that rules fill, or with
 * a timeout, is dynamic), and rules whose statements {@link NftJsonExpressions} lowers. Tables,
 * chains and sets are read first, rules after, so a rule may use a set declared later. Not API.
 */
public final class NftJsonReader {

    private static final Set<String> COMMANDS = Set.of("add", "create", "insert", "replace", "delete", "destroy", "flush",
            "list", "reset", "rename");

    private final String source;
    private final Consumer<ParseException> lenient;
    private final Map<String, NftJsonTable> tables = new LinkedHashMap<>();
    /** Tables whose flags nft printed in a form not understood: their base chains may be dormant. */
    private final Map<NftJsonTable, Object> maybeDormant = new LinkedHashMap<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
    private Function<Object, Position> where = item -> null;
    private Function<Object, String> verbatim = JsonWriter::write;

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

    /** Reads the whole text of {@code nft -j list ruleset}. */
    public Ruleset read(String text) {
        Object root = Json.parse(text, source);
        try {
            List<?> items = NftJsonValues.list(NftJsonValues.map(root, "the top level").get("nftables"), "'nftables'");
            return read(items, item -> null);
        } catch (ParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ParseException(new Position(source, 1, 1), e.getMessage(), text.substring(0, Math.min(40, text.length())));
        }
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
    public Ruleset read(List<?> items, Function<Object, Position> where) {
        return read(items, where, JsonWriter::write);
    }

    /**
     * Like {@link #read(List, Function)}, with the text an item was read from (a rule's
     * {@link Rule#text()}, an unparsed item's text); JSON items are written back as compact JSON.
     */
    public Ruleset read(List<?> items, Function<Object, Position> where, Function<Object, String> text) {
        this.where = where;
        this.verbatim = text;
        for (int i = 0; i < items.size(); i++) {
            try {
                item(NftJsonValues.map(items.get(i), "an nftables item"), items.get(i), i + 1);
            } catch (IllegalArgumentException e) {
                fail(items.get(i), i + 1, e);
            }
        }
        List<Table> out = new ArrayList<>(tables.size());
        for (NftJsonTable t : tables.values()) {
            out.add(table(t));
        }
        return new Ruleset(out, unparsed);
    }

    private Position position(Object item, int index) {
        Position p = where.apply(item);
        return p != null ? p : Position.of(source, index);
    }

    private void fail(Object item, int index, IllegalArgumentException e) {
        Position at = position(item, index);
        String reason = e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage();
        ParseException pe = new ParseException(at, reason, JsonWriter.write(item));
        if (lenient == null) {
            throw pe;
        }
        lenient.accept(pe);
        unparsed.add(new Unparsed(at, verbatim.apply(item), reason));
    }

    private void item(Map<String, Object> item, Object raw, int index) {
        String kind = NftJsonValues.kind(item);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("an nftables item has exactly one key, got " + item.keySet());
        }
        if (COMMANDS.contains(kind)) {
            throw new IllegalArgumentException("'" + kind + "' is a command, not part of a ruleset listing");
        }
        if (kind.equals("metainfo")) {
            return;
        }
        Map<String, Object> o = NftJsonValues.map(item.get(kind), kind);
        switch (kind) {
            case "table" -> {
                Family f = NftNames.family(NftJsonValues.string(o.get("family"), "family"));
                String name = NftJsonValues.string(o.get("name"), "name");
                NftJsonTable t = tables.computeIfAbsent(f.wireName() + " " + name, k -> new NftJsonTable(f, name));
                Object flags = o.get("flags");
                if (flags != null && !knownFlags(flags)) {
                    maybeDormant.put(t, raw);
                }
                if (flags != null && (flags.equals("dormant") || flags instanceof List && ((List<?>) flags).contains("dormant"))) {
                    t.dormant = true;
                }
            }
            case "chain" -> chain(table(o), o);
            case "set", "map" -> set(table(o), o, kind.equals("map"));
            case "element" -> {
                NftJsonTable t = table(o);
                String name = NftJsonValues.string(o.get("name"), "name");
                NftJsonTable.SetDraft s = t.sets.get(name);
                if (s == null) {
                    throw new IllegalArgumentException("set '" + name + "' is not declared in table " + t.family.wireName() + " " + t.name);
                }
                s.elements.addAll(NftJsonValues.list(o.get("elem"), "elem"));
            }
            case "rule" -> {
                NftJsonTable t = table(o);
                String chain = NftJsonValues.string(o.get("chain"), "chain");
                NftJsonTable.ChainDraft c = t.chains.get(chain);
                if (c == null) {
                    throw new IllegalArgumentException("rule for chain '" + chain + "' which is not declared in table "
                            + t.family.wireName() + " " + t.name);
                }
                for (Object e : NftJsonValues.list(o.get("expr"), "expr")) {
                    filledSet(t, e);
                }
                c.rules.add(raw);
                c.indexes.add(index);
            }
            case "limit", "quota" -> table(o).objects.put(kind + " " + NftJsonValues.string(o.get("name"), "name"), o);
            default -> {
                // flowtables, counters, ct helpers/timeouts/expectations, secmarks, synproxies:
                // they act only where a rule names them, and rules are lowered on their own
                table(o);
            }
        }
    }

    private static boolean knownFlags(Object flags) {
        for (Object f : flags instanceof List ? (List<?>) flags : List.of(flags)) {
            if (!"dormant".equals(f) && !"owner".equals(f) && !"persist".equals(f)) {
                return false;
            }
        }
        return true;
    }

    /** Notes the set a statement fills at run time ({@code add @s}, {@code update @s}, a meter). */
    private static void filledSet(NftJsonTable t, Object statement) {
        String kind = NftJsonValues.kind(statement);
        if ((kind.equals("set") || kind.equals("map")) && NftJsonValues.body(statement) instanceof Map) {
            Object name = ((Map<?, ?>) NftJsonValues.body(statement)).get(kind);
            if (name instanceof String) {
                t.filledByRules.add(((String) name).replaceFirst("^@", ""));
            }
        }
    }

    private NftJsonTable table(Map<String, Object> o) {
        String family = NftJsonValues.string(o.get("family"), "family");
        String name = NftJsonValues.string(o.get("table"), "table");
        NftJsonTable t = tables.get(family + " " + name);
        if (t == null) {
            throw new IllegalArgumentException("table " + family + " " + name + " is not declared");
        }
        return t;
    }

    private static void chain(NftJsonTable t, Map<String, Object> o) {
        String name = NftJsonValues.string(o.get("name"), "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("chain name is empty");
        }
        if (t.chains.containsKey(name)) {
            return;
        }
        Optional<Hook> hook = Optional.empty();
        int prio = 0;
        Optional<Policy> policy = Optional.empty();
        String type = "";
        List<String> devices = new ArrayList<>();
        if (o.containsKey("hook")) {
            String h = NftJsonValues.string(o.get("hook"), "hook");
            // egress (netdev, outgoing packets) is no hook of the model; such a chain never runs for it
            hook = h.equals("egress") ? Optional.empty() : Optional.of(NftNames.hook(h));
            Object p = o.get("prio");
            prio = p == null ? 0 : p instanceof String ? NftNames.priority(t.family, (String) p)
                    : NftJsonValues.integer(p, "prio", Integer.MIN_VALUE, Integer.MAX_VALUE);
            policy = NftNames.policy(o.containsKey("policy") ? NftJsonValues.string(o.get("policy"), "policy") : "accept");
            type = NftJsonValues.string(o.getOrDefault("type", "filter"), "type");
            Object dev = o.containsKey("dev") ? o.get("dev") : o.get("devices");
            for (Object d : dev instanceof List ? (List<?>) dev : dev == null ? List.of() : List.of(dev)) {
                devices.add(NftJsonValues.string(d, "device"));
            }
            if (hook.isEmpty()) {
                policy = Optional.empty();
            }
        }
        t.chains.put(name, new NftJsonTable.ChainDraft(name, type, hook, prio, policy, devices));
    }

    private static void set(NftJsonTable t, Map<String, Object> o, boolean isMap) {
        String name = NftJsonValues.string(o.get("name"), "name");
        Object type = o.get("type");
        List<String> types = new ArrayList<>();
        for (Object x : type instanceof List ? (List<?>) type : type == null ? List.of() : List.of(type)) {
            types.add(NftJsonText.expr(x));
        }
        List<String> flags = new ArrayList<>();
        Object f = o.get("flags");
        for (Object x : f instanceof List ? (List<?>) f : f == null ? List.of() : List.of(f)) {
            flags.add(NftJsonValues.string(x, "set flag"));
        }
        Optional<Duration> timeout = o.containsKey("timeout")
                ? Optional.of(Duration.ofSeconds(NftJsonValues.count(o.get("timeout"), "timeout"))) : Optional.empty();
        NftJsonTable.SetDraft s = new NftJsonTable.SetDraft(name, types, isMap || o.containsKey("map"), flags, timeout);
        if (o.get("elem") != null) {
            s.elements.addAll(NftJsonValues.list(o.get("elem"), "elem"));
        }
        t.sets.putIfAbsent(name, s);
    }

    private Table table(NftJsonTable t) {
        NftJsonLookups lookups = new NftJsonLookups(t);
        List<Chain> chains = new ArrayList<>(t.chains.size());
        for (NftJsonTable.ChainDraft c : t.chains.values()) {
            List<Rule> rules = new ArrayList<>(c.rules.size() + 1);
            Optional<Hook> hook = t.dormant ? Optional.empty() : c.hook;
            Object flagsItem = maybeDormant.get(t);
            if (flagsItem != null && hook.isPresent()) {
                // nft 1.0.6 prints table flags wrongly: the chain may be dormant, i.e. may accept everything here
                rules.add(new Rule(position(flagsItem, 1), List.of(new Match.Other("table flags",
                        "table flags " + JsonWriter.write(((Map<?, ?>) ((Map<?, ?>) flagsItem).get("table")).get("flags"))
                                + " not understood: the table may be dormant")), new Target.Accept(), Optional.empty(),
                        verbatim.apply(flagsItem)));
            }
            for (int k = 0; k < c.rules.size(); k++) {
                Object item = c.rules.get(k);
                try {
                    rules.add(rule(t, lookups, item, c.indexes.get(k)));
                } catch (IllegalArgumentException e) {
                    fail(item, c.indexes.get(k), e);
                }
            }
            chains.add(new Chain(c.name, hook.isPresent() ? c.type : "", hook, c.priority, hook.isPresent() ? c.policy : Optional.empty(),
                    Counters.ZERO, rules, c.devices));
        }
        List<NamedSet> sets = new ArrayList<>(t.sets.size());
        for (NftJsonTable.SetDraft s : t.sets.values()) {
            List<String> elements = new ArrayList<>(s.elements.size());
            for (Object e : s.elements) {
                elements.add(NftJsonText.element(e));
            }
            sets.add(new NamedSet(s.name, s.type, s.map, Set.copyOf(s.flags), s.timeout, elements, t.dynamic(s)));
        }
        return new Table(t.family, t.name, chains, sets);
    }

    private Rule rule(NftJsonTable t, NftJsonLookups lookups, Object item, int index) {
        Map<String, Object> o = NftJsonValues.map(NftJsonValues.map(item, "rule").get("rule"), "rule");
        NftJsonExpressions ex = new NftJsonExpressions(t, lookups);
        for (Object e : NftJsonValues.list(o.get("expr"), "expr")) {
            ex.add(e);
        }
        List<Match> matches = new ArrayList<>(ex.matches());
        if (o.get("comment") instanceof String) {
            matches.add(new Match.Comment((String) o.get("comment")));
        }
        return new Rule(position(item, index), matches, ex.target(), ex.counters(), verbatim.apply(item));
    }
}
