package dev.bulwark.ssh.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KRLs Bulwark writes are honoured by ssh-keygen -Q; KRLs ssh-keygen -k writes are read by Bulwark. */
@RequiresTool("ssh-keygen")
class KeyRevocationListInteropTest {

    @TempDir
    Path dir;

    private final SshKeyPair ca = SshKeyPair.generate();
    private final SshKeyPair user = SshKeyPair.generate();

    private Path cert(String keyId, long serial) throws Exception {
        Path file = dir.resolve(keyId + "-" + serial + "-cert.pub");
        SshCertificate.builder(ca, user.publicKey()).keyId(keyId).serial(serial).principals("u").build().write(file);
        return file;
    }

    private Path pub(SshKeyPair pair, String name) throws Exception {
        Path file = dir.resolve(name + ".pub");
        pair.publicKey().write(file);
        return file;
    }

    private boolean revokedBySshKeygen(Path krl, Path key) {
        ToolRun run = ToolRun.run(Tools.path("ssh-keygen"), "-Q", "-f", krl.toString(), key.toString());
        assertThat(run.exitCode()).as(run.stderr()).isIn(0, 1);
        return run.stdout().contains("REVOKED");
    }

    @Test
    void sshKeygenHonoursTheRevocationsBulwarkWrites() throws Exception {
        SshKeyPair lost = SshKeyPair.generate();
        SshKeyPair hashed = SshKeyPair.generate();
        KeyRevocationList krl = KeyRevocationList.builder().comment("lost laptop").revokeKey(lost.publicKey())
                .revokeKeyBySha256(hashed.publicKey()).revokeSerial(ca.publicKey(), 7)
                .revokeSerials(ca.publicKey(), 1000, 1999).revokeKeyId(null, "mallory")
                .revokeKeyId(ca.publicKey(), "eve").build();
        Path file = dir.resolve("krl");
        krl.write(file);

        assertThat(revokedBySshKeygen(file, pub(lost, "lost"))).isTrue();
        assertThat(revokedBySshKeygen(file, pub(hashed, "hashed"))).isTrue();
        assertThat(revokedBySshKeygen(file, pub(user, "user"))).isFalse();
        for (String id : new String[] {"alice-7", "alice-1000", "alice-1500", "alice-1999", "mallory-3", "eve-4",
            "alice-8", "alice-2000"}) {
            String[] parts = id.split("-");
            Path cert = cert(parts[0], Long.parseLong(parts[1]));
            boolean expected = !id.equals("alice-8") && !id.equals("alice-2000");
            assertThat(revokedBySshKeygen(file, cert)).as(id).isEqualTo(expected);
            assertThat(krl.isRevoked(SshCertificate.read(cert))).as(id).isEqualTo(expected);
        }
        KeyRevocationList back = KeyRevocationList.read(file);
        assertThat(back.comment()).isEqualTo("lost laptop");
        assertThat(back.isRevoked(lost.publicKey())).isTrue();
        assertThat(back.isRevoked(hashed.publicKey())).isTrue();
        assertThat(back.isRevoked(user.publicKey())).isFalse();
    }

    @Test
    void readsTheRevocationsSshKeygenWrites() throws Exception {
        Path caFile = dir.resolve("ca.pub");
        ca.publicKey().write(caFile);
        SshKeyPair lost = SshKeyPair.generate();
        Path spec = dir.resolve("spec");
        Files.writeString(spec, "serial: 5-10\nserial: 12\nid: bob\n" + lost.publicKey().toOpenSsh() + "\n");
        Path file = dir.resolve("krl");
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-k", "-f", file.toString(), "-s", caFile.toString(),
                "-z", "42", spec.toString()).ok();
        KeyRevocationList krl = KeyRevocationList.read(file);
        assertThat(krl.version()).isEqualTo(42);
        assertThat(krl.isRevoked(lost.publicKey())).isTrue();
        assertThat(krl.isRevoked(user.publicKey())).isFalse();
        for (long serial : new long[] {5, 7, 10, 12}) {
            assertThat(krl.isRevoked(SshCertificate.read(cert("alice", serial)))).as("serial " + serial).isTrue();
        }
        for (long serial : new long[] {4, 11, 13}) {
            assertThat(krl.isRevoked(SshCertificate.read(cert("alice", serial)))).as("serial " + serial).isFalse();
        }
        assertThat(krl.isRevoked(SshCertificate.read(cert("bob", 99)))).isTrue();
    }
}
