package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts (RFC 8555 §7.3): create (with External Account Binding when the server requires it),
 * find by key ({@code onlyReturnExisting}), read, update contacts, deactivate, and key change
 * (§7.3.5). An account's key is unique: the key index and the account are written under the locks
 * of the key's thumbprint and the account. Not API.
 */
final class Accounts {

    private static final int MAX_CONTACTS = 10;
    private static final int MAX_CONTACT_LENGTH = 254;

    private final AcmeContext context;
    private final SecureRandom random = new SecureRandom();

    Accounts(AcmeContext context) {
        this.context = context;
    }

    Response newAccount(SignedRequest request) {
        Map<String, Object> payload = request.json();
        boolean onlyExisting = Json.optBoolean(payload, "onlyReturnExisting").orElse(false);
        List<String> contacts = contacts(payload);
        Optional<Map<String, Object>> eab = Json.optObject(payload, "externalAccountBinding");
        JWK key = request.key().toPublicJWK();
        String thumbprint = JwsVerifier.thumbprint(key);
        List<String> lockKeys = new ArrayList<>(List.of("key:" + thumbprint));
        Optional<String> eabKid = Optional.empty();
        if (!onlyExisting && !context.externalAccountKeys().isEmpty()) {
            if (eab.isEmpty()) {
                Optional<String> existing = context.store().accountByKey(thumbprint);
                if (existing.isEmpty()) {
                    throw Problem.of("externalAccountRequired", 400,
                            "this server requires an external account binding (externalAccountBinding) for new accounts");
                }
            } else {
                eabKid = Optional.of(ExternalAccountBinding.verify(eab.get(), context, key));
                lockKeys.add("eab:" + eabKid.get());
            }
        }
        Optional<String> boundKid = eabKid;
        return context.store().locked(lockKeys, () -> {
            Optional<AccountRecord> existing = context.store().accountByKey(thumbprint).flatMap(context.store()::account);
            if (existing.isPresent()) {
                return Response.json(200, json(existing.get())).with("Location", context.accountUrl(existing.get().id()));
            }
            if (onlyExisting) {
                throw Problem.of("accountDoesNotExist", 400, "no account has this key");
            }
            if (boundKid.isPresent() && context.store().accountByEab(boundKid.get()).isPresent()) {
                throw Problem.unauthorized("the external account key " + Problem.excerpt(boundKid.get())
                        + " is bound to another account already");
            }
            AccountRecord account = new AccountRecord(newId(), "valid", key.toJSONString(), thumbprint, contacts,
                    boundKid, context.clock().instant());
            context.store().putAccount(account);
            boundKid.ifPresent(kid -> context.store().putEab(kid, account.id()));
            context.store().putKey(thumbprint, account.id());
            return Response.json(201, json(account)).with("Location", context.accountUrl(account.id()));
        });
    }

    Response update(SignedRequest request, String accountId) {
        AccountRecord account = requireOwn(request, accountId);
        if (request.isPostAsGet()) {
            return Response.json(200, json(account));
        }
        Map<String, Object> payload = request.json();
        Optional<String> status = Json.optString(payload, "status");
        boolean hasContacts = payload.containsKey("contact");
        List<String> contacts = hasContacts ? contacts(payload) : account.contacts();
        if (status.isPresent() && !status.get().equals("deactivated") && !status.get().equals(account.status())) {
            throw Problem.malformed("an account's status can only be changed to 'deactivated'");
        }
        AccountRecord updated = context.store().locked("acct:" + accountId, () -> {
            AccountRecord current = context.store().account(accountId).orElseThrow();
            if (!current.status().equals("valid")) {
                throw Problem.unauthorized("the account is " + current.status());
            }
            AccountRecord changed = current.withContacts(contacts);
            if (status.isPresent() && status.get().equals("deactivated")) {
                changed = changed.withStatus("deactivated");
            }
            context.store().putAccount(changed);
            return changed;
        });
        return Response.json(200, json(updated));
    }

    /** RFC 8555 §7.3.5: the inner JWS, signed by the new key, names the account and its old key. */
    Response keyChange(SignedRequest request, String url) {
        AccountRecord account = request.requireAccount();
        Map<String, Object> outer = request.json();
        JWSObject inner = JwsVerifier.parse(Json.render(outer));
        if (inner.getHeader().getJWK() == null) {
            throw Problem.malformed("the inner JWS of a key change must carry the new key as 'jwk'");
        }
        if (inner.getHeader().getCustomParam("nonce") != null) {
            throw Problem.malformed("the inner JWS of a key change must not have a 'nonce'");
        }
        JwsVerifier.checkUrl(inner.getHeader(), url);
        JWK newKey = inner.getHeader().getJWK().toPublicJWK();
        JwsVerifier.publicKey(newKey);
        JwsVerifier.verify(inner, newKey);
        Map<String, Object> payload = Json.parse(inner.getPayload().toString(), "inner payload", JwsVerifier.MAX_BODY);
        if (!context.accountUrl(account.id()).equals(Json.string(payload, "account"))) {
            throw Problem.unauthorized("the inner JWS names another account than the one that signed the request");
        }
        Map<String, Object> oldKeyJson = Json.optObject(payload, "oldKey")
                .orElseThrow(() -> Problem.malformed("field 'oldKey' is missing"));
        String oldThumbprint;
        try {
            oldThumbprint = JwsVerifier.thumbprint(JWK.parse(oldKeyJson));
        } catch (java.text.ParseException e) {
            throw Problem.malformed("field 'oldKey' is not a JWK");
        }
        if (!oldThumbprint.equals(account.thumbprint())) {
            throw Problem.unauthorized("'oldKey' is not the account's current key");
        }
        String newThumbprint = JwsVerifier.thumbprint(newKey);
        return context.store().locked(List.of("key:" + account.thumbprint(), "key:" + newThumbprint, "acct:" + account.id()), () -> {
            Optional<String> holder = context.store().accountByKey(newThumbprint);
            if (holder.isPresent()) {
                return Response.problem(Problem.of("conflict", 409, "the new key is the key of an account already"))
                        .with("Location", context.accountUrl(holder.get()));
            }
            AccountRecord current = context.store().account(account.id()).orElseThrow();
            if (!current.thumbprint().equals(account.thumbprint())) {
                throw Problem.unauthorized("the account's key changed while this request was handled");
            }
            AccountRecord changed = current.withKey(newKey.toJSONString(), newThumbprint);
            context.store().putKey(newThumbprint, account.id());
            context.store().putAccount(changed);
            context.store().removeKey(account.thumbprint());
            return Response.json(200, json(changed)).with("Location", context.accountUrl(account.id()));
        });
    }

    /** The account of the request, which must be the one in the URL. */
    AccountRecord requireOwn(SignedRequest request, String accountId) {
        AccountRecord account = request.requireAccount();
        if (!account.id().equals(accountId)) {
            throw Problem.unauthorized("the request is signed by another account than the one it is for");
        }
        return account;
    }

    private Map<String, Object> json(AccountRecord account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", account.status());
        json.put("contact", account.contacts());
        json.put("orders", context.accountUrl(account.id()) + "/orders");
        account.eabKid().ifPresent(kid -> json.put("externalAccountBinding", Map.of("kid", kid)));
        return json;
    }

    private static List<String> contacts(Map<String, Object> payload) {
        List<String> contacts = Json.strings(payload, "contact");
        if (contacts.size() > MAX_CONTACTS) {
            throw Problem.of("invalidContact", 400, "at most " + MAX_CONTACTS + " contacts");
        }
        for (String contact : contacts) {
            if (!contact.startsWith("mailto:")) {
                throw Problem.of("unsupportedContact", 400, "contact " + Problem.excerpt(contact) + " is not a mailto: URL");
            }
            if (contact.length() > MAX_CONTACT_LENGTH + 7
                    || !contact.substring(7).matches("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")) {
                throw Problem.of("invalidContact", 400, "contact " + Problem.excerpt(contact) + " is not one plain e-mail address");
            }
        }
        return contacts;
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
