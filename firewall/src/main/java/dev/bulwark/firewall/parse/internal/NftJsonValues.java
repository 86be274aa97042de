package dev.bulwark.firewall.parse.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the values of libnftables' JSON model as {@link Json} builds them. Every failure
 * is an {@link IllegalArgumentException} whose message names what was expected, never a Java
 * exception text. Not API.
 */
final class NftJsonValues {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private NftJsonValues() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    static List<?> list(Object v, String what) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(what + " is not a JSON array");
        }
        return (List<?>) v;
    }

    static String string(Object v, String what) {
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(what + " is not a JSON string");
        }
        return (String) v;
    }

    /** An integer in {@code [min, max]}. */
    static int integer(Object v, String what, int min, int max) {
        if (!(v instanceof BigDecimal)) {
            throw new IllegalArgumentException(what + " is not a JSON number");
        }
        BigDecimal n = (BigDecimal) v;
        if (n.compareTo(INT_MIN) < 0 || n.compareTo(INT_MAX) > 0 || n.compareTo(BigDecimal.valueOf(min)) < 0
                || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException(what + " " + JsonWriter.number(n) + " is not between " + min + " and " + max);
        }
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " " + JsonWriter.number(n) + " is not a whole number");
        }
        return n.intValue();
    }

    /** A non-negative whole number that fits a {@code long}. */
    static long count(Object v, String what) {
        if (!(v instanceof BigDecimal)) {
            throw new IllegalArgumentException(what + " is not a JSON number");
        }
        BigDecimal n = (BigDecimal) v;
        if (n.signum() < 0 || n.compareTo(LONG_MAX) > 0 || n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " " + JsonWriter.number(n) + " is not a count");
        }
        return n.longValue();
    }

    /** The only key of a one-key object ({@code {"accept": null}}), or empty when it has another shape. */
    static String kind(Object v) {
        if (v instanceof Map && ((Map<?, ?>) v).size() == 1) {
            Object k = ((Map<?, ?>) v).keySet().iterator().next();
            return k instanceof String ? (String) k : "";
        }
        return "";
    }

    /** The value under the only key of a one-key object. */
    static Object body(Object v) {
        return ((Map<?, ?>) v).values().iterator().next();
    }

    /** A set element without its {@code {"elem": {"val": …, "timeout": …}}} wrapper. */
    static Object unwrap(Object element) {
        if (kind(element).equals("elem") && body(element) instanceof Map) {
            return ((Map<?, ?>) body(element)).get("val");
        }
        return element;
    }
}
