package dev.bulwark.pki.internal;

import dev.bulwark.pki.IndexEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * Builds RFC 5280 §5 CRLs: version 2, cRLNumber and authorityKeyIdentifier extensions,
 * thisUpdate and nextUpdate, no revokedCertificates field when nothing is revoked, and no reasonCode
 * on entries revoked for an unspecified reason. Not API.
 */
public final class CrlMaker {

    private CrlMaker() {
    }

    /**
     * Signs a CRL.
     *
     * @param issuer      the CA's subject name, encoded as in its certificate
     * @param issuerKeyId the CA's key identifier
     * @param number      the CRL number
     * @param revoked     the revoked entries
     * @param thisUpdate  the issue time
     * @param nextUpdate  when the next CRL will be issued at the latest
     * @param signers     signers of the CA's key
     */
    public static X509CRL sign(X500Name issuer, byte[] issuerKeyId, BigInteger number, List<IndexEntry> revoked,
                               Instant thisUpdate, Instant nextUpdate, SignerPool signers) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (IndexEntry entry : revoked) {
                // reason 0 (unspecified) makes BouncyCastle leave the reasonCode extension out.
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt().orElseThrow()),
                        entry.reason().orElseThrow().code());
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            X509CRLHolder signed = signers.sign(builder::build);
            return Signing.toJdk(signed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CRL extension", e);
        }
    }
}
