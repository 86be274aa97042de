package dev.bulwark.firewall.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) on jackson-core's streaming parser: objects become
 * insertion-ordered maps, arrays lists, numbers {@link BigDecimal}, {@code null} the {@link #NULL}
 * marker. Duplicate keys, trailing commas, comments, leading zeros, text after the value, unpaired
 * surrogates, numbers longer than {@value #MAX_NUMBER_LENGTH} characters, strings longer than
 * {@value #MAX_STRING_LENGTH} characters and nesting deeper than {@value #MAX_DEPTH} are
 * {@link ParseException}s with the source, line and column and a short excerpt; Jackson's own
 * messages never reach the caller. Linear in the text: Jackson's tokenizer is, and each value is
 * built once. Not API.
 */
public final class Json {

    /** The JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 256;

    /**
     * The longest string accepted. nft's strings are names, addresses and comments (at most 128
     * bytes); a 100,000-element set is 100,000 short strings, never a long one.
     */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    /** The longest number accepted, sign and exponent included. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** The numbers 0 to 1023, shared (prefix lengths, ports, small counters). */
    private static final BigDecimal[] SMALL = new BigDecimal[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = BigDecimal.valueOf(i);
        }
    }

    private static final int EXCERPT = 20;

    /**
     * Strict by Jackson's defaults (no comments, trailing commas, single quotes, leading zeros, NaN
     * or control characters in strings); the limits above; names canonicalised, so that a large
     * document holds one "addr" and not one per object. Duplicate keys are found here, not by
     * Jackson, to report the key's own position. Jackson nests one level deeper than we accept so
     * that our check, with its position, comes first.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final String text;
    private final String source;
    private final JsonParser parser;
    private int depth;

    private Json(String source, String text, JsonParser parser) {
        this.source = source;
        this.text = text;
        this.parser = parser;
    }

    /** The value of the whole text. */
    public static Object parse(String text, String source) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            Json j = new Json(source, text, parser);
            try {
                if (parser.nextToken() == null) {
                    throw j.error(text.length(), "unexpected end of JSON");
                }
                Object v = j.value();
                if (parser.nextToken() != null) {
                    throw j.error(offset(parser.currentTokenLocation()), "text after the JSON value");
                }
                return v;
            } catch (JsonProcessingException e) {
                throw j.translate(e);
            }
        } catch (IOException e) {
            // a String source has no I/O; only the parser's own errors, translated above, are expected
            throw new IllegalStateException("reading JSON from a string failed", e);
        }
    }

    private Object value() throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                return object();
            case START_ARRAY:
                return array();
            case VALUE_STRING:
                return checked(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw error(offset(parser.currentTokenLocation()), "unexpected " + parser.currentToken().asString());
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(offset(parser.currentTokenLocation()), "JSON nested deeper than " + MAX_DEPTH);
        }
    }

    private Map<String, Object> object() throws IOException {
        enter();
        // most objects of nft's JSON have one key ({"prefix": …}, {"accept": null}): a singleton map
        String firstKey = null;
        Object firstValue = null;
        Map<String, Object> out = null;
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            long keyAt = offset(parser.currentTokenLocation());
            String key = checked(parser.currentName());
            parser.nextToken();
            Object v = value();
            if (firstKey == null) {
                firstKey = key;
                firstValue = v;
                continue;
            }
            if (out == null) {
                out = new LinkedHashMap<>(8);
                out.put(firstKey, firstValue);
            }
            if (out.put(key, v) != null) {
                throw error(keyAt, "duplicate key '" + key + "'");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(offset(parser.currentTokenLocation()), "expected a string key");
        }
        depth--;
        if (firstKey == null) {
            return Collections.emptyMap();
        }
        return out == null ? Collections.singletonMap(firstKey, firstValue) : Collections.unmodifiableMap(out);
    }

    private List<Object> array() throws IOException {
        enter();
        List<Object> out = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            out.add(value());
        }
        depth--;
        return Collections.unmodifiableList(out);
    }

    private BigDecimal number() throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.INT) {
            int v = parser.getIntValue();
            if (v >= 0 && v < SMALL.length) {
                return SMALL[v];
            }
        }
        return parser.getDecimalValue();
    }

    /** The string, unless it holds an unpaired surrogate (which has no UTF-8 form). */
    private String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            throw error(offset(parser.currentTokenLocation()), "unpaired surrogate in a string");
        }
        return s;
    }

    private static long offset(JsonLocation location) {
        return location == null ? -1 : location.getCharOffset();
    }

    /** Jackson's error as ours: a short reason of our own at the place Jackson stopped. */
    private ParseException translate(JsonProcessingException e) {
        // a limit is reported at the start of the token that broke it (the number, the string, the bracket)
        long at = e instanceof StreamConstraintsException ? offset(parser.currentTokenLocation()) : offset(e.getLocation());
        if (at < 0) {
            at = offset(parser.currentLocation());
        }
        String m = String.valueOf(e.getOriginalMessage());
        String reason;
        if (e instanceof StreamConstraintsException) {
            reason = m.startsWith("Number") ? "number longer than " + MAX_NUMBER_LENGTH + " characters"
                    : m.startsWith("String") ? "string longer than " + MAX_STRING_LENGTH + " characters"
                    : m.contains("nesting depth") ? "JSON nested deeper than " + MAX_DEPTH
                    : "JSON beyond the reader's limits";
        } else if (m.startsWith("Unexpected end-of-input")) {
            reason = m.contains("closing quote") ? "unterminated string" : "unexpected end of JSON";
        } else if (m.startsWith("Illegal unquoted character")) {
            reason = "control character in a string";
        } else if (m.startsWith("Unrecognized character escape") || m.contains("character escape sequence")) {
            reason = "bad escape";
        } else if (m.contains("numeric value") || m.startsWith("Numeric value")) {
            reason = "malformed number";
        } else if (at >= 0 && at < text.length()) {
            reason = "unexpected character '" + text.charAt((int) at) + "'";
        } else {
            reason = "unexpected end of JSON";
        }
        return error(at, reason);
    }

    private ParseException error(long offset, String reason) {
        int pos = (int) Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        int end = Math.min(text.length(), pos + EXCERPT);
        return new ParseException(new Position(source, line, col), reason, text.substring(pos, end));
    }
}
