package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * dnf-automatic's {@code /etc/dnf/automatic.conf}: an INI file of {@code [section]} headers and
 * {@code key = value} lines (or {@code key: value}); lines starting with {@code #} or {@code ;} are
 * comments, indented lines continue the previous value. Section and key names are case-insensitive.
 * See dnf-automatic(8).
 */
public final class DnfAutomaticConf {

    private record Value(String text, Position position) {
    }

    private final Map<String, Map<String, Value>> sections;

    private DnfAutomaticConf(Map<String, Map<String, Value>> sections) {
        this.sections = sections;
    }

    /**
     * Parses the file, failing on the first error.
     *
     * @throws ParseException with the source, line and column of the first error
     */
    public static DnfAutomaticConf parse(String text, String source) {
        return read(text, source, null);
    }

    /** Parses the file, skipping bad lines and reporting them. */
    public static ParseResult<DnfAutomaticConf> parseLenient(String text, String source) {
        List<ParseException> diagnostics = new ArrayList<>();
        DnfAutomaticConf conf = read(text, source, diagnostics);
        return new ParseResult<>(conf, diagnostics);
    }

    private static DnfAutomaticConf read(String text, String source, List<ParseException> diagnostics) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        StringBuilder continued = null; // the value of lastKey while continuation lines extend it
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            Position at = Position.of(source, i + 1);
            try {
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                    continue;
                }
                int nul = line.indexOf('\0');
                if (nul >= 0) {
                    // Python's configparser, which dnf uses, would keep it; nothing else reads such a value alike
                    throw new ParseException(new Position(source, i + 1, nul + 1),
                            "a NUL character (U+0000) is not allowed in dnf-automatic's configuration", line);
                }
                if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                    if (continued == null) {
                        continued = new StringBuilder(sections.get(section).get(lastKey).text());
                    }
                    continued.append('\n').append(trimmed);
                    continue;
                }
                finish(sections.get(section), lastKey, continued);
                continued = null;
                lastKey = null;
                if (trimmed.startsWith("[")) {
                    if (!trimmed.endsWith("]") || trimmed.length() < 3) {
                        throw new ParseException(at, "a section header is '[name]'", line);
                    }
                    section = trimmed.substring(1, trimmed.length() - 1).strip().toLowerCase(Locale.ROOT);
                    sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                    continue;
                }
                int equals = separator(trimmed);
                if (equals <= 0) {
                    throw new ParseException(at, "expected 'key = value' or '[section]'", line);
                }
                String key = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                if (section == null) {
                    throw new ParseException(at, "'" + key + "' is outside any [section]", line);
                }
                int indent = line.length() - line.stripLeading().length();
                Position valueAt = new Position(source, i + 1, indent + 1);
                sections.get(section).put(key, new Value(trimmed.substring(equals + 1).strip(), valueAt));
                lastKey = key;
            } catch (ParseException e) {
                if (diagnostics == null) {
                    throw e;
                }
                if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) { // the rest would be dropped: not kept alive
                    diagnostics.add(e);
                }
                finish(sections.get(section), lastKey, continued);
                continued = null;
                lastKey = null;
            }
        }
        finish(sections.get(section), lastKey, continued);
        return new DnfAutomaticConf(sections);
    }

    /** Stores the continued value of {@code key}, built in one buffer so that n continuation lines cost O(n). */
    private static void finish(Map<String, Value> keys, String key, StringBuilder continued) {
        if (continued != null) {
            keys.put(key, new Value(continued.toString(), keys.get(key).position()));
        }
    }

    private static int separator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    /** The value of {@code key} in {@code [section]}, if set. */
    public Optional<String> value(String section, String key) {
        return find(section, key).map(Value::text);
    }

    /** Where {@code key} in {@code [section]} was set. */
    public Optional<Position> positionOf(String section, String key) {
        return find(section, key).map(Value::position);
    }

    private Optional<Value> find(String section, String key) {
        Map<String, Value> keys = sections.get(section.toLowerCase(Locale.ROOT));
        return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key.toLowerCase(Locale.ROOT)));
    }

    /** The section names, lower case, in file order. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    @Override
    public String toString() {
        return "DnfAutomaticConf" + sections.keySet();
    }
}
