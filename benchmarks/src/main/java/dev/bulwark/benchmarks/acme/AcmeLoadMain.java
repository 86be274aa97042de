package dev.bulwark.benchmarks.acme;

import dev.bulwark.pki.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Drives an ACME server with many concurrent accounts through whole orders (JWS-signed requests,
 * http-01 answered in-process, finalize, download) and prints one line:
 * {@code server=… accounts=… orders=… failed=… seconds=… orders_per_second=… server_cpu_ms_per_order=…
 * client_cpu_ms_per_order=… requests_per_order=…}. The server runs as a process of its own (Bulwark's
 * {@link AcmeServerProcessMain} or pebble), given by its directory URL, the root of its HTTPS
 * certificate and its process id: the server's CPU time during the timed orders is read from
 * {@code /proc/PID/stat} (user + system), so that a busy machine still yields a comparable figure.
 * Everything a fleet has before it renews is made before the timed phase: account keys, the
 * accounts, and the P-256 key and CSR of every order. Each account runs on a thread of its own and
 * talks HTTP/1.1 over one persistent TLS connection of its own ({@code HttpsConnection}: blocking
 * keep-alive, the server's name checked against its certificate, reconnecting when the server closes),
 * not through {@code java.net.http.HttpClient}, whose asynchronous machinery cost the generator most
 * of its CPU, which the server under test then did not get. A request that stalls for 60 s fails its
 * order and marks the run as stalled. Used by {@code benchmarks/scripts/acme-vs-pebble.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.bulwark.benchmarks.acme.AcmeLoadMain --server bulwark --directory https://127.0.0.1:14001/acme/directory \
 *     --trust bulwark-root.pem --server-pid 4242 --http-port 5002
 * }</pre>
 * Options: {@code --accounts} (100), {@code --orders} (1000, spread evenly over the accounts),
 * {@code --warmup} (orders run before the timed ones, 200), {@code --server-pid} (optional: no
 * server CPU figure without it).
 */
public final class AcmeLoadMain {

    private static final String ZONE = "acme.test";
    /** {@code getconf CLK_TCK}: the unit of {@code /proc/PID/stat} times, 100 on every Linux this runs on. */
    private static final long CLOCK_TICKS = 100;
    /** Set when a request timed out: the server stopped answering. */
    private static final AtomicBoolean STALLED = new AtomicBoolean();

    private AcmeLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String server = options.getOrDefault("server", "");
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
        int orders = Integer.parseInt(options.getOrDefault("orders", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        int httpPort = Integer.parseInt(options.getOrDefault("http-port", "0"));
        long serverPid = Long.parseLong(options.getOrDefault("server-pid", "0"));
        if (server.isEmpty() || !options.containsKey("directory") || !options.containsKey("trust") || httpPort == 0
                || orders % accounts != 0) {
            System.err.println("usage: AcmeLoadMain --server NAME --directory URL --trust PEM --http-port P"
                    + " [--server-pid PID] [--accounts 100] [--orders 1000 (a multiple of accounts)] [--warmup 200]");
            System.exit(2);
        }
        List<X509Certificate> trust = Pem.parseCertificates(Files.readString(Path.of(options.get("trust"))),
                options.get("trust"));
        try (Http01Responder responder = new Http01Responder(httpPort)) {
            run(server, URI.create(options.get("directory")), trust, responder, accounts, orders, warmup, serverPid);
        }
    }

    private static void run(String name, URI directoryUrl, List<X509Certificate> trust, Http01Responder responder,
                            int accounts, int orders, int warmup, long serverPid) throws Exception {
        SSLContext tls = trusting(trust);
        Map<String, Object> directory = AcmeAccount.directory(tls, directoryUrl);
        SecureRandom random = new SecureRandom();
        ExecutorService threads = Executors.newFixedThreadPool(accounts);
        List<AcmeAccount> all = new ArrayList<>();
        try {
            for (int i = 0; i < accounts; i++) {
                List<String> names = new ArrayList<>();
                for (int j = 0; j < warmup / accounts + orders / accounts; j++) {
                    names.add((j < warmup / accounts ? "warm" : "load") + "-" + i + "-" + j + "." + ZONE);
                }
                all.add(new AcmeAccount(tls, directory, responder, random, names));
            }
            long registering = System.nanoTime();
            await(all.stream().map(a -> threads.submit(() -> {
                a.register();
                return 0;
            })).toList());
            double registration = (System.nanoTime() - registering) / 1e9;
            int warmFailed = orders(threads, all, 0, warmup / accounts);
            long requestsBefore = AcmeAccount.requests();
            long serverCpuBefore = cpuMillis(serverPid);
            long serverSystemBefore = systemMillis(serverPid);
            long clientCpuBefore = cpuMillis(ProcessHandle.current().pid());
            long start = System.nanoTime();
            int failed = orders(threads, all, warmup / accounts, orders / accounts);
            double seconds = (System.nanoTime() - start) / 1e9;
            long serverCpu = cpuMillis(serverPid) - serverCpuBefore;
            long serverSystem = systemMillis(serverPid) - serverSystemBefore;
            long clientCpu = cpuMillis(ProcessHandle.current().pid()) - clientCpuBefore;
            double requests = AcmeAccount.requests() - requestsBefore;
            int done = orders - failed;
            // CPU per completed order; "-" when no order completed or no server process was named
            System.out.printf("server=%s accounts=%d orders=%d failed=%d seconds=%.3f orders_per_second=%.1f"
                            + " server_cpu_ms_per_order=%s client_cpu_ms_per_order=%s requests_per_order=%.2f"
                            + " server_system_ms_per_order=%s registration_seconds=%.3f warmup_orders=%d warmup_failed=%d%n",
                    name, accounts, orders, failed,
                    seconds, done / seconds, serverPid == 0 || done == 0 ? "-" : String.format("%.1f", (double) serverCpu / done),
                    done == 0 ? "-" : String.format("%.1f", (double) clientCpu / done), requests / orders,
                    serverPid == 0 || done == 0 ? "-" : String.format("%.1f", (double) serverSystem / done), registration,
                    warmup / accounts * accounts, warmFailed);
        } finally {
            threads.shutdownNow();
            all.forEach(AcmeAccount::close);
        }
    }

    /** User plus system CPU time of a process in milliseconds, from {@code /proc/PID/stat} (fields 14 and 15). */
    static long cpuMillis(long pid) throws IOException {
        long[] times = cpuTimes(pid);
        return times[0] + times[1];
    }

    /** System (kernel) CPU time of a process in milliseconds: its file writes, fsyncs and sockets. */
    static long systemMillis(long pid) throws IOException {
        return cpuTimes(pid)[1];
    }

    /** User and system CPU time of a process in milliseconds; zeros for pid 0. */
    private static long[] cpuTimes(long pid) throws IOException {
        if (pid == 0) {
            return new long[2];
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(fields[11]) * 1000 / CLOCK_TICKS, Long.parseLong(fields[12]) * 1000 / CLOCK_TICKS};
    }

    /**
     * Each account runs its names {@code from} to {@code from + count - 1} one after the other, all
     * accounts at once; returns the failures. Once a request has timed out (the server stopped
     * answering, as pebble does when its store deadlocks), the orders not yet started fail at once.
     */
    private static int orders(ExecutorService threads, List<AcmeAccount> accounts, int from, int count)
            throws InterruptedException {
        List<Future<Integer>> runs = new ArrayList<>();
        for (AcmeAccount account : accounts) {
            runs.add(threads.submit(() -> {
                int failed = 0;
                for (String name : account.names().subList(from, from + count)) {
                    if (STALLED.get()) {
                        failed++;
                        continue;
                    }
                    try {
                        account.order(name);
                    } catch (SocketTimeoutException e) {
                        failed++;
                        if (!STALLED.getAndSet(true)) {
                            System.err.println(name + ": " + e.getMessage() + "; the server stopped answering:"
                                    + " the orders not started yet count as failed");
                        }
                    } catch (IOException e) {
                        failed++;
                        if (failed == 1) {
                            System.err.println(name + ": " + e.getMessage());
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

    /** A TLS context that trusts these roots only. */
    static SSLContext trusting(List<X509Certificate> roots) throws Exception {
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

    static Map<String, String> options(String[] args) {
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
