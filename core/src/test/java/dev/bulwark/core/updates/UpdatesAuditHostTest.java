package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UpdatesAudit#audit} on this machine with the real apt-config, dpkg-query, systemctl,
 * lsb_release and apt-cache, each pointed at a prepared state (a copy of dpkg's status in which
 * unattended-upgrades is removed with its configuration left, a systemd root in which the timers
 * are or are not enabled, an apt.conf with the configuration under test), as on a host where
 * someone ran {@code apt-get remove unattended-upgrades}.
 */
@Tag("interop")
@RequiresTool({"apt-config", "dpkg-query", "systemctl", "lsb_release", "apt-cache"})
class UpdatesAuditHostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path admin;
    private Path systemdRoot;
    private Path aptConf;

    @BeforeEach
    void prepare() throws IOException {
        admin = Files.createDirectories(dir.resolve("dpkg"));
        systemdRoot = dir.resolve("root");
        Path units = Files.createDirectories(systemdRoot.resolve("usr/lib/systemd/system"));
        Files.createDirectories(systemdRoot.resolve("etc/systemd/system/timers.target.wants"));
        for (String timer : UpdatesAudit.APT_TIMERS) {
            Files.writeString(units.resolve(timer), "[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n");
        }
        Path parts = Files.createDirectories(dir.resolve("apt.conf.d"));
        aptConf = dir.resolve("apt.conf");
        Files.writeString(aptConf, "Dir::Etc::Parts \"" + parts + "\"; Dir::Etc::Main \"" + dir.resolve("none")
                + "\";\n" + UnattendedUpgrades.renderAutoUpgrades()
                + UnattendedUpgrades.renderDropIn(UpdatePolicy.SECURITY_WITH_NIGHTLY_REBOOT)
                + "Unattended-Upgrade::Mail \"root\";\n");
    }

    private void dpkgStatus(String unattendedUpgradesStatus) throws IOException {
        StringBuilder status = new StringBuilder();
        for (String stanza : Files.readString(Path.of("/var/lib/dpkg/status")).split("\n\n")) {
            if (!stanza.startsWith("Package: unattended-upgrades\n")) {
                status.append(stanza).append("\n\n");
            }
        }
        if (unattendedUpgradesStatus != null) {
            status.append("Package: unattended-upgrades\nStatus: ").append(unattendedUpgradesStatus)
                    .append("\nPriority: optional\nSection: admin\nMaintainer: x <x@example.org>\nArchitecture: all\n"
                            + "Version: 2.9.1+nmu3\nConffiles:\n /etc/apt/apt.conf.d/50unattended-upgrades 0123\n"
                            + "Description: automatic installation of security upgrades\n\n");
        }
        Files.writeString(admin.resolve("status"), status.toString());
    }

    private void enable(String timer) throws IOException {
        Files.createSymbolicLink(systemdRoot.resolve("etc/systemd/system/timers.target.wants").resolve(timer),
                Path.of("/usr/lib/systemd/system").resolve(timer));
    }

    private List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void removedUnattendedUpgradesWithItsConfigurationLeftIsHigh() throws IOException {
        dpkgStatus("deinstall ok config-files");
        UpdatesAudit.APT_TIMERS.forEach(t -> {
            try {
                enable(t);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Finding> findings = UpdatesAudit.audit(new PreparedHost(), TIMEOUT);
        assertThat(ids(findings)).containsExactly(UpdatesAudit.PROGRAM_MISSING);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).message()).isEqualTo("unattended-upgrades is not installed (dpkg status"
                + " 'deinstall ok config-files'); its configuration may remain, but nothing runs it, so no update"
                + " is installed automatically.");
    }

    @Test
    void installedWithEnabledTimersPasses() throws IOException {
        dpkgStatus("install ok installed");
        enable("apt-daily.timer");
        enable("apt-daily-upgrade.timer");
        assertThat(UpdatesAudit.audit(new PreparedHost(), TIMEOUT)).isEmpty();
    }

    @Test
    void aDisabledUpgradeTimerIsHigh() throws IOException {
        dpkgStatus("install ok installed");
        enable("apt-daily.timer");
        List<Finding> findings = UpdatesAudit.audit(new PreparedHost(), TIMEOUT);
        assertThat(ids(findings)).containsExactly(UpdatesAudit.TIMER_DISABLED);
        assertThat(findings.get(0).subject()).endsWith(": apt-daily-upgrade.timer");
        assertThat(findings.get(0).message()).isEqualTo("apt-daily-upgrade.timer is disabled (systemctl is-enabled),"
                + " so it never starts the automatic updates.");
    }

    @Test
    void aPackageDpkgNeverHeardOfIsHigh() throws IOException {
        dpkgStatus(null);
        enable("apt-daily.timer");
        enable("apt-daily-upgrade.timer");
        List<Finding> findings = UpdatesAudit.audit(new PreparedHost(), TIMEOUT);
        assertThat(ids(findings)).containsExactly(UpdatesAudit.PROGRAM_MISSING);
        assertThat(findings.get(0).message()).startsWith("unattended-upgrades is not installed (not known to dpkg)");
    }

    /** This machine, with dpkg-query, systemctl and apt-config pointed at the test's state. */
    private final class PreparedHost implements Host {
        private final Host local = LocalHost.create();

        @Override
        public String name() {
            return "prepared";
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
            List<String> c = new ArrayList<>(command);
            switch (c.get(0)) {
                case "dpkg-query":
                    c.add(1, "--admindir=" + admin);
                    break;
                case "systemctl":
                    c.add(1, "--root=" + systemdRoot);
                    break;
                case "apt-config":
                    c.addAll(0, List.of("env", "APT_CONFIG=" + aptConf));
                    break;
                default:
                    break;
            }
            return local.run(c, stdin, timeout);
        }

        @Override
        public byte[] readFile(Path path) throws IOException {
            return local.readFile(path);
        }

        @Override
        public boolean exists(Path path) throws IOException {
            return local.exists(path);
        }

        @Override
        public void writeFile(Path path, byte[] content, FileMode mode) {
            throw new UnsupportedOperationException("read-only: " + new String(content, StandardCharsets.UTF_8));
        }
    }
}
