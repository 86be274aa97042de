package dev.bulwark.benchmarks.ssh;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.EffectiveConfig;
import dev.bulwark.ssh.config.SshdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + audit of a generated 10,000-line sshd_config (globals, comments, 800 Match blocks).
 * {@code main(path, hostKey)} writes the same text to a file for the comparison script, which times
 * {@code sshd -t}/{@code sshd -T} on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SshdConfigBenchmark {

    /** Lines in the generated configuration. */
    public static final int LINES = 10_000;

    private String text;
    private SshdConfig parsed;
    private final ConnectionSpec connection = ConnectionSpec.of("user17", "host17.example.com", "10.0.17.5")
            .withLocal("10.0.0.1", 22);

    @Setup
    public void setUp() {
        text = generate("/etc/ssh/ssh_host_ed25519_key");
        parsed = SshdConfig.parse(text);
    }

    /** Parse and audit: the figure reported in ssh/README.md. */
    @Benchmark
    public List<Finding> parseAndAudit() {
        return SshdConfig.parse(text).audit();
    }

    /** Parse only. */
    @Benchmark
    public SshdConfig parse() {
        return SshdConfig.parse(text);
    }

    /** The effective configuration for one connection, rendered like {@code sshd -T -C}. */
    @Benchmark
    public String effectiveForConnection() {
        EffectiveConfig e = parsed.effective(connection);
        return e.render();
    }

    /** A deterministic 10,000-line configuration that {@code sshd -t} accepts. */
    public static String generate(String hostKey) {
        StringBuilder sb = new StringBuilder();
        int lines = 0;
        sb.append("HostKey ").append(hostKey).append('\n');
        String[] globals = {"PermitRootLogin prohibit-password", "PasswordAuthentication no", "X11Forwarding yes",
            "MaxAuthTries 6", "LoginGraceTime 2m", "AcceptEnv LANG LC_*", "AllowUsers admin deploy",
            "Ciphers -aes128-ctr", "MACs -hmac-sha1*", "ClientAliveInterval 300", "UsePAM yes", "PrintMotd no"};
        lines++;
        for (int i = 0; i < 200; i++, lines++) {
            sb.append(i % 5 == 0 ? "# global setting " + i : globals[i % globals.length]).append('\n');
        }
        int block = 0;
        while (lines < LINES) {
            sb.append("\n# block ").append(block).append('\n');
            sb.append("Match User user").append(block).append(",!root Address 10.0.").append(block % 256)
                    .append(".0/24\n");
            sb.append("    PasswordAuthentication ").append(block % 3 == 0 ? "yes" : "no").append('\n');
            sb.append("    X11Forwarding no\n");
            sb.append("    MaxSessions ").append(2 + block % 8).append('\n');
            sb.append("    AllowTcpForwarding ").append(block % 2 == 0 ? "local" : "no").append('\n');
            sb.append("    ForceCommand /usr/bin/logger block ").append(block).append('\n');
            sb.append("    PermitTTY no\n");
            sb.append("    Banner none\n");
            sb.append("    ClientAliveCountMax 2\n");
            lines += 12;
            block++;
        }
        return sb.toString();
    }

    /** Writes the generated configuration: {@code main <file> <hostKey>}. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), generate(args[1]));
    }
}
