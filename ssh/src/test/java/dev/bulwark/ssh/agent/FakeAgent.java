package dev.bulwark.ssh.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted fake SSH agent (test support): a Unix domain socket served by a thread that accepts
 * one client, answers its requests in turn with the given raw bytes (length prefix included, so
 * they may lie), then either closes or stays silent until {@link #close()}.
 */
public final class FakeAgent implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;
    private final CountDownLatch done = new CountDownLatch(1);

    /** Serves {@code answers} on {@code socket}; closes the connection after the last one when {@code thenClose}. */
    public FakeAgent(Path socket, List<byte[]> answers, boolean thenClose) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (SocketChannel client = server.accept()) {
                for (byte[] answer : answers) {
                    readRequest(client);
                    client.write(ByteBuffer.wrap(answer));
                }
                if (!thenClose) {
                    done.await();
                }
            } catch (IOException | InterruptedException ignored) {
                // the test is over
            }
        }, "fake-agent");
        thread.setDaemon(true);
        thread.start();
    }

    private static void readRequest(SocketChannel client) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        while (length.hasRemaining()) {
            if (client.read(length) < 0) {
                throw new IOException("client gone");
            }
        }
        ByteBuffer body = ByteBuffer.allocate(length.flip().getInt());
        while (body.hasRemaining()) {
            if (client.read(body) < 0) {
                throw new IOException("client gone");
            }
        }
    }

    /** The socket path. */
    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        done.countDown();
        server.close();
    }
}
