package dev.bulwark.pki;

import static dev.bulwark.pki.ProfileAssertions.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRequestTest {

    private final CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=CSR Root"));

    @TempDir
    Path dir;

    /** A request built with BouncyCastle directly, to ask for things this module never would. */
    private static String hostileRequest(KeyPair pair, String signatureAlgorithm, GeneralNames san) throws Exception {
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=evil.example.com"), pair.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        if (san != null) {
            extensions.addExtension(Extension.subjectAlternativeName, false, san);
        }
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        PKCS10CertificationRequest request = builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate()));
        return Pem.encode(CertificateRequest.fromDer(request.getEncoded()));
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    @Test
    void signsARequestForTheNamesItAsksAndIgnoresEverythingElseItRequests() throws Exception {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        String pem = hostileRequest(pair, "SHA256withECDSA",
                new GeneralNames(new GeneralName(GeneralName.dNSName, "api.example.com")));
        CertificateRequest request = CertificateRequest.parse(pem);
        assertThat(request.requestedNames()).containsExactly("api.example.com");
        assertThat(request.subject().getName()).isEqualTo("CN=evil.example.com");
        SignedCertificate signed = root.sign(request, LeafProfile.SERVER, Duration.ofDays(30));
        assertThat(signed.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(signed.certificate().getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(signed.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=api.example.com");
        assertThat(signed.certificate().getPublicKey()).isEqualTo(pair.getPublic());
        assertConforms(signed.certificate(), root.certificate());
    }

    @Test
    void policyDecidesNamesValidityAndKeyTypes() throws Exception {
        CertificateAuthority strict = root.withPolicy(CaPolicy.builder().allowDnsSuffix("example.com")
                .allowIpRange(IpNetwork.parse("10.0.0.0/8")).maxValidity(Duration.ofDays(90))
                .keyAlgorithms(EnumSet.of(KeyAlgorithm.EC_P256, KeyAlgorithm.ED25519)).build());
        KeyPair ec = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        CertificateRequest good = CertificateRequest.create(ec, List.of("db.internal.example.com", "10.2.3.4"));
        assertConforms(strict.sign(good, LeafProfile.SERVER_AND_CLIENT, Duration.ofDays(90)).certificate(), root.certificate());

        assertThatThrownBy(() -> strict.sign(CertificateRequest.create(ec, List.of("example.org")), LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses DNS name example.org; allowed suffixes: [example.com]");
        assertThatThrownBy(() -> strict.sign(CertificateRequest.create(ec, List.of("notexample.com")), LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses DNS name notexample.com; allowed suffixes: [example.com]");
        assertThatThrownBy(() -> strict.sign(CertificateRequest.create(ec, List.of("192.168.1.1")), LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses IP address 192.168.1.1; allowed ranges: [10.0.0.0/8]");
        assertThatThrownBy(() -> strict.sign(good, LeafProfile.SERVER, Duration.ofDays(91)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("requested validity of 91 days exceeds the policy's 90 days");
        assertThatThrownBy(() -> strict.sign(CertificateRequest.create(ec, List.of("*.example.com")), LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessage("policy refuses wildcard name *.example.com");
        CertificateRequest rsaRequest = CertificateRequest.create(rsa(2048), List.of("a.example.com"));
        assertThatThrownBy(() -> strict.sign(rsaRequest, LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses rsa-2048 keys; allowed: ec-p256, ed25519");
    }

    @Test
    void refusesSha1WeakKeysBadSignaturesAndUnsupportedNameTypes() throws Exception {
        String sha1 = hostileRequestUnchecked(rsa(2048), "SHA1withRSA");
        assertThatThrownBy(() -> CertificateRequest.parse(sha1)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: request signature algorithm sha1WithRSAEncryption (1.2.840.113549.1.1.5) uses SHA-1,"
                        + " which is refused; sign it with SHA-256 ECDSA, SHA-256 RSA or Ed25519");
        String pss = hostileRequestUnchecked(rsa(2048), "SHA256withRSAandMGF1");
        assertThatThrownBy(() -> CertificateRequest.parse(pss)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: request signature algorithm 1.2.840.113549.1.1.10 is not supported;"
                        + " sign it with SHA-256 ECDSA, SHA-256 RSA or Ed25519");
        CertificateRequest weak = CertificateRequest.parse(hostileRequest(rsa(1024), "SHA256withRSA", null));
        assertThatThrownBy(() -> root.sign(weak, LeafProfile.SERVER, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("RSA key of 1024 bits is too weak; use at least 2048 bits (3072 recommended) or EC P-256");
        KeyPair ec = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        CertificateRequest email = CertificateRequest.parse(hostileRequest(ec, "SHA256withECDSA",
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "root@example.com"))));
        assertThatThrownBy(() -> root.sign(email, LeafProfile.CLIENT, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the request asks for subjectAltName entries this CA does not issue: [rfc822Name]");
        byte[] der = CertificateRequest.create(ec, List.of("a.example.com")).encoded();
        der[der.length - 5] ^= 1;
        assertThatThrownBy(() -> CertificateRequest.fromDer(der)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("<der>:1:1: ");
    }

    @Test
    void aDsaRequestIsRefusedForItsKeyWhateverItWasSignedWith() throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        KeyPair pair = dsa.generateKeyPair();
        for (String algorithm : List.of("SHA256withDSA", "SHA1withDSA")) {
            String request = hostileRequestUnchecked(pair, algorithm);
            assertThatThrownBy(() -> CertificateRequest.parse(request, "node.csr")).as(algorithm)
                    .isInstanceOf(ParseException.class)
                    .hasMessage("node.csr:1:1: request key is DSA (1.2.840.10040.4.1), which is refused; make the request"
                            + " with an EC P-256, EC P-384, Ed25519 or RSA (2048 bits or more) key");
        }
    }

    private static String hostileRequestUnchecked(KeyPair pair, String algorithm) throws Exception {
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=old.example.com"), pair.getPublic());
        PKCS10CertificationRequest request = builder.build(new JcaContentSignerBuilder(algorithm)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(pair.getPrivate()));
        return org.bouncycastle.util.encoders.Base64.toBase64String(request.getEncoded())
                .replaceAll("(.{64})", "$1\n")
                .transform(b -> "-----BEGIN CERTIFICATE REQUEST-----\n" + b + "\n-----END CERTIFICATE REQUEST-----\n");
    }

    @Test
    @RequiresTool("openssl")
    void signsAnOpensslRequestAndOpensslVerifiesTheResult() throws Exception {
        Openssl openssl = new Openssl(dir);
        Openssl.Result made = openssl.run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=node1.example.com",
                "-addext", "subjectAltName=DNS:node1.example.com,IP:10.9.8.7", "-addext", "basicConstraints=critical,CA:TRUE");
        assertThat(made.exitCode()).as(made.output()).isZero();
        CertificateRequest request = CertificateRequest.parse(Files.readString(dir.resolve("server.csr")), "server.csr");
        assertThat(request.requestedNames()).containsExactly("node1.example.com", "10.9.8.7");
        SignedCertificate signed = root.sign(request, LeafProfile.SERVER, Duration.ofDays(90));
        assertConforms(signed.certificate(), root.certificate());
        String leaf = openssl.write("server.pem", signed.certificate());
        assertThat(openssl.run("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile",
                openssl.write("root.pem", root.certificate()), leaf).output()).isEqualTo(leaf + ": OK\n");
        assertThat(openssl.run("x509", "-in", leaf, "-text", "-noout").output())
                .contains("CA:FALSE", "DNS:node1.example.com, IP Address:10.9.8.7").doesNotContain("CA:TRUE");
        // the key openssl generated matches the certificate we issued
        assertThat(openssl.run("x509", "-in", leaf, "-noout", "-pubkey").output())
                .isEqualTo(openssl.run("pkey", "-in", "server.key", "-pubout").output());
    }
}
