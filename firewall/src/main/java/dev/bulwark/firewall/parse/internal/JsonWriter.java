package dev.bulwark.firewall.parse.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes values read by {@link Json} back as compact JSON, to keep unknown parts verbatim. Not API. */
final class JsonWriter {

    private JsonWriter() {
    }

    /** The value in compact JSON (keys in their order), for keeping parts verbatim. */
    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    /** A number as JSON: plain digits unless that would be long ({@code 1e999999999} stays short). */
    static String number(BigDecimal n) {
        return Math.abs((long) n.scale()) <= 64 ? n.toPlainString() : n.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(e.getKey(), b);
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('[');
            for (int i = 0; i < ((List<?>) v).size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(((List<?>) v).get(i), b);
            }
            b.append(']');
        } else if (v instanceof String) {
            b.append('"');
            for (char c : ((String) v).toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        } else if (v instanceof BigDecimal) {
            b.append(number((BigDecimal) v));
        } else {
            b.append(v);
        }
    }
}
