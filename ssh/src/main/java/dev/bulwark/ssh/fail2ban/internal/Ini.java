package dev.bulwark.ssh.fail2ban.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fail2ban's INI dialect (Python configparser): {@code [section]} headers, {@code key = value} or
 * {@code key: value}, full-line comments with {@code #} or {@code ;}, inline comments after white
 * space, indented continuation lines. Not API.
 */
public final class Ini {

    /** One value and where it was set. */
    public record Entry(String value, Position position) {
    }

    private Ini() {
    }

    /** Section name → option → entry, in file order; repeated sections merge, later options win. */
    public static Map<String, Map<String, Entry>> parse(String text, String source) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Entry> current = null;
        String lastKey = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            Position pos = Position.of(source, i + 1);
            String stripped = raw.strip();
            for (int c = 0; c < raw.length(); c++) {
                char ch = raw.charAt(c);
                if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
                    throw new ParseException(pos, "control character in line", null);
                }
            }
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && current != null && lastKey != null) {
                Entry prev = current.get(lastKey);
                current.put(lastKey, new Entry(prev.value() + "\n" + uncomment(stripped), prev.position()));
                continue;
            }
            if (stripped.startsWith("[")) {
                int close = stripped.indexOf(']');
                if (close < 2) {
                    throw new ParseException(pos, "bad section header", stripped);
                }
                current = sections.computeIfAbsent(stripped.substring(1, close).strip(), k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = firstDelimiter(stripped);
            if (eq <= 0) {
                throw new ParseException(pos, "expected 'key = value' or a [section] header", stripped);
            }
            if (current == null) {
                throw new ParseException(pos, "option outside of any [section]", stripped);
            }
            lastKey = stripped.substring(0, eq).strip();
            current.put(lastKey, new Entry(uncomment(stripped.substring(eq + 1).strip()), pos));
        }
        return sections;
    }

    private static int firstDelimiter(String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String uncomment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    /** Splits a value into its lines (for multi-line values such as {@code before}). */
    public static List<String> words(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
