package dev.bulwark.firewall.parse.internal;

import static dev.bulwark.firewall.parse.internal.NftExprText.obj;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Unparsed;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Kind;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
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
    private final List<Object> items = new ArrayList<>();
    private final Map<Object, Position> where = new IdentityHashMap<>();
    private final List<Unparsed> unparsed = new ArrayList<>();
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
        Ruleset r = new NftJsonReader(source, lenient).read(items(text), where::get);
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
                return items;
            }
            Tok t = c.next();
            if (t.is("table")) {
                table(t);
            } else if (t.is("flush") && c.peek().is("ruleset")) {
                c.next();
            } else {
                throw c.error(t, "expected 'table', found " + NftCursor.describe(t));
            }
        }
    }

    private Map<String, Object> add(Tok at, String kind, Map<String, Object> body) {
        Map<String, Object> item = obj(kind, body);
        items.add(item);
        where.put(item, c.position(at));
        return body;
    }

    private void table(Tok start) {
        String family = "ip";
        if (c.peek().isWord() && FAMILIES.contains(c.peek().text()) && !c.peek(1).is("{")) {
            family = c.next().text();
        }
        String name = c.name("a table name").text();
        Map<String, Object> table = add(start, "table", obj("family", family, "name", name));
        c.expect("{");
        List<Object[]> rules = new ArrayList<>();
        while (true) {
            c.skipSeparators();
            Tok t = c.next();
            if (t.is("}")) {
                break;
            }
            String what = t.text();
            if (t.is("chain")) {
                chain(t, family, name, rules);
            } else if (t.is("set") || t.is("map")) {
                NftSetText.set(c, add(t, what, obj("family", family, "name", c.name("a set name").text(), "table", name)),
                        what.equals("map"));
            } else if (t.is("counter") || t.is("quota") || t.is("flowtable")) {
                NftSetText.object(c, what, add(t, what, obj("family", family, "name", c.name("a name").text(), "table", name)));
            } else if (t.is("ct") && (c.peek().is("helper") || c.peek().is("timeout") || c.peek().is("expectation"))) {
                String kind = "ct " + c.next().text();
                NftSetText.object(c, kind, add(t, kind, obj("family", family, "name", c.name("a name").text(), "table", name)));
            } else if (t.is("comment")) {
                table.put("comment", NftExprText.string(c));
            } else if (t.is("flags")) {
                table.put("flags", NftSetText.words(c));
            } else {
                throw c.error(t, "expected chain, set, map, flowtable, counter, quota or ct object in table " + family
                        + " " + name + ", found " + NftCursor.describe(t));
            }
        }
        for (Object[] r : rules) {
            items.add(r[0]);
            where.put(r[0], (Position) r[1]);
        }
    }

    private void chain(Tok start, String family, String table, List<Object[]> rules) {
        String name = c.name("a chain name").text();
        Map<String, Object> chain = add(start, "chain", obj("family", family, "table", table, "name", name));
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
                Tok p = c.expect("priority");
                chain.put("prio", NftSetText.priority(c, p, family));
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

    /** Skips to the end of the statement at the cursor: a line end, {@code ;} or the {@code }} that closes its block. */
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
