package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.pki.Pki;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.testing.ReadmeSamples;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import dev.bulwark.vpn.Vpn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs examples/jshell/baseline.jsh through the JDK's real jshell, with imports.jsh as startup, as the launcher does.
 *
 * <p>jshell keeps its settings in {@code java.util.prefs}, under {@code ~/.java/.userPrefs} by default; on a machine
 * where no Java program ever used them, the JDK creates that directory and logs "Created user preferences
 * directory." into jshell's output. The test gives jshell its own fresh preferences root, in which the directory
 * already exists, so it runs the same on a fresh machine as on a used one, and neither reads nor writes the
 * user's own jshell settings.
 */
@Tag("interop")
class JShellScriptTest {

    @Test
    @RequiresTool("jshell")
    void theBaselineScriptRunsInJShell(@TempDir Path prefsRoot) throws Exception {
        Files.createDirectories(prefsRoot.resolve(".java/.userPrefs"));
        List<Path> classpath = ReadmeSamples.locations(SafeFiles.class, Ssh.class, Firewall.class, Pki.class, Vpn.class,
                SecureBaseline.class, com.google.zxing.BarcodeFormat.class, org.slf4j.LoggerFactory.class,
                org.bouncycastle.asn1.x500.X500Name.class, org.bouncycastle.cert.X509CertificateHolder.class,
                org.bouncycastle.asn1.bsi.BSIObjectIdentifiers.class);
        Process p = new ProcessBuilder(Tools.path("jshell"), "-J-Djava.util.prefs.userRoot=" + prefsRoot,
                "--class-path",
                classpath.stream().map(Path::toString).collect(Collectors.joining(":")),
                "--startup", "DEFAULT", "--startup", "jshell/imports.jsh", "jshell/baseline.jsh")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines()).as(output).hasSize(4);
        assertThat(output).matches("ssh key: ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}\n"
                + "nft: tcp dport 443 accept comment \"https\"\n"
                + "wireguard: \\[gw, laptop\\] laptop at \\[/10\\.8\\.0\\.2\\]\n"
                + "tls: CN=web1\\.example\\.com issued by CN=JShell CA\n");
    }
}
