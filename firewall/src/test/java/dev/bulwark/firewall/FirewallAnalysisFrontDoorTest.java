package dev.bulwark.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureReport;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirewallAnalysisFrontDoorTest {

    @Test
    void parsesAnalysesAndAuditsThroughTheFrontDoor() {
        Ruleset r = Firewall.parseIptablesSave("*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -p tcp --dport 5432 -j ACCEPT\nCOMMIT\n");
        SocketTable ss = SocketTable.parse("Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 0.0.0.0:5432 0.0.0.0:*\n");
        assertThat(Firewall.analyze(r, ss)).singleElement()
                .hasToString("tcp 0.0.0.0:5432 private from [10.0.0.0/8]");
        ExposureReport report = Firewall.audit(r, ss, Map.of(5432, Exposure.INTERNAL));
        assertThat(report.findings("firewall.exposed-beyond-intent")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("intended internal but the rules make it private to [10.0.0.0/8]"));
    }
}
