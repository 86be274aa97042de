package dev.bulwark.cli.keys;

import dev.bulwark.cli.Errors;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark keys fingerprint}: fingerprints of public keys, as {@code ssh-keygen -l} prints them. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Print the size, fingerprint, comment and type of every public key in the files, as ssh-keygen -l"
                + " does: one-line OpenSSH keys (a .pub file, one key a line; # comments and blank lines skipped),"
                + " RFC 4716 (ssh-keygen -e) or PEM public keys.",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark keys fingerprint ~/.ssh/id_ed25519.pub", "  bulwark keys fingerprint -E md5 keys.pub"})
final class Fingerprint implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Public key files.")
    private List<Path> files;

    @Option(names = "-E", paramLabel = "HASH", defaultValue = "sha256", description = "sha256 (default) or md5.")
    private String hash;

    @Override
    public Integer call() throws IOException {
        boolean md5 = hash.equalsIgnoreCase("md5");
        if (!md5 && !hash.equalsIgnoreCase("sha256")) {
            throw new UsageException("-E '" + Errors.oneLine(hash) + "': use sha256 or md5");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path file : files) {
            String text = Inputs.read(file, err);
            if (text.contains("PRIVATE KEY-----")) {
                throw new UsageException(file + " is a private key; fingerprint its public key (" + file + ".pub)");
            }
            if (text.startsWith("---- BEGIN SSH2") || text.startsWith("-----BEGIN")) {
                out.println(line(SshPublicKey.parse(text, file.toString()), md5));
                continue;
            }
            List<String> lines = text.lines().toList();
            int keys = 0;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                out.println(line(parse(lines.get(i), file.toString(), i + 1), md5));
                keys++;
            }
            if (keys == 0) {
                throw new UsageException(file + ": no public key in it");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static SshPublicKey parse(String line, String source, int lineNumber) {
        try {
            return SshPublicKey.parse(line, source);
        } catch (dev.bulwark.core.ParseException e) {
            Position p = e.position();
            // the parser numbers lines of the text it was given: one line, so move it to this line of the file
            throw new dev.bulwark.core.ParseException(new Position(source, lineNumber, p.column()), e.reason(),
                    e.offendingText().orElse(null));
        }
    }

    /** {@code 256 SHA256:... comment (ED25519)}, as {@code ssh-keygen -l} prints a key. */
    static String line(SshPublicKey key, boolean md5) {
        String comment = key.comment().isEmpty() ? "no comment" : Errors.oneLine(key.comment());
        return key.bits() + " " + (md5 ? key.fingerprintMd5() : key.fingerprintSha256()) + " " + comment
                + " (" + title(key) + ")";
    }

    private static String title(SshPublicKey key) {
        KeyAlgorithm a = key.keyType();
        switch (a) {
            case ECDSA_P256:
            case ECDSA_P384:
            case ECDSA_P521:
                return "ECDSA";
            case OPAQUE:
                return Errors.oneLine(key.type()).toUpperCase(Locale.ROOT);
            default:
                return a.name();
        }
    }
}
