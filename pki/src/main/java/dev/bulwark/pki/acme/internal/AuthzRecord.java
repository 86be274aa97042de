package dev.bulwark.pki.acme.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authorization as stored: one identifier of one order (authorizations are never shared between
 * orders), its status, expiry and challenges. Not API.
 */
public record AuthzRecord(String id, String accountId, String orderId, Identifier identifier, boolean wildcard,
                          String status, Instant expires, List<Challenge> challenges) {

    public AuthzRecord {
        challenges = List.copyOf(challenges);
    }

    /** The status a client sees now: a pending or valid authorization past its expiry is {@code expired}. */
    public String statusAt(Instant now) {
        if ((status.equals("pending") || status.equals("valid")) && !now.isBefore(expires)) {
            return "expired";
        }
        return status;
    }

    public Optional<Challenge> challenge(String type) {
        return challenges.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    public AuthzRecord withChallenge(Challenge changed, String newStatus) {
        List<Challenge> list = new ArrayList<>();
        for (Challenge c : challenges) {
            list.add(c.type().equals(changed.type()) ? changed : c);
        }
        return new AuthzRecord(id, accountId, orderId, identifier, wildcard, newStatus, expires, list);
    }

    public AuthzRecord withStatus(String newStatus) {
        return new AuthzRecord(id, accountId, orderId, identifier, wildcard, newStatus, expires, challenges);
    }

    Map<String, Object> toStored() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("account", accountId);
        json.put("order", orderId);
        json.put("identifier", identifier.toJson());
        json.put("wildcard", wildcard);
        json.put("status", status);
        json.put("expires", expires.toString());
        List<Object> list = new ArrayList<>();
        challenges.forEach(c -> list.add(c.toStored()));
        json.put("challenges", list);
        return json;
    }

    @SuppressWarnings("unchecked")
    static AuthzRecord fromStored(Map<String, Object> json) {
        List<Challenge> list = new ArrayList<>();
        for (Object o : Json.optList(json, "challenges").orElse(List.of())) {
            list.add(Challenge.fromStored((Map<String, Object>) o));
        }
        return new AuthzRecord(Json.string(json, "id"), Json.string(json, "account"), Json.string(json, "order"),
                Identifier.fromJson(json.get("identifier")), Json.optBoolean(json, "wildcard").orElse(false),
                Json.string(json, "status"), Instant.parse(Json.string(json, "expires")), list);
    }
}
