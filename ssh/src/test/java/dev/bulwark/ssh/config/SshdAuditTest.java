package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdAuditTest {

    @TempDir
    Path dir;

    private static Optional<Finding> find(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    @Test
    void emptyConfigReportsImplicitDefaults() {
        List<Finding> f = SshdConfig.parse("").audit();
        Finding root = find(f, "ssh.permit-root-login").orElseThrow();
        assertThat(root.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(root.subject()).isEqualTo("OpenSSH 9.2 default");
        assertThat(root.message()).isEqualTo("PermitRootLogin without-password (implicit default: not set in any file): "
                + "root can log in with a key (prohibit-password)");
        assertThat(find(f, "ssh.password-authentication").orElseThrow().message()).contains("implicit default");
        assertThat(find(f, "ssh.kbd-interactive-authentication")).isPresent();
        assertThat(find(f, "ssh.max-auth-tries").orElseThrow().message()).startsWith("MaxAuthTries 6 (implicit default");
        assertThat(find(f, "ssh.login-grace-time")).isPresent();
        assertThat(find(f, "ssh.no-allow-list")).isPresent();
        assertThat(find(f, "ssh.permit-empty-passwords")).isEmpty();
        assertThat(find(f, "ssh.pubkey-authentication")).isEmpty();
        assertThat(find(f, "ssh.weak-macs").orElseThrow().message())
                .isEqualTo("MACs enables umac-64-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,"
                        + "umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1, "
                        + "weak according to the ssh-audit policy and Mozilla OpenSSH guideline (Modern)");
    }

    @Test
    void everyEncryptAndMacMacIsWeakAsSshAuditWarnsButTheEtmSha2AndUmac128AreNot() {
        List<Finding> f = SshdConfig.parse("MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,"
                + "umac-128-etm@openssh.com,hmac-sha2-512-etm@openssh.com\n").audit();
        assertThat(find(f, "ssh.weak-macs").orElseThrow()).satisfies(x -> {
            assertThat(x.subject()).isEqualTo("sshd_config:1");
            assertThat(x.message()).startsWith("MACs enables hmac-sha2-256,hmac-sha2-512, weak according to");
        });
        assertThat(find(SshdConfig.parse("MACs hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com,"
                + "hmac-sha2-512-etm@openssh.com\n").audit(), "ssh.weak-macs")).isEmpty();
        assertThat(find(SshdConfig.parse("MACs umac-128@openssh.com\n").audit(), "ssh.weak-macs").orElseThrow()
                .message()).startsWith("MACs enables umac-128@openssh.com,");
    }

    @Test
    void seedLevelFindingsCarryStableIdsAndTheLine() {
        String text = "PermitRootLogin yes\nPasswordAuthentication yes\nChallengeResponseAuthentication yes\n"
                + "PermitEmptyPasswords yes\nPubkeyAuthentication no\nMaxAuthTries 10\nX11Forwarding yes\n";
        List<Finding> f = SshdConfig.parse(text).audit();
        assertThat(find(f, "ssh.permit-root-login").orElseThrow()).satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.subject()).isEqualTo("sshd_config:1");
        });
        assertThat(find(f, "ssh.password-authentication").orElseThrow().subject()).isEqualTo("sshd_config:2");
        assertThat(find(f, "ssh.kbd-interactive-authentication").orElseThrow().message())
                .startsWith("ChallengeResponseAuthentication yes: ");
        assertThat(find(f, "ssh.permit-empty-passwords").orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(find(f, "ssh.pubkey-authentication").orElseThrow().subject()).isEqualTo("sshd_config:5");
        assertThat(find(f, "ssh.max-auth-tries").orElseThrow().subject()).isEqualTo("sshd_config:6");
        assertThat(find(f, "ssh.x11-forwarding").orElseThrow().subject()).isEqualTo("sshd_config:7");
    }

    @Test
    void prohibitPasswordIsALesserFindingAndNoIsNone() {
        assertThat(find(SshdConfig.parse("PermitRootLogin prohibit-password\n").audit(), "ssh.permit-root-login")
                .orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(SshdConfig.parse("PermitRootLogin no\n").audit(), "ssh.permit-root-login")).isEmpty();
    }

    @Test
    void cloudInitDropInBeatsTheMainFileAndIsReportedWithItsLine() throws Exception {
        Path d = Files.createDirectories(dir.resolve("sshd_config.d"));
        Path cloud = d.resolve("50-cloud-init.conf");
        Files.writeString(cloud, "PasswordAuthentication yes\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "Include sshd_config.d/*.conf\nPasswordAuthentication no\n");
        List<Finding> f = SshdConfig.read(main, IncludeRoot.directory(dir)).audit();
        assertThat(find(f, "ssh.password-authentication").orElseThrow().subject()).isEqualTo(cloud + ":1");
        Finding overridden = find(f, "ssh.overridden-setting").orElseThrow();
        assertThat(overridden.subject()).isEqualTo(main + ":2");
        assertThat(overridden.message()).isEqualTo("PasswordAuthentication no has no effect: sshd uses the first value "
                + "it reads, PasswordAuthentication yes at " + cloud + ":1");
    }

    @Test
    void findingsInsideMatchBlocksSaySo() {
        String text = "PasswordAuthentication no\nKbdInteractiveAuthentication no\nMatch Address 10.0.0.0/8\n"
                + "  PasswordAuthentication yes\n";
        List<Finding> f = SshdConfig.parse(text).audit();
        Finding inside = find(f, "ssh.password-authentication").orElseThrow();
        assertThat(inside.subject()).isEqualTo("sshd_config:4");
        assertThat(inside.message()).isEqualTo("Inside Match Address 10.0.0.0/8 (sshd_config:3), only for matching "
                + "connections: PasswordAuthentication yes: passwords can be guessed over the network");
        assertThat(f).filteredOn(x -> x.id().equals("ssh.password-authentication")).hasSize(1);
    }

    @Test
    void usePamWithKeyboardInteractiveStillAllowsPasswords() {
        List<Finding> f = SshdConfig.parse("UsePAM yes\nPasswordAuthentication no\n").audit();
        assertThat(find(f, "ssh.use-pam-passwords").orElseThrow().subject()).isEqualTo("OpenSSH 9.2 default");
        assertThat(find(SshdConfig.parse("UsePAM yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n")
                .audit(), "ssh.use-pam-passwords")).isEmpty();
    }

    @Test
    void weakAlgorithmsAfterModifiersAndProtocolRemnants() {
        List<Finding> f = SshdConfig.parse("Ciphers +aes128-cbc\nKexAlgorithms +diffie-hellman-group1-sha1\n"
                + "HostKeyAlgorithms +ssh-rsa\nProtocol 1\nUsePrivilegeSeparation yes\n").audit();
        assertThat(find(f, "ssh.weak-ciphers").orElseThrow().message()).startsWith("Ciphers enables aes128-cbc,");
        assertThat(find(f, "ssh.weak-kex").orElseThrow().subject()).isEqualTo("sshd_config:2");
        assertThat(find(f, "ssh.weak-host-key-algorithms").orElseThrow().message()).contains("ssh-rsa");
        assertThat(f).filteredOn(x -> x.id().equals("ssh.protocol1-remnant")).extracting(Finding::subject)
                .containsExactly("sshd_config:4", "sshd_config:5");
        assertThat(find(f, "ssh.protocol1-remnant").orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aHardenedConfigHasNoSeedFindings() {
        String text = "PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                + "PermitEmptyPasswords no\nPubkeyAuthentication yes\nMaxAuthTries 3\nX11Forwarding no\n"
                + "LoginGraceTime 30\nAllowUsers alice\nMACs -hmac-sha1*,umac-64*,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512\n";
        assertThat(SshdConfig.parse(text).audit()).isEmpty();
    }
}
