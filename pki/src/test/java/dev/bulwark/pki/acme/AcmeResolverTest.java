package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AcmeResolver#dns} against a real dnsmasq on 127.0.0.1 that answers A for
 * {@code v4only.example.com} and REFUSES its AAAA query (dnsmasq refuses a type it has no local
 * data and no upstream for): each address family is looked up on its own, so the name resolves
 * and is validated over IPv4.
 */
@Tag("interop")
@RequiresTool("dnsmasq")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeResolverTest {

    @TempDir
    static Path dir;

    Process dnsmasq;
    int port;

    @BeforeAll
    void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, String.join("\n", "port=" + port, "listen-address=127.0.0.1", "bind-interfaces",
                "no-resolv", "no-hosts", "no-negcache", "address=/v4only.example.com/127.0.0.1") + "\n", StandardCharsets.US_ASCII);
        dnsmasq = new ProcessBuilder(Tools.path("dnsmasq"), "--keep-in-foreground", "--conf-file=" + conf, "--pid-file=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        // ready once it answers the A query (bounded by attempts)
        for (int i = 0; i < 200 && query("v4only.example.com", "A") == null; i++) {
            assertThat(dnsmasq.isAlive()).as("dnsmasq: " + Files.readString(dir.resolve("dnsmasq.log"))).isTrue();
            Thread.sleep(25);
        }
    }

    @AfterAll
    void stop() throws Exception {
        dnsmasq.destroy();
        if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
            dnsmasq.destroyForcibly();
        }
    }

    /** The answer's attribute text, or null when the query failed (REFUSED, SERVFAIL, timeout). */
    private String query(String name, String type) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns://127.0.0.1:" + port);
        env.put("com.sun.jndi.dns.timeout.initial", "500");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        try {
            InitialDirContext context = new InitialDirContext(env);
            try {
                return String.valueOf(context.getAttributes(name + ".", new String[] {type}));
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            return null;
        }
    }

    private AcmeResolver resolver() {
        return AcmeResolver.dns(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void aNameWhoseAaaaQueryIsRefusedResolvesToItsIpv4Address() throws Exception {
        assertThat(query("v4only.example.com", "AAAA")).as("dnsmasq refuses AAAA for the name").isNull();
        assertThat(resolver().addresses("v4only.example.com")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aNameForWhichEveryFamilyFailsIsAFailureNotAnEmptyAnswer() {
        assertThatThrownBy(() -> resolver().addresses("unknown.example.net")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("DNS lookup of A unknown.example.net failed");
    }

    @Test
    void http01ForANameWithOnlyAnIpv4AddressIsValidatedOverIpv4() throws Exception {
        try (AcmeFixture fixture = new AcmeFixture(dir.resolve("ca-root"))) {
            fixture.start(b -> b.resolver(resolver()));
            AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
            Map<String, Object> order = AcmeFlows.readyOrder(fixture, client, "v4only.example.com");
            assertThat(order).containsEntry("status", "pending");
            assertThat(fixture.responder.requests.get()).isPositive();
            assertThat(client.postAsGet((String) order.get("url")).json()).containsEntry("status", "ready");
        }
    }

    @Test
    void theAnswersOfTheStaticResolverAreReturnedAsGiven() throws Exception {
        AcmeResolver fixed = AcmeResolver.of(Map.of("a.example.com", List.of(InetAddress.getByName("10.0.0.1"))), Map.of());
        assertThat(fixed.addresses("A.Example.Com")).containsExactly(InetAddress.getByName("10.0.0.1"));
        assertThat(fixed.addresses("b.example.com")).isEmpty();
    }
}
