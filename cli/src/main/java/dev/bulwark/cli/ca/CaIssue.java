package dev.bulwark.cli.ca;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.LeafProfile;
import dev.bulwark.pki.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark ca issue}: a server or client certificate with a new key. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue a certificate with a new key for exactly the names given (DNS names or IP addresses):"
                + " the CA signs those names and nothing else. Writes NAME.crt (the certificate and any intermediates)"
                + " and NAME.key (the unencrypted PKCS#8 key, mode 0600 from creation) into --out, NAME being the first"
                + " --name; existing files are never overwritten. Recorded in the store's index.txt and certs/.",
            "Prints the serial and the two paths; never the key."},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark ca issue --dir pki --name web1.example.com --name 10.0.0.5 --out /etc/ssl/web1",
            "  bulwark ca issue --dir pki --name ops1.example.com --profile client --days 30 --out certs"})
final class CaIssue implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "A DNS name or IP address for the certificate (repeatable).")
    private List<String> names;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "server",
            description = "server, client or server+client (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--key", paramLabel = "ALGORITHM", defaultValue = "ec-p256",
            description = "The new key: ec-p256, ec-p384, ed25519, rsa-2048, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
    private String key;

    @Option(names = "--days", paramLabel = "DAYS", defaultValue = "90", description = "Validity (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where NAME.crt and NAME.key go (created 0700 if new).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (days < 1) {
            throw new UsageException("--days " + days + " is not a positive number of days");
        }
        LeafProfile leaf = profile();
        KeyAlgorithm algorithm = KeyAlgorithm.fromWireName(key);
        String base = names.get(0).replace(':', '_').replace('*', '_');
        Path crt = out.resolve(base + ".crt");
        Path keyFile = out.resolve(base + ".key");
        for (Path p : List.of(crt, keyFile)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(p + " already exists; bulwark never overwrites a certificate or key");
            }
        }
        CertificateAuthority ca = store.open().authority().withPolicy(CaPolicy.builder().allowNames(names)
                .maxValidity(Duration.ofDays(days)).build());
        IssuedCertificate issued = ca.issue(leaf, names, algorithm, Duration.ofDays(days));
        List<X509Certificate> chain = issued.chain();
        if (!Files.isDirectory(out)) {
            SafeFiles.createDirectories(out, FileMode.PRIVATE_DIRECTORY);
        }
        SafeFiles.writeString(keyFile, Pem.encode(issued.privateKey()), FileMode.SECRET);
        SafeFiles.writeString(crt, Pem.encode(chain.subList(0, Math.max(1, chain.size() - 1))), FileMode.PUBLIC);
        PrintWriter stdout = spec.commandLine().getOut();
        String serial = issued.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        stdout.println("serial " + (serial.length() % 2 == 0 ? serial : "0" + serial));
        stdout.println("certificate " + crt);
        stdout.println("key " + keyFile + " (0600)");
        stdout.flush();
        return ExitCodes.OK;
    }

    private LeafProfile profile() {
        for (LeafProfile p : LeafProfile.values()) {
            if (p.wireName().equals(profile)) {
                return p;
            }
        }
        throw new UsageException("--profile '" + dev.bulwark.cli.Errors.oneLine(profile) + "': use server, client or server+client");
    }
}
