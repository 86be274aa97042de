package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyPairTest {

    @TempDir
    Path dir;

    @Test
    void generatesEd25519ByDefault() {
        SshKeyPair pair = SshKeyPair.generate();
        assertThat(pair.publicKey().type()).isEqualTo("ssh-ed25519");
        assertThat(pair.publicKey().keyType()).isEqualTo(KeyAlgorithm.ED25519);
        assertThat(pair.publicKey().bits()).isEqualTo(256);
        assertThat(pair.comment()).isEmpty();
    }

    @Test
    void generatesRsaWith3072BitsByDefaultAndOtherSizesOnRequest() {
        assertThat(SshKeyType.RSA.bits()).isEqualTo(3072);
        assertThat(SshKeyPair.generate(SshKeyType.rsa(2048)).publicKey().bits()).isEqualTo(2048);
    }

    @Test
    void rejectsRsaKeysShorterThan2048Bits() {
        assertThatThrownBy(() -> SshKeyType.rsa(1024))
                .isInstanceOf(ValidationException.class)
                .hasMessage("RSA keys of 1024 bits are too weak; use Ed25519 (SshKeyType.ED25519)"
                        + " or RSA with at least 2048 bits (SshKeyType.RSA is 3072)");
    }

    @Test
    void neverGeneratesDsa() {
        assertThatThrownBy(() -> SshKeyType.of(KeyAlgorithm.DSA))
                .isInstanceOf(ValidationException.class)
                .hasMessage("DSA keys are not generated: DSA is limited to 1024 bits and removed from OpenSSH;"
                        + " use Ed25519 (SshKeyType.ED25519)");
    }

    @Test
    void roundTripsEveryTypeThroughOpenSshAndPkcs8() {
        for (SshKeyType type : new SshKeyType[] {SshKeyType.ED25519, SshKeyType.ECDSA_P256, SshKeyType.ECDSA_P384,
            SshKeyType.ECDSA_P521, SshKeyType.rsa(2048)}) {
            SshKeyPair pair = SshKeyPair.generate(type, new SecureRandom()).withComment("c " + type);
            SshKeyPair back = SshKeyPair.parse(pair.toOpenSsh(null), null);
            assertThat(back).isEqualTo(pair);
            assertThat(back.comment()).isEqualTo("c " + type);
            assertThat(SshKeyPair.parse(pair.toPkcs8(null), null)).isEqualTo(pair);
            assertThat(back.toKeyPair().orElseThrow().getPrivate().getEncoded())
                    .isEqualTo(pair.privateKey().revealPrivateKey().orElseThrow().getEncoded());
        }
    }

    @Test
    void encryptsPkcs8WithTheGivenRandom() {
        SshKeyPair pair = SshKeyPair.generate(SshKeyType.ED25519, new SecureRandom());
        int[] requested = {0};
        SecureRandom counting = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                requested[0] += bytes.length;
                super.nextBytes(bytes);
            }
        };
        String pem = pair.toPkcs8("correct horse".toCharArray(), counting);
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(requested[0]).isPositive();
        assertThat(SshKeyPair.parse(pem, "correct horse".toCharArray())).isEqualTo(pair);
    }

    @Test
    void wrapsJdkKeyPairsAndRefusesMismatchedHalves() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        var a = g.generateKeyPair();
        var b = g.generateKeyPair();
        assertThat(SshKeyPair.of(a, "x").publicKey().toPublicKey().orElseThrow()).isEqualTo(a.getPublic());
        assertThatThrownBy(() -> SshKeyPair.of(new java.security.KeyPair(a.getPublic(), b.getPrivate()), ""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the private key does not belong to the public key");
    }

    @Test
    void refusesAPrivateKeyThatDoesNotMatchTheFilesPublicKey() {
        SshKeyPair a = SshKeyPair.generate();
        SshKeyPair b = SshKeyPair.generate();
        String text = OpenSshFiles.withPublicBlob(a.toOpenSsh(null), b.publicKey().blobBytes());
        assertThatThrownBy(() -> SshKeyPair.parse(text, null))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: the private key does not match the file's public key");
    }

    @Test
    void refusesMoreBcryptRoundsThanTheCap() {
        SshKeyPair pair = SshKeyPair.generate();
        String text = OpenSshFiles.withRounds(pair.toOpenSsh("pw".toCharArray(), 1, new SecureRandom()), 1_000_000);
        assertThatThrownBy(() -> SshKeyPair.parse(text, "pw".toCharArray()))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: bcrypt KDF rounds 1000000 outside 1..1000"
                        + " (the cap Bulwark applies to untrusted key files)");
        assertThatThrownBy(() -> pair.toOpenSsh("pw".toCharArray(), 1001, new SecureRandom()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("kdfRounds 1001 must be between 1 and 1000 (Bulwark reads no more than that;"
                        + " OpenSSH uses 16 to 24)");
    }

    @Test
    void keepsOpaqueSecurityKeysAndUnknownTypesInsteadOfFailing() {
        byte[] pub = new WireWriter().writeUtf8("sk-ssh-ed25519@openssh.com").writeString(new byte[32])
                .writeUtf8("ssh:").toByteArray();
        byte[] priv = new WireWriter().writeUtf8("sk-ssh-ed25519@openssh.com").writeString(new byte[32])
                .writeUtf8("ssh:").writeByte(1).writeString(new byte[] {9, 9, 9}).writeString(new byte[0])
                .toByteArray();
        String text = OpenSshFiles.unencrypted(pub, priv, "yubikey");
        SshKeyPair pair = SshKeyPair.parse(text, null);
        assertThat(pair.publicKey().isOpaque()).isTrue();
        assertThat(pair.publicKey().type()).isEqualTo("sk-ssh-ed25519@openssh.com");
        assertThat(pair.publicKey().bits()).isEqualTo(256);
        assertThat(pair.comment()).isEqualTo("yubikey");
        assertThat(pair.toKeyPair()).isEmpty();
        assertThat(SshKeyPair.parse(pair.toOpenSsh("pw".toCharArray(), 1, new SecureRandom()), "pw".toCharArray()))
                .isEqualTo(pair);
        assertThatThrownBy(() -> pair.toPkcs8(null)).isInstanceOf(ValidationException.class)
                .hasMessage("a sk-ssh-ed25519@openssh.com key has no PKCS#8 form; keep it in the OpenSSH form");

        byte[] pqPub = new WireWriter().writeUtf8("mlkem768-ed25519@example.org").writeString(new byte[40]).toByteArray();
        byte[] pqPriv = new WireWriter().writeUtf8("mlkem768-ed25519@example.org").writeString(new byte[40])
                .writeString(new byte[70]).writeUtf8("pq comment").toByteArray();
        SshKeyPair pq = SshKeyPair.parse(OpenSshFiles.raw(pqPub, pqPriv), null);
        assertThat(pq.publicKey().keyType()).isEqualTo(KeyAlgorithm.OPAQUE);
        assertThat(pq.publicKey().bits()).isZero();
        assertThat(SshKeyPair.parse(pq.toOpenSsh(null), null)).isEqualTo(pq);
    }

    @Test
    void writesThePrivateKeyOwnerOnlyAndThePublicKeyWorldReadable() throws Exception {
        SshKeyPair pair = SshKeyPair.generate().withComment("deploy");
        Path file = dir.resolve("id_ed25519");
        pair.write(file, "pw".toCharArray());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Path pub = dir.resolve("id_ed25519.pub");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(pub)).isEqualTo(pair.publicKey().toOpenSsh() + "\n");
        assertThat(SshKeyPair.read(file, "pw".toCharArray())).isEqualTo(pair);
        assertThat(SshPublicKey.read(pub)).isEqualTo(pair.publicKey());
    }

    @Test
    void redactsThePrivateHalf() {
        SshKeyPair pair = SshKeyPair.generate().withComment("me");
        assertThat(pair.privateKey().toString()).isEqualTo("ssh-ed25519 private key [redacted]");
        assertThat(pair.toString()).isEqualTo("SshKeyPair[" + pair.publicKey() + ", private key [redacted]]");
    }

    @Test
    void reportsNonKeyTextWithAPosition() {
        assertThatThrownBy(() -> SshKeyPair.parse("hello", null)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: no '-----BEGIN … PRIVATE KEY-----' line");
        assertThatThrownBy(() -> SshKeyPair.parse("x\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                null)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:2:1: expected a private key, found a PEM block labelled 'CERTIFICATE'");
        String body = Base64.getEncoder().encodeToString("openssh-key-v2\0".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SshKeyPair.parse("-----BEGIN OPENSSH PRIVATE KEY-----\n" + body
                + "\n-----END OPENSSH PRIVATE KEY-----\n", null)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: not an openssh-key-v1 key (wrong magic)");
    }
}
