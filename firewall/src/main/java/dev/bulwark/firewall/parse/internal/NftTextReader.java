package dev.bulwark.firewall.parse.internal;

import static dev.bulwark.firewall.parse.internal.NftExprText.obj;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Unparsed;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Kind;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads text in nft(8)'s grammar ({@code nft list ruleset} with any of {@code -a -s -t -n -y -p -T},
 * or a hand-written {@code nft -f} file) into the items {@code nft -j list ruleset} prints for the
 * same ruleset, then lowers them with {@link NftJsonReader}, the one reading of nftables into the
 * model. Each item remembers where its text starts, so errors point into the text. Not API.
 */
public final class NftTextReader {

    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev");

    private final String source;
    private final Consumer<ParseException> lenient;
    /** Tables, objects, sets and chains in the order declared; rules are kept per chain. */
    private final Map<String, List<Object>> items = new LinkedHashMap<>();
    private final Map<String, Deque<Object>> rulesOf = new HashMap<>();
    private final Map<Object, Position> where = new IdentityHashMap<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
    private final Map<String, Map<String, Object>> tables = new HashMap<>();
    private final Map<String, Map<String, Object>> chains = new HashMap<>();
    private final Map<String, Map<String, Object>> sets = new HashMap<>();
    private NftCursor c;

    /**
     * A reader.
     *
     * @param source  the source name for positions
     * @param lenient where to report errors in lenient mode, or {@code null} for strict mode
     */
    public NftTextReader(String source, Consumer<ParseException> lenient) {
        this.source = source;
        this.lenient = lenient;
    }

    /** Reads the whole text. */
    public Ruleset read(String text) {
        List<Object> parsed = items(text);
        Ruleset r;
        try {
            r = new NftJsonReader(source, lenient).read(parsed, where::get);
        } catch (ParseException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            // the lowering found the items inconsistent (a jump to a missing chain, ...); its message names the problem
            throw new ParseException(new Position(source, 1, 1), String.valueOf(e.getMessage()), null);
        }
        if (unparsed.isEmpty()) {
            return r;
        }
        List<Unparsed> all = new ArrayList<>(r.unparsed());
        all.addAll(unparsed);
        all.sort(Comparator.comparingInt((Unparsed u) -> u.position().line()).thenComparingInt(u -> u.position().column()));
        return new Ruleset(r.tables(), all);
    }

    /** The JSON items of the text, as {@code nft -j list ruleset} prints them (without handles and metainfo). */
    public List<Object> items(String text) {
        c = new NftCursor(source, NftTokenizer.tokenize(source, text));
        while (true) {
            c.skipSeparators();
            if (c.atEnd()) {
                return ordered();
            }
            command(c.next());
        }
    }

    /**
     * One command of an {@code nft -f} file: a {@code table} block, or {@code add}/{@code create}
     * of a table, chain, rule, set, map or element, {@code insert rule}, {@code delete table},
     * {@code flush ruleset}, {@code flush table} and {@code flush chain}.
     */
    private void command(Tok t) {
        String verb = "add";
        Tok what = t;
        if (t.is("add") || t.is("create") || t.is("insert") || t.is("delete") || t.is("destroy") || t.is("flush")) {
            verb = t.text();
            what = c.next();
        }
        String kind = what.text();
        if (verb.equals("flush") && kind.equals("ruleset")) {
            items.clear();
            rulesOf.clear();
            tables.clear();
            chains.clear();
            sets.clear();
            return;
        }
        if (what.kind() != Kind.WORD || !List.of("table", "chain", "rule", "set", "map", "element").contains(kind)
                || verb.equals("insert") && !kind.equals("rule")
                || (verb.equals("delete") || verb.equals("destroy")) && !kind.equals("table")
                || verb.equals("flush") && !kind.equals("table") && !kind.equals("chain")) {
            throw c.error(t, verb.equals("add") && t == what ? "expected a command such as 'table', found " + NftCursor.describe(t)
                    : "command '" + c.text(c.mark() - (t == what ? 1 : 2), c.mark()) + "' is not supported");
        }
        String family = "ip";
        int names = 0;
        while (names < 4 && (c.peek(names).isWord() || c.peek(names).kind() == Kind.STRING)) {
            names++;
        }
        if (c.peek().isWord() && FAMILIES.contains(c.peek().text()) && !c.peek(1).is("{") && !c.peek(1).ends()) {
            family = c.next().text();
        } else if (kind.equals("table") ? names >= 2 && !c.peek(1).is("{") : names >= 3 && !kind.equals("rule")) {
            throw c.error(c.peek(), "unknown table family " + NftCursor.describe(c.peek())
                    + " (ip, ip6, inet, arp, bridge or netdev)");
        }
        String table = c.name("a table name").text();
        if (kind.equals("table")) {
            if (verb.equals("delete") || verb.equals("destroy")) {
                String f = family;
                if (tables.remove(f + " " + table) == null) {
                    throw c.error(what, "table " + f + " " + table + " is not declared");
                }
                items.remove(f + " " + table);
                chains.keySet().removeIf(k -> k.startsWith(f + " " + table + " "));
                rulesOf.keySet().removeIf(k -> k.startsWith(f + " " + table + " "));
                sets.keySet().removeIf(k -> k.startsWith(f + " " + table + " "));
            } else if (verb.equals("flush")) {
                String f = family;
                rulesOf.keySet().removeIf(k -> k.startsWith(f + " " + table + " "));
            } else {
                table(what, family, table);
            }
            return;
        }
        Map<String, Object> tableItem = tables.get(family + " " + table);
        if (tableItem == null) {
            throw c.error(what, "table " + family + " " + table + " is not declared");
        }
        String name = c.name("a " + kind + " name").text();
        String key = family + " " + table + " " + name;
        switch (kind) {
            case "chain" -> {
                if (verb.equals("flush")) {
                    rulesOf.remove(key);
                    return;
                }
                List<Object[]> rules = new ArrayList<>();
                chain(what, family, table, name, rules, c.peek().is("{"));
                appendRules(rules, false);
            }
            case "rule" -> {
                if (!chains.containsKey(key)) {
                    throw c.error(what, "chain " + name + " is not declared in table " + family + " " + table);
                }
                List<Object[]> rules = new ArrayList<>();
                rule(c.peek(), family, table, name, rules);
                appendRules(rules, verb.equals("insert"));
            }
            case "set", "map" -> {
                if (sets.containsKey(key)) {
                    throw c.error(what, kind + " " + name + " is already declared in table " + family + " " + table);
                }
                Map<String, Object> body = add(what, kind, obj("family", family, "name", name, "table", table));
                sets.put(key, body);
                NftSetText.set(c, body, kind.equals("map"));
            }
            default -> {
                Map<String, Object> set = sets.get(key);
                if (set == null) {
                    throw c.error(what, "set " + name + " is not declared in table " + family + " " + table);
                }
                List<Object> elems = NftExprText.elements(c, true);
                @SuppressWarnings("unchecked")
                List<Object> old = set.get("elem") instanceof List ? (List<Object>) set.get("elem") : new ArrayList<>();
                old = new ArrayList<>(old);
                old.addAll(elems);
                set.put("elem", old);
            }
        }
    }

    private void appendRules(List<Object[]> rules, boolean insert) {
        List<Object[]> in = new ArrayList<>(rules);
        if (insert) {
            java.util.Collections.reverse(in);
        }
        for (Object[] r : in) {
            Map<?, ?> rule = (Map<?, ?>) ((Map<?, ?>) r[0]).get("rule");
            Deque<Object> of = rulesOf.computeIfAbsent(rule.get("family") + " " + rule.get("table") + " " + rule.get("chain"),
                    k -> new ArrayDeque<>());
            if (insert) {
                of.addFirst(r[0]);
            } else {
                of.addLast(r[0]);
            }
            where.put(r[0], (Position) r[1]);
        }
    }

    /** nft lists a table, then its objects, sets and maps, flowtables and chains. */
    private static int rank(Object item) {
        String kind = ((Map<?, ?>) item).keySet().iterator().next().toString();
        return switch (kind) {
            case "table" -> 0;
            case "set", "map" -> 2;
            case "flowtable" -> 3;
            case "chain" -> 4;
            default -> 1;
        };
    }

    /** The items in nft's order: each table, its objects, sets and chains, then its chains' rules. */
    private List<Object> ordered() {
        List<Object> out = new ArrayList<>();
        for (List<Object> declared : items.values()) {
            declared.sort(java.util.Comparator.comparingInt(NftTextReader::rank));
            out.addAll(declared);
            for (Object item : declared) {
                Map<?, ?> chain = (Map<?, ?>) ((Map<?, ?>) item).get("chain");
                if (chain != null) {
                    out.addAll(rulesOf.getOrDefault(chain.get("family") + " " + chain.get("table") + " " + chain.get("name"),
                            new ArrayDeque<>()));
                }
            }
        }
        return out;
    }

    private Map<String, Object> add(Tok at, String kind, Map<String, Object> body) {
        Map<String, Object> item = obj(kind, body);
        String table = body.get("family") + " " + (kind.equals("table") ? body.get("name") : body.get("table"));
        items.computeIfAbsent(table, k -> new ArrayList<>()).add(item);
        where.put(item, c.position(at));
        return body;
    }

    private void table(Tok start, String family, String name) {
        Map<String, Object> table = tables.get(family + " " + name);
        if (table == null) {
            table = add(start, "table", obj("family", family, "name", name));
            tables.put(family + " " + name, table);
        }
        if (!c.accept("{")) {
            return;
        }
        List<Object[]> rules = new ArrayList<>();
        while (true) {
            c.skipSeparators();
            Tok t = c.next();
            if (t.is("}")) {
                break;
            }
            String what = t.text();
            String prefix = family + " " + name + " ";
            if (t.is("chain")) {
                chain(t, family, name, c.name("a chain name").text(), rules, true);
            } else if (t.is("set") || t.is("map")) {
                String set = c.name("a set name").text();
                if (sets.containsKey(prefix + set)) {
                    throw c.error(t, what + " " + set + " is already declared in table " + family + " " + name);
                }
                Map<String, Object> body = add(t, what, obj("family", family, "name", set, "table", name));
                sets.put(prefix + set, body);
                NftSetText.set(c, body, what.equals("map"));
            } else if (t.is("counter") || t.is("quota") || t.is("flowtable") || t.is("limit")
                    || t.is("secmark") || t.is("synproxy") || t.is("tunnel")) {
                NftSetText.object(c, what, add(t, what, obj("family", family, "name", c.name("a name").text(), "table", name)));
            } else if (t.is("ct") && (c.peek().is("helper") || c.peek().is("timeout") || c.peek().is("expectation"))) {
                String kind = "ct " + c.next().text();
                NftSetText.object(c, kind, add(t, kind, obj("family", family, "name", c.name("a name").text(), "table", name)));
            } else if (t.is("comment")) {
                table.put("comment", NftExprText.string(c));
            } else if (t.is("flags")) {
                List<Object> flags = NftSetText.words(c);
                table.put("flags", flags.size() == 1 ? flags.get(0) : flags);
            } else {
                throw c.error(t, "expected chain, set, map, flowtable, counter, quota, limit, secmark, synproxy, tunnel or ct object in table " + family
                        + " " + name + ", found " + NftCursor.describe(t));
            }
        }
        appendRules(rules, false);
    }

    private void chain(Tok start, String family, String table, String name, List<Object[]> rules, boolean block) {
        String key = family + " " + table + " " + name;
        Map<String, Object> chain = chains.get(key);
        if (chain == null) {
            chain = add(start, "chain", obj("family", family, "table", table, "name", name));
            chains.put(key, chain);
        }
        if (!block) {
            return;
        }
        c.expect("{");
        while (true) {
            c.skipSeparators();
            Tok t = c.peek();
            if (t.is("}")) {
                c.next();
                return;
            }
            if (t.kind() == Kind.END) {
                throw c.error(t, "chain '" + name + "' is not closed with '}'");
            }
            if (t.is("type") && c.peek(2).is("hook")) {
                c.next();
                chain.put("type", NftExprText.word(c, "a chain type"));
                c.expect("hook");
                chain.put("hook", NftExprText.word(c, "a hook"));
                if (c.accept("device")) {
                    chain.put("dev", NftExprText.string(c));
                } else if (c.accept("devices")) {
                    c.expect("=");
                    List<Object> devs = NftExprText.elements(c, true);
                    chain.put("dev", devs.size() == 1 ? devs.get(0) : devs);
                }
                c.expect("priority");
                chain.put("prio", NftSetText.priority(c, family));
                chain.putIfAbsent("policy", "accept");
            } else if (t.is("policy") && c.peek(1).isWord() && c.peek(2).ends()) {
                c.next();
                chain.put("policy", c.next().text());
            } else if (t.is("comment") && c.peek(1).kind() == Kind.STRING && c.peek(2).ends()) {
                c.next();
                chain.put("comment", c.next().text());
            } else {
                rule(t, family, table, name, rules);
            }
        }
    }

    private void rule(Tok start, String family, String table, String chain, List<Object[]> rules) {
        int from = c.mark();
        try {
            NftRuleText.Parsed p = NftRuleText.rule(c, family);
            Map<String, Object> body = obj("family", family, "table", table, "chain", chain, "expr", p.expr());
            if (p.comment() != null) {
                body.put("comment", p.comment());
            }
            rules.add(new Object[] {obj("rule", body), c.position(start)});
        } catch (ParseException e) {
            if (lenient == null) {
                throw e;
            }
            lenient.accept(e);
            c.reset(from);
            skipStatement();
            unparsed.add(new Unparsed(c.position(start), c.text(from, c.mark()), e.reason()));
        }
    }

    /** Skips to the end of the statement at the cursor: a line end, a semicolon or the brace that closes its block. */
    private void skipStatement() {
        int depth = 0;
        while (true) {
            Tok t = c.peek();
            if (t.kind() == Kind.END || depth == 0 && t.ends()) {
                return;
            }
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
            c.next();
        }
    }
}
