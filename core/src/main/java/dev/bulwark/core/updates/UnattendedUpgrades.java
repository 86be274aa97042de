package dev.bulwark.core.updates;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders Debian and Ubuntu's automatic updates: {@code /etc/apt/apt.conf.d/20auto-upgrades}
 * (turns the daily APT job on) and a drop-in for unattended-upgrades that sets the allowed origins
 * (clearing those of {@code 50unattended-upgrades}, so the policy is exactly what is written),
 * reboot, mail and clean-up. The same drop-in serves Debian and Ubuntu: origins of the other
 * distribution match nothing. See unattended-upgrade(8) and apt.conf(5).
 *
 * <pre>{@code
 * String periodic = UnattendedUpgrades.renderAutoUpgrades();
 * String dropIn = UnattendedUpgrades.renderDropIn(UpdatePolicy.SECURITY_WITH_NIGHTLY_REBOOT);
 * }</pre>
 */
public final class UnattendedUpgrades {

    /** Where {@link #renderAutoUpgrades()} belongs. */
    public static final Path AUTO_UPGRADES_PATH = Path.of("/etc/apt/apt.conf.d/20auto-upgrades");
    /** Where {@link #renderDropIn(UpdatePolicy)} belongs: read after {@code 50unattended-upgrades}. */
    public static final Path DROP_IN_PATH = Path.of("/etc/apt/apt.conf.d/52bulwark-unattended-upgrades");

    /** Origins of Debian and Ubuntu security updates, as {@code Origins-Pattern} entries. */
    public static final List<String> SECURITY_ORIGINS = List.of(
            "origin=Debian,codename=${distro_codename},label=Debian-Security",
            "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
            "origin=Ubuntu,archive=${distro_codename}-security,label=Ubuntu",
            "origin=UbuntuESMApps,archive=${distro_codename}-apps-security",
            "origin=UbuntuESM,archive=${distro_codename}-infra-security");
    /** Origins of the other stable updates (point releases, -updates) of Debian and Ubuntu. */
    public static final List<String> STABLE_ORIGINS = List.of(
            "origin=Debian,codename=${distro_codename},label=Debian",
            "origin=Debian,codename=${distro_codename}-updates",
            "origin=Ubuntu,archive=${distro_codename},label=Ubuntu",
            "origin=Ubuntu,archive=${distro_codename}-updates,label=Ubuntu");

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private UnattendedUpgrades() {
    }

    /** The content of {@code 20auto-upgrades}: refresh package lists and upgrade every day, clean weekly. */
    public static String renderAutoUpgrades() {
        return "// Written by Bulwark: refresh the package lists and run unattended-upgrade every day.\n"
                + "APT::Periodic::Update-Package-Lists \"1\";\n"
                + "APT::Periodic::Unattended-Upgrade \"1\";\n"
                + "APT::Periodic::AutocleanInterval \"7\";\n";
    }

    /** The unattended-upgrades drop-in for {@code policy}. */
    public static String renderDropIn(UpdatePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        StringBuilder out = new StringBuilder();
        out.append("// Written by Bulwark: ").append(policy).append(".\n")
                .append("// Replaces the origins of 50unattended-upgrades.\n")
                .append("#clear Unattended-Upgrade::Allowed-Origins;\n")
                .append("#clear Unattended-Upgrade::Origins-Pattern;\n")
                .append("Unattended-Upgrade::Origins-Pattern {\n");
        List<String> origins = new ArrayList<>(SECURITY_ORIGINS);
        if (!policy.securityOnly()) {
            origins.addAll(STABLE_ORIGINS);
        }
        origins.addAll(policy.extraOrigins());
        for (String origin : origins) {
            out.append("\t\"").append(ConfigText.checkAptString("origin", origin)).append("\";\n");
        }
        out.append("};\n");
        String remove = Boolean.toString(policy.removeUnusedDependencies());
        line(out, "Remove-Unused-Dependencies", remove);
        line(out, "Remove-New-Unused-Dependencies", remove);
        line(out, "Remove-Unused-Kernel-Packages", remove);
        line(out, "Automatic-Reboot", Boolean.toString(policy.automaticReboot()));
        policy.rebootTime().ifPresent(t -> line(out, "Automatic-Reboot-Time", t.format(HOURS_MINUTES)));
        policy.mailTo().ifPresent(mail -> {
            line(out, "Mail", ConfigText.checkAptString("mailTo", mail));
            line(out, "MailReport", policy.mailReport().wireName());
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("Unattended-Upgrade::").append(key).append(" \"").append(value).append("\";\n");
    }
}
