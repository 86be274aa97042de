package dev.bulwark.ssh.agent;

import dev.bulwark.ssh.internal.key.Signatures;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connection to an SSH agent ({@code ssh-agent}, or anything speaking its protocol) over its
 * Unix domain socket: list the keys it holds and have it sign with one. Private keys never leave
 * the agent. Every answer is bounded (256 KiB a message, 2048 identities) and every read has a
 * timeout, so a broken or hostile agent gives an {@link AgentException}, never a hang or an
 * out-of-memory error. Thread-safe (requests are serialised); close it when done.
 *
 * <pre>{@code
 * try (SshAgent agent = SshAgent.fromEnvironment()) {           // SSH_AUTH_SOCK
 *     for (AgentIdentity id : agent.identities()) {
 *         System.out.println(id.publicKey().fingerprintSha256());
 *     }
 *     byte[] signature = agent.sign(agent.identities().get(0).publicKey(), data);
 * }
 * }</pre>
 *
 * <p>RSA keys sign with {@code rsa-sha2-512}, never with SHA-1 ({@code ssh-rsa}).
 */
public final class SshAgent implements AutoCloseable {

    /** The environment variable ssh-agent sets to its socket's path. */
    public static final String SSH_AUTH_SOCK = "SSH_AUTH_SOCK";
    /** How long an answer may take unless {@link #connect(Path, Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration timeout;

    private SshAgent(Path socket, SocketChannel channel, Selector selector, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
        this.timeout = timeout;
    }

    /** Connects to the agent listening on {@code socket}, with {@link #DEFAULT_TIMEOUT}. */
    public static SshAgent connect(Path socket) throws AgentException {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to the agent listening on {@code socket}.
     *
     * @param timeout how long each answer may take
     * @throws AgentException when nothing listens there
     */
    public static SshAgent connect(Path socket, Duration timeout) throws AgentException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new SshAgent(socket, channel, selector, timeout);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(channel);
            throw new AgentException("no SSH agent at " + socket + ": " + e.getMessage()
                    + " (is ssh-agent running, and is the path its -a socket?)", e);
        }
    }

    /**
     * Connects to the agent named by the {@code SSH_AUTH_SOCK} environment variable.
     *
     * @throws AgentException when the variable is unset or empty, or nothing listens there
     */
    public static SshAgent fromEnvironment() throws AgentException {
        return connect(socketFromEnvironment(System.getenv()));
    }

    /**
     * The agent socket named by {@code SSH_AUTH_SOCK} in {@code environment}.
     *
     * @throws AgentException when the variable is unset or empty
     */
    public static Path socketFromEnvironment(Map<String, String> environment) throws AgentException {
        String value = environment.get(SSH_AUTH_SOCK);
        if (value == null || value.isEmpty()) {
            throw new AgentException(SSH_AUTH_SOCK + " is not set, so there is no SSH agent to use: start one with"
                    + " eval \"$(ssh-agent)\" and add keys with ssh-add, or give the socket path explicitly");
        }
        return Path.of(value);
    }

    /** The socket this agent is reached at. */
    public Path socket() {
        return socket;
    }

    /** The keys the agent holds, in its order (plain keys and certificates). */
    public List<AgentIdentity> identities() throws AgentException {
        return AgentMessages.decodeIdentities(request(AgentMessages.requestIdentities()));
    }

    /**
     * Has the agent sign {@code data} with the private half of {@code key}: {@code ssh-ed25519},
     * {@code ecdsa-sha2-*}, or {@code rsa-sha2-512} for RSA keys (and certificates of these).
     * Signatures by plain keys are verified before they are returned.
     *
     * @return the SSH wire signature ({@code string algorithm, string signature})
     * @throws AgentException when the agent refuses (it does not hold the key, or a confirmation was
     *                        declined) or answers with a wrong or invalid signature
     */
    public byte[] sign(SshPublicKey key, byte[] data) throws AgentException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        AgentIdentity id = new AgentIdentity(key, "");
        KeyAlgorithm algorithm = id.signingAlgorithm();
        if (algorithm == KeyAlgorithm.OPAQUE || algorithm == KeyAlgorithm.DSA) {
            throw new AgentException("cannot sign with a " + key.type() + " key through the agent; use an Ed25519,"
                    + " ECDSA or RSA key");
        }
        String expected = Signatures.algorithmFor(algorithm);
        int flags = algorithm == KeyAlgorithm.RSA ? AgentMessages.RSA_SHA2_512 : 0;
        byte[] answer = request(AgentMessages.signRequest(key, data, flags));
        if (answer.length > 0 && AgentMessages.isFailure(answer[0] & 0xff)) {
            throw new AgentException("the agent refused to sign with " + key.fingerprintSha256()
                    + " (it does not hold that key, or a confirmation was declined)");
        }
        byte[] signature = AgentMessages.decodeSignature(answer);
        String got = Signatures.algorithmOf(signature);
        if (!got.equals(expected)) {
            throw new AgentException("the agent signed with " + AgentIdentity.escape(got) + " instead of " + expected
                    + " for " + key.fingerprintSha256());
        }
        if (!id.isCertificate() && !Signatures.verify(algorithm, key.toPublicKey().orElseThrow(), data, signature)) {
            throw new AgentException("the agent's signature with " + key.fingerprintSha256() + " does not verify");
        }
        return signature;
    }

    private synchronized byte[] request(byte[] body) throws AgentException {
        try {
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(deadline, SelectionKey.OP_WRITE);
                }
            }
            ByteBuffer length = ByteBuffer.allocate(4);
            fill(length, deadline);
            int n = length.flip().getInt();
            if (n < 0 || n > AgentMessages.MAX_MESSAGE) {
                throw new AgentException("the agent announced a message of " + Integer.toUnsignedString(n)
                        + " bytes, more than the " + AgentMessages.MAX_MESSAGE + " accepted");
            }
            ByteBuffer answer = ByteBuffer.allocate(n);
            fill(answer, deadline);
            return answer.array();
        } catch (AgentException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AgentException("talking to the SSH agent at " + socket + " failed: " + e.getMessage(), e);
        }
    }

    private void fill(ByteBuffer buffer, long deadline) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new AgentException("the SSH agent at " + socket + " closed the connection mid-answer");
            }
            if (n == 0) {
                await(deadline, SelectionKey.OP_READ);
            }
        }
    }

    private void await(long deadline, int op) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AgentException("the SSH agent at " + socket + " did not answer within " + timeout);
        }
        channel.keyFor(selector).interestOps(op);
        selector.selectedKeys().clear();
        selector.select(Math.max(1, left / 1_000_000));
    }

    /** Closes the connection (the agent keeps running). */
    @Override
    public void close() {
        closeQuietly(channel);
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public String toString() {
        return "SshAgent[" + socket + "]";
    }
}
