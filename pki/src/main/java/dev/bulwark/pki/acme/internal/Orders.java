package dev.bulwark.pki.acme.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.CertificateRequest;
import dev.bulwark.pki.LeafProfile;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.SignedCertificate;
import dev.bulwark.pki.internal.Serials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders (RFC 8555 §7.4): new orders (every identifier checked against the CA's policy and name
 * constraints before anything is stored or contacted), reading, finalization (the CSR must name
 * exactly the order's identifiers and goes through the CA's issuance gate like every other
 * signing path) and certificate download. Not API.
 */
final class Orders {

    private static final int MAX_IDENTIFIERS = 100;

    private final AcmeContext context;
    private final Authorizations authorizations;
    private final SecureRandom random = new SecureRandom();
    private volatile String issuersPem;

    Orders(AcmeContext context, Authorizations authorizations) {
        this.context = context;
        this.authorizations = authorizations;
    }

    Response newOrder(SignedRequest request) {
        AccountRecord account = request.requireAccount();
        Map<String, Object> payload = request.json();
        if (payload.containsKey("notBefore") || payload.containsKey("notAfter")) {
            throw Problem.malformed("notBefore and notAfter are not supported: this server issues certificates valid for "
                    + context.certificateValidity().toHours() + " hours from issuance");
        }
        List<Object> raw = Json.optList(payload, "identifiers").orElseThrow(() -> Problem.malformed("field 'identifiers' is missing"));
        if (raw.isEmpty() || raw.size() > MAX_IDENTIFIERS) {
            throw Problem.malformed("an order has 1 to " + MAX_IDENTIFIERS + " identifiers, not " + raw.size());
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (Object o : raw) {
            identifiers.add(normalize(Identifier.fromJson(o)));
        }
        Optional<String> replaces = Json.optString(payload, "replaces");
        replaces.ifPresent(r -> requireReplaceable(r, account));
        checkPolicy(identifiers);
        Instant now = context.clock().instant();
        Instant expires = now.plus(context.orderLifetime());
        String orderId = OrderRecord.newId(now, random);
        List<AuthzRecord> authorizations = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            boolean wildcard = identifier.value().startsWith("*.");
            Identifier base = wildcard ? new Identifier("dns", identifier.value().substring(2)) : identifier;
            List<Challenge> challenges = new ArrayList<>();
            for (String type : List.of(Challenge.HTTP_01, Challenge.DNS_01, Challenge.TLS_ALPN_01)) {
                if (context.challengeTypes().contains(type) && offered(type, base, wildcard)) {
                    challenges.add(new Challenge(type, newToken(), "pending", Optional.empty(), Optional.empty()));
                }
            }
            if (challenges.isEmpty()) {
                throw Problem.of("rejectedIdentifier", 400, "no enabled challenge type can validate " + identifier);
            }
            authorizations.add(new AuthzRecord(newId(), account.id(), orderId, base, wildcard, "pending", expires, challenges));
        }
        // nothing is written until every identifier has its challenges and the rate limit allows the order;
        // the count and the write hold the account's new-order lock, so processes on one store share the limit
        OrderRecord order = context.store().locked(RateLimiter.lockKey(account.id()), () -> {
            context.rateLimiter().acquire(context.store(), account.id());
            List<String> authzIds = new ArrayList<>();
            for (AuthzRecord authz : authorizations) {
                context.store().putAuthz(authz);
                authzIds.add(authz.id());
            }
            OrderRecord created = new OrderRecord(orderId, account.id(), "pending", new ArrayList<>(identifiers), authzIds,
                    expires, Optional.empty(), Optional.empty(), replaces, now);
            context.store().putOrder(created);
            return created;
        });
        return Response.json(201, json(order)).with("Location", context.orderUrl(order));
    }

    Response get(SignedRequest request, String accountId, String orderId) {
        if (!request.isPostAsGet()) {
            throw Problem.malformed("an order is read with POST-as-GET (an empty payload)");
        }
        return Response.json(200, json(own(request, accountId, orderId)));
    }

    Response list(SignedRequest request, String accountId) {
        AccountRecord account = request.requireAccount();
        if (!account.id().equals(accountId)) {
            throw Problem.unauthorized("the orders of another account");
        }
        List<String> urls = new ArrayList<>();
        Instant now = context.clock().instant();
        // an order older than the order lifetime has expired, so it cannot be pending or ready
        for (String id : context.store().orderIds(accountId, now.minus(context.orderLifetime()))) {
            context.store().order(accountId, id).filter(o -> status(o, now).equals("pending") || status(o, now).equals("ready")
                    || status(o, now).equals("processing")).ifPresent(o -> urls.add(context.orderUrl(o)));
        }
        return Response.json(200, Map.of("orders", urls));
    }

    Response finalizeOrder(SignedRequest request, String accountId, String orderId) {
        own(request, accountId, orderId);
        Map<String, Object> payload = request.json();
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(Json.string(payload, "csr"));
        } catch (IllegalArgumentException e) {
            throw Problem.of("badCSR", 400, "field 'csr' is not base64url");
        }
        CertificateRequest csr;
        try {
            csr = CertificateRequest.fromDer(der);
        } catch (ParseException | ValidationException e) {
            throw Problem.of("badCSR", 400, "the CSR cannot be used: " + e.getMessage());
        }
        OrderRecord done = context.store().locked("order:" + orderId, () -> {
            OrderRecord order = context.store().order(accountId, orderId).orElseThrow();
            String status = status(order, context.clock().instant());
            if (!status.equals("ready")) {
                throw Problem.of("orderNotReady", 403, "the order is " + status + ", not ready");
            }
            List<String> names = checkCsrNames(order, csr);
            SignedCertificate signed;
            try {
                signed = context.ca().sign(csr, LeafProfile.SERVER, context.certificateValidity(), names);
            } catch (ValidationException e) {
                throw Problem.of("badCSR", 400, "the CA refuses the CSR: " + e.getMessage());
            }
            String serial = Serials.hex(signed.certificate().getSerialNumber());
            context.store().putCertificateOwner(serial, accountId, orderId);
            OrderRecord valid = order.valid(serial);
            context.store().putOrder(valid);
            return valid;
        });
        return Response.json(200, json(done)).with("Location", context.orderUrl(done));
    }

    Response certificate(SignedRequest request, String accountId, String orderId) {
        OrderRecord order = own(request, accountId, orderId);
        String serial = order.serial().orElseThrow(() -> Problem.notFound("the order has no certificate"));
        X509Certificate leaf = context.ca().certificate(new java.math.BigInteger(serial, 16))
                .orElseThrow(() -> Problem.notFound("the certificate is missing from the store"));
        String pem = Pem.encode(leaf) + issuers();
        return new Response(200, "application/pem-certificate-chain", pem.getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    /**
     * What follows the leaf in a downloaded chain, in PEM: the issuing CA's chain without its
     * self-signed root (a client has it as its trust anchor), or the root alone when the CA is one.
     * The same for every certificate of this CA, so it is made once.
     */
    private String issuers() {
        String made = issuersPem;
        if (made == null) {
            List<X509Certificate> chain = context.ca().chain();
            List<X509Certificate> sent = new ArrayList<>();
            for (X509Certificate ca : chain) {
                if (!ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal()) || chain.size() == 1) {
                    sent.add(ca);
                }
            }
            made = Pem.encode(sent);
            issuersPem = made;
        }
        return made;
    }

    /** The status a client sees now: stored valid/invalid, or derived from the authorizations and expiry. */
    String status(OrderRecord order, Instant now) {
        if (!order.status().equals("pending")) {
            return order.status();
        }
        if (!now.isBefore(order.expires())) {
            return "invalid";
        }
        boolean allValid = true;
        for (String id : order.authzIds()) {
            Optional<AuthzRecord> authz = context.store().authz(order.accountId(), id);
            String status = authz.map(a -> a.statusAt(now)).orElse("invalid");
            if (!status.equals("valid") && !status.equals("pending")) {
                return "invalid";
            }
            allValid &= status.equals("valid");
        }
        return allValid ? "ready" : "pending";
    }

    private OrderRecord own(SignedRequest request, String accountId, String orderId) {
        AccountRecord account = request.requireAccount();
        OrderRecord order = context.store().order(accountId, orderId).orElseThrow(() -> Problem.notFound("no such order"));
        if (!account.id().equals(accountId)) {
            throw Problem.unauthorized("the order belongs to another account");
        }
        return order;
    }

    private Map<String, Object> json(OrderRecord order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status(order, context.clock().instant()));
        json.put("expires", order.expires().toString());
        List<Object> ids = new ArrayList<>();
        order.identifiers().forEach(i -> ids.add(i.toJson()));
        json.put("identifiers", ids);
        List<String> authz = new ArrayList<>();
        order.authzIds().forEach(id -> authz.add(context.authzUrl(order.accountId(), id)));
        json.put("authorizations", authz);
        json.put("finalize", context.orderUrl(order) + "/finalize");
        order.serial().ifPresent(s -> json.put("certificate", context.url("/cert/" + order.accountId() + "/" + order.id())));
        order.error().ifPresent(e -> json.put("error", e));
        order.replaces().ifPresent(r -> json.put("replaces", r));
        return json;
    }

    private static Identifier normalize(Identifier identifier) {
        String value = identifier.value();
        if (value.length() > 253) {
            throw Problem.of("rejectedIdentifier", 400, "identifier " + Problem.excerpt(value) + " is too long");
        }
        if (identifier.type().equals("dns")) {
            if (dev.bulwark.pki.internal.Names.looksLikeIp(value)) {
                throw Problem.malformed("identifier " + Problem.excerpt(value) + " is an IP address; use type 'ip'");
            }
            return new Identifier("dns", value.toLowerCase(java.util.Locale.ROOT));
        }
        if (!dev.bulwark.pki.internal.Names.looksLikeIp(value)) {
            throw Problem.malformed("identifier " + Problem.excerpt(value) + " of type 'ip' is not an IP address");
        }
        try {
            return new Identifier("ip", dev.bulwark.pki.internal.Names.normalize(List.of(value)).get(0));
        } catch (ValidationException e) {
            throw Problem.malformed("identifier " + Problem.excerpt(value) + " of type 'ip' is not an IP address");
        }
    }

    /** Every identifier must pass the CA's policy and its chain's name constraints; all refusals are listed. */
    private void checkPolicy(Set<Identifier> identifiers) {
        List<Object> subproblems = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            try {
                context.ca().checkNames(List.of(identifier.value()));
            } catch (ValidationException | ParseException e) {
                Map<String, Object> sub = Problem.of("rejectedIdentifier", 400, e.getMessage()).toErrorJson();
                sub.put("identifier", identifier.toJson());
                subproblems.add(sub);
                refused.add(identifier.value());
            }
        }
        if (!subproblems.isEmpty()) {
            throw Problem.withSubproblems("rejectedIdentifier", 400, "the CA's policy refuses " + String.join(", ", refused),
                    subproblems);
        }
    }

    private List<String> checkCsrNames(OrderRecord order, CertificateRequest csr) {
        if (!csr.unsupportedNames().isEmpty()) {
            throw Problem.of("badCSR", 400, "the CSR asks for subjectAltName entries this CA does not issue");
        }
        Set<String> wanted = new TreeSet<>();
        order.identifiers().forEach(i -> wanted.add(i.value()));
        Set<String> asked;
        try {
            asked = new TreeSet<>(dev.bulwark.pki.internal.Names.normalize(csr.requestedNames()));
        } catch (ValidationException e) {
            throw Problem.of("badCSR", 400, "the CSR names something that is not a DNS name or IP address: " + e.getMessage());
        }
        if (!asked.equals(wanted)) {
            Set<String> extra = new TreeSet<>(asked);
            extra.removeAll(wanted);
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(asked);
            throw Problem.of("badCSR", 400, "the CSR must name exactly the order's identifiers"
                    + (extra.isEmpty() ? "" : "; not in the order: " + Problem.excerpt(String.join(", ", extra)))
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing)));
        }
        return new ArrayList<>(wanted);
    }

    private void requireReplaceable(String certId, AccountRecord account) {
        RenewalInfo.CertId id = RenewalInfo.CertId.parse(certId, context);
        Optional<String> owner = context.store().certificateOwner(Serials.hex(id.serial()));
        if (owner.isEmpty() || !owner.get().startsWith(account.id() + "/")) {
            throw Problem.malformed("'replaces' names a certificate this account was not issued");
        }
    }

    private static boolean offered(String type, Identifier identifier, boolean wildcard) {
        if (wildcard) {
            return type.equals(Challenge.DNS_01);
        }
        if (identifier.type().equals("ip")) {
            return type.equals(Challenge.HTTP_01);
        }
        return true;
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
