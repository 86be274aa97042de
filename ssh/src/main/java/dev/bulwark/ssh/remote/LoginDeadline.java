package dev.bulwark.ssh.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import net.schmizz.sshj.SSHClient;

/**
 * The deadline of one login: when it passes before {@link #disarm()}, the connection's socket is
 * closed, which ends any read sshj is blocked in (sshj waits for the server's banner without a
 * timeout), and {@link #explain} turns the resulting failure into a {@link SocketTimeoutException}
 * naming the phase. Not API.
 */
final class LoginDeadline {

    private final SshTarget target;
    private final Duration limit;
    private final SSHClient client;
    private final AtomicReference<Socket> socket = new AtomicReference<>();
    private volatile String phase = "TCP connect";
    private Watchdog watchdog;

    private LoginDeadline(SSHClient client, SshTarget target, Duration limit) {
        this.client = client;
        this.target = target;
        this.limit = limit;
    }

    /** Arms the deadline ({@code connectTimeout + 2 × authTimeout}) and makes the client's socket closable. */
    static LoginDeadline arm(SSHClient client, SshTarget target, ConnectOptions options) {
        LoginDeadline d = new LoginDeadline(client, target, options.connectTimeout().plus(options.authTimeout().multipliedBy(2)));
        client.setSocketFactory(d.new RecordingFactory(SocketFactory.getDefault()));
        d.watchdog = Watchdog.arm(d.limit, d::closeSocket);
        return d;
    }

    private void closeSocket() {
        Socket s = socket.get();
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Names the phase the login is in, for the timeout's message. */
    void phase(String name) {
        this.phase = name;
    }

    /** The login finished (or failed on its own); returns whether that was before the deadline. */
    boolean disarm() {
        return watchdog.disarm();
    }

    /** Whether the server's identification line arrived (sshj's accessor fails on the empty one it starts with). */
    private boolean bannerReceived() {
        try {
            String version = client.getTransport().getServerVersion();
            return version != null && !version.isEmpty();
        } catch (RuntimeException noIdentificationYet) {
            return false;
        }
    }

    /** Whether the deadline passed and closed the socket. */
    boolean fired() {
        return watchdog.fired();
    }

    /** A timeout naming the phase when the deadline closed the socket, caused by {@code e}; else {@code e} itself. */
    IOException explain(Exception e) {
        if (!watchdog.fired()) {
            return e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        }
        String what = phase.equals("TCP connect") && socket.get() != null && socket.get().isConnected()
                ? (bannerReceived() ? "key exchange" : "the server's SSH banner")
                : phase;
        SocketTimeoutException t = new SocketTimeoutException("no SSH login to " + target.host() + ":" + target.port()
                + " within " + limit.toMillis() + " ms: stopped waiting for " + what);
        t.initCause(e);
        return t;
    }

    /** Records the socket sshj creates, so that the deadline can close it. */
    private final class RecordingFactory extends SocketFactory {
        private final SocketFactory delegate;

        RecordingFactory(SocketFactory delegate) {
            this.delegate = delegate;
        }

        private Socket record(Socket s) {
            socket.set(s);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return record(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return record(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            return record(delegate.createSocket(address, port, local, localPort));
        }
    }
}
