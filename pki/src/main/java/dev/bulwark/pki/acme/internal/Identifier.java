package dev.bulwark.pki.acme.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ACME identifier: {@code dns} (RFC 8555) or {@code ip} (RFC 8738) and its value. Not API. */
public record Identifier(String type, String value) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("value", value);
        return json;
    }

    /** Reads an identifier object from a request; types other than dns and ip are {@code unsupportedIdentifier}. */
    public static Identifier fromJson(Object o) {
        if (!(o instanceof Map)) {
            throw Problem.malformed("an identifier must be an object with 'type' and 'value'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) o;
        String type = Json.string(map, "type");
        String value = Json.string(map, "value");
        if (!type.equals("dns") && !type.equals("ip")) {
            throw Problem.of("unsupportedIdentifier", 400, "identifier type " + Problem.excerpt(type)
                    + " is not supported; use dns or ip");
        }
        return new Identifier(type, value);
    }

    /** The name a certificate carries for it (a wildcard keeps its {@code *.}). */
    @Override
    public String toString() {
        return type + ":" + value;
    }
}
