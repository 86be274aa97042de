package dev.bulwark.ssh.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SshdJailTest {

    @Test
    void rendersTheSeedJail() {
        assertThat(SshdJail.builder().port(2222).build().render()).isEqualTo(
                "# Written by Bulwark: ban addresses that fail SSH logins.\n"
                        + "[sshd]\n"
                        + "enabled = true\n"
                        + "port = 2222\n"
                        + "maxretry = 3\n"
                        + "findtime = 10m\n"
                        + "bantime = 1h\n"
                        + "bantime.increment = true\n"
                        + "bantime.factor = 1\n"
                        + "bantime.maxtime = 1w\n"
                        + "bantime.overalljails = false\n"
                        + "backend = systemd\n"
                        + "banaction = nftables-multiport\n");
    }

    @Test
    void rendersWithoutIncrementAndWithOtherChoices() {
        String text = SshdJail.builder().ports("ssh", "2222").noIncrement().backend(Backend.POLLING)
                .banAction(BanAction.UFW).banTime(Duration.ofSeconds(-1)).findTime(Duration.ofSeconds(90)).build().render();
        assertThat(text).contains("port = ssh,2222\n", "bantime = -1\n", "findtime = 90\n", "backend = polling\n",
                "banaction = ufw\n").doesNotContain("bantime.increment");
    }

    @Test
    void rejectsValuesThatCouldInjectLines() {
        assertThatThrownBy(() -> SshdJail.builder().ports("22\nenabled = false").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("port '22?enabled = false' is not a port number 1-65535, a range a:b or a service name");
        assertThatThrownBy(() -> SshdJail.builder().ports("70000").build()).isInstanceOf(ValidationException.class)
                .hasMessage("port '70000' is not a port number 1-65535, a range a:b or a service name");
        assertThatThrownBy(() -> SshdJail.builder().ports("9:1").build()).isInstanceOf(ValidationException.class)
                .hasMessage("port '9:1' is not a port number 1-65535, a range a:b or a service name");
        assertThatThrownBy(() -> SshdJail.builder().maxRetry(0).build()).hasMessage("maxRetry 0 is outside 1..100");
        assertThatThrownBy(() -> SshdJail.builder().banTime(Duration.ZERO).build())
                .hasMessage("banTime PT0S must be at least one second (or -1 for ever)");
        assertThatThrownBy(() -> new BantimeIncrement(0, Duration.ofDays(1), false))
                .hasMessage("bantime.factor 0 is outside 1..100");
    }

    @Test
    void renderedJailParsesBack() {
        SshdJail jail = SshdJail.builder().port(2200).maxRetry(4).build();
        JailSettings parsed = Fail2banConfig.parse(jail.render()).sshdJail().orElseThrow();
        assertThat(parsed.enabled()).isTrue();
        assertThat(parsed.maxRetry()).contains(4);
        assertThat(parsed.findTime()).contains(Duration.ofMinutes(10));
        assertThat(parsed.banTime()).contains(Duration.ofHours(1));
        assertThat(parsed.incremental()).isTrue();
        assertThat(parsed.value("port")).contains("2200");
        assertThat(parsed.where("maxretry")).isEqualTo("jail.local:5");
    }
}
