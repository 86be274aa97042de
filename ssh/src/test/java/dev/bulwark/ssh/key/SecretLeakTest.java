package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Greps everything Bulwark can say about a key — toString, exception messages (with causes) and
 * whatever reaches standard output or error, where slf4j-simple logs — for the passphrase and
 * the private key material.
 */
class SecretLeakTest {

    private static final String PASSPHRASE = "Tr0ub4dor&3-unique-passphrase";

    @Test
    void noPassphraseOrPrivateMaterialInMessagesToStringOrOutput() throws Exception {
        SshKeyPair pair = SshKeyPair.generate(SshKeyType.ED25519, new SecureRandom());
        byte[] encoded = pair.privateKey().revealPrivateKey().orElseThrow().getEncoded();
        byte[] seed = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        List<String> secrets = new ArrayList<>(List.of(PASSPHRASE, HexFormat.of().formatHex(seed),
                Base64.getEncoder().encodeToString(seed).substring(0, 16)));
        String[] files = {pair.toOpenSsh(PASSPHRASE.toCharArray(), 2, new SecureRandom()), pair.toOpenSsh(null),
            pair.toPkcs8(PASSPHRASE.toCharArray()), pair.toPkcs8(null)};
        for (String file : files) {
            for (String line : file.split("\n")) {
                if (!line.startsWith("-----")) {
                    secrets.add(line.substring(0, Math.min(16, line.length())));
                }
            }
        }

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder said = new StringBuilder();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            said.append(pair).append(pair.privateKey()).append(pair.publicKey());
            for (String file : files) {
                for (String attempt : new String[] {"wrong", PASSPHRASE + "x", ""}) {
                    collect(said, () -> SshKeyPair.parse(file, attempt.toCharArray()));
                }
                collect(said, () -> SshKeyPair.parse(file.replace("\n", "\n\u0000"), PASSPHRASE.toCharArray()));
                collect(said, () -> SshKeyPair.parse(file.substring(0, file.length() / 2), PASSPHRASE.toCharArray()));
                collect(said, () -> SshKeyPair.parse(file.replace('A', '*'), PASSPHRASE.toCharArray()));
                collect(said, () -> SshPublicKey.parse(file));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        said.append(captured.toString(StandardCharsets.UTF_8));
        assertThat(said.toString()).contains("[redacted]", "wrong passphrase for the private key");
        for (String secret : secrets) {
            assertThat(said.toString()).doesNotContain(secret);
        }
    }

    private static void collect(StringBuilder said, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                said.append(t).append('\n');
            }
        }
    }
}
