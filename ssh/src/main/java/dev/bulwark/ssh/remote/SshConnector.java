package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.agent.AgentException;
import dev.bulwark.ssh.agent.SshAgent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens SSH connections. One connector holds one sshj configuration (building one seeds random
 * generators, which can stall on entropy), so create a connector once and share it: it is safe for
 * concurrent use. {@link dev.bulwark.ssh.Ssh#connect} uses a shared default one.
 *
 * <pre>{@code
 * SshConnector connector = SshConnector.create();
 * try (RemoteHost host = connector.connect(SshTarget.of("deploy", "web1.example.org"), options)) {
 *     host.run(List.of("uptime"), Duration.ofSeconds(10)).requireSuccess();
 * }
 * }</pre>
 */
public final class SshConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

    private final DefaultConfig config;

    private SshConnector() {
        config = new DefaultConfig();
        ModernAlgorithms.restrict(config);
        // Host certificates are checked by HostKeyCheck, as OpenSSH checks them. sshj's own check
        // matches principals as wildcard patterns, ignores the certificate type and critical
        // options, accepts SHA-1 CA signatures, and ends the connection where ssh falls back to
        // the certified key (a pinned or known_hosts key of a server that also has a certificate).
        config.setVerifyHostKeyCertificates(false);
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        // sshj logs each connection at INFO; a library's routine work belongs at DEBUG.
        config.setLoggerFactory(SshjLoggers.INSTANCE);
    }

    /** The logger factory of the sshj configuration (tests check it is {@link SshjLoggers}). */
    net.schmizz.sshj.common.LoggerFactory sshjLoggerFactory() {
        return config.getLoggerFactory();
    }

    /** A new connector with its own sshj configuration. */
    public static SshConnector create() {
        return new SshConnector();
    }

    /**
     * The algorithm names this client can negotiate: key exchange, ciphers, MACs and host key
     * algorithms. Only modern ones: never SHA-1 or DSA signatures, SHA-1 key exchange, CBC or other
     * legacy ciphers, or SHA-1 and MD5 MACs, although sshj implements them.
     */
    public ClientAlgorithms algorithms() {
        return new ClientAlgorithms(names(config.getKeyExchangeFactories()), names(config.getCipherFactories()),
                names(config.getMACFactories()), names(config.getKeyAlgorithms()));
    }

    private static List<String> names(List<? extends net.schmizz.sshj.common.Factory.Named<?>> factories) {
        List<String> out = new ArrayList<>();
        factories.forEach(f -> out.add(f.getName()));
        return out;
    }

    /**
     * Connects, checks the host key and logs in with the options' keys, then with the agent's keys
     * when the options name an agent.
     *
     * @throws dev.bulwark.ssh.agent.AgentException when the options' agent cannot be reached or fails to sign
     * @throws HostKeyRejectedException when the host key is not trusted
     * @throws AuthenticationFailedException when the server accepted none of the keys
     * @throws IOException when the connection fails or times out; the whole login (TCP connect,
     *         the server's banner, key exchange, authentication) has a deadline of
     *         {@link ConnectOptions#connectTimeout()} plus twice {@link ConnectOptions#authTimeout()},
     *         after which the socket is closed and a {@link java.net.SocketTimeoutException} names the
     *         phase, whatever the server does (a port that accepts TCP and never sends a banner included)
     */
    public RemoteHost connect(SshTarget target, ConnectOptions options) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        SSHClient client = new SSHClient(config);
        LoginDeadline deadline = LoginDeadline.arm(client, target, options);
        RemoteHost host;
        try {
            host = connect(client, target, options, deadline);
        } catch (IOException | RuntimeException e) {
            deadline.disarm();
            // A socket closed under sshj's banner read can surface as a runtime exception.
            if (deadline.fired()) {
                throw deadline.explain(e);
            }
            throw e;
        }
        if (!deadline.disarm()) {
            host.close();
            throw deadline.explain(new IOException("the login finished just as its deadline passed"));
        }
        return host;
    }

    private RemoteHost connect(SSHClient client, SshTarget target, ConnectOptions options, LoginDeadline deadline)
            throws IOException {
        HostKeyCheck check = new HostKeyCheck(options.hostKeys(), Clock.systemUTC());
        client.addHostKeyVerifier(check);
        client.setConnectTimeout(millis(options.connectTimeout()));
        client.getTransport().setTimeoutMs(millis(options.authTimeout()));
        client.getConnection().setTimeoutMs(millis(options.authTimeout()));
        boolean ok = false;
        SshAgent agent = null;
        try {
            if (options.agent().isPresent()) {
                agent = SshAgent.connect(options.agent().get(), options.authTimeout());
            }
            try {
                client.connect(target.host(), target.port());
            } catch (SocketException | SocketTimeoutException e) {
                throw naming(target, e);
            } catch (TransportException e) {
                if (check.rejection().isPresent()) {
                    throw check.rejection().get();
                }
                boolean noCommonAlgorithm = String.valueOf(e.getMessage()).startsWith("Unable to reach a settlement");
                throw new IOException("SSH handshake with " + target.host() + ":" + target.port() + " failed: "
                        + e.getMessage() + (noCommonAlgorithm ? ". " + ModernAlgorithms.refusedLegacy() : ""), e);
            }
            deadline.phase("authentication");
            long keepAlive = options.keepAlive().getSeconds();
            if (keepAlive > 0) {
                client.getConnection().getKeepAlive().setKeepAliveInterval((int) Math.min(Integer.MAX_VALUE, keepAlive));
            }
            LoginMethods login = LoginMethods.of(options, agent);
            try {
                client.auth(target.user(), login.methods());
            } catch (UserAuthException | TransportException e) {
                Optional<AgentException> agentFailure = login.agentFailure();
                if (agentFailure.isPresent()) {
                    throw agentFailure.get();
                }
                if (e instanceof UserAuthException) {
                    throw new AuthenticationFailedException(target, login.explicitKeys(), agent != null, login.agentKeys());
                }
                throw new IOException("SSH authentication on " + target + " failed: " + e.getMessage(), e);
            }
            LOG.debug("connected to {} (host key {})", target, check.presented().map(k -> k.fingerprintSha256()).orElse("?"));
            RemoteHost host = new RemoteHost(client, target, options, check.presented().orElseThrow(),
                    check.acceptedOnFirstUse(), login.keyAlgorithms());
            ok = true;
            return host;
        } finally {
            if (agent != null) {
                agent.close();
            }
            if (!ok) {
                try {
                    client.close();
                } catch (IOException e) {
                    LOG.debug("closing failed connection to {}: {}", target, e.toString());
                }
            }
        }
    }

    /**
     * The socket failure with the address in its message ("connection to 127.0.0.1:2222 failed:
     * Connection refused"), of the same type, so that callers checking for a
     * {@link ConnectException} or a timeout still see one; other types are kept as they are.
     */
    static IOException naming(SshTarget target, IOException e) {
        String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
        String message = "connection to " + host + ":" + target.port() + " failed: " + e.getMessage();
        IOException named;
        if (e instanceof ConnectException) {
            named = new ConnectException(message);
        } else if (e instanceof NoRouteToHostException) {
            named = new NoRouteToHostException(message);
        } else if (e instanceof SocketTimeoutException) {
            named = new SocketTimeoutException(message);
        } else if (e.getClass() == SocketException.class) {
            named = new SocketException(message);
        } else {
            return e;
        }
        named.initCause(e);
        return named;
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    @Override
    public String toString() {
        return "SshConnector[sshj]";
    }
}
