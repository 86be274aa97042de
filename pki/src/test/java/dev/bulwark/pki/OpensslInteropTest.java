package dev.bulwark.pki;

import static dev.bulwark.pki.ProfileAssertions.assertConforms;
import static dev.bulwark.pki.ProfileAssertions.assertConformsRoot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.testing.RequiresTool;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@RequiresTool("openssl")
class OpensslInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "ED25519", "RSA_3072", "RSA_4096"})
    void opensslVerifiesEveryProfileUnderRootAndConstrainedIntermediate(KeyAlgorithm algorithm) throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Interop Root " + algorithm.wireName() + ",O=Bulwark",
                algorithm, Duration.ofDays(3650)));
        // RSA-4096 only for the root: generating two more 4096-bit keys would dominate the run
        KeyAlgorithm lower = algorithm == KeyAlgorithm.RSA_4096 ? KeyAlgorithm.RSA_3072 : algorithm;
        CertificateAuthority intermediate = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=Interop Issuing CA,O=Bulwark")
                .keyAlgorithm(lower).permitDns("example.com").permitIps(IpNetwork.parse("10.0.0.0/8")).build()));
        assertConformsRoot(root.certificate());
        assertConforms(intermediate.certificate(), root.certificate());
        String rootPem = openssl.write("root.pem", root.certificate());
        String interPem = openssl.write("intermediate.pem", intermediate.certificate());

        String interText = openssl.run("x509", "-in", interPem, "-text", "-noout").output();
        assertThat(interText).contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0",
                "X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign",
                "X509v3 Name Constraints: critical", "DNS:example.com", "IP:10.0.0.0/255.0.0.0",
                "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier");
        assertThat(interText).doesNotContain("sha1", "SHA1");

        for (LeafProfile profile : LeafProfile.values()) {
            IssuedCertificate leaf = intermediate.issue(profile, List.of("web.example.com", "10.0.0.5"), lower, Duration.ofDays(90));
            assertConforms(leaf.certificate(), intermediate.certificate());
            assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
            String leafPem = openssl.write("leaf.pem", leaf.certificate());
            for (String purpose : purposes(profile)) {
                Openssl.Result verify = openssl.run("verify", "-x509_strict", "-purpose", purpose,
                        "-CAfile", rootPem, "-untrusted", interPem, leafPem);
                assertThat(verify.output()).as(profile + " " + purpose).isEqualTo(leafPem + ": OK\n");
                assertThat(verify.exitCode()).isZero();
            }
            String text = openssl.run("x509", "-in", leafPem, "-text", "-noout").output();
            assertThat(text).contains("X509v3 Basic Constraints: critical\n                CA:FALSE",
                    "DNS:web.example.com, IP Address:10.0.0.5", "Subject: CN = web.example.com",
                    "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier");
            assertThat(text).contains(lower.isRsa()
                    ? "X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n"
                    : "X509v3 Key Usage: critical\n                Digital Signature\n");
            assertThat(text).contains(ekuText(profile));
            assertThat(text).doesNotContain("sha1", "SHA1");
        }
    }

    @Test
    void rsa2048LeafUnderEcCaHasKeyEnciphermentAndVerifies() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Mixed Root"));
        IssuedCertificate leaf = root.issue(LeafProfile.SERVER, List.of("rsa.example.com"), KeyAlgorithm.RSA_2048, Duration.ofDays(30));
        assertConforms(leaf.certificate(), root.certificate());
        String rootPem = openssl.write("root.pem", root.certificate());
        String leafPem = openssl.write("leaf.pem", leaf.certificate());
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", rootPem, leafPem).output()).isEqualTo(leafPem + ": OK\n");
        assertThat(openssl.run("x509", "-in", leafPem, "-text", "-noout").output())
                .contains("Digital Signature, Key Encipherment", "Public-Key: (2048 bit)", "ecdsa-with-SHA256");
    }

    @Test
    void crlsVerifyListRevokedSerialsAndMakeOpensslRejectTheRevokedLeaf() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=CRL Root"));
        CertificateAuthority intermediate = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=CRL Issuing CA").build()));
        IssuedCertificate good = intermediate.issueServer(List.of("good.example.com"), Duration.ofDays(30));
        IssuedCertificate bad = intermediate.issueServer(List.of("bad.example.com"), Duration.ofDays(30));
        IssuedCertificate old = intermediate.issueServer(List.of("old.example.com"), Duration.ofDays(30));
        String rootPem = openssl.write("root.pem", root.certificate());
        String interPem = openssl.write("intermediate.pem", intermediate.certificate());

        X509CRL empty = intermediate.crl();
        assertConforms(empty, intermediate.certificate());
        String emptyPem = openssl.write("empty.crl", empty);
        assertThat(openssl.run("crl", "-in", emptyPem, "-CAfile", interPem, "-verify", "-noout").output()).isEqualTo("verify OK\n");
        assertThat(openssl.run("crl", "-in", emptyPem, "-text", "-noout").output())
                .contains("No Revoked Certificates.", "X509v3 CRL Number: \n                1\n");

        intermediate.revoke(bad.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        intermediate.revoke(old.certificate().getSerialNumber(), RevocationReason.UNSPECIFIED);
        X509CRL crl = intermediate.crl();
        assertConforms(crl, intermediate.certificate());
        assertThat(ProfileAssertions.crlNumber(crl)).isEqualTo(BigInteger.TWO);
        String crlPem = openssl.write("intermediate.crl", crl);
        assertThat(openssl.run("crl", "-in", crlPem, "-CAfile", interPem, "-verify", "-noout").output()).isEqualTo("verify OK\n");
        String text = openssl.run("crl", "-in", crlPem, "-text", "-noout").output();
        assertThat(text).contains("Serial Number: " + hex(bad.certificate()), "Key Compromise",
                "Serial Number: " + hex(old.certificate()), "X509v3 CRL Number: \n                2\n",
                "X509v3 Authority Key Identifier", "Next Update:");
        assertThat(text).doesNotContain("Unspecified", hex(good.certificate()));

        X509CRL rootCrl = root.crl();
        assertConforms(rootCrl, root.certificate());
        assertThat(openssl.run("crl", "-in", openssl.write("root.crl", rootCrl), "-CAfile", rootPem, "-verify", "-noout")
                .output()).isEqualTo("verify OK\n");

        String badPem = openssl.write("bad.pem", bad.certificate());
        Openssl.Result rejected = openssl.run("verify", "-x509_strict", "-crl_check", "-CRLfile", crlPem,
                "-CAfile", rootPem, "-untrusted", interPem, badPem);
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.output()).contains("error 23 at 0 depth lookup: certificate revoked");
        String goodPem = openssl.write("good.pem", good.certificate());
        assertThat(openssl.run("verify", "-x509_strict", "-crl_check", "-CRLfile", crlPem,
                "-CAfile", rootPem, "-untrusted", interPem, goodPem).output()).isEqualTo(goodPem + ": OK\n");
    }

    @Test
    void rootRolloverWithACrossCertificateVerifiesForClientsOfEitherRoot() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority oldRoot = TestPolicy.allow(CertificateAuthority.createRoot("CN=Example Root G1"));
        CertificateAuthority newRoot = TestPolicy.allow(CertificateAuthority.createRoot("CN=Example Root G2", KeyAlgorithm.EC_P384, Duration.ofDays(3650)));
        X509Certificate cross = oldRoot.crossSign(newRoot.certificate(), Duration.ofDays(730));
        assertConforms(cross, oldRoot.certificate());
        assertThat(cross.getSubjectX500Principal()).isEqualTo(newRoot.certificate().getSubjectX500Principal());
        assertThat(cross.getPublicKey()).isEqualTo(newRoot.certificate().getPublicKey());
        assertThat(ProfileAssertions.ski(cross)).isEqualTo(ProfileAssertions.ski(newRoot.certificate()));
        IssuedCertificate leaf = newRoot.issueServer(List.of("rolled.example.com"), Duration.ofDays(30));
        String leafPem = openssl.write("leaf.pem", leaf.certificate());
        String crossPem = openssl.write("cross.pem", cross);
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", openssl.write("g1.pem", oldRoot.certificate()),
                "-untrusted", crossPem, leafPem).output()).isEqualTo(leafPem + ": OK\n");
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", openssl.write("g2.pem", newRoot.certificate()),
                leafPem).output()).isEqualTo(leafPem + ": OK\n");
        Openssl.Result withoutCross = openssl.run("verify", "-CAfile", openssl.write("g1-only.pem", oldRoot.certificate()), leafPem);
        assertThat(withoutCross.exitCode()).isNotZero();
    }

    @Test
    void crlDistributionPointAndCaIssuersUrlsAppearWhenConfigured() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=URL Root"));
        CertificateAuthority withUrls = root.withSettings(root.settings().withUrls(
                java.net.URI.create("http://pki.example.com/root.crl"), java.net.URI.create("http://pki.example.com/root.crt")));
        IssuedCertificate leaf = withUrls.issueServer(List.of("url.example.com"), Duration.ofDays(30));
        assertConforms(leaf.certificate(), root.certificate());
        String leafPem = openssl.write("leaf.pem", leaf.certificate());
        assertThat(openssl.run("x509", "-in", leafPem, "-text", "-noout").output()).contains(
                "X509v3 CRL Distribution Points: \n                Full Name:\n                  URI:http://pki.example.com/root.crl",
                "Authority Information Access: \n                CA Issuers - URI:http://pki.example.com/root.crt");
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", openssl.write("root.pem", root.certificate()), leafPem)
                .output()).isEqualTo(leafPem + ": OK\n");
        assertThat(root.issueServer(List.of("plain.example.com"), Duration.ofDays(1)).certificate()
                .getExtensionValue("2.5.29.31")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> root.settings().withUrls(
                java.net.URI.create("ldap://pki.example.com/root.crl"), java.net.URI.create("http://pki.example.com/root.crt")))
                .isInstanceOf(dev.bulwark.core.ValidationException.class)
                .hasMessage("crlDistributionPoint ldap://pki.example.com/root.crl must be an http:// URL "
                        + "(RFC 5280 relying parties fetch CRLs and issuers over plain HTTP)");
    }

    private static String hex(X509Certificate certificate) {
        String hex = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static List<String> purposes(LeafProfile profile) {
        switch (profile) {
            case SERVER: return List.of("sslserver");
            case CLIENT: return List.of("sslclient");
            default: return List.of("sslserver", "sslclient");
        }
    }

    private static String ekuText(LeafProfile profile) {
        switch (profile) {
            case SERVER: return "X509v3 Extended Key Usage: \n                TLS Web Server Authentication\n";
            case CLIENT: return "X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n";
            default: return "X509v3 Extended Key Usage: \n                TLS Web Server Authentication, TLS Web Client Authentication\n";
        }
    }
}
