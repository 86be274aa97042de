package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.Ssh;
import dev.bulwark.ssh.key.SshKeyPair;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused TCP connection names the address it was refused at, and keeps its type. */
class ConnectFailureTest {

    @TempDir
    Path dir;

    /** A loopback port that nothing listens on: bound, then released (nothing else here binds it). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Path knownHosts() throws Exception {
        return java.nio.file.Files.writeString(dir.resolve("known_hosts"), "");
    }

    @Test
    void aClosedPortIsAConnectExceptionNamingHostAndPort() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> Ssh.connect("nobody", "127.0.0.1", port, SshKeyPair.generate(),
                knownHosts()))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("connection to 127.0.0.1:" + port + " failed: ")
                .hasMessageContaining("refused")
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void anIpv6LiteralIsBracketedBeforeThePort() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> SshConnector.create().connect(SshTarget.of("nobody", "::1", port),
                ConnectOptions.builder().key(SshKeyPair.generate())
                        .hostKeys(HostKeyPolicy.knownHosts(knownHosts())).build()))
                .isInstanceOf(java.net.SocketException.class)
                .hasMessageStartingWith("connection to [::1]:" + port + " failed: ");
    }
}
