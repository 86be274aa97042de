package dev.bulwark.ssh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The identities-answer decoder on hostile input: only a list of identities or an AgentException. */
class AgentMessagesPropertiesTest {

    private static final byte[] VALID = new WireWriter().writeByte(12).writeUint32(2)
            .writeString(SshKeyPair.generate(SshKeyType.ED25519).publicKey().blobBytes()).writeUtf8("a")
            .writeString(SshKeyPair.generate(SshKeyType.ECDSA_P256).publicKey().blobBytes()).writeUtf8("b")
            .toByteArray();

    @Property(tries = 2000)
    void randomBytesGiveIdentitiesOrAgentException(@ForAll @Size(max = 600) byte[] body) {
        decodeOrTypedError(body);
    }

    @Property(tries = 2000)
    void randomBytesAfterTheAnswerTypeGiveIdentitiesOrAgentException(@ForAll @Size(max = 600) byte[] rest) {
        byte[] body = new byte[rest.length + 1];
        body[0] = 12;
        System.arraycopy(rest, 0, body, 1, rest.length);
        decodeOrTypedError(body);
    }

    @Property(tries = 3000)
    void mutatedValidAnswersGiveIdentitiesOrAgentException(@ForAll("mutations") List<Integer> edits) {
        byte[] body = VALID.clone();
        for (int i = 0; i + 1 < edits.size(); i += 2) {
            body[1 + Math.floorMod(edits.get(i), body.length - 1)] = (byte) (int) edits.get(i + 1);
        }
        decodeOrTypedError(body);
    }

    @Property(tries = 200)
    void truncatedValidAnswersAreAgentExceptions(@ForAll("cuts") int cut) {
        byte[] body = java.util.Arrays.copyOf(VALID, cut);
        try {
            AgentMessages.decodeIdentities(body);
            throw new AssertionError("a truncated answer decoded");
        } catch (AgentException expected) {
            assertThat(expected.getMessage()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(2).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, VALID.length - 1);
    }

    @Property(tries = 1)
    void theUnmutatedAnswerDecodes() throws AgentException {
        assertThat(AgentMessages.decodeIdentities(VALID)).extracting(AgentIdentity::comment).containsExactly("a", "b");
    }

    private static void decodeOrTypedError(byte[] body) {
        try {
            List<AgentIdentity> ids = AgentMessages.decodeIdentities(body);
            assertThat(ids).doesNotContainNull();
        } catch (AgentException expected) {
            assertThat(expected.getMessage()).isNotEmpty();
        }
    }
}
