package dev.bulwark.examples;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsRenderer;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.updates.DnfAutomatic;
import dev.bulwark.core.updates.UnattendedUpgrades;
import dev.bulwark.core.updates.UpdatePolicy;
import dev.bulwark.core.updates.UpdatesAudit;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Unattended security updates: prints APT's 20auto-upgrades, the unattended-upgrades drop-in and
 * dnf-automatic's automatic.conf for a policy with a nightly reboot, then audits this machine.
 *
 * <pre>java dev.bulwark.examples.UnattendedUpdatesExample</pre>
 */
public final class UnattendedUpdatesExample {

    private UnattendedUpdatesExample() {
    }

    /**
     * Prints the configuration and this machine's findings.
     *
     * @param args none
     * @throws IOException when the audit cannot run
     */
    public static void main(String[] args) {
        ExampleMain.main("UnattendedUpdatesExample", "", 0, 0, args, (a, out) -> run(out));
    }

    /**
     * Prints the three files and the audit of this machine.
     *
     * @return this machine's findings
     * @throws IOException when the audit cannot run
     */
    public static List<Finding> run(PrintStream out) throws IOException {
        UpdatePolicy policy = UpdatePolicy.builder().automaticReboot(true).rebootTime(LocalTime.of(3, 30)).build();
        out.println("// " + UnattendedUpgrades.AUTO_UPGRADES_PATH);
        out.print(UnattendedUpgrades.renderAutoUpgrades());
        out.println("// " + UnattendedUpgrades.DROP_IN_PATH);
        out.print(UnattendedUpgrades.renderDropIn(policy));
        out.println("# " + DnfAutomatic.PATH);
        out.print(DnfAutomatic.render(policy));
        List<Finding> findings = UpdatesAudit.audit(LocalHost.create(), Duration.ofSeconds(30));
        out.println("This machine: " + (findings.isEmpty() ? "updates are automatic.\n" : "\n"
                + FindingsRenderer.text(findings)));
        return findings;
    }
}
