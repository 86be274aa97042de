package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.host.LocalHost;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

    @Test
    void readsServicesAndProtocolsFilesAsTheCLibraryDoes() {
        ServiceNames names = ServiceNames.parse("""
                # comment
                ssh\t\t22/tcp\t\t\t# SSH Remote Login Protocol
                http 80/tcp www  # WorldWideWeb HTTP
                domain 53/tcp
                domain 53/udp
                broken 99
                toolarge 70000/tcp
                webcache 8080/tcp http-alt
                other 8081/tcp webcache
                """, """
                icmp 1 ICMP # internet control message protocol
                ipv6-icmp 58 IPv6-ICMP
                bad x
                """);
        assertThat(names.port("ssh", "tcp")).hasValue(22);
        assertThat(names.port("ssh", "udp")).isEmpty();
        assertThat(names.port("www", "tcp")).hasValue(80);
        assertThat(names.port("domain", "udp")).hasValue(53);
        assertThat(names.port("broken", "tcp")).isEmpty();
        assertThat(names.port("toolarge", "tcp")).isEmpty();
        assertThat(names.port("http-alt", "tcp")).hasValue(8080);
        // a name keeps its first entry, as getservbyname(3) finds it
        assertThat(names.port("webcache", "tcp")).hasValue(8080);
        assertThat(names.protocolNumber("ipv6-icmp")).hasValue(58);
        assertThat(names.protocolNumber("ICMP")).hasValue(1);
        assertThat(names.protocolNumber("bad")).isEmpty();
    }

    @Test
    void knowsTheCommonWellKnownPortsWithoutADatabase() {
        ServiceNames names = ServiceNames.builtIn();
        assertThat(names.port("ssh", "tcp")).hasValue(22);
        assertThat(names.port("http-alt", "tcp")).hasValue(8080);
        assertThat(names.port("mdns", "udp")).hasValue(5353);
        assertThat(names.port("postgresql", "tcp")).hasValue(5432);
        assertThat(names.port("https", "udp")).hasValue(443);
        assertThat(names.protocolNumber("ipv6-icmp")).hasValue(58);
        assertThat(names.port("no-such-service", "tcp")).isEmpty();
    }

    @Test
    @RequiresTool("getent")
    void readsTheDatabaseOfAHostAsGetentSeesIt() throws IOException {
        ServiceNames names = ServiceNames.read(LocalHost.create());
        for (String service : new String[] {"ssh", "http-alt", "ipp", "postgresql"}) {
            String line = LocalHost.create().run(java.util.List.of("getent", "services", service + "/tcp"),
                    java.time.Duration.ofSeconds(10)).requireSuccess().stdout();
            int port = Integer.parseInt(line.trim().split("\\s+")[1].split("/")[0]);
            assertThat(names.port(service, "tcp")).as(service).hasValue(port);
        }
    }

    @Test
    void readsHugeHostileLinesAndKeepsTheRest() {
        String hostile = ("a".repeat(10_000) + " 1/tcp " + "b ".repeat(5_000) + "\n").repeat(50);
        ServiceNames names = ServiceNames.parse(hostile + "ssh 22/tcp\n", "");
        assertThat(names.port("ssh", "tcp")).hasValue(22);
    }
}
