package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Counters;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Unparsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code nft list ruleset} text (the subset firewalls use) into a {@link Ruleset}: tables,
 * chains with {@code type/hook/priority/policy}, sets with their elements, and rules (see
 * {@link NftRuleText}). Blocks it does not model (flowtables, named counters, ...) are skipped;
 * a rule it cannot read is an error in strict mode and kept verbatim in lenient mode. Not API.
 */
public final class NftTextReader {

    private final String source;
    private final Consumer<ParseException> lenient;
    private List<NftTokenizer.Tok> toks;
    private int i;
    private final List<Unparsed> unparsed = new ArrayList<>();

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

    private NftTokenizer.Tok peek() {
        return toks.get(Math.min(i, toks.size() - 1));
    }

    private ParseException error(NftTokenizer.Tok t, String reason) {
        return new ParseException(new Position(source, t.line(), t.column()), reason, t.text());
    }

    private void skipBlank() {
        while (i < toks.size() && (peek().is("\n") || peek().is(";"))) {
            i++;
        }
    }

    private NftTokenizer.Tok next() {
        if (i >= toks.size()) {
            throw error(toks.get(toks.size() - 1), "unexpected end of text");
        }
        return toks.get(i++);
    }

    private void expect(String word) {
        NftTokenizer.Tok t = next();
        if (!t.is(word)) {
            throw error(t, "expected '" + word + "', found '" + t.text() + "'");
        }
    }

    /** Reads the whole text. */
    public Ruleset read(String text) {
        toks = NftTokenizer.tokenize(source, text);
        i = 0;
        List<Table> tables = new ArrayList<>();
        skipBlank();
        while (i < toks.size()) {
            NftTokenizer.Tok t = next();
            if (!t.is("table")) {
                throw error(t, "expected 'table', found '" + t.text() + "'");
            }
            Family family;
            try {
                family = NftNames.family(next().text());
            } catch (IllegalArgumentException e) {
                throw error(toks.get(i - 1), e.getMessage());
            }
            String name = next().text();
            expect("{");
            tables.add(table(family, name));
            skipBlank();
        }
        return new Ruleset(tables, unparsed);
    }

    private Table table(Family family, String name) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        List<Object[]> chains = new ArrayList<>();
        while (true) {
            skipBlank();
            NftTokenizer.Tok t = next();
            if (t.is("}")) {
                break;
            }
            if (t.is("chain")) {
                String chain = next().text();
                expect("{");
                chains.add(new Object[] {chain, chainBody()});
            } else if (t.is("set") || t.is("map")) {
                String set = next().text();
                expect("{");
                sets.put(set, setBody());
            } else {
                skipBlock(t);
            }
        }
        List<Chain> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Object[] c : chains) {
            names.add((String) c[0]);
        }
        for (Object[] c : chains) {
            ChainBody body = (ChainBody) c[1];
            List<Rule> rules = new ArrayList<>();
            for (List<NftTokenizer.Tok> r : body.rules) {
                try {
                    rules.add(NftRuleText.parse(source, r, sets, names));
                } catch (ParseException e) {
                    if (lenient == null) {
                        throw e;
                    }
                    lenient.accept(e);
                    unparsed.add(new Unparsed(e.position(), NftRuleText.text(r), e.reason()));
                }
            }
            out.add(new Chain((String) c[0], body.hook.isPresent() ? body.type : "", body.hook, body.priority,
                    body.hook.isPresent() ? Optional.of(body.policy) : Optional.empty(), Counters.ZERO, rules));
        }
        return new Table(family, name, out);
    }

    private static final class ChainBody {
        String type = "filter";
        Optional<Hook> hook = Optional.empty();
        int priority;
        Policy policy = Policy.ACCEPT;
        final List<List<NftTokenizer.Tok>> rules = new ArrayList<>();
    }

    private ChainBody chainBody() {
        ChainBody body = new ChainBody();
        while (true) {
            skipBlank();
            NftTokenizer.Tok t = peek();
            if (t.is("}")) {
                i++;
                return body;
            }
            List<NftTokenizer.Tok> statement = new ArrayList<>();
            while (!peek().is("\n") && !peek().is(";") && !(peek().is("}") && depthOf(statement) == 0)) {
                statement.add(next());
            }
            if (statement.isEmpty()) {
                continue;
            }
            NftTokenizer.Tok first = statement.get(0);
            try {
                if (first.is("type") && statement.size() >= 6 && statement.get(2).is("hook") && statement.get(4).is("priority")) {
                    body.type = statement.get(1).text();
                    body.hook = Optional.of(NftNames.hook(statement.get(3).text()));
                    StringBuilder prio = new StringBuilder();
                    for (int k = 5; k < statement.size(); k++) {
                        prio.append(statement.get(k).text());
                    }
                    body.priority = NftNames.priority(prio.toString());
                } else if (first.is("policy") && statement.size() == 2) {
                    body.policy = NftNames.policy(statement.get(1).text()).orElseThrow();
                } else if (!first.is("comment") && !first.is("devices") && !first.is("device")) {
                    body.rules.add(statement);
                }
            } catch (IllegalArgumentException e) {
                throw error(first, e.getMessage());
            }
        }
    }

    private static int depthOf(List<NftTokenizer.Tok> statement) {
        int d = 0;
        for (NftTokenizer.Tok t : statement) {
            d += t.is("{") ? 1 : t.is("}") ? -1 : 0;
        }
        return d;
    }

    private List<String> setBody() {
        List<String> elements = new ArrayList<>();
        while (true) {
            skipBlank();
            NftTokenizer.Tok t = next();
            if (t.is("}")) {
                return elements;
            }
            if (t.is("elements")) {
                expect("=");
                expect("{");
                while (!peek().is("}")) {
                    NftTokenizer.Tok e = next();
                    if (!e.is(",") && !e.is("\n")) {
                        elements.add(e.text());
                    }
                }
                i++;
            } else {
                while (!peek().is("\n") && !peek().is(";") && !peek().is("}")) {
                    i++;
                }
            }
        }
    }

    private void skipBlock(NftTokenizer.Tok start) {
        int depth = 0;
        while (true) {
            NftTokenizer.Tok t = next();
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                if (--depth == 0) {
                    return;
                }
                if (depth < 0) {
                    throw error(start, "unbalanced braces");
                }
            } else if (depth == 0 && (t.is("\n") || t.is(";"))) {
                return;
            }
        }
    }
}
