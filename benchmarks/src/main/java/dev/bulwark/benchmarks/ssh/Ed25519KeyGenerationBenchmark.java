package dev.bulwark.benchmarks.ssh;

import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 key pairs per second: Bulwark generating a pair and encoding it to the OpenSSH private
 * and public key texts, against the JDK's raw {@code KeyPairGenerator} alone. Goal: Bulwark at
 * 80% or more of raw.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Ed25519KeyGeneration -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519KeyGenerationBenchmark {

    private SecureRandom random;
    private KeyPairGenerator jdk;
    private SshKeyPair existing;

    /** Creates the shared random source and the JDK generator. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        random = new SecureRandom();
        jdk = KeyPairGenerator.getInstance("Ed25519");
        jdk.initialize(NamedParameterSpec.ED25519, random);
        existing = SshKeyPair.generate(SshKeyType.ED25519, random);
    }

    /** The JDK alone: a key pair, no encoding. */
    @Benchmark
    public KeyPair jdkRawKeyPairGenerator() {
        return jdk.generateKeyPair();
    }

    /** Bulwark: a key pair, encoded as the openssh-key-v1 private key and the one-line public key. */
    @Benchmark
    public int bulwarkGenerateAndEncodeOpenSsh() {
        SshKeyPair pair = SshKeyPair.generate(SshKeyType.ED25519, random);
        return pair.toOpenSsh(null, SshKeyPair.DEFAULT_KDF_ROUNDS, random).length()
                + pair.publicKey().toOpenSsh().length();
    }

    /** Bulwark's share alone: encoding an existing pair to the OpenSSH private and public texts. */
    @Benchmark
    public int bulwarkEncodeOnly() {
        return existing.toOpenSsh(null, SshKeyPair.DEFAULT_KDF_ROUNDS, random).length()
                + existing.publicKey().toOpenSsh().length();
    }
}
