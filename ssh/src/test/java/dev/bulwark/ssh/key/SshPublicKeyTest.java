package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.wire.WireWriter;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPublicKeyTest {

    private static final SshPublicKey KEY = SshKeyPair.generate().publicKey().withComment("alice@laptop");

    @Test
    void parsesTheOneLineFormWithACommentContainingSpaces() {
        SshPublicKey key = SshPublicKey.parse("  " + KEY.withComment("Alice  Smith (work)").toOpenSsh() + "\r\n");
        assertThat(key).isEqualTo(KEY);
        assertThat(key.comment()).isEqualTo("Alice  Smith (work)");
        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(SshPublicKey.tryParse(KEY.toOpenSsh())).contains(KEY);
    }

    @Test
    void equalityIgnoresTheCommentAndTheBlobIsReadOnly() {
        assertThat(KEY.withComment("other")).isEqualTo(KEY).hasSameHashCodeAs(KEY);
        ByteBuffer blob = KEY.blob();
        assertThatThrownBy(() -> blob.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(SshPublicKey.ofBlob(blob, "x")).isEqualTo(KEY);
        assertThat(KEY.toString()).isEqualTo("ssh-ed25519 " + KEY.fingerprintSha256() + " alice@laptop");
    }

    @Test
    void reportsBadInputWithAPositionAndTryParseIsEmpty() {
        String b64 = KEY.toOpenSsh().split(" ")[1];
        expect("ssh-ed25519", "<string>:1:12: missing base64 key data after 'ssh-ed25519'");
        expect("ssh-ed25519 !!!!", "<string>:1:13: key data is not valid base64 in '!!!!'");
        expect("ssh-rsa " + b64, "<string>:1:1: key type 'ssh-rsa' does not match the key data's type 'ssh-ed25519'");
        String twoLines = "ssh-ed25519 " + b64 + " a\nb";
        expect(twoLines, "<string>:1:" + (twoLines.indexOf('\n') + 1)
                + ": a one-line public key must be a single line without NUL characters");
        expect("", "<string>:1:1: empty line where a public key was expected");
        expect("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAA",
                "<string>:1:13: invalid ssh-ed25519 key: truncated data reading Ed25519 public key");
        expect("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(new WireWriter()
                        .writeUtf8("ecdsa-sha2-nistp256").writeUtf8("nistp256").writeString(new byte[65]).toByteArray()),
                "<string>:1:21: invalid ecdsa-sha2-nistp256 key: ECDSA public point is not an uncompressed 256-bit point");
    }

    private static void expect(String text, String message) {
        assertThatThrownBy(() -> SshPublicKey.parse(text)).isInstanceOf(ParseException.class).hasMessage(message);
        assertThat(SshPublicKey.tryParse(text)).isEmpty();
    }

    @Test
    void keepsFidoAndOtherUnknownKeyTypesAsOpaqueKeys() {
        byte[] blob = new WireWriter().writeUtf8("sk-ecdsa-sha2-nistp256@openssh.com").writeUtf8("nistp256")
                .writeString(new byte[65]).writeUtf8("ssh:").toByteArray();
        SshPublicKey sk = SshPublicKey.parse("sk-ecdsa-sha2-nistp256@openssh.com "
                + Base64.getEncoder().encodeToString(blob) + " yubikey");
        assertThat(sk.keyType()).isEqualTo(KeyAlgorithm.OPAQUE);
        assertThat(sk.isOpaque()).isTrue();
        assertThat(sk.bits()).isEqualTo(256);
        assertThat(sk.toPublicKey()).isEmpty();
        assertThat(sk.fingerprintSha256()).startsWith("SHA256:");
        assertThat(SshPublicKey.parse(sk.toOpenSsh())).isEqualTo(sk);
        assertThat(SshPublicKey.parse(sk.toRfc4716())).isEqualTo(sk);
        assertThatThrownBy(sk::toPem).isInstanceOf(ValidationException.class)
                .hasMessage("a sk-ecdsa-sha2-nistp256@openssh.com key has no PEM form; keep it in the OpenSSH form");
    }

    @Test
    void refusesCommentsThatWouldBreakTheLine() {
        assertThatThrownBy(() -> KEY.withComment("a\nssh-rsa AAAA attacker")).isInstanceOf(ValidationException.class)
                .hasMessage("comment: control character U+000A at character 2; Bulwark writes only printable text on one line");
        for (String bad : new String[] {"a\rb", "a\u0000", "\u001b[31m", "a\u0085b", "a\u2029"}) {
            assertThatThrownBy(() -> KEY.withComment(bad)).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("comment: control character U+");
            assertThatThrownBy(() -> SshPublicKey.of(KEY.toPublicKey().orElseThrow(), bad))
                    .isInstanceOf(ValidationException.class);
        }
        // a comment read from a file may hold a carriage return (sshd ignores comments); writing it is refused
        SshPublicKey read = SshPublicKey.ofBlob(KEY.blob(), "lap\rtop");
        assertThat(read.comment()).isEqualTo("lap\rtop");
        assertThatThrownBy(read::toOpenSsh).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("comment: control character U+000D at character 4");
        assertThatThrownBy(read::toRfc4716).isInstanceOf(ValidationException.class);
        assertThat(KEY.withComment("a\tb").toOpenSsh()).endsWith(" a\tb");
    }

    @Test
    void readsRfc4716WithQuotedContinuedCommentHeaders() {
        String text = "---- BEGIN SSH2 PUBLIC KEY ----\nSubject: alice\nComment: \"a very long comment that \\\n"
                + "continues\"\n" + KEY.toRfc4716().lines().filter(l -> !l.startsWith("-") && !l.startsWith("Comment"))
                .reduce("", (a, b) -> a + b + "\n") + "---- END SSH2 PUBLIC KEY ----\n";
        SshPublicKey key = SshPublicKey.parse(text);
        assertThat(key).isEqualTo(KEY);
        assertThat(key.comment()).isEqualTo("a very long comment that continues");
    }

    @Test
    void readRefusesBytesThatAreNotUtf8WithAPosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id.pub");
        byte[] line = (KEY.toOpenSsh() + " caf").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(line, line.length + 2);
        bytes[line.length] = (byte) 0xe9;
        bytes[line.length + 1] = '\n';
        Files.write(file, bytes);
        assertThatThrownBy(() -> SshPublicKey.read(file)).isInstanceOf(ParseException.class)
                .hasMessage(file + ":1:" + (line.length + 1) + ": bytes that are not UTF-8; Bulwark edits UTF-8 files only");
    }
}
