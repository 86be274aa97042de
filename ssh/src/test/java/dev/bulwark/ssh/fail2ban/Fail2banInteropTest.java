package dev.bulwark.ssh.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** fail2ban's own reader ({@code fail2ban-client -c dir -d}, offline) accepts what Bulwark writes and agrees with what it reads. */
@RequiresTool("fail2ban-client")
class Fail2banInteropTest {

    @TempDir
    Path dir;

    private Path copyOfEtc() throws IOException {
        Path src = Path.of("/etc/fail2ban");
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    private static String dump(Path conf) throws Exception {
        Process p = new ProcessBuilder(Tools.path("fail2ban-client"), "-c", conf.toString(), "-d")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @ParameterizedTest
    @EnumSource(BanAction.class)
    void fail2banAcceptsTheGeneratedJail(BanAction action) throws Exception {
        Path conf = copyOfEtc();
        SshdJail jail = SshdJail.builder().port(2222).maxRetry(4).banAction(action).build();
        jail.write(conf.resolve("jail.local"));
        String out = dump(conf);
        assertThat(out).contains("['add', 'sshd', 'systemd']", "['set', 'sshd', 'maxretry', 4]",
                "['set', 'sshd', 'findtime', '10m']", "['set', 'sshd', 'bantime', '1h']",
                "['set', 'sshd', 'bantime.increment', True]", "['set', 'sshd', 'bantime.maxtime', '1w']",
                "['set', 'sshd', 'addaction', '" + action.wireName() + "']");
        assertThat(out).containsPattern("\\['port', '2222'\\]");
    }

    @Test
    void bulwarkReadsTheSameSshdJailAsFail2ban() throws Exception {
        Path conf = copyOfEtc();
        Files.writeString(conf.resolve("jail.d/zz-strict.conf"), "[DEFAULT]\nbantime = 2h\n[sshd]\nmaxretry = 4\n");
        Files.writeString(conf.resolve("jail.local"), "[sshd]\nfindtime = 20m\nbackend = polling\n");
        Files.writeString(conf.resolve("jail.d/aa-late.local"), "[sshd]\nmaxretry = 2\n");
        String out = dump(conf);
        JailSettings ours = Fail2banConfig.read(conf).sshdJail().orElseThrow();

        assertThat(ours.enabled()).isEqualTo(out.contains("['add', 'sshd', "));
        assertThat(out).contains("['add', 'sshd', '" + ours.value("backend").orElseThrow() + "']");
        assertThat(out).contains("['set', 'sshd', 'maxretry', " + ours.maxRetry().orElseThrow() + "]");
        assertThat(out).contains("['set', 'sshd', 'findtime', '" + ours.value("findtime").orElseThrow() + "']");
        assertThat(out).contains("['set', 'sshd', 'bantime', '" + ours.value("bantime").orElseThrow() + "']");
        assertThat(ours.maxRetry()).contains(2);
        assertThat(ours.value("bantime")).contains("2h");
        assertThat(ours.where("maxretry")).isEqualTo(conf.resolve("jail.d/aa-late.local") + ":2");
        assertThat(Fail2banConfig.read(conf).audit(List.of(22))).extracting(f -> f.id())
                .containsExactly("fail2ban.sshd-jail");
    }
}
