package dev.bulwark.pki.acme.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ACME account as stored: its key (a public JWK), the key's RFC 7638 thumbprint, status
 * ({@code valid}, {@code deactivated}, {@code revoked}), contacts and the external account key it
 * was bound with. Not API.
 */
public record AccountRecord(String id, String status, String jwk, String thumbprint, List<String> contacts,
                            Optional<String> eabKid, Instant created) {

    public AccountRecord {
        contacts = List.copyOf(contacts);
    }

    public AccountRecord withStatus(String newStatus) {
        return new AccountRecord(id, newStatus, jwk, thumbprint, contacts, eabKid, created);
    }

    public AccountRecord withContacts(List<String> newContacts) {
        return new AccountRecord(id, status, jwk, thumbprint, newContacts, eabKid, created);
    }

    public AccountRecord withKey(String newJwk, String newThumbprint) {
        return new AccountRecord(id, status, newJwk, newThumbprint, contacts, eabKid, created);
    }

    Map<String, Object> toStored() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("status", status);
        json.put("jwk", jwk);
        json.put("thumbprint", thumbprint);
        json.put("contact", contacts);
        eabKid.ifPresent(k -> json.put("eabKid", k));
        json.put("created", created.toString());
        return json;
    }

    static AccountRecord fromStored(Map<String, Object> json) {
        return new AccountRecord(Json.string(json, "id"), Json.string(json, "status"), Json.string(json, "jwk"),
                Json.string(json, "thumbprint"), Json.strings(json, "contact"), Json.optString(json, "eabKid"),
                Instant.parse(Json.string(json, "created")));
    }
}
