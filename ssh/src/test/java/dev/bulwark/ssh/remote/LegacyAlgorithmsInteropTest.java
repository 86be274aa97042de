package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sshj implements (and by default offers) SHA-1 and DSA signatures, SHA-1 key exchange, CBC and
 * arcfour ciphers and MD5 MACs; Bulwark's client offers none of them, so a real sshd that accepts
 * only such an algorithm is refused with a message saying what to enable, while the real OpenSSH
 * client, told to use the same legacy algorithm, gets in.
 */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class LegacyAlgorithmsInteropTest {

    private static final SshConnector CONNECTOR = SshConnector.create();

    @TempDir
    Path dir;

    @Test
    void theClientOffersNoLegacyAlgorithm() {
        ClientAlgorithms offered = CONNECTOR.algorithms();
        List<String> all = Stream.of(offered.kex(), offered.ciphers(), offered.macs(), offered.hostKeys())
                .flatMap(List::stream).toList();
        assertThat(all).noneMatch(name -> name.equals("ssh-rsa") || name.startsWith("ssh-dss")
                || name.startsWith("ssh-rsa-cert") || name.endsWith("-sha1") || name.contains("cbc")
                || name.contains("arcfour") || name.contains("3des") || name.contains("blowfish")
                || name.startsWith("hmac-md5") || name.startsWith("hmac-sha1") || name.startsWith("hmac-ripemd"));
        assertThat(offered.kex()).startsWith("curve25519-sha256").contains("ext-info-c");
        assertThat(offered.hostKeys()).contains("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256");
        assertThat(offered.ciphers()).startsWith("chacha20-poly1305@openssh.com");
        assertThat(offered.macs()).containsExactly("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
                "hmac-sha2-256", "hmac-sha2-512");
    }

    @Test
    void aServerOfferingOnlySha1KeyExchangeIsRefusedWithWhatToEnable() throws Exception {
        refusedInTheHandshake("KexAlgorithms diffie-hellman-group14-sha1", "KexAlgorithms=diffie-hellman-group14-sha1");
    }

    @Test
    void aServerOfferingOnlyCbcCiphersIsRefusedWithWhatToEnable() throws Exception {
        refusedInTheHandshake("Ciphers aes256-cbc", "Ciphers=aes256-cbc");
    }

    @Test
    void aServerOfferingOnlyMd5AndSha1MacsWithoutAeadIsRefused() throws Exception {
        refusedInTheHandshake("Ciphers aes128-ctr\nMACs hmac-sha1,hmac-md5", "MACs=hmac-sha1");
    }

    @Test
    void anRsaKeyNeverLogsInWithSha1SignaturesEvenWhereTheServerAcceptsThem() throws Exception {
        SshKeyPair rsa = SshKeyPair.generate(SshKeyType.RSA);
        Path keyFile = dir.resolve("id_rsa");
        rsa.write(keyFile, null);
        Files.writeString(dir.resolve("authorized_keys"), rsa.publicKey().toOpenSsh() + "\n");
        try (TestSshd sshd = TestSshd.start(dir, "PubkeyAcceptedAlgorithms ssh-rsa")) {
            // the server takes an ssh-rsa (SHA-1) login: OpenSSH's client, told to, gets in
            ToolRun sha1Login = ToolRun.run(Tools.path("ssh"), "-F", "/dev/null", "-i", keyFile.toString(),
                    "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "PubkeyAcceptedAlgorithms=ssh-rsa",
                    "-o", "UserKnownHostsFile=" + sshd.knownHostsFile(), "-o", "StrictHostKeyChecking=yes",
                    "-p", Integer.toString(sshd.port()), TestSshd.user() + "@127.0.0.1", "true");
            assertThat(sha1Login.exitCode()).as(sha1Login.stderr()).isZero();
            // Bulwark offers rsa-sha2-512 and rsa-sha2-256 only, which this server refuses
            ConnectOptions options = ConnectOptions.builder().key(rsa)
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
            assertThatThrownBy(() -> CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()), options))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining(rsa.publicKey().fingerprintSha256());
        }
    }

    /** Starts sshd with {@code serverConfig}; Bulwark is refused, the OpenSSH client with {@code clientOption} is not. */
    private void refusedInTheHandshake(String serverConfig, String clientOption) throws IOException {
        SshKeyPair key = SshKeyPair.generate(SshKeyType.ED25519);
        Path keyFile = dir.resolve("id_ed25519");
        key.write(keyFile, null);
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        try (TestSshd sshd = TestSshd.start(dir, serverConfig.split("\n"))) {
            ToolRun legacy = ToolRun.run(Tools.path("ssh"), "-F", "/dev/null", "-i", keyFile.toString(),
                    "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", clientOption,
                    "-o", "UserKnownHostsFile=" + sshd.knownHostsFile(), "-o", "StrictHostKeyChecking=yes",
                    "-p", Integer.toString(sshd.port()), TestSshd.user() + "@127.0.0.1", "true");
            assertThat(legacy.exitCode()).as(legacy.stderr()).isZero();
            ConnectOptions options = ConnectOptions.builder().key(key).connectTimeout(Duration.ofSeconds(10))
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
            assertThatThrownBy(() -> CONNECTOR.connect(SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port()), options))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Unable to reach a settlement")
                    .hasMessageContaining("never SHA-1 or DSA signatures, SHA-1 key exchange, CBC or legacy ciphers")
                    .hasMessageContaining("enable one of those on the server");
        }
    }
}
