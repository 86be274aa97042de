package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Constraints this module never writes but a loaded CA (made by another tool) may carry. */
class LoadedConstraintsTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);

    /** A self-signed CA made with BouncyCastle directly, with the given name constraints. */
    private static CertificateAuthority loaded(String subject, GeneralSubtree[] permitted, GeneralSubtree[] excluded) throws Exception {
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(0x4242), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(365))), name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        return CertificateAuthority.load(List.of(certificate), key.getPrivate(), CaSettings.defaults()).withPolicy(TestPolicy.NAMES);
    }

    @Test
    void directoryNameAndEmailConstraintsOfALoadedCaBoundTheSubjectsItSigns() throws Exception {
        CertificateAuthority ca = loaded("O=Example,CN=Loaded Root",
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(new X500Name("O=Example"))),
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"))},
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, "bad.example.com"))});
        // a leaf's subject is CN=<name>, outside O=Example: relying parties would reject it
        assertThatThrownBy(() -> ca.issueServer(List.of("web.example.com"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("name constraints of CN=Loaded Root,O=Example refuse subject CN=web.example.com:"
                        + " not within the permitted subtrees [DirName:O=Example]");
        assertThatThrownBy(() -> ca.createIntermediate(IntermediateSpec.builder("CN=Sub CA,O=Other").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name constraints of CN=Loaded Root,O=Example refuse subject CN=Sub CA,O=Other:"
                        + " not within the permitted subtrees [DirName:O=Example]");
        assertThatThrownBy(() -> ca.createIntermediate(IntermediateSpec.builder(
                "EMAILADDRESS=ca@bad.example.com,CN=Sub CA,O=Example").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name constraints of CN=Loaded Root,O=Example refuse email address ca@bad.example.com:"
                        + " excluded subtree email:bad.example.com");
        CertificateAuthority sub = ca.createIntermediate(IntermediateSpec.builder("EMAILADDRESS=ca@example.com,CN=Sub CA,O=Example").build());
        assertThat(sub.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    }

    @Test
    void constraintsWithMinimumOrMaximumRefuseEveryCertificateButTheCaStillSignsCrls() throws Exception {
        CertificateAuthority ca = loaded("CN=Odd Root",
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"), BigInteger.ONE, null)},
                null);
        assertThatThrownBy(() -> ca.issueServer(List.of("web.example.com"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("the name constraints of CN=Odd Root use minimum/maximum, which RFC 5280 forbids;"
                        + " nothing is issued under constraints that cannot be checked");
        assertThat(ca.crl().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    }
}
