package dev.bulwark.pki;

import static dev.bulwark.pki.ProfileAssertions.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static CaSettings at(Instant instant) {
        return CaSettings.defaults().withClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void createsASelfSignedRootWithBackdatedValidityFromTheInjectedClock() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Test Root,O=Bulwark", KeyAlgorithm.EC_P256,
                Duration.ofDays(3650), at(NOW)));
        X509Certificate cert = root.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Test Root,O=Bulwark");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(cert.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P256);
        ProfileAssertions.assertConformsRoot(cert);
    }

    @Test
    void serialsArePositiveRandomAndOfConstantLength() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Serial Root"));
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            BigInteger serial = root.issueServer(List.of("s.example.com"), Duration.ofDays(1)).certificate().getSerialNumber();
            assertThat(serial.bitLength()).isEqualTo(129);
            assertThat(serial.toByteArray()).hasSize(17);
            serials.add(serial);
        }
        assertThat(serials).hasSize(50);
        assertThatThrownBy(() -> CaSettings.defaults().withSerialBits(32)).isInstanceOf(ValidationException.class)
                .hasMessage("serialBits 32 is outside 64..158 (RFC 5280 and the CA/Browser Forum: at least 64 random bits, at most 20 octets)");
    }

    @Test
    void leafValidityIsCappedAtTheIssuersNotAfter() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Short Root", KeyAlgorithm.EC_P256, Duration.ofDays(10), at(NOW)));
        IssuedCertificate leaf = root.issueServer(List.of("a.example.com"), Duration.ofDays(397));
        assertThat(leaf.certificate().getNotAfter()).isEqualTo(root.certificate().getNotAfter());
        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void refusesWeakAndMalformedChoicesSayingWhatToUseInstead() throws Exception {
        assertThatThrownBy(() -> CertificateAuthority.createRoot("CN=Weak", KeyAlgorithm.RSA_2048, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("keyAlgorithm rsa-2048 is too weak for a CA; use ec-p256, ec-p384, ed25519, rsa-3072 or rsa-4096");
        assertThatThrownBy(() -> CertificateAuthority.createRoot("not a dn", KeyAlgorithm.EC_P256, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("subjectDn 'not a dn' is not an RFC 2253 distinguished name (e.g. CN=Example Root CA,O=Example)");
        assertThatThrownBy(() -> CertificateAuthority.createRoot("CN=Root", KeyAlgorithm.EC_P256, Duration.ZERO))
                .isInstanceOf(ValidationException.class).hasMessage("validity PT0S must be positive");
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        assertThatThrownBy(() -> root.issueServer(List.of("bad_name!.example.com"), Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("'bad_name!.example.com' is not a DNS name (labels are letters, digits and inner hyphens; use punycode for IDNs)");
        assertThatThrownBy(() -> root.issueServer(List.of("10.0.0.256"), Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessage("'10.0.0.256' is not an IPv4 address");
        assertThatThrownBy(() -> root.issueServer(List.of("evil\n.example.com"), Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("'evil?.example.com' is not a DNS name");
        assertThatThrownBy(() -> root.issueServer(List.of(), Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessage("a leaf certificate needs at least one DNS name or IP address");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThatThrownBy(() -> root.issue(LeafProfile.SERVER, List.of("a.example.com"), rsa.generateKeyPair().getPublic(), Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("RSA key of 1024 bits is too weak; use at least 2048 bits (3072 recommended) or EC P-256");
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        assertThatThrownBy(() -> KeyAlgorithm.of(dsa.generateKeyPair().getPublic()))
                .isInstanceOf(ValidationException.class).hasMessage("DSA keys are refused; use EC P-256 or Ed25519");
    }

    @Test
    void namesAreNormalizedAndIpv6IsSupported() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        IssuedCertificate leaf = root.issueServer(List.of("Web.Example.COM", "2001:DB8::1", "web.example.com"), Duration.ofDays(1));
        assertThat(Renewal.namesOf(leaf.certificate())).containsExactly("web.example.com", "2001:db8:0:0:0:0:0:1");
        assertConforms(leaf.certificate(), root.certificate());
    }

    @Test
    void entryFindsOneSerialValidThenRevokedAndNothingForAnUnknownOne() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        BigInteger serial = root.issueServer(List.of("a.example.com"), Duration.ofDays(30)).certificate().getSerialNumber();
        root.issueServer(List.of("b.example.com"), Duration.ofDays(30));
        assertThat(root.entry(serial)).contains(root.entries().get(0));
        assertThat(root.entry(serial).orElseThrow().isRevoked()).isFalse();
        root.revoke(serial, RevocationReason.SUPERSEDED);
        assertThat(root.entry(serial).orElseThrow().reason()).contains(RevocationReason.SUPERSEDED);
        assertThat(root.entry(BigInteger.valueOf(0xABCDEF))).isEmpty();
    }

    @Test
    void revocationRefusesUnknownAndRepeatedSerialsAndCrlNumbersIncrease() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        IssuedCertificate leaf = root.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        BigInteger serial = leaf.certificate().getSerialNumber();
        assertThatThrownBy(() -> root.revoke(BigInteger.valueOf(0xABCDEF), RevocationReason.KEY_COMPROMISE))
                .isInstanceOf(ValidationException.class).hasMessage("serial ABCDEF was not issued by this CA");
        IndexEntry revoked = root.revoke(serial, RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThatThrownBy(() -> root.revoke(serial, RevocationReason.SUPERSEDED))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("serial 0" + serial.toString(16).toUpperCase() + " is already revoked (keyCompromise at ");
        X509CRL first = root.crl();
        X509CRL second = root.crl();
        assertConforms(first, root.certificate());
        assertThat(ProfileAssertions.crlNumber(second)).isEqualTo(ProfileAssertions.crlNumber(first).add(BigInteger.ONE));
        assertThat(second.isRevoked(leaf.certificate())).isTrue();
        assertThat(second.getRevokedCertificate(serial).getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    }

    @Test
    void listsExpiringCertificatesAndRenewsWithTheSameOrANewKey() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Renewal Root", KeyAlgorithm.EC_P256, Duration.ofDays(3650), at(NOW)));
        IssuedCertificate soon = root.issue(LeafProfile.SERVER_AND_CLIENT, List.of("soon.example.com", "10.1.2.3"), KeyAlgorithm.EC_P384, Duration.ofDays(10));
        IssuedCertificate later = root.issueServer(List.of("later.example.com"), Duration.ofDays(200));
        IssuedCertificate revoked = root.issueServer(List.of("gone.example.com"), Duration.ofDays(5));
        root.revoke(revoked.certificate().getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION);

        assertThat(root.expiringWithin(Duration.ofDays(30))).extracting(IndexEntry::serial)
                .containsExactly(soon.certificate().getSerialNumber());

        SignedCertificate sameKey = root.renew(soon.certificate().getSerialNumber(), Duration.ofDays(90));
        assertThat(sameKey.certificate().getPublicKey()).isEqualTo(soon.certificate().getPublicKey());
        assertThat(sameKey.certificate().getSerialNumber()).isNotEqualTo(soon.certificate().getSerialNumber());
        assertThat(Renewal.namesOf(sameKey.certificate())).containsExactly("soon.example.com", "10.1.2.3");
        assertThat(Renewal.profileOf(sameKey.certificate())).isEqualTo(LeafProfile.SERVER_AND_CLIENT);
        assertThat(sameKey.chain()).containsExactly(sameKey.certificate(), root.certificate());

        IssuedCertificate newKey = root.renewWithNewKey(soon.certificate().getSerialNumber(), Duration.ofDays(90));
        assertThat(newKey.certificate().getPublicKey()).isNotEqualTo(soon.certificate().getPublicKey());
        assertThat(KeyAlgorithm.of(newKey.certificate().getPublicKey())).isEqualTo(KeyAlgorithm.EC_P384);
        assertThat(Renewal.namesOf(newKey.certificate())).containsExactly("soon.example.com", "10.1.2.3");
        assertConforms(newKey.certificate(), root.certificate());
        assertThat(later.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(200)));
    }

    @Test
    void secretsNeverAppearInToString() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Secret Root"));
        IssuedCertificate leaf = root.issueServer(List.of("a.example.com"), Duration.ofDays(1));
        String keyBase64 = Base64.getEncoder().encodeToString(leaf.privateKey().getEncoded());
        String rootKey = Base64.getEncoder().encodeToString(root.privateKey().getEncoded());
        for (String text : List.of(root.toString(), leaf.toString())) {
            assertThat(text).contains("private key [redacted]").doesNotContain(keyBase64.substring(0, 20))
                    .doesNotContain(rootKey.substring(0, 20)).doesNotContain("PRIVATE");
        }
        assertThat(leaf.toString()).startsWith("IssuedCertificate[CN=a.example.com, serial ");
    }

    @Test
    void importedIdentityKeyMustMatchItsCertificate() {
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        IssuedCertificate a = root.issueServer(List.of("a.example.com"), Duration.ofDays(1));
        IssuedCertificate b = root.issueServer(List.of("b.example.com"), Duration.ofDays(1));
        assertThatThrownBy(() -> IssuedCertificate.of(a.privateKey(), b.chain()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the private key does not belong to the certificate's public key (ec-p256)");
        assertThatThrownBy(() -> CertificateAuthority.load(List.of(a.certificate()), a.privateKey(), CaSettings.defaults()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("certificate CN=a.example.com is not a CA certificate (basicConstraints cA is false)");
        CertificateAuthority loaded = TestPolicy.allow(CertificateAuthority.load(root.chain(), root.privateKey(), CaSettings.defaults()));
        assertConforms(loaded.issueServer(List.of("c.example.com"), Duration.ofDays(1)).certificate(), root.certificate());
    }

    @Test
    void serialsAndKeysComeFromTheInjectedRandom() {
        CountingRandom random = new CountingRandom();
        CertificateAuthority root = TestPolicy.allow(CertificateAuthority.createRoot("CN=Injected", KeyAlgorithm.EC_P256, Duration.ofDays(1),
                at(NOW).withRandom(random)));
        int afterRoot = random.calls;
        assertThat(afterRoot).isPositive();
        root.issueServer(List.of("a.example.com"), Duration.ofDays(1));
        assertThat(random.calls).isGreaterThan(afterRoot);
        assertThat(root.settings().random()).isSameAs(random);
    }

    /** Counts the calls that draw random bytes. */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        int calls;

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            calls++;
            super.nextBytes(bytes);
        }
    }
}
