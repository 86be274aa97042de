package dev.bulwark.benchmarks.pki;

import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.CertificateRequest;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.LeafProfile;
import dev.bulwark.pki.SignedCertificate;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Leaf certificates issued per second by a P-256 CA, next to the raw JDK SHA256withECDSA signing
 * rate measured in the same run (the floor every issuance pays once), and P-256 key generation.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar 'pki.IssuanceBenchmark' -f 1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IssuanceBenchmark {

    private static final List<String> NAMES = List.of("node1.example.com", "10.0.0.1");
    private static final Duration VALIDITY = Duration.ofDays(90);

    private CertificateAuthority ca;
    private PublicKey leafKey;
    private CertificateRequest request;
    private String requestPem;
    private Signature rawSigner;
    private Signature bcSigner;
    private byte[] tbs;
    private SecureRandom random;

    /** A fresh CA per iteration, so the in-memory ledger stays small. */
    @Setup(Level.Iteration)
    public void setUp() throws GeneralSecurityException {
        random = new SecureRandom();
        ca = CertificateAuthority.createRoot("CN=Benchmark Root", KeyAlgorithm.EC_P256, Duration.ofDays(3650))
                .withPolicy(CaPolicy.builder().allowNames(NAMES).build());
        KeyPair leafPair = KeyAlgorithm.EC_P256.generate(random);
        leafKey = leafPair.getPublic();
        request = CertificateRequest.create(leafPair, NAMES);
        requestPem = request.toPem();
        KeyPair signing = KeyAlgorithm.EC_P256.generate(random);
        rawSigner = Signature.getInstance("SHA256withECDSA");
        rawSigner.initSign(signing.getPrivate(), random);
        Provider bc = new BouncyCastleProvider();
        bcSigner = Signature.getInstance("SHA256withECDSA", bc);
        bcSigner.initSign(KeyFactory.getInstance("EC", bc).generatePrivate(
                new PKCS8EncodedKeySpec(signing.getPrivate().getEncoded())), random);
        // the to-be-signed part of a typical leaf is about 400 bytes
        tbs = ca.issue(LeafProfile.SERVER, NAMES, leafKey, VALIDITY).certificate().getTBSCertificate();
    }

    /** The native floor: one SHA256withECDSA signature over a leaf's TBSCertificate. */
    @Benchmark
    public byte[] rawEcdsaP256Sign() throws GeneralSecurityException {
        rawSigner.update(tbs);
        return rawSigner.sign();
    }

    /**
     * The same signature with BouncyCastle's provider, which Bulwark signs with (on JDK 17 its P-256
     * code is several times faster than SunEC's): the floor of Bulwark's issuance.
     */
    @Benchmark
    public byte[] rawBouncyCastleEcdsaP256Sign() throws GeneralSecurityException {
        bcSigner.update(tbs);
        return bcSigner.sign();
    }

    /** P-256 key pair generation alone (KeyAlgorithm.EC_P256.generate: BouncyCastle, returned as JDK keys). */
    @Benchmark
    public KeyPair generateP256Key() {
        return KeyAlgorithm.EC_P256.generate(random);
    }

    /** Issue a server certificate for a key generated beforehand: the fair comparison with raw signing. */
    @Benchmark
    public SignedCertificate issueWithPregeneratedKey() {
        return ca.issue(LeafProfile.SERVER, NAMES, leafKey, VALIDITY);
    }

    /** Issue a server certificate with a new P-256 key (what {@code issueServer} does). */
    @Benchmark
    public IssuedCertificate issueWithGeneratedKey() {
        return ca.issueServer(NAMES, VALIDITY);
    }

    /** Sign an already parsed and verified CSR under the CA's policy. */
    @Benchmark
    public SignedCertificate signParsedCsr() {
        return ca.sign(request, LeafProfile.SERVER, VALIDITY);
    }

    /** Parse a PEM CSR, verify its signature and sign it. */
    @Benchmark
    public SignedCertificate parseVerifyAndSignCsr() {
        return ca.sign(CertificateRequest.parse(requestPem), LeafProfile.SERVER, VALIDITY);
    }
}
