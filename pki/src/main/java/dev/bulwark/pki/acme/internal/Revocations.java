package dev.bulwark.pki.acme.internal;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.Der;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import dev.bulwark.pki.internal.KeyChecks;
import dev.bulwark.pki.internal.Serials;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.internal.Names;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * revokeCert (RFC 8555 §7.6): signed by the account the certificate was issued to ({@code kid}),
 * by an account that holds valid authorizations for every name in the certificate ({@code kid}),
 * or by the certificate's own key ({@code jwk}); the revocation goes into the CA store's index, so the
 * next CRL and the OCSP responder report it. Not API.
 */
final class Revocations {

    private final AcmeContext context;

    Revocations(AcmeContext context) {
        this.context = context;
    }

    Response revoke(SignedRequest request) {
        Map<String, Object> payload = request.json();
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(Json.string(payload, "certificate"));
        } catch (IllegalArgumentException e) {
            throw Problem.malformed("field 'certificate' is not base64url");
        }
        X509Certificate certificate;
        try {
            certificate = Der.certificate(der);
        } catch (RuntimeException e) {
            throw Problem.malformed("field 'certificate' is not a DER certificate");
        }
        int code = Json.optInt(payload, "reason").orElse(0);
        RevocationReason reason = Arrays.stream(RevocationReason.values()).filter(r -> r.code() == code).findFirst()
                .orElseThrow(() -> Problem.of("badRevocationReason", 400, "revocation reason " + code
                        + " is not accepted; use 0, 1, 3, 4, 5 or 9"));
        if (reason == RevocationReason.CA_COMPROMISE) {
            throw Problem.of("badRevocationReason", 400, "a subscriber cannot revoke for cACompromise (2)");
        }
        String serialHex = Serials.hex(certificate.getSerialNumber());
        X509Certificate issued = context.ca().certificate(certificate.getSerialNumber())
                .filter(c -> sameEncoding(c, der))
                .orElseThrow(() -> Problem.notFound("this CA did not issue that certificate"));
        if (request.account().isPresent()) {
            String accountId = request.account().get().id();
            Optional<String> owner = context.store().certificateOwner(serialHex);
            if (owner.isEmpty() || !owner.get().startsWith(accountId + "/")) {
                List<String> missing = unauthorizedNames(accountId, issued);
                if (!missing.isEmpty()) {
                    throw Problem.unauthorized("the certificate was not issued to this account, and the account holds no"
                            + " valid authorization for " + Problem.excerpt(String.join(", ", missing)));
                }
            }
        } else if (!KeyChecks.sameKey(JwsVerifier.publicKey(request.key()), issued.getPublicKey())) {
            throw Problem.unauthorized("the request is signed neither by the certificate's account nor by its key");
        }
        boolean revoked = context.ca().entry(issued.getSerialNumber()).map(IndexEntry::isRevoked).orElse(false);
        if (revoked) {
            throw Problem.of("alreadyRevoked", 400, "serial " + serialHex + " is revoked already");
        }
        try {
            context.ca().revoke(issued.getSerialNumber(), reason);
        } catch (ValidationException e) {
            throw Problem.of("alreadyRevoked", 400, e.getMessage());
        }
        return Response.empty(200);
    }

    /**
     * RFC 8555 §7.6's third way: the certificate's names (DNS and IP subjectAltNames) for which the
     * account holds no valid, unexpired authorization; a wildcard name needs a wildcard authorization
     * (dns-01) of its base name. A certificate whose names cannot be read is authorised for nothing.
     */
    private List<String> unauthorizedNames(String accountId, X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                Object type = san.get(0);
                if (!Integer.valueOf(2).equals(type) && !Integer.valueOf(7).equals(type)) {
                    return List.of("the certificate's " + type + " names");
                }
                names.add(String.valueOf(san.get(1)));
            }
            names = new ArrayList<>(Names.normalize(names));
        } catch (CertificateParsingException | ValidationException | ParseException e) {
            return List.of("the certificate's names");
        }
        Set<String> authorized = new HashSet<>();
        Instant now = context.clock().instant();
        for (String id : context.store().authzIds(accountId)) {
            context.store().authz(accountId, id).filter(a -> a.statusAt(now).equals("valid"))
                    .ifPresent(a -> authorized.add((a.wildcard() ? "*." : "") + a.identifier().value()));
        }
        names.removeAll(authorized);
        return names;
    }

    private static boolean sameEncoding(X509Certificate certificate, byte[] der) {
        try {
            return Arrays.equals(certificate.getEncoded(), der);
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
