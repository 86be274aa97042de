package dev.bulwark.cli.ca;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark ca revoke}: revokes a certificate by serial. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a certificate the CA issued, as of now; the next CRL (bulwark ca crl) lists it. A key"
                + " revoked for keyCompromise is never certified again.",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark ca revoke --dir pki --serial 01A2B3... --reason keyCompromise"})
final class CaRevoke implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--serial", paramLabel = "HEX", required = true,
            description = "The serial in hex, as bulwark ca issue, index.txt and openssl x509 -serial print it.")
    private String serial;

    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
            description = "unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation"
                    + " or privilegeWithdrawn (default: ${DEFAULT-VALUE}).")
    private String reason;

    @Override
    public Integer call() throws IOException {
        String hex = serial.startsWith("serial=") ? serial.substring(7) : serial;
        if (!hex.matches("[0-9A-Fa-f]{1,40}")) {
            throw new UsageException("--serial '" + dev.bulwark.cli.Errors.oneLine(serial) + "' is not a hexadecimal serial");
        }
        RevocationReason why = RevocationReason.fromWireName(reason);
        IndexEntry entry = store.open().authority().revoke(new BigInteger(hex, 16), why);
        spec.commandLine().getOut().println("revoked " + entry.serialHex() + " (" + why.wireName() + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
