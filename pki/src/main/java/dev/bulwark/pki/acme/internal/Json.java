package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON through Nimbus' JSON utilities (the same parser that reads every JWS header), with typed
 * accessors that turn a wrong shape into a {@code malformed} {@link Problem} naming the field. Not API.
 */
public final class Json {

    private Json() {
    }

    /** Parses a JSON object of at most {@code limit} characters; anything else is {@code malformed}. */
    public static Map<String, Object> parse(String text, String what, int limit) {
        if (text.length() > limit) {
            throw Problem.malformed(what + " is longer than " + limit + " characters");
        }
        try {
            return JSONObjectUtils.parse(text, limit);
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw Problem.malformed(what + " is not a JSON object");
        }
    }

    /** Renders a JSON object. */
    public static String render(Map<String, ?> object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) object;
        return JSONObjectUtils.toJSONString(map);
    }

    public static Optional<String> optString(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String)) {
            throw Problem.malformed("field '" + field + "' must be a string");
        }
        return Optional.of((String) value);
    }

    public static String string(Map<String, Object> object, String field) {
        return optString(object, field).orElseThrow(() -> Problem.malformed("field '" + field + "' is missing"));
    }

    public static Optional<Boolean> optBoolean(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean)) {
            throw Problem.malformed("field '" + field + "' must be true or false");
        }
        return Optional.of((Boolean) value);
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> optObject(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw Problem.malformed("field '" + field + "' must be an object");
        }
        return Optional.of((Map<String, Object>) value);
    }

    public static Optional<List<Object>> optList(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List)) {
            throw Problem.malformed("field '" + field + "' must be an array");
        }
        return Optional.of(new ArrayList<>((List<?>) value));
    }

    /** A list of strings; any other element is {@code malformed}. */
    public static List<String> strings(Map<String, Object> object, String field) {
        List<String> out = new ArrayList<>();
        for (Object o : optList(object, field).orElse(List.of())) {
            if (!(o instanceof String)) {
                throw Problem.malformed("field '" + field + "' must hold strings only");
            }
            out.add((String) o);
        }
        return out;
    }

    /** An integer field; numbers that are not whole or out of range are {@code malformed}. */
    public static Optional<Integer> optInt(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return Optional.of((int) d);
            }
        }
        throw Problem.malformed("field '" + field + "' must be an integer");
    }
}
