package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
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

    /** FIDO keys need a token to generate, so their public halves are built from ordinary keys' points. */
    @ParameterizedTest
    @CsvSource({"sk-ssh-ed25519@openssh.com,[ED25519-SK 256]", "sk-ecdsa-sha2-nistp256@openssh.com,[ECDSA-SK 256]"})
    void fidoKeysAreTitledWithTypeAndSizeAsSshKeygenDrawsThem(String type, String title) throws IOException {
        boolean ed = type.startsWith("sk-ssh-ed25519");
        SshPublicKey plain = SshKeyPair.generate(ed ? SshKeyType.ED25519 : SshKeyType.ECDSA_P256).publicKey();
        WireReader r = new WireReader(plain.blobBytes());
        r.readUtf8("type");
        WireWriter w = new WireWriter().writeUtf8(type);
        if (!ed) {
            w.writeUtf8(r.readUtf8("curve"));
        }
        byte[] blob = w.writeString(r.readString("point")).writeUtf8("ssh:").toByteArray();
        SshPublicKey sk = SshPublicKey.ofBlob(java.nio.ByteBuffer.wrap(blob), "token");
        Path pub = dir.resolve("sk.pub");
        Files.writeString(pub, sk.toOpenSsh() + "\n");

        String art = ToolRun.run(Tools.path("ssh-keygen"), "-lv", "-f", pub.toString()).ok();
        assertThat(sk.randomArt().lines().findFirst().orElseThrow()).contains(title);
        assertThat(art.substring(art.indexOf('\n') + 1)).isEqualTo(sk.randomArt() + "\n");
        assertThat(art).startsWith("256 " + sk.fingerprintSha256() + " token (" + title.split(" ")[0].substring(1) + ")");
    }

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
