package dev.bulwark.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption;
import dev.bulwark.ssh.authorized.AuthorizedKeyOptions;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.authorized.AuthorizedKeysPolicy;
import dev.bulwark.ssh.authorized.KeyFlag;
import dev.bulwark.ssh.authorized.StrictModes;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.HostKeyStatus;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorized_keys and known_hosts samples of ssh/README.md, run as written. */
class KeyFilesReadmeSamplesTest {

    @TempDir
    Path home;

    @Test
    void authorizedKeysSample() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path pubFile = home.resolve("laptop.pub");
        Files.writeString(pubFile, SshKeyPair.generate().withComment("alice@laptop").publicKey().toOpenSsh() + "\n");
        Path file = home.resolve(".ssh/authorized_keys");
        AuthorizedKeys.empty().withKey(SshKeyPair.generate().publicKey().withComment("old-laptop")).write(file);
        int uid = (Integer) Files.getAttribute(home, "unix:uid");

        AuthorizedKeys keys = Ssh.authorizedKeys(file);              // empty when the file is missing
        SshPublicKey laptop = SshPublicKey.parse(Files.readString(pubFile));
        AuthorizedKeys edited = keys.withKey(laptop)
            .withOptions(laptop, AuthorizedKeyOptions.of(KeyFlag.RESTRICT)
                .with(new AuthorizedKeyOption.From(List.of("10.0.0.0/8"))))
            .withoutComment("old-laptop");
        edited.write(file);                                          // 0600, atomic

        List<Finding> findings = new ArrayList<>(edited.audit(AuthorizedKeysPolicy.STRICT));
        findings.addAll(StrictModes.check(file, uid, home));         // what would make sshd ignore it

        assertThat(Files.readString(file)).isEqualTo("restrict,from=\"10.0.0.0/8\" " + laptop.toOpenSsh() + "\n");
        assertThat(findings).isEmpty();
    }

    @Test
    void knownHostsSample() throws IOException {
        SshPublicKey serverKey = SshKeyPair.generate().publicKey();

        KnownHosts known = Ssh.knownHosts(home.resolve(".ssh/known_hosts"));
        HostKeyStatus status = known.verify("git.example.org", 2222, serverKey);
        if (status instanceof HostKeyStatus.Revoked || status instanceof HostKeyStatus.Mismatch) {
            throw new IllegalStateException("host key for git.example.org is not trusted: " + status);
        }
        if (status instanceof HostKeyStatus.Unknown) {
            known.withHashedHost("git.example.org", 2222, serverKey, new SecureRandom())
                 .write(home.resolve(".ssh/known_hosts"));
        }

        assertThat(Ssh.knownHosts(home.resolve(".ssh/known_hosts")).verify("git.example.org", 2222, serverKey).trusted())
                .isTrue();
    }
}
