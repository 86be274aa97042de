package dev.bulwark.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark keys}: SSH keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "SSH keys: generate a key pair (private key 0600 from creation), fingerprint public keys.",
        subcommands = {GenerateKey.class, Fingerprint.class},
        footerHeading = "%nExamples:%n",
        footer = {"  BULWARK_PASSPHRASE=... bulwark keys generate --out ~/.ssh/id_ed25519 --passphrase-env BULWARK_PASSPHRASE",
            "  bulwark keys fingerprint ~/.ssh/id_ed25519.pub"})
public final class KeysCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
