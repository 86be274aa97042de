package dev.bulwark.ssh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SshAgent against a fake agent (a Unix domain socket served by a test thread) that answers with
 * garbage, huge lengths, wrong signatures or nothing at all: each gives an AgentException.
 */
class HostileAgentTest {

    @TempDir
    Path dir;

    private FakeAgent fake(byte[] answer, boolean thenClose) throws IOException {
        return new FakeAgent(dir.resolve("fake.sock"), List.of(answer), thenClose);
    }

    private static byte[] message(byte[] body) {
        return new WireWriter().writeString(body).toByteArray();
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedWithoutAllocatingIt() throws Exception {
        try (FakeAgent fake = fake(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, false);
             SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the agent announced a message of 4294967295 bytes, more than the 262144 accepted");
        }
    }

    @Test
    void aLengthJustAboveTheLimitIsRefused() throws Exception {
        byte[] answer = new WireWriter().writeUint32(256 * 1024 + 1).toByteArray();
        try (FakeAgent fake = fake(answer, false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the agent announced a message of 262145 bytes, more than the 262144 accepted");
        }
    }

    @Test
    void anAnswerCutShortIsAnError() throws Exception {
        byte[] answer = new WireWriter().writeUint32(100).writeByte(12).toByteArray();
        try (FakeAgent fake = fake(answer, true); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the SSH agent at " + fake.socket() + " closed the connection mid-answer");
        }
    }

    @Test
    void anAgentThatNeverFinishesItsAnswerTimesOut() throws Exception {
        byte[] answer = new WireWriter().writeUint32(100).writeByte(12).toByteArray();
        try (FakeAgent fake = fake(answer, false);
             SshAgent agent = SshAgent.connect(fake.socket(), Duration.ofMillis(300))) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the SSH agent at " + fake.socket() + " did not answer within PT0.3S");
        }
    }

    @Test
    void aHugeIdentityCountIsRefused() throws Exception {
        byte[] body = new WireWriter().writeByte(12).writeUint32(1_000_000).toByteArray();
        try (FakeAgent fake = fake(message(body), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the agent announced 1000000 identities, more than the 2048 accepted");
        }
    }

    @Test
    void garbageInsteadOfAKeyIsAnError() throws Exception {
        byte[] body = new WireWriter().writeByte(12).writeUint32(1).writeString(new byte[] {0, 0, 0, 9, 's'})
                .writeString(new byte[0]).toByteArray();
        try (FakeAgent fake = fake(message(body), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessageStartingWith("identity 1 is not a valid public key: ");
        }
    }

    @Test
    void anUnexpectedMessageTypeIsAnError() throws Exception {
        try (FakeAgent fake = fake(message(new byte[] {99}), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(agent::identities).isInstanceOf(AgentException.class)
                    .hasMessage("the agent answered with message type 99 instead of the identities");
        }
    }

    @Test
    void anRsaSignatureWithSha1IsRefused() throws Exception {
        SshPublicKey key = SshKeyPair.generate(SshKeyType.RSA).publicKey();
        byte[] signature = new WireWriter().writeUtf8("ssh-rsa").writeString(new byte[384]).toByteArray();
        byte[] body = new WireWriter().writeByte(14).writeString(signature).toByteArray();
        try (FakeAgent fake = fake(message(body), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(() -> agent.sign(key, new byte[] {1})).isInstanceOf(AgentException.class)
                    .hasMessage("the agent signed with ssh-rsa instead of rsa-sha2-512 for " + key.fingerprintSha256());
        }
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() throws Exception {
        SshPublicKey key = SshKeyPair.generate(SshKeyType.ED25519).publicKey();
        byte[] signature = new WireWriter().writeUtf8("ssh-ed25519").writeString(new byte[64]).toByteArray();
        byte[] body = new WireWriter().writeByte(14).writeString(signature).toByteArray();
        try (FakeAgent fake = fake(message(body), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            assertThatThrownBy(() -> agent.sign(key, new byte[] {1})).isInstanceOf(AgentException.class)
                    .hasMessage("the agent's signature with " + key.fingerprintSha256() + " does not verify");
        }
    }

    @Test
    void commentsWithControlCharactersAreEscapedInToString() throws Exception {
        SshPublicKey key = SshKeyPair.generate(SshKeyType.ED25519).publicKey();
        byte[] body = new WireWriter().writeByte(12).writeUint32(1).writeString(key.blobBytes())
                .writeUtf8("evil\u001b[2J\nline\"").toByteArray();
        try (FakeAgent fake = fake(message(body), false); SshAgent agent = SshAgent.connect(fake.socket())) {
            AgentIdentity id = agent.identities().get(0);
            assertThat(id.publicKey()).isEqualTo(key);
            assertThat(id.comment()).isEqualTo("evil\u001b[2J\nline\"");
            assertThat(id.toString()).isEqualTo("ssh-ed25519 " + key.fingerprintSha256()
                    + " \"evil\\u001b[2J\\u000aline\\u0022\"");
        }
    }
}
