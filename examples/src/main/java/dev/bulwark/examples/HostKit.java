package dev.bulwark.examples;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.updates.DnfAutomatic;
import dev.bulwark.core.updates.UnattendedUpgrades;
import java.io.IOException;

/** The kit's updates part: the unattended-upgrades and dnf-automatic configuration (the audit is {@link TargetAudit}'s). */
final class HostKit {

    private HostKit() {
    }

    static void writeUpdates(BaselineSpec spec, KitFiles kit) throws IOException {
        kit.directory("updates", FileMode.PUBLIC_DIRECTORY);
        kit.write("updates/20auto-upgrades", UnattendedUpgrades.renderAutoUpgrades(), FileMode.PUBLIC,
                "APT's periodic settings: " + UnattendedUpgrades.AUTO_UPGRADES_PATH);
        String dropIn = UnattendedUpgrades.DROP_IN_PATH.getFileName().toString();
        kit.write("updates/" + dropIn, UnattendedUpgrades.renderDropIn(spec.updates()), FileMode.PUBLIC,
                "unattended-upgrades' origins, reboot and mail: " + UnattendedUpgrades.DROP_IN_PATH);
        kit.write("updates/automatic.conf", DnfAutomatic.render(spec.updates()), FileMode.PUBLIC,
                "the same policy for dnf-automatic (Fedora, RHEL): " + DnfAutomatic.PATH);
    }
}
