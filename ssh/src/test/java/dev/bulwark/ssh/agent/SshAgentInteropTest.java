package dev.bulwark.ssh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.testing.RequiresTool;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshAgent against a real OpenSSH ssh-agent holding keys Bulwark generated and ssh-add loaded. */
@Tag("interop")
@RequiresTool({"ssh-agent", "ssh-add"})
class SshAgentInteropTest {

    @TempDir
    static Path dir;
    static TestAgent agent;
    static SshKeyPair ed25519;
    static SshKeyPair ecdsa;
    static SshKeyPair rsa;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start(dir);
        ed25519 = SshKeyPair.generate(SshKeyType.ED25519).withComment("ed@bulwark");
        ecdsa = SshKeyPair.generate(SshKeyType.ECDSA_P256).withComment("ec@bulwark");
        rsa = SshKeyPair.generate(SshKeyType.RSA).withComment("rsa@bulwark");
        agent.add(ed25519, "id_ed25519");
        agent.add(ecdsa, "id_ecdsa");
        agent.add(rsa, "id_rsa");
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void listsTheKeysSshAddLoadedWithTheirFingerprintsAndComments() throws Exception {
        try (SshAgent a = SshAgent.connect(agent.socket())) {
            List<AgentIdentity> ids = a.identities();
            assertThat(ids).extracting(AgentIdentity::publicKey)
                    .containsExactly(ed25519.publicKey(), ecdsa.publicKey(), rsa.publicKey());
            assertThat(ids).extracting(id -> id.publicKey().fingerprintSha256()).containsExactly(
                    ed25519.publicKey().fingerprintSha256(), ecdsa.publicKey().fingerprintSha256(),
                    rsa.publicKey().fingerprintSha256());
            assertThat(ids).extracting(AgentIdentity::comment).containsExactly("ed@bulwark", "ec@bulwark", "rsa@bulwark");
            assertThat(ids).noneMatch(AgentIdentity::isCertificate);
            assertThat(ids.get(0).toString()).isEqualTo("ssh-ed25519 " + ed25519.publicKey().fingerprintSha256()
                    + " \"ed@bulwark\"");
            // the same keys ssh-add -L shows
            for (String line : agent.list().strip().split("\n")) {
                assertThat(ids).extracting(AgentIdentity::publicKey).contains(SshPublicKey.parse(line));
            }
        }
    }

    @Test
    void signaturesVerifyWithTheJdkAndRsaSignsWithSha512() throws Exception {
        byte[] data = "data to sign".getBytes(StandardCharsets.UTF_8);
        try (SshAgent a = SshAgent.connect(agent.socket())) {
            assertThat(verifyWithJdk(ed25519.publicKey(), a.sign(ed25519.publicKey(), data), data))
                    .isEqualTo("ssh-ed25519");
            assertThat(verifyWithJdk(ecdsa.publicKey(), a.sign(ecdsa.publicKey(), data), data))
                    .isEqualTo("ecdsa-sha2-nistp256");
            assertThat(verifyWithJdk(rsa.publicKey(), a.sign(rsa.publicKey(), data), data)).isEqualTo("rsa-sha2-512");
        }
    }

    /** Verifies an SSH wire signature with the JDK alone; returns its algorithm name. */
    static String verifyWithJdk(SshPublicKey key, byte[] signature, byte[] data) throws Exception {
        WireReader r = new WireReader(signature);
        String algorithm = r.readUtf8("alg");
        byte[] blob = r.readString("sig");
        Signature jdk;
        byte[] raw = blob;
        switch (algorithm) {
            case "ssh-ed25519":
                jdk = Signature.getInstance("Ed25519");
                break;
            case "rsa-sha2-512":
                jdk = Signature.getInstance("SHA512withRSA");
                break;
            case "ecdsa-sha2-nistp256":
                jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
                WireReader rs = new WireReader(blob);
                raw = new byte[64];
                fixed(rs.readMpint("r"), raw, 0);
                fixed(rs.readMpint("s"), raw, 32);
                break;
            default:
                throw new AssertionError("unexpected signature algorithm " + algorithm);
        }
        jdk.initVerify(key.toPublicKey().orElseThrow());
        jdk.update(data);
        assertThat(jdk.verify(raw)).as("signature verifies").isTrue();
        return algorithm;
    }

    private static void fixed(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        byte[] trimmed = b.length > 32 ? Arrays.copyOfRange(b, b.length - 32, b.length) : b;
        System.arraycopy(trimmed, 0, out, offset + 32 - trimmed.length, trimmed.length);
    }

    @Test
    void refusalToSignWithAKeyTheAgentDoesNotHoldIsATypedError() throws Exception {
        SshPublicKey other = SshKeyPair.generate(SshKeyType.ED25519).publicKey();
        try (SshAgent a = SshAgent.connect(agent.socket())) {
            assertThatThrownBy(() -> a.sign(other, new byte[] {1, 2, 3}))
                    .isInstanceOf(AgentException.class)
                    .hasMessage("the agent refused to sign with " + other.fingerprintSha256()
                            + " (it does not hold that key, or a confirmation was declined)");
        }
    }

    @Test
    void aMissingSocketIsATypedErrorNamingThePath() {
        Path missing = dir.resolve("missing.sock");
        assertThatThrownBy(() -> SshAgent.connect(missing))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("no SSH agent at " + missing + ": ")
                .hasMessageEndingWith(" (is ssh-agent running, and is the path its -a socket?)");
    }

    @Test
    void anUnsetSshAuthSockIsATypedErrorSayingHowToStartAnAgent() throws Exception {
        String expected = "SSH_AUTH_SOCK is not set, so there is no SSH agent to use: start one with eval \"$(ssh-agent)\""
                + " and add keys with ssh-add, or give the socket path explicitly";
        assertThatThrownBy(() -> SshAgent.socketFromEnvironment(Map.of()))
                .isInstanceOf(AgentException.class).hasMessage(expected);
        assertThatThrownBy(() -> SshAgent.socketFromEnvironment(Map.of("SSH_AUTH_SOCK", "")))
                .isInstanceOf(AgentException.class).hasMessage(expected);
        assertThat(SshAgent.socketFromEnvironment(Map.of("SSH_AUTH_SOCK", agent.socket().toString())))
                .isEqualTo(agent.socket());
    }
}
