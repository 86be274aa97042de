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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Drives an ACME server with many concurrent accounts through whole orders (JWS-signed requests,
 * http-01 answered in-process, finalize, download) and prints
 * {@code server=… accounts=… orders=… failed=… seconds=… orders_per_second=…}. Against Bulwark it
 * starts {@link AcmeServer} in this JVM over a fresh on-disk CA store; against pebble it is given
 * the directory URL and the root of pebble's HTTPS certificate. Both resolve the order names
 * through the same DNS server (dnsmasq answering {@code *.acme.test} with 127.0.0.1). Used by
 * {@code benchmarks/scripts/acme-vs-pebble.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.bulwark.benchmarks.acme.AcmeLoadMain --server bulwark --dns 127.0.0.1:5353 --http-port 5002
 * java -cp benchmarks.jar dev.bulwark.benchmarks.acme.AcmeLoadMain --server pebble --directory https://127.0.0.1:14000/dir \
 *     --trust pebble-https-root.pem --http-port 5002
 * }</pre>
 * Options: {@code --accounts} (100), {@code --orders} (1000, spread evenly over the accounts),
 * {@code --warmup} (orders run before the timed ones, 200).
 */
public final class AcmeLoadMain {

    private static final String ZONE = "acme.test";

    private AcmeLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String server = options.getOrDefault("server", "");
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
        int orders = Integer.parseInt(options.getOrDefault("orders", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        int httpPort = Integer.parseInt(options.getOrDefault("http-port", "0"));
        if (!server.equals("bulwark") && !server.equals("pebble") || httpPort == 0 || orders % accounts != 0) {
            System.err.println("usage: AcmeLoadMain --server bulwark --dns HOST:PORT --http-port P"
                    + " | --server pebble --directory URL --trust PEM --http-port P;"
                    + " [--accounts 100] [--orders 1000 (a multiple of accounts)] [--warmup 200]");
            System.exit(2);
        }
        try (Http01Responder responder = new Http01Responder(httpPort)) {
            if (server.equals("bulwark")) {
                Path store = Files.createTempDirectory("acme-bench-store");
                try (AcmeServer acme = startBulwark(store, options.get("dns"), httpPort)) {
                    run("bulwark", acme.directoryUrl(), List.of(acme.trustAnchor()), responder, accounts, orders, warmup);
                }
            } else {
                List<X509Certificate> trust = Pem.parseCertificates(Files.readString(Path.of(options.get("trust"))),
                        options.get("trust"));
                run("pebble", URI.create(options.get("directory")), trust, responder, accounts, orders, warmup);
            }
        }
    }

    private static AcmeServer startBulwark(Path dir, String dns, int httpPort) throws IOException {
        CertificateAuthority root = Pki.createRoot("CN=ACME benchmark root");
        CertificateAuthority issuing = root.createIntermediate(IntermediateSpec.builder("CN=ACME benchmark issuing CA")
                .permitDns(ZONE).permitIps(IpNetwork.parse("127.0.0.0/8")).build());
        CaStore store = Pki.createStore(dir.resolve("ca"), issuing, "benchmark passphrase".toCharArray());
        CaPolicy policy = Pki.policy().allowDnsSuffix(ZONE).maxValidity(Duration.ofDays(90)).build();
        String[] hostPort = dns.split(":");
        return Pki.acmeServer(store, policy).serverNames(List.of("127.0.0.1")).port(0)
                .resolver(AcmeResolver.dns(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]))))
                .validationNetworks(List.of(IpNetwork.parse("127.0.0.0/8"))).httpPort(httpPort).start();
    }

    private static void run(String name, URI directoryUrl, List<X509Certificate> trust, Http01Responder responder,
                            int accounts, int orders, int warmup) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(trust))
                .connectTimeout(Duration.ofSeconds(30)).build();
        Map<String, Object> directory = AcmeAccount.directory(http, directoryUrl);
        SecureRandom random = new SecureRandom();
        ExecutorService threads = Executors.newFixedThreadPool(accounts);
        try {
            List<AcmeAccount> all = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                all.add(new AcmeAccount(http, directory, responder, random));
            }
            long registering = System.nanoTime();
            await(all.stream().map(a -> threads.submit(() -> {
                a.register();
                return 0;
            })).toList());
            double registration = (System.nanoTime() - registering) / 1e9;
            AtomicInteger serial = new AtomicInteger();
            int warmFailed = orders(threads, all, warmup / accounts, serial, "warm");
            long start = System.nanoTime();
            int failed = orders(threads, all, orders / accounts, serial, "load");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("server=%s accounts=%d orders=%d failed=%d seconds=%.3f orders_per_second=%.1f"
                            + " registration_seconds=%.3f warmup_orders=%d warmup_failed=%d%n", name, accounts, orders, failed,
                    seconds, (orders - failed) / seconds, registration, warmup / accounts * accounts, warmFailed);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Each account runs {@code each} orders one after the other, all accounts at once; returns the failures. */
    private static int orders(ExecutorService threads, List<AcmeAccount> accounts, int each, AtomicInteger serial,
                              String label) throws InterruptedException {
        List<Future<Integer>> runs = new ArrayList<>();
        for (AcmeAccount account : accounts) {
            runs.add(threads.submit(() -> {
                int failed = 0;
                for (int i = 0; i < each; i++) {
                    String domain = label + serial.incrementAndGet() + "." + ZONE;
                    try {
                        account.order(domain);
                    } catch (IOException e) {
                        failed++;
                        if (failed == 1) {
                            System.err.println(domain + ": " + e.getMessage());
                        }
                    }
                }
                return failed;
            }));
        }
        return await(runs);
    }

    private static int await(List<Future<Integer>> futures) throws InterruptedException {
        int sum = 0;
        for (Future<Integer> future : futures) {
            try {
                sum += future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a load thread failed", e.getCause());
            }
        }
        return sum;
    }

    private static SSLContext trusting(List<X509Certificate> roots) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < roots.size(); i++) {
            anchors.setCertificateEntry("root" + i, roots.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
