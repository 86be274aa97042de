package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.audit.Sarif;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.testing.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExposureReportJsonTest {

    private static final String SS = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
            + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=700,fd=3))\n"
            + "tcp LISTEN 0 128 0.0.0.0:5432 0.0.0.0:*\n"
            + "tcp LISTEN 0 128 127.0.0.1:6379 0.0.0.0:*\n";

    private final ExposureReport report = ExposureAnalysis.audit(
            IptablesSave.parse("*filter\n:INPUT DROP\n-A INPUT -i lo -j ACCEPT\n-A INPUT -i eth0 -p tcp --dport 22 -j ACCEPT\n"
                    + "-A INPUT -s 10.0.0.0/8 -p tcp --dport 5432 -j ACCEPT\nCOMMIT\n"),
            SocketTable.parse(SS), Map.of(22, Exposure.PRIVATE, 5432, Exposure.PRIVATE, 6379, Exposure.PRIVATE));

    @Test
    void matchesTheDocumentedSchema() {
        assertThat(JsonSchemas.bulwarkProblems(report.toJson())).isEmpty();
    }

    @Test
    void writesEachSocketsExposureSourcesAndReachPerInterface() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(report.toJson());
        assertThat(doc.path("kind").asText()).isEqualTo("firewall-exposure-report");
        JsonNode exposures = doc.path("exposures");
        assertThat(exposures).hasSize(3);
        JsonNode ssh = exposures.path(0);
        assertThat(ssh.path("protocol").asText()).isEqualTo("tcp");
        assertThat(ssh.path("local").asText()).isEqualTo("0.0.0.0:22");
        assertThat(ssh.path("processes").path(0).path("name").asText()).isEqualTo("sshd");
        assertThat(ssh.path("processes").path(0).path("pid").asLong()).isEqualTo(700);
        assertThat(ssh.path("exposure").asText()).isEqualTo(report.exposures().get(0).level().wireName());
        assertThat(ssh.path("via")).hasSize(report.exposures().get(0).via().size());
        JsonNode postgres = exposures.path(1);
        assertThat(postgres.path("exposure").asText()).isEqualTo("private");
        assertThat(postgres.path("sources").path(0).asText()).isEqualTo("10.0.0.0/8");
        assertThat(exposures.path(2).path("exposure").asText()).isEqualTo("internal");
        assertThat(exposures.path(2).path("sources")).isEmpty();
        assertThat(doc.path("findings")).hasSize(report.findings().size());
        assertThat(doc.path("findings").findValuesAsText("id")).contains("firewall.exposed-beyond-intent");
    }

    @Test
    void writeJsonSendsTheSameDocument() throws IOException {
        StringWriter out = new StringWriter();
        report.writeJson(out);
        assertThat(out.toString()).isEqualTo(report.toJson());
    }

    @Test
    void realRulesetFindingsValidateAsSarif() throws IOException {
        for (String name : new String[] {"iptables-save-docker28.txt", "iptables-save-kube.txt", "iptables-save-fail2ban.txt"}) {
            Ruleset rules;
            try (InputStream in = ExposureReportJsonTest.class.getResourceAsStream(name)) {
                rules = IptablesSave.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
            }
            var findings = ExposureAnalysis.audit(rules);
            assertThat(findings).isNotEmpty();
            assertThat(JsonSchemas.sarifProblems(Sarif.toSarif(findings))).as(name).isEmpty();
            assertThat(JsonSchemas.bulwarkProblems(dev.bulwark.core.audit.FindingsJson.toJson(findings))).as(name).isEmpty();
        }
    }
}
