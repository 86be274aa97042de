package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.ssh.config.SshdHardening;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import dev.bulwark.vpn.wireguard.WireGuardPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each measure's example and checks what it produced. */
class MeasureExamplesTest {

    @TempDir
    Path dir;

    @Test
    @RequiresTool("ssh-keygen")
    void sshKeysExampleWritesAnEncryptedKeyAndAuthorizedKeys() throws Exception {
        SshKeyPair[] key = new SshKeyPair[1];
        String out = Run.capture(o -> key[0] = SshKeysExample.run(dir.resolve("ssh"), "s3cret pass".toCharArray(), o));
        assertThat(out).contains("fingerprint " + key[0].publicKey().fingerprintSha256(), "authorized_keys: 1 key");
        assertThat(Run.mode(dir.resolve("ssh"))).isEqualTo("rwx------");
        assertThat(Run.mode(dir.resolve("ssh/id_ed25519"))).isEqualTo("rw-------");
        assertThat(Run.tool(List.of(Tools.path("ssh-keygen"), "-y", "-P", "s3cret pass", "-f",
                dir.resolve("ssh/id_ed25519").toString()))).startsWith(key[0].publicKey().toOpenSsh().split(" ")[0]
                + " " + key[0].publicKey().toOpenSsh().split(" ")[1]);
    }

    @Test
    void sshdHardeningExamplePrintsTheDiffAndTheJail() throws Exception {
        SshdHardening.Result[] result = new SshdHardening.Result[1];
        String out = Run.capture(o -> result[0] = SshdHardeningExample.run(
                Ssh.sshdConfig("PermitRootLogin yes\nPasswordAuthentication yes\n"), "alice", o));
        assertThat(out).contains("-PermitRootLogin yes\n", "+PermitRootLogin no\n", "+AllowUsers alice\n",
                "[sshd]\n", "enabled = true");
        assertThat(result[0].hardened().render()).contains("PasswordAuthentication no");
        assertThat(result[0].fixed()).isNotEmpty();
    }

    @Test
    void firewallExampleRendersEveryForm() throws Exception {
        String all = Run.capture(FirewallExample::printAll);
        assertThat(all).contains("### iptables\n", "-A bulwark-input -p tcp -m tcp --dport 443",
                "-s 10.8.0.0/24 -p tcp -m tcp --dport 22", "### nftables\n", "tcp dport 443 accept", "### ufw\n",
                "### firewalld\n", "firewall-cmd");
        assertThatThrownBy(() -> FirewallExample.render("pf"))
                .hasMessage("unknown form 'pf' (use iptables, ip6tables, nftables, ufw or firewalld)");
    }

    @Test
    @RequiresTool("wg")
    void privateNetworkExampleWritesAConfigPerNodeAndAQrCode() throws Exception {
        WireGuardPlan[] plan = new WireGuardPlan[1];
        String out = Run.capture(o -> plan[0] = PrivateNetworkExample.run(dir.resolve("wg"), o));
        assertThat(out.lines()).hasSize(3).anyMatch(l -> l.startsWith("server [/10.8.0.1] "));
        List<String> modes = new ArrayList<>();
        for (String node : List.of("server", "laptop", "phone")) {
            Path conf = dir.resolve("wg/" + node + ".conf");
            modes.add(Run.mode(conf));
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?m)^PrivateKey = (\\S+)$")
                    .matcher(Files.readString(conf));
            assertThat(key.find()).isTrue();
            assertThat(Run.tool(List.of(Tools.path("wg"), "pubkey"), key.group(1) + "\n").strip())
                    .isEqualTo(plan[0].publicKey(node).toBase64());
        }
        assertThat(modes).containsOnly("rw-------");
        byte[] png = Files.readAllBytes(dir.resolve("wg/phone.png"));
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(Files.readString(dir.resolve("wg/laptop.conf")))
                .contains("PublicKey = " + plan[0].publicKey("server").toBase64());
    }

    @Test
    @RequiresTool("apt-config")
    void unattendedUpdatesExamplePrintsTheThreeFilesAndAudits() throws Exception {
        List<List<Finding>> findings = new ArrayList<>();
        String out = Run.capture(o -> findings.add(UnattendedUpdatesExample.run(o)));
        assertThat(out).contains("// /etc/apt/apt.conf.d/20auto-upgrades\n", "APT::Periodic::Unattended-Upgrade \"1\";",
                "Unattended-Upgrade::Automatic-Reboot \"true\";", "Unattended-Upgrade::Automatic-Reboot-Time \"03:30\";",
                "# /etc/dnf/automatic.conf\n", "apply_updates = yes", "This machine: ");
        assertThat(findings).hasSize(1);
    }

    @Test
    @RequiresTool("openssl")
    void pkiExampleIssuesVerifiableCertificatesAndACrl() throws Exception {
        String out = Run.capture(o -> PkiExample.run(dir.resolve("pki"), List.of("web1.internal"), o));
        assertThat(out).startsWith("web1.internal: serial ").contains("revoked old.internal");
        String ca = dir.resolve("pki/ca.crt").toString();
        String crt = dir.resolve("pki/web1.internal.crt").toString();
        assertThat(Run.tool(List.of(Tools.path("openssl"), "verify", "-crl_check", "-CAfile", ca, "-CRLfile",
                dir.resolve("pki/crl.pem").toString(), crt))).isEqualTo(crt + ": OK\n");
        assertThat(Run.mode(dir.resolve("pki/web1.internal.key"))).isEqualTo("rw-------");
        assertThat(Run.tool(List.of(Tools.path("openssl"), "crl", "-in", dir.resolve("pki/crl.pem").toString(),
                "-noout", "-text"))).contains("Superseded");
    }
}
