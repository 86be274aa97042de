package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dnf-automatic's own loader ({@code dnf.automatic.main.AutomaticConfig} of python3-dnf) reads
 * the rendered file, and {@link UpdatesAudit#auditDnf} says "ignored" exactly when that dnf has no
 * {@code reboot} option in {@code [commands]} (Debian 12's dnf 4.14.0 has none).
 */
@Tag("interop")
class DnfAutomaticLoaderInteropTest {

    private static final String PROBE = "import sys, dnf.const, dnf.automatic.main as m\n"
            + "c = m.AutomaticConfig(sys.argv[1])\n"
            + "print(dnf.const.VERSION)\n"
            + "print('reboot' in c.commands._options)\n"
            + "print(c.commands.apply_updates, c.commands.upgrade_type, c.emitters.emit_via, c.email.email_to)\n";

    @TempDir
    Path dir;

    @Test
    void theAuditSaysIgnoredExactlyWhenDnfAutomaticHasNoRebootOption() throws IOException {
        Path python = Path.of("/usr/bin/python3");
        CommandResult has = LocalHost.create().run(List.of(python.toString(), "-c", "import dnf.automatic.main"),
                Duration.ofSeconds(60));
        if (!has.isSuccess()) {
            if (Tools.required()) {
                throw new AssertionError("python3-dnf (dnf-automatic's loader) is not installed: " + has.stderr());
            }
            Assumptions.abort("python3-dnf is not installed");
        }
        Path conf = dir.resolve("automatic.conf");
        Files.writeString(conf, DnfAutomatic.render(RenderTest.FULL));
        List<String> out = LocalHost.create().run(List.of(python.toString(), "-c", PROBE, conf.toString()),
                Duration.ofSeconds(60)).requireSuccess().stdout().lines().toList();
        String version = out.get(0);
        boolean honoursReboot = Boolean.parseBoolean(out.get(1).toLowerCase(java.util.Locale.ROOT));
        assertThat(out.get(2)).isEqualTo("True default ['email'] ['ops@example.org']");
        List<Finding> findings = UpdatesAudit.auditDnf(DnfAutomaticConf.parse(Files.readString(conf), "automatic.conf"),
                "automatic.conf", Optional.of(version));
        assertThat(findings.stream().anyMatch(f -> f.id().equals(UpdatesAudit.NO_AUTOMATIC_REBOOT)))
                .as("dnf %s honours reboot: %s", version, honoursReboot).isEqualTo(!honoursReboot);
        assertThat(DnfVersion.atLeast(Optional.of(version), UpdatesAudit.DNF_REBOOT_SINCE)).isEqualTo(honoursReboot);
    }
}
