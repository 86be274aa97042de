package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.testing.RequiresTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAuditExampleTest {

    private static String run(List<String> args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ServiceAuditExample.run(LocalHost.create(), args, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @RequiresTool("ss")
    void printsThisMachinesListenersWithExposureAndFindings() throws IOException {
        try (ServerSocket internal = new ServerSocket(); ServerSocket exposed = new ServerSocket()) {
            internal.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            exposed.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            String policy = "db:internal:tcp/" + exposed.getLocalPort();
            String text = run(List.of(policy));
            long pid = ProcessHandle.current().pid();
            assertThat(text).startsWith("Listening services on ")
                    .contains("PROTO  ADDRESS", "EXPOSURE", "Findings (")
                    .contains("HIGH services.internal-exposed: tcp ")
                    .contains(":" + exposed.getLocalPort() + " (java pid " + pid)
                    .contains("db is internal by policy but listens on all interfaces.")
                    .containsPattern("tcp +\\S*127\\.0\\.0\\.1 +" + internal.getLocalPort() + " +java pid " + pid
                            + " +internal +not in policy")
                    .endsWith("high or critical finding(s): fix them before this machine faces the internet.\n");
            assertThat(run(List.of("--markdown", policy))).startsWith("## Listening services on ")
                    .contains("| PROTO | ADDRESS | PORT | PROCESS | EXPOSURE | POLICY | FINDINGS |");
        }
    }

    @Test
    void readsServiceSpecifications() {
        ExpectedService ssh = ServiceAuditExample.service("ssh:private:tcp/22@10.8.0.0/24,192.168.1.0/24");
        assertThat(ssh.exposure()).isEqualTo(Exposure.PRIVATE);
        assertThat(ssh.exposureText()).isEqualTo("private (10.8.0.0/24, 192.168.1.0/24)");
        assertThat(ServiceAuditExample.service("dns:public:udp/53").covers(dev.bulwark.core.net.Protocol.UDP, 53)).isTrue();
        assertThatThrownBy(() -> ServiceAuditExample.service("ssh:22"))
                .hasMessage("service 'ssh:22' is not name:exposure:protocol/port[@network,...]"
                        + " (e.g. ssh:private:tcp/22@10.8.0.0/24)");
    }
}
