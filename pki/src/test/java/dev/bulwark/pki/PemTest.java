package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    private final CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=PEM Root"));
    private final CertificateAuthority issuing = TestPolicy.allow(root.createIntermediate(IntermediateSpec.builder("CN=PEM CA").build()));
    private final IssuedCertificate leaf = issuing.issueServer(List.of("pem.example.com"), Duration.ofDays(30));

    @TempDir
    Path dir;

    @Test
    void roundTripsCertificatesBundlesCrlsAndKeys() {
        String cert = Pem.encode(leaf.certificate());
        assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(Pem.parseCertificate(cert, "leaf.pem")).isEqualTo(leaf.certificate());
        assertThat(Pem.parseCertificates(Pem.encode(leaf.chain()), "chain.pem")).isEqualTo(leaf.chain());
        X509CRL crl = issuing.crl();
        assertThat(Pem.encode(crl)).startsWith("-----BEGIN X509 CRL-----\n");
        assertThat(Pem.parseCrl(Pem.encode(crl), "crl.pem")).isEqualTo(crl);
        String key = Pem.encode(leaf.privateKey());
        assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.parsePrivateKey(key, "key.pem")).isEqualTo(leaf.privateKey());
        char[] passphrase = "a long enough passphrase".toCharArray();
        String encrypted = Pem.encodeEncrypted(leaf.privateKey(), passphrase);
        assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
        assertThat(Pem.parseEncryptedPrivateKey(encrypted, "key.pem", passphrase)).isEqualTo(leaf.privateKey());
        assertThat(passphrase).containsExactly("a long enough passphrase".toCharArray());
        assertThat(Der.certificate(Der.encode(leaf.certificate()))).isEqualTo(leaf.certificate());
        assertThat(Der.crl(Der.encode(crl))).isEqualTo(crl);
        assertThat(Der.privateKey(Der.encode(leaf.privateKey()))).isEqualTo(leaf.privateKey());
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.ED25519, KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P384)) {
            var other = root.issue(LeafProfile.CLIENT, List.of("k.example.com"), algorithm, Duration.ofDays(1)).privateKey();
            assertThat(Pem.parsePrivateKey(Pem.encode(other), "k.pem")).isEqualTo(other);
        }
    }

    @Test
    void reportsMalformedPemWithItsPositionAndNeverQuotesKeyMaterial() {
        assertThatThrownBy(() -> Pem.parseCertificate("hello\n", "x.pem")).isInstanceOf(ParseException.class)
                .hasMessage("x.pem:1:1: no CERTIFICATE block found");
        assertThatThrownBy(() -> Pem.parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n", "x.pem"))
                .isInstanceOf(ParseException.class).hasMessage("x.pem:1:1: the CERTIFICATE block has no END line");
        assertThatThrownBy(() -> Pem.parseCertificate("-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n", "x.pem"))
                .isInstanceOf(ParseException.class).hasMessage("x.pem:2:3: character is not base64 in a CERTIFICATE block in '*'");
        assertThatThrownBy(() -> Pem.parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n", "x.pem"))
                .isInstanceOf(ParseException.class)
                .hasMessage("x.pem:3:1: END label 'X509 CRL' does not match BEGIN label 'CERTIFICATE'");
        assertThatThrownBy(() -> Pem.parseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "x.pem"))
                .isInstanceOf(ParseException.class).hasMessage("x.pem:1:1: not a DER X.509 certificate");
        String key = Pem.encode(leaf.privateKey());
        String damaged = key.replace(key.substring(40, 44), "!!!!");
        assertThatThrownBy(() -> Pem.parsePrivateKey(damaged, "key.pem")).isInstanceOf(ParseException.class)
                .hasMessage("key.pem:2:" + (40 - "-----BEGIN PRIVATE KEY-----\n".length() + 1) + ": character is not base64 in a PRIVATE KEY block");
        assertThatThrownBy(() -> Pem.parseEncryptedPrivateKey(Pem.encodeEncrypted(leaf.privateKey(), "passphrase-1".toCharArray()),
                "key.pem", "passphrase-2".toCharArray()))
                .isInstanceOf(ParseException.class)
                .hasMessage("key.pem:1:1: cannot decrypt the private key (wrong passphrase or damaged file)");
        assertThatThrownBy(() -> Pem.encode("text")).isInstanceOf(ValidationException.class)
                .hasMessage("cannot encode String; expected X509Certificate, X509CRL, PrivateKey, PublicKey or CertificateRequest");
    }

    @Test
    void pkcs12RoundTripsAndIsRefusedWithAWrongPassword() {
        byte[] p12 = Pkcs12.encode(leaf, "store password".toCharArray());
        IssuedCertificate back = Pkcs12.decode(p12, "store password".toCharArray());
        assertThat(back.certificate()).isEqualTo(leaf.certificate());
        assertThat(back.privateKey()).isEqualTo(leaf.privateKey());
        assertThat(back.chain()).isEqualTo(leaf.chain());
        assertThatThrownBy(() -> Pkcs12.decode(p12, "wrong".toCharArray())).isInstanceOf(ParseException.class)
                .hasMessage("<pkcs12>:1:1: cannot read the PKCS#12 data (wrong password or damaged file)");
    }

    @Test
    @RequiresTool("openssl")
    void opensslReadsThePkcs12WithModernAlgorithmsAndTheChainBundle() throws Exception {
        Files.write(dir.resolve("id.p12"), Pkcs12.encode(leaf, "store password".toCharArray()));
        Openssl openssl = new Openssl(dir);
        Openssl.Result info = openssl.run("pkcs12", "-in", "id.p12", "-info", "-nodes", "-passin", "pass:store password");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("MAC: sha256", "PBES2, PBKDF2, AES-256-CBC", "subject=CN = pem.example.com",
                "subject=CN = PEM CA", "subject=CN = PEM Root", "-----BEGIN PRIVATE KEY-----").doesNotContain("sha1", "RC2", "3DES");
        String bundle = openssl.write("bundle.pem", leaf.chain());
        Openssl.Result verify = openssl.run("verify", "-x509_strict", "-CAfile", openssl.write("root.pem", root.certificate()),
                "-untrusted", bundle, openssl.write("leaf.pem", leaf.certificate()));
        assertThat(verify.output()).endsWith("leaf.pem: OK\n");
    }
}
