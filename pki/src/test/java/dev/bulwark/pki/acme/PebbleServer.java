package dev.bulwark.pki.acme;

import dev.bulwark.pki.Pem;
import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Let's Encrypt's pebble (Debian package) on loopback ports, validating for real: no
 * {@code PEBBLE_VA_ALWAYS_VALID}, names resolved through the testbed's dnsmasq
 * ({@code -dnsserver}), http-01 and tls-alpn-01 on the testbed's ports. {@code PEBBLE_VA_NOSLEEP}
 * drops its random validation delays, {@code PEBBLE_WFE_NONCEREJECT=0} its deliberate bad nonces
 * and {@code PEBBLE_AUTHZREUSE=0} its reuse of valid authorizations, so that every order, renewals
 * included, is validated again. Revocation is read from its management interface (pebble has no
 * CRL or OCSP).
 */
final class PebbleServer implements AcmeServerUnderTest {

    private static final Pattern STATUS = Pattern.compile("\"Status\"\\s*:\\s*\"([A-Za-z]+)\"");

    private final Process process;
    private final URI directory;
    private final URI management;
    private final SSLContext https;
    private final Path httpsTrust;

    private PebbleServer(Process process, URI directory, URI management, SSLContext https, Path httpsTrust) {
        this.process = process;
        this.directory = directory;
        this.management = management;
        this.https = https;
        this.httpsTrust = httpsTrust;
    }

    /** Starts pebble with its configuration and log in {@code bed}'s {@code pebble} folder. */
    static PebbleServer start(Testbed bed) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(bed.dir().resolve("pebble"));
        int acmePort = Testbed.freePort();
        int managementPort = Testbed.freePort();
        String config = "{\"pebble\": {"
                + "\"listenAddress\": \"127.0.0.1:" + acmePort + "\", "
                + "\"managementListenAddress\": \"127.0.0.1:" + managementPort + "\", "
                + "\"certificate\": \"" + bed.httpsCertFile() + "\", "
                + "\"privateKey\": \"" + bed.httpsKeyFile() + "\", "
                + "\"httpPort\": " + bed.httpPort() + ", "
                + "\"tlsPort\": " + bed.tlsPort() + ", "
                + "\"ocspResponderURL\": \"\", "
                + "\"externalAccountBindingRequired\": false}}\n";
        Files.writeString(dir.resolve("pebble-config.json"), config, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(Tools.path("pebble"), "-config",
                dir.resolve("pebble-config.json").toString(), "-dnsserver", bed.dns().address(), "-strict=false")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        builder.environment().remove("PEBBLE_VA_ALWAYS_VALID");
        Process process = builder.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Path log = dir.resolve("pebble.log");
        Thread pump = new Thread(() -> copyLog(process, log, listening), "pebble-log");
        pump.setDaemon(true);
        pump.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("pebble did not start listening: " + ToolRun.tail(log, 0), e);
        }
        return new PebbleServer(process, URI.create("https://127.0.0.1:" + acmePort + "/dir"),
                URI.create("https://127.0.0.1:" + managementPort + "/"), bed.httpsClientContext(),
                bed.httpsTrustFile());
    }

    /** Copies pebble's output into its log and completes {@code listening} once the ACME directory is up. */
    private static void copyLog(Process process, Path log, CompletableFuture<Void> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains("ACME directory available at")) {
                    listening.complete(null);
                }
            }
            listening.completeExceptionally(new IOException("pebble exited with " + process.waitFor()));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening.completeExceptionally(e);
        }
    }

    @Override
    public String name() {
        return "pebble";
    }

    @Override
    public URI directory() {
        return directory;
    }

    @Override
    public Path httpsTrust() {
        return httpsTrust;
    }

    @Override
    public List<X509Certificate> issuingRoots() throws IOException {
        return List.of(Pem.parseCertificate(get("roots/0"), "pebble roots/0"));
    }

    @Override
    public String revocationStatus(X509Certificate leaf, X509Certificate issuer) throws IOException {
        String body = get("cert-status-by-serial/" + leaf.getSerialNumber().toString(16));
        Matcher status = STATUS.matcher(body);
        if (!status.find()) {
            return "unreadable: " + body.substring(0, Math.min(200, body.length()));
        }
        switch (status.group(1)) {
            case "Valid":
                return "good";
            case "Revoked":
                return "revoked";
            default:
                return status.group(1);
        }
    }

    private String get(String path) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) management.resolve(path).toURL().openConnection();
        connection.setSSLSocketFactory(https.getSocketFactory());
        connection.setConnectTimeout((int) Duration.ofSeconds(10).toMillis());
        connection.setReadTimeout((int) Duration.ofSeconds(30).toMillis());
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("pebble " + path + " answered " + connection.getResponseCode());
            }
            try (var in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
