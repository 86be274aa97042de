package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the keyword table against the installed sshd: acceptance, obsolete keywords, multiplicity. */
@RequiresTool({"sshd", "ssh-keygen"})
class SshdKeywordInteropTest {

    private static final Map<SshdKeyword, List<String>> SAMPLES = Map.ofEntries(
            Map.entry(SshdKeyword.PORT, List.of("2222", "2200")),
            Map.entry(SshdKeyword.LISTEN_ADDRESS, List.of("127.0.0.1", "127.0.0.2")),
            Map.entry(SshdKeyword.SYSLOG_FACILITY, List.of("LOCAL0", "LOCAL1")),
            Map.entry(SshdKeyword.LOG_LEVEL, List.of("VERBOSE", "ERROR")),
            Map.entry(SshdKeyword.FINGERPRINT_HASH, List.of("MD5", "SHA256")),
            Map.entry(SshdKeyword.IP_QOS, List.of("af21", "cs1")),
            Map.entry(SshdKeyword.STREAM_LOCAL_BIND_MASK, List.of("022", "077")),
            Map.entry(SshdKeyword.CIPHERS, List.of("aes128-ctr", "aes256-ctr")),
            Map.entry(SshdKeyword.MACS, List.of("hmac-sha2-256", "hmac-sha2-512")),
            Map.entry(SshdKeyword.KEX_ALGORITHMS, List.of("curve25519-sha256", "diffie-hellman-group16-sha512")),
            Map.entry(SshdKeyword.SUBSYSTEM, List.of("sftp internal-sftp", "backup /usr/bin/true")),
            Map.entry(SshdKeyword.SET_ENV, List.of("A=1", "B=2")),
            Map.entry(SshdKeyword.CHANNEL_TIMEOUT, List.of("session=5m", "agent-connection=1h")),
            Map.entry(SshdKeyword.MAX_STARTUPS, List.of("5", "7")),
            Map.entry(SshdKeyword.PER_SOURCE_MAX_STARTUPS, List.of("3", "4")),
            Map.entry(SshdKeyword.PER_SOURCE_NET_BLOCK_SIZE, List.of("24", "16")),
            Map.entry(SshdKeyword.REKEY_LIMIT, List.of("1G", "2G")),
            Map.entry(SshdKeyword.PERMIT_OPEN, List.of("host:22", "other:80")),
            Map.entry(SshdKeyword.PERMIT_LISTEN, List.of("8080", "9090")),
            Map.entry(SshdKeyword.AUTHENTICATION_METHODS, List.of("publickey", "password")),
            Map.entry(SshdKeyword.PUBKEY_AUTH_OPTIONS, List.of("verify-required", "touch-required")),
            Map.entry(SshdKeyword.PERMIT_USER_ENVIRONMENT, List.of("yes", "no")),
            Map.entry(SshdKeyword.AUTHORIZED_KEYS_COMMAND, List.of("/bin/a", "/bin/b")),
            Map.entry(SshdKeyword.AUTHORIZED_PRINCIPALS_COMMAND, List.of("/bin/a", "/bin/b")),
            Map.entry(SshdKeyword.GSSAPI_KEX_ALGORITHMS, List.of("gss-group14-sha256-", "gss-group16-sha512-")),
            Map.entry(SshdKeyword.SECURITY_KEY_PROVIDER, List.of("/usr/lib/a.so", "/usr/lib/b.so")));

    @TempDir
    Path dir;

    static Stream<SshdKeyword> options() {
        return Stream.of(SshdKeyword.values()).filter(k -> k.multiplicity() != SshdKeyword.Multiplicity.STRUCTURE
                && k != SshdKeyword.HOST_KEY && k != SshdKeyword.HOST_CERTIFICATE && k != SshdKeyword.RDOMAIN
                && k != SshdKeyword.HOST_KEY_AGENT);
    }

    private static List<String> samples(SshdKeyword k) {
        if (SAMPLES.containsKey(k)) {
            return SAMPLES.get(k);
        }
        switch (k.kind()) {
            case FLAG: return List.of("yes", "no");
            case TIME: return List.of("30", "45");
            case INT: return List.of("3", "4");
            case CHOICE: return k == SshdKeyword.ADDRESS_FAMILY ? List.of("inet", "inet6") : List.of("no", "yes");
            case ALGORITHMS: return List.of("ssh-ed25519", "rsa-sha2-512");
            default: return List.of("/tmp/a", "/tmp/b");
        }
    }

    @ParameterizedTest
    @MethodSource("options")
    void sshdAcceptsTheKeywordAndCombinesRepeatsAsTheTableSays(SshdKeyword k) throws Exception {
        Path key = RealSshd.hostKey(dir);
        List<String> v = samples(k);
        Path file = dir.resolve("sshd_config");
        String user = k == SshdKeyword.AUTHORIZED_KEYS_COMMAND ? "AuthorizedKeysCommandUser nobody\n"
                : k == SshdKeyword.AUTHORIZED_PRINCIPALS_COMMAND ? "AuthorizedPrincipalsCommandUser nobody\n" : "";
        Files.writeString(file, "HostKey " + key + "\n" + user + k.wireName() + " " + v.get(0) + "\n"
                + k.wireName().toUpperCase(Locale.ROOT) + " " + v.get(1) + "\n");
        RealSshd.Result check = RealSshd.check(file);
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        SshdConfig ours = SshdConfig.read(file);
        if (k.isObsolete()) {
            String expected = k.multiplicity() == SshdKeyword.Multiplicity.DEPRECATED ? "Deprecated option "
                    : k.multiplicity() == SshdKeyword.Multiplicity.UNSUPPORTED ? "Unsupported option " : "";
            assertThat(check.stderr()).contains(expected);
            assertThat(ours.effective().asMap()).doesNotContainKey(k.wireName().toLowerCase(Locale.ROOT));
            return;
        }
        assertThat(check.stderr()).doesNotContain("Deprecated", "Unsupported");
        if (k == SshdKeyword.LISTEN_ADDRESS || k == SshdKeyword.DEBIAN_BANNER) {
            return;
        }
        String name = k.wireName().toLowerCase(Locale.ROOT);
        List<String> theirs = RealSshd.parseDump(RealSshd.dump(file, "").stdout()).get(name);
        assertThat(ours.effective().asMap().get(name)).as(name).isEqualTo(theirs);
    }

    @Test
    void sshdRejectsWhatTheTableDoesNotKnow() throws Exception {
        Path file = dir.resolve("sshd_config");
        Files.writeString(file, "HostKey " + RealSshd.hostKey(dir) + "\nUseBlacklist yes\n");
        assertThat(RealSshd.check(file).stderr()).contains("Bad configuration option: UseBlacklist");
        assertThat(SshdKeyword.lookup("UseBlacklist")).isEmpty();
        assertThat(SshdKeyword.lookup("challengeresponseauthentication")).contains(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION);
    }
}
