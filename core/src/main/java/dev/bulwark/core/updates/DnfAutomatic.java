package dev.bulwark.core.updates;

import dev.bulwark.core.ValidationException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders dnf-automatic's {@code /etc/dnf/automatic.conf} (Fedora, RHEL, Rocky, Alma): download
 * and apply updates, security updates only unless the policy says otherwise. Enable it with
 * {@code systemctl enable --now dnf-automatic.timer}. dnf-automatic has no reboot time: with
 * {@link UpdatePolicy#automaticReboot()} it reboots when needed right after applying updates
 * ({@code reboot = when-needed}), so schedule the timer for the wanted hour. dnf-automatic honours
 * {@code reboot} only from dnf 4.15.0 on; older versions (RHEL 8's 4.7, Debian 12's 4.14.0) log it
 * as an unknown option and never reboot ({@link UpdatesAudit} reports it from the installed
 * version). dnf-automatic mails when it finds, downloads or applies updates, which is
 * {@link MailReport#ON_CHANGE}; it has no {@code always} or {@code only-on-error}, so a policy
 * asking for those is refused rather than mailed differently. See dnf-automatic(8).
 */
public final class DnfAutomatic {

    /** Where {@link #render(UpdatePolicy)} belongs. */
    public static final Path PATH = Path.of("/etc/dnf/automatic.conf");

    private DnfAutomatic() {
    }

    /**
     * The content of {@code automatic.conf} for {@code policy}.
     *
     * @throws ValidationException when the policy mails with a {@link MailReport} other than
     *                             {@link MailReport#ON_CHANGE}, which dnf-automatic cannot do
     */
    public static String render(UpdatePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy.mailTo().isPresent() && policy.mailReport() != MailReport.ON_CHANGE) {
            throw new ValidationException("mailReport " + policy.mailReport().wireName() + " cannot be rendered for"
                    + " dnf-automatic, which mails whenever it finds, downloads or applies updates (on-change) and"
                    + " has no other mode; use MailReport.ON_CHANGE");
        }
        StringBuilder out = new StringBuilder()
                .append("# Written by Bulwark: download and apply ")
                .append(policy.securityOnly() ? "security updates" : "all updates").append(" automatically.\n")
                .append("# Enable with: systemctl enable --now dnf-automatic.timer\n");
        policy.rebootTime().ifPresent(t -> out.append("# Reboots follow the updates at once: set OnCalendar=*-*-* ")
                .append(String.format("%02d:%02d", t.getHour(), t.getMinute()))
                .append(" in the timer (systemctl edit dnf-automatic.timer).\n"));
        out
                .append("[commands]\n")
                .append("upgrade_type = ").append(policy.securityOnly() ? "security" : "default").append('\n')
                .append("download_updates = yes\n")
                .append("apply_updates = yes\n")
                .append(policy.automaticReboot() ? "# reboot is honoured from dnf 4.15.0 on; older dnf ignores it.\n" : "")
                .append("reboot = ").append(policy.automaticReboot() ? "when-needed" : "never").append('\n')
                .append("\n[emitters]\n")
                .append("emit_via = ").append(policy.mailTo().isPresent() ? "email" : "stdio").append('\n');
        policy.mailTo().ifPresent(mail -> out.append("\n# Mailed when updates are found, downloaded or applied (on-change).\n[email]\n")
                .append("email_from = root\n")
                .append("email_to = ").append(ConfigText.checkAptString("mailTo", mail)).append('\n')
                .append("email_host = localhost\n"));
        out.append("\n[base]\ndebuglevel = 1\n");
        return out.toString();
    }
}
