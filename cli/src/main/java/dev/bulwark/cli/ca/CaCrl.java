package dev.bulwark.cli.ca;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark ca crl}: issues a new CRL. */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Issue a new CRL (next CRL number, valid 7 days) listing every revoked certificate; the store keeps"
                + " it as crl.pem. Prints it (PEM) on stdout, or writes it to --out.",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark ca crl --dir pki > crl.pem", "  bulwark ca crl --dir pki --out /var/www/pki/crl.pem"})
final class CaCrl implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CRL here (0644) instead of stdout.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String pem = Pem.encode(store.open().authority().crl());
        if (out == null) {
            spec.commandLine().getOut().print(pem);
        } else {
            SafeFiles.writeString(out, pem, FileMode.PUBLIC);
            spec.commandLine().getOut().println("CRL written to " + out);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
