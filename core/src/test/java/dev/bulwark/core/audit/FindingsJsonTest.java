package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Position;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.testing.JsonSchemas;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsJsonTest {

    static final List<Finding> FINDINGS = List.of(
            new Finding("ssh.permit-root-login", Severity.HIGH, "/etc/ssh/sshd_config:12",
                    "PermitRootLogin yes lets root log in with a password.", "Set PermitRootLogin no."),
            new Finding("updates.no-report", Severity.INFO,
                    "Unattended-Upgrade::Mail (/etc/apt/apt.conf.d/50unattended-upgrades:4:7)",
                    "Nobody is told what was upgraded.", "Set Unattended-Upgrade::Mail."),
            new Finding("services.internal-exposed", Severity.MEDIUM, "tcp 0.0.0.0:5432 (postgres pid 812)",
                    "postgres is internal \"by policy\"\u001b[2J\n but listens on all interfaces.", "Bind it to 127.0.0.1."));

    @Test
    void writesTheDocumentedShape() {
        assertThat(FindingsJson.toJson(FINDINGS.subList(0, 1))).isEqualTo("{\n"
                + "  \"schemaVersion\": 1,\n"
                + "  \"kind\": \"findings\",\n"
                + "  \"findings\": [\n"
                + "    {\n"
                + "      \"id\": \"ssh.permit-root-login\",\n"
                + "      \"severity\": \"high\",\n"
                + "      \"subject\": \"/etc/ssh/sshd_config:12\",\n"
                + "      \"message\": \"PermitRootLogin yes lets root log in with a password.\",\n"
                + "      \"remediation\": \"Set PermitRootLogin no.\",\n"
                + "      \"location\": {\n"
                + "        \"source\": \"/etc/ssh/sshd_config\",\n"
                + "        \"line\": 12,\n"
                + "        \"column\": 1\n"
                + "      }\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
    }

    @Test
    void escapesQuotesAndControlCharacters() {
        String json = FindingsJson.toJson(FINDINGS);
        assertThat(json).doesNotContain("\u001b").contains("internal \\\"by policy\\\"\\u001B[2J\\n but listens");
    }

    @Test
    void findingsDocumentsMatchTheDocumentedSchema() {
        assertThat(JsonSchemas.bulwarkProblems(FindingsJson.toJson(FINDINGS))).isEmpty();
        assertThat(JsonSchemas.bulwarkProblems(FindingsJson.toJson(List.of()))).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatItDoesNotDescribe() {
        String good = FindingsJson.toJson(FINDINGS.subList(0, 1));
        assertThat(JsonSchemas.bulwarkProblems(good.replace("\"high\"", "\"HIGH\""))).isNotEmpty();
        assertThat(JsonSchemas.bulwarkProblems(good.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"))).isNotEmpty();
        assertThat(JsonSchemas.bulwarkProblems(good.replace("\"remediation\"", "\"fix\""))).isNotEmpty();
    }

    @Test
    void serviceReportsMatchTheDocumentedSchema() {
        ServiceReport report = ServiceAudit.report(SocketTable.parse(ServiceAuditTest.LISTING), ServiceAuditTest.POLICY,
                "web1");
        String json = report.toJson();
        assertThat(JsonSchemas.bulwarkProblems(json)).isEmpty();
        assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"service-report\",\n  \"host\": \"web1\",")
                .contains("\"protocol\": \"tcp\",\n      \"address\": \"0.0.0.0\",\n      \"port\": 5432,")
                .contains("\"policy\": {\n        \"name\": \"ssh\",\n        \"firstPort\": 22,\n        \"lastPort\": 22,\n"
                        + "        \"exposure\": \"private\",\n        \"allowedFrom\": [\n          \"10.8.0.0/24\"\n        ]\n")
                .contains("\"findings\": [\n        \"services.internal-exposed\"\n      ]");
        assertThat(json.split("\"kind\"", -1)).hasSize(2);
    }

    @Test
    void writeSendsTheSameDocumentAndLeavesTheWriterOpen() throws Exception {
        StringWriter out = new StringWriter();
        FindingsJson.write(FINDINGS, out);
        out.write("after");
        assertThat(out.toString()).isEqualTo(FindingsJson.toJson(FINDINGS) + "after");
        ServiceReport report = ServiceAudit.report(SocketTable.parse(ServiceAuditTest.LISTING), ServiceAuditTest.POLICY,
                "web1");
        StringWriter reportOut = new StringWriter();
        report.writeJson(reportOut);
        assertThat(reportOut.toString()).isEqualTo(report.toJson());
    }

    @Test
    void theSchemaIsShippedWithItsVersion() {
        assertThat(FindingsJson.schema()).contains("\"schemaVersion\": { \"const\": " + FindingsJson.SCHEMA_VERSION + " }");
    }

    @Test
    void locatesSubjectsThatNameAFileAndLine() {
        assertThat(location("sshd_config:12")).contains(new Position("sshd_config", 12, 1));
        assertThat(location("/etc/ssh/sshd_config.d/50-cloud.conf:3:9"))
                .contains(new Position("/etc/ssh/sshd_config.d/50-cloud.conf", 3, 9));
        assertThat(location("APT::Periodic::Unattended-Upgrade (/etc/apt/apt.conf.d/20auto-upgrades:2:1)"))
                .contains(new Position("/etc/apt/apt.conf.d/20auto-upgrades", 2, 1));
    }

    @Test
    void doesNotTakeAddressesOrWordsForFiles() {
        assertThat(location("10.0.0.1:22")).isEmpty();
        assertThat(location("[::1]:22")).isEmpty();
        assertThat(location("fe80::1:22")).isEmpty();
        assertThat(location("tcp 0.0.0.0:5432 (postgres pid 812)")).isEmpty();
        assertThat(location("web1: apt-daily.timer")).isEmpty();
        assertThat(location("ruleset")).isEmpty();
        assertThat(location("sshd_config:0")).isEmpty();
        assertThat(location("sshd_config:99999999999")).isEmpty();
        assertThat(location("my file:3")).isEmpty();
        assertThat(location(":3")).isEmpty();
    }

    private static java.util.Optional<Position> location(String subject) {
        return new Finding("a.b", Severity.LOW, subject, "m", "r").location();
    }
}
