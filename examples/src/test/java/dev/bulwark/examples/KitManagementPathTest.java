package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's way in is the first rule of every firewall the kit writes, also when the spec has no ssh line. */
class KitManagementPathTest {

    private static final String HEAD = "host web1.example.com\nadmin alice\nca Test CA\nserver web1.example.com\n";

    @TempDir
    Path temp;

    private KitResult kit(String spec) throws IOException {
        return Kit.generate(BaselineSpecParser.parse(HEAD + spec, "t.spec"), temp.resolve("kit"), KitAudit.none());
    }

    private String file(String name) throws IOException {
        return Files.readString(temp.resolve("kit").resolve(name));
    }

    /** The lines of {@code text} that match {@code pattern}, in order. */
    private static List<String> lines(String text, String pattern) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^.*(" + pattern + ").*$").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void withoutAnSshLineEveryFirewallAllowsSshFirstAndTheReportSaysSo() throws IOException {
        try (KitResult result = kit("public https tcp/443\ninternal postgres tcp/5432\n")) {
            assertThat(lines(file("firewall/ufw.sh"), "ufw (allow|deny) in"))
                    .first().isEqualTo("ufw allow in proto tcp from any to any port 22 comment ssh");
            assertThat(lines(file("firewall/rules.v4"), "--dport"))
                    .first().isEqualTo("-A bulwark-input -p tcp -m tcp --dport 22 -m comment --comment ssh -j ACCEPT");
            assertThat(lines(file("firewall/rules.v6"), "--dport"))
                    .first().isEqualTo("-A bulwark-input -p tcp -m tcp --dport 22 -m comment --comment ssh -j ACCEPT");
            assertThat(lines(file("firewall/ruleset.nft"), "dport")).first().asString().contains("tcp dport 22 accept");
            assertThat(lines(file("firewall/firewalld.sh"), "add-rich-rule|add-port|add-service")).first().asString()
                    .contains("port port=\"22\" protocol=\"tcp\" accept");
            assertThat(file("REPORT.md")).contains("- The spec has no `ssh` line: every firewall allows SSH (tcp/22)"
                    + " from anywhere ahead of every other rule, so that the admin keeps a way in.")
                    .contains("the spec has no `ssh` line, so the kit added it (SSH stays reachable, never silently closed)");
            assertThat(file("ssh/sshd_config")).contains("Port 22", "AllowUsers alice", "PermitRootLogin no");
        }
    }

    @Test
    void withAdminSourcesAndNoSshLineSshIsOpenToThoseSourcesOnly() throws IOException {
        try (KitResult result = kit("admin-from 192.0.2.0/24\npublic https tcp/443\n")) {
            assertThat(lines(file("firewall/ufw.sh"), "ufw (allow|deny) in")).first()
                    .isEqualTo("ufw allow in proto tcp from 192.0.2.0/24 to any port 22 comment ssh");
            assertThat(lines(file("firewall/rules.v4"), "--dport")).first()
                    .isEqualTo("-A bulwark-input -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -m comment --comment ssh -j ACCEPT");
            assertThat(file("REPORT.md")).contains("on tcp/22 from 192.0.2.0/24.");
        }
    }

    @Test
    void aDeclaredSshServiceComesFirstWhereverItIsInTheSpec() throws IOException {
        try (KitResult result = kit("public https tcp/443\nprivate ssh tcp/2222 from 10.8.0.0/24\n")) {
            assertThat(lines(file("firewall/ufw.sh"), "ufw (allow|deny) in")).first()
                    .isEqualTo("ufw allow in proto tcp from 10.8.0.0/24 to any port 2222 comment ssh");
            assertThat(lines(file("firewall/ruleset.nft"), "dport")).first().asString().contains("tcp dport 2222 accept");
            assertThat(file("ssh/sshd_config")).contains("Port 2222");
            assertThat(file("ssh/jail.local")).contains("port = 2222");
        }
    }

    @Test
    void theFileCountIsTheNumberOfFilesInTheDirectoryAndTheReportListsEach() throws IOException {
        try (KitResult result = kit("vpn-network 10.9.0.0/24\nvpn-endpoint 198.51.100.1:51820\npeer a\npeer b\n"
                + "server db1.example.com\n")) {
            List<String> walked = Kit.walk(temp.resolve("kit"));
            assertThat(result.fileCount()).isEqualTo(walked.size());
            assertThat(result.files()).isEqualTo(walked);
            List<String> listed = new ArrayList<>();
            Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| 0[0-7]{3} \\|").matcher(file("REPORT.md"));
            while (row.find()) {
                listed.add(row.group(1));
            }
            assertThat(listed).containsExactlyInAnyOrderElementsOf(walked);
            assertThat(walked).contains("pki/ca/ca.key", "pki/ca/crl.pem", ".bulwark-kit", "REPORT.md", "vpn/b.png");
        }
    }

    @Test
    void nothingIsWrittenWhenTheTargetsSshdConfigWouldLockTheAdminOut() throws IOException {
        Path captured = temp.resolve("captured");
        Files.createDirectories(captured.resolve("etc/ssh"));
        Files.writeString(captured.resolve("etc/ssh/sshd_config"), "AllowGroups staff\nDenyUsers alice@192.0.2.*\n");
        BaselineSpec spec = BaselineSpecParser.parse(HEAD + "admin-from 192.0.2.0/24\n", "t.spec");
        assertThatThrownBy(() -> Kit.generate(spec, temp.resolve("kit"), KitAudit.fromFiles(captured)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the hardened sshd_config (from /etc/ssh/sshd_config) would lock the admin out:"
                        + " DenyUsers would deny alice; AllowGroups staff would not allow alice;"
                        + " fix the server's sshd_config or the spec first");
        assertThat(temp.resolve("kit")).doesNotExist();
    }

    @Test
    @Tag("interop")
    @RequiresTool({"ip", "iptables-restore", "ip6tables-restore", "nft"})
    @RequiresNetworkNamespaces
    void theFirewallWithTheAddedSshRuleLoads() throws IOException {
        try (KitResult result = kit("public https tcp/443\n");
                NetworkNamespace ns = NetworkNamespace.create("kitssh")) {
            for (List<String> command : List.of(
                    List.of("iptables-restore", temp.resolve("kit/firewall/rules.v4").toString()),
                    List.of("iptables", "-C", "bulwark-input", "-p", "tcp", "-m", "tcp", "--dport", "22",
                            "-m", "comment", "--comment", "ssh", "-j", "ACCEPT"),
                    List.of("nft", "-c", "-f", temp.resolve("kit/firewall/ruleset.nft").toString()))) {
                NetworkNamespace.ProcessResult r = ns.exec(command.toArray(new String[0]));
                assertThat(r.exitCode()).as(command + ": " + r.output()).isZero();
            }
        }
    }
}
