package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.sockets.SocketTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAuditTest {

    static final String LISTING = String.join("\n",
            "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess",
            "tcp   LISTEN 0      128    0.0.0.0:5432       0.0.0.0:*    users:((\"postgres\",pid=812,fd=5))",
            "tcp   LISTEN 0      128    [::]:5432          [::]:*       users:((\"postgres\",pid=812,fd=6))",
            "tcp   LISTEN 0      128    127.0.0.1:6379     0.0.0.0:*    users:((\"redis-server\",pid=900,fd=6))",
            "tcp   LISTEN 0      128    10.0.0.5:8080      0.0.0.0:*    users:((\"java\",pid=1000,fd=9))",
            "tcp   LISTEN 0      128    0.0.0.0:22         0.0.0.0:*    users:((\"sshd\",pid=700,fd=3))",
            "tcp   LISTEN 0      128    *:443              *:*          users:((\"nginx\",pid=600,fd=7))",
            "tcp   LISTEN 0      128    0.0.0.0:3000       0.0.0.0:*",
            "udp   UNCONN 0      0      0.0.0.0:5353       0.0.0.0:*    users:((\"avahi-daemon\",pid=500,fd=12))",
            "udp   UNCONN 0      0      127.0.0.53%lo:53   0.0.0.0:*    users:((\"systemd-resolve\",pid=400,fd=13))",
            "tcp   ESTAB  0      0      10.0.0.5:22        10.8.0.7:50000 users:((\"sshd\",pid=701,fd=4))",
            "");

    static final ServicePolicy POLICY = ServicePolicy.builder()
            .publicService("https", Protocol.TCP, 443)
            .privateService("ssh", Protocol.TCP, 22, IpNetwork.parse("10.8.0.0/24"))
            .internalService("postgres", Protocol.TCP, 5432)
            .internalService("redis", Protocol.TCP, 6379)
            .internalService("app", Protocol.TCP, 8080)
            .build();

    @Test
    void answersTheServiceQuestionsWithStableIds() {
        List<Finding> findings = ServiceAudit.audit(SocketTable.parse(LISTING), POLICY);
        assertThat(findings).extracting(Finding::severity, Finding::id, Finding::subject).containsExactly(
                tuple(Severity.HIGH, "services.internal-exposed", "tcp 0.0.0.0:5432 (postgres pid 812)"),
                tuple(Severity.HIGH, "services.internal-exposed", "tcp [::]:5432 (postgres pid 812)"),
                tuple(Severity.HIGH, "services.unexpected-public", "tcp 0.0.0.0:3000 (unknown process)"),
                tuple(Severity.HIGH, "services.unexpected-public", "udp 0.0.0.0:5353 (avahi-daemon pid 500)"),
                tuple(Severity.MEDIUM, "services.internal-beyond-loopback", "tcp 10.0.0.5:8080 (java pid 1000)"),
                tuple(Severity.MEDIUM, "services.internal-exposed", "tcp 0.0.0.0:22 (sshd pid 700)"),
                tuple(Severity.MEDIUM, "services.unknown-process", "tcp 0.0.0.0:3000 (unknown process)"),
                tuple(Severity.LOW, "services.udp-listener", "udp 0.0.0.0:5353 (avahi-daemon pid 500)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "tcp 127.0.0.1:6379 (redis-server pid 900)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "tcp 0.0.0.0:22 (sshd pid 700)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "tcp 0.0.0.0:3000 (unknown process)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "udp 0.0.0.0:5353 (avahi-daemon pid 500)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "udp 127.0.0.53%lo:53 (systemd-resolve pid 400)"));
        assertThat(findings.get(0).message()).isEqualTo("postgres is internal by policy but listens on all interfaces.");
        assertThat(findings.get(0).remediation()).isEqualTo("Bind postgres to 127.0.0.1 and ::1 only.");
        assertThat(findings.get(5).message())
                .isEqualTo("ssh is private (10.8.0.0/24) by policy but listens on all interfaces.");
        assertThat(findings.get(5).remediation()).isEqualTo("Bind ssh to the address facing 10.8.0.0/24,"
                + " or allow only 10.8.0.0/24 to 22/tcp in the firewall.");
        assertThat(findings.get(2).message()).isEqualTo(
                "A service the policy does not list listens on all interfaces: should it be running at all?");
    }

    @Test
    void reportsAnIpv6OnlyWildcardListenerAsMoreSevereThanIpv4Only() {
        String listing = "tcp LISTEN 0 128 [::]:8443 [::]:* users:((\"envoy\",pid=3,fd=4))\n";
        ServicePolicy policy = ServicePolicy.builder().publicService("envoy", Protocol.TCP, 8443).build();
        assertThat(ServiceAudit.audit(SocketTable.parse(listing), policy)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("services.ipv4-ipv6-mismatch");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).isEqualTo("Port 8443/tcp listens on IPv6 only (::), not on IPv4.");
        });
    }

    @Test
    void reportsMissingProcessInformationOnceInsteadOfPerListener() {
        List<Finding> findings = ServiceAudit.audit(SocketTable.parse(capture("ss-tan-debian12.txt")),
                ServicePolicy.empty());
        assertThat(findings).filteredOn(f -> f.id().equals("services.unknown-process")).isEmpty();
        assertThat(findings).filteredOn(f -> f.id().equals("services.process-info-unavailable")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("The listing names no process for any of the 9"
                        + " listeners, so none can be matched to a program."));
    }

    @Test
    void auditsARealCapture() {
        ServiceReport report = ServiceAudit.report(SocketTable.parse(capture("ss-plunt-debian12.txt")),
                ServicePolicy.empty(), "debian12");
        assertThat(report.services()).hasSize(12);
        assertThat(report.findings()).extracting(Finding::id, Finding::subject).contains(
                tuple("services.unknown-process", "tcp 0.0.0.0:2024 (unknown process)"),
                tuple("services.unexpected-public", "tcp *:43947 (worker 1 pid 7483, db \"a\",(b pid 7427)"),
                tuple("services.unexpected-private", "tcp [fe80::fc:ff:fe00:1]%eth0:40783 (worker 1 pid 7483,"
                        + " db \"a\",(b pid 7427)"),
                tuple("services.udp-listener", "udp 0.0.0.0:39812 (worker 1 pid 7483, db \"a\",(b pid 7427)"));
        assertThat(report.findings()).filteredOn(f -> f.subject().contains(" 127.0.0.1")
                || f.subject().contains(" [::1]")).extracting(Finding::id).containsOnly("services.ipv4-ipv6-mismatch");
    }

    @Test
    void validatesPolicies() {
        assertThatThrownBy(() -> ServicePolicy.builder().publicService("a", Protocol.TCP, 80)
                .internalService("b", Protocol.TCP, 80).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("services a and b both cover tcp ports 80 and 80");
        assertThatThrownBy(() -> new ExpectedService("db", Protocol.TCP, PortRange.of(5432), Exposure.PRIVATE, List.of()))
                .hasMessage("private service db names no networks it is private to");
        assertThatThrownBy(() -> ServicePolicy.builder().publicService("bad name\n", Protocol.TCP, 80))
                .hasMessage("service name 'bad name\n' must be 1 to 64 letters, digits, '.', '-' or '_'");
        assertThatThrownBy(() -> ServicePolicy.builder().publicService("ping", Protocol.ICMP, 1))
                .hasMessage("service ping: protocol icmp has no ports (use tcp or udp)");
    }

    static String capture(String name) {
        try (InputStream in = SocketTable.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
