package dev.bulwark.pki.acme.internal;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.Der;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import dev.bulwark.pki.internal.KeyChecks;
import dev.bulwark.pki.internal.Serials;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * revokeCert (RFC 8555 §7.6): signed by the account the certificate was issued to ({@code kid}) or
 * by the certificate's own key ({@code jwk}); the revocation goes into the CA store's index, so the
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
            Optional<String> owner = context.store().certificateOwner(serialHex);
            if (owner.isEmpty() || !owner.get().startsWith(request.account().get().id() + "/")) {
                throw Problem.unauthorized("the certificate was not issued to this account");
            }
        } else if (!KeyChecks.sameKey(JwsVerifier.publicKey(request.key()), issued.getPublicKey())) {
            throw Problem.unauthorized("the request is signed neither by the certificate's account nor by its key");
        }
        boolean revoked = context.ca().entries().stream().filter(e -> e.serial().equals(issued.getSerialNumber()))
                .anyMatch(IndexEntry::isRevoked);
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

    private static boolean sameEncoding(X509Certificate certificate, byte[] der) {
        try {
            return Arrays.equals(certificate.getEncoded(), der);
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
