package dev.bulwark.pki.acme;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IntermediateSpec;
import dev.bulwark.pki.Pki;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A CA store (root → issuing intermediate constrained to example.com and 127.0.0.0/8), a policy for
 * example.com and 127.0.0.1, a resolver that maps names to 127.0.0.1, and an http-01 responder.
 */
final class AcmeFixture implements AutoCloseable {

    static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    static final CaPolicy POLICY = CaPolicy.builder().allowDnsSuffix("example.com").allowIpRange(IpNetwork.parse("127.0.0.1/32"))
            .maxValidity(Duration.ofDays(90)).build();

    final Path dir;
    final CertificateAuthority root;
    final CaStore store;
    final ChallengeResponder responder;
    final Map<String, List<InetAddress>> addresses = new ConcurrentHashMap<>();
    final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    final AcmeResolver resolver = new AcmeResolver() {
        @Override
        public List<InetAddress> addresses(String name) {
            return addresses.getOrDefault(name, List.of(InetAddress.getLoopbackAddress()));
        }

        @Override
        public List<String> txt(String name) {
            return txt.getOrDefault(name, List.of());
        }
    };
    AcmeServer server;

    AcmeFixture(Path dir) throws IOException {
        this.dir = dir;
        root = CertificateAuthority.createRoot("CN=ACME Test Root");
        CertificateAuthority issuing = root.createIntermediate(IntermediateSpec.builder("CN=ACME Test Issuing CA")
                .permitDns("example.com").permitDns("localhost").permitIps(IpNetwork.parse("127.0.0.0/8")).build());
        store = Pki.createStore(dir.resolve("ca"), issuing, PASSPHRASE.clone());
        responder = new ChallengeResponder();
    }

    AcmeServer.Builder builder() {
        return builder(store);
    }

    AcmeServer.Builder builder(CaStore on) {
        return builder(on, POLICY);
    }

    AcmeServer.Builder builder(CaStore on, CaPolicy policy) {
        return Pki.acmeServer(on, policy).port(0).httpPort(responder.port()).resolver(resolver)
                .validationNetworks(List.of(IpNetwork.parse("127.0.0.0/8"))).validationTimeout(Duration.ofSeconds(5));
    }

    AcmeServer start() throws IOException {
        return start(b -> b);
    }

    AcmeServer start(UnaryOperator<AcmeServer.Builder> settings) throws IOException {
        server = settings.apply(builder()).start();
        return server;
    }

    AcmeTestClient client(AcmeTestClient.AccountKey key) {
        return new AcmeTestClient(server.directoryUrl(), root.certificate(), key);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        responder.close();
    }

    static Map<String, String> copy(Map<String, String> map) {
        return new HashMap<>(map);
    }
}
