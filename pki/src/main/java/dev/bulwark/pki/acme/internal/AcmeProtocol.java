package dev.bulwark.pki.acme.internal;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ACME protocol without the transport: a request (method, path under {@code /acme}, content
 * type, body) in, a {@link Response} out — never an exception. Every POST is a JWS checked here in
 * RFC 8555 §6 order: JWS shape and algorithm, {@code nonce} (each accepted once), {@code url}
 * (the URL it was sent to), {@code jwk} only where the RFC allows it and {@code kid} naming a valid
 * account otherwise, then the signature; only then does a handler run. Not API.
 */
public final class AcmeProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeProtocol.class);

    private final AcmeContext context;
    private final Accounts accounts;
    private final Orders orders;
    private final Authorizations authorizations;
    private final Revocations revocations;
    private final RenewalInfo renewalInfo;
    private final AccountKeys accountKeys = new AccountKeys();

    public AcmeProtocol(AcmeContext context) {
        this.context = context;
        this.accounts = new Accounts(context);
        this.authorizations = new Authorizations(context);
        this.orders = new Orders(context, authorizations);
        this.revocations = new Revocations(context);
        this.renewalInfo = new RenewalInfo(context);
    }

    /** Answers one request; problems become problem documents, and every answer carries a fresh nonce. */
    public Response handle(String method, String path, String contentType, byte[] body) {
        Response response;
        try {
            response = route(method, path, contentType, body);
        } catch (Problem p) {
            response = Response.problem(p);
        } catch (RuntimeException e) {
            LOG.warn("ACME {} {} failed", method, path, e);
            response = Response.problem(Problem.of("serverInternal", 500, "the server failed to handle the request"));
        }
        if (!method.equals("GET") || path.equals("/new-nonce")) {
            response = response.with("Replay-Nonce", context.nonces().next());
        }
        String index = "<" + context.url("/directory") + ">;rel=\"index\"";
        String link = response.headers().get("Link");
        return response.with("Link", link == null ? index : link + ", " + index);
    }

    private Response route(String method, String path, String contentType, byte[] body) {
        String[] parts = path.split("/", -1);
        // parts[0] is "" (the path starts with '/')
        if (parts.length < 2 || !path.startsWith("/")) {
            throw Problem.notFound("no such resource");
        }
        String first = parts[1];
        if (first.equals("directory") && parts.length == 2) {
            requireMethod(method, "GET");
            return directory();
        }
        if (first.equals("new-nonce") && parts.length == 2) {
            if (method.equals("HEAD")) {
                return Response.empty(200).with("Cache-Control", "no-store");
            }
            if (method.equals("GET")) {
                return Response.empty(204).with("Cache-Control", "no-store");
            }
            throw Problem.of("malformed", 405, "use HEAD or GET for " + path);
        }
        if (first.equals("renewal-info") && parts.length == 3) {
            requireMethod(method, "GET");
            return renewalInfo.get(parts[2]);
        }
        requireMethod(method, "POST");
        if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase("application/jose+json")) {
            throw Problem.of("malformed", 415, "an ACME POST has Content-Type application/jose+json");
        }
        if (body.length > JwsVerifier.MAX_BODY) {
            throw Problem.of("malformed", 413, "the request body is larger than " + JwsVerifier.MAX_BODY + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean jwkAllowed = parts.length == 2 && (first.equals("new-account") || first.equals("revoke-cert"));
        boolean jwkRequired = parts.length == 2 && first.equals("new-account");
        SignedRequest request = authenticate(text, context.url(path), jwkAllowed, jwkRequired);
        if (parts.length == 2) {
            switch (first) {
                case "new-account":
                    return accounts.newAccount(request);
                case "new-order":
                    return orders.newOrder(request);
                case "revoke-cert":
                    return revocations.revoke(request);
                case "key-change":
                    return accounts.keyChange(request, context.url(path));
                default:
                    throw Problem.notFound("no such resource");
            }
        }
        if (first.equals("acct") && parts.length == 3) {
            return accounts.update(request, parts[2]);
        }
        if (first.equals("acct") && parts.length == 4 && parts[3].equals("orders")) {
            return orders.list(request, parts[2]);
        }
        if (first.equals("order") && parts.length == 4) {
            return orders.get(request, parts[2], parts[3]);
        }
        if (first.equals("order") && parts.length == 5 && parts[4].equals("finalize")) {
            return orders.finalizeOrder(request, parts[2], parts[3]);
        }
        if (first.equals("cert") && parts.length == 4) {
            return orders.certificate(request, parts[2], parts[3]);
        }
        if (first.equals("authz") && parts.length == 4) {
            return authorizations.get(request, parts[2], parts[3]);
        }
        if (first.equals("chall") && parts.length == 5) {
            return authorizations.challenge(request, parts[2], parts[3], parts[4]);
        }
        throw Problem.notFound("no such resource");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw Problem.of("malformed", 405, "use " + expected + " for this resource");
        }
    }

    /** Checks the JWS in RFC 8555 §6.2–6.5 order and returns the verified request. */
    private SignedRequest authenticate(String body, String requestUrl, boolean jwkAllowed, boolean jwkRequired) {
        JWSObject jws = JwsVerifier.parse(body);
        JWSHeader header = jws.getHeader();
        Object nonce = header.getCustomParam("nonce");
        if (!(nonce instanceof String) || !context.nonces().consume((String) nonce)) {
            throw Problem.badNonce(nonce == null ? "the JWS header has no 'nonce'"
                    : nonce instanceof String && context.nonces().fromAnotherInstance((String) nonce)
                    ? "the nonce was issued by another server process on this store or before a restart; use the one in this response"
                    : "the nonce was not issued by this server or was used already; use the one in this response");
        }
        JwsVerifier.checkUrl(header, requestUrl);
        JWK key;
        Optional<AccountRecord> account = Optional.empty();
        if (header.getJWK() != null) {
            if (!jwkAllowed) {
                throw Problem.malformed("this resource needs a request signed with 'kid' (the account URL), not 'jwk'");
            }
            key = header.getJWK();
            JwsVerifier.publicKey(key);
            JwsVerifier.verify(jws, key);
        } else {
            if (jwkRequired) {
                throw Problem.malformed("newAccount needs a request signed with 'jwk', not 'kid'");
            }
            AccountRecord found = accountOf(header.getKeyID());
            JwsVerifier.VerifyingKey verifying = accountKeys.of(found);
            key = verifying.jwk();
            account = Optional.of(found);
            JwsVerifier.verify(jws, verifying);
        }
        return new SignedRequest(header, key, account, jws.getPayload().toString());
    }

    private AccountRecord accountOf(String kid) {
        String prefix = context.url("/acct/");
        if (!kid.startsWith(prefix) || !AcmeStore.isId(kid.substring(prefix.length()))) {
            throw Problem.of("accountDoesNotExist", 400, "'kid' " + Problem.excerpt(kid) + " is not an account URL of this server");
        }
        AccountRecord account = context.store().account(kid.substring(prefix.length())).orElseThrow(() ->
                Problem.of("accountDoesNotExist", 400, "no account " + Problem.excerpt(kid)));
        if (!account.status().equals("valid")) {
            throw Problem.unauthorized("the account is " + account.status());
        }
        return account;
    }

    private Response directory() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("newNonce", context.url("/new-nonce"));
        json.put("newAccount", context.url("/new-account"));
        json.put("newOrder", context.url("/new-order"));
        json.put("revokeCert", context.url("/revoke-cert"));
        json.put("keyChange", context.url("/key-change"));
        json.put("renewalInfo", context.url("/renewal-info"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("externalAccountRequired", !context.externalAccountKeys().isEmpty());
        json.put("meta", meta);
        return Response.json(200, json);
    }
}
