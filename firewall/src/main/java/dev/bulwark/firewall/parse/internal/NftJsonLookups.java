package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lowers relational expressions ({@code {"match": {"op", "left", "right"}}}) and map lookups
 * ({@code vmap}, {@code dnat to … map}) of one table. A lookup in a named set whose members are
 * fixed is lowered once and shared by every rule that makes it; a set whose members change at run
 * time becomes {@link Match.IpSet}. Not API.
 */
final class NftJsonLookups {

    private final NftJsonTable table;

    NftJsonLookups(NftJsonTable table) {
        this.table = table;
    }

    /** The matches of a relational expression: the key's implied matches, then the comparison. */
    List<Match> relational(Map<String, Object> m) {
        String op = NftJsonValues.string(m.get("op"), "op");
        Object left = m.get("left");
        Object right = m.get("right");
        if (left == null || right == null) {
            throw new IllegalArgumentException("a match needs 'left' and 'right'");
        }
        NftJsonKeys.Key key = NftJsonKeys.of(left, table.family);
        if (key == null) {
            return null;
        }
        boolean lookup = right instanceof String && ((String) right).startsWith("@") || NftJsonValues.kind(right).equals("set");
        if (op.equals("in") && lookup) {
            op = "==";   // a set lookup written with the implicit operator
        }
        if (right instanceof String && ((String) right).startsWith("@") && (op.equals("==") || op.equals("!="))) {
            String name = ((String) right).substring(1);
            String cacheKey = JsonWriter.write(left) + "\u0000" + op + "\u0000" + name;
            List<Match> cached = table.lookups.get(cacheKey);
            if (cached == null) {
                Optional<List<Object>> elements = table.fixedElements(name);
                boolean negated = op.equals("!=");
                Match main = elements.isEmpty() || elements.get().isEmpty()
                        ? new Match.IpSet(negated, name, Arrays.asList(key.setFlag().split(",")))
                        : key.among(negated, unwrapAll(elements.get()));
                cached = with(key, main);
                table.lookups.put(cacheKey, cached);
            }
            return cached;
        }
        Match main = switch (op) {
            case "==", "!=" -> key.among(op.equals("!="), NftJsonValues.kind(right).equals("set")
                    ? unwrapAll(NftJsonValues.list(NftJsonValues.body(right), "set")) : List.of(right));
            case "in" -> key.anyFlag(flags(right));
            case "!" -> key.noFlag(flags(right));
            case "<", ">", "<=", ">=" -> key.compare(op, right);
            default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
        };
        return main == null ? null : with(key, main);
    }

    private static List<Object> flags(Object right) {
        return right instanceof List ? new ArrayList<>((List<?>) right) : List.of(right);
    }

    private static List<Match> with(NftJsonKeys.Key key, Match main) {
        List<Match> out = new ArrayList<>(key.dependencies.size() + 1);
        out.addAll(key.dependencies);
        out.add(main);
        return List.copyOf(out);
    }

    private static List<Object> unwrapAll(List<?> elements) {
        List<Object> out = new ArrayList<>(elements.size());
        for (Object e : elements) {
            out.add(NftJsonValues.unwrap(e));
        }
        return out;
    }

    /**
     * A map lookup: the key's implied matches and one entry per element, the element's value
     * turned into a target by {@code verdict}; null when the key or the map cannot be modelled.
     *
     * @param key     the map's key expression
     * @param data    the map: {@code {"set": [[k, v], …]}} or {@code "@name"}
     * @param verdict what an element's value does
     * @param what    a name for the cache ({@code vmap}, {@code dnat})
     */
    Lowered map(Object key, Object data, Function<Object, Target> verdict, String what) {
        NftJsonKeys.Key k = NftJsonKeys.of(key, table.family);
        if (k == null) {
            return null;
        }
        String cacheKey = null;
        List<?> elements;
        if (data instanceof String && ((String) data).startsWith("@")) {
            String name = ((String) data).substring(1);
            cacheKey = what + "\u0000" + JsonWriter.write(key) + "\u0000" + name;
            Target cached = table.maps.get(cacheKey);
            if (cached != null) {
                return new Lowered(k.dependencies, cached);
            }
            Optional<List<Object>> fixed = table.fixedElements(name);
            if (fixed.isEmpty() || fixed.get().isEmpty()) {
                // members that change at run time, or none listed: an empty map and one whose
                // elements the listing left out ('nft -t', '-j -t') print alike, as for set lookups
                return null;
            }
            elements = fixed.get();
        } else if (NftJsonValues.kind(data).equals("set")) {
            elements = NftJsonValues.list(NftJsonValues.body(data), "map elements");
        } else {
            return null;
        }
        List<Target.VerdictMap.Entry> entries = new ArrayList<>(elements.size());
        for (Object e : elements) {
            List<?> pair = NftJsonValues.list(NftJsonValues.unwrap(e), "a map element");
            if (pair.size() != 2) {
                throw new IllegalArgumentException("a map element is a key and a value");
            }
            entries.add(new Target.VerdictMap.Entry(k.when(NftJsonValues.unwrap(pair.get(0))), verdict.apply(pair.get(1))));
        }
        Target out = new Target.VerdictMap(k.text, entries);
        if (cacheKey != null) {
            table.maps.put(cacheKey, out);
        }
        return new Lowered(k.dependencies, out);
    }

    /** A map lookup lowered: the matches the key implies, and the verdict map. */
    static final class Lowered {
        final List<Match> dependencies;
        final Target target;

        Lowered(List<Match> dependencies, Target target) {
            this.dependencies = dependencies;
            this.target = target;
        }
    }
}
