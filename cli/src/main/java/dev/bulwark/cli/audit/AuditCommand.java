package dev.bulwark.cli.audit;

import dev.bulwark.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code bulwark audit}: the four audits. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit a server: what listens where, sshd's configuration, what the firewall exposes,"
                + " automatic updates. Each reads this machine, a server over SSH (--target) or captured files (--from).",
        subcommands = {ServicesAudit.class, SshdAuditCommand.class, FirewallAudit.class, UpdatesAuditCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark audit sshd --from /etc/ssh/sshd_config",
            "  bulwark audit services --target root@web1.example.org:22 --spec my-server.spec --format json",
            "  bulwark audit firewall --from iptables-save.txt --sockets ss.txt --fail-on medium",
            "  bulwark audit updates --from apt-config-dump.txt --distro debian:bookworm:stable"})
public final class AuditCommand extends GroupCommand {
}
