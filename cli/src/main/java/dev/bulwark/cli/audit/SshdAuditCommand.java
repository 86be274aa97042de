package dev.bulwark.cli.audit;

import dev.bulwark.cli.Progress;
import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.config.IncludeRoot;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.remote.RemoteAudits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark audit sshd}: sshd's configuration against the baseline. */
@Command(name = "sshd", mixinStandardHelpOptions = true,
        description = "sshd's configuration against the baseline (no root login, keys only, modern algorithms, ...):"
                + " what sshd -T prints where it may run, else the files as written, includes followed.",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark audit sshd                                       # this machine",
            "  bulwark audit sshd --from copy-of-etc-ssh/sshd_config    # relative Includes: next to the file",
            "  bulwark audit sshd --from sshd-T.txt --fail-on medium    # sshd -T output works too",
            "  bulwark audit sshd --target admin@web1.example.org --sudo --format markdown"})
final class SshdAuditCommand extends HostAudit {

    @Option(names = "--from", paramLabel = "FILE",
            description = "An sshd_config (or sshd -T output) to audit; relative Include paths resolve against its folder.")
    private Path from;

    @Override
    Path from() {
        return from;
    }

    @Override
    Report fromFile(Path file, PrintWriter err) throws IOException {
        try (Progress p = Progress.start(err, "reading " + file)) {
            return Report.of(SshdConfig.read(file, IncludeRoot.directory(file.toAbsolutePath().getParent())).audit());
        }
    }

    @Override
    Report onHost(Host host, PrintWriter err) throws IOException {
        try (Progress p = Progress.start(err, "reading sshd's configuration on " + host.name())) {
            return Report.of(RemoteAudits.sshd(host));
        }
    }
}
