package dev.bulwark.pki.internal;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.LeafProfile;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds and signs certificates to the RFC 5280 profile this module promises: SKI on every
 * certificate (RFC 7093 method 1), AKI from the issuer's key identifier, basicConstraints critical
 * on CAs and on leaves, keyUsage critical and chosen by key type (RFC 8813: no keyEncipherment for
 * EC or EdDSA keys), EKU on leaves only. Not API.
 */
public final class CertificateMaker {

    private CertificateMaker() {
    }

    /**
     * The ASN.1 time RFC 5280 §4.1.2.5 asks for, to the second (truncated): UTCTime through 2049,
     * GeneralizedTime from 2050 — what BouncyCastle's {@code new Time(Date)} makes, without the
     * {@code SimpleDateFormat} and time zone it builds on every call (a few percent of an ACME
     * server's CPU).
     */
    static Time asn1Time(Instant instant) {
        java.time.ZonedDateTime utc = instant.atZone(java.time.ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 1950 || year > 9999) {
            return new Time(Date.from(instant));   // outside both forms' common range: BouncyCastle decides
        }
        boolean utcTime = year <= 2049;
        StringBuilder text = new StringBuilder(15);
        if (utcTime) {
            twoDigits(text, year % 100);
        } else {
            twoDigits(text, year / 100);
            twoDigits(text, year % 100);
        }
        twoDigits(text, utc.getMonthValue());
        twoDigits(text, utc.getDayOfMonth());
        twoDigits(text, utc.getHour());
        twoDigits(text, utc.getMinute());
        twoDigits(text, utc.getSecond());
        text.append('Z');
        byte[] der = new byte[2 + text.length()];
        der[0] = (byte) (utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME);
        der[1] = (byte) text.length();
        for (int i = 0; i < text.length(); i++) {
            der[2 + i] = (byte) text.charAt(i);
        }
        try {
            return Time.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode " + instant, e);
        }
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * Signs the template.
     *
     * @param template     what to certify
     * @param issuer       the issuer's subject name (encoded exactly as in its certificate)
     * @param issuerKeyId  the issuer's key identifier
     * @param signers      signers of the issuer's key
     */
    public static X509Certificate sign(CertificateTemplate template, X500Name issuer, byte[] issuerKeyId,
                                       SignerPool signers) {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, template.serial(),
                    asn1Time(template.notBefore()), asn1Time(template.notAfter()),
                    X500Name.getInstance(template.subject().getEncoded()),
                    SubjectPublicKeyInfo.getInstance(template.publicKey().getEncoded()));
            boolean ca = template.leaf().isEmpty();
            builder.addExtension(Extension.basicConstraints, true, ca
                    ? template.pathLength() >= 0 ? new BasicConstraints(template.pathLength()) : new BasicConstraints(true)
                    : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, keyUsage(template, ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false, Signing.keyIdentifier(template.publicKey()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
            if (!ca) {
                LeafProfile profile = template.leaf().get();
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (profile.serverAuth()) {
                    purposes.add(KeyPurposeId.id_kp_serverAuth);
                }
                if (profile.clientAuth()) {
                    purposes.add(KeyPurposeId.id_kp_clientAuth);
                }
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
                // RFC 5280 4.2.1.6: critical when the subject is empty.
                boolean emptySubject = template.subject().getEncoded().length <= 2;
                builder.addExtension(Extension.subjectAlternativeName, emptySubject, Names.toGeneralNames(template.names()));
            }
            if (template.hasNameConstraints()) {
                builder.addExtension(Extension.nameConstraints, true, nameConstraints(template));
            }
            if (template.crlUrl().isPresent()) {
                GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, template.crlUrl().get().toString());
                DistributionPoint point = new DistributionPoint(
                        new DistributionPointName(new GeneralNames(uri)), null, null);
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
            }
            if (template.caIssuersUrl().isPresent()) {
                GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, template.caIssuersUrl().get().toString());
                builder.addExtension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_caIssuers, uri)));
            }
            X509CertificateHolder signed = signers.sign(builder::build);
            return Signing.toJdk(signed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate extension", e);
        }
    }

    private static KeyUsage keyUsage(CertificateTemplate template, boolean ca) {
        if (ca) {
            return new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
        }
        if (template.keyAlgorithm().isRsa()) {
            return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        }
        return new KeyUsage(KeyUsage.digitalSignature);
    }

    private static NameConstraints nameConstraints(CertificateTemplate t) {
        GeneralSubtree[] permitted = subtrees(t.permittedDns(), t.permittedIps());
        GeneralSubtree[] excluded = subtrees(t.excludedDns(), t.excludedIps());
        return new NameConstraints(permitted.length == 0 ? null : permitted, excluded.length == 0 ? null : excluded);
    }

    private static GeneralSubtree[] subtrees(List<String> dns, List<IpNetwork> ips) {
        List<GeneralSubtree> out = new ArrayList<>();
        for (String name : dns) {
            out.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)));
        }
        for (IpNetwork range : ips) {
            ASN1Encodable octets = new DEROctetString(addressAndMask(range));
            out.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, octets)));
        }
        return out.toArray(new GeneralSubtree[0]);
    }

    /** The network address followed by its netmask, as RFC 5280 §4.2.1.10 encodes an IP subtree. */
    private static byte[] addressAndMask(IpNetwork network) {
        byte[] address = network.address().getAddress();
        byte[] out = new byte[address.length * 2];
        System.arraycopy(address, 0, out, 0, address.length);
        for (int i = 0; i < network.prefixLength(); i++) {
            out[address.length + i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return out;
    }
}
