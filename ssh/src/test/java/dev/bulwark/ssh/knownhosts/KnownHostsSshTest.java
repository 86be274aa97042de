package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * known_hosts files written by Bulwark, used by a real ssh client (StrictHostKeyChecking=yes)
 * against a real sshd: ssh's verdict and {@link KnownHosts#verify} agree on match, revoked,
 * mismatch and unknown.
 */
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class KnownHostsSshTest {

    @TempDir
    Path dir;

    @Test
    void sshAgreesWithBulwarkOnMatchRevokedMismatchAndUnknown() throws Exception {
        SshKeyPair user = SshKeyPair.generate();
        Path identity = dir.resolve("id_ed25519");
        user.write(identity, null);
        AuthorizedKeys.empty().withKey(user.publicKey()).write(dir.resolve("authorized_keys"));
        try (TestSshd sshd = TestSshd.start(dir)) {
            SshPublicKey hostKey = SshPublicKey.parse(Files.readString(Path.of(TestSshd.hostKeyFile(dir) + ".pub")));
            int port = sshd.port();
            Path file = sshd.knownHostsFile();

            KnownHosts hashed = KnownHosts.empty().withHashedHost("127.0.0.1", port, hostKey, new SecureRandom());
            hashed.write(file);
            assertThat(hashed.verify("127.0.0.1", port, hostKey)).isInstanceOf(HostKeyStatus.Match.class);
            ToolRun ok = sshd.login(identity, null);
            assertThat(ok.exitCode()).as(ok.stderr()).isZero();

            KnownHosts revoked = KnownHosts.parse(hashed.render() + "@revoked * " + hostKey.toOpenSsh() + "\n");
            revoked.write(file);
            assertThat(revoked.verify("127.0.0.1", port, hostKey)).isInstanceOf(HostKeyStatus.Revoked.class);
            ToolRun refused = sshd.login(identity, null);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("REVOKED HOST KEY");

            SshPublicKey other = SshKeyPair.generate().publicKey();
            KnownHosts changed = KnownHosts.empty().withHost("127.0.0.1", port, other);
            changed.write(file);
            assertThat(changed.verify("127.0.0.1", port, hostKey)).isInstanceOf(HostKeyStatus.Mismatch.class);
            ToolRun mismatch = sshd.login(identity, null);
            assertThat(mismatch.exitCode()).isEqualTo(255);
            assertThat(mismatch.stderr()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");

            KnownHosts otherPort = KnownHosts.empty().withHashedHost("127.0.0.1", port + 1, hostKey, new SecureRandom());
            otherPort.write(file);
            assertThat(otherPort.verify("127.0.0.1", port, hostKey)).isEqualTo(new HostKeyStatus.Unknown());
            ToolRun unknown = sshd.login(identity, null);
            assertThat(unknown.exitCode()).isEqualTo(255);
            assertThat(unknown.stderr()).contains("Host key verification failed");
        }
    }
}
