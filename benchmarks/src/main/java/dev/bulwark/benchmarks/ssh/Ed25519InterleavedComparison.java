package dev.bulwark.benchmarks.ssh;

import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;

/**
 * The same comparison as {@link Ed25519KeyGenerationBenchmark}, but interleaved: batches of JDK
 * raw generation and of Bulwark generate-and-encode alternate in one JVM, so load from other
 * processes hits both sides alike. On a busy shared machine this gives a steadier ratio than two
 * JMH runs one after the other.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.ssh.Ed25519InterleavedComparison
 * </pre>
 */
public final class Ed25519InterleavedComparison {

    private static final int BATCH = 100;
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 60;

    private Ed25519InterleavedComparison() {
    }

    /** Prints both rates and their ratio. */
    public static void main(String[] args) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("Ed25519");
        jdk.initialize(NamedParameterSpec.ED25519, random);
        long rawNanos = 0;
        long bulwarkNanos = 0;
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                sink += jdk.generateKeyPair().getPublic().getEncoded().length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                SshKeyPair pair = SshKeyPair.generate(SshKeyType.ED25519, random);
                sink += pair.toOpenSsh(null, SshKeyPair.DEFAULT_KDF_ROUNDS, random).length()
                        + pair.publicKey().toOpenSsh().length();
            }
            long t2 = System.nanoTime();
            if (round >= WARMUP_ROUNDS) {
                rawNanos += t1 - t0;
                bulwarkNanos += t2 - t1;
            }
        }
        double pairs = (double) BATCH * ROUNDS;
        System.out.printf("interleaved: JDK raw %.0f pairs/s, Bulwark generate + OpenSSH text %.0f pairs/s,"
                + " ratio %.1f%% (checksum %d)%n", pairs / (rawNanos / 1e9), pairs / (bulwarkNanos / 1e9),
                100.0 * rawNanos / bulwarkNanos, sink % 10);
    }
}
