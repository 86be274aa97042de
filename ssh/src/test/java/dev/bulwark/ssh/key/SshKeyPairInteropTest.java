package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Private keys in every format ssh-keygen writes are read; every key Bulwark writes is accepted by ssh-keygen. */
@RequiresTool("ssh-keygen")
class SshKeyPairInteropTest {

    private static final String PASS = "correct horse battery staple";

    @TempDir
    Path dir;

    private static String keygen() {
        return Tools.path("ssh-keygen");
    }

    private String fingerprint(Path pub, String hash) {
        return ToolRun.run(keygen(), "-l", "-E", hash, "-f", pub.toString()).ok().split(" ")[1];
    }

    @ParameterizedTest(name = "{0} {1} -m {2} passphrase={3}")
    @CsvSource({
        "ed25519,256,RFC4716,false", "ed25519,256,RFC4716,true",
        "ed25519,256,PKCS8,false", "ed25519,256,PKCS8,true",
        "ecdsa,256,RFC4716,false", "ecdsa,256,RFC4716,true", "ecdsa,256,PEM,false", "ecdsa,256,PEM,true",
        "ecdsa,256,PKCS8,false", "ecdsa,256,PKCS8,true",
        "ecdsa,384,RFC4716,false", "ecdsa,384,RFC4716,true", "ecdsa,384,PEM,false", "ecdsa,384,PEM,true",
        "ecdsa,384,PKCS8,false", "ecdsa,384,PKCS8,true",
        "ecdsa,521,RFC4716,false", "ecdsa,521,RFC4716,true", "ecdsa,521,PEM,false", "ecdsa,521,PEM,true",
        "ecdsa,521,PKCS8,false", "ecdsa,521,PKCS8,true",
        "rsa,2048,RFC4716,false", "rsa,2048,RFC4716,true", "rsa,2048,PEM,false", "rsa,2048,PEM,true",
        "rsa,2048,PKCS8,false", "rsa,2048,PKCS8,true",
        "rsa,3072,RFC4716,false", "rsa,3072,RFC4716,true", "rsa,3072,PEM,false", "rsa,3072,PEM,true",
        "rsa,3072,PKCS8,false", "rsa,3072,PKCS8,true",
        "rsa,4096,RFC4716,false", "rsa,4096,RFC4716,true", "rsa,4096,PEM,false", "rsa,4096,PEM,true",
        "rsa,4096,PKCS8,false", "rsa,4096,PKCS8,true",
        "dsa,1024,RFC4716,false", "dsa,1024,RFC4716,true", "dsa,1024,PEM,false", "dsa,1024,PEM,true",
    })
    void readsEveryPrivateKeyFormatSshKeygenWrites(String type, int bits, String format, boolean encrypted)
            throws IOException {
        Path key = dir.resolve("id");
        ToolRun.run(keygen(), "-q", "-t", type, "-b", Integer.toString(bits), "-m", format,
                "-N", encrypted ? PASS : "", "-C", "test@bulwark", "-f", key.toString()).ok();
        String text = Files.readString(key);
        if (format.equals("PKCS8") && type.equals("ed25519")) {
            // ssh-keygen 9.2 ignores -m for Ed25519 and writes its own format
            assertThat(text).contains("BEGIN OPENSSH PRIVATE KEY");
        }
        SshKeyPair pair = SshKeyPair.parse(text, encrypted ? PASS.toCharArray() : null);
        Path pub = dir.resolve("id.pub");
        assertThat(pair.publicKey().fingerprintSha256()).isEqualTo(fingerprint(pub, "sha256"));
        assertThat(pair.publicKey().fingerprintMd5()).isEqualTo(fingerprint(pub, "md5"));
        assertThat(pair.publicKey()).isEqualTo(SshPublicKey.parse(Files.readString(pub)));
        assertThat(pair.publicKey().bits()).isEqualTo(bits);
        assertThat(pair.toKeyPair()).isPresent();
        if (text.contains("OPENSSH PRIVATE KEY")) {
            assertThat(pair.comment()).isEqualTo("test@bulwark");
        }
        if (encrypted) {
            assertThatThrownBy(() -> SshKeyPair.parse(text, "wrong".toCharArray()))
                    .isInstanceOf(WrongPassphraseException.class)
                    .hasMessageEndingWith("wrong passphrase for the private key");
            assertThatThrownBy(() -> SshKeyPair.parse(text, null))
                    .isInstanceOf(WrongPassphraseException.class)
                    .hasMessageContaining("a passphrase is needed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc", "aes256-cbc",
        "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
    void readsKeysEncryptedWithEveryCipherSshKeygenOffers(String cipher) throws IOException {
        Path key = dir.resolve("id");
        ToolRun.run(keygen(), "-q", "-t", "ed25519", "-Z", cipher, "-N", PASS, "-a", "4", "-f", key.toString()).ok();
        String text = Files.readString(key);
        SshKeyPair pair = SshKeyPair.parse(text, PASS.toCharArray());
        assertThat(pair.publicKey()).isEqualTo(SshPublicKey.parse(Files.readString(dir.resolve("id.pub"))));
        assertThatThrownBy(() -> SshKeyPair.parse(text, "Correct horse battery staple".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED25519", "ECDSA_P256", "ECDSA_P384", "ECDSA_P521", "RSA"})
    void everyKeyBulwarkWritesIsAcceptedBySshKeygen(String typeName) throws Exception {
        SshKeyType type = (SshKeyType) SshKeyType.class.getField(typeName).get(null);
        SshKeyPair pair = SshKeyPair.generate(type, new SecureRandom()).withComment("made@bulwark");
        String expected = pair.publicKey().withComment("").toOpenSsh();

        assertThat(derivePublic(pair.toOpenSsh(null), null)).isEqualTo(expected);
        String encrypted = pair.toOpenSsh(PASS.toCharArray());
        assertThat(encrypted).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(derivePublic(encrypted, PASS)).isEqualTo(expected);
        assertThat(run(encrypted, "wrong passphrase").exitCode()).isNotZero();
        assertThat(SshKeyPair.parse(encrypted, PASS.toCharArray())).isEqualTo(pair);
        assertThat(SshKeyPair.parse(encrypted, PASS.toCharArray()).comment()).isEqualTo("made@bulwark");

        if (type != SshKeyType.ED25519) {
            // ssh-keygen 9.2 reads PEM/PKCS#8 only for RSA, ECDSA and DSA
            assertThat(derivePublic(pair.toPkcs8(null), null)).isEqualTo(expected);
            String pkcs8 = pair.toPkcs8(PASS.toCharArray());
            assertThat(pkcs8).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
            assertThat(derivePublic(pkcs8, PASS)).isEqualTo(expected);
            assertThat(run(pkcs8, "wrong passphrase").exitCode()).isNotZero();
        }
        assertThat(SshKeyPair.parse(pair.toPkcs8(PASS.toCharArray()), PASS.toCharArray())).isEqualTo(pair);
    }

    @org.junit.jupiter.api.Test
    void writesTheConfiguredNumberOfKdfRounds() throws IOException {
        SshKeyPair pair = SshKeyPair.generate();
        String text = pair.toOpenSsh(PASS.toCharArray(), 7, new SecureRandom());
        assertThat(derivePublic(text, PASS)).isEqualTo(pair.publicKey().toOpenSsh());
        Path file = dir.resolve("rounds");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        // ssh-keygen -p re-encrypts and keeps working with a key of custom rounds
        ToolRun.run(keygen(), "-p", "-P", PASS, "-N", "new pass", "-a", "3", "-f", file.toString()).ok();
        assertThat(SshKeyPair.parse(Files.readString(file), "new pass".toCharArray())).isEqualTo(pair);
    }

    /** The type and base64 ssh-keygen -y derives (it appends the comment of OpenSSH-format files). */
    private String derivePublic(String privateText, String passphrase) throws IOException {
        String[] fields = run(privateText, passphrase).ok().strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    private ToolRun run(String privateText, String passphrase) throws IOException {
        Path file = Files.createTempFile(dir, "key", "");
        Files.writeString(file, privateText);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return ToolRun.run(keygen(), "-y", "-P", passphrase == null ? "" : passphrase, "-f", file.toString());
    }
}
