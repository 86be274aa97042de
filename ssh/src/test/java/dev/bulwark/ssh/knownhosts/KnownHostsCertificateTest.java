package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.cert.CertificateType;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Host certificates checked as OpenSSH's ssh checks them, and {@code @revoked} winning over every way of trust. */
class KnownHostsCertificateTest {

    static final SshKeyPair CA = SshKeyPair.generate();
    static final SshKeyPair OTHER_CA = SshKeyPair.generate();
    static final SshPublicKey HOST_KEY = SshKeyPair.generate().publicKey();
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    static SshCertificate cert(SshKeyPair ca, CertificateType type, Instant after, Instant before, String... principals) {
        return SshCertificate.builder(ca, HOST_KEY).type(type).keyId("web1").principals(principals)
                .validBetween(after, before).build();
    }

    static SshCertificate valid(String... principals) {
        return cert(CA, CertificateType.HOST, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)), principals);
    }

    static KnownHosts trusting(String pattern) {
        return KnownHosts.parse("@cert-authority " + pattern + " " + CA.publicKey().toOpenSsh() + "\n");
    }

    @Test
    void aValidHostCertificateFromATrustedCaIsCertified() {
        KnownHosts known = trusting("*.example.org");
        HostKeyStatus status = known.verify("web1.example.org", 22, valid("web1.example.org"), NOW);
        assertThat(status).isEqualTo(new HostKeyStatus.Certified(known.entries().get(0)));
        assertThat(status.trusted()).isTrue();
        assertThat(known.certificateProblems("web1.example.org", 22, valid("web1.example.org"), NOW)).isEmpty();
        assertThat(known.verify("WEB1.example.org", 22, valid("web1.example.org"), NOW).trusted()).isTrue();
    }

    @Test
    void aCertificateWithoutPrincipalsIsValidForEveryHostAsPROTOCOLcertkeysDefines() {
        assertThat(trusting("*").verify("anything.example", 22, valid(), NOW).trusted()).isTrue();
    }

    @Test
    void theHostNameMustBeAPrincipalComparedExactly() {
        KnownHosts known = trusting("*");
        assertThat(known.verify("web2.example.org", 22, valid("web1.example.org"), NOW)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(known.certificateProblems("web2.example.org", 22, valid("web1.example.org"), NOW))
                .containsExactly("'web2.example.org' is not one of its principals [web1.example.org]");
        assertThat(known.verify("web1.example.org", 22, valid("*.example.org"), NOW).trusted()).isFalse();
        assertThat(known.verify("web1.example.org", 22, valid("WEB1.example.org"), NOW).trusted()).isFalse();
    }

    @Test
    void theCaMustBeListedForTheHostAndPort() {
        KnownHosts known = trusting("[web1.example.org]:2222");
        assertThat(known.verify("web1.example.org", 2222, valid("web1.example.org"), NOW).trusted()).isTrue();
        assertThat(known.verify("web1.example.org", 22, valid("web1.example.org"), NOW)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(known.certificateProblems("web1.example.org", 22, valid("web1.example.org"), NOW))
                .containsExactly("its CA ssh-ed25519 " + CA.publicKey().fingerprintSha256()
                        + " is not trusted for web1.example.org (no @cert-authority line applies)");
        SshCertificate foreign = cert(OTHER_CA, CertificateType.HOST, NOW.minusSeconds(60), NOW.plusSeconds(60));
        assertThat(known.certificateProblems("web1.example.org", 2222, foreign, NOW))
                .containsExactly("its CA ssh-ed25519 " + OTHER_CA.publicKey().fingerprintSha256() + " is not trusted for"
                        + " [web1.example.org]:2222 (@cert-authority lines for it list " + CA.publicKey().fingerprintSha256() + ")");
    }

    @Test
    void userCertificatesAndCertificatesOutsideTheirValidityWindowAreNotTrusted() {
        KnownHosts known = trusting("*");
        SshCertificate user = cert(CA, CertificateType.USER, NOW.minusSeconds(60), NOW.plusSeconds(60), "web1");
        assertThat(known.certificateProblems("web1", 22, user, NOW)).containsExactly("it is a user certificate, not a host certificate");
        SshCertificate expired = cert(CA, CertificateType.HOST, NOW.minusSeconds(120), NOW, "web1");
        assertThat(known.certificateProblems("web1", 22, expired, NOW))
                .containsExactly("it expired at " + NOW + " (checked at " + NOW + ")");
        assertThat(known.verify("web1", 22, expired, NOW.minusSeconds(1)).trusted()).isTrue();
        SshCertificate future = cert(CA, CertificateType.HOST, NOW.plusSeconds(1), NOW.plusSeconds(120), "web1");
        assertThat(known.certificateProblems("web1", 22, future, NOW))
                .containsExactly("it is not valid before " + NOW.plusSeconds(1) + " (checked at " + NOW + ")");
        assertThat(known.verify("web1", 22, future, NOW.plusSeconds(1)).trusted()).isTrue();
    }

    @Test
    void anUntrustedCertificateFallsBackToItsKeyAsSshDoes() {
        KnownHosts known = KnownHosts.parse("web1 " + HOST_KEY.toOpenSsh() + "\nweb2 " + OTHER_CA.publicKey().toOpenSsh() + "\n");
        HostKeyStatus status = known.verify("web1", 22, valid("web1"), NOW);
        assertThat(status).isEqualTo(new HostKeyStatus.Match(known.entries().get(0)));
        assertThat(known.verify("web2", 22, valid("web2"), NOW)).isInstanceOf(HostKeyStatus.Mismatch.class);
    }

    @Test
    void aRevokedCaOrHostKeyWinsOverEveryWayOfTrust() {
        String trust = "@cert-authority * " + CA.publicKey().toOpenSsh() + "\nweb1 " + HOST_KEY.toOpenSsh() + "\n";
        for (SshPublicKey revokedKey : new SshPublicKey[] {CA.publicKey(), HOST_KEY}) {
            KnownHosts known = KnownHosts.parse(trust + "@revoked web1 " + revokedKey.toOpenSsh() + "\n");
            assertThat(known.verify("web1", 22, valid("web1"), NOW)).isEqualTo(new HostKeyStatus.Revoked(known.entries().get(2)));
            assertThat(known.verify("web1", 22, certificateAsKey(valid("web1")))).isInstanceOf(HostKeyStatus.Revoked.class);
            assertThat(known.verify("web2", 22, valid("web2"), NOW).trusted()).isTrue();
        }
        KnownHosts caRevoked = KnownHosts.parse(trust + "@revoked web1 " + CA.publicKey().toOpenSsh() + "\n");
        assertThat(caRevoked.certificateAuthorities("web1", 22)).isEmpty();
        assertThat(caRevoked.certificateAuthorities("web2", 22)).containsExactly(CA.publicKey());
        KnownHosts certRevoked = KnownHosts.parse(trust + "@revoked * " + valid("x").toOpenSsh() + "\n");
        assertThat(certRevoked.verify("web1", 22, HOST_KEY)).isInstanceOf(HostKeyStatus.Revoked.class);
        assertThat(certRevoked.verify("web1", 22, valid("web1"), NOW)).isInstanceOf(HostKeyStatus.Revoked.class);
        SshCertificate caCertificate = SshCertificate.builder(OTHER_CA, CA.publicKey()).type(CertificateType.HOST)
                .keyId("ca").build();
        KnownHosts caAsCertificate = KnownHosts.parse(trust + "@revoked * " + caCertificate.toOpenSsh() + "\n");
        assertThat(caAsCertificate.certificateAuthorities("web1", 22)).isEmpty();
    }

    @Test
    void aCertificatePassedAsAKeyIsNeverTrustedThroughItsCa() {
        KnownHosts known = trusting("*");
        SshPublicKey asKey = certificateAsKey(valid("web1"));
        assertThat(known.verify("web1", 22, asKey)).isEqualTo(new HostKeyStatus.Unknown());
        KnownHosts pinned = KnownHosts.parse("web1 " + HOST_KEY.toOpenSsh() + "\n");
        assertThat(pinned.verify("web1", 22, asKey).trusted()).isTrue();
        assertThatThrownBy(() -> KnownHosts.empty().withHost("web1", 22, asKey))
                .isInstanceOf(ValidationException.class)
                .hasMessage("key ssh-ed25519-cert-v01@openssh.com " + asKey.fingerprintSha256() + " is a certificate;"
                        + " add the key it certifies (SshCertificate.publicKey()), or a @cert-authority line for its CA");
    }

    static SshPublicKey certificateAsKey(SshCertificate certificate) {
        return SshPublicKey.ofBlob(certificate.blob(), "");
    }
}
