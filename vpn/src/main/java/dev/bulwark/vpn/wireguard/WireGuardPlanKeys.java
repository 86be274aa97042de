package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The secrets of a {@link WireGuardPlan} as they are persisted: every node's private key and every
 * pair of peers' preshared key. With the plan's {@link AddressAllocations} and the same builder
 * calls, {@link WireGuardPlanBuilder#keys(WireGuardPlanKeys)} rebuilds a plan whose configs are
 * byte-identical to the original's, in another process too; so a later {@code rotateKey} or a new
 * node changes only the configs that must change.
 *
 * <pre>{@code
 * String secret = plan.keys().render();      // write with mode 0600, next to plan.allocations().render()
 * WireGuardPlan again = WireGuardPlan.hubAndSpoke("gw", endpoint).client("laptop")
 *         .keys(WireGuardPlanKeys.parse(secret, "plan.keys"))
 *         .allocations(AddressAllocations.parse(saved, "plan.addresses"))
 *         .build();
 * }</pre>
 *
 * <p>The text form has one line per secret: {@code key NODE BASE64} and {@code psk NODE NODE BASE64}
 * ({@code #} comments and blank lines are ignored). Holds secrets: {@code toString()} shows counts
 * only, and parse errors never quote a key.
 */
public final class WireGuardPlanKeys {

    private final Map<String, WireGuardKey> keys;
    private final Map<String, WireGuardPresharedKey> presharedKeys;

    private WireGuardPlanKeys(Map<String, WireGuardKey> keys, Map<String, WireGuardPresharedKey> presharedKeys) {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        this.presharedKeys = Collections.unmodifiableMap(new TreeMap<>(presharedKeys));
    }

    static WireGuardPlanKeys of(Map<String, WireGuardKey> keys, Map<String, WireGuardPresharedKey> presharedKeys) {
        return new WireGuardPlanKeys(keys, presharedKeys);
    }

    /**
     * Parses the {@link #render()} form.
     *
     * @throws ParseException naming {@code source} and the line, never quoting a key, for an unknown
     *                        line, a bad node name or key, or a node or pair listed twice
     */
    public static WireGuardPlanKeys parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Map<String, WireGuardKey> keys = new TreeMap<>();
        Map<String, WireGuardPresharedKey> psks = new TreeMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Position at = Position.of(source, i + 1);
            String[] words = line.split("[ \t]+");
            try {
                if (words[0].equals("key") && words.length == 3) {
                    name(words[1], 2, at);
                    if (keys.put(words[1], WireGuardKey.parse(words[2], at)) != null) {
                        throw new ParseException(at, "node '" + words[1] + "' has two keys");
                    }
                } else if (words[0].equals("psk") && words.length == 4) {
                    name(words[1], 2, at);
                    name(words[2], 3, at);
                    if (words[1].equals(words[2])) {
                        throw new ParseException(at, "a preshared key joins two different nodes, not '"
                                + words[1] + "' with itself");
                    }
                    if (psks.put(pair(words[1], words[2]), WireGuardPresharedKey.parse(words[3], at)) != null) {
                        throw new ParseException(at, "nodes '" + words[1] + "' and '" + words[2]
                                + "' have two preshared keys");
                    }
                } else {
                    throw new ParseException(at, "expected 'key NODE KEY' or 'psk NODE NODE KEY' (the line has "
                            + words.length + " words; its text is not quoted, it may hold a key)");
                }
            } catch (ParseException e) {
                throw e;
            }
        }
        return new WireGuardPlanKeys(keys, psks);
    }

    /** The secret text: {@code key} lines sorted by node, then {@code psk} lines sorted by pair. */
    public String render() {
        StringBuilder out = new StringBuilder("# WireGuard plan keys (Bulwark): secret, keep with mode 0600\n");
        keys.forEach((node, key) -> out.append("key ").append(node).append(' ').append(key.toBase64()).append('\n'));
        presharedKeys.forEach((pair, psk) -> out.append("psk ").append(pair).append(' ').append(psk.toBase64())
                .append('\n'));
        return out.toString();
    }

    /** The nodes that have a private key here, sorted. */
    public List<String> nodes() {
        return List.copyOf(keys.keySet());
    }

    /** The private key of {@code node}, if present. */
    public java.util.Optional<WireGuardKey> key(String node) {
        return java.util.Optional.ofNullable(keys.get(node));
    }

    /** The preshared key of the pair {@code a}, {@code b} (either order), if present. */
    public java.util.Optional<WireGuardPresharedKey> presharedKey(String a, String b) {
        return java.util.Optional.ofNullable(presharedKeys.get(pair(a, b)));
    }

    Map<String, WireGuardKey> keyMap() {
        return keys;
    }

    Map<String, WireGuardPresharedKey> presharedKeyMap() {
        return presharedKeys;
    }

    /** The canonical name of a pair: the two node names sorted, joined by a space. */
    static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** Checks a node name without quoting it: a misplaced column could be a key. */
    private static void name(String word, int index, Position at) {
        try {
            Names.node(word);
        } catch (ValidationException e) {
            throw new ParseException(at, "word " + index + " is not a node name (1 to 63 letters, digits, '.', '_',"
                    + " '@' or '-'; not quoted, it may be a key)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireGuardPlanKeys && keys.equals(((WireGuardPlanKeys) o).keys)
                && presharedKeys.equals(((WireGuardPlanKeys) o).presharedKeys);
    }

    @Override
    public int hashCode() {
        return keys.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "WireGuardPlanKeys[" + keys.size() + " keys " + keys.keySet() + ", " + presharedKeys.size()
                + " preshared keys, redacted]";
    }
}
