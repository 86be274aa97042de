package dev.bulwark.ssh.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Certificates Bulwark signs list identically under ssh-keygen -L; certificates ssh-keygen signs are read. */
@RequiresTool("ssh-keygen")
class SshCertificateInteropTest {

    private static final Instant FROM = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant TO = Instant.parse("2035-06-07T08:09:10Z");

    @TempDir
    Path dir;

    private String listing(Path cert) {
        String out = ToolRun.run(Map.of("TZ", "UTC"), List.of(Tools.path("ssh-keygen"), "-L", "-f", cert.toString()))
                .ok();
        return out.substring(out.indexOf('\n') + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED25519", "ECDSA_P256", "ECDSA_P384", "ECDSA_P521", "RSA"})
    void certificatesBulwarkSignsShowTheSameFieldsUnderSshKeygen(String caType) throws Exception {
        SshKeyPair ca = SshKeyPair.generate((SshKeyType) SshKeyType.class.getField(caType).get(null));
        SshPublicKey subject = SshKeyPair.generate(SshKeyType.ECDSA_P256).publicKey();
        SshCertificate cert = SshCertificate.builder(ca, subject).keyId("alice@corp \"laptop\"").serial(-2L)
                .principals("alice", "backup").validBetween(FROM, TO)
                .forceCommand("/usr/bin/rsync --server -e.LsfxC . /srv").sourceAddress("10.0.0.0/8", "192.0.2.7")
                .comment("alice-cert").build();
        Path file = dir.resolve("id-cert.pub");
        cert.write(file);
        assertThat(listing(file)).isEqualTo(cert.toListing(ZoneOffset.UTC));
        assertThat(cert.signatureAlgorithm()).isEqualTo(caType.equals("RSA") ? "rsa-sha2-512"
                : ca.publicKey().type());
        assertThat(cert.toListing(ZoneOffset.UTC)).contains("Serial: 18446744073709551614",
                "Valid: from 2025-01-02T03:04:05 to 2035-06-07T08:09:10", "permit-pty", "force-command /usr/bin/rsync");
    }

    @Test
    void hostCertificatesAndForeverValidityListLikeSshKeygen() throws Exception {
        SshKeyPair ca = SshKeyPair.generate();
        SshCertificate cert = SshCertificate.builder(ca, SshKeyPair.generate(SshKeyType.rsa(2048)).publicKey())
                .type(CertificateType.HOST).keyId("web1").principals("web1.example.org").validForever().build();
        Path file = dir.resolve("host-cert.pub");
        cert.write(file);
        assertThat(listing(file)).isEqualTo(cert.toListing(ZoneOffset.UTC)).contains("Valid: forever",
                "Extensions: (none)", "host certificate");
    }

    @Test
    void readsCertificatesSshKeygenSignsAndVerifiesThem() throws IOException {
        String keygen = Tools.path("ssh-keygen");
        Path ca = dir.resolve("ca");
        Path user = dir.resolve("user");
        ToolRun.run(keygen, "-q", "-t", "ed25519", "-N", "", "-f", ca.toString()).ok();
        ToolRun.run(keygen, "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", user.toString()).ok();
        ToolRun.run(keygen, "-q", "-s", ca.toString(), "-I", "bob id", "-n", "bob,root", "-z", "77",
                "-V", "20250101000000:20350101000000", "-O", "clear", "-O", "permit-pty",
                "-O", "force-command=/bin/date", "-O", "source-address=127.0.0.1/32",
                "-O", "extension:custom@example.org=some value", "-O", "extension:flag@example.org",
                user + ".pub").ok();
        Path certFile = dir.resolve("user-cert.pub");
        SshCertificate cert = SshCertificate.read(certFile);
        assertThat(listing(certFile)).isEqualTo(cert.toListing(ZoneOffset.UTC));
        assertThat(cert.keyId()).isEqualTo("bob id");
        assertThat(cert.serial()).isEqualTo(77);
        assertThat(cert.principals()).containsExactly("bob", "root");
        assertThat(cert.type()).isEqualTo(CertificateType.USER);
        assertThat(cert.criticalOptions()).containsExactly(Map.entry("force-command", "/bin/date"),
                Map.entry("source-address", "127.0.0.1/32"));
        assertThat(cert.extensions()).containsExactly(Map.entry("custom@example.org", "some value"),
                Map.entry("flag@example.org", ""), Map.entry("permit-pty", ""));
        assertThat(cert.publicKey()).isEqualTo(SshPublicKey.read(Path.of(user + ".pub")));
        assertThat(cert.signatureKey()).isEqualTo(SshPublicKey.read(Path.of(ca + ".pub")));
        assertThat(cert.validAfter()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").atZone(ZoneOffset.UTC)
                .withZoneSameLocal(java.time.ZoneId.systemDefault()).toInstant());
        assertThat(cert.toOpenSsh() + "\n").isEqualTo(Files.readString(certFile));
        CertificateVerification ok = cert.verify(cert.signatureKey(), CertificateType.USER, "bob",
                Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.isValid()).isTrue();
    }
}
