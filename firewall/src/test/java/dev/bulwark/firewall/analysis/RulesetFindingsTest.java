package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Ruleset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesetFindingsTest {

    private static Ruleset fixture(String name) {
        try (InputStream in = RulesetFindingsTest.class.getResourceAsStream(name)) {
            return IptablesSave.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void dockerPublishingAroundInputIsHighWhenDockerUserDoesNotFilter() {
        List<Finding> f = ExposureAnalysis.audit(fixture("iptables-save-docker28.txt"));
        Finding bypass = f.stream().filter(x -> x.id().equals("firewall.docker-bypasses-input")).findFirst().orElseThrow();
        assertThat(bypass.severity()).isEqualTo(Severity.HIGH);
        assertThat(bypass.message()).isEqualTo("Docker publishes [tcp/8080 -> 172.17.0.2:80] by DNAT; these connections"
                + " go through FORWARD, not INPUT, so INPUT rules (ufw's included) do not filter them, and DOCKER-USER"
                + " is empty or only returns");
        assertThat(f).anySatisfy(x -> assertThat(x.message()).isEqualTo(
                "rules written by Docker (28 or later: DOCKER-FORWARD/DOCKER-CT chains)"));
        assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void dockerUserWithFilteringRulesIsOnlyInfo() {
        List<Finding> f = ExposureAnalysis.audit(fixture("iptables-save-docker28-user.txt"));
        assertThat(ids(f)).contains("firewall.docker-user-filters").doesNotContain("firewall.docker-bypasses-input");
    }

    @Test
    void dockerPublishedPortsAreReachableByEveryoneThroughTheContainer() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:*\ntcp LISTEN 0 4096 0.0.0.0:22 0.0.0.0:*\n";
        List<SocketExposure> e = ExposureAnalysis.analyze(fixture("iptables-save-docker28.txt"), SocketTable.parse(ss));
        // docker-proxy listens on 8080, but DNAT sends everyone's connections to the container: the port is public
        assertThat(e.get(0).level()).isEqualTo(Exposure.PUBLIC);
        assertThat(e.get(0).notes()).anySatisfy(n -> assertThat(n).startsWith("new tcp/8080 connections are forwarded to 172.17.0.2:80 by "));
        assertThat(e.get(1).level()).isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void recognisesFail2banAndRulesThatNeverMatch() {
        List<Finding> f = ExposureAnalysis.audit(fixture("iptables-save-fail2ban.txt"));
        assertThat(f).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo("firewall.fail2ban-present");
            assertThat(x.message()).isEqualTo("fail2ban bans through [sshd]");
        });
        List<Finding> never = f.stream().filter(x -> x.id().equals("firewall.rule-never-matches")).toList();
        assertThat(never).extracting(Finding::subject).containsExactly(
                "iptables-save-fail2ban.txt:8:1: -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT",
                "iptables-save-fail2ban.txt:10:1: -A INPUT -p tcp -m tcp --dport 80 -j DROP");
        assertThat(never.get(0).message()).isEqualTo("rule in ip filter INPUT never matches: the earlier rule at line 7"
                + " ('-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT') catches every packet it would");
        assertThat(ids(f)).contains("firewall.input-policy-accept");
        assertThat(ids(ExposureAnalysis.audit(fixture("iptables-save-docker28.txt")))).contains("firewall.fail2ban-absent");
    }

    @Test
    void recognisesFail2banIpsetsAndItsNftTableName() {
        Ruleset r = IptablesSave.parse("*filter\n:INPUT DROP\n"
                + "-A INPUT -p tcp -m multiport --dports 22 -m set --match-set f2b-sshd src -j REJECT\nCOMMIT\n");
        assertThat(ExposureAnalysis.audit(r)).anySatisfy(x -> assertThat(x.message()).isEqualTo("fail2ban bans through [sshd]"));
    }

    @Test
    void recognisesTheToolsThatWroteTheRules() {
        assertThat(ExposureAnalysis.audit(fixture("iptables-save-kube.txt"))).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo("firewall.manager-detected");
            assertThat(x.subject()).isEqualTo("Kubernetes");
        });
        Ruleset ufw = ExposureAnalysisTest.ufw();
        List<Finding> f = ExposureAnalysis.audit(ufw);
        assertThat(f).filteredOn(x -> x.id().equals("firewall.manager-detected")).extracting(Finding::subject)
                .containsExactly("ufw");
        assertThat(ids(f)).doesNotContain("firewall.input-policy-accept", "firewall.several-managers", "firewall.rule-never-matches");
        Ruleset both = ufw.merge(fixture("iptables-save-docker28.txt"));
        assertThat(ids(ExposureAnalysis.audit(both))).contains("firewall.several-managers");
    }

    @Test
    void anAcceptPolicyWithoutFinalDropIsHigh() {
        Ruleset open = IptablesSave.parse("*filter\n:INPUT ACCEPT\n-A INPUT -p tcp --dport 23 -j DROP\nCOMMIT\n");
        assertThat(ExposureAnalysis.audit(open)).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo("firewall.input-policy-accept");
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.subject()).isEqualTo("ip filter INPUT");
        });
        Ruleset closed = IptablesSave.parse("*filter\n:INPUT ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n"
                + "-A INPUT -j DROP\n-A INPUT -j LOG\nCOMMIT\n");
        assertThat(ids(ExposureAnalysis.audit(closed))).doesNotContain("firewall.input-policy-accept");
        assertThat(ids(ExposureAnalysis.audit(Ruleset.of(List.of())))).contains("firewall.no-rules");
    }

    @Test
    void judgesSocketsAgainstTheIntendedServiceKinds() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\ntcp LISTEN 0 128 0.0.0.0:5432 0.0.0.0:*\n"
                + "tcp LISTEN 0 128 127.0.0.1:6379 0.0.0.0:*\n";
        Ruleset r = IptablesSave.parse("*filter\n:INPUT DROP\n-A INPUT -p tcp --dport 22 -j ACCEPT\n"
                + "-A INPUT -p tcp --dport 5432 -j ACCEPT\nCOMMIT\n");
        ExposureReport report = ExposureAnalysis.audit(r, SocketTable.parse(ss),
                Map.of(22, Exposure.PUBLIC, 5432, Exposure.PRIVATE, 6379, Exposure.PRIVATE));
        assertThat(report.exposures()).hasSize(3);
        assertThat(report.findings("firewall.exposed-beyond-intent")).singleElement().satisfies(x -> {
            assertThat(x.subject()).isEqualTo("tcp 0.0.0.0:5432");
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.message()).isEqualTo("intended private but the rules make it public");
        });
        assertThat(report.findings("firewall.less-exposed-than-intended")).singleElement()
                .satisfies(x -> assertThat(x.subject()).isEqualTo("tcp 127.0.0.1:6379"));
    }

    @Test
    void reportsWhatItDidNotUnderstand() {
        Ruleset r = IptablesSave.parseLenient("*filter\n:INPUT DROP\n-A INPUT -m physdev --physdev-in v0 -j ACCEPT\n"
                + "-A INPUT --bogus\nCOMMIT\n", "t").value();
        List<Finding> f = ExposureAnalysis.audit(r);
        assertThat(f).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo("firewall.rule-not-understood");
            assertThat(x.message()).isEqualTo("Bulwark does not understand '-m physdev --physdev-in v0' and assumed it may or may not match");
        });
        assertThat(f).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo("firewall.unparsed-line");
            assertThat(x.subject()).isEqualTo("t:4:1");
        });
    }
}
