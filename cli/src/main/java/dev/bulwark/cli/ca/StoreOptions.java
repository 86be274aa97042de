package dev.bulwark.cli.ca;

import dev.bulwark.cli.PassphraseOptions;
import dev.bulwark.pki.CaStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --dir} and the CA key's passphrase. */
final class StoreOptions {

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA's directory.")
    Path dir;

    @Mixin
    PassphraseOptions passphrase;

    /** Opens the store, asking for the passphrase. */
    CaStore open() throws IOException {
        char[] secret = passphrase.read("the CA key in " + dir, false);
        try {
            return CaStore.open(dir, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
