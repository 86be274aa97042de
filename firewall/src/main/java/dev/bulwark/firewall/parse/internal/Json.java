package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259): objects become insertion-ordered maps, arrays lists,
 * numbers {@link BigDecimal}, {@code null} the {@link #NULL} marker. Duplicate keys, trailing
 * commas, comments, unpaired surrogates and nesting deeper than {@value #MAX_DEPTH} are errors
 * with a line and column. Not API.
 */
public final class Json {

    /** The JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** The numbers 0 to 1023, shared (prefix lengths, ports, small counters). */
    private static final BigDecimal[] SMALL = new BigDecimal[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = BigDecimal.valueOf(i);
        }
    }

    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private final String source;
    private int pos;
    private int depth;
    private final Map<String, String> keys = new java.util.HashMap<>();

    private Json(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The value of the whole text. */
    public static Object parse(String text, String source) {
        Json j = new Json(source, text);
        j.blank();
        Object v = j.value();
        j.blank();
        if (j.pos < text.length()) {
            throw j.error("text after the JSON value");
        }
        return v;
    }

    private ParseException error(String reason) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        int end = Math.min(text.length(), pos + 20);
        return new ParseException(new Position(source, line, col), reason, text.substring(Math.min(pos, end), end));
    }

    private void blank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return word("true", Boolean.TRUE);
            case 'f':
                return word("false", Boolean.FALSE);
            case 'n':
                return word("null", NULL);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Object word(String w, Object v) {
        if (!text.startsWith(w, pos)) {
            throw error("expected '" + w + "'");
        }
        pos += w.length();
        return v;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH);
        }
        pos++;
        blank();
    }

    private Map<String, Object> object() {
        enter();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            depth--;
            return Collections.emptyMap();
        }
        // most objects of nft's JSON have one key ({"prefix": …}, {"accept": null}): a singleton map
        String firstKey = null;
        Object firstValue = null;
        Map<String, Object> out = null;
        while (true) {
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = key(string());
            blank();
            expect(':');
            blank();
            Object v = value();
            if (firstKey == null) {
                firstKey = key;
                firstValue = v;
            } else {
                if (out == null) {
                    out = new LinkedHashMap<>(8);
                    out.put(firstKey, firstValue);
                }
                if (out.put(key, v) != null) {
                    pos = keyAt;
                    throw error("duplicate key '" + key + "'");
                }
            }
            blank();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                blank();
                continue;
            }
            expect('}');
            depth--;
            return out == null ? Collections.singletonMap(firstKey, firstValue) : Collections.unmodifiableMap(out);
        }
    }

    /** One instance per distinct key, so that a large document does not hold a copy of "addr" per object. */
    private String key(String k) {
        String known = keys.putIfAbsent(k, k);
        return known != null ? known : k;
    }

    private List<Object> array() {
        enter();
        List<Object> out = new ArrayList<>();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            out.add(value());
            blank();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                blank();
                continue;
            }
            expect(']');
            depth--;
            return Collections.unmodifiableList(out);
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String string() {
        pos++;
        // the common case, a string without escapes, control characters or surrogates: one substring
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                String s = text.substring(pos, i);
                pos = i + 1;
                return s;
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                break;
            }
        }
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && pos < text.length() && Character.isLowSurrogate(text.charAt(pos))) {
                    b.append(c).append(text.charAt(pos++));
                    continue;
                }
                pos--;
                throw error("unpaired surrogate in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(unicode());
                default -> {
                    pos--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) {
            throw error("short \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private BigDecimal number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
        }
        if (pos - start > 64) {
            pos = start;
            throw error("number longer than 64 characters");
        }
        if (pos - start <= 4 && text.charAt(start) != '-') {
            int v = 0;
            for (int i = start; i < pos; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return new BigDecimal(text.substring(start, pos));
                }
                v = v * 10 + (c - '0');
            }
            if (v < SMALL.length) {
                return SMALL[v];
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }
}
