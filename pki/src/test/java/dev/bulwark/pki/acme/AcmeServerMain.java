package dev.bulwark.pki.acme;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.Pki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A second ACME server process on a store, for {@link AcmeDurabilityTest}: args STORE PUBLIC_URL HTTP_PORT;
 * prints "port N" once listening and stops when its standard input closes.
 */
public final class AcmeServerMain {

    private AcmeServerMain() {
    }

    public static void main(String[] args) throws Exception {
        CaStore store = CaStore.open(Path.of(args[0]), AcmeFixture.PASSPHRASE.clone());
        AcmeResolver loopback = AcmeResolver.of(Map.of(), Map.of());
        AcmeResolver resolver = new AcmeResolver() {
            @Override
            public List<InetAddress> addresses(String name) {
                return List.of(InetAddress.getLoopbackAddress());
            }

            @Override
            public List<String> txt(String name) throws java.io.IOException {
                return loopback.txt(name);
            }
        };
        try (AcmeServer server = Pki.acmeServer(store, AcmeFixture.POLICY).port(0).publicUrl(URI.create(args[1]))
                .httpPort(Integer.parseInt(args[2])).resolver(resolver).validationNetworks(List.of(IpNetwork.parse("127.0.0.0/8")))
                .validationTimeout(Duration.ofSeconds(5)).start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // run until the parent closes our input
            }
        }
    }
}
