package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renewal obeys the rules of issuance, and what was renewed is no longer due. */
class RenewalTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static CertificateAuthority root() {
        return TestPolicy.allow(CertificateAuthority.createRoot("CN=Renewal Root", KeyAlgorithm.EC_P256, Duration.ofDays(3650),
                CaSettings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))));
    }

    @Test
    void aKeyRevokedForCompromiseIsNeverCertifiedAgainButRenewWithNewKeyGoesOn() {
        CertificateAuthority ca = root();
        IssuedCertificate web = ca.issueServer(List.of("web.example.com"), Duration.ofDays(90));
        BigInteger serial = web.certificate().getSerialNumber();
        ca.revoke(serial, RevocationReason.KEY_COMPROMISE);
        String refused = "the key of serial " + ca.entries().get(0).serialHex() + " was revoked for keyCompromise at "
                + NOW + ": a compromised key is never certified again; use renewWithNewKey, or a request with a new key";

        assertThatThrownBy(() -> ca.renew(serial, Duration.ofDays(90))).isInstanceOf(ValidationException.class).hasMessage(refused);
        // nor through any other path that takes a held key
        assertThatThrownBy(() -> ca.issue(LeafProfile.SERVER, List.of("other.example.com"), web.certificate().getPublicKey(),
                Duration.ofDays(90))).isInstanceOf(ValidationException.class).hasMessage(refused);
        KeyPair stolen = new KeyPair(web.certificate().getPublicKey(), web.privateKey());
        assertThatThrownBy(() -> ca.sign(CertificateRequest.create(stolen, List.of("web.example.com")), LeafProfile.SERVER,
                Duration.ofDays(90))).isInstanceOf(ValidationException.class).hasMessage(refused);
        assertThat(ca.entries()).hasSize(1);

        IssuedCertificate fresh = ca.renewWithNewKey(serial, Duration.ofDays(90));
        assertThat(fresh.certificate().getPublicKey()).isNotEqualTo(web.certificate().getPublicKey());
        assertThat(Renewal.namesOf(fresh.certificate())).containsExactly("web.example.com");

        // a key revoked for another reason (superseded) may be renewed
        IssuedCertificate api = ca.issueServer(List.of("api.example.com"), Duration.ofDays(90));
        ca.revoke(api.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        assertThat(ca.renew(api.certificate().getSerialNumber(), Duration.ofDays(90)).certificate().getPublicKey())
                .isEqualTo(api.certificate().getPublicKey());
    }

    @Test
    void renewalPassesThePolicyAsSigningDoes() {
        CertificateAuthority ca = root();
        IssuedCertificate web = ca.issueServer(List.of("example.com"), Duration.ofDays(90));
        BigInteger serial = web.certificate().getSerialNumber();
        CertificateAuthority strict = ca.withPolicy(CaPolicy.builder().allowDnsSuffix("other.org")
                .maxValidity(Duration.ofDays(30)).build());
        String tooLong = "requested validity of 365 days exceeds the policy's 30 days";
        String name = "policy refuses DNS name example.com; allowed suffixes: [other.org]";
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> strict.sign(CertificateRequest.create(key, List.of("example.com")), LeafProfile.SERVER,
                Duration.ofDays(365))).isInstanceOf(ValidationException.class).hasMessage(tooLong);
        assertThatThrownBy(() -> strict.renew(serial, Duration.ofDays(365))).isInstanceOf(ValidationException.class)
                .hasMessage(tooLong);
        assertThatThrownBy(() -> strict.renew(serial, Duration.ofDays(30))).isInstanceOf(ValidationException.class)
                .hasMessage(name);
        assertThatThrownBy(() -> strict.renewWithNewKey(serial, Duration.ofDays(365))).isInstanceOf(ValidationException.class)
                .hasMessage(tooLong);
        assertThatThrownBy(() -> strict.renewWithNewKey(serial, Duration.ofDays(30))).isInstanceOf(ValidationException.class)
                .hasMessage(name);
        assertThat(ca.entries()).hasSize(1);
    }

    @Test
    void aRenewedCertificateIsNoLongerDueAndIsDueAgainWhenItsRenewalIsRevoked() {
        CertificateAuthority ca = root();
        IssuedCertificate soon = ca.issue(LeafProfile.SERVER_AND_CLIENT, List.of("soon.example.com", "10.1.2.3"),
                KeyAlgorithm.EC_P256, Duration.ofDays(10));
        IssuedCertificate other = ca.issueServer(List.of("soon.example.com"), Duration.ofDays(5));
        BigInteger serial = soon.certificate().getSerialNumber();
        assertThat(ca.expiringWithin(Duration.ofDays(30))).extracting(IndexEntry::serial)
                .containsExactly(serial, other.certificate().getSerialNumber());

        SignedCertificate renewed = ca.renew(serial, Duration.ofDays(90));
        // 'other' has the same subject but not the same names: the renewal does not supersede it
        assertThat(ca.expiringWithin(Duration.ofDays(30))).extracting(IndexEntry::serial)
                .containsExactly(other.certificate().getSerialNumber());
        assertThat(ca.expiringWithin(Duration.ofDays(100))).extracting(IndexEntry::serial)
                .containsExactly(other.certificate().getSerialNumber(), renewed.certificate().getSerialNumber());

        ca.revoke(renewed.certificate().getSerialNumber(), RevocationReason.AFFILIATION_CHANGED);
        assertThat(ca.expiringWithin(Duration.ofDays(30))).extracting(IndexEntry::serial)
                .containsExactly(serial, other.certificate().getSerialNumber());
    }
}
