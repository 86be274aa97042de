package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the main job into a temporary directory and checks the kit with the real tools. */
@Tag("interop")
class SecureBaselineKitTest {

    @TempDir
    static Path temp;
    static Path kit;
    static String stdout;
    static String stderr;
    static int status;

    @BeforeAll
    static void runTheKit() {
        kit = temp.resolve("kit");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = SecureBaseline.run(List.of("--out", kit.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
    }

    static String passphrase() {
        Matcher m = Pattern.compile("shown only now \\(also in ssh/PASSPHRASE, 0600\\): (\\S+)\n").matcher(stdout);
        assertThat(m.find()).as(stdout).isTrue();
        return m.group(1);
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void exitsZeroWithAShortSummaryAndThePassphraseOnce() throws IOException {
        assertThat(status).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        assertThat(stdout.lines()).hasSize(3);
        assertThat(stdout).startsWith("Secure baseline for web1.example.com written to " + kit.toAbsolutePath() + " (");
        assertThat(passphrase()).matches("([a-z2-9]{5}-){4}[a-z2-9]{5}");
        assertThat(Files.readString(kit.resolve("ssh/PASSPHRASE"))).isEqualTo(passphrase() + "\n");
        assertThat(Files.readString(kit.resolve("REPORT.md"))).doesNotContain(passphrase())
                .contains("## Files", "## How to apply", "## Findings that remain", "| `pki/db1.example.com.key` | 0600 |");
    }

    @Test
    void writesEveryFileOfTheContractWithItsMode() throws IOException {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("", "rwx------"), Map.entry("ssh", "rwx------"), Map.entry("pki", "rwx------"),
                Map.entry("vpn", "rwx------"), Map.entry("firewall", "rwxr-xr-x"), Map.entry("updates", "rwxr-xr-x"),
                Map.entry("ssh/id_ed25519", "rw-------"), Map.entry("ssh/PASSPHRASE", "rw-------"),
                Map.entry("ssh/id_ed25519.pub", "rw-r--r--"), Map.entry("ssh/authorized_keys", "rw-------"),
                Map.entry("ssh/sshd_config", "rw-r--r--"), Map.entry("ssh/sshd_config.diff", "rw-r--r--"),
                Map.entry("ssh/jail.local", "rw-r--r--"), Map.entry("firewall/ufw.sh", "rwxr-xr-x"),
                Map.entry("firewall/firewalld.sh", "rwxr-xr-x"), Map.entry("firewall/rules.v4", "rw-r--r--"),
                Map.entry("firewall/rules.v6", "rw-r--r--"), Map.entry("firewall/ruleset.nft", "rw-r--r--"),
                Map.entry("pki/ca.crt", "rw-r--r--"), Map.entry("pki/crl.pem", "rw-r--r--"),
                Map.entry("pki/ca/ca.key", "rw-------"),
                Map.entry("pki/web1.example.com.crt", "rw-r--r--"), Map.entry("pki/web1.example.com.key", "rw-------"),
                Map.entry("pki/db1.example.com.crt", "rw-r--r--"), Map.entry("pki/db1.example.com.key", "rw-------"),
                Map.entry("vpn/web1.example.com.conf", "rw-------"), Map.entry("vpn/laptop.conf", "rw-------"),
                Map.entry("vpn/phone.conf", "rw-------"), Map.entry("vpn/laptop.png", "rw-------"),
                Map.entry("vpn/phone.png", "rw-------"), Map.entry("updates/20auto-upgrades", "rw-r--r--"),
                Map.entry("updates/52bulwark-unattended-upgrades", "rw-r--r--"), Map.entry("REPORT.md", "rw-------")));
        Map<String, String> actual = new TreeMap<>();
        for (String path : expected.keySet()) {
            actual.put(path, PosixFilePermissions.toString(Files.getPosixFilePermissions(kit.resolve(path))));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(Files.readString(kit.resolve("updates/20auto-upgrades")))
                .contains("APT::Periodic::Unattended-Upgrade \"1\";");
        assertThat(Files.readString(kit.resolve("ssh/authorized_keys")))
                .isEqualTo(Files.readString(kit.resolve("ssh/id_ed25519.pub")));
    }

    @Test
    void noFileOutsideTheOwnerOnlyDirectoriesHoldsASecret() throws IOException {
        String passphrase = passphrase();
        try (Stream<Path> files = Files.walk(kit)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains("PRIVATE KEY") || text.contains("PrivateKey") || text.contains(passphrase)) {
                    assertThat(mode).as(f.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    @RequiresTool("ssh-keygen")
    void theKeyOpensWithThePassphraseAndMatchesThePublicKey() throws Exception {
        String derived = run(List.of(Tools.path("ssh-keygen"), "-y", "-P", passphrase(), "-f",
                kit.resolve("ssh/id_ed25519").toString()));
        String[] pub = Files.readString(kit.resolve("ssh/id_ed25519.pub")).split(" ");
        assertThat(derived.split(" ")[0] + " " + derived.split(" ")[1].strip()).isEqualTo(pub[0] + " " + pub[1]);
        assertThat(pub[2].strip()).isEqualTo("alice@web1.example.com");
    }

    @Test
    @RequiresTool({"sshd", "ssh-keygen"})
    void sshdAcceptsTheHardenedConfig() throws Exception {
        Path hostKey = temp.resolve("host_ed25519");
        run(List.of(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        Files.createDirectories(Path.of("/run/sshd"));
        run(List.of(Tools.path("sshd"), "-t", "-f", kit.resolve("ssh/sshd_config").toString(), "-h", hostKey.toString()));
        String effective = run(List.of(Tools.path("sshd"), "-T", "-f", kit.resolve("ssh/sshd_config").toString(),
                "-h", hostKey.toString()));
        assertThat(effective).contains("permitrootlogin no\n", "passwordauthentication no\n", "allowusers alice\n");
        assertThat(Files.readString(kit.resolve("ssh/sshd_config.diff"))).contains("+PermitRootLogin no");
    }

    @Test
    @RequiresTool({"ip", "iptables-restore", "ip6tables-restore", "nft"})
    @RequiresNetworkNamespaces
    void theFirewallFilesLoadInANetworkNamespace() throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create("kit")) {
            for (List<String> command : List.of(
                    List.of("iptables-restore", "--test", kit.resolve("firewall/rules.v4").toString()),
                    List.of("ip6tables-restore", "--test", kit.resolve("firewall/rules.v6").toString()),
                    List.of("nft", "-c", "-f", kit.resolve("firewall/ruleset.nft").toString()))) {
                NetworkNamespace.ProcessResult r = ns.exec(command.toArray(new String[0]));
                assertThat(r.exitCode()).as(command + ": " + r.output()).isZero();
            }
        }
    }

    @Test
    @RequiresTool("openssl")
    void theCertificatesAndTheCrlVerifyAgainstTheCa() throws Exception {
        String ca = kit.resolve("pki/ca.crt").toString();
        for (String server : List.of("web1.example.com", "db1.example.com")) {
            String cert = kit.resolve("pki/" + server + ".crt").toString();
            assertThat(run(List.of(Tools.path("openssl"), "verify", "-CAfile", ca, cert))).isEqualTo(cert + ": OK\n");
            assertThat(run(List.of(Tools.path("openssl"), "x509", "-in", cert, "-noout", "-ext", "subjectAltName")))
                    .contains("DNS:" + server);
            String certKey = run(List.of(Tools.path("openssl"), "x509", "-in", cert, "-noout", "-pubkey"));
            String key = run(List.of(Tools.path("openssl"), "pkey", "-in", kit.resolve("pki/" + server + ".key").toString(),
                    "-pubout"));
            assertThat(key).isEqualTo(certKey);
        }
        assertThat(run(List.of(Tools.path("openssl"), "crl", "-in", kit.resolve("pki/crl.pem").toString(),
                "-CAfile", ca, "-verify", "-noout"))).isEqualTo("verify OK\n");
    }

    @Test
    @RequiresTool("wg")
    void everyPeersPrivateKeyMatchesThePublicKeyTheOthersHold() throws Exception {
        Map<String, String> configs = new TreeMap<>();
        for (String node : List.of("web1.example.com", "laptop", "phone")) {
            configs.put(node, Files.readString(kit.resolve("vpn/" + node + ".conf")));
        }
        Map<String, String> publicKeys = new TreeMap<>();
        for (Map.Entry<String, String> c : configs.entrySet()) {
            Matcher m = Pattern.compile("(?m)^PrivateKey = (\\S+)$").matcher(c.getValue());
            assertThat(m.find()).isTrue();
            Process p = new ProcessBuilder(Tools.path("wg"), "pubkey").redirectErrorStream(true).start();
            p.getOutputStream().write((m.group(1) + "\n").getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String pub = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertThat(p.waitFor()).isZero();
            publicKeys.put(c.getKey(), pub);
        }
        List<String> hubPeers = new ArrayList<>();
        Matcher peer = Pattern.compile("(?m)^PublicKey = (\\S+)$").matcher(configs.get("web1.example.com"));
        while (peer.find()) {
            hubPeers.add(peer.group(1));
        }
        assertThat(hubPeers).containsExactlyInAnyOrder(publicKeys.get("laptop"), publicKeys.get("phone"));
        for (String client : List.of("laptop", "phone")) {
            assertThat(configs.get(client)).contains("PublicKey = " + publicKeys.get("web1.example.com") + "\n",
                    "Endpoint = 203.0.113.10:51820\n");
        }
    }
}
