package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** apt's own parser reads what Bulwark renders the way Bulwark's parser does. */
@RequiresTool("apt-config")
class AptConfigInteropTest {

    private final Host host = LocalHost.create();

    @TempDir
    Path dir;

    private CommandResult dump(String content) throws IOException {
        Path file = dir.resolve("conf");
        host.writeFile(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), FileMode.PUBLIC);
        // apt-config also reads the machine's /etc/apt/apt.conf.d (unattended-upgrades installs lists there);
        // APT_CONFIG is read first and points the parts directory at an empty one, so only the file counts
        Path parts = java.nio.file.Files.createDirectories(dir.resolve("no-parts"));
        Path aptConfig = dir.resolve("apt.conf");
        host.writeFile(aptConfig, ("Dir::Etc::parts \"" + parts + "\";\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                FileMode.PUBLIC);
        return host.run(List.of("env", "APT_CONFIG=" + aptConfig, Tools.path("apt-config"), "-c", file.toString(), "dump"),
                Duration.ofSeconds(30));
    }

    @Test
    void aptReadsTheRenderedFilesAsBulwarkDoes() throws IOException {
        String rendered = UnattendedUpgrades.renderAutoUpgrades() + UnattendedUpgrades.renderDropIn(RenderTest.FULL);
        CommandResult result = dump(rendered).requireSuccess();
        AptConf ours = AptConf.parse(rendered, "rendered");
        AptConf apts = AptConf.parse(result.stdout(), "apt-config dump");
        assertThat(ours.keys()).isNotEmpty();
        for (String key : ours.keys()) {
            assertThat(apts.value(key)).as(key).isEqualTo(ours.value(key));
            assertThat(apts.list(key)).as(key).isEqualTo(ours.list(key));
        }
        assertThat(apts.list("Unattended-Upgrade::Origins-Pattern")).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50unattended-upgrades-debian-style.conf", "50unattended-upgrades-ubuntu-style.conf",
        "10periodic-download-only.conf", "origins-without-security.conf"})
    void aptReadsTheFixturesAsBulwarkDoes(String fixture) throws IOException {
        String text = Fixtures.read(fixture);
        AptConf apts = AptConf.parse(dump(text).requireSuccess().stdout(), "apt-config dump");
        AptConf ours = AptConf.parse(text, fixture);
        for (String key : ours.keys()) {
            assertThat(apts.list(key)).as(key).isEqualTo(ours.list(key));
            if (ours.list(key).isEmpty()) {
                assertThat(apts.value(key)).as(key).isEqualTo(ours.value(key));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A \"x\"\n", "A \"x\nB \"y\";\n", "{ \"a\"; };\n", "A /* open\n", "#clear ;\n"})
    void aptRejectsWhatBulwarkRejects(String text) throws IOException {
        boolean oursRejects;
        try {
            AptConf.parse(text, "t");
            oursRejects = false;
        } catch (ParseException e) {
            oursRejects = true;
        }
        CommandResult result = dump(text);
        assertThat(oursRejects).isTrue();
        assertThat(result.isSuccess() && result.stderr().isBlank()).as(result.stderr()).isFalse();
    }
}
