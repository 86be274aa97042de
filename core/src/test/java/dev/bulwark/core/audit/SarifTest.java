package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.testing.JsonSchemas;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void validatesAgainstTheOasisSarifSchema() {
        assertThat(JsonSchemas.sarifSchemaTitle()).isEqualTo("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
        assertThat(JsonSchemas.sarifProblems(Sarif.toSarif(FindingsJsonTest.FINDINGS))).isEmpty();
        assertThat(JsonSchemas.sarifProblems(Sarif.toSarif(List.of()))).isEmpty();
        List<Finding> all = new ArrayList<>(ServiceAudit.audit(SocketTable.parse(ServiceAuditTest.LISTING),
                ServiceAuditTest.POLICY));
        all.addAll(FindingsJsonTest.FINDINGS);
        assertThat(JsonSchemas.sarifProblems(Sarif.toSarif(all))).isEmpty();
    }

    @Test
    void theSarifSchemaCatchesAMalformedLog() {
        String good = Sarif.toSarif(FindingsJsonTest.FINDINGS);
        assertThat(JsonSchemas.sarifProblems(good.replace("\"level\": \"error\"", "\"level\": \"high\""))).isNotEmpty();
        assertThat(JsonSchemas.sarifProblems(good.replace("\"startLine\"", "\"line\""))).isNotEmpty();
    }

    @Test
    void namesTheToolAndOneRulePerFindingId() throws Exception {
        JsonNode log = MAPPER.readTree(Sarif.toSarif(twice()));
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = log.path("runs").path(0).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("Bulwark");
        assertThat(driver.path("version").asText()).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
        JsonNode rules = driver.path("rules");
        assertThat(rules).hasSize(3);
        assertThat(rules.path(0).path("id").asText()).isEqualTo("ssh.permit-root-login");
        assertThat(rules.path(2).path("id").asText()).isEqualTo("services.internal-exposed");
        // the rule's level and score are those of its most severe finding
        assertThat(rules.path(2).path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rules.path(2).path("properties").path("security-severity").asText()).isEqualTo("9.5");
        assertThat(rules.path(1).path("properties").has("security-severity")).isFalse();
        JsonNode results = log.path("runs").path(0).path("results");
        assertThat(results).hasSize(4);
        assertThat(results.path(3).path("ruleIndex").asInt()).isEqualTo(2);
        assertThat(results.path(3).path("level").asText()).isEqualTo("error");
    }

    @Test
    void mapsSeveritiesToLevels() throws Exception {
        JsonNode results = MAPPER.readTree(Sarif.toSarif(FindingsJsonTest.FINDINGS)).path("runs").path(0).path("results");
        assertThat(results.path(0).path("level").asText()).isEqualTo("error");
        assertThat(results.path(0).path("kind").asText()).isEqualTo("fail");
        assertThat(results.path(1).path("level").asText()).isEqualTo("none");
        assertThat(results.path(1).path("kind").asText()).isEqualTo("informational");
        assertThat(results.path(2).path("level").asText()).isEqualTo("warning");
        assertThat(Sarif.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(Sarif.level(Severity.LOW)).isEqualTo("note");
    }

    @Test
    void givesFileLocationsWhereTheSubjectNamesAFileAndLine() throws Exception {
        JsonNode results = MAPPER.readTree(Sarif.toSarif(FindingsJsonTest.FINDINGS)).path("runs").path(0).path("results");
        JsonNode first = results.path(0).path("locations").path(0);
        assertThat(first.path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("file:///etc/ssh/sshd_config");
        assertThat(first.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(12);
        assertThat(first.path("logicalLocations").path(0).path("fullyQualifiedName").asText())
                .isEqualTo("/etc/ssh/sshd_config:12");
        JsonNode second = results.path(1).path("locations").path(0).path("physicalLocation");
        assertThat(second.path("region").path("startColumn").asInt()).isEqualTo(7);
        JsonNode socket = results.path(2).path("locations").path(0);
        assertThat(socket.has("physicalLocation")).isFalse();
        assertThat(socket.path("logicalLocations").path(0).path("fullyQualifiedName").asText())
                .isEqualTo("tcp 0.0.0.0:5432 (postgres pid 812)");
        assertThat(results.path(2).path("message").path("text").asText())
                .isEqualTo("postgres is internal \"by policy\"\u001b[2J\n but listens on all interfaces. Fix: Bind it to 127.0.0.1.");
    }

    @Test
    void escapesRelativeFileNamesIntoUriReferences() throws Exception {
        Finding f = new Finding("a.b", Severity.LOW, "conf.d/my%file#1:3", "m", "r");
        String sarif = Sarif.toSarif(List.of(f));
        assertThat(MAPPER.readTree(sarif).path("runs").path(0).path("results").path(0).path("locations").path(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo("conf.d/my%25file%231");
        assertThat(JsonSchemas.sarifProblems(sarif)).isEmpty();
    }

    @Test
    void writeSendsTheSameLog() throws Exception {
        StringWriter out = new StringWriter();
        Sarif.write(FindingsJsonTest.FINDINGS, out);
        assertThat(out.toString()).isEqualTo(Sarif.toSarif(FindingsJsonTest.FINDINGS));
    }

    private static List<Finding> twice() {
        List<Finding> all = new ArrayList<>(FindingsJsonTest.FINDINGS);
        all.add(new Finding("services.internal-exposed", Severity.CRITICAL, "tcp 0.0.0.0:6379 (redis pid 9)", "m.", "r."));
        return all;
    }
}
