package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PEM and PKCS#8 forms ssh-keygen does not write (Ed25519 PKCS#8, legacy DES-EDE3/AES-256 PEM,
 * PKCS#5 v1 PBE) are read from openssl, and Bulwark's PKCS#8 output is accepted by openssl.
 */
@RequiresTool("openssl")
class OpensslInteropTest {

    @TempDir
    Path dir;

    private String openssl(String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.path("openssl")));
        command.addAll(List.of(args));
        return ToolRun.run(command).ok();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ed25519, pkcs8",
        "ed25519, pkcs8-aes256",
        "rsa, traditional-des3",
        "rsa, pkcs8-v1-3des",
        "ec, traditional-aes256",
        "ec, pkcs8-aes256",
    })
    void readsKeysOpensslWrites(String type, String form) throws Exception {
        Path plain = dir.resolve("plain.pem");
        if (type.equals("ed25519")) {
            openssl("genpkey", "-algorithm", "ed25519", "-out", plain.toString());
        } else if (type.equals("rsa")) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plain.toString());
        } else {
            openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", plain.toString());
        }
        Path out = dir.resolve("out.pem");
        String in = plain.toString();
        switch (form) {
            case "pkcs8":
                openssl("pkcs8", "-topk8", "-nocrypt", "-in", in, "-out", out.toString());
                break;
            case "pkcs8-aes256":
                openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", in, "-passout", "pass:pw", "-out", out.toString());
                break;
            case "pkcs8-v1-3des":
                openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", in, "-passout", "pass:pw", "-out",
                        out.toString());
                break;
            case "traditional-des3":
                openssl("rsa", "-in", in, "-des3", "-traditional", "-passout", "pass:pw", "-out", out.toString());
                break;
            default:
                openssl("ec", "-in", in, "-aes256", "-passout", "pass:pw", "-out", out.toString());
        }
        char[] pass = form.equals("pkcs8") ? null : "pw".toCharArray();
        SshKeyPair pair = SshKeyPair.parse(Files.readString(out), pass);
        String spki = openssl("pkey", "-in", in, "-pubout");
        assertThat(SshPublicKey.parse(spki)).isEqualTo(pair.publicKey());
        if (pass != null) {
            assertThatThrownBy(() -> SshKeyPair.parse(Files.readString(out), "pW".toCharArray()))
                    .isInstanceOf(WrongPassphraseException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"ED25519", "ECDSA_P384", "RSA"})
    void opensslReadsBulwarkPkcs8(String typeName) throws Exception {
        SshKeyPair pair = SshKeyPair.generate((SshKeyType) SshKeyType.class.getField(typeName).get(null));
        Path file = dir.resolve("k.pem");
        Files.writeString(file, pair.toPkcs8("secret words".toCharArray()));
        String spki = openssl("pkey", "-in", file.toString(), "-passin", "pass:secret words", "-pubout");
        assertThat(SshPublicKey.parse(spki)).isEqualTo(pair.publicKey());
        assertThat(ToolRun.run(Tools.path("openssl"), "pkey", "-in", file.toString(), "-passin", "pass:wrong")
                .exitCode()).isNotZero();
    }
}
