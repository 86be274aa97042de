package dev.bulwark.cli.keys;

import dev.bulwark.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code bulwark keys}: SSH keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "SSH keys: generate a key pair (private key 0600 from creation), fingerprint public keys.",
        subcommands = {GenerateKey.class, Fingerprint.class},
        footerHeading = "%nExamples:%n",
        footer = {"  BULWARK_PASSPHRASE=... bulwark keys generate --out ~/.ssh/id_ed25519 --passphrase-env BULWARK_PASSPHRASE",
            "  bulwark keys fingerprint ~/.ssh/id_ed25519.pub"})
public final class KeysCommand extends GroupCommand {
}
