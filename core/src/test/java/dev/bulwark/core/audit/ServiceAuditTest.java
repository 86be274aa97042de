package dev.bulwark.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.AddressScope;
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
                tuple(Severity.MEDIUM, "services.private-exposed", "tcp 0.0.0.0:22 (sshd pid 700)"),
                tuple(Severity.MEDIUM, "services.unknown-process", "tcp 0.0.0.0:3000 (unknown process)"),
                tuple(Severity.LOW, "services.udp-listener", "udp 0.0.0.0:5353 (avahi-daemon pid 500)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "tcp 0.0.0.0:22 (sshd pid 700)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "tcp 0.0.0.0:3000 (unknown process)"),
                tuple(Severity.LOW, "services.ipv4-ipv6-mismatch", "udp 0.0.0.0:5353 (avahi-daemon pid 500)"));
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
        // loopback listeners (127.0.0.1, ::1, v4-mapped loopback) reach only this machine: nothing to report,
        // and no firewall advice about address families applies to them
        assertThat(report.services()).filteredOn(s -> s.scope() == AddressScope.LOOPBACK).hasSizeGreaterThan(2);
        assertThat(report.findings()).filteredOn(f -> f.subject().contains(" 127.0.0.1")
                || f.subject().contains(" [::1]") || f.subject().contains("[::ffff:127.")).isEmpty();
    }

    @Test
    void givesLoopbackOnlyListenersNoFamilyFindingAndNoFirewallAdvice() {
        String listing = "tcp LISTEN 0 128 127.0.0.1:6379 0.0.0.0:* users:((\"redis-server\",pid=900,fd=6))\n"
                + "udp UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:* users:((\"systemd-resolve\",pid=400,fd=13))\n"
                + "tcp LISTEN 0 128 [::1]:631 [::]:* users:((\"cupsd\",pid=300,fd=7))\n";
        assertThat(ServiceAudit.audit(SocketTable.parse(listing), ServicePolicy.empty())).isEmpty();
        ServicePolicy redis = ServicePolicy.builder().internalService("redis", Protocol.TCP, 6379).build();
        assertThat(ServiceAudit.audit(SocketTable.parse(listing), redis)).isEmpty();
    }

    @Test
    void reportsAServiceThePolicyListsThatNothingListensOn() {
        ServicePolicy policy = ServicePolicy.builder().publicService("https", Protocol.TCP, 443)
                .publicService("dns", Protocol.UDP, 53).build();
        String listing = "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=700,fd=3))\n";
        List<Finding> findings = ServiceAudit.audit(SocketTable.parse(listing), policy);
        assertThat(findings).filteredOn(f -> f.id().equals("services.not-listening"))
                .extracting(Finding::severity, Finding::subject, Finding::message).containsExactly(
                        tuple(Severity.LOW, "https 443/tcp",
                                "https is public by policy, but nothing listens on tcp port 443."),
                        tuple(Severity.LOW, "dns 53/udp", "dns is public by policy, but nothing listens on udp port 53."
                                + " The listing holds no udp socket at all: was ss run without -u?"));
        String both = listing + "tcp LISTEN 0 128 *:443 *:* users:((\"nginx\",pid=600,fd=7))\n"
                + "udp UNCONN 0 0 *:53 *:* users:((\"unbound\",pid=601,fd=7))\n";
        assertThat(ServiceAudit.audit(SocketTable.parse(both), policy)).extracting(Finding::id)
                .doesNotContain("services.not-listening");
    }

    @Test
    void namesAPrivateServiceOnAllInterfacesPrivateExposed() {
        ServicePolicy policy = ServicePolicy.builder()
                .privateService("ssh", Protocol.TCP, 22, IpNetwork.parse("10.8.0.0/24")).build();
        String listing = "tcp LISTEN 0 128 *:22 *:* users:((\"sshd\",pid=700,fd=3))\n";
        assertThat(ServiceAudit.audit(SocketTable.parse(listing), policy)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("services.private-exposed");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void saysAListenerBoundToAHostNameHasUnknownExposureAndAssumesItReachable() {
        SocketTable table = SocketTable.parse(capture("ss-plutr-names-debian12.txt"));
        ServicePolicy policy = ServicePolicy.builder().internalService("postgres", Protocol.TCP, 5432)
                .publicService("https", Protocol.TCP, 443).build();
        ServiceReport report = ServiceAudit.report(table, policy, "ns");
        assertThat(report.services()).hasSize(12);
        assertThat(report.findings()).filteredOn(f -> f.id().equals("services.bound-to-name"))
                .extracting(Finding::severity, Finding::subject).containsExactlyInAnyOrder(
                        tuple(Severity.HIGH, "udp localhost:domain (python3 pid 15900)"),
                        tuple(Severity.HIGH, "tcp localhost:postgresql (python3 pid 15900)"),
                        tuple(Severity.HIGH, "tcp web1.example.com:8443 (python3 pid 15900)"),
                        tuple(Severity.HIGH, "tcp localhost:ipp (python3 pid 15900)"),
                        tuple(Severity.LOW, "tcp web1v6.example.com:https (python3 pid 15900)"),
                        tuple(Severity.HIGH, "tcp localhost:ipp (python3 pid 15900)"));
        assertThat(report.findings()).filteredOn(f -> f.subject().equals("tcp localhost:postgresql (python3 pid 15900)"))
                .extracting(Finding::message).containsExactly("Bound to a name, exposure unknown: ss printed the host"
                        + " name localhost in place of the address (ss -r), so who can reach it cannot be told; it is"
                        + " assumed reachable from anywhere. postgres is internal by policy.");
        // the udp one is also a udp listener assumed reachable
        assertThat(report.findings()).extracting(Finding::id, Finding::subject)
                .contains(tuple("services.udp-listener", "udp localhost:domain (python3 pid 15900)"));
        assertThat(report.toText()).contains("tcp    web1.example.com    8443   python3 pid 15900  unknown   not in policy"
                + "       services.bound-to-name\n");
    }

    @Test
    void auditsListingsWithServiceNamesAsTheNumericOnes() {
        ServicePolicy policy = ServicePolicy.builder().internalService("postgres", Protocol.TCP, 5432)
                .publicService("ssh", Protocol.TCP, 22).build();
        List<Finding> named = ServiceAudit.audit(SocketTable.parse(capture("ss-plut-names-debian12.txt")), policy);
        String numeric = capture("ss-plut-names-debian12.txt").replace(":ssh ", ":22  ").replace(":mdns ", ":5353 ")
                .replace(":domain ", ":53 ").replace(":ntp ", ":123 ").replace(":postgresql ", ":5432 ")
                .replace(":ipp ", ":631 ").replace(":https ", ":443 ").replace(":http-alt ", ":8080 ");
        List<Finding> numbered = ServiceAudit.audit(SocketTable.parse(numeric), policy);
        assertThat(named).extracting(Finding::id, Finding::severity)
                .isEqualTo(numbered.stream().map(f -> tuple(f.id(), f.severity())).collect(java.util.stream.Collectors.toList()));
        assertThat(named).extracting(Finding::id).doesNotContain("services.not-listening");
    }

    @Test
    void treatsAnUnknownServiceNameAsAnUnknownPortNeverAsAMatch() {
        String listing = "tcp LISTEN 0 128 0.0.0.0:rpc.mountd 0.0.0.0:* users:((\"rpc.mountd\",pid=70,fd=3))\n";
        ServicePolicy policy = ServicePolicy.builder().service(new ExpectedService("web", Protocol.TCP,
                PortRange.of(1, 65535), Exposure.PUBLIC, List.of())).build();
        ServiceReport report = ServiceAudit.report(SocketTable.parse(listing), policy, "h");
        assertThat(report.findings()).extracting(Finding::id)
                .contains("services.unexpected-public", "services.not-listening");
        assertThat(report.toText()).contains("tcp    0.0.0.0  rpc.mountd  rpc.mountd pid 70  public    port unknown");
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
