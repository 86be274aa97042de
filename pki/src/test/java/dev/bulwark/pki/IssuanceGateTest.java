package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every path that signs passes one gate: the policy (nothing unless allowed), the chain's name constraints and path lengths. */
class IssuanceGateTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);
    /** Wider than the intermediates below, so that what they refuse is refused by their constraints. */
    static final CaPolicy BROAD = CaPolicy.builder().allowDnsSuffix("example.internal").allowDnsSuffix("evil.com")
            .allowIpRange(IpNetwork.parse("0.0.0.0/0")).allowIpRange(IpNetwork.parse("::/0")).build();
    private static final String NO_DNS = ": it allows no DNS names (add a suffix with CaPolicy.builder().allowDnsSuffix)";
    private static final String NO_IP = ": it allows no IP addresses (add a range with CaPolicy.builder().allowIpRange)";

    @TempDir
    Path dir;

    @Test
    void aNewCaSignsNothingUntilItsPolicySaysWhatAndAnEmptyRangeListAllowsNoAddress() throws IOException {
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Strict Root");
        assertThat(root.policy()).isEqualTo(CaPolicy.NONE);
        assertThatThrownBy(() -> root.issueServer(List.of("a.example.com"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses DNS name a.example.com" + NO_DNS);
        assertThatThrownBy(() -> root.issueClient(List.of("10.0.0.1"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses IP address 10.0.0.1" + NO_IP);
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        CertificateRequest request = CertificateRequest.create(key, List.of("a.example.com"));
        assertThatThrownBy(() -> root.sign(request, LeafProfile.SERVER, DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses DNS name a.example.com" + NO_DNS);
        assertThatThrownBy(() -> root.issue(LeafProfile.SERVER, List.of("a.example.com"), key.getPublic(), DAYS_30))
                .isInstanceOf(ValidationException.class).hasMessage("policy refuses DNS name a.example.com" + NO_DNS);

        CertificateAuthority dnsOnly = root.withPolicy(CaPolicy.builder().allowDnsSuffix("example.com").build());
        assertThat(dnsOnly.issueServer(List.of("a.example.com"), DAYS_30).certificate()).isNotNull();
        assertThatThrownBy(() -> dnsOnly.issueServer(List.of("a.example.com", "192.168.1.1"), DAYS_30))
                .isInstanceOf(ValidationException.class).hasMessage("policy refuses IP address 192.168.1.1" + NO_IP);

        CertificateAuthority intermediate = dnsOnly.createIntermediate(IntermediateSpec.builder("CN=New Issuing CA").build());
        assertThat(intermediate.policy()).isEqualTo(CaPolicy.NONE);
        CertificateAuthority stored = CaStore.create(dir.resolve("pki"), root, "a long passphrase".toCharArray()).authority();
        assertThat(CaStore.open(dir.resolve("pki"), "a long passphrase".toCharArray()).authority().policy()).isEqualTo(CaPolicy.NONE);
        assertThatThrownBy(() -> stored.issueServer(List.of("a.example.com"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("policy refuses DNS name a.example.com" + NO_DNS);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "ED25519", "RSA_3072"})
    void anIntermediateConstrainedToExampleInternalSignsNothingElseOnAnyPath(KeyAlgorithm algorithm) {
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Gate Root", algorithm, Duration.ofDays(3650));
        CertificateAuthority internal = root.createIntermediate(IntermediateSpec.builder("CN=Internal CA")
                .keyAlgorithm(algorithm).permitDns("example.internal").build()).withPolicy(BROAD);
        String evil = "name constraints of CN=Internal CA refuse DNS name evil.com: not within the permitted subtrees"
                + " [DNS:example.internal]";
        String ip = "name constraints of CN=Internal CA refuse IP address 192.168.1.1: they permit no IP addresses"
                + " (permitted: [DNS:example.internal])";
        KeyAlgorithm leafKey = algorithm == KeyAlgorithm.RSA_3072 ? KeyAlgorithm.RSA_2048 : algorithm;
        KeyPair held = leafKey.generate(new SecureRandom());
        for (LeafProfile profile : LeafProfile.values()) {
            assertThatThrownBy(() -> internal.issue(profile, List.of("web.example.internal", "evil.com"), leafKey, DAYS_30))
                    .isInstanceOf(ValidationException.class).hasMessage(evil);
            assertThatThrownBy(() -> internal.issue(profile, List.of("192.168.1.1"), leafKey, DAYS_30))
                    .isInstanceOf(ValidationException.class).hasMessage(ip);
            assertThatThrownBy(() -> internal.issue(profile, List.of("evil.com"), held.getPublic(), DAYS_30))
                    .isInstanceOf(ValidationException.class).hasMessage(evil);
            assertThatThrownBy(() -> internal.sign(CertificateRequest.create(held, List.of("192.168.1.1")), profile, DAYS_30))
                    .isInstanceOf(ValidationException.class).hasMessage(ip);
        }
        assertThat(internal.entries()).isEmpty();
        IssuedCertificate inside = internal.issue(LeafProfile.SERVER, List.of("web.example.internal", "example.internal"),
                leafKey, DAYS_30);
        assertThat(Renewal.namesOf(inside.certificate())).containsExactly("web.example.internal", "example.internal");
        assertThat(internal.entries()).hasSize(1);
        // the root's policy is as wide, but the root itself is not constrained
        assertThat(root.withPolicy(BROAD).issueServer(List.of("evil.com"), DAYS_30).certificate()).isNotNull();
    }

    @Test
    void excludedSubtreesAndWildcardsThatCoverThemAreRefused() {
        CertificateAuthority internal = CertificateAuthority.createRoot("CN=Gate Root").createIntermediate(
                IntermediateSpec.builder("CN=Internal CA").permitDns("example.internal").excludeDns("bad.example.internal")
                        .permitIps(IpNetwork.parse("10.0.0.0/8")).excludeIps(IpNetwork.parse("10.9.0.0/16"))
                        .permitIps(IpNetwork.parse("2001:db8::/32")).build())
                .withPolicy(CaPolicy.builder().allowDnsSuffix("example.internal").wildcards(true)
                        .allowIpRange(IpNetwork.parse("0.0.0.0/0")).allowIpRange(IpNetwork.parse("::/0")).build());
        String prefix = "name constraints of CN=Internal CA refuse ";
        assertThatThrownBy(() -> internal.issueServer(List.of("x.bad.example.internal"), DAYS_30))
                .hasMessage(prefix + "DNS name x.bad.example.internal: excluded subtree DNS:bad.example.internal");
        assertThatThrownBy(() -> internal.issueServer(List.of("*.example.internal"), DAYS_30))
                .hasMessage(prefix + "DNS name *.example.internal: excluded subtree DNS:bad.example.internal");
        assertThatThrownBy(() -> internal.issueServer(List.of("10.9.1.1"), DAYS_30))
                .hasMessage(prefix + "IP address 10.9.1.1: excluded subtree IP:10.9.0.0/16");
        assertThatThrownBy(() -> internal.issueServer(List.of("2001:db9:0:0:0:0:0:1"), DAYS_30))
                .hasMessage(prefix + "IP address 2001:db9:0:0:0:0:0:1: not within the permitted subtrees"
                        + " [IP:10.0.0.0/8, IP:2001:db8:0:0:0:0:0:0/32]");
        assertThat(internal.issueServer(List.of("*.web.example.internal", "a.example.internal", "10.1.2.3", "2001:db8::5"),
                DAYS_30).certificate()).isNotNull();
    }

    @Test
    void pathLengthsOfTheChainBoundEveryCaCertificateItSigns() {
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Path Root");
        CertificateAuthority leafOnly = root.createIntermediate(IntermediateSpec.builder("CN=Leaf-only CA").build());
        assertThatThrownBy(() -> leafOnly.createIntermediate(IntermediateSpec.builder("CN=Below").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("CN=Leaf-only CA has path length 0: it issues leaf certificates only, not CA certificates");
        CertificateAuthority other = CertificateAuthority.createRoot("CN=Other Root");
        assertThatThrownBy(() -> leafOnly.crossSign(other.certificate(), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("CN=Leaf-only CA has path length 0: it issues leaf certificates only, not CA certificates");

        CertificateAuthority twoLevel = root.createIntermediate(IntermediateSpec.builder("CN=Two-level CA").pathLength(1).build());
        assertThatThrownBy(() -> twoLevel.createIntermediate(IntermediateSpec.builder("CN=Below").pathLength(1).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("path length 1 reaches past what CN=Two-level CA allows: at most 0 below the new CA certificate");
        assertThatThrownBy(() -> twoLevel.crossSign(other.certificate(), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("a CA certificate without a path length reaches past what CN=Two-level CA allows:"
                        + " at most 0 below the new CA certificate");
        CertificateAuthority below = twoLevel.createIntermediate(IntermediateSpec.builder("CN=Below").build());
        assertThat(below.chain()).hasSize(3);
        assertThatThrownBy(() -> below.createIntermediate(IntermediateSpec.builder("CN=Too deep").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("CN=Below has path length 0: it issues leaf certificates only, not CA certificates");
        // a root has no path length: it may cross-sign another root
        assertThat(root.crossSign(other.certificate(), DAYS_30).getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aLoadedChainThatAlreadyBreaksAPathLengthSignsNothing() {
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Path Root");
        CertificateAuthority leafOnly = root.createIntermediate(IntermediateSpec.builder("CN=Leaf-only CA").build());
        // a CA certificate under the leaf-only CA, made without the gate (as another tool might have)
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var raw = new Issuer(leafOnly.certificate(), leafOnly.signers(), leafOnly.settings(),
                new dev.bulwark.pki.internal.MemoryLedger()).ca(new javax.security.auth.x500.X500Principal("CN=Rogue CA"),
                key.getPublic(), DAYS_30, 0, java.util.Optional.empty());
        CertificateAuthority rogue = CertificateAuthority.load(List.of(raw, leafOnly.certificate(), root.certificate()),
                key.getPrivate(), CaSettings.defaults()).withPolicy(TestPolicy.NAMES);
        assertThatThrownBy(() -> rogue.issueServer(List.of("a.example.com"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("CN=Leaf-only CA allows 0 CA certificate(s) below it and 1 would follow it:"
                        + " relying parties would reject the new certificate");
    }
}
