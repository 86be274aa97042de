package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Public keys ssh-keygen makes are read with the fingerprints, sizes and randomart ssh-keygen shows. */
@RequiresTool("ssh-keygen")
class SshPublicKeyInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ed25519,256", "ecdsa,256", "ecdsa,384", "ecdsa,521", "rsa,2048", "rsa,3072", "rsa,4096", "dsa,1024"})
    void readsEveryKeyTypeWithSshKeygensFingerprints(String type, int bits) throws IOException {
        Path key = dir.resolve("id");
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", type, "-b", Integer.toString(bits), "-N", "",
                "-C", "alice@example with spaces", "-f", key.toString()).ok();
        Path pub = dir.resolve("id.pub");
        SshPublicKey parsed = SshPublicKey.parse(Files.readString(pub));

        String sha = ToolRun.run(Tools.path("ssh-keygen"), "-l", "-E", "sha256", "-f", pub.toString()).ok();
        String md5 = ToolRun.run(Tools.path("ssh-keygen"), "-l", "-E", "md5", "-f", pub.toString()).ok();
        assertThat(sha.split(" ")[1]).isEqualTo(parsed.fingerprintSha256());
        assertThat(md5.split(" ")[1]).isEqualTo(parsed.fingerprintMd5());
        assertThat(parsed.bits()).isEqualTo(bits).isEqualTo(Integer.parseInt(sha.split(" ")[0]));
        assertThat(parsed.comment()).isEqualTo("alice@example with spaces");
        assertThat(parsed.toOpenSsh() + "\n").isEqualTo(Files.readString(pub));
        assertThat(parsed.toPublicKey()).isPresent();

        String art = ToolRun.run(Tools.path("ssh-keygen"), "-lv", "-f", pub.toString()).ok();
        assertThat(art).contains(parsed.randomArt());

        String rfc4716 = ToolRun.run(Tools.path("ssh-keygen"), "-e", "-f", pub.toString()).ok();
        SshPublicKey fromRfc = SshPublicKey.parse(rfc4716);
        assertThat(fromRfc).isEqualTo(parsed);
        assertThat(fromRfc.fingerprintSha256()).isEqualTo(parsed.fingerprintSha256());

        Path ours = dir.resolve("ours.pub");
        Files.writeString(ours, parsed.toRfc4716());
        String imported = ToolRun.run(Tools.path("ssh-keygen"), "-i", "-f", ours.toString()).ok();
        assertThat(SshPublicKey.parse(imported)).isEqualTo(parsed);

        if (!type.equals("ed25519")) {
            String pkcs8 = ToolRun.run(Tools.path("ssh-keygen"), "-e", "-m", "PKCS8", "-f", pub.toString()).ok();
            assertThat(SshPublicKey.parse(pkcs8)).isEqualTo(parsed);
            Files.writeString(ours, parsed.toPem());
            String back = ToolRun.run(Tools.path("ssh-keygen"), "-i", "-m", "PKCS8", "-f", ours.toString()).ok();
            assertThat(SshPublicKey.parse(back)).isEqualTo(parsed);
        }
        if (type.equals("rsa")) {
            String pem = ToolRun.run(Tools.path("ssh-keygen"), "-e", "-m", "PEM", "-f", pub.toString()).ok();
            assertThat(SshPublicKey.parse(pem)).isEqualTo(parsed);
        }
    }
}
