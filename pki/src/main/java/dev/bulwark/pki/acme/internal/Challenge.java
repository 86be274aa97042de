package dev.bulwark.pki.acme.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of an authorization: its type ({@code http-01}, {@code dns-01}, {@code tls-alpn-01}),
 * token, status, when it was validated and the error that failed it. Not API.
 */
public record Challenge(String type, String token, String status, Optional<Instant> validated,
                        Optional<Map<String, Object>> error) {

    public static final String HTTP_01 = "http-01";
    public static final String DNS_01 = "dns-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    public Challenge {
        error = error.map(Map::copyOf);
    }

    public Challenge withStatus(String newStatus, Optional<Instant> when, Optional<Map<String, Object>> newError) {
        return new Challenge(type, token, newStatus, when, newError);
    }

    Map<String, Object> toStored() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("token", token);
        json.put("status", status);
        validated.ifPresent(v -> json.put("validated", v.toString()));
        error.ifPresent(e -> json.put("error", e));
        return json;
    }

    static Challenge fromStored(Map<String, Object> json) {
        return new Challenge(Json.string(json, "type"), Json.string(json, "token"), Json.string(json, "status"),
                Json.optString(json, "validated").map(Instant::parse), Json.optObject(json, "error"));
    }
}
