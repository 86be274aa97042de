package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdatesAuditTest {

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    /** Debian 12 since Debian 13's release: its security suite is oldstable-security. */
    static final AptDistribution BOOKWORM = AptDistribution.debian("bookworm", "oldstable");
    static final AptDistribution JAMMY = AptDistribution.ubuntu("jammy");

    @Test
    void disabledPeriodicUpgradeIsNotAutomatic() {
        List<Finding> findings = UpdatesAudit.auditApt(Fixtures.apt("20auto-upgrades-disabled.conf"), BOOKWORM);
        assertThat(ids(findings)).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).subject())
                .isEqualTo("APT::Periodic::Unattended-Upgrade (20auto-upgrades-disabled.conf:2:1)");
        assertThat(findings.get(0).message()).isEqualTo("Unattended upgrades are off"
                + " (APT::Periodic::Unattended-Upgrade is \"0\"), so security updates wait for someone to install them.");
    }

    @Test
    void nothingConfiguredIsNotAutomatic() {
        assertThat(ids(UpdatesAudit.auditApt(AptConf.EMPTY, BOOKWORM))).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
    }

    @Test
    void downloadingWithoutInstallingIsDownloadOnly() {
        assertThat(ids(UpdatesAudit.auditApt(Fixtures.apt("10periodic-download-only.conf"), BOOKWORM)))
                .containsExactly(UpdatesAudit.DOWNLOAD_ONLY);
    }

    @Test
    void debianStyleConfigurationHasSecurityOriginsButNoReboot() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-debian-style.conf"));
        assertThat(ids(UpdatesAudit.auditApt(conf, BOOKWORM)))
                .containsExactly(UpdatesAudit.NO_AUTOMATIC_REBOOT, UpdatesAudit.NO_REPORT);
    }

    @Test
    void ubuntuStyleAllowedOriginsCoverUbuntuSecurity() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-ubuntu-style.conf"));
        assertThat(UpdatesAudit.auditApt(conf, JAMMY)).isEmpty();
    }

    @Test
    void codenameSecurityAllowedOriginSelectsNothingOnDebian() {
        // "${distro_id}:${distro_codename}-security" is o=Debian,a=bookworm-security; Debian's
        // security archive is oldstable-security (bookworm-security is its codename, not its suite)
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-ubuntu-style.conf"));
        List<Finding> findings = UpdatesAudit.auditApt(conf, BOOKWORM);
        assertThat(ids(findings)).containsExactly(UpdatesAudit.SECURITY_ORIGINS_MISSING);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).message()).isEqualTo("unattended-upgrades allows 4 origins but, matched as it"
                + " matches them on Debian bookworm, none selects the security updates ('o=Debian,a=oldstable-security,"
                + "n=bookworm-security,l=Debian-Security,c=main,site=deb.debian.org').");
        assertThat(findings.get(0).subject())
                .isEqualTo("Unattended-Upgrade::Allowed-Origins (50unattended-upgrades-ubuntu-style.conf:11:2)");
    }

    @Test
    void anOriginPatternUnattendedUpgradesRejectsIsReported() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(AptConf.parse("Unattended-Upgrade::Origins-Pattern { \"origin=Debian,suite=*,lable=x\"; };", "t"));
        List<Finding> findings = UpdatesAudit.auditApt(conf, BOOKWORM);
        assertThat(ids(findings)).contains(UpdatesAudit.ORIGINS_REJECTED);
        assertThat(findings.get(0).message()).isEqualTo("unattended-upgrades stops with an error before upgrading"
                + " anything: Unknown whitelist entry for matcher lable (token lable=x).");
    }

    @Test
    void aComponentRestrictionCoversPartOfSecurity() {
        AptDistribution withContrib = AptDistribution.of("Debian", "bookworm", List.of(
                new AptOrigin("Debian", "Debian-Security", "oldstable-security", "bookworm-security", "main", "s"),
                new AptOrigin("Debian", "Debian-Security", "oldstable-security", "bookworm-security", "contrib", "s")));
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf").then(AptConf.parse(
                "Unattended-Upgrade::Origins-Pattern { \"o=${distro_id},n=${distro_codename}-sec*,c=main\"; };", "t"));
        List<Finding> findings = UpdatesAudit.auditApt(conf, withContrib);
        assertThat(findings.get(0).id()).isEqualTo(UpdatesAudit.SECURITY_ORIGINS_MISSING);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void readsDebiansRealSecurityOriginFromAptCachePolicy() {
        // captured on Debian 12 after Debian 13's release, from the bookworm-security InRelease file
        List<AptOrigin> files = AptOrigin.parsePolicy(Fixtures.read("apt-cache-policy-debian12.txt"), "policy");
        assertThat(files).hasSize(3);
        assertThat(AptDistribution.of("Debian", "bookworm", files).securityOrigins()).containsExactly(
                new AptOrigin("Debian", "Debian-Security", "oldstable-security", "bookworm-security", "main",
                        "deb.debian.org"));
        assertThat(files.get(0)).isEqualTo(BOOKWORM.securityOrigins().get(0));
        assertThatThrownBy(() -> AptOrigin.parsePolicy("     release v=12,oDebian\n", "policy"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("policy:1:");
    }

    @Test
    void noSecurityPackageFileIsReported() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-debian-style.conf"));
        AptDistribution noSecurity = AptDistribution.of("Debian", "bookworm", List.of(BOOKWORM.packageFiles().get(0)));
        assertThat(ids(UpdatesAudit.auditApt(conf, noSecurity))).startsWith(UpdatesAudit.NO_SECURITY_SOURCE);
    }

    @Test
    void originsWithoutSecurityAreReported() {
        AptConf conf = Fixtures.apt("20auto-upgrades-enabled.conf")
                .then(Fixtures.apt("50unattended-upgrades-debian-style.conf"))
                .then(Fixtures.apt("origins-without-security.conf"));
        List<Finding> findings = UpdatesAudit.auditApt(conf, BOOKWORM);
        assertThat(ids(findings)).contains(UpdatesAudit.SECURITY_ORIGINS_MISSING);
        assertThat(findings.get(0).message())
                .isEqualTo("unattended-upgrades allows 2 origins but, matched as it matches them on Debian bookworm,"
                        + " none selects the security updates ('o=Debian,a=oldstable-security,n=bookworm-security,"
                        + "l=Debian-Security,c=main,site=deb.debian.org').");
    }

    @Test
    void enabledWithoutListRefreshOrOriginsIsReported() {
        AptConf conf = AptConf.parse("APT::Periodic::Unattended-Upgrade \"always\";", "t");
        assertThat(ids(UpdatesAudit.auditApt(conf, BOOKWORM))).containsExactly(UpdatesAudit.LISTS_NOT_REFRESHED,
                UpdatesAudit.SECURITY_ORIGINS_MISSING, UpdatesAudit.NO_AUTOMATIC_REBOOT, UpdatesAudit.NO_REPORT);
    }

    @Test
    void dnfDefaultsOnlyDownload() {
        DnfAutomaticConf conf = DnfAutomaticConf.parse(Fixtures.read("automatic-rhel-default.conf"), "automatic.conf");
        List<Finding> findings = UpdatesAudit.auditDnf(conf, "automatic.conf", Optional.of("4.14.0"));
        assertThat(ids(findings)).containsExactly(UpdatesAudit.DOWNLOAD_ONLY);
        assertThat(findings.get(0).subject()).isEqualTo("automatic.conf [commands] apply_updates");
        DnfAutomaticConf neither = DnfAutomaticConf.parse("[commands]\ndownload_updates = no\n", "a");
        assertThat(ids(UpdatesAudit.auditDnf(neither, "a", Optional.empty()))).containsExactly(UpdatesAudit.NOT_AUTOMATIC);
    }

    @Test
    void auditsDnfThroughAHostWithoutApt() throws IOException {
        Host host = new FilesOnlyHost(Map.of(DnfAutomatic.PATH, Fixtures.read("automatic-rhel-default.conf")));
        List<Finding> findings = UpdatesAudit.audit(host, Duration.ofSeconds(5));
        // neither rpm nor systemctl answers: both said, not taken as installed and enabled
        assertThat(ids(findings)).containsExactly(UpdatesAudit.UNVERIFIED, UpdatesAudit.UNVERIFIED,
                UpdatesAudit.DOWNLOAD_ONLY);
        assertThat(findings.get(1).message()).isEqualTo("systemctl is not available, so whether dnf-automatic.timer"
                + " start the updates cannot be decided; assumed not started.");
        assertThat(findings.get(2).subject()).isEqualTo("files-only:/etc/dnf/automatic.conf [commands] apply_updates");
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
