package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdHardeningTest {

    @TempDir
    Path dir;

    @Test
    void hardeningFixesTheSeedFindingsAndReportsThem() {
        SshdConfig c = SshdConfig.parse("# mine\nPermitRootLogin yes\nX11Forwarding yes\nMatch User alice\n  X11Forwarding yes\n");
        SshdHardening.Result r = SshdHardening.harden(c, HardeningBaseline.SEED.withAllowUsers("alice", "bob"));
        assertThat(r.fixed()).extracting(Finding::id).contains("ssh.permit-root-login", "ssh.password-authentication",
                "ssh.kbd-interactive-authentication", "ssh.max-auth-tries", "ssh.login-grace-time", "ssh.no-allow-list",
                "ssh.weak-macs", "ssh.x11-forwarding");
        assertThat(r.remaining()).extracting(Finding::id).containsExactly("ssh.x11-forwarding");
        assertThat(r.remaining().get(0).message()).startsWith("Inside Match User alice");
        String hardened = r.hardened().render();
        assertThat(hardened).startsWith("# mine\nPermitRootLogin no\nX11Forwarding no\n");
        assertThat(hardened).endsWith("Match User alice\n  X11Forwarding yes\n");
        assertThat(hardened.indexOf("PasswordAuthentication no")).isLessThan(hardened.indexOf("Match User alice"));
        assertThat(r.diff()).startsWith("--- sshd_config\n+++ sshd_config\n@@ -1,5 +1,16 @@\n # mine\n"
                + "-PermitRootLogin yes\n-X11Forwarding yes\n+PermitRootLogin no\n+X11Forwarding no\n");
    }

    @Test
    void hardeningIsIdempotent() {
        SshdConfig once = SshdHardening.harden(SshdConfig.parse("Port 22\n")).hardened();
        SshdHardening.Result twice = SshdHardening.harden(once);
        assertThat(twice.change().isEmpty()).isTrue();
        assertThat(twice.fixed()).isEmpty();
    }

    @Test
    void baselineValuesAreValidated() {
        assertThatThrownBy(() -> HardeningBaseline.SEED.withAllowUsers("alice\nPermitRootLogin yes"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("baseline value for AllowUsers must be one word without control characters, '#', quotes or backslashes");
        assertThatThrownBy(() -> HardeningBaseline.SEED.withPort(0)).hasMessage("baseline Port: Badly formatted port number.");
    }

    @Test
    @RequiresTool({"sshd", "ssh-keygen"})
    void hardeningNeutralisesAnEarlierDropInAndPassesSshd() throws Exception {
        Path key = RealSshd.hostKey(dir);
        Path d = Files.createDirectories(dir.resolve("sshd_config.d"));
        Path cloud = d.resolve("50-cloud-init.conf");
        Files.writeString(cloud, "PasswordAuthentication yes\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "HostKey " + key + "\nInclude " + d + "/*.conf\nPasswordAuthentication no\n"
                + "Match Address 10.0.0.0/8\n    MaxSessions 2\n");
        SshdHardening.Result r = SshdHardening.harden(SshdConfig.read(main), HardeningBaseline.SEED.withPort(2222));
        assertThat(r.fixed()).extracting(Finding::id).contains("ssh.password-authentication", "ssh.overridden-setting");
        assertThat(r.change().changedFiles()).extracting(SshdConfigFile::name).containsExactly(main.toString(), cloud.toString());
        assertThat(r.diff()).contains("--- " + cloud + "\n+++ " + cloud + "\n@@ -1 +1 @@\n-PasswordAuthentication yes\n"
                + "+PasswordAuthentication no\n");
        for (SshdConfigFile f : r.hardened().files()) {
            Files.writeString(f.path().orElseThrow(), f.text());
        }
        RealSshd.Result check = RealSshd.check(main);
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        String dump = RealSshd.dump(main, "user=root,host=h,addr=10.1.1.1,laddr=10.0.0.1,lport=2222").stdout();
        assertThat(dump).contains("passwordauthentication no\n", "permitrootlogin no\n", "port 2222\n",
                "maxauthtries 3\n", "logingracetime 30\n", "kbdinteractiveauthentication no\n", "maxsessions 2\n");
        assertThat(dump).doesNotContain("port 22\n");
    }
}
