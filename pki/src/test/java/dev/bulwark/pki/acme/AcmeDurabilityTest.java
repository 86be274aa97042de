package dev.bulwark.pki.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.Pem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACME state is durable in the CA store: across a restart, and shared by two server processes. */
class AcmeDurabilityTest {

    @TempDir
    Path dir;

    AcmeFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new AcmeFixture(dir);
        fixture.start();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private String prefix(AcmeServer server) {
        return "https://localhost:" + server.port();
    }

    @Test
    void anOrderCreatedBeforeARestartIsFinalizedAfterIt() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        Map<String, Object> order = AcmeFlows.readyOrder(fixture, client, "restart.example.com");
        String publicUrl = prefix(fixture.server);
        fixture.server.close();

        CaStore reopened = CaStore.open(fixture.store.directory(), AcmeFixture.PASSPHRASE.clone());
        fixture.server = fixture.builder(reopened).publicUrl(URI.create(publicUrl)).start();
        client.route(publicUrl, prefix(fixture.server));
        assertThat(client.postAsGet((String) order.get("url")).json()).containsEntry("status", "ready");
        AcmeTestClient.Reply finalized = client.finalizeOrder(order, KeyAlgorithm.EC_P256.generate(new SecureRandom()),
                List.of("restart.example.com"));
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        assertThat(client.postAsGet((String) finalized.json().get("certificate")).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChallengeLeftProcessingByAStoppedServerIsValidatedWhenAnsweredAgain() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        client.newAccount();
        AcmeTestClient.Reply order = client.newOrder("stuck.example.com");
        String authzUrl = ((List<String>) order.json().get("authorizations")).get(0);
        Map<String, Object> challenge = client.challenge(client.postAsGet(authzUrl).json(), "http-01");
        String token = (String) challenge.get("token");
        // what a server leaves behind when it stops between marking the challenge processing and validating it
        Path file = fixture.store.directory().resolve("acme/accounts")
                .resolve(client.accountUrl.substring(client.accountUrl.lastIndexOf('/') + 1))
                .resolve("authz").resolve(authzUrl.substring(authzUrl.lastIndexOf('/') + 1) + ".json");
        String stored = Files.readString(file);
        String pending = "\"token\":\"" + token + "\",\"status\":\"pending\"";
        assertThat(stored).contains(pending);
        Files.writeString(file, stored.replace(pending, "\"token\":\"" + token + "\",\"status\":\"processing\""));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        fixture.responder.tokens.put(token, client.keyAuthorization(token));
        assertThat(client.post((String) challenge.get("url"), Map.of()).status()).isEqualTo(200);
        assertThat(client.pollUntilSettled(authzUrl)).containsEntry("status", "valid");
    }

    @Test
    void twoServerProcessesOnOneStoreStayConsistent() throws Exception {
        String publicUrl = prefix(fixture.server);
        fixture.server.close();
        fixture.server = fixture.builder().publicUrl(URI.create(publicUrl)).start();
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AcmeServerMain.class.getName(),
                fixture.store.directory().toString(), publicUrl, Integer.toString(fixture.responder.port()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("port ");
            String otherPrefix = "https://localhost:" + line.substring(5);
            String here = prefix(fixture.server);

            int accounts = 6;
            int ordersEach = 3;
            ExecutorService pool = Executors.newFixedThreadPool(accounts);
            List<Future<List<X509Certificate>>> results = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                int account = a;
                results.add(pool.submit(() -> {
                    AcmeTestClient.AccountKey key = AcmeTestClient.AccountKey.ec256();
                    // one client per process, sharing the account: requests alternate between the processes
                    AcmeTestClient viaHere = new AcmeTestClient(URI.create(publicUrl + "/acme/directory"), fixture.root.certificate(), key)
                            .route(publicUrl, here);
                    AcmeTestClient viaOther = new AcmeTestClient(URI.create(publicUrl + "/acme/directory"), fixture.root.certificate(), key)
                            .route(publicUrl, otherPrefix);
                    assertThat(viaHere.newAccount().status()).isEqualTo(201);
                    viaOther.accountUrl = viaHere.accountUrl;
                    assertThat(viaOther.newAccount().status()).isEqualTo(200);   // the other process finds it by key
                    List<X509Certificate> issued = new ArrayList<>();
                    for (int o = 0; o < ordersEach; o++) {
                        String name = "n" + account + "-" + o + ".example.com";
                        AcmeTestClient first = o % 2 == 0 ? viaHere : viaOther;
                        AcmeTestClient second = o % 2 == 0 ? viaOther : viaHere;
                        Map<String, Object> order = AcmeFlows.readyOrder(fixture, first, name);
                        AcmeTestClient.Reply finalized = second.finalizeOrder(order, KeyAlgorithm.EC_P256.generate(new SecureRandom()),
                                List.of(name));
                        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
                        String chain = first.postAsGet((String) finalized.json().get("certificate")).body();
                        issued.add(Pem.parseCertificates(chain, name).get(0));
                    }
                    return issued;
                }));
            }
            Set<BigInteger> serials = new HashSet<>();
            for (Future<List<X509Certificate>> result : results) {
                result.get(5, TimeUnit.MINUTES).forEach(c -> serials.add(c.getSerialNumber()));
            }
            pool.shutdown();
            assertThat(serials).hasSize(accounts * ordersEach);
            List<IndexEntry> index = fixture.store.index();
            assertThat(index.stream().map(IndexEntry::serial).filter(serials::contains)).hasSize(accounts * ordersEach);
            try (Stream<Path> orders = Files.walk(fixture.store.directory().resolve("acme/accounts"))) {
                // orders/DAY/ID.json, the last version of each valid
                long valid = orders.filter(p -> p.toString().endsWith(".json")
                                && p.getParent().getParent().getFileName().toString().equals("orders"))
                        .filter(p -> lastLine(read(p)).contains("\"status\":\"valid\"")).count();
                assertThat(valid).isEqualTo(accounts * ordersEach);
            }
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
    }

    private static final String ANOTHER_INSTANCE =
            "the nonce was issued by another server process on this store or before a restart; use the one in this response";

    private static String orderBody(AcmeTestClient client, String nonce, String name) {
        return client.jws(client.url("newOrder"), Map.of("identifiers", List.of(Map.of("type", "dns", "value", name))),
                nonce, client.accountUrl, h -> { });
    }

    private static String fresh(AcmeTestClient client) {
        return client.head(client.url("newNonce")).header("Replay-Nonce");
    }

    private static long epoch(String nonce) {
        return java.nio.ByteBuffer.wrap(java.util.Base64.getUrlDecoder().decode(nonce)).getLong();
    }

    @Test
    void aNonceIsAcceptedOnceByTheServerThatIssuedItAndByNoOtherOnTheStore() throws Exception {
        String publicUrl = prefix(fixture.server);
        try (AcmeServer second = fixture.builder().publicUrl(URI.create(publicUrl)).start()) {
            AcmeTestClient.AccountKey key = AcmeTestClient.AccountKey.ec256();
            AcmeTestClient viaFirst = fixture.client(key);
            assertThat(viaFirst.newAccount().status()).isEqualTo(201);
            AcmeTestClient viaSecond = new AcmeTestClient(fixture.server.directoryUrl(), fixture.root.certificate(), key)
                    .route(publicUrl, prefix(second));
            viaSecond.accountUrl = viaFirst.accountUrl;

            String body = orderBody(viaFirst, viaFirst.nonce(), "once.example.com");
            AcmeTestClient.Reply atSecond = viaSecond.postBody(viaSecond.url("newOrder"), body, "application/jose+json");
            assertThat(atSecond.problemType()).isEqualTo("urn:ietf:params:acme:error:badNonce");
            assertThat(atSecond.json()).containsEntry("detail", ANOTHER_INSTANCE);
            assertThat(viaFirst.postBody(viaFirst.url("newOrder"), body, "application/jose+json").status()).isEqualTo(201);
            assertThat(viaFirst.postBody(viaFirst.url("newOrder"), body, "application/jose+json").problemType())
                    .isEqualTo("urn:ietf:params:acme:error:badNonce");
            assertThat(viaSecond.postBody(viaSecond.url("newOrder"), body, "application/jose+json").problemType())
                    .isEqualTo("urn:ietf:params:acme:error:badNonce");
            assertThat(epoch(viaSecond.nonce())).isNotEqualTo(epoch(viaFirst.nonce()));
        }
    }

    @Test
    void aNonceFromBeforeARestartIsRefusedAndNoValueIsIssuedAgain() throws Exception {
        AcmeTestClient client = fixture.client(AcmeTestClient.AccountKey.ec256());
        assertThat(client.newAccount().status()).isEqualTo(201);
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            before.add(fresh(client));
        }
        String unused = fresh(client);
        String body = orderBody(client, unused, "restarted.example.com");
        String publicUrl = prefix(fixture.server);
        fixture.server.close();

        fixture.server = fixture.builder().publicUrl(URI.create(publicUrl)).start();
        client.route(publicUrl, prefix(fixture.server));
        AcmeTestClient.Reply stale = client.postBody(client.url("newOrder"), body, "application/jose+json");
        assertThat(stale.problemType()).isEqualTo("urn:ietf:params:acme:error:badNonce");
        assertThat(stale.json()).containsEntry("detail", ANOTHER_INSTANCE);
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            after.add(fresh(client));
        }
        assertThat(after).hasSize(200).doesNotContainAnyElementsOf(before).doesNotContain(unused);
        assertThat(after.stream().map(AcmeDurabilityTest::epoch).distinct())
                .singleElement().matches(e -> e > epoch(unused), "a later epoch than " + epoch(unused));
    }

    @Test
    void theRateLimitHoldsAcrossTwoServersOnOneStoreAndARestart() throws Exception {
        String publicUrl = "https://acme.example.com:8443";
        AcmeServer first = fixture.builder().ordersPerAccount(3, java.time.Duration.ofHours(1)).publicUrl(URI.create(publicUrl)).start();
        AcmeServer second = fixture.builder().ordersPerAccount(3, java.time.Duration.ofHours(1)).publicUrl(URI.create(publicUrl)).start();
        try {
            AcmeTestClient.AccountKey key = AcmeTestClient.AccountKey.ec256();
            URI directory = URI.create(publicUrl + AcmeServer.DIRECTORY_PATH);
            AcmeTestClient viaFirst = new AcmeTestClient(directory, fixture.root.certificate(), key).route(publicUrl, prefix(first));
            assertThat(viaFirst.newAccount().status()).isEqualTo(201);
            String account = viaFirst.accountUrl;
            // eight clients of one account at once, alternating between the servers: exactly three orders get through
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<AcmeTestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AcmeServer via = i % 2 == 0 ? first : second;
                String name = "limit" + i + ".example.com";
                replies.add(pool.submit(() -> {
                    AcmeTestClient client = new AcmeTestClient(directory, fixture.root.certificate(), key).route(publicUrl, prefix(via));
                    client.accountUrl = account;
                    return client.newOrder(name);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<AcmeTestClient.Reply> reply : replies) {
                statuses.add(reply.get(2, TimeUnit.MINUTES).status());
            }
            pool.shutdown();
            assertThat(statuses).containsOnly(201, 429).filteredOn(s -> s == 201).hasSize(3);

            second.close();
            second = fixture.builder().ordersPerAccount(3, java.time.Duration.ofHours(1)).publicUrl(URI.create(publicUrl)).start();
            AcmeTestClient afterRestart = new AcmeTestClient(directory, fixture.root.certificate(), key).route(publicUrl, prefix(second));
            afterRestart.accountUrl = account;
            AcmeTestClient.Reply limited = afterRestart.newOrder("restart-limit.example.com");
            assertThat(limited.status()).isEqualTo(429);
            assertThat((String) limited.json().get("detail"))
                    .startsWith("this account created 3 orders in the last 60 minutes, the most allowed is 3; retry after ");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3000L, 3600L);

            AcmeTestClient other = new AcmeTestClient(directory, fixture.root.certificate(), AcmeTestClient.AccountKey.ec256())
                    .route(publicUrl, prefix(second));
            other.newAccount();
            assertThat(other.newOrder("other-account.example.com").status()).isEqualTo(201);
        } finally {
            first.close();
            second.close();
        }
    }

    /** The current version in a versioned object file: its last line. */
    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
