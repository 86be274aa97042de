package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bulwark's effective configuration equals {@code sshd -T -C} on the corpus for several connections. */
@RequiresTool({"sshd", "ssh-keygen"})
class EffectiveConfigInteropTest {

    /** ListenAddress lines depend on getaddrinfo's order of the expanded ports; Bulwark prints them as written. */
    private static final Set<String> NOT_COMPARED = Set.of("listenaddress");

    static final List<ConnectionSpec> SPECS = List.of(
            ConnectionSpec.of("root", "admin.example.com", "10.0.0.5").withGroups("root").withLocal("10.0.0.1", 22),
            ConnectionSpec.of("alice", "laptop.home.arpa", "192.168.1.20").withLocal("192.168.1.1", 2222),
            ConnectionSpec.of("nobody", "scanner.evil.net", "203.0.113.7").withGroups("nogroup")
                    .withLocal("198.51.100.1", 22),
            ConnectionSpec.of("root", "v6.example.org", "2001:db8::5").withGroups("root").withLocal("::1", 22)
                    .withRDomain("vrf1"),
            ConnectionSpec.of("bob", "www.example.com", "10.9.8.7").withLocal("10.0.0.1", 2222));

    @TempDir
    Path dir;

    static Stream<String> cases() {
        return Corpus.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void effectiveConfigurationEqualsSshdTestMode(String name) throws Exception {
        Path main = Corpus.write(name, dir, RealSshd.hostKey(dir));
        RealSshd.Result check = RealSshd.check(main);
        assertThat(check.exitCode()).as("sshd -t: %s", check.stderr()).isZero();
        SshdConfig config = SshdConfig.read(main);

        RealSshd.Result global = RealSshd.dump(main, "");
        if (global.stderr().contains("not in connection test specification")) {
            // sshd -T without -C cannot evaluate Match LocalPort; only the per-connection dumps compare
            assertThat(config.directives(SshdKeyword.MATCH)).anyMatch(d -> d.value().contains("LocalPort"));
        } else {
            compare(name + " global", config.effective(), global);
        }
        for (ConnectionSpec spec : SPECS) {
            compare(name + " " + spec.toTestSpec(), config.effective(spec), RealSshd.dump(main, spec.toTestSpec()));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void hardenedCorpusPassesSshdAndStillMatchesItsTestMode(String name) throws Exception {
        Path main = Corpus.write(name, dir, RealSshd.hostKey(dir));
        SshdHardening.Result hardened = SshdHardening.harden(SshdConfig.read(main),
                HardeningBaseline.SEED.withAllowUsers("root", "alice"));
        hardened.change().write();
        RealSshd.Result check = RealSshd.check(main);
        assertThat(check.exitCode()).as("sshd -t: %s", check.stderr()).isZero();
        SshdConfig reread = SshdConfig.read(main);
        assertThat(reread.files()).extracting(SshdConfigFile::text)
                .isEqualTo(hardened.hardened().files().stream().map(SshdConfigFile::text).collect(Collectors.toList()));
        RealSshd.Result global = RealSshd.dump(main, "user=nobody,host=h,addr=192.0.2.9,laddr=192.0.2.1,lport=22");
        assertThat(global.stdout()).contains("permitrootlogin no\n", "passwordauthentication no\n",
                "kbdinteractiveauthentication no\n", "maxauthtries 3\n", "x11forwarding no\n", "logingracetime 30\n",
                "allowusers root\nallowusers alice\n", "macs hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
                + "umac-128-etm@openssh.com\n");
        for (ConnectionSpec spec : SPECS) {
            compare(name + " hardened " + spec.toTestSpec(), reread.effective(spec), RealSshd.dump(main, spec.toTestSpec()));
        }
    }

    private static void compare(String what, EffectiveConfig ours, RealSshd.Result sshd) {
        assertThat(sshd.exitCode()).as("sshd -T for %s: %s", what, sshd.stderr()).isZero();
        Map<String, List<String>> theirs = RealSshd.parseDump(sshd.stdout());
        Map<String, List<String>> mine = ours.asMap();
        Set<String> onlyTheirs = new TreeSet<>(theirs.keySet());
        onlyTheirs.removeAll(mine.keySet());
        onlyTheirs.removeAll(NOT_COMPARED);
        Set<String> onlyMine = new TreeSet<>(mine.keySet());
        onlyMine.removeAll(theirs.keySet());
        onlyMine.removeAll(NOT_COMPARED);
        assertThat(onlyTheirs).as("%s: keywords only sshd prints", what).isEmpty();
        assertThat(onlyMine).as("%s: keywords only Bulwark prints", what).isEmpty();
        for (String keyword : theirs.keySet()) {
            if (!NOT_COMPARED.contains(keyword)) {
                assertThat(mine.get(keyword)).as("%s: %s", what, keyword).isEqualTo(theirs.get(keyword));
            }
        }
    }
}
