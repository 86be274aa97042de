package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.internal.MemoryLedger;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate agrees with openssl: what a constrained CA signs verifies with {@code openssl verify
 * -x509_strict}, and each name it refuses is one openssl rejects when the same CA signs it without
 * the gate (made here through the package-private {@link Issuer}, which the API never exposes) —
 * except where the gate is stricter on purpose, which is asserted too.
 */
@Tag("interop")
@RequiresTool("openssl")
class IssuanceGateInteropTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "ED25519", "RSA_3072"})
    void whatAConstrainedIntermediateSignsVerifiesAndWhatItRefusesOpensslRejects(KeyAlgorithm algorithm) throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Gate Root", algorithm, Duration.ofDays(3650));
        CertificateAuthority internal = root.createIntermediate(IntermediateSpec.builder("CN=Internal CA").keyAlgorithm(algorithm)
                .permitDns("example.internal").excludeDns("bad.example.internal")
                .permitIps(IpNetwork.parse("10.0.0.0/8")).excludeIps(IpNetwork.parse("10.9.0.0/16")).build())
                .withPolicy(IssuanceGateTest.BROAD);
        String rootPem = openssl.write("root.pem", root.certificate());
        String interPem = openssl.write("inter.pem", internal.certificate());

        for (List<String> names : List.of(List.of("web.example.internal", "10.1.2.3"), List.of("example.internal"),
                List.of("10.0.0.5"))) {
            IssuedCertificate leaf = internal.issueServer(names, DAYS_30);
            String leafPem = openssl.write("leaf.pem", leaf.certificate());
            assertThat(openssl.run("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", rootPem, "-untrusted",
                    interPem, leafPem).output()).as(names.toString()).isEqualTo(leafPem + ": OK\n");
        }

        String prefix = "name constraints of CN=Internal CA refuse ";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("evil.com", prefix + "DNS name evil.com: not within the permitted subtrees [DNS:example.internal]");
        refused.put("192.168.1.1", prefix + "IP address 192.168.1.1: not within the permitted subtrees [IP:10.0.0.0/8]");
        refused.put("bad.example.internal", prefix + "DNS name bad.example.internal: excluded subtree DNS:bad.example.internal");
        refused.put("10.9.0.1", prefix + "IP address 10.9.0.1: excluded subtree IP:10.9.0.0/16");
        Issuer withoutGate = new Issuer(internal.certificate(), internal.signers(), internal.settings(), new MemoryLedger());
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            List<String> names = List.of("web.example.internal", entry.getKey());
            assertThatThrownBy(() -> internal.issueServer(names, DAYS_30)).isInstanceOf(ValidationException.class)
                    .hasMessage(entry.getValue());
            String leafPem = openssl.write("refused.pem", withoutGate.leaf(LeafProfile.SERVER, names, key.getPublic(), DAYS_30));
            Openssl.Result verify = openssl.run("verify", "-x509_strict", "-CAfile", rootPem, "-untrusted", interPem, leafPem);
            assertThat(verify.exitCode()).as(entry.getKey()).isNotZero();
            assertThat(verify.output()).as(entry.getKey()).containsAnyOf("permitted subtree violation", "excluded subtree violation");
        }
        assertThat(internal.entries()).hasSize(3);

        // stricter than openssl on purpose: the wildcard covers bad.example.internal, which the CA was told to exclude
        CertificateAuthority wildcards = internal.withPolicy(CaPolicy.builder().allowDnsSuffix("example.internal")
                .wildcards(true).build());
        assertThatThrownBy(() -> wildcards.issueServer(List.of("*.example.internal"), DAYS_30))
                .hasMessage(prefix + "DNS name *.example.internal: excluded subtree DNS:bad.example.internal");
        String wildcard = openssl.write("wildcard.pem", withoutGate.leaf(LeafProfile.SERVER, List.of("*.example.internal"),
                key.getPublic(), DAYS_30));
        assertThat(openssl.run("verify", "-CAfile", rootPem, "-untrusted", interPem, wildcard).exitCode()).isZero();
    }

    @Test
    void aDnsOnlyConstraintAlsoKeepsTheCaFromSigningAddressesWhichOpensslWouldAccept() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Gate Root");
        CertificateAuthority internal = root.createIntermediate(IntermediateSpec.builder("CN=Internal CA")
                .permitDns("example.internal").build()).withPolicy(IssuanceGateTest.BROAD);
        assertThatThrownBy(() -> internal.issueServer(List.of("192.168.1.1"), DAYS_30)).isInstanceOf(ValidationException.class)
                .hasMessage("name constraints of CN=Internal CA refuse IP address 192.168.1.1: they permit no IP addresses"
                        + " (permitted: [DNS:example.internal])");
        // RFC 5280 alone constrains only the name types listed, so relying parties would take this leaf
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X509Certificate leaf = new Issuer(internal.certificate(), internal.signers(), internal.settings(), new MemoryLedger())
                .leaf(LeafProfile.SERVER, List.of("web.example.internal", "192.168.1.1"), key.getPublic(), DAYS_30);
        String leafPem = openssl.write("leaf.pem", leaf);
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", openssl.write("root.pem", root.certificate()),
                "-untrusted", openssl.write("inter.pem", internal.certificate()), leafPem).output()).isEqualTo(leafPem + ": OK\n");
    }

    @Test
    void pathLengthsTheGateAllowsVerifyAndTheOneItRefusesOpensslRejects() throws Exception {
        Openssl openssl = new Openssl(dir);
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Path Root");
        CertificateAuthority twoLevel = root.createIntermediate(IntermediateSpec.builder("CN=Two-level CA").pathLength(1).build());
        CertificateAuthority below = TestPolicy.allow(twoLevel.createIntermediate(IntermediateSpec.builder("CN=Below").build()));
        String rootPem = openssl.write("root.pem", root.certificate());
        String untrusted = openssl.write("untrusted.pem", below.certificate(), twoLevel.certificate());
        String leafPem = openssl.write("leaf.pem", below.issueServer(List.of("a.example.com"), DAYS_30).certificate());
        assertThat(openssl.run("verify", "-x509_strict", "-CAfile", rootPem, "-untrusted", untrusted, leafPem).output())
                .isEqualTo(leafPem + ": OK\n");

        assertThatThrownBy(() -> below.createIntermediate(IntermediateSpec.builder("CN=Too deep").build()))
                .hasMessage("CN=Below has path length 0: it issues leaf certificates only, not CA certificates");
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X509Certificate tooDeep = new Issuer(below.certificate(), below.signers(), below.settings(), new MemoryLedger())
                .ca(new X500Principal("CN=Too deep"), key.getPublic(), DAYS_30, 0, Optional.empty());
        CertificateAuthority rogue = CertificateAuthority.load(List.of(tooDeep, below.certificate(), twoLevel.certificate(),
                root.certificate()), key.getPrivate(), CaSettings.defaults());
        assertThatThrownBy(() -> TestPolicy.allow(rogue).issueServer(List.of("a.example.com"), DAYS_30))
                .hasMessage("CN=Below allows 0 CA certificate(s) below it and 1 would follow it:"
                        + " relying parties would reject the new certificate");
        X509Certificate rogueLeaf = new Issuer(tooDeep, rogue.signers(), rogue.settings(), new MemoryLedger())
                .leaf(LeafProfile.SERVER, List.of("a.example.com"), key.getPublic(), DAYS_30);
        String roguePem = openssl.write("rogue.pem", rogueLeaf);
        Openssl.Result verify = openssl.run("verify", "-x509_strict", "-CAfile", rootPem, "-untrusted",
                openssl.write("rogue-chain.pem", tooDeep, below.certificate(), twoLevel.certificate()), roguePem);
        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.output()).contains("path length constraint exceeded");
    }
}
