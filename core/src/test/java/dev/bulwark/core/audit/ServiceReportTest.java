package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.sockets.SocketTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceReportTest {

    private final ServiceReport report = ServiceAudit.report(SocketTable.parse(ServiceAuditTest.LISTING),
            ServiceAuditTest.POLICY, "web1");

    @Test
    void rendersATableOfListeningServicesWithExposureAndFindings() {
        String text = report.toText();
        assertThat(text).startsWith("Listening services on web1 (9)\n\nPROTO  ADDRESS        PORT  PROCESS");
        assertThat(text.lines()).contains(
                "tcp    0.0.0.0        5432  postgres pid 812         public    postgres: internal"
                        + "          services.internal-exposed",
                "tcp    0.0.0.0        22    sshd pid 700             public    ssh: private (10.8.0.0/24)"
                        + "  services.private-exposed, services.ipv4-ipv6-mismatch",
                "tcp    *              443   nginx pid 600            public    https: public"
                        + "               -",
                "udp    127.0.0.53%lo  53    systemd-resolve pid 400  internal  not in policy"
                        + "               -");
        assertThat(text).contains("Findings (11)\n\nHIGH services.internal-exposed: tcp 0.0.0.0:5432 (postgres pid 812)\n"
                + "  postgres is internal by policy but listens on all interfaces.\n"
                + "  Fix: Bind postgres to 127.0.0.1 and ::1 only.\n");
    }

    @Test
    void rendersMarkdownWithEscapedCells() {
        String markdown = report.toMarkdown();
        assertThat(markdown).startsWith("## Listening services on web1\n\n"
                + "| PROTO | ADDRESS | PORT | PROCESS | EXPOSURE | POLICY | FINDINGS |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        assertThat(markdown).contains("| tcp | \\* | 443 | nginx pid 600 | public | https: public | - |");
        assertThat(markdown).contains("| HIGH | services.internal-exposed | tcp 0.0.0.0:5432 (postgres pid 812) |");
    }

    @Test
    void neverSendsControlCharactersOrMarkdownFromProcessNamesThrough() {
        String listing = "tcp LISTEN 0 1 0.0.0.0:81 0.0.0.0:* users:((\"evil\u001b[2J|x\",pid=9,fd=3))\n";
        ServiceReport hostile = ServiceAudit.report(SocketTable.parse(listing), ServicePolicy.empty(), "h");
        assertThat(hostile.toText()).doesNotContain("\u001b").contains("evil\\u001b[2J|x pid 9");
        assertThat(hostile.toMarkdown()).doesNotContain("\u001b").contains("evil\\\\u001b\\[2J\\|x pid 9");
        assertThat(FindingsRenderer.text(hostile.findings())).doesNotContain("\u001b");
    }

    @Test
    void saysSoWhenThereAreNoFindings() {
        assertThat(FindingsRenderer.text(List.of())).isEqualTo("No findings.\n");
        assertThat(FindingsRenderer.markdown(List.of())).isEqualTo("No findings.\n");
    }
}
