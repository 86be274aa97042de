package dev.bulwark.cli.audit;

import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.Progress;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.updates.AptConf;
import dev.bulwark.core.updates.AptDistribution;
import dev.bulwark.core.updates.DnfAutomaticConf;
import dev.bulwark.core.updates.UpdatesAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
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
final class UpdatesAuditCommand extends HostAudit {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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

    @Override
    Path from() {
        return from;
    }

    @Override
    Report fromFile(Path file, PrintWriter err) throws IOException {
        String text = Inputs.read(file, err);
        if (isDnf(text)) {
            return Report.of(UpdatesAudit.auditDnf(DnfAutomaticConf.parse(text, file.toString()), file.toString(),
                    Optional.ofNullable(dnfVersion)));
        }
        AptDistribution distribution = distribution();
        return Report.of(UpdatesAudit.auditApt(AptConf.parse(text, file.toString()), distribution));
    }

    @Override
    Report onHost(Host host, PrintWriter err) throws IOException {
        try (Progress p = Progress.start(err, "reading the update configuration of " + host.name())) {
            return Report.of(UpdatesAudit.audit(host, TIMEOUT));
        }
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
