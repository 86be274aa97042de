package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a change intends is compared with what the real {@code sshd -T} prints by meaning, not by
 * text: every spelling below means exactly what sshd shows, so none may be reported as a difference.
 */
@Tag("interop")
@RequiresTool({"sshd", "ssh-keygen"})
class IntendedValuesInteropTest {

    static final ConnectionSpec SPEC = ConnectionSpec.of("alice", "client.example", "192.0.2.7")
            .withLocal("127.0.0.1", 2222);

    @TempDir
    Path dir;
    String base;

    @BeforeEach
    void hostKey() {
        Path key = TestSshd.hostKeyFile(dir);
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).ok();
        base = "HostKey " + key + "\nPidFile " + dir.resolve("pid") + "\n";
    }

    String sshdT(String config) throws Exception {
        Path file = dir.resolve("sshd_config");
        Files.writeString(file, config);
        ToolRun r = ToolRun.run(Tools.path("sshd"), "-T", "-f", file.toString(), "-C", SPEC.toTestSpec());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    java.util.List<String> differences(String added) throws Exception {
        SshdConfig before = SshdConfig.parse(base, "before");
        SshdConfig after = SshdConfig.parse(base + added, "after");
        return IntendedValues.differences(before, after, SPEC, sshdT(base + added));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ListenAddress 127.0.0.2\n",
        "Port 2222\nListenAddress 127.0.0.2\n",
        "Port 2222\nPort 2223\nListenAddress 127.0.0.2\nListenAddress 127.0.0.3:2224\n",
        "ListenAddress ::1\n",
        "ListenAddress [::1]:2200\n",
        "ListenAddress 0:0:0:0:0:0:0:1\n",
        "ListenAddress 0.0.0.0\nListenAddress ::\n",
        "LoginGraceTime 1m30s\n",
        "ClientAliveInterval 5M\n",
        "UnusedConnectionTimeout 1h\n",
        "Compression delayed\n",
        "MaxStartups 5\n",
        "RekeyLimit 1G 1h\n",
        "IPQoS af21\n",
        "AllowTcpForwarding all\n",
        "GatewayPorts clientspecified\n",
        "Ciphers +aes128-cbc\n",
        "MACs -hmac-sha1*\n",
        "KexAlgorithms ^curve25519-sha256\n",
        "PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512\n",
        "PermitRootLogin prohibit-password\n",
        "PermitRootLogin without-password\n",
        "LogLevel verbose\n",
        "SyslogFacility auth\n",
        "AllowUsers alice  bob\n",
        "AllowUsers alice\nAllowUsers bob\n",
        "PermitListen 8080\n",
        "PermitOpen localhost:80 127.0.0.1:443\n",
        "StreamLocalBindMask 77\n",
        "MaxAuthTries 03\n",
        "X11Forwarding YES\n",
        "AuthenticationMethods publickey,password publickey\n",
        "SetEnv A=b C=d\n",
        "ChannelTimeout session=5m\n",
        "Match User alice\n    MaxAuthTries 2\n    PermitRootLogin prohibit-password\n"})
    void aValueSpelledOtherwiseThanSshdPrintsItIsAsIntended(String added) throws Exception {
        assertThat(differences(added)).isEmpty();
    }

    @Test
    void aValueOverriddenElsewhereIsStillADifference() throws Exception {
        SshdConfig before = SshdConfig.parse(base, "before");
        SshdConfig after = SshdConfig.parse(base + "MaxAuthTries 3\n", "after");
        String shown = sshdT(base + "MaxAuthTries 5\n");
        assertThat(IntendedValues.differences(before, after, SPEC, shown))
                .containsExactly("MaxAuthTries: intended '3', sshd -T shows '5'");
    }

    @Test
    void aListenAddressOnAnotherPortIsADifference() throws Exception {
        SshdConfig before = SshdConfig.parse(base, "before");
        SshdConfig after = SshdConfig.parse(base + "ListenAddress 127.0.0.2\n", "after");
        String shown = sshdT(base + "ListenAddress 127.0.0.2:2200\n");
        assertThat(IntendedValues.differences(before, after, SPEC, shown))
                .containsExactly("ListenAddress: intended '127.0.0.2:22', sshd -T shows '127.0.0.2:2200'");
    }

    @Test
    void aListenAddressGivenAsAHostNameIsRefusedWithTheReason() throws Exception {
        assertThat(differences("ListenAddress localhost:2200\n")).singleElement().asString()
                .startsWith("ListenAddress: intended 'localhost:2200' names a host (localhost) that sshd resolves to '")
                .endsWith("'; Bulwark compares addresses only: give ListenAddress as an IP address");
    }
}
