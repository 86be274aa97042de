package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSpecTest {

    @TempDir
    Path dir;

    @Test
    void rendersSshdTestSpecification() {
        ConnectionSpec c = ConnectionSpec.of("root", "h.example", "10.0.0.5").withLocal("10.0.0.1", 2222).withRDomain("vrf1");
        assertThat(c.toTestSpec()).isEqualTo("user=root,host=h.example,addr=10.0.0.5,laddr=10.0.0.1,lport=2222,rdomain=vrf1");
        assertThat(ConnectionSpec.of("bob", "", "").toTestSpec()).isEqualTo("user=bob");
    }

    @Test
    void rejectsValuesThatWouldInjectIntoTheSpecification() {
        assertThatThrownBy(() -> ConnectionSpec.of("root,addr=1.2.3.4", "h", "10.0.0.1"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("user must not contain white space, commas or control characters");
        assertThatThrownBy(() -> ConnectionSpec.of("root", "h", "10.0.0.1").withLocal("10.0.0.1", 70000))
                .hasMessage("localPort 70000 is outside 0..65535");
    }

    @Test
    void unsetAttributesDoNotMatchAsInSshdTestMode() {
        SshdConfig c = SshdConfig.parse("Match Host *\n  MaxSessions 1\nMatch Group wheel\n  MaxSessions 2\n");
        assertThat(c.effective(ConnectionSpec.of("bob", "", "10.0.0.1")).value(SshdKeyword.MAX_SESSIONS)).contains("10");
        assertThat(c.effective(ConnectionSpec.of("bob", "", "10.0.0.1").withGroups("wheel"))
                .value(SshdKeyword.MAX_SESSIONS)).contains("2");
    }

    @Test
    @dev.bulwark.testing.RequiresTool({"find", "sshd", "ssh-keygen"})
    void readingAndWritingThroughAHostMatchesTheFileSystem() throws Exception {
        dev.bulwark.core.host.Host host = dev.bulwark.core.host.LocalHost.create();
        Path key = RealSshd.hostKey(dir);
        Path d = Files.createDirectories(dir.resolve("sshd_config.d"));
        Files.writeString(d.resolve("50-cloud-init.conf"), "PasswordAuthentication yes\n");
        Files.writeString(d.resolve(".hidden.conf"), "MaxAuthTries 9\n");
        Files.writeString(d.resolve("notes.txt"), "Bogus\n");
        Path main = dir.resolve("sshd_config");
        // absolute, so that sshd below reads the same drop-ins (a relative Include is sshd's /etc/ssh)
        Files.writeString(main, "HostKey " + key + "\nInclude " + d + "/*.conf\nPasswordAuthentication no\n");
        SshdConfig viaHost = SshdConfig.read(host, main);
        SshdConfig viaDisk = SshdConfig.read(main);
        assertThat(viaHost.files()).isEqualTo(viaDisk.files());
        assertThat(viaHost.directives()).isEqualTo(viaDisk.directives());

        SshdChange change = SshdHardening.harden(viaHost).change();
        change.write(host);
        assertThat(SshdConfig.read(main).files()).isEqualTo(change.after().files());
        assertThat(RealSshd.check(main).exitCode()).isZero();
        assertThatThrownBy(() -> SshdConfig.read(host, Path.of("relative/sshd_config")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("path on host " + host.name() + " must be absolute: relative/sshd_config");
    }

    @Test
    void nestedRelativeIncludesResolveAgainstTheConfigurationDirectoryNotTheIncludingFilesFolder() throws Exception {
        Path d = Files.createDirectories(dir.resolve("sshd_config.d"));
        Files.writeString(d.resolve("10-a.conf"), "Include extra.conf\n");
        Files.writeString(dir.resolve("extra.conf"), "MaxAuthTries 2\n");
        Files.writeString(d.resolve("extra.conf"), "MaxAuthTries 9\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "Include sshd_config.d/*.conf\n");
        SshdConfig c = SshdConfig.read(main, IncludeRoot.directory(dir));
        assertThat(c.effective().value(SshdKeyword.MAX_AUTH_TRIES)).contains("2");
        assertThat(c.effective().source(SshdKeyword.MAX_AUTH_TRIES).orElseThrow().location())
                .isEqualTo(dir.resolve("extra.conf") + ":1");
    }
}
