package dev.bulwark.pki;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Answers OCSP requests (RFC 6960) for the certificates a CA issued, signed by the CA itself: good,
 * revoked (with time and reason) or unknown, thisUpdate now and nextUpdate now plus the CA's CRL
 * validity, the request's nonce echoed (RFC 8954), the responder named by its subject (no SHA-1 key
 * hash). CertIDs hashed with SHA-1 (what most clients send, RFC 5019) are matched as identifiers
 * only; every signature is the CA's own algorithm. A malformed request gets a
 * {@code malformedRequest} response, never an exception. Serve it over HTTP POST with content type
 * {@code application/ocsp-response}.
 */
public final class OcspResponder {

    private final CertificateAuthority ca;

    private OcspResponder(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** A responder for the certificates this CA issued. */
    public static OcspResponder of(CertificateAuthority ca) {
        return new OcspResponder(ca);
    }

    /** The DER OCSPResponse for a DER OCSPRequest. */
    public byte[] respond(byte[] request) {
        try {
            OCSPReq parsed;
            try {
                parsed = new OCSPReq(request);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            if (parsed.getRequestList().length == 0) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, sign(parsed)).getEncoded();
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot build an OCSP response", e);
        }
    }

    private BasicOCSPResp sign(OCSPReq request)
            throws OCSPException, OperatorCreationException, CertificateEncodingException, IOException {
        X509CertificateHolder issuer = new X509CertificateHolder(ca.certificate().getEncoded());
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        Instant now = ca.settings().clock().instant();
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(ca.settings().crlValidity()));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(
                ca.certificate().getSubjectX500Principal().getEncoded())));
        for (Req single : request.getRequestList()) {
            CertificateID id = single.getCertID();
            builder.addResponse(id, status(id, issuer, digests, ca), thisUpdate, nextUpdate, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return ca.signers().sign(signer -> {
            try {
                return builder.build(signer, new X509CertificateHolder[] {issuer}, thisUpdate);
            } catch (OCSPException e) {
                throw new IllegalStateException("cannot sign an OCSP response", e);
            }
        });
    }

    private static CertificateStatus status(CertificateID id, X509CertificateHolder issuer,
                                            DigestCalculatorProvider digests, CertificateAuthority ca) {
        try {
            if (!id.matchesIssuer(issuer, digests)) {
                return new UnknownStatus();
            }
        } catch (OCSPException e) {
            return new UnknownStatus();
        }
        // one lookup per serial asked about, whatever the size of the index
        IndexEntry entry = ca.entry(id.getSerialNumber()).orElse(null);
        if (entry == null) {
            return new UnknownStatus();
        }
        if (!entry.isRevoked()) {
            return CertificateStatus.GOOD;
        }
        Date revokedAt = Date.from(entry.revokedAt().orElseThrow());
        RevocationReason reason = entry.reason().orElseThrow();
        return reason == RevocationReason.UNSPECIFIED ? new RevokedStatus(revokedAt)
                : new RevokedStatus(revokedAt, reason.code());
    }

    @Override
    public String toString() {
        return "OcspResponder[" + ca.certificate().getSubjectX500Principal().getName() + "]";
    }
}
