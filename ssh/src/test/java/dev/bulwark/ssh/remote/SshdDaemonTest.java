package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading how the host started its sshd, from the probe's output (pid, OpenSSH's process title, cgroups). */
class SshdDaemonTest {

    @Test
    void aDaemonOfASystemdUnitIsRestartedThroughTheUnit() throws IOException {
        SshdDaemon d = SshdDaemon.parse("name sshd\npid 812\ncmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\n"
                + "cgroup 0::/system.slice/ssh.service\n", 22, "web1");
        assertThat(d.pid()).isEqualTo(812);
        assertThat(d.restartCommand()).containsExactly("systemctl", "restart", "ssh.service");
        assertThat(d.means()).isEqualTo("its systemd unit (systemctl restart ssh.service)");
    }

    @Test
    void aDaemonStartedByHandIsRestartedWithTheArgumentsOfItsProcessTitle() throws IOException {
        SshdDaemon d = SshdDaemon.parse("name sshd\npid 9\ncmdline sshd: /usr/sbin/sshd -D -e -f /etc/ssh/alt_config"
                + " [listener] 0 of 10-100 startups\ncgroup 0::/\n", 2222, "web1");
        assertThat(d.restartCommand()).containsExactly("sh", "-c", "setsid nohup \"$@\" >/dev/null 2>&1 </dev/null & exit 0",
                "sh", "/usr/sbin/sshd", "-D", "-e", "-f", "/etc/ssh/alt_config");
    }

    @Test
    void anUntouchedCommandLineIsTakenArgumentByArgument() {
        assertThat(SshdDaemon.arguments("/usr/sbin/sshd\u001f-f\u001f/etc/ssh/a b\u001f"))
                .containsExactly("/usr/sbin/sshd", "-f", "/etc/ssh/a b");
    }

    @Test
    void socketActivationHasNoDaemonThatCouldDie() throws IOException {
        SshdDaemon d = SshdDaemon.parse("name systemd\npid 1\ncmdline /sbin/init\ncgroup 0::/init.scope\n", 22, "web1");
        assertThat(d.canDie()).isFalse();
        assertThat(d.restartCommand()).isEqualTo(List.of());
    }

    @Test
    void aDaemonThatCannotBeStartedAgainIsRefused() {
        assertThatThrownBy(() -> SshdDaemon.parse("name sshd\npid 77\ncmdline sshd\ncgroup 0::/\n", 22, "web1"))
                .isInstanceOf(IOException.class)
                .hasMessage("the sshd listening on port 22 of web1 (pid 77) was started neither by a systemd unit nor with"
                        + " a command line Bulwark can read back ('sshd'), so it could not be started again if a reload"
                        + " killed it");
    }
}
