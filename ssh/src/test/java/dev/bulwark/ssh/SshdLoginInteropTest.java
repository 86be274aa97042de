package dev.bulwark.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.cert.CertificateType;
import dev.bulwark.ssh.cert.KeyRevocationList;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sshd accepts Bulwark keys and Bulwark-signed certificates, and rejects expired ones. */
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class SshdLoginInteropTest {

    @TempDir
    Path dir;

    @Test
    void acceptsABulwarkKeyListedInAuthorizedKeys() throws Exception {
        SshKeyPair key = SshKeyPair.generate(SshKeyType.ECDSA_P256).withComment("bulwark-test");
        Path keyFile = dir.resolve("id_ecdsa");
        key.write(keyFile, null);
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        try (TestSshd sshd = TestSshd.start(dir)) {
            ToolRun login = sshd.login(keyFile, null);
            assertThat(login.exitCode()).as(login.stderr() + sshd.log()).isZero();
            assertThat(sshd.awaitLog("Accepted publickey for " + TestSshd.user())).contains("Accepted publickey for " + TestSshd.user());
        }
    }

    @Test
    void acceptsABulwarkSignedUserCertificateAndRejectsAnExpiredOne() throws Exception {
        SshKeyPair ca = SshKeyPair.generate();
        SshKeyPair user = SshKeyPair.generate();
        Path keyFile = dir.resolve("id_ed25519");
        user.write(keyFile, null);
        Files.writeString(dir.resolve("trusted_user_ca_keys"), ca.publicKey().toOpenSsh() + "\n");
        SshCertificate valid = SshCertificate.builder(ca, user.publicKey()).keyId("bulwark-valid")
                .principals(TestSshd.user()).validFor(Duration.ofMinutes(10)).build();
        Path validFile = dir.resolve("valid-cert.pub");
        valid.write(validFile);
        Instant now = Instant.now();
        SshCertificate expired = SshCertificate.builder(ca, user.publicKey()).keyId("bulwark-expired")
                .principals(TestSshd.user()).validBetween(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))
                .build();
        Path expiredFile = dir.resolve("expired-cert.pub");
        expired.write(expiredFile);
        try (TestSshd sshd = TestSshd.start(dir)) {
            ToolRun ok = sshd.login(keyFile, validFile);
            assertThat(ok.exitCode()).as(ok.stderr() + sshd.log()).isZero();
            assertThat(sshd.awaitLog("Accepted publickey for " + TestSshd.user())).contains("Accepted publickey for " + TestSshd.user())
                    .contains("ID bulwark-valid");

            ToolRun refused = sshd.login(keyFile, expiredFile);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("Permission denied (publickey)");
            assertThat(sshd.awaitLog("expired")).contains("expired");
        }
    }

    @Test
    void refusesACertificateRevokedInABulwarkKeyRevocationList() throws Exception {
        SshKeyPair ca = SshKeyPair.generate();
        SshKeyPair user = SshKeyPair.generate();
        Path keyFile = dir.resolve("id_ed25519");
        user.write(keyFile, null);
        Files.writeString(dir.resolve("trusted_user_ca_keys"), ca.publicKey().toOpenSsh() + "\n");
        Path kept = dir.resolve("kept-cert.pub");
        SshCertificate.builder(ca, user.publicKey()).keyId("kept").serial(4).principals(TestSshd.user()).build()
                .write(kept);
        Path revoked = dir.resolve("revoked-cert.pub");
        SshCertificate.builder(ca, user.publicKey()).keyId("revoked").serial(5).principals(TestSshd.user()).build()
                .write(revoked);
        Path krl = dir.resolve("revoked_keys");
        KeyRevocationList.builder().revokeSerial(ca.publicKey(), 5).build().write(krl);
        try (TestSshd sshd = TestSshd.start(dir, "RevokedKeys " + krl)) {
            ToolRun ok = sshd.login(keyFile, kept);
            assertThat(ok.exitCode()).as(ok.stderr() + sshd.log()).isZero();
            ToolRun refused = sshd.login(keyFile, revoked);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(sshd.awaitLog("revoked")).contains("revoked");
        }
    }

    @Test
    void sshTrustsABulwarkSignedHostCertificateThroughCertAuthority() throws Exception {
        SshKeyPair hostCa = SshKeyPair.generate(SshKeyType.ECDSA_P384);
        SshKeyPair hostKey = SshKeyPair.generate();
        hostKey.write(TestSshd.hostKeyFile(dir), null);
        Path hostCert = dir.resolve("ssh_host_ed25519_key-cert.pub");
        SshCertificate.builder(hostCa, hostKey.publicKey()).type(CertificateType.HOST).keyId("test host")
                .principals("127.0.0.1").build().write(hostCert);
        SshKeyPair user = SshKeyPair.generate();
        Path keyFile = dir.resolve("id_ed25519");
        user.write(keyFile, null);
        Files.writeString(dir.resolve("authorized_keys"), user.publicKey().toOpenSsh() + "\n");
        try (TestSshd sshd = TestSshd.start(dir, "HostCertificate " + hostCert)) {
            Files.writeString(sshd.knownHostsFile(), "@cert-authority [127.0.0.1]:" + sshd.port() + " "
                    + hostCa.publicKey().toOpenSsh() + "\n");
            ToolRun ok = sshd.login(keyFile, null);
            assertThat(ok.exitCode()).as(ok.stderr() + sshd.log()).isZero();

            Files.writeString(sshd.knownHostsFile(), "@cert-authority [127.0.0.1]:" + sshd.port() + " "
                    + SshKeyPair.generate().publicKey().toOpenSsh() + "\n");
            ToolRun refused = sshd.login(keyFile, null);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("Host key verification failed");
        }
    }
}
