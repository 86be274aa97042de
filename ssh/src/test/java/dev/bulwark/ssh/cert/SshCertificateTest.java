package dev.bulwark.ssh.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SshCertificateTest {

    private static final SshKeyPair CA = SshKeyPair.generate();
    private static final SshKeyPair ALICE = SshKeyPair.generate();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final SshCertificate CERT = SshCertificate.builder(CA, ALICE.publicKey()).keyId("alice")
            .principals("alice").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @Test
    void defaultsToAUserCertificateValidForADayWithOpenSshsDefaultExtensions() {
        assertThat(CERT.type()).isEqualTo(CertificateType.USER);
        assertThat(CERT.validAfter()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(CERT.validBefore()).contains(NOW.plus(Duration.ofHours(24)));
        assertThat(CERT.extensions().keySet()).containsExactly("permit-X11-forwarding", "permit-agent-forwarding",
                "permit-port-forwarding", "permit-pty", "permit-user-rc");
        assertThat(CERT.criticalOptions()).isEmpty();
        assertThat(CERT.signatureValid()).isTrue();
        assertThat(CERT.publicKey()).isEqualTo(ALICE.publicKey());
        assertThat(SshCertificate.parse(CERT.toOpenSsh())).isEqualTo(CERT);
    }

    @Test
    void verifiesLikeSshdAndExplainsEveryProblem() {
        assertThat(CERT.verify(CA.publicKey(), CertificateType.USER, "alice", NOW).isValid()).isTrue();
        SshKeyPair other = SshKeyPair.generate();
        assertThat(CERT.verify(other.publicKey(), CertificateType.HOST, "bob", NOW.plus(Duration.ofDays(2))).problems())
                .containsExactly(
                        "signed by " + CA.publicKey().fingerprintSha256() + ", not by the trusted CA "
                                + other.publicKey().fingerprintSha256(),
                        "a user certificate, not a host certificate",
                        "principal 'bob' is not in the certificate's principals [alice]",
                        "expired at 2026-11-26T12:00:00Z (checked at 2026-11-27T12:00:00Z)");
        assertThat(CERT.verify(CA.publicKey(), CertificateType.USER, "alice", NOW.minus(Duration.ofHours(1)))
                .problems()).containsExactly(
                        "not valid before 2026-11-25T11:55:00Z (checked at 2026-11-25T11:00:00Z)");
    }

    @Test
    void detectsATamperedCertificate() {
        byte[] blob = new byte[CERT.blob().remaining()];
        CERT.blob().get(blob);
        int keyIdAt = indexOf(blob, "alice".getBytes());
        blob[keyIdAt] = 'A';
        SshCertificate tampered = SshCertificate.parse(CERT.certificateType() + " "
                + Base64.getEncoder().encodeToString(blob));
        assertThat(tampered.keyId()).isEqualTo("Alice");
        assertThat(tampered.signatureValid()).isFalse();
        assertThat(tampered.verify(CA.publicKey(), CertificateType.USER, "alice", NOW).problems())
                .containsExactly("the CA signature does not verify");
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void refusesBadSpecificationsNamingTheField() {
        var b = SshCertificate.builder(CA, ALICE.publicKey());
        assertThatThrownBy(b::build).isInstanceOf(ValidationException.class)
                .hasMessage("keyId: required (ssh-keygen -I); sshd logs it on every login");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("x\nforged log line").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("keyId: control character U+000A at character 2; Bulwark writes only printable text on one line");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("x").principals("a,b").build())
                .hasMessage("principals: 'a,b' must be non-empty without commas or spaces");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("x").sourceAddress("10.0.0.1/8")
                .build()).hasMessage("sourceAddress: '10.0.0.1/8' is not an address or CIDR network such as 192.0.2.0/24");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("x").type(CertificateType.HOST)
                .forceCommand("/bin/true").build())
                .hasMessage("criticalOptions: host certificates take no critical options, got [force-command]");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("x").validBetween(NOW, NOW).build())
                .hasMessage("validity: validBefore 2026-11-25T12:00:00Z must be after validAfter 2026-11-25T12:00:00Z");
    }

    @Test
    void refusesAControlCharacterInEveryTextFieldSoTheOneLineFormStaysOneLine() {
        String evil = "x\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJc9SW1NDxaqRrEasrHsih6goryCk6j7225tVjJlEWJJ evil";
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").principals("p")
                .comment(evil).build()).isInstanceOf(ValidationException.class)
                .hasMessage("comment: control character U+000A at character 2; Bulwark writes only printable text on one line");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").comment("a\rb").build())
                .hasMessageStartingWith("comment: control character U+000D at character 2");
        assertThatThrownBy(() -> CERT.withComment("a\u2028b")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("comment: control character U+2028 at character 2");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").principals("p\u0085")
                .build()).hasMessageStartingWith("principals: control character U+0085 at character 2");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").forceCommand("ls\u001b[2J")
                .build()).hasMessageStartingWith("force-command: control character U+001B at character 3");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").extension("permit-pty\r")
                .build()).hasMessageStartingWith("extensions: control character U+000D at character 11");
        assertThatThrownBy(() -> SshCertificate.builder(CA, ALICE.publicKey()).keyId("a\tb").build())
                .hasMessageStartingWith("keyId: control character U+0009 at character 2");
        SshCertificate tab = SshCertificate.builder(CA, ALICE.publicKey()).keyId("a").comment("a\tb c").build();
        assertThat(tab.toOpenSsh().lines()).hasSize(1);
        assertThat(SshCertificate.parse(tab.toOpenSsh()).comment()).isEqualTo("a\tb c");
    }

    @Test
    void signsWithRsaSha512AndNeverWithSha1() {
        SshKeyPair rsa = SshKeyPair.generate(SshKeyType.rsa(2048));
        SshCertificate cert = SshCertificate.builder(rsa, ALICE.publicKey()).keyId("x").principals("a").build();
        assertThat(cert.signatureAlgorithm()).isEqualTo("rsa-sha2-512");
        assertThat(cert.verify(rsa.publicKey(), CertificateType.USER, "a", Instant.now()).isValid()).isTrue();
    }

    @Test
    void extensionsReplaceTheDefaults() {
        SshCertificate cert = SshCertificate.builder(CA, ALICE.publicKey()).keyId("x").principals("a")
                .extension("permit-pty").build();
        assertThat(cert.extensions().keySet()).containsExactly("permit-pty");
        assertThat(cert.toString()).isEqualTo("user certificate \"x\" serial 0 for [a] key "
                + ALICE.publicKey().fingerprintSha256() + " signed by " + CA.publicKey().fingerprintSha256());
    }

    @Test
    void reportsMalformedCertificatesWithAPosition() {
        assertThatThrownBy(() -> SshCertificate.parse("ssh-ed25519-cert-v01@openssh.com AAAA"))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:34: malformed certificate: truncated data reading certificate type");
        assertThatThrownBy(() -> SshCertificate.parse(ALICE.publicKey().toOpenSsh()))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:13: not a certificate type in 'ssh-ed25519'");
    }

    @Property(tries = 300)
    void parserYieldsACertificateOrAPositionedParseException(@ForAll("mutated") String text) {
        try {
            SshCertificate cert = SshCertificate.parse(text);
            assertThat(cert.toListing(ZoneOffset.UTC)).contains("Key ID");
            cert.signatureValid();
        } catch (ParseException e) {
            assertThat(e.getMessage()).startsWith(e.position() + ": ");
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        byte[] blob = new byte[CERT.blob().remaining()];
        CERT.blob().get(blob);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, blob.length - 1).flatMap(i -> Arbitraries.integers().between(0, 255)
                        .map(v -> {
                            byte[] copy = blob.clone();
                            copy[i] = (byte) (int) v;
                            return CERT.certificateType() + " " + Base64.getEncoder().encodeToString(copy);
                        })),
                Arbitraries.integers().between(0, blob.length).map(n -> CERT.certificateType() + " "
                        + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, n))),
                Arbitraries.strings().ofMaxLength(200));
    }

    @Test
    void certifiedKeysOfEveryTypeRoundTrip() {
        for (SshKeyType t : new SshKeyType[] {SshKeyType.ECDSA_P384, SshKeyType.ECDSA_P521}) {
            SshPublicKey subject = SshKeyPair.generate(t).publicKey();
            SshCertificate cert = SshCertificate.builder(SshKeyPair.generate(t), subject).keyId("k").principals("p")
                    .build();
            assertThat(SshCertificate.parse(cert.toOpenSsh()).publicKey()).isEqualTo(subject);
            assertThat(cert.signatureValid()).isTrue();
        }
    }
}
