package dev.bulwark.cli.keys;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.PassphraseOptions;
import dev.bulwark.cli.UsageException;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark keys generate}: a new SSH key pair. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate an SSH key pair: the private key in OpenSSH form (encrypted with bcrypt and aes256-ctr"
                + " unless --no-passphrase) with mode 0600 from its creation, the public key next to it as FILE.pub.",
            "Prints only the public key and its fingerprint. The passphrase never comes from an argument: an environment"
                + " variable, a file, or the terminal's prompt (asked twice)."},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark keys generate --out ~/.ssh/id_ed25519 --comment alice@laptop     # asks the passphrase",
            "  bulwark keys generate --out deploy_key --type ecdsa-p256 --passphrase-file /run/secrets/deploy",
            "  bulwark keys generate --out ci_key --no-passphrase"})
final class GenerateKey implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--out"}, paramLabel = "FILE", required = true,
            description = "The private key file to create (must not exist); the public key goes to FILE.pub.")
    private Path out;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "ed25519",
            description = "ed25519, ecdsa-p256, ecdsa-p384, ecdsa-p521 or rsa (default: ${DEFAULT-VALUE}).")
    private KeyTypeOption type;

    @Option(names = {"-b", "--bits"}, paramLabel = "BITS", description = "RSA only: the size, 2048 to 16384 (default 3072).")
    private Integer bits;

    @Option(names = {"-C", "--comment"}, paramLabel = "TEXT", defaultValue = "",
            description = "The key's comment, e.g. alice@laptop.")
    private String comment;

    @Option(names = "--no-passphrase", description = "Write the private key unencrypted (for machines, not people).")
    private boolean noPassphrase;

    @Mixin
    private PassphraseOptions passphrase;

    @Override
    public Integer call() throws IOException {
        if (noPassphrase && passphrase.given()) {
            throw new UsageException("--no-passphrase contradicts --passphrase-env/--passphrase-file");
        }
        if (bits != null && type != KeyTypeOption.RSA) {
            throw new UsageException("--bits is for RSA keys only; " + type + " has a fixed size");
        }
        Path pub = out.resolveSibling(out.getFileName() + ".pub");
        for (Path p : new Path[] {out, pub}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(p + " already exists; bulwark never overwrites a key");
            }
        }
        SshKeyPair key = SshKeyPair.generate(keyType()).withComment(comment);
        char[] secret = noPassphrase ? null : passphrase.read("the new key " + out, true);
        try {
            key.write(out, secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(key.publicKey().toOpenSsh());
        stdout.println(Fingerprint.line(key.publicKey(), false));
        stdout.flush();
        return ExitCodes.OK;
    }

    private SshKeyType keyType() {
        switch (type) {
            case ECDSA_P256:
                return SshKeyType.ECDSA_P256;
            case ECDSA_P384:
                return SshKeyType.ECDSA_P384;
            case ECDSA_P521:
                return SshKeyType.ECDSA_P521;
            case RSA:
                return bits == null ? SshKeyType.RSA : SshKeyType.rsa(bits);
            default:
                return SshKeyType.ED25519;
        }
    }
}
