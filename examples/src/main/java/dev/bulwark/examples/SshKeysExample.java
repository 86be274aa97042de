package dev.bulwark.examples;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.key.SshKeyPair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * SSH keys instead of passwords: generates an Ed25519 key pair, writes it encrypted with a
 * passphrase (0600, the public key 0644) and an authorized_keys file holding it.
 *
 * <pre>java dev.bulwark.examples.SshKeysExample DIR PASSPHRASE</pre>
 */
public final class SshKeysExample {

    private SshKeysExample() {
    }

    /**
     * Writes the key pair and authorized_keys into {@code args[0]}.
     *
     * @param args the directory and the passphrase
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) {
        ExampleMain.main("SshKeysExample", "DIR PASSPHRASE", 2, 2, args, (a, out) -> {
            char[] passphrase = a.get(1).toCharArray();
            try {
                run(Path.of(a.get(0)), passphrase, out);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        });
    }

    /**
     * Generates the key and writes {@code id_ed25519}, {@code id_ed25519.pub} and {@code authorized_keys} into {@code dir}.
     *
     * @return the key pair
     * @throws IOException when a file cannot be written
     */
    public static SshKeyPair run(Path dir, char[] passphrase, PrintStream out) throws IOException {
        SafeFiles.createDirectories(dir, FileMode.PRIVATE_DIRECTORY);
        SshKeyPair key = Ssh.generateKey().withComment("admin@example");
        key.write(dir.resolve("id_ed25519"), passphrase);
        AuthorizedKeys.empty().withKey(key.publicKey()).write(dir.resolve("authorized_keys"));
        out.println("wrote " + dir.resolve("id_ed25519") + " (encrypted, 0600) and its .pub");
        out.println("fingerprint " + key.publicKey().fingerprintSha256());
        out.println("authorized_keys: " + Ssh.authorizedKeys(dir.resolve("authorized_keys")).keys().size() + " key");
        return key;
    }
}
