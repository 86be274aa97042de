package dev.bulwark.cli.audit;

import dev.bulwark.cli.Progress;
import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.ssh.config.IncludeRoot;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.remote.RemoteAudits;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
final class SshdAuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE",
            description = "An sshd_config (or sshd -T output) to audit; relative Include paths resolve against its folder.")
    private Path from;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        Sources.requireOne(from, remote);
        List<Finding> findings;
        Optional<SshTarget> target = remote.target();
        if (from != null) {
            Path folder = from.toAbsolutePath().getParent();
            try (Progress p = Progress.start(err, "reading " + from)) {
                findings = SshdConfig.read(from, IncludeRoot.directory(folder)).audit();
            }
        } else if (target.isPresent()) {
            try (RemoteHost host = remote.connect(target.get(), err);
                 Progress p = Progress.start(err, "reading sshd's configuration on " + target.get())) {
                findings = RemoteAudits.sshd(host.privileged());
            }
        } else {
            try (Progress p = Progress.start(err, "reading sshd's configuration (sshd -T)")) {
                findings = RemoteAudits.sshd(LocalHost.create());
            }
        }
        return report.print(spec.commandLine().getOut(), findings);
    }
}
