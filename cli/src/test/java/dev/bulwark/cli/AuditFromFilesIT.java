package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testing.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four audits from captured files through the built launcher: findings, exit codes by
 * {@code --fail-on}, errors at the line and column of the bad word, and JSON and SARIF valid
 * against Bulwark's documented schema and SARIF 2.1.0.
 */
class AuditFromFilesIT {

    @TempDir
    Path dir;

    @Test
    void sshdFindingsFailOnHighByDefaultAndNotWithFailOnNone() throws Exception {
        Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin yes\nPasswordAuthentication no\n");

        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config");
        Launcher.Run none = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config", "--fail-on", "none");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.stdout()).contains("HIGH ssh.permit-root-login: sshd_config:1\n");
        assertThat(run.stderr()).isEmpty();
        assertThat(none.exitCode()).isZero();
        assertThat(none.stdout()).isEqualTo(run.stdout());
    }

    @Test
    void failOnCountsOnlyFindingsAtOrAboveTheSeverity() throws Exception {
        // a hardened file: what remains is below high
        Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin no\nPasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\nMaxAuthTries 3\nLoginGraceTime 30\nX11Forwarding no\n");

        Launcher.Run high = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config", "--format", "json");
        Launcher.Run info = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config", "--fail-on", "info", "--format", "json");

        JsonNode findings = new ObjectMapper().readTree(high.stdout()).get("findings");
        boolean anyHigh = false;
        for (JsonNode f : findings) {
            anyHigh |= f.get("severity").asText().matches("critical|high");
        }
        assertThat(high.exitCode()).as(high.toString()).isEqualTo(anyHigh ? ExitCodes.FINDINGS : ExitCodes.OK);
        assertThat(info.exitCode()).isEqualTo(findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS);
        assertThat(anyHigh).as("the hardened file leaves no high finding").isFalse();
        assertThat(findings).as("...but some below high, so --fail-on info differs").isNotEmpty();
    }

    @Test
    void aParseErrorNamesFileLineAndColumnAndQuotesTheBadWord() throws Exception {
        Files.writeString(dir.resolve("ss.txt"), "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n"
                + "tcp LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*\n");
        Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin no\nPermitRootLogn yes\n");

        Launcher.Run ss = Launcher.run(dir, "audit", "services", "--from", "ss.txt");
        Launcher.Run sshd = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config");

        assertThat(ss.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ss.stdout()).isEmpty();
        assertThat(ss.stderr()).startsWith("ss.txt:3:26: ").contains("'99999'").endsWith("\n")
                .hasLineCount(1);
        assertThat(sshd.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sshd.stderr()).isEqualTo("sshd_config:2:1: unknown keyword 'PermitRootLogn' (did you mean PermitRootLogin?)\n");
    }

    @Test
    void servicesAgainstOptionsAsTextAndAsSchemaValidJson() throws Exception {
        Launcher.fixture(dir, "ss-H-plunt-debian12.txt");

        Launcher.Run text = Launcher.run(dir, "audit", "services", "--from", "ss-H-plunt-debian12.txt",
                "--public", "tcp/2024", "--internal", "tcp/36833", "--private", "udp/39812@10.8.0.0/24");
        Launcher.Run json = Launcher.run(dir, "audit", "services", "--from", "ss-H-plunt-debian12.txt",
                "--public", "tcp/2024", "--format", "json");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(text.stdout()).contains("services.internal-exposed").contains("36833");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(JsonSchemas.bulwarkProblems(json.stdout())).isEmpty();
        assertThat(new ObjectMapper().readTree(json.stdout()).path("kind").asText()).isEqualTo("service-report");
    }

    @Test
    void sarifIsValidAgainstTheSarif210Schema() throws Exception {
        Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin yes\n");

        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--from", "sshd_config", "--format", "sarif");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(JsonSchemas.sarifProblems(run.stdout())).isEmpty();
        assertThat(run.stdout()).contains("\"ssh.permit-root-login\"");
    }

    @Test
    void firewallFromIptablesSaveWithSocketsShowsWhoReachesWhat() throws Exception {
        Launcher.fixture(dir, "iptables-save-ufw.txt");
        Launcher.fixture(dir, "ss-lntpe-debian12.txt");

        Launcher.Run run = Launcher.run(dir, "audit", "firewall", "--from", "iptables-save-ufw.txt",
                "--sockets", "ss-lntpe-debian12.txt", "--internal", "tcp/41611", "--fail-on", "none");
        Launcher.Run json = Launcher.run(dir, "audit", "firewall", "--from", "iptables-save-ufw.txt",
                "--sockets", "ss-lntpe-debian12.txt", "--internal", "tcp/41611", "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Listening sockets and who reaches them:")
                .contains("tcp [::]:41611 public").contains("firewall.manager-detected");
        assertThat(JsonSchemas.bulwarkProblems(json.stdout())).isEmpty();
        assertThat(new ObjectMapper().readTree(json.stdout()).path("kind").asText()).isEqualTo("firewall-exposure-report");
        assertThat(json.stdout()).contains("41611");
        assertThat(json.exitCode()).as("a socket intended internal is public: high").isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void firewallFromNftJsonWithoutSocketsAuditsTheRulesetAlone() throws Exception {
        Launcher.fixture(dir, "nft-j-list-ruleset.json");

        Launcher.Run run = Launcher.run(dir, "audit", "firewall", "--from", "nft-j-list-ruleset.json", "--fail-on", "none");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("(No socket listing: --sockets FILE adds which listeners the rules expose.)");
    }

    @Test
    void updatesFromAnAptDumpNeedTheDistribution() throws Exception {
        Launcher.fixture(dir, "apt-config-dump-excerpt.txt");

        Launcher.Run missing = Launcher.run(dir, "audit", "updates", "--from", "apt-config-dump-excerpt.txt");
        Launcher.Run run = Launcher.run(dir, "audit", "updates", "--from", "apt-config-dump-excerpt.txt",
                "--distro", "debian:bookworm:stable", "--format", "json", "--fail-on", "low");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.stderr()).startsWith("bulwark: an APT configuration needs --distro");
        assertThat(JsonSchemas.bulwarkProblems(run.stdout())).isEmpty();
        assertThat(run.stdout()).contains("updates.no-automatic-reboot");
        assertThat(run.exitCode()).as("a low finding with --fail-on low").isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void progressGoesToStderrForSlowSteps() throws Exception {
        Launcher.fixture(dir, "iptables-save-ufw.txt");

        // BULWARK_PROGRESS_AFTER_MS=0: every step counts as slow, so the test does not depend on timing
        Launcher.Run run = Launcher.run(dir, Map.of("BULWARK_PROGRESS_AFTER_MS", "0"), "audit", "firewall",
                "--from", "iptables-save-ufw.txt", "--fail-on", "none", "--format", "json");

        assertThat(run.stderr()).contains("parsing iptables-save-ufw.txt (107 lines) ...\n")
                .containsPattern("parsing iptables-save-ufw.txt \\(107 lines\\): done in [0-9.]+ s\n")
                .doesNotContain("SLF4J");
        assertThat(JsonSchemas.bulwarkProblems(run.stdout())).as("stdout stays pure JSON").isEmpty();
    }
}
