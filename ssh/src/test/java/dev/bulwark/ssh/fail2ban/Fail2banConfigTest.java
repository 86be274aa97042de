package dev.bulwark.ssh.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.fail2ban.internal.Durations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class Fail2banConfigTest {

    @Test
    void defaultSectionIsInheritedAndInterpolated() {
        String text = "[DEFAULT]\nbantime = 30m\nmaxretry = 5\nmyport = 2222\n\n[sshd]\nenabled = yes\n"
                + "port = %(myport)s ; inline comment\nmaxretry = 3\n";
        JailSettings j = Fail2banConfig.parse(text).sshdJail().orElseThrow();
        assertThat(j.banTime()).contains(Duration.ofMinutes(30));
        assertThat(j.maxRetry()).contains(3);
        assertThat(j.value("port")).contains("2222");
        assertThat(j.where("bantime")).isEqualTo("jail.local:2");
        assertThat(j.enabled()).isTrue();
    }

    @Test
    void durationsFollowFail2ban() {
        assertThat(Durations.seconds("600")).contains(600L);
        assertThat(Durations.seconds("10m")).contains(600L);
        assertThat(Durations.seconds("1h30m")).contains(5400L);
        assertThat(Durations.seconds("1year-6mo")).contains(15778800L);
        assertThat(Durations.seconds("2 days")).contains(172800L);
        assertThat(Durations.seconds("-1")).contains(-1L);
        assertThat(Durations.seconds("10 parsecs")).isEmpty();
        assertThat(Durations.seconds("")).isEmpty();
    }

    @Test
    void auditReportsStrictnessAndWeakSettings() {
        List<Finding> weak = Fail2banConfig.parse("[sshd]\nenabled = true\nmaxretry = 10\nfindtime = 1m\nbantime = 5m\n")
                .audit(List.of(2222));
        assertThat(weak).extracting(Finding::id).containsExactly("fail2ban.sshd-maxretry", "fail2ban.sshd-findtime",
                "fail2ban.sshd-bantime", "fail2ban.sshd-port-mismatch", "fail2ban.sshd-jail");
        assertThat(weak.get(3).message()).isEqualTo("sshd listens on port 2222 but the [sshd] jail bans on 'ssh'");
        assertThat(weak.get(4).message()).isEqualTo("The [sshd] jail is on: 10 failures within 1m ban for 5m, "
                + "backend auto, action ?");

        List<Finding> strict = Fail2banConfig.parse(SshdJail.builder().port(2222).build().render()).audit(List.of(2222));
        assertThat(strict).extracting(Finding::id).containsExactly("fail2ban.sshd-jail");
        assertThat(strict.get(0).message()).isEqualTo("The [sshd] jail is on: 3 failures within 10m ban for 1h, "
                + "increasing, backend systemd, action nftables-multiport");
    }

    @Test
    void disabledOrMissingJailIsReported() {
        assertThat(Fail2banConfig.parse("[sshd]\nenabled = false\n").audit()).extracting(Finding::id)
                .containsExactly("fail2ban.sshd-jail-disabled");
        assertThat(Fail2banConfig.parse("[nginx]\nenabled = true\n").audit()).extracting(Finding::subject, Finding::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jail.local", "fail2ban.sshd-jail-missing"));
    }

    @Test
    void aMissingJailIsHighWhileSshdStillAcceptsPasswords() {
        Fail2banConfig none = Fail2banConfig.parse("[nginx]\nenabled = true\n");
        assertThat(none.audit(dev.bulwark.ssh.config.SshdConfig.parse("Port 2222\n")))
                .extracting(Finding::severity).containsExactly(dev.bulwark.core.audit.Severity.HIGH);
        assertThat(none.audit(dev.bulwark.ssh.config.SshdConfig.parse("PasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\n"))).extracting(Finding::severity)
                .containsExactly(dev.bulwark.core.audit.Severity.LOW);
        List<Finding> jail = Fail2banConfig.parse("[sshd]\nenabled = true\nport = ssh\n")
                .audit(dev.bulwark.ssh.config.SshdConfig.parse("Port 2222\nPasswordAuthentication no\n"));
        assertThat(jail).extracting(Finding::id).containsExactly("fail2ban.sshd-port-mismatch", "fail2ban.sshd-jail");
    }

    @Test
    void malformedLinesAreParseExceptionsWithTheLine() {
        assertThatThrownBy(() -> Fail2banConfig.parse("[sshd]\nenabled true\n"))
                .isInstanceOf(ParseException.class)
                .hasMessage("jail.local:2:1: expected 'key = value' or a [section] header in 'enabled true'");
        assertThatThrownBy(() -> Fail2banConfig.parse("enabled = true\n"))
                .hasMessage("jail.local:1:1: option outside of any [section] in 'enabled = true'");
    }
}
