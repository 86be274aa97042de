package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.agent.AgentException;
import dev.bulwark.ssh.agent.FakeAgent;
import dev.bulwark.ssh.agent.SshAgent;
import dev.bulwark.ssh.agent.TestAgent;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to a real sshd with keys held by a real ssh-agent: Ed25519, ECDSA P-256 and RSA 3072
 * (sshd 9 refuses SHA-1 {@code ssh-rsa} signatures by default, so the RSA login proves rsa-sha2
 * signing), a certificate, and the failures.
 */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "ssh-agent", "ssh-add"})
class AgentLoginInteropTest {

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static SshKeyPair ed25519;
    static SshKeyPair ecdsa;
    static SshKeyPair rsa;
    static SshKeyPair ca;
    static final SshConnector CONNECTOR = SshConnector.create();

    @BeforeAll
    static void start() throws Exception {
        ed25519 = SshKeyPair.generate(SshKeyType.ED25519);
        ecdsa = SshKeyPair.generate(SshKeyType.ECDSA_P256);
        rsa = SshKeyPair.generate(SshKeyType.rsa(3072));
        ca = SshKeyPair.generate(SshKeyType.ED25519);
        Files.writeString(dir.resolve("authorized_keys"), ed25519.publicKey().toOpenSsh() + "\n"
                + ecdsa.publicKey().toOpenSsh() + "\n" + rsa.publicKey().toOpenSsh() + "\n");
        Files.writeString(dir.resolve("trusted_user_ca_keys"), ca.publicKey().toOpenSsh() + "\n");
        sshd = TestSshd.start(dir);
    }

    @AfterAll
    static void stop() {
        sshd.close();
    }

    private static SshTarget target() {
        return SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port());
    }

    private static ConnectOptions.Builder options() throws Exception {
        return ConnectOptions.builder().hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile()));
    }

    private static Path agentDir(String name) throws Exception {
        return Files.createDirectory(dir.resolve(name));
    }

    private static void assertLogsInThroughTheAgent(SshKeyPair key, String name, String type) throws Exception {
        try (TestAgent agent = TestAgent.start(agentDir(name))) {
            agent.add(key, "id");
            try (RemoteHost host = CONNECTOR.connect(target(), options().agent(agent.socket()).build())) {
                assertThat(host.run(List.of("id", "-un"), Duration.ofSeconds(20)).requireSuccess().stdout().strip())
                        .isEqualTo(TestSshd.user());
            }
        }
        String fingerprint = key.publicKey().fingerprintSha256();
        assertThat(sshd.awaitLog(" ssh2: " + type + " " + fingerprint)).containsPattern("Accepted publickey for "
                + TestSshd.user() + " from 127\\.0\\.0\\.1 port \\d+ ssh2: " + type + " " + Pattern.quote(fingerprint));
    }

    @Test
    void logsInWithAnEd25519KeyHeldByTheAgent() throws Exception {
        assertLogsInThroughTheAgent(ed25519, "ed25519", "ED25519");
    }

    @Test
    void logsInWithAnEcdsaP256KeyHeldByTheAgent() throws Exception {
        assertLogsInThroughTheAgent(ecdsa, "ecdsa", "ECDSA");
    }

    @Test
    void logsInWithAnRsa3072KeyHeldByTheAgentSigningWithSha2() throws Exception {
        assertLogsInThroughTheAgent(rsa, "rsa", "RSA");
    }

    @Test
    void logsInWithACertificateHeldByTheAgentWhenThePlainKeyIsNotAuthorized() throws Exception {
        SshKeyPair key = SshKeyPair.generate(SshKeyType.ED25519);
        Path agentDir = agentDir("cert");
        SshCertificate cert = SshCertificate.builder(ca, key.publicKey()).keyId("agent-test")
                .principals(TestSshd.user()).build();
        key.write(agentDir.resolve("id"), null);
        cert.write(agentDir.resolve("id-cert.pub"));
        try (TestAgent agent = TestAgent.start(agentDir)) {
            agent.add(agentDir.resolve("id"));
            try (SshAgent a = SshAgent.connect(agent.socket())) {
                assertThat(a.identities()).hasSize(2).anyMatch(id -> id.isCertificate());
            }
            try (RemoteHost host = CONNECTOR.connect(target(), options().agent(agent.socket()).build())) {
                assertThat(host.run(List.of("true"), Duration.ofSeconds(20)).exitCode()).isZero();
            }
        }
        assertThat(sshd.awaitLog("ID agent-test")).contains("ID agent-test");
    }

    @Test
    void explicitKeysAreTriedBeforeTheAgentsKeys() throws Exception {
        SshKeyPair unauthorized = SshKeyPair.generate(SshKeyType.ED25519);
        // a key of this test only, so that its log lines are this test's (sshd reads the file at each login)
        SshKeyPair inAgent = SshKeyPair.generate(SshKeyType.ECDSA_P256);
        Files.writeString(dir.resolve("authorized_keys"), inAgent.publicKey().toOpenSsh() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (TestAgent agent = TestAgent.start(agentDir("mixed"))) {
            agent.add(inAgent, "id");
            ConnectOptions o = options().key(unauthorized).agent(agent.socket()).build();
            assertThat(o.toString()).contains("keys=[" + unauthorized.publicKey().fingerprintSha256() + "], agent="
                    + agent.socket() + ", hostKeys=");
            try (RemoteHost host = CONNECTOR.connect(target(), o)) {
                assertThat(host.isConnected()).isTrue();
            }
        }
        String accepted = "ssh2: ECDSA " + inAgent.publicKey().fingerprintSha256();
        String log = sshd.awaitLog(accepted);
        int explicitTried = log.indexOf(unauthorized.publicKey().fingerprintSha256());
        int agentAccepted = log.indexOf(accepted);
        assertThat(log).containsPattern("Accepted publickey for " + TestSshd.user() + " from 127\\.0\\.0\\.1 port \\d+ "
                + Pattern.quote(accepted));
        assertThat(explicitTried).isNotNegative();
        assertThat(agentAccepted).isGreaterThan(explicitTried);
    }

    @Test
    void anAgentHoldingOnlyAnUnauthorizedKeyFailsNamingItsFingerprint() throws Exception {
        SshKeyPair unauthorized = SshKeyPair.generate(SshKeyType.ED25519);
        try (TestAgent agent = TestAgent.start(agentDir("unauthorized"))) {
            agent.add(unauthorized, "id");
            assertThatThrownBy(() -> CONNECTOR.connect(target(), options().agent(agent.socket()).build()))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("authentication as " + TestSshd.user() + " on 127.0.0.1:" + sshd.port()
                            + " failed with key(s) [] and agent identities ["
                            + unauthorized.publicKey().fingerprintSha256() + "]");
        }
    }

    @Test
    void aMissingAgentSocketIsTheAgentsTypedError() throws Exception {
        Path missing = dir.resolve("no-agent.sock");
        assertThatThrownBy(() -> CONNECTOR.connect(target(), options().agent(missing).build()))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("no SSH agent at " + missing + ": ");
    }

    @Test
    void anAgentThatRefusesToSignFailsTheLoginWithItsTypedError() throws Exception {
        byte[] identities = new WireWriter().writeByte(12).writeUint32(1).writeString(ed25519.publicKey().blobBytes())
                .writeUtf8("refuses").toByteArray();
        List<byte[]> answers = List.of(new WireWriter().writeString(identities).toByteArray(),
                new WireWriter().writeString(new byte[] {5}).toByteArray());
        try (FakeAgent agent = new FakeAgent(agentDir("refusing").resolve("agent.sock"), answers, false)) {
            assertThatThrownBy(() -> CONNECTOR.connect(target(), options().agent(agent.socket()).build()))
                    .isInstanceOf(AgentException.class)
                    .hasMessage("the agent refused to sign with " + ed25519.publicKey().fingerprintSha256()
                            + " (it does not hold that key, or a confirmation was declined)");
        }
    }
}
