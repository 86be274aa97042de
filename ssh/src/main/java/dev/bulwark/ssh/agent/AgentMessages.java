package dev.bulwark.ssh.agent;

import dev.bulwark.core.ParseException;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshPublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent protocol messages Bulwark uses (draft-miller-ssh-agent sections 3 and 4), as message
 * bodies (type byte and contents, without the uint32 length). Every length read is bounded.
 * Not API.
 */
final class AgentMessages {

    /** The largest message accepted, as OpenSSH's AGENT_MAX_LEN. */
    static final int MAX_MESSAGE = 256 * 1024;
    /** The most identities accepted in one answer, as OpenSSH's MAX_AGENT_IDENTITIES. */
    static final int MAX_IDENTITIES = 2048;

    static final int FAILURE = 5;
    static final int REQUEST_IDENTITIES = 11;
    static final int IDENTITIES_ANSWER = 12;
    static final int SIGN_REQUEST = 13;
    static final int SIGN_RESPONSE = 14;
    static final int EXTENSION_FAILURE = 28;
    static final int SSH2_AGENT_FAILURE = 30;
    static final int SSH_COM_AGENT2_FAILURE = 102;

    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;

    private AgentMessages() {
    }

    static byte[] requestIdentities() {
        return new byte[] {REQUEST_IDENTITIES};
    }

    static byte[] signRequest(SshPublicKey key, byte[] data, int flags) {
        return new WireWriter().writeByte(SIGN_REQUEST).writeString(key.blobBytes()).writeString(data)
                .writeUint32(flags).toByteArray();
    }

    static boolean isFailure(int type) {
        return type == FAILURE || type == EXTENSION_FAILURE || type == SSH2_AGENT_FAILURE
                || type == SSH_COM_AGENT2_FAILURE;
    }

    /** The identities of an {@code SSH_AGENT_IDENTITIES_ANSWER} message body. */
    static List<AgentIdentity> decodeIdentities(byte[] body) throws AgentException {
        check(body, IDENTITIES_ANSWER, "the identities");
        try {
            WireReader r = new WireReader(body, 1, body.length);
            long n = r.readUint32("the number of identities");
            if (n > MAX_IDENTITIES) {
                throw new AgentException("the agent announced " + n + " identities, more than the " + MAX_IDENTITIES
                        + " accepted");
            }
            List<AgentIdentity> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] blob = r.readString("identity " + (i + 1) + "'s key");
                if (blob.length > SshPublicKey.MAX_BLOB) {
                    throw new AgentException("identity " + (i + 1) + "'s key is longer than " + SshPublicKey.MAX_BLOB
                            + " bytes");
                }
                String comment = new String(r.readString("identity " + (i + 1) + "'s comment"), StandardCharsets.UTF_8);
                SshPublicKey key;
                try {
                    key = SshPublicKey.ofBlob(ByteBuffer.wrap(blob), "");
                } catch (ParseException e) {
                    throw new AgentException("identity " + (i + 1) + " is not a valid public key: " + e.getMessage());
                }
                out.add(new AgentIdentity(key, comment));
            }
            r.expectEnd("the identities");
            return List.copyOf(out);
        } catch (WireException e) {
            throw new AgentException("malformed identities answer from the agent: " + e.getMessage());
        }
    }

    /** The wire signature ({@code string algorithm, string blob}) of an {@code SSH_AGENT_SIGN_RESPONSE} body. */
    static byte[] decodeSignature(byte[] body) throws AgentException {
        check(body, SIGN_RESPONSE, "a signature");
        try {
            WireReader r = new WireReader(body, 1, body.length);
            byte[] signature = r.readString("the signature");
            r.expectEnd("the signature");
            WireReader s = new WireReader(signature);
            s.readUtf8("the signature algorithm");
            s.readString("the signature blob");
            s.expectEnd("the signature blob");
            return signature;
        } catch (WireException e) {
            throw new AgentException("malformed sign response from the agent: " + e.getMessage());
        }
    }

    private static void check(byte[] body, int expected, String what) throws AgentException {
        if (body.length == 0) {
            throw new AgentException("the agent sent an empty message instead of " + what);
        }
        int type = body[0] & 0xff;
        if (isFailure(type)) {
            throw new AgentException("the agent refused to send " + what + " (SSH_AGENT_FAILURE)");
        }
        if (type != expected) {
            throw new AgentException("the agent answered with message type " + type + " instead of " + what);
        }
    }
}
