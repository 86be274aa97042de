package dev.bulwark.benchmarks.ssh;

import dev.bulwark.ssh.authorized.AuthorizedKey;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * authorized_keys lines parsed per second: each operation is one line (the scores are lines/s).
 * The corpus is {@link #LINES} lines: Ed25519, ECDSA P-256 and RSA 3072 keys, half with options
 * ({@code restrict}, {@code command="..."}, {@code from="..."}), one in ten a comment. Pass
 * {@code -p corpus=/path/to/authorized_keys} to parse a given file instead (it must hold
 * {@link #LINES} lines; benchmarks/scripts/authorized-keys-vs-ssh-keygen.sh does that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizedKeysBenchmark {

    /** Lines in the corpus. */
    public static final int LINES = 10_000;

    /** A file to parse instead of the built-in corpus; empty for the built-in one. */
    @Param("")
    public String corpus;

    private String text;

    /** Builds or reads the corpus. */
    @Setup
    public void setUp() throws IOException, GeneralSecurityException {
        text = corpus.isEmpty() ? builtIn() : Files.readString(Path.of(corpus));
        int lines = text.split("\n", -1).length - 1;
        if (lines != LINES) {
            throw new IllegalStateException("corpus has " + lines + " lines, not " + LINES);
        }
    }

    /** Parses the file (every key decoded into a JDK key). */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public AuthorizedKeys parse() {
        return AuthorizedKeys.parse(text);
    }

    /** Parses the file and fingerprints every key (SHA-256), as {@code ssh-keygen -l -f} does. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseAndFingerprint(Blackhole hole) {
        for (AuthorizedKey key : AuthorizedKeys.parse(text).keys()) {
            hole.consume(key.key().fingerprintSha256());
        }
    }

    static String builtIn() throws GeneralSecurityException {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        List<SshPublicKey> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(SshPublicKey.of(ed.generateKeyPair().getPublic(), "ed" + i + "@bench"));
            keys.add(SshPublicKey.of(ec.generateKeyPair().getPublic(), "ec" + i + "@bench"));
        }
        keys.add(SshPublicKey.of(rsa.generateKeyPair().getPublic(), "rsa@bench"));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            SshPublicKey key = keys.get(i % keys.size());
            if (i % 10 == 0) {
                out.append("# entry ").append(i).append('\n');
            } else if (i % 2 == 0) {
                out.append("restrict,command=\"/usr/bin/backup --to \\\"/srv/b").append(i).append("\\\"\",from=\"10.0.0.0/8\" ")
                        .append(key.toOpenSsh()).append('\n');
            } else {
                out.append(key.toOpenSsh()).append('\n');
            }
        }
        return out.toString();
    }
}
