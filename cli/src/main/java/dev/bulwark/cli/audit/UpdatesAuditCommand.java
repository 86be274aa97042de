package dev.bulwark.cli.audit;

import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.Progress;
import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.updates.AptConf;
import dev.bulwark.core.updates.AptDistribution;
import dev.bulwark.core.updates.DnfAutomaticConf;
import dev.bulwark.core.updates.UpdatesAudit;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark audit updates}: are security updates installed automatically? */
@Command(name = "updates", mixinStandardHelpOptions = true,
        description = "Automatic updates: are security updates installed (not only downloaded), are the origins"
                + " unattended-upgrades allows really the distribution's security archive, does the host reboot"
                + " for them. On a machine: apt-config dump, the package files APT knows, the timers; else dnf-automatic.",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark audit updates                                     # this machine",
            "  bulwark audit updates --from apt-config-dump.txt --distro debian:bookworm:stable",
            "  bulwark audit updates --from 50unattended-upgrades --distro ubuntu:noble",
            "  bulwark audit updates --from /etc/dnf/automatic.conf --dnf-version 4.14.0",
            "  bulwark audit updates --target root@web1.example.org --fail-on medium"})
final class UpdatesAuditCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE",
            description = "apt-config dump output or an apt.conf file (needs --distro), or a dnf-automatic automatic.conf.")
    private Path from;

    @Option(names = "--distro", paramLabel = "ID:CODENAME[:SUITE]",
            description = "With an APT --from: the distribution whose security archive must be allowed,"
                    + " debian:CODENAME:SUITE (suite stable, oldstable, ...) or ubuntu:CODENAME.")
    private String distro;

    @Option(names = "--dnf-version", paramLabel = "VERSION",
            description = "With a dnf-automatic --from: the installed dnf version (reboot needs 4.15.0; unknown counts as older).")
    private String dnfVersion;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Sources.requireOne(from, remote);
        List<Finding> findings;
        Optional<SshTarget> target = remote.target();
        if (from != null) {
            String text = Inputs.read(from, err);
            if (isDnf(text)) {
                findings = UpdatesAudit.auditDnf(DnfAutomaticConf.parse(text, from.toString()), from.toString(),
                        Optional.ofNullable(dnfVersion));
            } else {
                AptDistribution distribution = distribution();
                findings = UpdatesAudit.auditApt(AptConf.parse(text, from.toString()), distribution);
            }
        } else if (target.isPresent()) {
            try (RemoteHost host = remote.connect(target.get(), err);
                 Progress p = Progress.start(err, "reading the update configuration of " + target.get())) {
                findings = UpdatesAudit.audit(host.privileged(), TIMEOUT);
            }
        } else {
            try (Progress p = Progress.start(err, "reading the update configuration (apt-config dump)")) {
                findings = UpdatesAudit.audit(LocalHost.create(), TIMEOUT);
            }
        }
        return report.print(spec.commandLine().getOut(), findings);
    }

    /** dnf-automatic's file is INI: its first meaningful line is a {@code [section]}. */
    private static boolean isDnf(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";"))
                .findFirst().filter(l -> l.startsWith("[")).isPresent();
    }

    private AptDistribution distribution() {
        if (distro == null) {
            throw new UsageException("an APT configuration needs --distro (e.g. debian:bookworm:stable or ubuntu:noble):"
                    + " which origins carry security updates depends on the distribution");
        }
        String[] parts = distro.split(":", -1);
        if (parts.length == 3 && parts[0].equalsIgnoreCase("debian") && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return AptDistribution.debian(parts[1], parts[2]);
        }
        if (parts.length == 2 && parts[0].equalsIgnoreCase("ubuntu") && !parts[1].isEmpty()) {
            return AptDistribution.ubuntu(parts[1]);
        }
        throw new UsageException("--distro '" + dev.bulwark.cli.Errors.oneLine(distro)
                + "' is not debian:CODENAME:SUITE or ubuntu:CODENAME");
    }
}
