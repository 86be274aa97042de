package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A connection to a real sshd logs nothing at INFO: the tests' slf4j-simple prints INFO and above
 * to System.err, which this test captures around a login, a command and a disconnect.
 */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh-keygen"})
class QuietConnectionInteropTest {

    @Test
    void aConnectionLogsNothingAtInfo(@TempDir Path dir) throws Exception {
        SshKeyPair key = SshKeyPair.generate(SshKeyType.ED25519);
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (TestSshd sshd = TestSshd.start(dir)) {
            ConnectOptions options = ConnectOptions.builder().key(key)
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (RemoteHost host = SshConnector.create().connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()),
                    options)) {
                assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).exitCode()).isZero();
            }
            // the capture sees what slf4j prints at INFO: a probe under sshj's own logger name
            LoggerFactory.getLogger("net.schmizz.sshj.transport.TransportImpl").info("probe");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("INFO net.schmizz.sshj.transport.TransportImpl - probe");
        assertThat(log.lines().filter(l -> l.contains("INFO") && !l.endsWith("- probe"))).isEmpty();
    }
}
