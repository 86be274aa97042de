package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example's main, run as its own JVM: a bad argument exits 2 with one line and no stack trace; --help exits 0. */
class ExampleMainsTest {

    @TempDir
    Path temp;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome java(String main, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.bulwark.examples." + main));
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "SecureBaseline;--outt;SecureBaseline: unknown argument '--outt' (SecureBaseline --help lists the options)",
        "SshKeysExample;only-a-dir;SshKeysExample: missing arguments (usage: SshKeysExample DIR PASSPHRASE)",
        "SshdHardeningExample;/nonexistent/sshd_config;SshdHardeningExample: /nonexistent/sshd_config: no such file",
        "FirewallExample;pf;FirewallExample: unknown form 'pf' (use iptables, ip6tables, nftables, ufw or firewalld)"
                + " (usage: FirewallExample [iptables|ip6tables|nftables|ufw|firewalld])",
        "PrivateNetworkExample;a b;PrivateNetworkExample: too many arguments (usage: PrivateNetworkExample [DIR])",
        "UnattendedUpdatesExample;now;UnattendedUpdatesExample: too many arguments (usage: UnattendedUpdatesExample)",
    })
    void aBadArgumentExitsTwoWithOneLine(String main, String args, String message) throws Exception {
        Outcome o = java(main, List.of(args.split(" ")));
        assertThat(o.status()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).isEqualTo(message + "\n");
        assertThat(o.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ServiceAuditExample|usage: ServiceAuditExample [--markdown] [name:exposure:proto/port[@net,...]...]",
        "PkiExample|usage: PkiExample [DIR [NAME...]]",
    })
    void helpPrintsTheUsageAndExitsZero(String main, String usage) throws Exception {
        Outcome o = java(main, List.of("--help"));
        assertThat(o.status()).isZero();
        assertThat(o.out()).isEqualTo(usage + "\n");
        assertThat(o.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ServiceAuditExample|web:sideways:tcp/80|",
        "PkiExample|DIR|bad_name!",
    })
    void aBadValueExitsTwoWithoutAStackTrace(String main, String arg1, String arg2) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(arg1.replace("DIR", temp.resolve("pki").toString()));
        if (arg2 != null) {
            args.add(arg2);
        }
        Outcome o = java(main, args);
        assertThat(o.status()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).startsWith(main + ": ").hasLineCount(1).doesNotContain("Exception", "\tat ");
    }
}
