package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark keys generate|fingerprint} through the built launcher, checked with ssh-keygen. */
@RequiresTool("ssh-keygen")
class KeysIT {

    @TempDir
    Path dir;

    @Test
    void generatePrintsOnlyThePublicKeyAndTheFingerprintSshKeygenSees() throws Exception {
        Files.writeString(dir.resolve("pass"), "tr0ub4dor and more\n");

        Launcher.Run run = Launcher.run(dir, "keys", "generate", "--out", "id_ed25519", "-C", "alice@laptop",
                "--passphrase-file", "pass");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String pub = Files.readString(dir.resolve("id_ed25519.pub"));
        String sshKeygen = ToolRuns.run(dir, "", "ssh-keygen", "-l", "-f", "id_ed25519.pub").stdout();
        assertThat(run.stdout()).isEqualTo(pub + sshKeygen);
        assertThat(run.stdout()).doesNotContain("PRIVATE").doesNotContain("tr0ub4dor");
        assertThat(run.stderr()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("id_ed25519")))).isEqualTo("rw-------");
        // encrypted: ssh-keygen derives the public key only with the passphrase
        assertThat(ToolRuns.run(dir, "", "ssh-keygen", "-y", "-P", "", "-f", "id_ed25519").exitCode()).isNotZero();
        assertThat(ToolRuns.run(dir, "", "ssh-keygen", "-y", "-P", "tr0ub4dor and more", "-f", "id_ed25519").stdout())
                .isEqualTo(pub);
    }

    @Test
    void fingerprintEqualsSshKeygenOnItsOwnKeys() throws Exception {
        ToolRuns.run(dir, "", "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "bob", "-f", "k1");
        ToolRuns.run(dir, "", "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", "k2");

        Launcher.Run sha = Launcher.run(dir, "keys", "fingerprint", "k1.pub", "k2.pub");
        Launcher.Run md5 = Launcher.run(dir, "keys", "fingerprint", "-E", "md5", "k1.pub");

        assertThat(sha.exitCode()).as(sha.toString()).isZero();
        assertThat(sha.stdout()).isEqualTo(ToolRuns.run(dir, "", "ssh-keygen", "-l", "-f", "k1.pub").stdout()
                + ToolRuns.run(dir, "", "ssh-keygen", "-l", "-f", "k2.pub").stdout());
        assertThat(md5.stdout()).isEqualTo(ToolRuns.run(dir, "", "ssh-keygen", "-l", "-E", "md5", "-f", "k1.pub").stdout());
    }

    @Test
    void weakOrUnaskedForChoicesAreRefused() throws Exception {
        Launcher.Run weak = Launcher.run(dir, "keys", "generate", "--out", "k", "--type", "rsa", "--bits", "1024",
                "--no-passphrase");
        Launcher.Run noSource = Launcher.run(dir, "keys", "generate", "--out", "k");
        Launcher.Run privateKey = Launcher.run(dir, "keys", "generate", "--out", "k3", "--no-passphrase");
        Launcher.Run fingerprintPrivate = Launcher.run(dir, "keys", "fingerprint", "k3");

        assertThat(weak.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(weak.stderr()).startsWith("bulwark: RSA keys of 1024 bits are too weak");
        assertThat(noSource.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSource.stderr()).startsWith("bulwark: no passphrase for the new key k:");
        assertThat(Files.exists(dir.resolve("k"))).isFalse();
        assertThat(privateKey.exitCode()).isZero();
        assertThat(fingerprintPrivate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fingerprintPrivate.stderr()).isEqualTo("bulwark: k3 is a private key; fingerprint its public key (k3.pub)\n");
    }
}
