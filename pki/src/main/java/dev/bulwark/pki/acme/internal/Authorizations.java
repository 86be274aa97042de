package dev.bulwark.pki.acme.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Authorizations and challenges (RFC 8555 §7.5): read, deactivate, and respond to a challenge,
 * which marks it {@code processing} and validates it on the validation threads; the result is
 * written back under the authorization's lock. A challenge left {@code processing} by a server that
 * stopped mid-validation is validated again when the client responds to it again. Not API.
 */
final class Authorizations {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizations.class);

    private final AcmeContext context;
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Authorizations(AcmeContext context) {
        this.context = context;
    }

    Response get(SignedRequest request, String accountId, String authzId) {
        AuthzRecord authz = own(request, accountId, authzId);
        if (request.isPostAsGet()) {
            return Response.json(200, json(authz));
        }
        Map<String, Object> payload = request.json();
        if (!"deactivated".equals(Json.optString(payload, "status").orElse(null))) {
            throw Problem.malformed("an authorization can only be updated with {\"status\":\"deactivated\"}");
        }
        AuthzRecord changed = context.store().locked("authz:" + authzId, () -> {
            AuthzRecord current = context.store().authz(accountId, authzId).orElseThrow();
            String status = current.statusAt(context.clock().instant());
            if (!status.equals("pending") && !status.equals("valid")) {
                throw Problem.malformed("an authorization that is " + status + " cannot be deactivated");
            }
            AuthzRecord deactivated = current.withStatus("deactivated");
            context.store().putAuthz(deactivated);
            return deactivated;
        });
        return Response.json(200, json(changed));
    }

    Response challenge(SignedRequest request, String accountId, String authzId, String type) {
        AuthzRecord authz = own(request, accountId, authzId);
        Challenge found = authz.challenge(type).orElseThrow(() -> Problem.notFound("no such challenge"));
        if (request.isPostAsGet()) {
            return challengeResponse(authz, found);
        }
        request.json(); // an empty object; its fields are ignored (RFC 8555 §7.5.1)
        AccountRecord account = request.requireAccount();
        Challenge started = context.store().locked("authz:" + authzId, () -> {
            AuthzRecord current = context.store().authz(accountId, authzId).orElseThrow();
            Challenge challenge = current.challenge(type).orElseThrow();
            String status = current.statusAt(context.clock().instant());
            if (challenge.status().equals("processing") && abandoned(accountId, authzId, type)) {
                // a server stopped while validating it (its state survived, its thread did not): validate again
                submit(accountId, authzId, type, account.id(), current);
                return challenge;
            }
            if (!challenge.status().equals("pending")) {
                return challenge; // processing, valid or invalid: responding again changes nothing
            }
            if (!status.equals("pending")) {
                throw Problem.malformed("the authorization is " + status + "; its challenges can no longer be answered");
            }
            Challenge processing = challenge.withStatus("processing", Optional.empty(), Optional.empty());
            context.store().putAuthz(current.withChallenge(processing, "pending"));
            submit(accountId, authzId, type, account.id(), current);
            return processing;
        });
        return challengeResponse(context.store().authz(accountId, authzId).orElseThrow(), started);
    }

    /** Runs the validation on the validation threads; {@code before} is written back if they refuse it. */
    private void submit(String accountId, String authzId, String type, String accountIdForKey, AuthzRecord before) {
        String key = authzId + "/" + type;
        inFlight.add(key);
        try {
            context.validations().execute(() -> {
                try {
                    validate(accountId, authzId, type, accountIdForKey);
                } finally {
                    inFlight.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key);
            context.store().putAuthz(before);
            throw Problem.of("serverInternal", 503, "the server is shutting down; retry later");
        }
    }

    /**
     * Whether a processing challenge has no validation running: none in this process, and its
     * authorization unchanged for longer than any validation takes (so not one in another process).
     */
    private boolean abandoned(String accountId, String authzId, String type) {
        return !inFlight.contains(authzId + "/" + type)
                && context.store().authzAge(accountId, authzId).compareTo(context.validator().longestValidation()) > 0;
    }

    private void validate(String accountId, String authzId, String type, String accountIdForKey) {
        AuthzRecord authz = context.store().authz(accountId, authzId).orElseThrow();
        Challenge challenge = authz.challenge(type).orElseThrow();
        Optional<Map<String, Object>> error;
        try {
            String thumbprint = context.store().account(accountIdForKey).orElseThrow().thumbprint();
            context.validator().validate(type, authz.identifier(), authz.wildcard(), challenge.token(),
                    challenge.token() + "." + thumbprint);
            error = Optional.empty();
        } catch (Problem p) {
            error = Optional.of(p.toErrorJson());
        } catch (RuntimeException e) {
            LOG.warn("validating {} for {} failed", type, authz.identifier(), e);
            error = Optional.of(Problem.of("serverInternal", 500, "validation failed inside the server").toErrorJson());
        }
        Optional<Map<String, Object>> result = error;
        context.store().locked("authz:" + authzId, () -> {
            AuthzRecord current = context.store().authz(accountId, authzId).orElseThrow();
            Challenge now = current.challenge(type).orElseThrow();
            if (!now.status().equals("processing")) {
                return null;
            }
            Instant at = context.clock().instant();
            boolean ok = result.isEmpty() && current.statusAt(at).equals("pending");
            Challenge done = now.withStatus(ok ? "valid" : "invalid", ok ? Optional.of(at) : Optional.empty(),
                    ok ? Optional.empty() : Optional.of(result.orElse(
                            Problem.malformed("the authorization expired during validation").toErrorJson())));
            context.store().putAuthz(current.withChallenge(done, ok ? "valid" : "invalid"));
            LOG.debug("{} {} for {}: {}", type, authzId, current.identifier(), done.status());
            return null;
        });
    }

    private AuthzRecord own(SignedRequest request, String accountId, String authzId) {
        AccountRecord account = request.requireAccount();
        AuthzRecord authz = context.store().authz(accountId, authzId)
                .orElseThrow(() -> Problem.notFound("no such authorization"));
        if (!account.id().equals(accountId)) {
            throw Problem.unauthorized("the authorization belongs to another account");
        }
        return authz;
    }

    private Response challengeResponse(AuthzRecord authz, Challenge challenge) {
        return Response.json(200, challengeJson(authz, challenge))
                .with("Link", "<" + context.authzUrl(authz.accountId(), authz.id()) + ">;rel=\"up\"");
    }

    Map<String, Object> json(AuthzRecord authz) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identifier", authz.identifier().toJson());
        json.put("status", authz.statusAt(context.clock().instant()));
        json.put("expires", authz.expires().toString());
        List<Object> challenges = new ArrayList<>();
        authz.challenges().forEach(c -> challenges.add(challengeJson(authz, c)));
        json.put("challenges", challenges);
        if (authz.wildcard()) {
            json.put("wildcard", true);
        }
        return json;
    }

    private Map<String, Object> challengeJson(AuthzRecord authz, Challenge challenge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", challenge.type());
        json.put("url", context.challengeUrl(authz, challenge.type()));
        json.put("status", challenge.status());
        json.put("token", challenge.token());
        challenge.validated().ifPresent(v -> json.put("validated", v.toString()));
        challenge.error().ifPresent(e -> json.put("error", e));
        return json;
    }
}
