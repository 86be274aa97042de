package dev.bulwark.cli.ca;

import dev.bulwark.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code bulwark ca}: the internal CA. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = {"An internal certificate authority in a directory (ca.key 0600 encrypted, ca.crt, index.txt,"
                + " certs/, crl.pem): create it, issue server and client certificates, revoke them, publish CRLs.",
            "The CA key's passphrase comes from --passphrase-env, --passphrase-file or the terminal's prompt, never an argument."},
        subcommands = {CaInit.class, CaIssue.class, CaRevoke.class, CaCrl.class},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark ca init --dir /etc/bulwark/pki --subject 'CN=Example Internal CA'",
            "  bulwark ca issue --dir /etc/bulwark/pki --name web1.example.com --name 10.0.0.5 --out /etc/ssl/web1",
            "  bulwark ca revoke --dir /etc/bulwark/pki --serial 01A2... --reason keyCompromise",
            "  bulwark ca crl --dir /etc/bulwark/pki --out /var/www/crl.pem"})
public final class CaCommand extends GroupCommand {
}
