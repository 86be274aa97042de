package dev.bulwark.examples;

import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.updates.DnfAutomatic;
import dev.bulwark.core.updates.UnattendedUpgrades;
import dev.bulwark.core.updates.UpdatesAudit;
import java.io.IOException;
import java.time.Duration;

/** The kit's host part: the unattended-upgrades configuration and the audits of this machine. */
final class HostKit {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HostKit() {
    }

    static void writeUpdates(BaselineSpec spec, KitFiles kit, Host host) throws IOException {
        kit.directory("updates", FileMode.PUBLIC_DIRECTORY);
        kit.write("updates/20auto-upgrades", UnattendedUpgrades.renderAutoUpgrades(), FileMode.PUBLIC,
                "APT's periodic settings: " + UnattendedUpgrades.AUTO_UPGRADES_PATH);
        String dropIn = UnattendedUpgrades.DROP_IN_PATH.getFileName().toString();
        kit.write("updates/" + dropIn, UnattendedUpgrades.renderDropIn(spec.updates()), FileMode.PUBLIC,
                "unattended-upgrades' origins, reboot and mail: " + UnattendedUpgrades.DROP_IN_PATH);
        kit.write("updates/automatic.conf", DnfAutomatic.render(spec.updates()), FileMode.PUBLIC,
                "the same policy for dnf-automatic (Fedora, RHEL): " + DnfAutomatic.PATH);
        if (host == null) {
            kit.note("This machine was not audited (--no-local): the update findings are missing.");
            return;
        }
        try {
            kit.addFindings(UpdatesAudit.audit(host, TIMEOUT));
        } catch (IOException e) {
            kit.note("The update configuration of this machine could not be audited: " + oneLine(e));
        }
    }

    static void writeServiceAudit(BaselineSpec spec, KitFiles kit, Host host) throws IOException {
        if (host == null) {
            kit.note("This machine was not audited (--no-local): no audit/services.md.");
            return;
        }
        ServiceReport report;
        try {
            report = ServiceAudit.run(host, new ServicePolicy(spec.services()));
        } catch (IOException e) {
            kit.note("The listening services of this machine could not be audited (`ss -plunt`): " + oneLine(e));
            return;
        }
        kit.directory("audit", FileMode.PRIVATE_DIRECTORY);
        kit.write("audit/services.md", report.toMarkdown(), FileMode.SECRET,
                "which services listen where on " + report.host() + " (`ss -plunt`) against the spec's services");
        kit.addFindings(report.findings());
    }

    static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
