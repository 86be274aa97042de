package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit refuses, writing nothing, when sshd on the audited target would not listen where the
 * admin connects: ListenAddress lines kept from the target's sshd_config (or what sshd -T and ss
 * show sshd listening on), their ports, AddressFamily, against the admin's sources and the target's
 * interface addresses ({@code ip -o address}); setups that work are accepted.
 */
class KitListenAddressTest {

    private static final String HEAD = "host web1\nadmin alice\nca Test CA\nserver web1\n";
    /** eth0 faces the internet (public address), eth1 a private network, as ip -o address prints them. */
    private static final String IP = ""
            + "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
            + "1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever\n"
            + "2: eth0    inet 198.51.100.7/24 brd 198.51.100.255 scope global eth0\\       valid_lft forever\n"
            + "2: eth0    inet6 2001:db8:7::7/64 scope global \\       valid_lft forever preferred_lft forever\n"
            + "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever\n"
            + "3: eth1    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth1\\       valid_lft forever\n";
    private static final String ADMIN_FROM_INTERNET = HEAD + "private ssh tcp/22 from 203.0.113.0/24\n";

    @TempDir
    Path temp;

    private Path captured(Map<String, String> files) throws IOException {
        Path dir = temp.resolve("captured");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return dir;
    }

    private void refused(String spec, Map<String, String> files, String message) throws IOException {
        BaselineSpec parsed = BaselineSpecParser.parse(spec, "t.spec");
        KitAudit audit = KitAudit.fromFiles(captured(files));
        assertThatThrownBy(() -> Kit.generate(parsed, temp.resolve("kit"), audit))
                .isInstanceOf(ValidationException.class).hasMessage(message);
        assertThat(temp.resolve("kit")).doesNotExist();
    }

    /** The notes of the checks before writing (fast: no keys are generated); they must not refuse. */
    private List<String> accepted(String spec, Map<String, String> files) throws IOException {
        BaselineSpec parsed = BaselineSpecParser.parse(spec, "t.spec");
        KitAudit audit = KitAudit.fromFiles(captured(files));
        List<String> notes = new ArrayList<>();
        SshdConfig hardened = SshKit.harden(parsed, TargetAudit.sshdConfig(parsed, audit, notes)).hardened();
        TargetAudit.Facts facts = TargetAudit.read(parsed, audit);
        ListenChecks.check(parsed, hardened, facts, notes);
        AdminPathFirewall.check(parsed, hardened, facts, notes);
        notes.addAll(facts.notes());
        return notes;
    }

    private String via() {
        return "web1 (from the files captured in " + temp.resolve("captured").toAbsolutePath() + ")";
    }

    @Test
    void refusesAListenAddressOfAPrivateInterfaceWhenTheAdminComesFromTheInternet() throws IOException {
        refused(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", "Port 22\nListenAddress 10.0.0.5\n", "ip-address.txt", IP),
                "sshd on web1 would not listen where the admin connects from 203.0.113.0/24: ListenAddress 10.0.0.5"
                        + " (/etc/ssh/sshd_config:2:1) is a private address of eth1, which the admin does not reach from"
                        + " 203.0.113.0/24: the admin arrives on eth0 (the spec's 'interface'); add a ListenAddress the"
                        + " admin reaches (an address of eth0: 198.51.100.7) or remove the ListenAddress lines in the"
                        + " server's sshd_config (the kit keeps the server's ListenAddress lines), or change the spec's"
                        + " admin-from");
    }

    @Test
    void refusesAListenAddressWhosePortIsNotTheSshPort() throws IOException {
        refused(HEAD + "private ssh tcp/22 from 10.0.0.0/24\n",
                Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5:2222\n", "ip-address.txt", IP),
                "sshd on web1 would not listen where the admin connects from 10.0.0.0/24: ListenAddress 10.0.0.5:2222"
                        + " (/etc/ssh/sshd_config:1:1) is port 2222, not the ssh port 22 that the kit's firewall opens;"
                        + " write 'ListenAddress 10.0.0.5' without a port (sshd then listens on Port 22) (the kit keeps"
                        + " the server's ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void refusesLoopbackOnlyEvenWithoutTheInterfaceAddresses() throws IOException {
        refused(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", "ListenAddress 127.0.0.1\nListenAddress [::1]:22\n"),
                "sshd on web1 would not listen where the admin connects from 203.0.113.0/24: ListenAddress 127.0.0.1"
                        + " (/etc/ssh/sshd_config:1:1) is a loopback address, which only web1 itself reaches;"
                        + " ListenAddress [::1]:22 (/etc/ssh/sshd_config:2:1) is an IPv6 address; add a ListenAddress"
                        + " the admin reaches or remove the ListenAddress lines in the server's sshd_config (the kit"
                        + " keeps the server's ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void refusesAnAddressFamilyThatTurnsTheAdminsFamilyOff() throws IOException {
        refused(HEAD + "admin-from 2001:db8:1::/48\n", Map.of("etc/ssh/sshd_config", "AddressFamily inet\n"),
                "sshd on web1 would not listen where the admin connects from 2001:db8:1::/48: AddressFamily inet"
                        + " (/etc/ssh/sshd_config:1:1) turns IPv6 off; set 'AddressFamily any' in the server's"
                        + " sshd_config (the kit keeps the server's ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void refusesAnAddressTheTargetDoesNotHave() throws IOException {
        refused(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", "ListenAddress 198.51.100.9\n", "ip-address.txt", IP),
                "sshd on web1 would not listen where the admin connects from 203.0.113.0/24: ListenAddress"
                        + " 198.51.100.9 (/etc/ssh/sshd_config:1:1) is not an address of web1 (`ip -o address`), so sshd"
                        + " cannot listen there; add a ListenAddress the admin reaches (an address of eth0: 198.51.100.7)"
                        + " or remove the ListenAddress lines in the server's sshd_config (the kit keeps the server's"
                        + " ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void anAdminFromAnywhereNeedsOneFamilyThatSshdListensOnForTheInternet() throws IOException {
        refused(HEAD + "public https tcp/443\n",
                Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n", "ip-address.txt", IP),
                "sshd on web1 would not listen where the admin connects from anywhere (IPv4): ListenAddress 10.0.0.5"
                        + " (/etc/ssh/sshd_config:1:1) is a private address of eth1, which the admin does not reach from"
                        + " 0.0.0.0/0: the admin arrives on eth0 (the spec's 'interface'); from anywhere (IPv6):"
                        + " ListenAddress 10.0.0.5 (/etc/ssh/sshd_config:1:1) is an IPv4 address; add a ListenAddress the"
                        + " admin reaches (an address of eth0: 198.51.100.7) or remove the ListenAddress lines in the"
                        + " server's sshd_config (the kit keeps the server's ListenAddress lines), or change the spec's"
                        + " admin-from");
    }

    @Test
    void sshdTShowsWhereSshdListensWhenTheFilesWereNotCaptured() throws IOException {
        refused(ADMIN_FROM_INTERNET, Map.of("sshd-T.txt", "port 22\nlistenaddress 127.0.0.1:22\n"),
                "sshd on web1 would not listen where the admin connects from 203.0.113.0/24: listenaddress"
                        + " 127.0.0.1:22 (sshd -T on " + via() + "; not from sshd_config) is a loopback address, which"
                        + " only web1 itself reaches; add a ListenAddress the admin reaches or remove the ListenAddress"
                        + " lines where sshd gets it (its command line, or a file the kit did not read) (the kit keeps"
                        + " the server's ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void ssShowsWhereSshdListensWhenSshdTAndTheFilesWereNotCaptured() throws IOException {
        String ss = "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"
                + "tcp   LISTEN 0      128        10.0.0.5:22        0.0.0.0:*    users:((\"sshd\",pid=611,fd=3))\n";
        refused(ADMIN_FROM_INTERNET, Map.of("ss.txt", ss, "ip-address.txt", IP),
                "sshd on web1 would not listen where the admin connects from 203.0.113.0/24: sshd's 10.0.0.5:22"
                        + " (ss -plunt on " + via() + "; not from sshd_config) is a private address of eth1, which the"
                        + " admin does not reach from 203.0.113.0/24: the admin arrives on eth0 (the spec's 'interface');"
                        + " add a ListenAddress the admin reaches (an address of eth0: 198.51.100.7) or remove the"
                        + " ListenAddress lines where sshd gets it (its command line, or a file the kit did not read)"
                        + " (the kit keeps the server's ListenAddress lines), or change the spec's admin-from");
    }

    @Test
    void acceptsWildcardsAndAddressesTheAdminReaches() throws IOException {
        for (String config : List.of("ListenAddress 0.0.0.0\nListenAddress ::\n",
                "ListenAddress 198.51.100.7\n", "ListenAddress 10.0.0.5\nListenAddress 198.51.100.7:22\n")) {
            assertThat(accepted(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", config, "ip-address.txt", IP)))
                    .as(config).noneMatch(n -> n.contains("assumed to listen"));
        }
        // the admin's own network holds the private address: on-link
        assertThat(accepted(HEAD + "admin-from 10.0.0.0/24\n",
                Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n", "ip-address.txt", IP)))
                .noneMatch(n -> n.contains("assumed to listen"));
        // a private address of the internet-facing interface (1:1 NAT in a cloud): the admin arrives there
        String natted = IP.replace("eth1", "eth0").replace("198.51.100.7", "192.168.9.9");
        assertThat(accepted(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n",
                "ip-address.txt", natted))).noneMatch(n -> n.contains("assumed to listen"));
        // a VPN admin reaches the server's tunnel address
        assertThat(accepted(HEAD + "admin-from 10.8.0.0/24\nvpn-network 10.8.0.0/24\nvpn-endpoint 198.51.100.7:51820\n"
                + "peer laptop\n", Map.of("etc/ssh/sshd_config", "ListenAddress 10.8.0.1\n")))
                .noneMatch(n -> n.contains("assumed to listen"));
    }

    @Test
    void whatCannotBeToldIsAssumedReachableAndSaidSoInTheReport() throws IOException {
        BaselineSpec spec = BaselineSpecParser.parse(ADMIN_FROM_INTERNET, "t.spec");
        String note = "sshd on " + via() + " is assumed to listen where the admin connects from"
                + " 203.0.113.0/24: ListenAddress 10.0.0.5 (/etc/ssh/sshd_config:1:1) is assumed reachable because"
                + " web1's interface addresses were not read (`ip -o address`, ip-address.txt in --from-files), so"
                + " whether the admin reaches it is unknown: check it before applying the kit.";
        try (KitResult kit = Kit.generate(spec, temp.resolve("kit"),
                KitAudit.fromFiles(captured(Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n"))))) {
            assertThat(kit.notes()).contains(note);
            assertThat(Files.readString(temp.resolve("kit/REPORT.md"))).contains(note);
            assertThat(Files.readString(temp.resolve("kit/ssh/sshd_config"))).contains("ListenAddress 10.0.0.5\n");
        }
        // a private admin network may be routed to a private interface
        List<String> routed = accepted(HEAD + "admin-from 172.16.0.0/12\n",
                Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n", "ip-address.txt", IP));
        assertThat(routed).anyMatch(n -> n.endsWith("ListenAddress 10.0.0.5 (/etc/ssh/sshd_config:1:1) is assumed"
                + " reachable because it is an address of eth1 and 172.16.0.0/12 a private network that may be routed"
                + " there: check it before applying the kit."));
    }

    @Test
    void aBadInterfaceListingIsANoteNotAGuess() throws IOException {
        List<String> notes = accepted(ADMIN_FROM_INTERNET, Map.of("etc/ssh/sshd_config", "ListenAddress 10.0.0.5\n",
                "ip-address.txt", "2: eth0 link/ether 02:00:00:00:00:01\n"));
        assertThat(notes).contains("The interface addresses of " + via() + " could not be read (`ip -o address`):"
                + " ip -o address on " + via() + ":1:9: expected 'inet' or 'inet6' in 'link/ether'");
        assertThat(notes).anyMatch(n -> n.contains("is assumed reachable because web1's interface addresses were not read"));
    }

    @Test
    void saysWhenTheTargetsCurrentFirewallDropsTheAdminsSsh() throws IOException {
        String rules = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n"
                + "-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";
        List<String> dropped = accepted(ADMIN_FROM_INTERNET, Map.of("iptables-save.txt", rules));
        assertThat(dropped).contains("The firewall of " + via() + " now drops new SSH connections to tcp/22 from"
                + " 203.0.113.0/24 (it lets through only 10.0.0.0/8). The kit's firewall files replace only their own"
                + " rules: before applying them, open tcp/22 to the admin on the server (or apply them from its"
                + " console), or declare an admin-from that the current firewall lets through.");
        List<String> partly = accepted(HEAD + "admin-from 10.0.0.0/8 192.168.0.0/16\n", Map.of("iptables-save.txt",
                rules.replace("10.0.0.0/8", "10.1.0.0/16")));
        assertThat(partly).anyMatch(n -> n.contains(" now drops new SSH connections to tcp/22 from 10.0.0.0/8 (in part)"
                + " (it lets through only 10.1.0.0/16); from 192.168.0.0/16 (it lets through only 10.1.0.0/16)."));
        assertThat(accepted(HEAD + "admin-from 10.0.0.0/24\n", Map.of("iptables-save.txt", rules)))
                .noneMatch(n -> n.contains("now drops"));
    }

    @Test
    @Tag("interop")
    @RequiresRoot
    @RequiresTool({"sshd", "ssh", "ssh-keygen", "ss", "ip"})
    void overTargetSsShowsARealSshdListeningOnLoopbackOnly() throws Exception {
        Path identity = temp.resolve("id_ed25519");
        // TestSshd runs with "ListenAddress 127.0.0.1" from its own config file; the target's
        // /etc/ssh/sshd_config (this machine's) sets none, so ss -plunt is what tells where it listens
        try (TestSshd sshd = KitAuditTest.sshdWithKey(temp, identity)) {
            String target = TestSshd.user() + "@127.0.0.1:" + sshd.port();
            Path outside = temp.resolve("outside.spec");
            Files.writeString(outside, HEAD + "interface wan9\nprivate ssh tcp/" + sshd.port() + " from 192.0.2.0/24\n");
            Path inside = temp.resolve("inside.spec");
            Files.writeString(inside, HEAD + "private ssh tcp/" + sshd.port() + " from 127.0.0.0/8\n");
            List<String> common = List.of("--target", target, "--known-hosts", sshd.knownHostsFile().toString(),
                    "--identity", identity.toString());

            KitAuditTest.Outcome refused = run(temp.resolve("kit"), outside, common);
            KitAuditTest.Outcome accepted = run(temp.resolve("kit2"), inside, common);

            assertThat(refused.status()).as(refused.err()).isEqualTo(2);
            assertThat(refused.err()).isEqualTo("SecureBaseline: invalid spec: sshd on web1 would not listen where the"
                    + " admin connects from 192.0.2.0/24: sshd's 127.0.0.1:" + sshd.port() + " (ss -plunt on web1 (over"
                    + " SSH as " + target + "); not from sshd_config) is a loopback address, which only web1 itself"
                    + " reaches; add a ListenAddress the admin reaches or remove the ListenAddress lines where sshd gets"
                    + " it (its command line, or a file the kit did not read) (the kit keeps the server's ListenAddress"
                    + " lines), or change the spec's admin-from\n");
            assertThat(temp.resolve("kit")).doesNotExist();
            assertThat(refused.out()).isEmpty();
            assertThat(accepted.status()).as(accepted.err()).isZero();
            assertThat(temp.resolve("kit2/REPORT.md")).exists();
        }
    }

    private static KitAuditTest.Outcome run(Path out, Path spec, List<String> more) {
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--spec", spec.toString()));
        args.addAll(more);
        return KitAuditTest.run(args);
    }
}
