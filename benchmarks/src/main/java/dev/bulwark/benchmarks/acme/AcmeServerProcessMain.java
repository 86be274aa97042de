package dev.bulwark.benchmarks.acme;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IntermediateSpec;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.Pki;
import dev.bulwark.pki.acme.AcmeResolver;
import dev.bulwark.pki.acme.AcmeServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Bulwark's ACME server as a process of its own, so that the benchmark measures it the way it
 * measures pebble: creates a CA store (a root and an issuing CA constrained to {@code acme.test}
 * and 127.0.0.0/8) in a new directory, starts {@code Pki.acmeServer(...)} on it on 127.0.0.1,
 * writes the root a client must trust to a PEM file, prints {@code directory=URL} and
 * {@code pid=PID} and serves until its standard input closes. {@code --threads N} sets both the
 * request and the validation threads (default 16, the server's default). Used by
 * {@code benchmarks/scripts/acme-vs-pebble.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.bulwark.benchmarks.acme.AcmeServerProcessMain --store /tmp/acme-store \
 *     --dns 127.0.0.1:5353 --http-port 5002 --trust-out /tmp/acme-root.pem
 * }</pre>
 */
public final class AcmeServerProcessMain {

    private static final String ZONE = "acme.test";

    private AcmeServerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> options = AcmeLoadMain.options(args);
        if (!options.keySet().containsAll(List.of("store", "dns", "http-port", "trust-out"))) {
            System.err.println("usage: AcmeServerProcessMain --store NEW-DIR --dns HOST:PORT --http-port P --trust-out FILE");
            System.exit(2);
        }
        CertificateAuthority root = Pki.createRoot("CN=ACME benchmark root");
        CertificateAuthority issuing = root.createIntermediate(IntermediateSpec.builder("CN=ACME benchmark issuing CA")
                .permitDns(ZONE).permitIps(IpNetwork.parse("127.0.0.0/8")).build());
        CaStore store = Pki.createStore(Path.of(options.get("store")), issuing, "benchmark passphrase".toCharArray());
        CaPolicy policy = Pki.policy().allowDnsSuffix(ZONE).maxValidity(Duration.ofDays(90)).build();
        String[] dns = options.get("dns").split(":");
        try (AcmeServer acme = Pki.acmeServer(store, policy).serverNames(List.of("127.0.0.1")).port(0)
                .resolver(AcmeResolver.dns(new InetSocketAddress(dns[0], Integer.parseInt(dns[1]))))
                .validationNetworks(List.of(IpNetwork.parse("127.0.0.0/8")))
                .httpPort(Integer.parseInt(options.get("http-port")))
                .threads(Integer.parseInt(options.getOrDefault("threads", "16")))
                .validationThreads(Integer.parseInt(options.getOrDefault("threads", "16"))).start()) {
            Files.writeString(Path.of(options.get("trust-out")), Pem.encode(acme.trustAnchor()), StandardCharsets.US_ASCII);
            System.out.println("directory=" + acme.directoryUrl());
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // serve until the script closes our input
            }
        }
    }
}
