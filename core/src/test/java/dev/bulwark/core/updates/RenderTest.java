package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderTest {

    static final UpdatePolicy FULL = UpdatePolicy.builder().securityOnly(false).automaticReboot(true)
            .rebootTime(LocalTime.of(3, 30)).mailTo("ops@example.org")
            .addOrigin("origin=Docker,label=Docker CE").build();

    @Test
    void rendersGoldenFiles() {
        assertThat(UnattendedUpgrades.renderAutoUpgrades()).isEqualTo(Fixtures.read("golden-20auto-upgrades"));
        assertThat(UnattendedUpgrades.renderDropIn(UpdatePolicy.SECURITY))
                .isEqualTo(Fixtures.read("golden-52bulwark-unattended-upgrades-security"));
        assertThat(UnattendedUpgrades.renderDropIn(FULL))
                .isEqualTo(Fixtures.read("golden-52bulwark-unattended-upgrades-full"));
        assertThat(DnfAutomatic.render(UpdatePolicy.SECURITY)).isEqualTo(Fixtures.read("golden-automatic.conf-security"));
        assertThat(DnfAutomatic.render(FULL)).isEqualTo(Fixtures.read("golden-automatic.conf-full"));
    }

    @Test
    void renderedAptFilesParseBackToThePolicy() {
        AptConf conf = AptConf.parse(UnattendedUpgrades.renderAutoUpgrades(), "20auto-upgrades")
                .then(AptConf.parse(UnattendedUpgrades.renderDropIn(FULL), "52bulwark"));
        assertThat(conf.value("APT::Periodic::Unattended-Upgrade")).contains("1");
        assertThat(conf.list("Unattended-Upgrade::Origins-Pattern"))
                .startsWith(UnattendedUpgrades.SECURITY_ORIGINS.toArray(String[]::new))
                .endsWith("origin=Docker,label=Docker CE")
                .hasSize(10);
        assertThat(conf.value("unattended-upgrade::automatic-reboot-time")).contains("03:30");
        assertThat(conf.value("Unattended-Upgrade::Mail")).contains("ops@example.org");
        assertThat(conf.value("Unattended-Upgrade::MailReport")).contains("on-change");
        AptConf onError = AptConf.parse(UnattendedUpgrades.renderDropIn(FULL.toBuilder()
                .mailReport(MailReport.ONLY_ON_ERROR).build()), "52bulwark");
        assertThat(onError.value("Unattended-Upgrade::MailReport")).contains("only-on-error");
    }

    @Test
    void dnfRefusesAMailReportItCannotDo() {
        assertThatThrownBy(() -> DnfAutomatic.render(FULL.toBuilder().mailReport(MailReport.ONLY_ON_ERROR).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("mailReport only-on-error cannot be rendered for dnf-automatic, which mails whenever it"
                        + " finds, downloads or applies updates (on-change) and has no other mode; use"
                        + " MailReport.ON_CHANGE");
        assertThat(DnfAutomatic.render(FULL)).contains("# Mailed when updates are found, downloaded or applied");
    }

    @Test
    void dnfRebootIsReportedIgnoredBeforeDnf415() {
        DnfAutomaticConf dnf = DnfAutomaticConf.parse(DnfAutomatic.render(FULL), "automatic.conf");
        List<Finding> old = UpdatesAudit.auditDnf(dnf, "automatic.conf", Optional.of("4.14.0"));
        assertThat(old).extracting(Finding::id).containsExactly(UpdatesAudit.NO_AUTOMATIC_REBOOT);
        assertThat(old.get(0).message()).isEqualTo("reboot = when-needed is ignored: the installed dnf is 4.14.0,"
                + " and dnf-automatic honours reboot only from dnf 4.15.0 on, so the host never reboots by itself.");
        assertThat(UpdatesAudit.auditDnf(dnf, "a", Optional.empty())).extracting(Finding::id)
                .containsExactly(UpdatesAudit.NO_AUTOMATIC_REBOOT);
        assertThat(UpdatesAudit.auditDnf(dnf, "a", Optional.of("4.18.1"))).isEmpty();
        assertThat(UpdatesAudit.auditDnf(dnf, "a", Optional.of("5.2"))).isEmpty();
    }

    @Test
    void theDropInReplacesTheOriginsOfEarlierFiles() {
        AptConf layered = Fixtures.apt("50unattended-upgrades-ubuntu-style.conf")
                .then(AptConf.parse(UnattendedUpgrades.renderDropIn(UpdatePolicy.SECURITY), "52bulwark"));
        assertThat(layered.list("Unattended-Upgrade::Allowed-Origins")).isEmpty();
        assertThat(layered.list("Unattended-Upgrade::Origins-Pattern")).isEqualTo(UnattendedUpgrades.SECURITY_ORIGINS);
    }

    @Test
    void renderedDnfFileParsesBackToThePolicy() {
        DnfAutomaticConf conf = DnfAutomaticConf.parse(DnfAutomatic.render(FULL), "automatic.conf");
        assertThat(conf.value("commands", "apply_updates")).contains("yes");
        assertThat(conf.value("commands", "upgrade_type")).contains("default");
        assertThat(conf.value("commands", "reboot")).contains("when-needed");
        assertThat(conf.value("email", "email_to")).contains("ops@example.org");
        assertThat(DnfAutomaticConf.parse(DnfAutomatic.render(UpdatePolicy.SECURITY), "a")
                .value("commands", "upgrade_type")).contains("security");
    }

    @Test
    void renderedFilesPassTheirOwnAudit() {
        AptConf apt = AptConf.parse(UnattendedUpgrades.renderAutoUpgrades(), "20auto-upgrades")
                .then(AptConf.parse(UnattendedUpgrades.renderDropIn(UpdatePolicy.SECURITY_WITH_NIGHTLY_REBOOT), "52"));
        assertThat(UpdatesAudit.auditApt(apt, UpdatesAuditTest.BOOKWORM)).extracting(f -> f.id())
                .containsExactly(UpdatesAudit.NO_REPORT);
        assertThat(UpdatesAudit.auditApt(apt, UpdatesAuditTest.JAMMY)).extracting(f -> f.id())
                .containsExactly(UpdatesAudit.NO_REPORT);
        assertThat(UpdatesAudit.auditApt(apt, AptDistribution.debian("trixie", "stable"))).extracting(f -> f.id())
                .containsExactly(UpdatesAudit.NO_REPORT);
        DnfAutomaticConf dnf = DnfAutomaticConf.parse(DnfAutomatic.render(FULL), "automatic.conf");
        assertThat(UpdatesAudit.auditDnf(dnf, "automatic.conf", Optional.of("4.15.0"))).isEmpty();
    }

    @Test
    void refusesValuesThatWouldInjectIntoTheConfig() {
        assertThatThrownBy(() -> UpdatePolicy.builder().mailTo("root\";\nAPT::Periodic::Unattended-Upgrade \"0").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("mailTo 'root\";\\u000aAPT::Periodic::Unattended-Upgrade \"0' is not a mail address or"
                        + " user name (letters, digits, . _ % + - and one @)");
        assertThatThrownBy(() -> UpdatePolicy.builder().addOrigin("origin=Evil\"; Foo \"1").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("addOrigin 'origin=Evil\"; Foo \"1' contains '\"', which cannot be written into an"
                        + " apt.conf string");
        assertThatThrownBy(() -> UpdatePolicy.builder().addOrigin("origin=A;").build())
                .hasMessage("addOrigin 'origin=A;' contains ';', which cannot be written into an apt.conf string");
        assertThatThrownBy(() -> UpdatePolicy.builder().addOrigin("origin=A\nB").build())
                .hasMessage("addOrigin 'origin=A\\u000aB' contains '\\u000a', which cannot be written into an"
                        + " apt.conf string");
        assertThatThrownBy(() -> UpdatePolicy.builder().addOrigin("").build())
                .hasMessage("addOrigin must be 1 to 200 characters");
    }

    @Test
    void validatesTheRebootCombination() {
        assertThatThrownBy(() -> UpdatePolicy.builder().rebootTime(LocalTime.of(2, 0)).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("rebootTime 02:00 is set but automaticReboot is false; enable automaticReboot or drop"
                        + " rebootTime");
        assertThatThrownBy(() -> UpdatePolicy.builder().automaticReboot(true).rebootTime(LocalTime.of(2, 0, 30)).build())
                .hasMessage("rebootTime 02:00:30 has seconds; give hours and minutes");
    }

    @Test
    void presetsAndCopiesAreValues() {
        assertThat(UpdatePolicy.SECURITY.securityOnly()).isTrue();
        assertThat(UpdatePolicy.SECURITY.automaticReboot()).isFalse();
        assertThat(UpdatePolicy.SECURITY_WITH_NIGHTLY_REBOOT.rebootTime()).contains(LocalTime.of(2, 0));
        assertThat(FULL.toBuilder().build()).isEqualTo(FULL).hasSameHashCodeAs(FULL);
        assertThat(UpdatePolicy.SECURITY).hasToString("UpdatePolicy[security updates, no reboot,"
                + " remove unused dependencies]");
    }
}
