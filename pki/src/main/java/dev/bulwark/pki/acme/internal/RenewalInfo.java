package dev.bulwark.pki.acme.internal;

import dev.bulwark.pki.IndexEntry;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * ACME Renewal Information (RFC 9773): the suggested renewal window of a certificate this CA
 * issued — from two thirds to five sixths of its lifetime (so a 6-day certificate is renewed on day
 * 4, a 90-day one from day 60), or right now when it was revoked. Not API.
 */
final class RenewalInfo {

    private final AcmeContext context;

    RenewalInfo(AcmeContext context) {
        this.context = context;
    }

    /** An RFC 9773 §4.1 certificate identifier: base64url(AKI keyIdentifier) "." base64url(serial DER). */
    record CertId(byte[] keyIdentifier, BigInteger serial) {

        static CertId parse(String text, AcmeContext context) {
            int dot = text.indexOf('.');
            if (dot <= 0 || dot != text.lastIndexOf('.') || text.length() > 200) {
                throw Problem.malformed("renewal identifier " + Problem.excerpt(text) + " is not keyIdentifier.serial");
            }
            byte[] aki;
            byte[] serial;
            try {
                aki = Base64.getUrlDecoder().decode(text.substring(0, dot));
                serial = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                throw Problem.malformed("renewal identifier " + Problem.excerpt(text) + " is not base64url");
            }
            if (serial.length == 0 || serial.length > 21 || serial[0] < 0) {
                throw Problem.malformed("renewal identifier " + Problem.excerpt(text) + " has no positive serial");
            }
            if (!Arrays.equals(aki, keyIdentifierOf(context.ca().certificate()))) {
                throw Problem.notFound("the certificate was not issued by this CA");
            }
            return new CertId(aki, new BigInteger(serial));
        }
    }

    Response get(String certId) {
        CertId id = CertId.parse(certId, context);
        X509Certificate certificate = context.ca().certificate(id.serial())
                .orElseThrow(() -> Problem.notFound("no certificate with that serial"));
        Optional<IndexEntry> entry = context.ca().entry(id.serial());
        Instant now = context.clock().instant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Instant start;
        Instant end;
        if (entry.map(IndexEntry::isRevoked).orElse(false)) {
            start = now.minus(Duration.ofHours(1));
            end = now;
        } else {
            start = notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
            end = notBefore.plus(lifetime.multipliedBy(5).dividedBy(6));
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", start.toString());
        window.put("end", end.toString());
        Duration retry = lifetime.dividedBy(12).compareTo(Duration.ofHours(6)) < 0 ? lifetime.dividedBy(12) : Duration.ofHours(6);
        return Response.json(200, Map.of("suggestedWindow", window))
                .with("Retry-After", Long.toString(Math.max(60, retry.toSeconds())));
    }

    /** The subjectKeyIdentifier of the CA certificate, which is the keyIdentifier of its leaves' AKI. */
    static byte[] keyIdentifierOf(X509Certificate ca) {
        byte[] ext = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return new byte[0];
        }
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }
}
