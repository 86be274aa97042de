package dev.bulwark.cli.ca;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.KeyAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark ca init}: a new root CA in a new or empty directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a root CA in a new or empty directory: its key encrypted (PBES2, AES-256) with mode 0600"
                + " from creation, its self-signed certificate in ca.crt. Prints the subject and the certificate's"
                + " SHA-256 fingerprint (to pin it on the relying parties).",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark ca init --dir /etc/bulwark/pki --subject 'CN=Example Internal CA,O=Example'",
            "  CA_PASS=... bulwark ca init --dir pki --subject 'CN=Lab CA' --key ed25519 --days 1825 --passphrase-env CA_PASS"})
final class CaInit implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--subject", paramLabel = "DN", required = true, description = "The CA's name, e.g. 'CN=Example Internal CA'.")
    private String subject;

    @Option(names = "--key", paramLabel = "ALGORITHM", defaultValue = "ec-p256",
            description = "ec-p256, ec-p384, ed25519, rsa-3072 or rsa-4096 (default: ${DEFAULT-VALUE}).")
    private String key;

    @Option(names = "--days", paramLabel = "DAYS", defaultValue = "3650", description = "Validity (default: ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        if (days < 1) {
            throw new UsageException("--days " + days + " is not a positive number of days");
        }
        KeyAlgorithm algorithm = KeyAlgorithm.fromWireName(key);
        CertificateAuthority ca = CertificateAuthority.createRoot(subject, algorithm, Duration.ofDays(days));
        char[] secret = store.passphrase.read("the new CA key in " + store.dir, true);
        try {
            CaStore.create(store.dir, ca, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        PrintWriter out = spec.commandLine().getOut();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
        out.println("CA " + ca.certificate().getSubjectX500Principal().getName() + " created in " + store.dir.toAbsolutePath());
        out.println("SHA-256 fingerprint: " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        out.flush();
        return ExitCodes.OK;
    }
}
