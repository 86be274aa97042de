package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that makes a secret (keys generate, ca init and issue, wg plan, kit) keeps it off
 * stdout: no line of a private key file, no WireGuard private key, no passphrase given to it. The
 * one documented exception is the kit's generated passphrase, printed once on its own line.
 */
class SecretsOnStdoutIT {

    private static final String PASS = "correct horse battery staple";
    private static final Pattern PEM_BODY = Pattern.compile("(?m)^[A-Za-z0-9+/=]{40,}$");
    private static final Pattern WG_KEY = Pattern.compile("(?m)^(?:PrivateKey|PresharedKey) = (\\S+)$|^key \\S+ (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void keysGenerateShowsNeitherTheKeyNorItsPassphrase() throws Exception {
        Launcher.Run encrypted = Launcher.run(dir, Map.of("KEY_PASS", PASS), "keys", "generate", "--out", "id_enc",
                "--passphrase-env", "KEY_PASS");
        Launcher.Run plain = Launcher.run(dir, "keys", "generate", "--out", "id_plain", "--no-passphrase", "--type", "rsa");

        assertThat(encrypted.exitCode()).as(encrypted.toString()).isZero();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertNoSecret(encrypted, secretsIn(dir.resolve("id_enc")), PASS);
        assertNoSecret(plain, secretsIn(dir.resolve("id_plain")));
    }

    @Test
    void caInitAndIssueShowNeitherKeysNorThePassphrase() throws Exception {
        Map<String, String> env = Map.of("CA_PASS", PASS);
        Launcher.Run init = Launcher.run(dir, env, "ca", "init", "--dir", "pki", "--subject", "CN=Secret Test CA",
                "--passphrase-env", "CA_PASS");
        Launcher.Run issue = Launcher.run(dir, env, "ca", "issue", "--dir", "pki", "--name", "web1.example.com",
                "--out", "certs", "--passphrase-env", "CA_PASS");

        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(issue.exitCode()).as(issue.toString()).isZero();
        List<String> secrets = new ArrayList<>(secretsIn(dir.resolve("pki/ca.key")));
        secrets.addAll(secretsIn(dir.resolve("certs/web1.example.com.key")));
        assertNoSecret(init, secrets, PASS);
        assertNoSecret(issue, secrets, PASS);
    }

    @Test
    void wgPlanShowsPublicKeysOnly() throws Exception {
        Launcher.Run plan = Launcher.run(dir, "wg", "plan", "--hub", "hub", "--endpoint", "198.51.100.1:51820",
                "--network", "10.9.0.0/24", "--client", "laptop", "--client", "phone", "--out", "wg");

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        List<String> secrets = secretsUnder(dir.resolve("wg"));
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(6); // 3 in plan.keys, 3 in the configs
        assertNoSecret(plan, secrets);
    }

    @Test
    void theKitPrintsOnlyItsGeneratedPassphraseOnceAsDocumented() throws Exception {
        Launcher.Run kit = Launcher.run(dir, "kit", "--out", "kit", "--no-audit");

        assertThat(kit.exitCode()).as(kit.toString()).isZero();
        String passphrase = Files.readString(dir.resolve("kit/ssh/PASSPHRASE")).strip();
        List<String> secrets = secretsUnder(dir.resolve("kit"));
        assertThat(secrets).contains(passphrase);
        secrets.remove(passphrase);
        assertNoSecret(kit, secrets);
        assertThat(kit.stdout().lines().filter(l -> l.contains(passphrase)).toList())
                .containsExactly("Passphrase of ssh/id_ed25519, shown only now (also in ssh/PASSPHRASE, 0600): " + passphrase);
    }

    private static void assertNoSecret(Launcher.Run run, List<String> secrets, String... more) {
        assertThat(secrets).isNotEmpty();
        for (String secret : Stream.concat(secrets.stream(), Stream.of(more)).toList()) {
            assertThat(run.stdout()).as("stdout shows a secret").doesNotContain(secret);
            assertThat(run.stderr()).as("stderr shows a secret").doesNotContain(secret);
        }
    }

    /** The secret parts of one file: base64 lines of a PEM or OpenSSH private key, WireGuard keys, a passphrase. */
    private static List<String> secretsIn(Path file) throws IOException {
        // ISO-8859-1 reads every byte (the kit's QR codes are binary)
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        if (text.contains("PRIVATE KEY-----")) {
            Matcher m = PEM_BODY.matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
        }
        Matcher wg = WG_KEY.matcher(text);
        while (wg.find()) {
            out.add(wg.group(1) != null ? wg.group(1) : wg.group(2));
        }
        if (file.getFileName().toString().equals("PASSPHRASE")) {
            out.add(text.strip());
        }
        return out;
    }

    /** The secrets of every file under {@code root} that is readable by its owner only (0600). */
    private static List<String> secretsUnder(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))
                        .equals("rw-------")) {
                    out.addAll(secretsIn(f));
                }
            }
        }
        return out;
    }
}
