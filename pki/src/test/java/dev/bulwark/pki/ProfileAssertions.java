package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * The RFC 5280 / CA/Browser Forum profile rules this module promises, as assertions applied to every
 * certificate and CRL the tests make (no certificate linter can be installed here).
 */
final class ProfileAssertions {

    private static final Set<String> SHA1_SIGNATURES = Set.of("1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3");
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_ENCIPHERMENT = 2;
    private static final int KU_KEY_CERT_SIGN = 5;
    private static final int KU_CRL_SIGN = 6;

    private ProfileAssertions() {
    }

    /** Checks a certificate against the profile; {@code issuer} is its issuer's certificate. */
    static void assertConforms(X509Certificate cert, X509Certificate issuer) {
        String name = cert.getSubjectX500Principal().getName();
        assertThat(cert.getVersion()).as("version of %s", name).isEqualTo(3);
        assertSerial(cert.getSerialNumber());
        assertThat(SHA1_SIGNATURES).as("signature of %s", name).doesNotContain(cert.getSigAlgOID());
        assertThat(cert.getNotBefore()).isBefore(cert.getNotAfter());
        // SKI on every certificate, non-critical
        assertThat(cert.getNonCriticalExtensionOIDs()).as("SKI of %s", name).contains("2.5.29.14");
        // AKI from the issuer's key identifier, non-critical, no issuer+serial form
        assertThat(cert.getNonCriticalExtensionOIDs()).as("AKI of %s", name).contains("2.5.29.35");
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(octets(cert.getExtensionValue("2.5.29.35")));
        assertThat(aki.getKeyIdentifier()).as("AKI keyid of %s", name).isEqualTo(ski(issuer));
        assertThat(aki.getAuthorityCertIssuer()).isNull();
        assertThat(aki.getAuthorityCertSerialNumber()).isNull();
        assertThat(cert.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
        // keyUsage critical everywhere
        assertThat(cert.getCriticalExtensionOIDs()).as("KU critical on %s", name).contains("2.5.29.15");
        boolean[] ku = cert.getKeyUsage();
        boolean rsa = cert.getPublicKey().getAlgorithm().equals("RSA");
        if (cert.getBasicConstraints() >= 0) {
            assertThat(cert.getCriticalExtensionOIDs()).as("basicConstraints critical on CA %s", name).contains("2.5.29.19");
            assertThat(ku[KU_KEY_CERT_SIGN]).as("keyCertSign on %s", name).isTrue();
            assertThat(ku[KU_CRL_SIGN]).as("cRLSign on %s", name).isTrue();
            assertThat(ku[KU_KEY_ENCIPHERMENT]).isFalse();
            assertThat(cert.getNonCriticalExtensionOIDs()).as("no EKU on CA %s", name).doesNotContain("2.5.29.37");
        } else {
            assertThat(ku[KU_DIGITAL_SIGNATURE]).as("digitalSignature on %s", name).isTrue();
            assertThat(ku[KU_KEY_CERT_SIGN] || ku[KU_CRL_SIGN]).as("no CA key usage on leaf %s", name).isFalse();
            // RFC 8813: keyEncipherment only for RSA keys
            assertThat(ku[KU_KEY_ENCIPHERMENT]).as("keyEncipherment on %s key of %s",
                    cert.getPublicKey().getAlgorithm(), name).isEqualTo(rsa);
            assertThat(cert.getNonCriticalExtensionOIDs()).as("EKU on leaf %s", name).contains("2.5.29.37");
            assertThat(cert.getExtensionValue("2.5.29.17")).as("SAN on leaf %s", name).isNotNull();
        }
    }

    /** Checks a root (self-signed) CA certificate. */
    static void assertConformsRoot(X509Certificate root) {
        assertConforms(root, root);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    /** Checks a CRL issued by {@code issuer}. */
    static void assertConforms(X509CRL crl, X509Certificate issuer) {
        assertThat(crl.getVersion()).as("CRL version").isEqualTo(2);
        assertThat(SHA1_SIGNATURES).doesNotContain(crl.getSigAlgOID());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
        assertThat(crl.getNextUpdate()).as("nextUpdate").isNotNull().isAfter(crl.getThisUpdate());
        assertThat(crl.getNonCriticalExtensionOIDs()).as("CRL number and AKI").contains("2.5.29.20", "2.5.29.35");
        BigInteger number = ASN1Integer.getInstance(octets(crl.getExtensionValue("2.5.29.20"))).getValue();
        assertThat(number.signum()).as("CRL number").isPositive();
        assertThat(AuthorityKeyIdentifier.getInstance(octets(crl.getExtensionValue("2.5.29.35"))).getKeyIdentifier())
                .isEqualTo(ski(issuer));
        // no empty revokedCertificates SEQUENCE in the TBSCertList
        try {
            for (ASN1Encodable element : ASN1Sequence.getInstance(crl.getTBSCertList())) {
                if (element instanceof ASN1Sequence) {
                    assertThat(((ASN1Sequence) element).size()).as("no empty SEQUENCE in the TBSCertList").isPositive();
                }
            }
        } catch (java.security.cert.CRLException e) {
            throw new AssertionError(e);
        }
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                assertSerial(entry.getSerialNumber());
                byte[] reason = entry.getExtensionValue("2.5.29.21");
                if (reason != null) {
                    assertThat(octets(reason)[2]).as("no unspecified reasonCode entry").isNotZero();
                }
            }
        }
    }

    /** The CRL number of a CRL. */
    static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(octets(crl.getExtensionValue("2.5.29.20"))).getValue();
    }

    private static void assertSerial(BigInteger serial) {
        assertThat(serial.signum()).as("serial is positive").isPositive();
        assertThat(serial.toByteArray().length).as("serial is at most 20 octets").isLessThanOrEqualTo(20);
        assertThat(serial.bitLength()).as("serial has at least 64 bits").isGreaterThanOrEqualTo(64);
    }

    static byte[] ski(X509Certificate cert) {
        return SubjectKeyIdentifier.getInstance(octets(cert.getExtensionValue("2.5.29.14"))).getKeyIdentifier();
    }

    private static byte[] octets(byte[] extensionValue) {
        assertThat(extensionValue).isNotNull();
        return ASN1OctetString.getInstance(extensionValue).getOctets();
    }
}
