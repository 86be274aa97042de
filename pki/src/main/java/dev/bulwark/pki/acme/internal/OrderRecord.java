package dev.bulwark.pki.acme.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order as stored. The stored status is {@code pending} until finalization, then
 * {@code valid} (with the certificate's serial) or {@code invalid}; {@code ready} and expiry are
 * derived from the authorizations and the clock when the order is read ({@link OrderState}), so
 * that validating an authorization writes one file. Not API.
 */
public record OrderRecord(String id, String accountId, String status, List<Identifier> identifiers,
                          List<String> authzIds, Instant expires, Optional<String> serial,
                          Optional<Map<String, Object>> error, Optional<String> replaces, Instant created) {

    public OrderRecord {
        identifiers = List.copyOf(identifiers);
        authzIds = List.copyOf(authzIds);
        error = error.map(Map::copyOf);
    }

    /**
     * A new order id that carries its creation time: 6 bytes of epoch milliseconds, then 12 random
     * bytes, base64url (24 characters), so that the orders an account created in a window are
     * counted from a directory listing, without reading each file ({@link RateLimiter}).
     */
    public static String newId(Instant created, SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        long millis = Math.max(0, created.toEpochMilli());
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The creation time an id made by {@link #newId} carries; empty for ids of other forms (older stores). */
    public static Optional<Instant> createdFromId(String id) {
        if (id.length() != 24) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.allocate(8).put(new byte[2]).put(bytes, 0, 6);
        return Optional.of(Instant.ofEpochMilli(buffer.getLong(0)));
    }

    public OrderRecord valid(String serialHex) {
        return new OrderRecord(id, accountId, "valid", identifiers, authzIds, expires, Optional.of(serialHex),
                Optional.empty(), replaces, created);
    }

    public OrderRecord invalid(Map<String, Object> problem) {
        return new OrderRecord(id, accountId, "invalid", identifiers, authzIds, expires, Optional.empty(),
                Optional.of(problem), replaces, created);
    }

    Map<String, Object> toStored() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("account", accountId);
        json.put("status", status);
        List<Object> ids = new ArrayList<>();
        identifiers.forEach(i -> ids.add(i.toJson()));
        json.put("identifiers", ids);
        json.put("authorizations", authzIds);
        json.put("expires", expires.toString());
        serial.ifPresent(s -> json.put("serial", s));
        error.ifPresent(e -> json.put("error", e));
        replaces.ifPresent(r -> json.put("replaces", r));
        json.put("created", created.toString());
        return json;
    }

    static OrderRecord fromStored(Map<String, Object> json) {
        List<Identifier> ids = new ArrayList<>();
        for (Object o : Json.optList(json, "identifiers").orElse(List.of())) {
            ids.add(Identifier.fromJson(o));
        }
        return new OrderRecord(Json.string(json, "id"), Json.string(json, "account"), Json.string(json, "status"), ids,
                Json.strings(json, "authorizations"), Instant.parse(Json.string(json, "expires")),
                Json.optString(json, "serial"), Json.optObject(json, "error"), Json.optString(json, "replaces"),
                Instant.parse(Json.string(json, "created")));
    }
}
