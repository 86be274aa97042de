package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdatesAuditTest {

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void disabledPeriodicUpgradeIsNotAutomatic() {
        List<Finding> findings = UpdatesAudit.auditApt(Fixtures.apt("20auto-upgrades-disabled.conf"));
        assertThat(ids(findings)).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).subject())
                .isEqualTo("APT::Periodic::Unattended-Upgrade (20auto-upgrades-disabled.conf:2:1)");
        assertThat(findings.get(0).message()).isEqualTo("Unattended upgrades are off"
                + " (APT::Periodic::Unattended-Upgrade is \"0\"), so security updates wait for someone to install them.");
    }

    @Test
    void nothingConfiguredIsNotAutomatic() {
        assertThat(ids(UpdatesAudit.auditApt(AptConf.EMPTY))).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
    }

    @Test
    void downloadingWithoutInstallingIsDownloadOnly() {
        assertThat(ids(UpdatesAudit.auditApt(Fixtures.apt("10periodic-download-only.conf"))))
                .containsExactly(UpdatesAudit.DOWNLOAD_ONLY);
    }

    @Test
    void debianStyleConfigurationHasSecurityOriginsButNoReboot() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-debian-style.conf"));
        assertThat(ids(UpdatesAudit.auditApt(conf)))
                .containsExactly(UpdatesAudit.NO_AUTOMATIC_REBOOT, UpdatesAudit.NO_REPORT);
    }

    @Test
    void ubuntuStyleAllowedOriginsCountAsSecurityOrigins() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-ubuntu-style.conf"));
        assertThat(UpdatesAudit.auditApt(conf)).isEmpty();
    }

    @Test
    void originsWithoutSecurityAreReported() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-debian-style.conf"))
                .then(Fixtures.apt("origins-without-security.conf"));
        List<Finding> findings = UpdatesAudit.auditApt(conf);
        assertThat(ids(findings)).contains(UpdatesAudit.SECURITY_ORIGINS_MISSING);
        assertThat(findings.get(0).message())
                .isEqualTo("unattended-upgrades allows 2 origins but none of them carries security updates.");
    }

    @Test
    void enabledWithoutListRefreshOrOriginsIsReported() {
        AptConf conf = AptConf.parse("APT::Periodic::Unattended-Upgrade \"always\";", "t");
        assertThat(ids(UpdatesAudit.auditApt(conf))).containsExactly(UpdatesAudit.LISTS_NOT_REFRESHED,
                UpdatesAudit.SECURITY_ORIGINS_MISSING, UpdatesAudit.NO_AUTOMATIC_REBOOT, UpdatesAudit.NO_REPORT);
    }

    @Test
    void dnfDefaultsOnlyDownload() {
        DnfAutomaticConf conf = DnfAutomaticConf.parse(Fixtures.read("automatic-rhel-default.conf"), "automatic.conf");
        List<Finding> findings = UpdatesAudit.auditDnf(conf, "automatic.conf");
        assertThat(ids(findings)).containsExactly(UpdatesAudit.DOWNLOAD_ONLY);
        assertThat(findings.get(0).subject()).isEqualTo("automatic.conf [commands] apply_updates");
        DnfAutomaticConf neither = DnfAutomaticConf.parse("[commands]\ndownload_updates = no\n", "a");
        assertThat(ids(UpdatesAudit.auditDnf(neither, "a"))).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
    }

    @Test
    void auditsDnfThroughAHostWithoutApt() throws IOException {
        Host host = new FilesOnlyHost(Map.of(DnfAutomatic.PATH, Fixtures.read("automatic-rhel-default.conf")));
        List<Finding> findings = UpdatesAudit.audit(host, Duration.ofSeconds(5));
        assertThat(ids(findings)).containsExactly(UpdatesAudit.DOWNLOAD_ONLY);
        assertThat(findings.get(0).subject()).isEqualTo("files-only:/etc/dnf/automatic.conf [commands] apply_updates");
    }

    @Test
    void reportsAHostWithNeitherAptNorDnf() throws IOException {
        assertThat(ids(UpdatesAudit.audit(new FilesOnlyHost(Map.of()), Duration.ofSeconds(5))))
                .containsExactly(UpdatesAudit.NOT_CONFIGURED);
    }

    @Test
    @RequiresTool("apt-config")
    void auditsThisMachineThroughAptConfig() throws IOException {
        List<Finding> findings = UpdatesAudit.audit(LocalHost.create(), Duration.ofSeconds(30));
        assertThat(ids(findings)).isNotEmpty().allMatch(id -> id.startsWith("updates."))
                .doesNotContain(UpdatesAudit.NOT_CONFIGURED, UpdatesAudit.UNREADABLE);
    }

    /** A host that has files but no commands at all, like a minimal dnf-based image seen through a stub. */
    private static final class FilesOnlyHost implements Host {
        private final Map<Path, String> files;

        FilesOnlyHost(Map<Path, String> files) {
            this.files = files;
        }

        @Override
        public String name() {
            return "files-only";
        }

        @Override
        public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
            throw new CommandNotFoundException(command.get(0), "not on PATH=/usr/bin");
        }

        @Override
        public byte[] readFile(Path path) throws IOException {
            String text = files.get(path);
            if (text == null) {
                throw new NoSuchFileException(path.toString());
            }
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public boolean exists(Path path) {
            return files.containsKey(path);
        }

        @Override
        public void writeFile(Path path, byte[] content, FileMode mode) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
