package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ACME clients (Debian's certbot, lego and dehydrated) obtain, renew and revoke certificates
 * from every server under test — pebble, Let's Encrypt's test server, and Bulwark's — in the same
 * test, all on loopback: http-01 and tls-alpn-01 answered by the clients' own responders, dns-01
 * by TXT records their hooks write into a dnsmasq the servers resolve through. Every chain passes
 * {@code openssl verify -x509_strict}; each server reports the revoked certificate as revoked; and
 * every step has the same outcome on every server.
 */
@RequiresTool({"pebble", "dnsmasq", "openssl", "flock"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeClientsInteropTest {

    /** Makes a client pointed at one server, with its own state folder. */
    private interface ClientFactory {
        AcmeClient create(Testbed bed, AcmeServerUnderTest server, Path home);
    }

    @TempDir
    static Path dir;

    private Testbed bed;
    private final List<AcmeServerUnderTest> servers = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        bed = Testbed.start(dir);
        servers.add(PebbleServer.start(bed));
        servers.add(BulwarkServer.start(bed));
    }

    @AfterAll
    void stop() throws Exception {
        for (AcmeServerUnderTest server : servers) {
            server.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @RequiresTool("certbot")
    void certbotObtainsRenewsAndRevokesAlikeOnEveryServer() throws Exception {
        runOnEveryServer("certbot", Certbot::new);
    }

    @Test
    @RequiresTool("lego")
    void legoObtainsOverHttpTlsAlpnAndDnsRenewsAndRevokesAlikeOnEveryServer() throws Exception {
        runOnEveryServer("lego", Lego::new);
    }

    @Test
    @RequiresTool({"dehydrated", "curl"})
    void dehydratedObtainsRenewsAndRevokesAlikeOnEveryServer() throws Exception {
        runOnEveryServer("dehydrated", Dehydrated::new);
    }

    private void runOnEveryServer(String clientName, ClientFactory factory) throws Exception {
        Map<String, Map<String, String>> byServer = new LinkedHashMap<>();
        Map<String, String> expected = null;
        for (AcmeServerUnderTest server : servers) {
            Path home = dir.resolve(server.name()).resolve(clientName);
            AcmeClient client = factory.create(bed, server, home.resolve("client"));
            expected = ClientFlow.expected(client.challenges());
            byServer.put(server.name(), ClientFlow.run(client, server, home.resolve("flow")));
        }
        Map<String, String> first = byServer.values().iterator().next();
        for (Map.Entry<String, Map<String, String>> run : byServer.entrySet()) {
            assertThat(run.getValue()).as("%s's outcomes, step by step", run.getKey()).isEqualTo(expected);
            assertThat(run.getValue()).as("%s's outcomes against %s's", run.getKey(), servers.get(0).name())
                    .isEqualTo(first);
        }
    }
}
