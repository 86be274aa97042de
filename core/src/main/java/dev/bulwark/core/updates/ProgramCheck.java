package dev.bulwark.core.updates;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether what the configuration asks for can run: the program is installed (dpkg's status, or
 * rpm's) and the systemd timers that start it are enabled ({@code systemctl is-enabled}). Where it
 * cannot tell (no dpkg-query or rpm, no systemctl) it says so in a MEDIUM finding.
 */
final class ProgramCheck {

    /** The states of {@code systemctl is-enabled} in which a timer starts at boot. */
    private static final Set<String> ENABLED = Set.of("enabled", "enabled-runtime", "generated");

    private final Host host;
    private final Duration timeout;

    ProgramCheck(Host host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /** Findings for a dpkg package: missing, or removed with its configuration left behind. */
    List<Finding> dpkgPackage(String packageName) throws IOException {
        CommandResult status;
        try {
            status = host.run(List.of("dpkg-query", "-W", "-f=${Status}", packageName), timeout);
        } catch (CommandNotFoundException e) {
            return List.of(unverified(packageName, "dpkg-query is not available, so whether " + packageName
                    + " is installed is unknown; assumed not installed."));
        }
        String state = status.stdout().strip();
        if (status.isSuccess() && state.equals("install ok installed")) {
            return List.of();
        }
        String seen = status.isSuccess() && !state.isEmpty() ? "dpkg status '" + ConfigText.printable(state) + "'"
                : "not known to dpkg";
        return List.of(new Finding(UpdatesAudit.PROGRAM_MISSING, Severity.HIGH, host.name() + ": " + packageName,
                packageName + " is not installed (" + seen + "); its configuration may remain, but nothing"
                        + " runs it, so no update is installed automatically.",
                "apt-get install " + packageName));
    }

    /** Findings for an rpm package. */
    List<Finding> rpmPackage(String packageName) throws IOException {
        CommandResult status;
        try {
            status = host.run(List.of("rpm", "-q", packageName), timeout);
        } catch (CommandNotFoundException e) {
            return List.of(unverified(packageName, "rpm is not available, so whether " + packageName
                    + " is installed is unknown; assumed not installed."));
        }
        if (status.isSuccess()) {
            return List.of();
        }
        return List.of(new Finding(UpdatesAudit.PROGRAM_MISSING, Severity.HIGH, host.name() + ": " + packageName,
                packageName + " is not installed (rpm -q: '" + ConfigText.printable(status.stdout().strip())
                        + "'), so nothing applies updates automatically.",
                "dnf install " + packageName));
    }

    /**
     * Findings for systemd timers that must be enabled: HIGH for each that is not, MEDIUM when
     * there is no systemctl (a cron job may start the updates instead: {@code why} says which).
     */
    List<Finding> timers(List<String> units, String withoutSystemd) throws IOException {
        List<Finding> out = new ArrayList<>();
        for (String unit : units) {
            CommandResult result;
            try {
                result = host.run(List.of("systemctl", "is-enabled", unit), timeout);
            } catch (CommandNotFoundException e) {
                return List.of(unverified(String.join(", ", units), "systemctl is not available, so whether "
                        + String.join(" and ", units) + " start the updates cannot be decided; " + withoutSystemd));
            }
            String state = result.stdout().strip();
            if (result.isSuccess() && ENABLED.contains(state)) {
                continue;
            }
            state = state.lines().findFirst().orElse("not-found");
            state = state.substring(0, Math.min(40, state.length()));
            out.add(new Finding(UpdatesAudit.TIMER_DISABLED, Severity.HIGH, host.name() + ": " + unit,
                    unit + " is " + ConfigText.printable(state) + " (systemctl is-enabled), so it never starts"
                            + " the automatic updates.",
                    "systemctl enable --now " + unit));
        }
        return out;
    }

    private Finding unverified(String subject, String message) {
        return new Finding(UpdatesAudit.UNVERIFIED, Severity.MEDIUM, host.name() + ": " + subject, message,
                "Check by hand that the program is installed and something starts it every day.");
    }
}
