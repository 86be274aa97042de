package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * APT configuration as apt.conf(5) defines it: scalar values and lists under {@code ::}-separated
 * keys, which are case-insensitive. Reads the syntax of the files in {@code /etc/apt/apt.conf.d}
 * ({@code Key "value";}, nested {@code Key { Sub "value"; };}, lists {@code Key { "a"; "b"; };},
 * {@code #clear}, comments {@code //}, {@code #} and {@code /* ... *}{@code /}) and the output of
 * {@code apt-config dump} ({@code Key:: "item";}). {@code #include} is recorded, not followed.
 * The strict parser is stricter than apt in a few places apt lets pass silently (a stray
 * <code>&#125;</code>, a block left open at the end, a value with no key); the lenient parser reports those
 * and goes on.
 *
 * <pre>{@code
 * AptConf conf = AptConf.parse(Files.readString(path), path.toString());
 * conf.value("APT::Periodic::Unattended-Upgrade");   // Optional[1]
 * conf.list("Unattended-Upgrade::Origins-Pattern");  // [origin=Debian,...]
 * }</pre>
 */
public final class AptConf {

    /** A configuration with nothing set. */
    public static final AptConf EMPTY = new AptConf(List.of());

    /** What a statement does. */
    enum OpKind { SET, APPEND, CLEAR, INCLUDE }

    /** One statement, replayed in order to build the values (so that files can be layered). */
    record Op(OpKind kind, String key, String value, Position position) {
    }

    private record Entry(String key, String value, List<String> items) {
    }

    private final List<Op> ops;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** The keys of {@link #entries} in order, so that {@code #clear} finds a key's subkeys without a scan. */
    private final NavigableSet<String> sorted = new TreeSet<>();
    private final List<String> includes = new ArrayList<>();

    private AptConf(List<Op> ops) {
        this.ops = List.copyOf(ops);
        for (Op op : this.ops) {
            apply(op);
        }
    }

    private void apply(Op op) {
        String lower = op.key().toLowerCase(Locale.ROOT);
        switch (op.kind()) {
            case SET:
                entries.compute(lower, (k, old) -> new Entry(op.key(), op.value(),
                        old == null ? new ArrayList<>() : old.items()));
                sorted.add(lower);
                break;
            case APPEND:
                entries.computeIfAbsent(lower, k -> new Entry(op.key(), "", new ArrayList<>())).items().add(op.value());
                sorted.add(lower);
                break;
            case CLEAR: {
                // the key and every key under it: those from "key::" up to "key:;" (';' follows ':')
                NavigableSet<String> cleared = sorted.subSet(lower + "::", true, lower + ":;", false);
                cleared.forEach(entries::remove);
                cleared.clear();
                entries.remove(lower);
                sorted.remove(lower);
                break;
            }
            default:
                includes.add(op.value());
        }
    }

    /**
     * Parses apt.conf text, failing on the first error.
     *
     * @param text   the file's content
     * @param source a name for messages, such as the file's path
     * @throws ParseException with the source, line and column of the first error
     */
    public static AptConf parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        return new AptConf(new AptConfParser(text, source, null).parse());
    }

    /** Parses apt.conf text, skipping bad statements and reporting them. */
    public static ParseResult<AptConf> parseLenient(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        List<ParseException> diagnostics = new ArrayList<>();
        List<Op> ops = new AptConfParser(text, source, diagnostics).parse();
        return new ParseResult<>(new AptConf(ops), diagnostics);
    }

    /** This configuration with {@code later} read after it, as apt reads files in order. */
    public AptConf then(AptConf later) {
        List<Op> all = new ArrayList<>(ops);
        all.addAll(later.ops);
        return new AptConf(all);
    }

    /** The scalar value of {@code key} (case-insensitive), if set. */
    public Optional<String> value(String key) {
        Entry entry = entries.get(key.toLowerCase(Locale.ROOT));
        return entry == null || entry.value().isEmpty() && !entry.items().isEmpty()
                ? Optional.empty() : Optional.of(entry.value());
    }

    /** The list items of {@code key} (case-insensitive), in order; empty if none. */
    public List<String> list(String key) {
        Entry entry = entries.get(key.toLowerCase(Locale.ROOT));
        return entry == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(entry.items()));
    }

    /** Where the value or the last item of {@code key} was set. */
    public Optional<Position> positionOf(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        Position found = null;
        for (Op op : ops) {
            if (op.key().toLowerCase(Locale.ROOT).equals(lower)) {
                found = op.position();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every key that has a value or items, in the case first written. */
    public List<String> keys() {
        return entries.values().stream().map(Entry::key).toList();
    }

    /** The files named by {@code #include}, in order (not read). */
    public List<String> includes() {
        return List.copyOf(includes);
    }

    @Override
    public String toString() {
        return "AptConf[" + entries.size() + " keys]";
    }
}
