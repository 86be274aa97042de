package dev.bulwark.benchmarks.pki;

import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.LeafProfile;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.SignedCertificate;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The time of one issuance into an on-disk {@link CaStore} that already holds {@code storeSize}
 * certificates (one index line and one {@code certs/SERIAL.pem} each, written before the timed
 * part), and of one serial's lookup in it: neither should grow with the store. Every issuance is
 * durable (the certificate file and the index append are fsynced), so the figure is mostly the
 * disk's fsync latency; the store grows by the certificates issued while measuring.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar 'pki.StoreIssuanceBenchmark' -f 1 -wi 1 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreIssuanceBenchmark {

    private static final List<String> NAMES = List.of("node1.example.com");
    private static final Duration VALIDITY = Duration.ofDays(90);

    /** How many certificates the store holds before the first timed issuance. */
    @Param({"1000", "20000"})
    public int storeSize;

    private Path directory;
    private CertificateAuthority ca;
    private PublicKey leafKey;
    private BigInteger knownSerial;

    /** A new store filled with {@code storeSize} certificates. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("bulwark-store-bench");
        CertificateAuthority root = CertificateAuthority.createRoot("CN=Benchmark Store Root", KeyAlgorithm.EC_P256,
                Duration.ofDays(3650));
        CaStore store = CaStore.create(directory.resolve("pki"), root, "benchmark passphrase".toCharArray());
        ca = store.authority().withPolicy(CaPolicy.builder().allowNames(NAMES).build());
        leafKey = KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic();
        // the filling: one real certificate's PEM under each serial, and the index lines naming them
        String pem = Pem.encode(ca.issue(LeafProfile.SERVER, NAMES, leafKey, VALIDITY).certificate());
        Instant notAfter = Instant.now().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        Path index = store.directory().resolve("index.txt");
        try (Writer out = Files.newBufferedWriter(index, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (int i = 1; i < storeSize; i++) {
                String hex = Integer.toHexString(i).toUpperCase(Locale.ROOT);
                hex = hex.length() % 2 == 0 ? hex : "0" + hex;   // the store's one spelling of a serial
                Files.writeString(store.directory().resolve("certs").resolve(hex + ".pem"), pem);
                out.write("V\t" + hex + "\t" + notAfter + "\t-\t-\tCN=filler" + i + ".example.com\n");
            }
        }
        List<IndexEntry> entries = store.index();
        if (entries.size() != storeSize) {
            throw new IllegalStateException("the store holds " + entries.size() + " certificates, not " + storeSize);
        }
        knownSerial = entries.get(storeSize / 2).serial();
    }

    /** Deletes the store. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** One durable issuance (key generated beforehand): certificate file and index line, each fsynced. */
    @Benchmark
    public SignedCertificate issueIntoStore() {
        return ca.issue(LeafProfile.SERVER, NAMES, leafKey, VALIDITY);
    }

    /** One serial's index entry, as the OCSP responder and the ACME server look it up. */
    @Benchmark
    public Optional<IndexEntry> entryOfOneSerial() {
        return ca.entry(knownSerial);
    }
}
